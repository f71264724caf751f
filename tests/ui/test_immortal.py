"""None, True and False outlive every reference Qt calls drop, so a long session never aborts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QLabel

from linkworker_desktop.ui.immortal import HEADROOM

LOSES_REFERENCES = sys.version_info < (3, 12)

# A clock label updated as many times as None has references: on Python 3.11 with PySide6 6.12
# each update loses one, so an unguarded process dies ("none_dealloc") as a long session would.
PROBE = """
import os, sys
from PySide6.QtWidgets import QApplication, QLabel
{guard}
app = QApplication([])
label = QLabel()
for _ in range(min(sys.getrefcount(None), 10**6) + 100):
    label.setText("12:01 used")
print("still running", flush=True)
os._exit(0)
"""


def _run(guard: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(guard=guard)],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


@pytest.mark.skipif(not LOSES_REFERENCES, reason="Python 3.12+ makes None immortal itself")
def test_without_the_guard_a_long_session_aborts_and_with_it_it_runs_on():
    unguarded = _run("")
    assert unguarded.returncode == -6, unguarded.stdout  # SIGABRT
    assert "none_dealloc" in unguarded.stderr
    guarded = _run(
        "from linkworker_desktop.ui.immortal import keep_singletons_alive\nkeep_singletons_alive()"
    )
    assert (guarded.returncode, guarded.stdout.strip()) == (0, "still running")


def test_this_test_process_is_guarded_as_the_app_is(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(1000):
        label.setText("tick")
    assert sys.getrefcount(None) > (HEADROOM if LOSES_REFERENCES else 10**9)
