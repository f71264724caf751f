"""``linkworker``: the command line over the same services as the desktop app (no Qt here)."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from linkworker_desktop.cli import (
    backup_commands,
    directory_commands,
    hub_commands,
    print_commands,
    report_commands,
    session_commands,
    sync_commands,
)
from linkworker_desktop.cli.hub_commands import HubAdminError, HubExtraMissing
from linkworker_desktop.cli.output import print_patient, print_rows
from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.measures import MeasureFileError
from linkworker_desktop.domain.nhs_number import InvalidNhsNumber
from linkworker_desktop.domain.openreferral import FeedError
from linkworker_desktop.services import demo, profile
from linkworker_desktop.services.caseload import CaseloadService, PatientNotFound
from linkworker_desktop.services.printouts import ConsentRefused
from linkworker_desktop.services.sync_service import AlreadyEnrolled, NotEnrolled
from linkworker_desktop.storage import database, os_keyring
from linkworker_desktop.storage.errors import StorageError
from linkworker_desktop.sync.transport import SyncError

COMMAND_MODULES = (
    session_commands,
    print_commands,
    directory_commands,
    sync_commands,
    hub_commands,
    backup_commands,
    report_commands,
)


class CliError(Exception):
    """A plain sentence for stderr; the command exits non-zero."""


class Passphrases:
    """Where passphrases come from: the terminal, or standard input for scripts and tests."""

    def __init__(self, from_stdin: bool):
        self.from_stdin = from_stdin

    def ask(self, prompt: str) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise CliError("Expected a passphrase on standard input, but it ended.")
            return line.rstrip("\r\n")
        return getpass.getpass(prompt)

    def ask_new(self, prompt: str) -> str:
        first = self.ask(prompt)
        if not self.from_stdin and getpass.getpass("Type it again: ") != first:
            raise CliError("The two passphrases are different; nothing was changed.")
        return first


def _files(args: argparse.Namespace) -> profile.ProfileFiles:
    return profile.ProfileFiles(
        Path(args.data_dir) if args.data_dir else profile.default_data_dir()
    )


def _open(args: argparse.Namespace) -> profile.OpenProfile:
    files = _files(args)
    opened = profile.unlock_with_keyring(files) if not args.passphrase_stdin else None
    return opened or profile.unlock(files, args.asker.ask("Passphrase: "))


def cmd_init(args: argparse.Namespace) -> int:
    files = _files(args)
    if files.exists():
        raise profile.ProfileExists(files.folder)
    passphrase = args.asker.ask_new("New passphrase (10 characters or more): ")
    opened, recovery = profile.create_profile(
        files, passphrase, args.worker or profile.default_worker_name(), args.team or ""
    )
    opened.close()
    print(f"Created an encrypted caseload in {files.folder}")
    print("Your recovery key (write it down and keep it somewhere safe; it is shown only once):")
    print(f"    {recovery}")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    if args.patients < 0:
        raise CliError("The number of demo patients cannot be negative.")
    opened = _open(args)
    try:
        added = demo.add_demo_caseload(opened, args.patients, seed=args.seed)
    finally:
        opened.close()
    print(f"Added {added} synthetic patients (NHS numbers from the 999 test range).")
    return 0


def cmd_patients(args: argparse.Namespace) -> int:
    status = None
    if args.status:
        try:
            status = ReferralStatus(args.status)
        except ValueError as exc:
            names = ", ".join(s.value for s in ReferralStatus)
            raise CliError(f"Unknown status {args.status!r}; use one of {names}.") from exc
    opened = _open(args)
    try:
        rows = CaseloadService(opened).search(args.search or "", status, args.overdue)
    finally:
        opened.close()
    print_rows(rows, as_json=args.json)
    return 0


def cmd_patient(args: argparse.Namespace) -> int:
    opened = _open(args)
    try:
        service = CaseloadService(opened)
        patient = service.patient_by_nhs_number(args.nhs_number)
        referrals = service.referrals(patient.id)
    finally:
        opened.close()
    print_patient(patient, referrals, as_json=args.json)
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    files = _files(args)
    current = args.asker.ask("Current passphrase: ")
    opened = profile.unlock(files, current)
    try:
        new = args.asker.ask_new("New passphrase (10 characters or more): ")
        profile.change_passphrase(opened, current, new)
    finally:
        opened.close()
    print("Passphrase changed. The recovery key and the caseload file are unchanged.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    files = _files(args)
    key = args.asker.ask("Recovery key: ")
    new = args.asker.ask_new("New passphrase (10 characters or more): ")
    opened, fresh = profile.unlock_with_recovery(files, key, new)
    opened.close()
    print("Passphrase reset. The old recovery key no longer works; here is the new one")
    print("(write it down and keep it somewhere safe; it is shown only once):")
    print(f"    {fresh}")
    return 0


def cmd_keyring(args: argparse.Namespace) -> int:
    available, why = os_keyring.availability()
    if args.action == "status":
        print(why)
        return 0 if available else 1
    opened = profile.unlock(_files(args), args.asker.ask("Passphrase: "))
    try:
        if args.action == "enable":
            profile.enable_keyring(opened)
            print("This computer account can now unlock the caseload without the passphrase.")
        else:
            profile.disable_keyring(opened)
            print("Unlocking now needs the passphrase.")
    finally:
        opened.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="linkworker", description="Linkworker Desktop: the encrypted caseload from a terminal."
    )
    parser.add_argument(
        "--data-dir", help="profile folder (default: the platform's app-data folder)"
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read passphrases from standard input, one a line (for scripts)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="set up a new encrypted caseload and print its recovery key")
    p.add_argument("--worker", help="your name, recorded as the author of every change")
    p.add_argument("--team", help="your team or PCN")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo-data", help="add synthetic demo patients")
    p.add_argument(
        "--patients",
        type=int,
        default=200,
        help="how many (default 200; past about 250, more than one worker's diary holds,"
        " some sessions share a time)",
    )
    p.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_demo_data)

    p = sub.add_parser("patients", help="list the caseload")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--search", help="name or NHS number (part of either)")
    p.add_argument("--status", help="only this referral status, e.g. active")
    p.add_argument("--overdue", action="store_true", help="only overdue patients")
    p.set_defaults(func=cmd_patients)

    p = sub.add_parser("patient", help="show one patient's record")
    p.add_argument("nhs_number")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_patient)

    p = sub.add_parser(
        "change-passphrase", help="change the passphrase (the file is not rewritten)"
    )
    p.set_defaults(func=cmd_change_passphrase)

    p = sub.add_parser("recover", help="set a new passphrase with the recovery key")
    p.set_defaults(func=cmd_recover)

    for module in COMMAND_MODULES:
        module.register(sub)

    p = sub.add_parser("keyring", help="unlock with this computer account: status, enable, disable")
    p.add_argument("action", choices=["status", "enable", "disable"])
    p.set_defaults(func=cmd_keyring)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Notes from below (a throttle file that cannot be used) read like the command's own.
    logging.basicConfig(format="linkworker: note: %(message)s", level=logging.WARNING)
    args.asker = Passphrases(args.passphrase_stdin)
    args.open_profile = _open
    try:
        return int(args.func(args))
    except (
        StorageError,
        ValidationError,
        InvalidNhsNumber,
        CliError,
        PatientNotFound,
        ConsentRefused,
        SyncError,
        NotEnrolled,
        AlreadyEnrolled,
        HubExtraMissing,
        HubAdminError,
        MeasureFileError,
        FeedError,
    ) as exc:
        print(f"linkworker: {exc}", file=sys.stderr)
        return 1
    except database.DatabaseError as exc:
        print(f"linkworker: {database.explain(exc, _files(args).database)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader (head, less) went away; not an error worth a traceback
        return 0
    except KeyboardInterrupt:
        print("linkworker: stopped; nothing was changed.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
