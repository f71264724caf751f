"""CLI commands for reports: the figures for a period, the coding tick, and the IMD table."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from linkworker_desktop.cli.output import os_reason
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import NotADate, parse_uk_date
from linkworker_desktop.reports import Period, report_to_json
from linkworker_desktop.reports.model import GROUPINGS
from linkworker_desktop.reports.text import report_text
from linkworker_desktop.services.coding import set_coded
from linkworker_desktop.services.imd import load_imd


def typed_date(text: str, option: str) -> date:
    """A date as a person types it (2026-04-01 or 01/04/2026); a clear error otherwise."""
    try:
        return parse_uk_date(text)
    except NotADate as exc:
        raise ValidationError({option: f"{option} {text!r}: {exc}"}) from exc


def period_of(args: argparse.Namespace) -> Period:
    return Period(typed_date(args.date_from, "--from"), typed_date(args.date_to, "--to"))


def cmd_report(args: argparse.Namespace) -> int:
    from linkworker_desktop.services.report_exports import suppress_below  # PDF and workbooks
    from linkworker_desktop.services.reports import caseload_report

    period = period_of(args)
    opened = args.open_profile(args)
    try:
        report = caseload_report(opened, period, datetime.now().astimezone(), by=args.by)
        threshold = suppress_below(opened)
    finally:
        opened.close()
    written = write_exports(args, report, threshold)
    if args.json:
        print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    elif not written:
        print(report_text(report), end="")
    return 0


def write_exports(args: argparse.Namespace, report: Any, threshold: int) -> list[Path]:
    """The --pdf, --xlsx and --csv files asked for, small numbers suppressed; says each one."""
    from linkworker_desktop.reports import exports  # reportlab and openpyxl, only when asked

    written = []
    for kind in exports.FORMATS:
        path = getattr(args, kind, None)
        if not path:
            continue
        try:
            written.append(exports.save(report, path, kind, threshold))
        except OSError as exc:
            raise ValidationError(
                {kind: f"Could not write {path} ({os_reason(exc)}), so nothing was saved."}
            ) from exc
        print(f'Wrote {written[-1]}; counts from 1 to {threshold - 1} are shown as "<{threshold}".')
    return written


def cmd_referral_coded(args: argparse.Namespace) -> int:
    on = None if args.undo else (typed_date(args.on, "--on") if args.on else date.today())
    opened = args.open_profile(args)
    try:
        set_coded(opened, args.referral_id, on, declined=args.declined)
    finally:
        opened.close()
    what = "The decline" if args.declined else "The referral"
    if on is None:
        print(f"{what} is no longer marked as coded in the GP record.")
    else:
        print(f"{what} is marked as coded in the GP record on {on.isoformat()}.")
    return 0


def cmd_import_imd(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        count = load_imd(opened, Path(args.file))
    finally:
        opened.close()
    print(f"Loaded deprivation deciles for {count} postcodes.")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="the service's figures for a period (dates included)")
    p.add_argument("--from", dest="date_from", required=True, help="first day, e.g. 2026-04-01")
    p.add_argument("--to", dest="date_to", required=True, help="last day, e.g. 2026-06-30")
    p.add_argument("--by", choices=GROUPINGS, help="the same figures for each worker, team, …")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    for kind, what in (("csv", "a CSV table"), ("xlsx", "a spreadsheet"), ("pdf", "the PDF pack")):
        p.add_argument(
            f"--{kind}", metavar="FILE", help=f"write {what}: no names, small numbers suppressed"
        )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("referral", help="a referral's coding in the GP record")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    coded = actions.add_parser("coded", help="tick that the practice coded this referral")
    coded.add_argument("referral_id")
    coded.add_argument("--on", help="the day the practice confirmed it (default today)")
    coded.add_argument(
        "--declined", action="store_true", help="the decline's code, not the referral's"
    )
    coded.add_argument("--undo", action="store_true", help="take the tick away again")
    coded.set_defaults(func=cmd_referral_coded)

    p = sub.add_parser("import-imd", help="load deprivation deciles by postcode (CSV)")
    p.add_argument("file", help="CSV of postcode,decile (1 most deprived to 10)")
    p.set_defaults(func=cmd_import_imd)
