"""What a backup file says about itself, and the errors every backup and restore explains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from linkworker_desktop.storage import backup_file
from linkworker_desktop.storage.errors import StorageError
from linkworker_desktop.storage.migrations import latest_version

SUFFIX = ".lwbackup"


class BackupError(StorageError):
    """A backup or restore that did not happen; ``str()`` is one plain sentence for the person."""


class NewerBackup(BackupError):
    """Made by a newer app: restoring it here could lose what that version keeps."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime  # aware, UTC
    app_version: str
    schema_version: int
    counts: dict[str, int]  # rows per table, e.g. {"patients": 200, ...}
    worker_name: str

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "made_at": self.made_at.isoformat(),
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "counts": dict(self.counts),
            "worker_name": self.worker_name,
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any], path: Path | None = None) -> BackupInfo:
        """Read a manifest (or a stored record of one); KeyError/TypeError/ValueError if bad."""
        made_at = datetime.fromisoformat(doc["made_at"])
        if made_at.tzinfo is None:
            raise ValueError("made_at needs its time zone")
        counts = doc["counts"]
        if not isinstance(counts, dict):
            raise TypeError("counts are rows per table")
        return cls(
            path=path or Path(doc["path"]),
            made_at=made_at.astimezone(UTC),
            app_version=str(doc["app_version"]),
            schema_version=int(doc["schema_version"]),
            counts={str(k): int(v) for k, v in counts.items()},
            worker_name=str(doc["worker_name"]),
        )


def not_restored(path: Path, what: str) -> BackupError:
    return BackupError(f"The file {path} is {what}, so nothing was restored.")


def newer_backup(path: Path, schema: int) -> NewerBackup:
    return NewerBackup(
        f"The backup {path} was made by a newer version of Linkworker Desktop (schema {schema}; "
        f"this app knows up to {latest_version()}): update the app to restore it, "
        "and nothing was restored."
    )


def read_backup_info(path: Path) -> BackupInfo:
    """Check the manifest and every part's checksum (no key needed) and describe the backup.

    A backup whose file format is newer than this app raises NewerBackup; one whose caseload
    schema is newer is described (so it can be shown) and refused by the restore itself.
    """
    path = Path(path)
    if not path.exists():
        raise not_restored(path, "not there")
    if not path.is_file():
        raise not_restored(path, "a folder, not a backup file")
    try:
        manifest = backup_file.read_manifest(path)
    except backup_file.BackupFileError as exc:
        raise not_restored(path, str(exc)) from exc
    except OSError as exc:
        raise not_restored(path, f"not readable ({exc.strerror or exc})") from exc
    if manifest["format_version"] > backup_file.VERSION:
        raise newer_backup(path, int(manifest.get("schema_version") or 0))
    try:
        return BackupInfo.from_json(manifest, path)
    except (KeyError, TypeError, ValueError) as exc:
        raise not_restored(path, "damaged (its manifest is unreadable)") from exc
