"""Backups of the whole caseload: made while the app runs, kept in generations, restored whole.

A caseload is two files, ``caseload.db`` and ``caseload.keys`` (the only wrapped copies of the
database's key), so a backup holds both, with a manifest (see :mod:`storage.backup_file`). It is
written under a temporary name, checked, then renamed: a backup that exists is a good one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from linkworker_desktop import __version__
from linkworker_desktop.services import settings as declared
from linkworker_desktop.services.backup_info import (
    SUFFIX,
    BackupError,
    BackupInfo,
    NewerBackup,
    read_backup_info,
)
from linkworker_desktop.services.backup_restore import kept_aside, restore_backup
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage import backup_file, database
from linkworker_desktop.storage.migrations import current_version
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.sync import state

__all__ = [
    "BackupError",
    "BackupInfo",
    "BackupSettings",
    "NewerBackup",
    "backup_due",
    "backup_name",
    "backup_now",
    "backup_settings",
    "kept_aside",
    "last_good_backup",
    "make_backup",
    "prune",
    "read_backup_info",
    "reminder_due",
    "restore_backup",
    "save_backup_settings",
]

DAILY = timedelta(hours=24)
REMINDER_AFTER = timedelta(days=7)
LAST_GOOD = "backup.last_good"  # a record of the last backup made and checked, not a setting
_NAME = re.compile(r"^caseload-\d{4}-\d{2}-\d{2}-\d{4}" + re.escape(SUFFIX) + "$")
_PARTIAL = ".part"
_SNAPSHOT_PREFIX = ".backup-snapshot-"
_STALE = 3600  # seconds: a partial this old belongs to a backup that was killed


@dataclass(frozen=True)
class BackupSettings:
    folder: Path | None
    keep: int = 7  # generations kept
    daily: bool = True
    on_quit: bool = True


def backup_name(now: datetime) -> str:
    """``caseload-YYYY-MM-DD-HHMM.lwbackup`` in local time (a naive ``now`` is local already)."""
    local = now if now.tzinfo is None else now.astimezone(local_zone())
    return local.strftime("caseload-%Y-%m-%d-%H%M") + SUFFIX


def _why(folder: Path, exc: OSError) -> BackupError:
    if exc.errno == errno.ENOSPC:
        return BackupError(
            f"There is not enough space in the backup folder {folder}; free some space or "
            "choose another folder (no backup was written)."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR):
        return BackupError(
            f"The backup folder {folder} cannot be written to; choose another folder "
            "(no backup was written)."
        )
    if exc.errno == errno.ENOENT:
        return _gone(folder)
    return BackupError(
        f"Writing the backup to {folder} failed ({exc.strerror or exc}); try again or choose "
        "another folder (no backup was written)."
    )


def _gone(folder: Path) -> BackupError:
    return BackupError(
        f"The backup folder {folder} is not there (a USB stick or network drive may be "
        "unplugged); plug it in or choose another folder (no backup was written)."
    )


def make_backup(profile: OpenProfile, folder: Path, now: datetime | None = None) -> BackupInfo:
    """Write one checked backup of the open caseload into ``folder`` and record it as good.

    Safe while the app runs (the snapshot is one consistent moment). On any failure the folder
    is left without a new file and the last good backup stays the one recorded before.
    """
    folder = Path(folder)
    made_at = _aware(now) if now is not None else datetime.now(UTC)
    if not folder.is_dir():
        raise _gone(folder) if not folder.exists() else _why(folder, OSError(errno.ENOTDIR, ""))
    final = folder / backup_name(now or made_at)
    partial = folder / f".{final.name}.{os.getpid()}{_PARTIAL}"
    _remove_stale(profile.files.folder, _SNAPSHOT_PREFIX, "")
    _remove_stale(folder, ".caseload-", _PARTIAL)
    snapshot: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=_SNAPSHOT_PREFIX, suffix=".db", dir=profile.files.folder)
        os.close(fd)
        snapshot = Path(name)
        snapshot.unlink()  # the backup API makes the file itself, keyed
        backup_file.snapshot(profile.conn, profile.data_key, snapshot)
        counts = backup_file.check_database(snapshot, profile.data_key)
        schema = current_version(profile.conn)
        manifest = {
            "app_version": __version__,
            "schema_version": schema,
            "made_at": made_at.isoformat(),
            "worker_name": profile.worker_name,
            "counts": counts,
        }
        keys = profile.files.keys.read_bytes()
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as fh:
            backup_file.write(fh, manifest, snapshot, keys)
            fh.flush()
            os.fsync(fh.fileno())
        checked = backup_file.read_manifest(partial)  # read back: every part's checksum
        if checked["counts"] != counts:
            raise backup_file.BackupFileError("its counts changed while it was written")
        os.replace(partial, final)
        _sync_folder(folder)
    except OSError as exc:
        raise _why(folder, exc) from exc
    except backup_file.BackupFileError as exc:
        raise BackupError(
            f"The backup written to {folder} did not read back the same ({exc}), so it was "
            "removed; try again or choose another folder."
        ) from exc
    except database.DatabaseError as exc:
        raise BackupError(
            f"The caseload could not be read for the backup ({exc}); nothing was written."
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
        if snapshot is not None:
            for leftover in (snapshot, Path(f"{snapshot}-journal")):
                leftover.unlink(missing_ok=True)
    info = BackupInfo(
        path=final,
        made_at=made_at,
        app_version=__version__,
        schema_version=schema,
        counts=counts,
        worker_name=profile.worker_name,
    )
    with UnitOfWork(profile.conn, profile.actor) as uow:
        uow.set_setting(LAST_GOOD, info.as_json())
    return info


def backup_now(profile: OpenProfile, now: datetime | None = None) -> BackupInfo:
    """The scheduled backup: to the chosen folder, then the oldest generations beyond keep go."""
    chosen = backup_settings(profile)
    if chosen.folder is None:
        raise BackupError("No backup folder is chosen yet; choose one in Settings, Backups.")
    info = make_backup(profile, chosen.folder, now)
    prune(chosen.folder, chosen.keep)
    return info


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_stale(folder: Path, prefix: str, suffix: str) -> None:
    """Partial files of a backup that was killed (kept an hour, so a running one is not hit)."""
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            named = path.name.startswith(prefix) and path.name.endswith(suffix)
            if named and time.time() - path.stat().st_mtime > _STALE:
                path.unlink(missing_ok=True)


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest backups beyond ``keep`` (at least one is always kept).

    Only files named as this app names backups are counted or removed; anything else a person
    keeps in the folder is left alone.
    """
    folder = Path(folder)
    keep = max(1, keep)
    try:
        found = sorted(p for p in folder.iterdir() if _NAME.match(p.name) and p.is_file())
    except OSError:
        return []
    removed = []
    for path in found[: max(0, len(found) - keep)]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


# --- settings and schedule --------------------------------------------------------------------


def backup_settings(profile: OpenProfile) -> BackupSettings:
    settings = profile.settings
    folder = settings.get(declared.BACKUP_FOLDER)
    return BackupSettings(
        folder=Path(folder) if folder else None,
        keep=settings.get(declared.BACKUP_KEEP),
        daily=settings.get(declared.BACKUP_DAILY),
        on_quit=settings.get(declared.BACKUP_ON_QUIT),
    )


def save_backup_settings(profile: OpenProfile, chosen: BackupSettings) -> None:
    settings = profile.settings
    settings.set(declared.BACKUP_FOLDER, str(chosen.folder) if chosen.folder else "")
    settings.set(declared.BACKUP_KEEP, chosen.keep)
    settings.set(declared.BACKUP_DAILY, bool(chosen.daily))
    settings.set(declared.BACKUP_ON_QUIT, bool(chosen.on_quit))


def last_good_backup(profile: OpenProfile) -> BackupInfo | None:
    """The last backup this caseload made and checked (the file may since have been moved)."""
    row = profile.conn.execute("SELECT value FROM settings WHERE key = ?", (LAST_GOOD,)).fetchone()
    if row is None:
        return None
    try:
        return BackupInfo.from_json(json.loads(row[0]))
    except (KeyError, TypeError, ValueError):
        return None


def _aware(now: datetime) -> datetime:
    return now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=local_zone()).astimezone(UTC)


def backup_due(profile: OpenProfile, now: datetime) -> bool:
    """The daily backup is due: a folder is chosen and the last good one is 24 hours old."""
    chosen = backup_settings(profile)
    if chosen.folder is None or not chosen.daily:
        return False
    last = last_good_backup(profile)
    return last is None or _aware(now) - last.made_at >= DAILY


def reminder_due(profile: OpenProfile, now: datetime) -> bool:
    """Remind a laptop no hub holds a copy of: 7 days (or more) since its last backup.

    With no backup yet, the 7 days run from when the caseload was set up.
    """
    if state.get(profile.conn, "hub_url"):
        return False
    last = last_good_backup(profile)
    if last is not None:
        since = last.made_at
    else:
        created = profile.conn.execute("SELECT created_at FROM profile").fetchone()[0]
        since = datetime.fromisoformat(created).astimezone(UTC)
    return _aware(now) - since >= REMINDER_AFTER
