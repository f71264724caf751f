"""CLI commands for the laptop's side of sync: ``enrol`` and ``sync``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from linkworker_desktop.services import sync_service

INSECURE_HELP = "allow plain http:// to a hub on another computer: records cross unencrypted"


def cmd_enrol(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        response = sync_service.enrol(
            opened, args.hub, args.code, args.device_name, insecure=args.insecure
        )
    finally:
        opened.close()
    team = f", team {response.team_name}" if response.team_name else ""
    print(f"Enrolled with {response.organisation_name}{team} as {response.worker_name}.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        result = sync_service.sync_once(opened, insecure=args.insecure)
    finally:
        opened.close()
    if args.json:
        print(json.dumps(result.as_json(), indent=2))
    else:
        print(
            f"Pushed {result.pushed}, pulled {result.pulled}, "
            f"conflicts {result.conflicts}{', full resync' if result.resynced else ''}."
        )
        for line in result.rejected:
            print(f"  refused by the hub: {line}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("enrol", help="enrol this laptop with the organisation's hub")
    p.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://hub.example.nhs.uk"
    )
    p.add_argument("--code", required=True, help="the one-time code from the hub's administrator")
    p.add_argument("--device-name", help="how the hub lists this laptop (default: its hostname)")
    p.add_argument("--insecure", action="store_true", help=INSECURE_HELP + " (remembered)")
    p.set_defaults(func=cmd_enrol)

    p = sub.add_parser("sync", help="one sync round with the hub")
    p.add_argument("--json", action="store_true", help="print pushed, pulled, conflicts as JSON")
    p.add_argument("--insecure", action="store_true", help=INSECURE_HELP + " (this round)")
    p.set_defaults(func=cmd_sync)
