"""CLI commands for the laptop's side of sync: ``enrol`` and ``sync``.

The sync client and its HTTP stack are loaded by these commands, not when the command line
starts.
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any
from urllib.parse import urlsplit

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services import machine_config


def _choose_hub(args: argparse.Namespace) -> None:
    """The organisation's hub when its machine configuration sets one; otherwise ``--hub``."""
    fixed = machine_config.current().hub_url
    if not fixed:
        if not args.hub:
            raise ValidationError(
                {"hub": "Give the hub's address with --hub (like https://hub.example.nhs.uk)."}
            )
        return
    if args.hub and args.hub.strip().rstrip("/") != fixed:
        raise ValidationError(
            {
                "hub": f"This computer's hub is set by your organisation ({fixed}); "
                "enrol without --hub."
            }
        )
    args.hub = fixed


def _check_enrolment(args: argparse.Namespace) -> None:
    """Refuse what the hub's enrolment request cannot carry, before the caseload is unlocked."""
    _choose_hub(args)
    try:
        parts = urlsplit(args.hub)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    if not usable:
        raise ValidationError(
            {
                "hub": f"The hub address {args.hub!r} is not a web address; use one like "
                "https://hub.example.nhs.uk from the hub's administrator."
            }
        )
    if not 4 <= len(args.code.strip()) <= 64:
        raise ValidationError(
            {
                "code": "The enrolment code is not the right length; copy the whole code the "
                "hub's administrator gave you."
            }
        )
    from linkworker_desktop.sync.protocol import PRINTABLE

    if args.device_name is not None and not (
        0 < len(args.device_name) <= 120 and re.fullmatch(PRINTABLE, args.device_name)
    ):
        raise ValidationError(
            {"device_name": "The device name needs 1 to 120 printable characters."}
        )


INSECURE_HELP = "allow plain http:// to a hub on another computer: records cross unencrypted"


def cmd_enrol(args: argparse.Namespace) -> int:
    from linkworker_desktop.services import sync_service

    _check_enrolment(args)
    args.code = args.code.strip()
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
    from linkworker_desktop.services import held_changes, sync_service

    opened = args.open_profile(args)
    try:
        result = sync_service.sync_once(opened, insecure=args.insecure)
        held = held_changes.held_changes(opened)
    finally:
        opened.close()
    if args.json:
        report = result.as_json()
        report["set_aside"] = {"count": len(held), "changes": [h.as_json() for h in held]}
        print(json.dumps(report, indent=2))
    else:
        print(
            f"Pushed {result.pushed}, pulled {result.pulled}, "
            f"conflicts {result.conflicts}{', full resync' if result.resynced else ''}."
        )
        for line in result.rejected:
            print(f"  refused by the hub: {line}")
        if held:
            print(f"{held_changes.summary(len(held))} (kept here, tried again each round):")
            for change in held:
                print(f"  {change.description}: {change.reason}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("enrol", help="enrol this laptop with the organisation's hub")
    p.add_argument(
        "--hub",
        help="the hub's address, e.g. https://hub.example.nhs.uk (not needed where the "
        "organisation's machine configuration sets it)",
    )
    p.add_argument("--code", required=True, help="the one-time code from the hub's administrator")
    p.add_argument("--device-name", help="how the hub lists this laptop (default: its hostname)")
    p.add_argument("--insecure", action="store_true", help=INSECURE_HELP + " (remembered)")
    p.set_defaults(func=cmd_enrol)

    p = sub.add_parser("sync", help="one sync round with the hub")
    p.add_argument(
        "--json",
        action="store_true",
        help="print pushed, pulled, conflicts and changes set aside as JSON",
    )
    p.add_argument("--insecure", action="store_true", help=INSECURE_HELP + " (this round)")
    p.set_defaults(func=cmd_sync)
