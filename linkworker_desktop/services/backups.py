"""Backups: one file holding a snapshot of the caseload, its key file and a manifest.

The snapshot is taken with SQLite's online backup API on the keyed connection, so it stays
encrypted with the caseload's own data key: the file opens only with the passphrase or the
recovery key of the time it was made. It is written under a temporary name, checked, then
renamed, so an interrupted backup never leaves a file that looks like one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from linkworker_desktop import __version__
from linkworker_desktop.services.profile import OpenProfile, ProfileFiles, ProvenKey, open_profile
from linkworker_desktop.storage import database
from linkworker_desktop.storage.errors import StorageError
from linkworker_desktop.storage.keyfile import KeyFile
from linkworker_desktop.storage.migrations import current_version, latest_version
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.sync import state as sync_state

FORMAT = "linkworker-backup"
SUFFIX = ".lwbackup"
REMINDER_DAYS = 7
_COUNTED = ("patients", "referrals", "appointments", "sessions")
_SETTING = "backup.settings"
_LAST = "backup.last"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    app_version: str
    schema_version: int
    counts: dict[str, int]
    worker_name: str


class BackupError(Exception):
    """A backup could not be made or restored; ``str(exc)`` is one plain sentence."""


class NewerBackup(BackupError):
    """The backup was made by a newer version of the app than this one."""


@dataclass(frozen=True)
class BackupSettings:
    folder: Path | None
    keep: int = 7
    daily: bool = True
    on_quit: bool = True


def backup_name(now: datetime) -> str:
    """The file's name, in the laptop's local time so people recognise it."""
    return f"caseload-{now.astimezone():%Y-%m-%d-%H%M}{SUFFIX}"


def _counts(conn: Any) -> dict[str, int]:
    return {
        table: conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
        for table in _COUNTED
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _snapshot(profile: OpenProfile, target: Path) -> None:
    """Copy the caseload page by page under its own key: nothing is ever written in plain."""
    copy = sqlcipher.connect(str(target), isolation_level=None)
    try:
        copy.executescript(database._key_pragma(profile.data_key))
        profile.conn.backup(copy)
    finally:
        copy.close()


def make_backup(profile: OpenProfile, folder: Path, now: datetime | None = None) -> BackupInfo:
    """Write one backup file into ``folder`` and remember it as the last good backup."""
    made_at = (now or datetime.now(UTC)).astimezone(UTC)
    if not folder.is_dir():
        raise BackupError(
            f"The backup folder {folder} is not there: plug in the drive or choose another folder."
        )
    target = folder / backup_name(made_at)
    partial = folder / f".{target.name}.partial"
    manifest = {
        "format": FORMAT,
        "app_version": __version__,
        "schema_version": current_version(profile.conn),
        "made_at": made_at.isoformat(),
        "counts": _counts(profile.conn),
        "worker_name": profile.worker_name,
    }
    try:
        with tempfile.TemporaryDirectory(prefix="lwbackup-") as scratch:
            snapshot = Path(scratch) / "caseload.db"
            _snapshot(profile, snapshot)
            manifest["sha256"] = _sha256(snapshot)
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(snapshot, "caseload.db")
                archive.write(profile.files.keys, "caseload.keys")
                archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        read_backup_info(partial)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"The backup could not be written to {folder}: {exc.strerror or exc}."
        ) from exc
    info = _info(target, manifest)
    with UnitOfWork(profile.conn, profile.actor) as uow:
        uow.set_setting(_LAST, {**manifest, "path": str(target)})
    return info


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    return BackupInfo(
        path=path,
        made_at=datetime.fromisoformat(manifest["made_at"]).astimezone(UTC),
        app_version=str(manifest["app_version"]),
        schema_version=int(manifest["schema_version"]),
        counts={str(k): int(v) for k, v in manifest["counts"].items()},
        worker_name=str(manifest["worker_name"]),
    )


def read_backup_info(path: Path) -> BackupInfo:
    """What a backup holds, read from its manifest (no key needed, nothing private in it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            names = set(archive.namelist())
        if manifest.get("format") != FORMAT or not {"caseload.db", "caseload.keys"} <= names:
            raise ValueError("not a backup")
        return _info(path, manifest)
    except FileNotFoundError as exc:
        raise BackupError(f"There is no file {path}.") from exc
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise BackupError(f"{path.name} is not a Linkworker backup, or it is damaged.") from exc


def restore_backup(
    path: Path, files: ProfileFiles, secret: str, *, recovery: bool = False
) -> OpenProfile:
    """Check the backup opens with ``secret``, keep the current caseload aside, put it in place."""
    info = read_backup_info(path)
    if info.schema_version > latest_version():
        raise NewerBackup(
            f"This backup was made by a newer version of the app ({info.app_version}); "
            "update the app, then restore it."
        )
    files.folder.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix=".restore-", dir=files.folder.parent))
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            archive.extract("caseload.db", unpacked)
            archive.extract("caseload.keys", unpacked)
        if _sha256(unpacked / "caseload.db") != manifest.get("sha256"):
            raise BackupError(f"{path.name} is damaged: its checksum does not match.")
        keyfile = KeyFile.load(unpacked / "caseload.keys")
        opener = keyfile.open_with_recovery if recovery else keyfile.open_with_passphrase
        data_key = opener(secret)
        if data_key is None:
            what = "recovery key" if recovery else "passphrase"
            raise BackupError(
                f"That {what} does not open this backup: use the one of "
                f"{info.made_at.astimezone():%d %b %Y}."
            )
        conn = database.connect(unpacked / "caseload.db", data_key)
        problems = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        if problems != "ok":
            raise BackupError(f"{path.name} is damaged: its database does not check out.")
        if files.exists():
            files.folder.rename(_aside_name(files.folder))
        unpacked.rename(files.folder)
    except (OSError, zipfile.BadZipFile, KeyError, StorageError) as exc:
        raise BackupError(f"{path.name} could not be restored: {exc}") from exc
    finally:
        if unpacked.exists():
            shutil.rmtree(unpacked, ignore_errors=True)
    return open_profile(ProvenKey(files, KeyFile.load(files.keys), data_key))


def _aside_name(folder: Path) -> Path:
    """Where the current caseload is kept, never overwritten: a new name each time."""
    stem = f"{folder.name}-before-restore-{datetime.now():%Y%m%d-%H%M%S}"
    candidate, number = folder.with_name(stem), 1
    while candidate.exists():
        number += 1
        candidate = folder.with_name(f"{stem}-{number}")
    return candidate


def backup_settings(profile: OpenProfile) -> BackupSettings:
    row = profile.conn.execute("SELECT value FROM settings WHERE key = ?", (_SETTING,)).fetchone()
    if row is None:
        return BackupSettings(folder=None)
    saved = json.loads(row[0])
    folder = saved.get("folder")
    return BackupSettings(
        folder=Path(folder) if folder else None,
        keep=int(saved.get("keep", 7)),
        daily=bool(saved.get("daily", True)),
        on_quit=bool(saved.get("on_quit", True)),
    )


def save_backup_settings(profile: OpenProfile, settings: BackupSettings) -> None:
    value = {
        "folder": str(settings.folder) if settings.folder else "",
        "keep": max(1, settings.keep),
        "daily": settings.daily,
        "on_quit": settings.on_quit,
    }
    with UnitOfWork(profile.conn, profile.actor) as uow:
        uow.set_setting(_SETTING, value)


def last_good_backup(profile: OpenProfile) -> BackupInfo | None:
    row = profile.conn.execute("SELECT value FROM settings WHERE key = ?", (_LAST,)).fetchone()
    if row is None:
        return None
    saved = json.loads(row[0])
    return _info(Path(saved["path"]), saved)


def backup_due(profile: OpenProfile, now: datetime) -> bool:
    settings = backup_settings(profile)
    if settings.folder is None or not settings.daily:
        return False
    last = last_good_backup(profile)
    return last is None or now - last.made_at >= timedelta(days=1)


def reminder_due(profile: OpenProfile, now: datetime) -> bool:
    """A laptop with no hub to hold its changes, and no backup for a week."""
    if sync_state.get(profile.conn, "hub_url"):
        return False
    last = last_good_backup(profile)
    if last is not None:
        since = last.made_at
    else:
        created = profile.conn.execute("SELECT created_at FROM profile").fetchone()[0]
        since = datetime.fromisoformat(created)
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
    return now - since >= timedelta(days=REMINDER_DAYS)


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest backups beyond ``keep``; returns what was removed."""
    found = sorted(folder.glob(f"caseload-*{SUFFIX}"))
    removed = found[: max(0, len(found) - max(1, keep))]
    for old in removed:
        with contextlib.suppress(OSError):
            old.unlink()
    return removed
