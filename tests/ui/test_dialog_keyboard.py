"""Every dialog by keyboard: the cursor starts in the first field and Tab reads down the form.

Each dialog is opened as a person meets it, then Tab is pressed until the focus comes round
to the first control again; the stops must follow the form top to bottom, ending with its
buttons, and no multi-line field may swallow Tab.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker_desktop.domain.plan import PlanGoal
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.cancel_dialog import CancelDialog
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from linkworker_desktop.ui.dialogs.connect_dialog import ConnectDialog
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog
from linkworker_desktop.ui.dialogs.local_service_dialog import LocalServiceDialog
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.dialogs.recover_dialog import RecoverDialog
from linkworker_desktop.ui.dialogs.referral_dialog import ReferralDialog
from tests.ui.focus_helpers import focused_name, press, tab_cycle, type_here
from tests.ui.record_helpers import add_person, status_of

REASONS = [
    "Loneliness and isolation",
    "Low mood",
    "Anxiety",
    "Debt and money",
    "Housing",
    "Benefits",
    "Employment",
    "Bereavement",
    "Carer support",
    "Physical activity",
    "Weight",
    "Long-term condition self-management",
    "Substance use",
    "Other",
]

TAB_ORDERS = {
    "referral": [
        "Referral date",
        "Referral source",
        "Referrer",
        "Referrer's organisation",
        *(f"Reasons for referral: {reason}" for reason in REASONS),
        "Notes on the reasons",
        "Priority",
        "Save referral",
        "Cancel",
    ],
    "goal": [
        "Goal, in the person's own words",
        "Why it matters to them",
        "Target date",
        "Status: where the goal is now",
        "Barriers: what might get in the way",
        "Steps",
        "Add step",
        "Remove step (the selected one)",
        "Who can help",
        "Add helper",
        "Remove helper (the selected one)",
        "Save",
        "Cancel",
    ],
    "book": [
        "Date of the session",
        "Start time",
        "How the session happens",
        "Place",
        "Length in minutes",
        "Prepare notes",
        "Book",
        "Cancel (close without booking)",
    ],
    "move": ["New date", "New start time", "Move session", "Cancel (close without moving)"],
    "cancel": [
        "Reason for cancelling (required)",
        "Cancel session",
        "Keep session (keep it booked)",
    ],
    "connect": ["Patient", "How they were connected", "Notes", "Save", "Cancel"],
    "discharge": [
        "Reason for discharge",
        "Notes on the discharge",
        "Date of discharge",
        # The patient added here was never asked about sharing, so the dialog offers to ask.
        "Record consent",
        "Record the discharge measure (ONS4)",
        "Ask the Friends and Family Test",
        "Discharge",
        "Cancel (close without discharging)",
    ],
    "local service": [
        "Name",
        "Category",
        "What happens there",
        "Where",
        "Postcode",
        "Phone",
        "Day it meets",
        "Starts at",
        "Ends at",
        "Free",
        "Save",
        "Cancel",
    ],
    "change passphrase": [
        "Current passphrase",
        "Passphrase (the new one)",
        "Type it again (the new passphrase)",
        "Change passphrase",
        "Cancel",
    ],
    "recover": [
        "Recovery key",
        "Passphrase (the new one)",
        "Type it again (the new passphrase)",
        "Reset passphrase",
        "Cancel",
    ],
}


@pytest.fixture
def booked(open_profile):
    """A patient, their referral and a session booked for tomorrow: (patient, referral, visit)."""
    patient_id, referral_id = add_person(open_profile, 3)
    starts = datetime.now().replace(second=0, microsecond=0) + timedelta(days=1)
    appointment_id = AppointmentService(open_profile).book(referral_id, starts)
    return patient_id, referral_id, appointment_id, starts


def make_dialog(name: str, profile, booked):
    patient_id, referral_id, appointment_id, starts = booked
    current = lambda: profile  # noqa: E731 - the getter each dialog asks for
    makers = {
        "referral": lambda: ReferralDialog(CaseloadActions(current), patient_id, "Robin"),
        "goal": lambda: GoalDialog(PlanGoal(description=""), lambda goal: None),
        "book": lambda: BookDialog(current, referral_id, patient_name="Robin"),
        "move": lambda: MoveDialog(
            current, appointment_id, referral_id, starts, 45, "Initial session"
        ),
        "cancel": lambda: CancelDialog(current, appointment_id, "Initial session"),
        "connect": lambda: ConnectDialog(
            "Riverside choir", [(patient_id, "Testcase, Robin")], lambda *args: None
        ),
        "discharge": lambda: DischargeDialog(
            current, patient_id, referral_id, patient_name="Robin"
        ),
        "local service": lambda: LocalServiceDialog(["Arts"], lambda service: None),
        "change passphrase": ChangePassphraseDialog,
        "recover": RecoverDialog,
    }
    return makers[name]()


def opened(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


@pytest.mark.parametrize("name", sorted(TAB_ORDERS))
def test_the_cursor_starts_in_the_first_field_and_tab_reads_down_the_form(
    qtbot, open_profile, booked, name
):
    dialog = opened(qtbot, make_dialog(name, open_profile, booked))
    assert dialog.isVisible()
    expected = TAB_ORDERS[name]
    assert focused_name() == expected[0]
    assert tab_cycle(qtbot) == expected


def test_enter_with_no_reason_keeps_the_session_and_with_one_cancels_it(
    qtbot, open_profile, booked
):
    appointment_id = booked[2]
    keep = opened(qtbot, make_dialog("cancel", open_profile, booked))
    press(qtbot, Qt.Key.Key_Return)
    assert not keep.isVisible()
    assert status_of(open_profile, appointment_id) == "booked"
    dialog = opened(qtbot, make_dialog("cancel", open_profile, booked))
    type_here(qtbot, "Unwell, asked to rearrange")
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert status_of(open_profile, appointment_id) == "cancelled"
    reason = open_profile.conn.execute(
        "SELECT cancel_reason FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()[0]
    assert reason == "Unwell, asked to rearrange"
