"""The form-dialog skeleton, met through the dialogs built on it, as a screen reader user does.

Labels name their fields, a problem is said aloud and on the field, the cursor goes to it,
Enter presses the OK button, and Esc asks before dropping what was typed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.cancel_dialog import CancelDialog
from linkworker_desktop.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from linkworker_desktop.ui.dialogs.discard_guard import QUESTION_TITLE
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.form_dialog import FormDialog, shown_words
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.dialogs.recover_dialog import RecoverDialog
from tests.support.announcements import heard  # noqa: F401
from tests.support.modal import answer_modal
from tests.ui.focus_helpers import focused, opened, press
from tests.ui.record_helpers import add_person
from tests.ui.spoken import spoken_description

LEFT = Qt.MouseButton.LeftButton
KEY = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"
NEW = "lamp harbour tiger"
SHORT_KEY = "A recovery key has 32 letters and digits in 8 groups."


def spoken_name(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


@pytest.fixture
def person(open_profile):
    """A patient, their referral, and a session booked three days ahead at 10:00."""
    patient_id, referral_id = add_person(open_profile, seed=41)
    starts = datetime.combine(date.today() + timedelta(days=3), time(10, 0))
    appointment_id = AppointmentService(open_profile).book(referral_id, starts)
    return patient_id, referral_id, appointment_id, starts


def every_form_dialog(profile, person) -> list[FormDialog]:
    patient_id, referral_id, appointment_id, starts = person
    current = lambda: profile  # noqa: E731 - the getter each dialog asks for
    return [
        BookDialog(current, referral_id, patient_name="Robin"),
        DischargeDialog(current, patient_id, referral_id, patient_name="Robin"),
        RecoverDialog(),
        ChangePassphraseDialog(),
        MoveDialog(current, appointment_id, referral_id, starts, 45, "Initial session"),
        CancelDialog(current, appointment_id, "Initial session"),
    ]


def test_each_field_is_named_by_the_words_of_its_label_and_ok_by_its_words(
    qtbot, open_profile, person
):
    checked = 0
    for dialog in every_form_dialog(open_profile, person):
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            field = label.buddy()
            if field is None or field.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue  # a caption beside a shown value, not a field
            # The name set on the field: Qt reads a combo box's choice as its name.
            assert field.accessibleName().startswith(shown_words(label.text())), label.text()
            checked += 1
        ok = dialog.ok_button
        assert spoken_name(ok) == shown_words(ok.text())
        # Enter with no reason typed keeps a session rather than cancelling it.
        default = dialog.cancel_button if isinstance(dialog, CancelDialog) else ok
        assert default.isDefault()
    assert checked >= 15


def test_the_book_reason_is_named_by_its_label_first(qtbot, open_profile, person):
    dialog = every_form_dialog(open_profile, person)[0]
    qtbot.addWidget(dialog)
    assert spoken_name(dialog.reason) == "Reason (required) for booking beyond the cap"


def test_a_short_recovery_key_is_said_aloud_and_on_the_field_and_nothing_is_reset(
    qtbot,
    heard,  # noqa: F811
):
    dialog = opened(qtbot, RecoverDialog())
    assert focused() is dialog.key
    qtbot.keyClicks(dialog.key, "ABCD-EFGH")
    qtbot.keyClick(dialog.key, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.passphrase.first, NEW)

    qtbot.mouseClick(dialog.ok_button, LEFT)

    assert dialog.isVisible()
    assert dialog.values() is None
    assert spoken_description(dialog.key) == f"Error: {SHORT_KEY}"
    assert heard == [
        (f"There is a problem. Fix this to save: Recovery key: {SHORT_KEY}", "Assertive")
    ]
    assert focused() is dialog.key
    assert dialog.key.text() == "ABCD-EFGH", "what was typed is kept"
    assert dialog.passphrase.first.text() == NEW

    qtbot.keyClicks(dialog.key, KEY[9:])
    qtbot.keyClick(dialog.key, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.passphrase.first, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.passphrase.second, NEW)
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.values() == (KEY, NEW)
    assert not dialog.isVisible()
    assert spoken_description(dialog.key) == dialog.key.placeholderText()  # no error left


def test_passphrases_that_differ_put_the_error_on_the_second_field(qtbot):
    dialog = opened(qtbot, ChangePassphraseDialog())
    assert focused() is dialog.current
    qtbot.keyClicks(dialog.current, "kettle river purple")
    qtbot.keyClicks(dialog.new.first, NEW)
    qtbot.keyClicks(dialog.new.second, "lamp harbour tigers")

    qtbot.mouseClick(dialog.ok_button, LEFT)

    assert dialog.values() is None
    said = "Error: The two passphrases are different. Type them again."
    assert spoken_description(dialog.new.second) == said
    assert not spoken_description(dialog.new.first).startswith("Error")
    assert QApplication.focusWidget() is dialog.new.second


def test_a_problem_for_no_one_field_is_shown_at_the_top_and_said(qtbot, heard):  # noqa: F811
    dialog = opened(qtbot, ChangePassphraseDialog())
    dialog.show_problem("That passphrase is not right.")
    assert dialog.general.text == "That passphrase is not right."
    layout = dialog.layout()
    assert layout.indexOf(dialog.general) < layout.indexOf(dialog.buttons)
    assert layout.indexOf(dialog.general) == 1  # under the heading, above the form
    assert heard.texts() == ["There is a problem. Fix this to save: That passphrase is not right."]


@pytest.mark.parametrize("answer", ["Keep editing", "Discard"])
def test_escape_asks_before_dropping_a_typed_recovery_key(qtbot, answer):
    dialog = opened(qtbot, RecoverDialog())
    qtbot.keyClicks(dialog.key, "ABCD-EFGH")
    asked = answer_modal(qtbot, answer)
    press(qtbot, Qt.Key.Key_Escape)
    assert asked.titles == [QUESTION_TITLE]
    assert dialog.isVisible() is (answer == "Keep editing")
    assert dialog.values() is None


class GroupNameDialog(FormDialog):
    """The smallest form on the skeleton: one field with a hint, refused when left blank."""

    def __init__(self):
        super().__init__("Name the group", "&Save name", problem_name="Problem saving")
        self.name = self.add_row(
            "&Group name:",
            QLineEdit(self),
            hint="As the group calls itself, for example Riverside choir.",
            name="name",
            problem="Problem with the group name",
        )
        self.saved = ""

    def save(self) -> None:
        if not self.name.text().strip():
            self.show_problems({"name": "Type the group's name"})
            return
        self.clear_problems()
        self.saved = self.name.text()
        self.accept()


def test_a_hint_is_the_description_and_comes_back_after_an_error(qtbot, heard):  # noqa: F811
    dialog = opened(qtbot, GroupNameDialog())
    hint = "As the group calls itself, for example Riverside choir."
    assert dialog.heading.text() == "Name the group"
    assert focused() is dialog.name
    assert spoken_name(dialog.name) == "Group name"
    assert spoken_description(dialog.name) == hint

    qtbot.mouseClick(dialog.ok_button, LEFT)

    assert spoken_description(dialog.name) == f"Error: Type the group's name. {hint}"
    assert focused() is dialog.name
    assert dialog.errors.fields["name"][0].text == "Type the group's name"
    assert heard.texts() == [
        "There is a problem. Fix this to save: Group name: Type the group's name"
    ]
    qtbot.keyClicks(dialog.name, "Knit and natter")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.saved == "Knit and natter"
    assert spoken_description(dialog.name) == hint
