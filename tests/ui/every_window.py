"""Every window and dialog the app has, opened with a demo caseload, for checks that walk them all.

The fit, mnemonic and accessible-name tests share this one catalogue. A new dialog under
``ui/dialogs`` must be added to ``DIALOGS_OPENED`` below (a test fails until it is), so no
screen escapes the checks. Dialogs are opened the way the app opens them, parented to the
main window, and closed again before the next entry.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from linkworker_desktop.domain.choices import ConsentToShare, ReferralStatus
from linkworker_desktop.services import backups, demo
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo_diary import working_day_from
from linkworker_desktop.services.profile import ProfileFiles
from linkworker_desktop.services.safeguarding import SafeguardingService
from linkworker_desktop.ui import dialogs as dialogs_package
from linkworker_desktop.ui.dialogs.about_dialog import AboutDialog
from linkworker_desktop.ui.dialogs.alerts_dialog import AlertsDialog
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.cancel_dialog import CancelDialog
from linkworker_desktop.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from linkworker_desktop.ui.dialogs.concern_forms import (
    CloseConcernDialog,
    HandoverDialog,
    RaiseConcernDialog,
)
from linkworker_desktop.ui.dialogs.connect_dialog import ConnectDialog
from linkworker_desktop.ui.dialogs.consent_dialog import ConsentDialog
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog
from linkworker_desktop.ui.dialogs.import_caseload_dialog import ImportCaseloadDialog
from linkworker_desktop.ui.dialogs.local_service_dialog import LocalServiceDialog
from linkworker_desktop.ui.dialogs.merge_dialog import MergeDialog
from linkworker_desktop.ui.dialogs.move_computer_dialog import MoveComputerDialog
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.dialogs.recover_dialog import RecoverDialog
from linkworker_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from linkworker_desktop.ui.dialogs.referral_dialog import ReferralDialog
from linkworker_desktop.ui.dialogs.report_people_dialog import ReportPeopleDialog
from linkworker_desktop.ui.dialogs.restore_dialog import RestoreDialog
from linkworker_desktop.ui.dialogs.safeguarding_dialog import SafeguardingDialog
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.record_page import RecordPage
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support import caseload_sheets

# The usable area of a 1280×720 (logical) laptop screen once a title bar and a taskbar take
# their share: a window or dialog, frame excluded, must fit inside this.
BUDGET_WIDTH = 1280
BUDGET_HEIGHT = 720 - 40

DEMO_PATIENTS = 40
# How many window states the walk opens: a walk that stops early fails the tests that use it.
WINDOWS = 59
SECTIONS = ("Today", "Caseload", "Directory", "Reports", "Sync", "Settings")

# Every dialog class under ui/dialogs that the catalogue opens.
DIALOGS_OPENED = {
    AboutDialog,
    AlertsDialog,
    BookDialog,
    CancelDialog,
    CloseConcernDialog,
    HandoverDialog,
    RaiseConcernDialog,
    SafeguardingDialog,
    ChangePassphraseDialog,
    ConnectDialog,
    ConsentDialog,
    DischargeDialog,
    GoalDialog,
    ImportCaseloadDialog,
    LocalServiceDialog,
    MergeDialog,
    MoveComputerDialog,
    MoveDialog,
    PatientDialog,
    PrintPreviewDialog,
    RecoverDialog,
    RecoveryKeyDialog,
    ReferralDialog,
    ReportPeopleDialog,
    RestoreDialog,
}


def dialog_classes() -> set[type]:
    """Every QDialog subclass a module of ``linkworker_desktop.ui.dialogs`` opens as a window."""
    found: set[type] = set()
    for info in pkgutil.iter_modules(dialogs_package.__path__):
        module = importlib.import_module(f"{dialogs_package.__name__}.{info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == module.__name__:
                found.add(value)
    # A skeleton other dialogs are built on (the form dialog) is opened through them.
    return {c for c in found if not any(o is not c and issubclass(o, c) for o in found)}


def _settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(10)


def _close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.done(QDialog.DialogCode.Rejected)
        if widget.isVisible():  # a dialog that refuses Escape (the recovery key) still goes
            widget.hide()
    else:
        widget.close()
    QApplication.processEvents()


def _make_caseload(files: ProfileFiles) -> None:
    opened, _ = profile_service.create_profile(
        files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    demo.add_demo_caseload(opened, DEMO_PATIENTS, seed=7)
    opened.close()


def _window(qtbot, files: ProfileFiles) -> MainWindow:
    window = MainWindow(files)
    qtbot.addWidget(window)
    window.show()
    _settle(qtbot)
    return window


def start_windows(qtbot, folder) -> Iterator[tuple[str, QWidget]]:
    """The first-run set-up page, then the lock screen as it is after two wrong passphrases."""
    fresh = _window(qtbot, ProfileFiles(folder / "fresh"))
    yield "set-up", fresh
    fresh.setup_view.show_problem(
        "The caseload could not be created: the folder is read-only. Choose another folder "
        "or ask your IT team to let this account write to it, then press Create again."
    )
    yield "set-up, with a problem", fresh
    files = ProfileFiles(folder / "day")
    _make_caseload(files)
    window = _window(qtbot, files)
    yield "unlock", window
    window.unlock_view.show_wrong(
        "That passphrase is not right. 2 wrong tries so far on this laptop.", 30
    )
    _settle(qtbot)
    yield "unlock, waiting after wrong tries", window
    yield "use your recovery key", window._recover()


def workday(qtbot, folder) -> MainWindow:
    """An unlocked main window over a demo caseload."""
    files = ProfileFiles(folder / "day")
    if not files.exists():
        _make_caseload(files)
    window = _window(qtbot, files)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.unlock_button.click()
    qtbot.waitUntil(lambda: window.profile is not None, timeout=10_000)
    return window


def workspace_windows(qtbot, window: MainWindow, folder) -> Iterator[tuple[str, Any]]:
    """Each section, a record on each tab, a running session, and every dialog on the way."""
    profile = window.profile
    assert profile is not None
    for index, name in enumerate(SECTIONS):
        window.go_to(index)
        _settle(qtbot)
        yield f"workspace: {name}", window
    yield from reports_windows(qtbot, window)
    yield "recovery key", window.show_recovery_key("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789")
    yield "change passphrase", window._change_passphrase()
    (folder / "backups").mkdir(exist_ok=True)
    made = backups.make_backup(profile, folder / "backups")
    yield "restore from a backup", window.backups.open_backup(made.path)
    restore = window.backups.open_backup(made.path)
    assert restore is not None
    qtbot.mouseClick(restore.switch_button, Qt.MouseButton.LeftButton)
    yield "restore from a backup, with the recovery key", restore
    yield "move to another computer", window.backups.move_to_another_computer()
    yield from _import_windows(qtbot, window, folder)

    caseload = window.caseload_view
    yield "add patient", caseload.add_patient()
    people = CaseloadService(profile)
    row = next(
        r
        for r in caseload.model.rows
        if r.status == ReferralStatus.ACTIVE
        and people.patient(r.patient_id).consent_to_share == ConsentToShare.FULL_NOTES
    )
    yield "edit patient", caseload.open_patient(row.patient_id)
    patient_dialog = caseload.open_patient(row.patient_id)
    assert patient_dialog is not None
    yield "add referral", patient_dialog.add_referral()
    _close(patient_dialog)

    AlertService(profile).set(row.patient_id, "do_not_visit_alone", "Son hostile to visitors.")
    AlertService(profile).set(
        row.patient_id, "interpreter_needed", "Speaks Polish; little English."
    )
    page = window.open_record(row.patient_id)
    assert isinstance(page, RecordPage)
    tabs = page.record.tabs
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        _settle(qtbot)
        yield f"record: {tabs.tabText(tab).replace('&', '')}", window
    yield "book a session", page.record.open_book_dialog()
    discharge = page.record.open_discharge_dialog()
    yield "discharge", discharge
    discharge = page.record.open_discharge_dialog()
    assert discharge is not None and discharge.measure_button is not None
    qtbot.mouseClick(discharge.measure_button, Qt.MouseButton.LeftButton)
    yield "discharge, with the measure", discharge
    yield "edit goal (new)", page.plan.edit_goal(new=True)
    consent = ConsentDialog(lambda: window.profile, row.patient_id, window)
    consent.show()
    yield "record consent", consent
    yield "print preview: plan", page.plan.print_plan()
    yield "print preview: GP summary", page.print_discharge()
    yield "alerts", page.open_alerts()
    concerns = page.open_safeguarding()
    assert concerns is not None
    yield "safeguarding: raise a concern", concerns.raise_concern()
    concerns.reject()
    concern_id = SafeguardingService(profile).raise_concern(
        row.patient_id,
        person_at_risk="patient",
        category="adult_financial",
        what_was_seen="Says her son takes her pension.",
    )
    concerns = page.open_safeguarding()
    assert concerns is not None
    yield "safeguarding concerns", concerns
    yield "safeguarding: record a hand-over", concerns.record_handover()
    yield "safeguarding: close a concern", concerns.close_concern()
    yield "print preview: safeguarding referral form", concerns.print_form()
    assert concern_id

    window.go_to(SECTIONS.index("Directory"))
    directory = window.directory_view
    directory.table.selectRow(0)
    yield "connect a patient", directory.connect_patient(row.patient_id)
    yield "add a local entry", directory.add_local()

    today = window.today_view
    working_day = working_day_from(date.today())  # the demo books Monday to Friday only
    today.set_day(working_day)
    booked = [a for a in AppointmentService(profile).day(working_day) if a.status.value == "booked"]
    assert booked, "the demo caseload books sessions on its working day"
    today.table.selectRow(today.model.row_of(booked[0].appointment_id))
    today.ask_move()
    yield "move a session", today.dialog
    today.ask_cancel()
    yield "cancel a session", today.dialog
    today.ask_did_not_attend()
    yield "did not attend?", today.dialog

    yield "merge a conflict", _merge_dialog(window)
    yield "report a change to a service", Blocking(lambda: directory.report("changed"))
    about = next(
        a for m in window.menuBar().findChildren(QMenu) for a in m.actions() if a.text() == "&About"
    )
    yield "about", Blocking(about.trigger)
    refused = next(
        r.patient_id
        for r in caseload.model.rows
        if people.patient(r.patient_id).consent_to_share == ConsentToShare.NOTHING
    )
    refused_page = window.open_record(refused)
    assert isinstance(refused_page, RecordPage)
    yield "GP summary: consent refused", Blocking(refused_page.print_discharge)

    runner = window.start_session(booked[0].appointment_id)
    assert runner is not None
    _settle(qtbot)
    yield "session runner", window
    for stage in runner.template.stages[1:]:
        runner.go_to(stage.id)
        _settle(qtbot)
        yield f"session runner: {stage.title}", window


def _import_windows(qtbot, window: MainWindow, folder) -> Iterator[tuple[str, Any]]:
    """The import's three pages: choosing, mapping a column, and the preview with refusals."""
    data = caseload_sheets.write_folder(folder / "import")
    referrals = data / "referrals.csv"
    text = referrals.read_text("utf-8-sig").replace("nhs_number", "NHS No", 1)
    referrals.write_text(text, "utf-8")
    yield "import caseload: choose", window.import_caseload()
    for name in ("import caseload: map columns", "import caseload: preview"):
        dialog = window.import_caseload()
        assert dialog is not None
        qtbot.keyClicks(dialog.path, str(data))
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        if name.endswith("preview"):
            dialog.target.setFocus()
            qtbot.keyClicks(dialog.target, "nhs")
            qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        yield name, dialog


def reports_windows(qtbot, window: MainWindow) -> Iterator[tuple[str, Any]]:
    """The Reports section grouped by source, a custom period's problem, and the people
    behind a figure."""
    window.go_to(SECTIONS.index("Reports"))
    reports = window.reports_view
    reports.by.setCurrentIndex(reports.by.findData("source"))
    qtbot.mouseClick(reports.show_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    yield "reports: by referral source", window
    reports.start.setText("31/02/2026")
    qtbot.mouseClick(reports.show_button, Qt.MouseButton.LeftButton)
    yield "reports: a date that does not exist", window
    reports.period.setCurrentIndex(reports.period.findData("financial_year"))
    reports.by.setCurrentIndex(0)
    qtbot.mouseClick(reports.show_button, Qt.MouseButton.LeftButton)
    yield "people behind a figure", reports.show_people("referrals.received", "Referrals received")


def _merge_dialog(window: MainWindow) -> QWidget:
    """The app runs this one through ``get_merged``'s own loop; here it is shown as it looks."""
    dialog = MergeDialog(
        window,
        "Phone number: changed on this laptop and on the hub",
        "07700 900123",
        "07700 900456",
    )
    dialog.show()
    return dialog


@dataclass(frozen=True)
class Blocking:
    """A Qt convenience dialog (``QMessageBox.about``, ``QInputDialog.getText``) that runs its
    own loop: it is looked at from a timer inside that loop, then closed."""

    open: Callable[[], object]


def every_window(qtbot, folder, before: Callable[[str, QWidget], None]) -> list[str]:
    """Open each catalogue entry in turn and call ``before(name, widget)`` while it is shown."""
    names: list[str] = []

    def visit(name: str, widget: QWidget | None) -> None:
        assert widget is not None, f"{name}: nothing opened"
        _settle(qtbot)
        before(name, widget)
        names.append(name)
        if widget.isWindow() and not isinstance(widget, MainWindow):
            _close(widget)

    def visit_blocking(name: str, blocking: Blocking) -> None:
        seen: list[QWidget] = []

        def look() -> None:
            modal = QApplication.activeModalWidget()
            assert modal is not None, f"{name}: no dialog opened"
            seen.append(modal)
            visit(name, modal)

        QTimer.singleShot(0, look)
        blocking.open()
        assert len(seen) == 1, f"{name}: the dialog was not looked at"

    def walk(entries: Iterator[tuple[str, QWidget | Blocking | None]]) -> None:
        for name, widget in entries:
            if isinstance(widget, Blocking):
                visit_blocking(name, widget)
            else:
                visit(name, widget)

    walk(start_windows(qtbot, folder))
    walk(workspace_windows(qtbot, workday(qtbot, folder), folder))
    return names
