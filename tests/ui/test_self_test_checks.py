"""``linkworker-desktop --self-test`` through the real entry point, Qt checks included."""

from __future__ import annotations

import json

import keyring.backend
import pytest

from linkworker_desktop.ui import launch

NAMES = [
    "encrypted-profile",
    "patient",
    "demo-data",
    "plan-pdf",
    "keyring",
    "newer-caseload-refused",
    "qt",
    "print-preview",
]


@pytest.fixture(autouse=True)
def installed_keyrings(memory_keyring, monkeypatch, qapp):
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [memory_keyring])
    # The self-test forces the off-screen platform; keep the suite's own setting afterwards.
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    # It names the application and sets its icon, as the app does: put the suite's back.
    names = (qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName())
    icon = qapp.windowIcon()
    yield
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    qapp.setDesktopFileName(names[2])
    qapp.setWindowIcon(icon)


def test_the_entry_point_runs_every_check_off_screen_and_exits_0(qapp, capsys):
    assert launch.main(["--self-test"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert [c["name"] for c in report["checks"]] == NAMES
    assert [c["ok"] for c in report["checks"]] == [True] * len(NAMES)
    assert report["ok"] is True
    checked = {c["name"]: c["detail"] for c in report["checks"]}
    assert checked["qt"].endswith(" on the offscreen platform")
    assert checked["print-preview"] == "the print preview shows 1 page(s)"


def test_a_missing_module_still_answers_in_one_json_line_and_exits_1(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def without_self_test(name, *args, **kwargs):
        if name == "linkworker_desktop.ui.self_test_checks":
            raise ModuleNotFoundError("No module named 'PIL'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_self_test)
    assert launch.main(["--self-test"]) == 1
    out, _err = capsys.readouterr()
    assert json.loads(out) == {
        "app": "linkworker-desktop",
        "ok": False,
        "checks": [
            {"name": "import", "ok": False, "detail": "ModuleNotFoundError: No module named 'PIL'"}
        ],
    }
