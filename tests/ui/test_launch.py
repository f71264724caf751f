"""``linkworker-desktop`` on a machine without Qt's X11 libraries: one sentence, not Qt's abort."""

from __future__ import annotations

import pytest

from linkworker_desktop.ui import launch
from tests.test_version import pyproject_version

ABSENT = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}


def pretend_absent(soname: str) -> object:
    if soname in ABSENT:
        raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
    return object()


def test_the_missing_libraries_are_named_by_their_debian_packages():
    missing = launch.missing_packages("xcb", "linux", pretend_absent)
    assert missing == ["libxkbcommon-x11-0", "libxcb-cursor0"]
    assert launch.missing_packages("", "linux", pretend_absent) == missing


@pytest.mark.parametrize(("platform", "system"), [("offscreen", "linux"), ("", "win32")])
def test_other_platforms_are_not_checked(platform, system):
    assert launch.missing_packages(platform, system, pretend_absent) == []


def test_the_entry_point_says_what_to_install_and_stops(monkeypatch, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(launch.sys, "platform", "linux")
    monkeypatch.setattr(launch.ctypes, "CDLL", pretend_absent)
    assert launch.main([]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "Linkworker Desktop cannot start because Qt needs system libraries that are missing "
        "(libxkbcommon-x11-0, libxcb-cursor0): install them with 'sudo apt-get install "
        "libxkbcommon-x11-0 libxcb-cursor0' or run packaging/setup-debian.sh.\n"
    )


def test_version_prints_the_installed_version_without_starting_qt(monkeypatch, capsys):
    monkeypatch.setattr(launch.ctypes, "CDLL", pretend_absent)  # no display libraries needed
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert launch.main(["--version"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"linkworker-desktop {pyproject_version()}\n", "")
