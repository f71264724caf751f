"""Every test runs in its own folders, with an in-memory keyring and Qt offscreen."""

from __future__ import annotations

import os
import sys

# Qt draws off screen on one 1280×720 screen: the smallest laptop screen a window must fit.
LAPTOP_SCREEN = os.path.join(os.path.dirname(__file__), "support", "laptop_screen.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={LAPTOP_SCREEN}"

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backends import fail  # noqa: E402

from linkworker_desktop.services import profile as profile_service  # noqa: E402
from linkworker_desktop.storage.keyfile import KdfParams  # noqa: E402
from linkworker_desktop.ui.immortal import keep_singletons_alive  # noqa: E402
from tests.support.memory_keyring import MemoryKeyring  # noqa: E402

# The process's keyring from the start: left to itself, keyring would choose among every backend
# class imported, the test modules' own stand-ins included, and fixtures set up before a test's
# own keyring (module-scoped ones) would get whichever it chose.
keyring.set_keyring(MemoryKeyring())
# As the app does before Qt starts: a whole run calls Qt far more than any session.
keep_singletons_alive()

# A real hub on loopback (SQLite and PostgreSQL) and enrolled laptops, for tests/sync and tests/hub.
pytest_plugins = (
    "tests.support.hub_fixtures",
    "tests.support.unattended_close",
    "tests.support.announcements",
)

PASSPHRASE = "correct horse battery staple"
# Cheap Argon2id so a suite of hundreds of unlocks runs in seconds; the real cost is calibrated.
FAST_KDF = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """Point the app's data folder at tmp_path and give it a fresh in-memory keyring."""
    monkeypatch.setenv("LINKWORKER_DATA_DIR", str(tmp_path / "default-profile"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # No organisation's machine configuration unless a test writes one (tests/support).
    monkeypatch.setenv("LINKWORKER_MACHINE_CONFIG", str(tmp_path / "machine" / "config.toml"))
    monkeypatch.setattr(profile_service, "calibrate", lambda *a, **k: FAST_KDF)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(isolated_environment):
    return isolated_environment


@pytest.fixture
def no_keyring():
    """A computer with no secure keyring (as on a bare Linux server)."""
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def profile_files(tmp_path):
    return profile_service.ProfileFiles(tmp_path / "profile")


@pytest.fixture
def created(profile_files):
    """A new caseload: (open profile, recovery key). Closed at the end of the test."""
    opened, recovery = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    yield opened, recovery
    opened.close()


@pytest.fixture
def open_profile(created):
    return created[0]


# PySide6 can crash while the interpreter tears down the Qt objects that a whole run leaves
# behind (a reference-count fault inside shiboken during finalisation, after the last test and
# its report: "Fatal Python error: bool_dealloc"). No test is involved by then, so the run ends
# with its own result instead of that teardown.
_RESULT: list[int] = []


def pytest_sessionfinish(session, exitstatus):
    _RESULT.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if _RESULT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_RESULT[0])
