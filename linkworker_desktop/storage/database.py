"""Open the SQLCipher caseload with a raw data key, refusing anything that is not ours.

The connection belongs to the thread that opened it (SQLite's rule); the UI keeps one on the
GUI thread and the CLI one in its process. Transactions are explicit (autocommit mode), so
every write goes through :class:`~linkworker_desktop.storage.unit_of_work.UnitOfWork`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from linkworker_desktop.storage.errors import (
    CaseloadMissing,
    DamagedDatabase,
    DatabaseTrouble,
    NewerDatabase,
    NotADatabase,
    StorageError,
    UnencryptedDatabase,
)
from linkworker_desktop.storage.migrations import current_version, latest_version, migrate

DatabaseError = sqlcipher.DatabaseError
IntegrityError = sqlcipher.IntegrityError
_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def explain(exc: Exception, path: Path) -> StorageError:
    """A sentence for a failure met after the caseload opened: damage is not a wrong key."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DamagedDatabase(str(path))
    return DatabaseTrouble(str(path), str(exc))


def key_pragma(data_key: bytes) -> str:
    """The raw-key form: SQLCipher skips its own KDF because our key is already random."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def connect(path: Path, data_key: bytes, *, create: bool = False) -> Any:
    """Open (or, with ``create``, make) the caseload at ``path`` and bring its schema up to date.

    Raises NotADatabase, UnencryptedDatabase, NewerDatabase or MigrationFailed; none of them
    leaves the file changed.
    """
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        if not path.exists():
            raise CaseloadMissing(path.name, str(path.parent))
        raise NotADatabase(str(path))
    if exists:
        with open(path, "rb") as fh:
            if fh.read(16) == _PLAIN_SQLITE_HEADER:
                raise UnencryptedDatabase(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not exists:
        # Owner-only from the first byte; SQLite gives its -wal and -shm files the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        # A wrong key is reported by the exception below; SQLCipher's own stderr lines would
        # only clutter the command line's one-sentence errors.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # executescript, not execute: the statement cache would keep the key's text until close.
        conn.executescript(key_pragma(data_key))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as exc:
            raise NotADatabase(str(path)) from exc
        found, known = current_version(conn), latest_version()
        if found > known:
            # Checked before the WAL switch below, which rewrites the file's header.
            raise NewerDatabase(found, known)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 5000")
        # Decrypted pages stay in memory: a 10k caseload is read again without decrypting it.
        conn.execute("PRAGMA cache_size = -65536")
        migrate(conn)
    except DatabaseError as exc:
        conn.close()
        raise explain(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn
