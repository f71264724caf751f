"""CLI commands for backups: ``backup`` makes one, ``restore`` brings one back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from linkworker_desktop.services import backups
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.profile import ProfileFiles, default_data_dir
from linkworker_desktop.sync import state


def _counted(counts: dict[str, int]) -> str:
    shown = [f"{counts.get(table, 0)} {table}" for table in ("patients", "referrals", "sessions")]
    return ", ".join(shown[:-1]) + f" and {shown[-1]}"


def cmd_backup(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        # --to is a one-off copy; without it, the chosen folder keeps its set of generations.
        info = backups.make_backup(opened, Path(args.to)) if args.to else backups.backup_now(opened)
    finally:
        opened.close()
    size = info.path.stat().st_size
    print(f"Backed up {_counted(info.counts)} to {info.path} ({size / 1_000_000:.1f} MB).")
    print("It opens with this caseload's current passphrase or recovery key.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    files = ProfileFiles(Path(args.data_dir) if args.data_dir else default_data_dir())
    info = backups.read_backup_info(Path(args.file))
    secret = args.asker.ask(
        "Recovery key: " if args.recovery else "Passphrase the caseload had when backed up: "
    )
    new = None
    if args.recovery or args.new_passphrase:
        # With the recovery key, as with ``recover``, the forgotten passphrase is replaced.
        new = args.asker.ask_new("New passphrase (10 characters or more): ")
    opened = backups.restore_backup(
        info.path, files, secret, recovery=args.recovery, new_passphrase=new
    )
    try:
        hub = state.get(opened.conn, "restored_hub")
    finally:
        opened.close()
    made = info.made_at.astimezone(local_zone()).strftime("%d %b %Y %H:%M")
    print(f"Restored {_counted(info.counts)} from the backup made {made} into {files.folder}.")
    aside = backups.kept_aside(files)
    if aside:
        print(f"The caseload that was there is kept, unchanged, in {aside[-1]}.")
    if hub:
        print(
            f"This copy is no longer enrolled with {hub}: ask for a new enrolment code and run "
            "'linkworker enrol' to sync again."
        )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="write one backup file of the whole caseload")
    p.add_argument(
        "--to", metavar="FOLDER", help="the folder (default: the one chosen in Settings)"
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup (the caseload here is kept aside)")
    p.add_argument("file", metavar="FILE", help="a .lwbackup file")
    p.add_argument(
        "--recovery",
        action="store_true",
        help="open it with the recovery key, then set a new passphrase",
    )
    p.add_argument(
        "--new-passphrase", action="store_true", help="set a new passphrase after restoring"
    )
    p.set_defaults(func=cmd_restore)
