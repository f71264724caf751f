"""Status and errors are said to screen readers as they appear, each once, with exact words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services import demo
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.caseload_view import SEARCH_PAUSE_MS, CaseloadView
from linkworker_desktop.ui.views.goal_plan_view import GoalPlanView
from linkworker_desktop.ui.widgets.measure_form import MeasureForm
from linkworker_desktop.ui.widgets.notice import Notice
from linkworker_desktop.ui.widgets.sync_status import SyncStatusWidget
from linkworker_desktop.ui.widgets.value_label import StatusLabel
from tests.ui.caseload_support import (  # noqa: F401
    DEMO_PATIENTS,
    demo_profile_fixture,
    fill_new_patient,
    service,
    unused_nhs_number,
)
from tests.ui.session_helpers import start_initial


@pytest.fixture
def caseload(qtbot, demo_profile):
    view = CaseloadView()
    qtbot.addWidget(view)
    view.set_profile(demo_profile)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_match_count_is_said_once_typing_pauses(qtbot, caseload, demo_profile, heard):
    surname = caseload.model.row_at(0).name.split(",")[0]
    qtbot.keyClicks(caseload.search, surname[:4].lower())
    assert heard == []  # nothing while typing
    qtbot.waitUntil(lambda: len(heard) > 0, timeout=SEARCH_PAUSE_MS + 2000)
    matches = len(service(demo_profile).search(surname[:4]))
    assert 0 < matches < DEMO_PATIENTS
    assert heard == [(f"{matches} of {DEMO_PATIENTS} patients", "Polite")]
    qtbot.keyClicks(caseload.search, "qqq")
    qtbot.waitUntil(lambda: len(heard) > 1, timeout=SEARCH_PAUSE_MS + 2000)
    assert heard.texts()[1:] == [f"No patients match (0 of {DEMO_PATIENTS} patients)."]


def test_an_error_summary_is_said_with_what_to_fix(qtbot, demo_profile, heard):
    dialog = PatientDialog(CaseloadActions(lambda: demo_profile))
    qtbot.addWidget(dialog)
    dialog.open()
    number = unused_nhs_number(demo_profile)
    fill_new_patient(dialog, number[:9] + str((int(number[9]) + 1) % 10))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    shown = dialog.form.problem_shown("nhs_number")
    assert heard == [
        (f"There is a problem. Fix this to save: NHS number: {shown}", "Assertive"),
    ]


def test_plan_saved_and_not_saved_are_said(qtbot, open_profile, heard):
    demo.add_demo_caseload(open_profile, 30)
    row = next(r for r in CaseloadService(open_profile).rows() if r.status == ReferralStatus.ACTIVE)
    view = GoalPlanView(lambda: open_profile)
    qtbot.addWidget(view)
    view.set_patient(row.patient_id)
    view.show()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    view.review.setText("31/02/2027")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert heard.texts()[0] == "Plan saved."
    assert heard[0][1] == "Polite"
    assert len(heard) == 2 and heard[1][1] == "Assertive"
    assert heard[1][0] == view.message.text() and "not a real date" in heard[1][0]


def test_sync_changes_of_state_and_failures_are_said_once(qtbot, heard):
    widget = SyncStatusWidget()
    qtbot.addWidget(widget)
    assert heard == []  # the state it starts in is shown, not said
    for state in ("online", "syncing", "online", "syncing", "offline"):
        widget.show_state(state)
    widget.show_message("The hub did not answer.")
    widget.show_message("The hub did not answer.")
    widget.show_message("")
    widget.show_message("The hub did not answer.")
    assert heard == [
        ("Sync: Online", "Polite"),
        ("Sync: Offline", "Polite"),
        ("Sync failed: The hub did not answer.", "Polite"),
        ("Sync failed: The hub did not answer.", "Polite"),
    ]


def test_a_status_label_says_new_words_and_not_those_it_starts_with(qtbot, heard):
    label = StatusLabel("Status", "3 page(s)")
    qtbot.addWidget(label)
    label.setText("Saved /home/sam/plan.pdf.")
    label.set_quietly("2 of 4 answered.")
    label.setText("Not saved: the disk is full.")
    label.clear()
    label.setText("⚠ Not imported: the file is not a measure.")
    assert heard == [
        ("Saved /home/sam/plan.pdf.", "Polite"),
        ("Not saved: the disk is full.", "Assertive"),
        ("⚠ Not imported: the file is not a measure.", "Assertive"),
    ]
    assert label.accessibleName() == "Status: ⚠ Not imported: the file is not a measure."


def test_a_notice_says_its_words_when_they_are_news(qtbot, heard):
    notice = Notice("Messages")
    qtbot.addWidget(notice)
    notice.show_message("Recorded: Ann Lee did not attend.", "info")
    notice.show_message("Recorded: Ann Lee did not attend.", "info")  # still shown: not news
    notice.show_message("The notes could not be saved: disk full", "error")
    notice.show_message("Running over by 2 min", "warning", say=False)
    notice.clear()
    notice.show_message("Recorded: Ann Lee did not attend.", "info")
    assert heard == [
        ("Recorded: Ann Lee did not attend.", "Polite"),
        ("The notes could not be saved: disk full", "Assertive"),
        ("Recorded: Ann Lee did not attend.", "Polite"),
    ]


def test_answering_a_measure_is_quiet_and_saving_it_is_said(qtbot, open_profile, heard):
    state = start_initial(open_profile)
    measure = MeasureService(open_profile).get("ons4")
    form = MeasureForm(
        measure,
        "baseline",
        lambda: open_profile,
        state.patient_id,
        referral_id=state.referral_id,
        session_id=state.session_id,
    )
    qtbot.addWidget(form)
    form.show()
    for item_id, value in zip(form.groups, (6, 7, 5, 3), strict=True):
        qtbot.mouseClick(form.groups[item_id].button(value), Qt.MouseButton.LeftButton)
    assert form.status.text() == "All 4 questions answered."
    assert heard == []  # each click is heard on the radio button itself
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert heard == [(form.status.text(), "Polite")]
    assert form.status.text().startswith("Saved at ")


def test_a_passing_message_in_the_status_bar_is_said(qtbot, profile_files, heard):
    window = MainWindow(profile_files)
    qtbot.addWidget(window)
    window.statusBar().showMessage("Backed up to /media/usb at 16:02.", 1000)
    window.statusBar().showMessage("⚠ Not backed up: the drive is full.", 1000)
    assert heard == [
        ("Backed up to /media/usb at 16:02.", "Polite"),
        ("⚠ Not backed up: the drive is full.", "Assertive"),
    ]


def test_enter_in_the_search_goes_to_the_list_which_says_the_count(
    qtbot, caseload, demo_profile, heard
):
    surname = caseload.model.row_at(0).name.split(",")[0]
    qtbot.keyClicks(caseload.search, surname)
    qtbot.keyClick(caseload.search, Qt.Key.Key_Return)
    assert caseload.table.hasFocus()
    matches = len(service(demo_profile).search(surname))
    assert caseload.table.accessibleDescription() == f"{matches} of {DEMO_PATIENTS} patients"
    qtbot.wait(SEARCH_PAUSE_MS + 300)
    assert heard == []  # the list said it on taking the focus; no late repeat
