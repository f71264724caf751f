"""Each report test gets an empty caseload on a real SQLCipher file and the moves to fill it."""

from __future__ import annotations

import pytest

from tests.support.report_caseload import Caseload


@pytest.fixture
def caseload(open_profile, monkeypatch) -> Caseload:
    return Caseload(open_profile, monkeypatch)
