"""Real Argon2id calibration: the cost it picks is real work, and a key file accepts it."""

from __future__ import annotations

import time

import pytest

from linkworker_desktop.storage import keyfile as keyfile_module
from linkworker_desktop.storage.keyfile import KeyFile
from tests.conftest import PASSPHRASE

TARGET_SECONDS = 0.3


@pytest.fixture(scope="module")
def calibrated():
    return keyfile_module.calibrate(target_seconds=TARGET_SECONDS)


@pytest.mark.slow
def test_calibration_picks_a_cost_that_takes_real_time(calibrated):
    assert calibrated.iterations >= 2
    assert calibrated.memory_kib == 64 * 1024
    started = time.perf_counter()
    keyfile_module._derive_passphrase_key(PASSPHRASE, b"\0" * 16, calibrated)
    took = time.perf_counter() - started
    # A loaded machine only makes this slower, so the lower bound is the one that must hold.
    assert took >= TARGET_SECONDS / 4


@pytest.mark.slow
def test_a_calibrated_cost_is_inside_the_ceilings_a_key_file_accepts(calibrated, tmp_path):
    keyfile, data_key, _ = KeyFile.create(tmp_path / "k.keys", PASSPHRASE, calibrated)
    keyfile.save()
    assert KeyFile.load(keyfile.path).open_with_passphrase(PASSPHRASE) == data_key
    assert calibrated.iterations * calibrated.memory_kib <= keyfile_module.MAX_KDF_WORK_KIB
