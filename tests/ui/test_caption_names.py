"""Field captions are named with their words, so AT-SPI never keeps the Alt letter's "&".

Qt tells AT-SPI a label's name when its text is set, before ``QFormLayout.addRow`` gives it a
buddy, and tells it nothing when the buddy comes: a listener keeps "Start &time:". Only a name
set afterwards reaches the bus, so each shown caption must carry one, as Qt reads it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from linkworker_desktop.ui.caption_names import caption_words, name_captions_when_focused
from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.ui.every_window import every_window
from tests.ui.session_helpers import FakeClock, start_initial
from tests.ui.test_every_window_names import spoken_name


def caption_problems(qtbot, name: str, widget: QWidget, seen: list[str]) -> list[str]:
    top = widget.window()
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    qtbot.keyClick(top.focusWidget() or top, Qt.Key.Key_Tab)  # a person moves in the window
    problems = []
    for label in top.findChildren(QLabel):
        if label.buddy() is None or "&" not in label.text() or not label.isVisibleTo(top):
            continue
        seen.append(label.text())
        words = caption_words(label.text())
        if label.accessibleName() != words or spoken_name(label) != words.strip():
            problems.append(f"{name}: {label.text()!r} is named {label.accessibleName()!r}")
    return problems


def test_caption_words_drop_the_alt_letter_and_keep_a_doubled_ampersand():
    assert caption_words("Start &time:") == "Start time:"
    assert caption_words("P&repare:") == "Prepare:"
    assert caption_words("Tea && &biscuits:") == "Tea & biscuits:"


def test_a_form_caption_is_named_without_the_ampersand_once_the_focus_is_in_its_window(qtbot):
    name_captions_when_focused()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    field = QLineEdit(dialog)
    form.addRow("Start &time:", field)
    plain = QLabel("Fish & chips", dialog)  # no buddy: not a caption, left as it is
    form.addRow(plain)
    dialog.show()
    caption = form.labelForField(field)
    assert caption.accessibleName() == ""  # not named until a person can reach it
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert field.hasFocus()
    assert caption.accessibleName() == "Start time:"
    interface = QAccessible.queryAccessibleInterface(caption)
    assert interface.text(QAccessible.Text.Name) == "Start time:"
    assert plain.accessibleName() == ""


def test_every_shown_caption_in_every_window_is_named_with_its_words(qtbot, tmp_path):
    problems: list[str] = []
    seen: list[str] = []
    every_window(qtbot, tmp_path, lambda n, w: problems.extend(caption_problems(qtbot, n, w, seen)))
    assert "&Date:" in seen and "Start &time:" in seen and "P&repare:" in seen
    assert problems == [], "\n".join(problems)


def test_a_session_stage_made_as_alt_right_reaches_it_names_its_captions(qtbot, open_profile):
    runner = SessionRunner(lambda: open_profile, start_initial(open_profile), clock=FakeClock())
    qtbot.addWidget(runner)
    runner.resize(1200, 700)
    runner.show()
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    qtbot.mouseClick(runner.notes_edit.viewport(), Qt.MouseButton.LeftButton)
    for _ in range(len(runner.template.stages)):
        if runner.current_stage.captures == "what_matters":
            break
        qtbot.keyClick(runner.notes_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert runner.current_stage.captures == "what_matters"
    assert runner.notes_edit.hasFocus()  # the focus stayed where the person typed
    captions = [
        label
        for label in runner.captures["what_matters"].findChildren(QLabel)
        if label.buddy() is not None and "&" in label.text()
    ]
    assert [label.accessibleName() for label in captions] == [
        "What matters to me (in the patient's own words)"
    ]
