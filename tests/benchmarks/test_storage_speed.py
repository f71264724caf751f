"""The cost of encryption: the caseload query on the SQLCipher file and on a plain copy."""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlcipher

from linkworker_desktop.services import profile
from linkworker_desktop.storage import records


def test_caseload_query_encrypted(benchmark, caseload):
    opened = profile.open_profile(caseload.proven())
    try:
        rows = benchmark(records.caseload_rows, opened.conn)
    finally:
        opened.close()
    assert len(rows) == caseload.size


def test_caseload_query_plain(benchmark, caseload):
    conn = sqlcipher.connect(str(caseload.plain_path))  # same library, no key: plain SQLite
    conn.execute("PRAGMA cache_size = -65536")  # the same cache the app gives its caseload
    try:
        rows = benchmark(records.caseload_rows, conn)
    finally:
        conn.close()
    assert len(rows) == caseload.size


def test_open_database_with_proven_key(benchmark, caseload):
    """Opening with a proved key: no KDF, just SQLCipher's keyed open and the schema check."""
    proven = caseload.proven()

    def open_and_close():
        profile.open_profile(proven).close()

    benchmark(open_and_close)
