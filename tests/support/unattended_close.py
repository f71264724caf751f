"""At a test's end pytest-qt closes the widgets it was given; nobody is there to answer.

A dialog still holding typing would ask "Discard what you typed?", and a window with a session
running would ask whether to end it, and each would wait for ever; so while pytest-qt tidies up
the answers are Discard and Keep it running. During the test itself the question is real and a
test answers it as a person does (tests/support/modal.py).
"""

from __future__ import annotations

import pytest

from linkworker_desktop.ui.dialogs import discard_guard, quit_question


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(discard_guard, "confirm_discard", lambda _parent: True)
        patch.setattr(
            quit_question, "ask_quit_with_sessions", lambda *_: quit_question.QuitAnswer.KEEP
        )
        return (yield)
