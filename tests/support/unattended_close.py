"""At a test's end pytest-qt closes the widgets it was given; nobody is there to answer.

A dialog still holding typing would ask "Discard what you typed?", a window with a session
running would ask whether to end it, and a failed backup before closing whether to quit; each
would wait for ever. So while pytest-qt tidies up the answers are Discard, Keep it running and
Quit. During the test itself the question is real and a test answers it as a person does
(tests/support/modal.py).
"""

from __future__ import annotations

import pytest

from linkworker_desktop.ui.dialogs import backup_question, discard_guard, quit_question


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(discard_guard, "confirm_discard", lambda _parent: True)
        patch.setattr(backup_question, "ask_quit_without_backup", lambda *_: True)
        patch.setattr(
            quit_question, "ask_quit_with_sessions", lambda *_: quit_question.QuitAnswer.KEEP
        )
        return (yield)
