"""Restoring a backup: verify it whole, then swap it in beside (never over) the caseload there.

Everything that could fail (the checksums, the key, both integrity checks, an upgrade of an older
schema) happens on a copy in a folder of its own before the profile folder is touched. Only then
is the current caseload's folder renamed aside and the copy renamed into its place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

from linkworker_desktop.services.backup_info import (
    BackupError,
    BackupInfo,
    newer_backup,
    not_restored,
    read_backup_info,
)
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.profile import (
    OpenProfile,
    ProfileFiles,
    ProvenKey,
    make_private_folder,
    open_profile,
)
from linkworker_desktop.services.restored_copy import give_new_identity
from linkworker_desktop.storage import backup_file, database
from linkworker_desktop.storage.errors import KeyFileDamaged, StorageError
from linkworker_desktop.storage.keyfile import KdfParams, KeyFile, calibrate, check_new_passphrase
from linkworker_desktop.storage.migrations import latest_version

ASIDE = ".before-restore-"


def restore_backup(
    path: Path,
    files: ProfileFiles,
    secret: str,
    *,
    recovery: bool = False,
    new_passphrase: str | None = None,
    kdf: KdfParams | None = None,
) -> OpenProfile:
    """Restore the backup at ``path`` into ``files`` and return the caseload open.

    ``secret`` is the passphrase of the backup's time (or its recovery key with ``recovery``);
    ``new_passphrase``, when given, replaces it (the recovery key stays the one written down).
    Any caseload already in ``files.folder`` is kept: its whole folder is renamed to a sibling
    ``<folder>.before-restore-YYYYMMDD-HHMMSS`` (see :func:`kept_aside`), never overwritten.
    Close it before restoring. The restored caseload has a new client id, no OS-keyring slot and
    no hub enrolment (enrol it again to sync); its changes the hub had not acknowledged when the
    backup was made stay queued, under the new client id, so the hub applies them.
    """
    path = Path(path)
    if new_passphrase is not None:
        check_new_passphrase(new_passphrase)
    info = read_backup_info(path)
    if info.schema_version > latest_version():
        raise newer_backup(path, info.schema_version)
    staging = files.folder.parent / f".{files.folder.name}.restoring-{uuid.uuid4().hex[:8]}"
    try:
        make_private_folder(staging)
        keyfile, data_key = _prove(path, info, staging, secret, recovery)
        _prepare(path, info, staging, keyfile, data_key, new_passphrase, kdf)
        _swap_in(staging, files)
    except OSError as exc:
        raise BackupError(
            f"The backup could not be restored into {files.folder} ({exc.strerror or exc}), "
            "so nothing was changed."
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    keyfile.path = files.keys
    return open_profile(ProvenKey(files, keyfile, data_key))


def kept_aside(files: ProfileFiles) -> list[Path]:
    """Caseload folders a restore set aside beside ``files.folder``, oldest first."""
    parent, name = files.folder.parent, files.folder.name
    if not parent.is_dir():
        return []
    return sorted(p for p in parent.iterdir() if p.name.startswith(name + ASIDE) and p.is_dir())


def _prove(
    path: Path, info: BackupInfo, staging: Path, secret: str, recovery: bool
) -> tuple[KeyFile, bytes]:
    """Unwrap the data key from the backup's key file and check the database with it."""
    keys_path = staging / backup_file.KEYS
    database_path = staging / backup_file.DATABASE
    backup_file.extract(path, backup_file.KEYS, keys_path)
    try:
        keyfile = KeyFile.load(keys_path)
        data_key = (
            keyfile.open_with_recovery(secret) if recovery else keyfile.open_with_passphrase(secret)
        )
    except KeyFileDamaged as exc:
        raise not_restored(path, "damaged (its key file cannot be read)") from exc
    if data_key is None:
        made = info.made_at.astimezone(local_zone()).strftime("%d %b %Y")
        what = "recovery key" if recovery else "passphrase"
        raise BackupError(
            f"That {what} does not open the backup {path.name}: use the {what} the caseload had "
            f"when it was made ({made}), and nothing was restored."
        )
    backup_file.extract(path, backup_file.DATABASE, database_path)
    try:
        counts = backup_file.check_database(database_path, data_key)
    except backup_file.BackupFileError as exc:
        raise not_restored(path, str(exc)) from exc
    if counts != info.counts:
        raise not_restored(path, "damaged (its row counts do not match its manifest)")
    found = backup_file.schema_version(database_path, data_key)
    if found > latest_version():
        raise newer_backup(path, found)
    return keyfile, data_key


def _prepare(
    path: Path,
    info: BackupInfo,
    staging: Path,
    keyfile: KeyFile,
    data_key: bytes,
    new_passphrase: str | None,
    kdf: KdfParams | None,
) -> None:
    """Upgrade an older schema, then make the copy a caseload of its own (see restore_backup)."""
    try:
        conn = database.connect(staging / backup_file.DATABASE, data_key)
    except StorageError as exc:
        raise BackupError(f"The backup {path.name} could not be opened: {exc}") from exc
    try:
        give_new_identity(conn, info.made_at)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    keyfile.path = staging / backup_file.KEYS
    keyfile.remove_slot("keyring")  # that secret lives in the old computer account's keyring
    if new_passphrase is not None:
        keyfile.set_passphrase(data_key, new_passphrase, kdf or calibrate())
    keyfile.save()


def _swap_in(staging: Path, files: ProfileFiles) -> None:
    """Rename the current folder aside (if it holds anything), then the restored one in."""
    target = files.folder
    aside: Path | None = None
    if target.exists():
        if any(target.iterdir()):
            stamp = datetime.now(local_zone()).strftime("%Y%m%d-%H%M%S")
            aside = target.with_name(f"{target.name}{ASIDE}{stamp}")
            serial = 1
            while aside.exists():
                serial += 1
                aside = target.with_name(f"{target.name}{ASIDE}{stamp}-{serial}")
            os.rename(target, aside)
        else:
            target.rmdir()
    try:
        os.rename(staging, target)
    except OSError:
        if aside is not None:
            with contextlib.suppress(OSError):
                os.rename(aside, target)
        raise
