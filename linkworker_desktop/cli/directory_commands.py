"""CLI commands for the community directory: import a feed, search it, load postcodes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from linkworker_desktop.cli.output import fit
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.directory import Directory, SearchHit


def cmd_import_directory(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        report = Directory(opened).import_file(Path(args.file), args.feed or "")
    finally:
        opened.close()
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        return 0
    print(
        f"Imported {args.file}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.rejected)} rejected."
    )
    for rejected in report.rejected:
        print(f"  rejected {rejected.where}: {rejected.reason}", file=sys.stderr)
    return 0


NAME_WIDTH = 48


def cmd_directory(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise ValidationError({"limit": "--limit cannot be negative (0 shows every result)."})
    if args.within is not None and not args.near:
        raise ValidationError(
            {"within": "The option --within needs --near POSTCODE to measure from."}
        )
    opened = args.open_profile(args)
    try:
        found = Directory(opened).search(
            args.search or "",
            category=args.category or "",
            free_only=args.free,
            near_postcode=args.near or "",
            within_km=args.within,
            limit=None,
        )
    finally:
        opened.close()
    hits = found[: args.limit] if args.limit else found
    if args.json:
        print(
            json.dumps(
                {"total": len(found), "shown": len(hits), "results": [_as_json(h) for h in hits]},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    for hit in hits:
        when = f"next {hit.next_meeting:%a %d %b %H:%M}" if hit.next_meeting else ""
        away = f"{hit.distance_km:.1f} km" if hit.distance_km is not None else ""
        flag = "  (check: not confirmed for a year)" if hit.needs_review else ""
        name = fit(hit.service.name, NAME_WIDTH)
        print(f"{name:<{NAME_WIDTH}} {when:<22} {away}{flag}".rstrip())
    if len(hits) < len(found):
        print(f"{len(hits)} of {len(found)} shown; --limit 0 shows them all.")
    else:
        print(f"{len(found)} result{'s' if len(found) != 1 else ''}")
    return 0


def _as_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.service.id,
        "name": hit.service.name,
        "organisation": hit.service.organisation,
        "categories": hit.service.categories,
        "phones": hit.service.phones,
        "free": hit.service.free,
        "next_meeting": hit.next_meeting.isoformat() if hit.next_meeting else None,
        "distance_km": round(hit.distance_km, 2) if hit.distance_km is not None else None,
        "needs_review": hit.needs_review,
        "local": hit.service.source == "local",
    }


def cmd_import_postcodes(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        count = Directory(opened).load_postcodes(Path(args.file))
    finally:
        opened.close()
    print(f"Loaded {count} postcode districts.")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("import-directory", help="import an Open Referral UK JSON feed file")
    p.add_argument("file")
    p.add_argument("--feed", help="a name for the feed (default: the file name)")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(func=cmd_import_directory)

    p = sub.add_parser("directory", help="search the community directory")
    p.add_argument("--search", help="words to look for")
    p.add_argument("--category", help="only this category")
    p.add_argument("--free", action="store_true", help="only free services")
    p.add_argument("--near", help="a postcode: sort by distance from it")
    p.add_argument("--within", type=float, help="with --near: only within this many km")
    p.add_argument(
        "--limit",
        type=int,
        default=200,
        metavar="N",
        help="show at most N results (default 200; 0 shows them all)",
    )
    p.add_argument("--json", action="store_true", help="print JSON: total, shown and results")
    p.set_defaults(func=cmd_directory)

    p = sub.add_parser("import-postcodes", help="load postcode district centroids (CSV)")
    p.add_argument("file", help="CSV of district,latitude,longitude")
    p.set_defaults(func=cmd_import_postcodes)
