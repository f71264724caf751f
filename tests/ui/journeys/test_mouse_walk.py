"""A shorter walk with the mouse only: find a patient, edit the plan, save it as a PDF.

Clicks land on real buttons, tabs and rows where they are drawn; the keyboard is used only
where a person must type words. The file dialog is answered from a timer, by a click on Save.
"""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QWidget

from linkworker_desktop.services import demo
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.record_page import RecordPage
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support import pdf as pdf_text
from tests.ui.journeys import mouse
from tests.ui.journeys.day import open_at_laptop_size
from tests.ui.journeys.keyboard import Keyboard, assert_fits_laptop, when_modal
from tests.ui.journeys.screenshots import snap
from tests.ui.record_helpers import add_person

GOALS = ("Join the Thursday choir", "Cook a hot meal twice a week")
WORKING = "Sitting in the park when it is dry"
WHY = "Singing makes the week feel shorter"


@pytest.fixture
def files(profile_files):
    """A caseload in use: demo patients and one person with two goals."""
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    demo.add_demo_caseload(opened, 20)
    patient_id, referral_id = add_person(opened, seed=77, given="Morwenna")
    for goal in GOALS:
        GoalService(opened).add(patient_id, goal, referral_id)
    opened.close()
    return profile_files


def type_into(field: QWidget, text: str) -> None:
    """A click into the field, then the words, as a person types them."""
    mouse.click(field)
    QTest.keyClicks(field, text)


def answer_file_dialog_by_click(path: str) -> list[QWidget]:
    """A click into the file name field, the path typed over the name there, a click on Save.

    The keys go where a keyboard's go, to the folder list the typing opens when one is showing.
    A click outside an open list only closes it, on every desktop, so a person clicks again.
    """

    def act(dialog: QWidget) -> None:
        for _ in range(250):  # the desktop makes the new dialog active
            if QApplication.activeWindow() is dialog:
                break
            QTest.qWait(20)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        mouse.click(name)
        assert QApplication.focusWidget() is name
        Keyboard(None).replace(path)
        save = dialog.findChild(QDialogButtonBox, "buttonBox").button(
            QDialogButtonBox.StandardButton.Save
        )
        listed = QApplication.activePopupWidget()
        mouse.click(save)
        if listed is not None:
            assert not listed.isVisible(), "the click outside the folder list closed it"
            mouse.click(save)

    return when_modal(act, lambda w: isinstance(w, QFileDialog))


@pytest.mark.timeout(120)
def test_find_a_patient_edit_the_plan_and_save_it_as_a_pdf(qtbot, files, tmp_path):
    window = MainWindow(files)
    open_at_laptop_size(qtbot, window)

    type_into(window.unlock_view.passphrase, PASSPHRASE)
    mouse.click(window.unlock_view.unlock_button)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    assert_fits_laptop(window)

    mouse.click_nav(window.nav, "Caseload")
    caseload = window.caseload_view
    assert window.pages.currentWidget() is caseload
    type_into(caseload.search, "Morwenna")
    assert caseload.proxy.rowCount() == 1
    mouse.click_row(caseload.table, 0, double=True)
    page = window.pages.currentWidget()
    assert isinstance(page, RecordPage)
    assert page.record.data.patient.given_name == "Morwenna"
    snap(window, "mouse-record")

    mouse.click_tab(page.record.tabs, "Goal plan")
    plan = page.plan
    tabs = page.record.tabs
    assert tabs.tabText(tabs.currentIndex()) == "Goal pla&n"
    assert plan.isVisible()
    type_into(plan.fields["working"], WORKING)
    mouse.click_item(plan.goals, GOALS[0])
    mouse.click(plan.edit_goal_button)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), GoalDialog))
    dialog = QApplication.activeModalWidget()
    assert_fits_laptop(dialog)
    type_into(dialog.why, WHY)
    mouse.click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # What was typed in the plan before editing the goal is still there.
    assert plan.fields["working"].toPlainText() == WORKING

    mouse.click_button(page, "Print plan")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PrintPreviewDialog))
    preview = QApplication.activeModalWidget()
    assert_fits_laptop(preview)
    target = tmp_path / "morwenna-plan.pdf"
    answered = answer_file_dialog_by_click(str(target))
    mouse.click(preview.save_button)
    qtbot.waitUntil(lambda: target.exists(), timeout=5000)
    assert answered, "Save as PDF… asked where to save"
    assert preview.status.text() == f"Saved {target}."
    snap(preview, "mouse-print-preview")

    words = pdf_text.text(target.read_bytes())
    for expected in ("Morwenna Testcase", WORKING, WHY, *GOALS):
        assert expected in words, f"{expected!r} is not in the saved plan"
