"""The organisation's machine configuration: read, checked key by key, never ignored silently."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

import pytest

from linkworker_desktop.services import machine_config
from linkworker_desktop.services.machine_config import ALL_KEYS, read_machine_config
from linkworker_desktop.services.settings import (
    AUTO_LOCK_MINUTES,
    FIRST_CONTACT_TARGET_DAYS,
    FOLLOW_UP_CAP,
    SettingLocked,
)
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.machine_config import write_machine_config

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "packaging" / "config.example.toml"
DOC = REPO / "docs" / "deployed-settings.md"

GOOD = """
[organisation]
name = "Riverside PCN"
hub_url = "https://hub.riverside.example.nhs.uk/"
directory_feed_url = "https://directory.riverside.example.nhs.uk/feed.json"

[locked]
auto_lock_minutes = 10
follow_up_cap = 6
first_contact_target_days = 21
offer_demo_data = false
"""


def test_no_file_is_no_configuration_and_no_problem():
    found = machine_config.current()
    assert found.path is None
    assert found.problems == ()
    assert found.locked == {}
    assert found.demo_data_offered is True


def test_a_good_file_fixes_the_hub_the_organisation_and_the_locks():
    path = write_machine_config(GOOD)
    found = machine_config.current()
    assert found.path == path
    assert found.problems == ()
    assert found.organisation == "Riverside PCN"
    assert found.hub_url == "https://hub.riverside.example.nhs.uk"
    assert found.directory_feed_url == "https://directory.riverside.example.nhs.uk/feed.json"
    assert found.locked == {
        AUTO_LOCK_MINUTES.key: 10,
        FOLLOW_UP_CAP.key: 6,
        FIRST_CONTACT_TARGET_DAYS.key: 21,
    }
    assert found.demo_data_offered is False


def test_a_file_that_is_not_toml_names_the_file_and_uses_none_of_it(caplog):
    path = write_machine_config('[organisation]\nhub_url = "https://hub.example.nhs.uk\n')
    with caplog.at_level(logging.WARNING):
        found = machine_config.current()
    assert found.path == path
    assert found.hub_url == ""
    assert found.locked == {}
    assert len(found.problems) == 1
    assert found.problems[0].startswith(f"{path}: (whole file): is not valid TOML")
    assert found.problems[0] in caplog.text


def test_an_unknown_key_is_named_and_the_rest_of_the_file_still_applies():
    path = write_machine_config(
        "[locked]\nauto_lock_minute = 3\nfollow_up_cap = 4\n[printing]\npaper = 'A4'\n"
    )
    found = read_machine_config(path)
    assert found.locked == {FOLLOW_UP_CAP.key: 4}
    assert found.problems == (
        f"{path}: printing: is not a section this version knows ([organisation] or [locked]);"
        " ignored.",
        f"{path}: locked.auto_lock_minute: is not a setting this version knows (it knows "
        "auto_lock_minutes, follow_up_cap, first_contact_target_days, offer_demo_data); "
        "it was ignored.",
    )


@pytest.mark.parametrize("value", ["60", "0", '"ten"', "true", "7.5"])
def test_a_locked_value_outside_its_limits_stays_locked_at_the_default(value):
    path = write_machine_config(f"[locked]\nauto_lock_minutes = {value}\n")
    found = read_machine_config(path)
    assert found.locked == {AUTO_LOCK_MINUTES.key: 5}
    assert len(found.problems) == 1
    assert found.problems[0].startswith(f"{path}: locked.auto_lock_minutes: ")
    assert found.problems[0].endswith("it stays locked at the app's default, 5.")


def test_the_limits_themselves_are_accepted():
    path = write_machine_config("[locked]\nauto_lock_minutes = 15\nfollow_up_cap = 0\n")
    found = read_machine_config(path)
    assert found.problems == ()
    assert found.locked == {AUTO_LOCK_MINUTES.key: 15, FOLLOW_UP_CAP.key: 0}


def test_a_muddled_demo_switch_offers_no_demo_data():
    path = write_machine_config('[locked]\noffer_demo_data = "no"\n')
    found = read_machine_config(path)
    assert found.demo_data_offered is False
    assert found.problems == (
        f"{path}: locked.offer_demo_data: should be true or false; demo data will not be offered.",
    )


@pytest.mark.parametrize(
    "address", ["http://hub.example.nhs.uk", "hub.example.nhs.uk", "ftp://hub.example.nhs.uk", 7]
)
def test_a_hub_address_that_is_not_https_is_refused_by_name(address):
    quoted = f'"{address}"' if isinstance(address, str) else address
    path = write_machine_config(f"[organisation]\nhub_url = {quoted}\n")
    found = read_machine_config(path)
    assert found.hub_url == ""
    assert len(found.problems) == 1
    assert found.problems[0].startswith(f"{path}: organisation.hub_url: ")


def test_plain_http_to_this_computer_is_allowed_for_a_test_hub():
    path = write_machine_config('[organisation]\nhub_url = "http://127.0.0.1:8765"\n')
    assert read_machine_config(path).hub_url == "http://127.0.0.1:8765"


def test_a_changed_file_is_read_again():
    write_machine_config("[locked]\nfollow_up_cap = 4\n")
    assert machine_config.current().locked == {FOLLOW_UP_CAP.key: 4}
    write_machine_config("[locked]\nfollow_up_cap = 12\n")
    assert machine_config.current().locked == {FOLLOW_UP_CAP.key: 12}


def test_the_platform_paths(monkeypatch):
    monkeypatch.delenv(machine_config.PATH_VARIABLE)
    monkeypatch.setattr(machine_config.sys, "platform", "linux")
    assert machine_config.machine_config_path() == Path("/etc/xdg/linkworker-desktop/config.toml")
    monkeypatch.setattr(machine_config.sys, "platform", "darwin")
    assert machine_config.machine_config_path() == Path(
        "/Library/Application Support/Linkworker Desktop/config.toml"
    )
    monkeypatch.setattr(machine_config.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:/ProgramData")
    assert machine_config.machine_config_path() == Path(
        "D:/ProgramData/Linkworker Desktop/config.toml"
    )


# --- locked settings in an open caseload ---------------------------------------------------------


def test_a_locked_setting_reads_as_the_organisations_value(open_profile):
    write_machine_config("[locked]\nauto_lock_minutes = 10\n")
    assert open_profile.settings.get(AUTO_LOCK_MINUTES) == 10
    assert open_profile.settings.get(FOLLOW_UP_CAP) == FOLLOW_UP_CAP.default


def test_the_service_refuses_to_change_a_locked_setting(open_profile):
    write_machine_config("[locked]\nauto_lock_minutes = 10\n")
    with pytest.raises(SettingLocked) as refused:
        open_profile.settings.set(AUTO_LOCK_MINUTES, 3)
    assert str(refused.value) == (
        "Lock the caseload after this many idle minutes is set by your organisation (10) and "
        "cannot be changed on this laptop. Ask your IT team if it needs to be different."
    )
    assert open_profile.settings.get(AUTO_LOCK_MINUTES) == 10
    stored = open_profile.conn.execute(
        "SELECT count(*) FROM settings WHERE key = ?", (AUTO_LOCK_MINUTES.key,)
    ).fetchone()[0]
    assert stored == 0
    assert open_profile.settings.set(FOLLOW_UP_CAP, 7) == 7  # an unlocked one still changes


def test_a_value_stored_in_the_caseload_does_not_beat_the_lock(open_profile):
    """A value written into the caseload by another route (an older value, a synced change)."""
    open_profile.settings.set(AUTO_LOCK_MINUTES, 2)
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.set_setting(AUTO_LOCK_MINUTES.key, 15)
    write_machine_config("[locked]\nauto_lock_minutes = 10\n")
    assert open_profile.settings.get(AUTO_LOCK_MINUTES) == 10
    write_machine_config("")  # the lock lifted: the caseload's own value again
    assert open_profile.settings.get(AUTO_LOCK_MINUTES) == 15


# --- the example file and the documentation ----------------------------------------------------


def _keys(data: dict, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in data.items():
        if isinstance(value, dict):
            found |= _keys(value, f"{prefix}{key}.")
        else:
            found.add(f"{prefix}{key}")
    return found


def test_the_example_file_parses_cleanly_and_lists_every_key():
    assert _keys(tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))) == set(ALL_KEYS)
    found = read_machine_config(EXAMPLE)
    assert found.problems == ()
    assert found.hub_url.startswith("https://")
    assert len(found.locked) == len(machine_config.LOCKABLE) == 3


def test_the_documentation_names_every_key_and_carries_the_example():
    doc = DOC.read_text(encoding="utf-8")
    assert len(ALL_KEYS) == 7
    for key in ALL_KEYS:
        assert f"`{key.split('.')[1]}`" in doc, key
    example_lines = [
        line
        for line in EXAMPLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert example_lines
    for line in example_lines:
        assert line in doc, line
