"""``--self-test`` from the source tree: the checks a bundle runs, on a real throwaway caseload."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import keyring
import keyring.backend
import pytest

from linkworker_desktop import self_test
from linkworker_desktop.domain import nhs_number
from linkworker_desktop.storage import migrations
from tests.storage.test_os_keyring import PlaintextFileKeyring
from tests.test_version import pyproject_version

TODAY = date(2026, 11, 30)
CORE_NAMES = [
    "encrypted-profile",
    "patient",
    "demo-data",
    "plan-pdf",
    "keyring",
    "newer-caseload-refused",
]


@pytest.fixture(autouse=True)
def installed_keyrings(memory_keyring, monkeypatch):
    """The backends 'installed': the test's own keyring, not every stand-in the suite defines."""
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [memory_keyring])


def run(*extra: self_test.Check) -> tuple[int, dict]:
    out = io.StringIO()
    code = self_test.main(extra, today=TODAY, out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    return code, json.loads(lines[0])


def test_every_check_passes_and_one_json_line_says_what_was_checked():
    code, report = run()
    assert code == 0
    assert report["ok"] is True
    assert report["version"] == pyproject_version()
    assert [c["name"] for c in report["checks"]] == CORE_NAMES
    assert [c["ok"] for c in report["checks"]] == [True] * len(CORE_NAMES)
    details = {c["name"]: c["detail"] for c in report["checks"]}
    schema = migrations.latest_version()
    assert details["encrypted-profile"].endswith(f", schema {schema}, in a temporary folder")
    number = details["patient"].rsplit(" ", 1)[-1]
    assert number.startswith("999") and nhs_number.is_valid(number)
    assert details["demo-data"] == "added 3 synthetic demo patients"
    assert details["plan-pdf"].endswith(" bytes, DejaVuSans embedded")
    assert details["keyring"] == (
        "Using the system keyring (MemoryKeyring). No plain-text keyring is installed."
    )
    assert details["newer-caseload-refused"] == (
        "This caseload was saved by a newer version of Linkworker Desktop "
        f"(schema {schema + 1}; this app knows up to {schema}): update the app to open it "
        "(nothing has been changed)."
    )


def test_a_failing_check_exits_1_and_the_others_still_report():
    def broken(_run: self_test.SelfTestRun) -> str:
        raise self_test.CheckFailed("the printer driver is missing")

    code, report = run(("printer", broken))
    assert code == 1
    assert report["ok"] is False
    assert report["checks"][-1] == {
        "name": "printer",
        "ok": False,
        "detail": "the printer driver is missing",
    }
    assert [c["ok"] for c in report["checks"][:-1]] == [True] * len(CORE_NAMES)


def test_a_plain_text_keyring_in_the_installation_fails_the_self_test(monkeypatch):
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [PlaintextFileKeyring()])
    code, report = run()
    assert code == 1
    checked = {c["name"]: c for c in report["checks"]}
    assert checked["keyring"] == {
        "name": "keyring",
        "ok": False,
        "detail": "a plain-text keyring is installed (keyrings.alt.file.PlaintextFileKeyring)",
    }
    assert checked["patient"]["ok"] is True


def test_the_throwaway_profile_is_removed_and_the_workers_own_is_never_touched(tmp_path):
    seen: list[Path] = []

    def remember(run_: self_test.SelfTestRun) -> str:
        seen.append(run_.folder)
        assert (run_.folder / "profile" / "caseload.db").is_file()
        return "seen"

    code, _report = run(("folder", remember))
    assert code == 0
    assert len(seen) == 1
    assert not seen[0].exists()
    assert not (tmp_path / "default-profile").exists()  # LINKWORKER_DATA_DIR, set by conftest


def test_a_check_that_writes_nothing_readable_back_fails(monkeypatch):
    """The patient check compares what it read with what it wrote, field by field."""
    from linkworker_desktop.services.caseload import CaseloadService

    real = CaseloadService.patient_by_nhs_number

    def altered(self, text):
        found = real(self, text)
        found.family_name += "x"
        return found

    monkeypatch.setattr(CaseloadService, "patient_by_nhs_number", altered)
    code, report = run()
    assert code == 1
    checked = {c["name"]: c for c in report["checks"]}
    assert checked["patient"] == {
        "name": "patient",
        "ok": False,
        "detail": "the patient read back differs from the one written",
    }


def test_an_unexpected_error_is_named_and_the_checks_that_needed_it_say_skipped(monkeypatch):
    from linkworker_desktop.services import profile

    def full_disk(*_args, **_kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(profile, "create_profile", full_disk)
    code, report = run()
    assert code == 1
    assert {c["name"]: c["detail"] for c in report["checks"] if not c["ok"]} == {
        "encrypted-profile": "OSError: No space left on device",
        "patient": "skipped: no encrypted profile is open",
        "demo-data": "skipped: no encrypted profile is open",
        "plan-pdf": "skipped: no encrypted profile is open",
        "newer-caseload-refused": "OSError: No space left on device",
    }
    assert [c["name"] for c in report["checks"] if c["ok"]] == ["keyring"]
