"""Settings are declared once with defaults and limits, and kept inside the encrypted caseload."""

from __future__ import annotations

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.services.settings import (
    ALL,
    AUTO_LOCK_MINUTES,
    SERVICE_NAME,
    IntSetting,
)
from tests.conftest import PASSPHRASE


def test_every_setting_starts_at_its_default(open_profile):
    for setting in ALL:
        assert open_profile.settings.get(setting) == setting.default


def test_auto_lock_defaults_to_five_minutes_and_stops_at_fifteen(open_profile):
    assert AUTO_LOCK_MINUTES.default == 5
    assert open_profile.settings.set(AUTO_LOCK_MINUTES, 60) == 15
    assert open_profile.settings.set(AUTO_LOCK_MINUTES, 0) == AUTO_LOCK_MINUTES.minimum
    assert open_profile.settings.get(AUTO_LOCK_MINUTES) == AUTO_LOCK_MINUTES.minimum


@pytest.mark.parametrize("value", ["ten", None, [], "3.5"])
def test_a_number_setting_given_nonsense_falls_back_to_its_default(value):
    setting = IntSetting("x", 7, 1, 10, "X")
    assert setting.clean(value) == 7


def test_settings_survive_locking_and_unlocking(open_profile, profile_files):
    open_profile.settings.set(SERVICE_NAME, "  Riverside Social Prescribing  ")
    open_profile.settings.set(AUTO_LOCK_MINUTES, 12)
    open_profile.close()
    opened = profile.unlock(profile_files, PASSPHRASE)
    try:
        assert opened.settings.get(SERVICE_NAME) == "Riverside Social Prescribing"
        assert opened.settings.get(AUTO_LOCK_MINUTES) == 12
    finally:
        opened.close()


def test_setting_keys_are_unique():
    keys = [setting.key for setting in ALL]
    assert len(keys) == len(set(keys))
