"""``linkworker import-caseload``: bring a caseload in from spreadsheets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from linkworker_desktop.services.caseload_import import CaseloadImport
from linkworker_desktop.services.import_files import read_source

# Some rows were refused while the rest went in: not a failure, but a script must notice.
ROWS_REFUSED = 2


def cmd_import_caseload(args: argparse.Namespace) -> int:
    path = Path(args.path)
    sheets = read_source(path)  # a missing or unreadable file needs no unlock
    opened = args.open_profile(args)
    try:
        result = CaseloadImport(opened).run(sheets, dry_run=args.dry_run)
    finally:
        opened.close()
    for sheet in sheets.values():
        for header in sheet.unmatched():  # the app's wizard maps these; here they are named
            print(
                f"linkworker: note: {sheet.name} has a column {header!r} the template does not "
                "name, so it is not imported.",
                file=sys.stderr,
            )
    if args.json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        lead = "Dry run, nothing was written. " if args.dry_run else ""
        print(f"{lead}{result.summary()}")
        for refused in result.rejected:
            print(f"  {refused.file} row {refused.row}: {refused.reason}", file=sys.stderr)
    return ROWS_REFUSED if result.rejected else 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import-caseload",
        help="import referrals, contacts and measures from a folder of CSVs or an .xlsx workbook",
    )
    p.add_argument(
        "path", help="a folder with referrals.csv (contacts.csv, measures.csv) or an .xlsx file"
    )
    p.add_argument("--dry-run", action="store_true", help="check and count, but write nothing")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_import_caseload)
