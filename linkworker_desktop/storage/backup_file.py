"""The backup file: one zip holding the encrypted caseload, its key file and a manifest.

The database inside is the SQLCipher file itself, keyed with the same data key, and the key file
wraps that key under the passphrase and recovery key of the day the backup was made: nothing in
it is readable without one of them. The manifest (plain JSON: versions, row counts, who made it
and the SHA-256 of each part) can be read without a key, so a backup can be checked and
described before anyone types a passphrase. Entries are stored, not compressed: encrypted pages
do not compress, and a stored entry is checked by its CRC as well as its checksum.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import IO, Any

from sqlcipher3 import dbapi2 as sqlcipher

from linkworker_desktop.storage.database import key_pragma

FORMAT = "linkworker-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "caseload.db"
KEYS = "caseload.keys"
PARTS = (DATABASE, KEYS)
MAX_MANIFEST_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024


class BackupFileError(Exception):
    """What is wrong with a backup file, in words that follow "the backup … is …"."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def snapshot(conn: Any, data_key: bytes, target: Path) -> None:
    """Copy the open caseload into ``target`` with SQLite's online backup API, keyed the same.

    The backup API copies pages while holding a read transaction, so the copy is one consistent
    moment even while the app keeps writing. The copy is left as one file (no WAL beside it).
    """
    copy = sqlcipher.connect(str(target), isolation_level=None)
    try:
        copy.execute("PRAGMA cipher_log_level = NONE")
        copy.executescript(key_pragma(data_key))
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def check_database(path: Path, data_key: bytes) -> dict[str, int]:
    """Open a caseload copy with its key, run both integrity checks and count every table's rows.

    Raises BackupFileError when the key does not open it or a check fails. Nothing is written:
    the file is opened read-only, so a backup being looked at stays as it was.
    """
    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.executescript(key_pragma(data_key))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise BackupFileError("not a caseload this key opens") from exc
        try:
            cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            plain = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlcipher.DatabaseError as exc:
            raise BackupFileError("damaged inside its encrypted pages") from exc
        if cipher or plain != [("ok",)]:
            raise BackupFileError("damaged inside its encrypted pages")
        return count_rows(conn)
    finally:
        conn.close()


def count_rows(conn: Any) -> dict[str, int]:
    """Rows in every table of the caseload (SQLite's own tables aside)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def schema_version(path: Path, data_key: bytes) -> int:
    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.executescript(key_pragma(data_key))
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def write(fh: IO[bytes], manifest: dict[str, Any], database: Path, keys: bytes) -> dict[str, Any]:
    """Write the zip to an open file; the manifest gains each part's size and SHA-256."""
    manifest = dict(
        manifest,
        format=FORMAT,
        format_version=VERSION,
        parts={
            DATABASE: {"size": database.stat().st_size, "sha256": sha256_of(database)},
            KEYS: {"size": len(keys), "sha256": hashlib.sha256(keys).hexdigest()},
        },
    )
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        archive.write(database, DATABASE)
        archive.writestr(KEYS, keys)
    return manifest


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest, once every part has been read through and matched to its checksum."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if sorted(names) != sorted((MANIFEST, *PARTS)):
                raise BackupFileError("not a Linkworker backup")
            if archive.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
                raise BackupFileError("not a Linkworker backup")
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupFileError("not a Linkworker backup")
            if not isinstance(manifest.get("format_version"), int):
                raise BackupFileError("damaged (its manifest is unreadable)")
            if manifest["format_version"] > VERSION:
                return manifest  # the caller refuses it as newer; its parts are not ours to read
            for name in PARTS:
                expected = (manifest.get("parts") or {}).get(name) or {}
                digest = hashlib.sha256()
                with archive.open(name) as part:
                    while chunk := part.read(_CHUNK):
                        digest.update(chunk)
                if digest.hexdigest() != expected.get("sha256"):
                    raise BackupFileError(f"damaged (its {name} does not match its checksum)")
    except zipfile.BadZipFile as exc:
        if not _starts_as_zip(path):
            raise BackupFileError("not a Linkworker backup") from exc
        text = str(exc)
        if "CRC" in text or "Bad magic" in text or "Truncated" in text or "overlap" in text:
            raise BackupFileError("damaged (a part does not match its checksum)") from exc
        raise BackupFileError(
            "not a complete Linkworker backup (it may have been cut short)"
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupFileError("damaged (its manifest is unreadable)") from exc
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, ValueError) as exc:
        raise BackupFileError("damaged (a part cannot be read)") from exc
    return manifest


def _starts_as_zip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def extract(path: Path, name: str, target: Path) -> None:
    """Copy one part out of the backup into a new owner-only file."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with (
        zipfile.ZipFile(path) as archive,
        archive.open(name) as part,
        open(descriptor, "wb") as out,
    ):
        while chunk := part.read(_CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)
