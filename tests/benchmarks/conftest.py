"""Generated caseloads of 1k, 10k and 50k synthetic patients, built once per benchmark run.

Benchmarks are not part of the default test run: ``pytest tests/benchmarks -m benchmark``.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.services import demo, profile
from tests.conftest import FAST_KDF, PASSPHRASE

SIZES = (1_000, 10_000, 50_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/benchmarks" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.benchmark)
            item.add_marker(pytest.mark.timeout(3600))  # building a 50k caseload takes minutes


class GeneratedCaseload:
    """A profile folder holding ``size`` demo patients, and an unencrypted copy of it."""

    def __init__(self, folder, size):
        self.size = size
        self.files = profile.ProfileFiles(folder / "profile")
        opened, _ = profile.create_profile(
            self.files, PASSPHRASE, "Bench Worker", "Bench Team", kdf=FAST_KDF
        )
        demo.add_demo_caseload(opened, size, seed=size)
        self.plain_path = folder / "plain.db"
        # sqlcipher_export with an empty key writes the same schema and rows unencrypted.
        opened.conn.execute(f"ATTACH DATABASE '{self.plain_path}' AS plaintext KEY ''")
        opened.conn.execute("SELECT sqlcipher_export('plaintext')")
        opened.conn.execute("DETACH DATABASE plaintext")
        opened.close()

    def proven(self):
        return profile.prove_passphrase(self.files, PASSPHRASE)


_built: dict[int, GeneratedCaseload] = {}


def built(size: int, tmp_path_factory) -> GeneratedCaseload:
    """One generated caseload per size for the whole run (building 50k takes minutes)."""
    if size not in _built:
        _built[size] = GeneratedCaseload(tmp_path_factory.mktemp(f"caseload{size}"), size)
    return _built[size]


@pytest.fixture(scope="session", params=SIZES, ids=lambda n: f"{n // 1000}k")
def caseload(request, tmp_path_factory):
    return built(request.param, tmp_path_factory)
