"""Kill a process mid-session: on reopening, the session is interrupted with its latest notes."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.sessions import SessionService
from tests.conftest import PASSPHRASE
from tests.support.autosave_child import STAGE, note_of
from tests.support.session_factories import add_patient

ROOT = Path(__file__).resolve().parents[2]
SAVES_BEFORE_KILL = 6
DEADLINE_SECONDS = 60


def read_lines_until(process: subprocess.Popen, saves: int) -> tuple[str, int]:
    """Read the child's report lines until it says it has saved ``saves`` times."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    session_id, last_saved = "", 0
    deadline = time.monotonic() + DEADLINE_SECONDS
    while last_saved < saves:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not selector.select(timeout=remaining):
            pytest.fail(f"the child process reported only {last_saved} saves in time")
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the child process ended early: {process.stderr.read()}")
        word, value = line.split()
        if word == "started":
            session_id = value
        elif word == "saved":
            last_saved = int(value)
    return session_id, last_saved


@pytest.mark.slow
def test_a_killed_session_reopens_interrupted_with_its_notes(open_profile, profile_files):
    _patient_id, referral_id = add_patient(open_profile, "Sasha", "Penrose")
    now = datetime.now().replace(second=0, microsecond=0)
    appointment_id = AppointmentService(open_profile).book(referral_id, now)
    open_profile.close()

    env = dict(
        os.environ, PYTHONPATH=str(ROOT), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring"
    )
    command = [sys.executable, "-m", "tests.support.autosave_child"]
    command += [str(profile_files.folder), appointment_id]
    with subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            process.stdin.write(PASSPHRASE + "\n")
            process.stdin.close()
            session_id, last_reported = read_lines_until(process, SAVES_BEFORE_KILL)
            process.send_signal(signal.SIGKILL)  # no warning, no clean-up: as a power cut
        finally:
            process.kill()  # never leave it running, whatever happened above
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    reopened = profile.unlock(profile_files, PASSPHRASE)
    try:
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        sessions = SessionService(reopened)
        (interrupted,) = sessions.interrupted()
        assert interrupted.session_id == session_id
        assert interrupted.ended is False
        # The last save the child reported is there (or one it made before the kill landed).
        words = len(interrupted.notes[STAGE].split())
        assert words >= last_reported
        assert interrupted.notes[STAGE] == note_of(words)
        assert interrupted.stage_seconds[STAGE] == pytest.approx(words * 0.05)

        # The worker can resume it (the same session) and end it; the notes are kept.
        assert sessions.start(appointment_id).session_id == session_id
        ended = sessions.end(session_id, {STAGE: 95.0})
        assert ended.notes[STAGE] == note_of(words)
        assert sessions.interrupted() == []
    finally:
        reopened.close()
