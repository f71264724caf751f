"""A session that types until it is killed: run by the kill test as a separate process.

Usage: python -m tests.support.autosave_child PROFILE_FOLDER APPOINTMENT_ID
The passphrase comes on standard input. It starts the appointment's session and, about every
50 ms, autosaves a note one word longer, printing ``saved N`` once each save has committed.
It stops by itself after a few thousand saves, so a failed test never leaves it running.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from linkworker_desktop.services import profile
from linkworker_desktop.services.sessions import SessionService

STAGE = "what_matters"
MAX_SAVES = 2000


def note_of(words: int) -> str:
    """The note after ``words`` words have been typed (the test rebuilds it the same way)."""
    return " ".join(f"word{n}" for n in range(1, words + 1))


def main(folder: str, appointment_id: str) -> int:
    opened = profile.unlock(profile.ProfileFiles(Path(folder)), sys.stdin.readline().rstrip("\n"))
    sessions = SessionService(opened)
    state = sessions.start(appointment_id)
    print(f"started {state.session_id}", flush=True)
    for words in range(1, MAX_SAVES + 1):
        sessions.autosave(state.session_id, STAGE, note_of(words), {STAGE: words * 0.05})
        print(f"saved {words}", flush=True)
        time.sleep(0.05)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
