"""The main window: set-up or unlock, then the workspace; locking and unlocking in one place.

Locking closes the database, drops the key and empties every screen. Dialogs that were open
are hidden, not closed, so what was typed in them survives and comes back after unlock.
Before a lock or a quit, open pages save what was typed on them (``save_now``), and quitting
during a running session asks whether to end it or keep it running.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop import APP_NAME
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services import about, backups, demo, keys
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.errors import StorageError, TooManyAttempts, WrongPassphrase
from linkworker_desktop.services.profile import OpenProfile, ProfileFiles, ProvenKey
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import AUTO_LOCK_MINUTES
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.background import BackgroundTask, show_error
from linkworker_desktop.ui.backup_control import BackupControl
from linkworker_desktop.ui.caption_names import name_captions_when_focused
from linkworker_desktop.ui.dialogs import quit_question
from linkworker_desktop.ui.dialogs.about_dialog import AboutDialog
from linkworker_desktop.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from linkworker_desktop.ui.dialogs.import_caseload_dialog import ImportCaseloadDialog
from linkworker_desktop.ui.dialogs.quit_question import QuitAnswer
from linkworker_desktop.ui.dialogs.recover_dialog import RecoverDialog
from linkworker_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from linkworker_desktop.ui.idle import IdleWatcher
from linkworker_desktop.ui.screen_fit import resize_to_fit
from linkworker_desktop.ui.sync_scheduler import SyncScheduler
from linkworker_desktop.ui.views.caseload_view import CaseloadView
from linkworker_desktop.ui.views.directory_view import DirectoryView
from linkworker_desktop.ui.views.record_page import RecordPage
from linkworker_desktop.ui.views.reports_view import ReportsView
from linkworker_desktop.ui.views.session_runner import SessionRunner
from linkworker_desktop.ui.views.settings_view import SettingsView
from linkworker_desktop.ui.views.setup_view import DEMO_PATIENTS, SetupView
from linkworker_desktop.ui.views.sync_view import SyncView
from linkworker_desktop.ui.views.today_view import TodayView
from linkworker_desktop.ui.views.unlock_view import UnlockView
from linkworker_desktop.ui.widgets.backup_reminder import BackupReminder
from linkworker_desktop.ui.widgets.backup_section import BackupSection
from linkworker_desktop.ui.widgets.chase_ups import ChaseUpsPanel
from linkworker_desktop.ui.widgets.measure_import import MeasureImportSection
from linkworker_desktop.ui.widgets.mnemonics import give_mnemonics
from linkworker_desktop.ui.widgets.section_list import SectionList
from linkworker_desktop.ui.widgets.sync_status import SyncStatusWidget
from linkworker_desktop.ui.widgets.value_label import ValueLabel, status_politeness

# The Go menu names the sections in the navigation's order; Ctrl+1 to Ctrl+6 open them.
GO_MENU = ("&Today", "&Caseload", "&Directory", "&Reports", "&Sync", "S&ettings")


class ProfileView(Protocol):
    def set_profile(self, profile: OpenProfile | None) -> None: ...


class MainWindow(QMainWindow):
    def __init__(self, files: ProfileFiles, parent: QWidget | None = None):
        super().__init__(parent)
        self.files = files
        self.profile: OpenProfile | None = None
        self._hidden_dialogs: list[QDialog] = []
        self.setWindowTitle(APP_NAME)
        resize_to_fit(self, 1280, 800)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setup_view = SetupView(str(files.folder), self)
        self.unlock_view = UnlockView(self)
        self.workspace = QWidget(self)
        for page in (self.setup_view, self.unlock_view, self.workspace):
            self.stack.addWidget(page)

        self.nav = SectionList(self.workspace)
        self.nav.setAccessibleName("Sections")
        self.nav.setMaximumWidth(180)
        self.nav.setSpacing(3)
        self.pages = QStackedWidget(self.workspace)
        self.views: list[ProfileView] = []
        self._open_pages: dict[str, QWidget] = {}
        self._build_sections()
        self.backups = BackupControl(self)
        self._connect_backups()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(1)
        row = QHBoxLayout(self.workspace)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)

        self.sync_status = SyncStatusWidget(self)
        self.sync_status.bind(self.sync_scheduler)
        self.sync_status.open_sync_requested.connect(
            lambda: self.nav.setCurrentRow(self.pages.indexOf(self.sync_view))
        )
        self.who = ValueLabel("Who is working", "", self)
        self.lock_state = ValueLabel("Lock state", "Locked", self)
        self.statusBar().addWidget(self.who, 1)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.statusBar().addPermanentWidget(self.lock_state)
        # "Passphrase changed.", "Backed up…": a passing message is said as it appears.
        self.statusBar().messageChanged.connect(
            lambda text: announce(self.statusBar(), text, status_politeness(text))
        )
        self._build_actions()

        self.idle = IdleWatcher(AUTO_LOCK_MINUTES.default, self)
        self.idle.idle.connect(self.lock)
        self.setup_view.submitted.connect(self._create)
        self.unlock_view.unlock_requested.connect(self._unlock)
        self.unlock_view.keyring_requested.connect(self._unlock_with_keyring)
        self.unlock_view.recover_requested.connect(self._recover)
        self.settings_view.settings_changed.connect(self._settings_changed)
        self.settings_view.change_passphrase_requested.connect(self._change_passphrase)
        give_mnemonics(self)  # set-up, lock screen, settings and sync captions
        name_captions_when_focused()  # every window's captions, without the Alt letter's "&"
        self._show_start_page()

    # --- building -------------------------------------------------------------------------

    def add_section(self, name: str, widget: QWidget, position: int | None = None) -> None:
        """A screen in the navigation; if it has set_profile it follows lock and unlock."""
        index = self.pages.count() if position is None else position
        self.nav.insertItem(index, name)
        self.pages.insertWidget(index, widget)
        if hasattr(widget, "set_profile"):
            self.views.append(widget)  # type: ignore[arg-type]

    def _build_sections(self) -> None:
        self.today_view = TodayView(self)
        self.chase_ups = ChaseUpsPanel(lambda: self.profile, self)
        today_page = QWidget(self)
        today_layout = QVBoxLayout(today_page)
        today_layout.setContentsMargins(0, 0, 0, 0)
        self.backup_reminder = BackupReminder(lambda: self.profile, self)
        today_layout.addWidget(self.backup_reminder)
        today_layout.addWidget(self.chase_ups)
        today_layout.addWidget(self.today_view, 1)
        self.views.append(self.backup_reminder)
        self.views.append(self.chase_ups)
        self.views.append(self.today_view)  # its page is the container above
        self.caseload_view = CaseloadView(self)
        self.caseload_view.activate_opens_record = True
        self.directory_view = DirectoryView(lambda: self.profile, self)
        self.reports_view = ReportsView(lambda: self.profile, self)
        self.sync_scheduler = SyncScheduler(self)
        self.sync_view = SyncView(self.sync_scheduler, self)
        self.settings_view = SettingsView(lambda: self.profile, self)
        self.measure_import = MeasureImportSection(lambda: self.profile, self.settings_view)
        self.settings_view.add_section(self.measure_import)
        self.views.append(self.measure_import)
        self.backup_section = BackupSection(lambda: self.profile, self.settings_view)
        self.settings_view.add_section(self.backup_section)
        self.views.append(self.backup_section)
        for name, view in (
            ("Today", today_page),
            ("Caseload", self.caseload_view),
            ("Directory", self.directory_view),
            ("Reports", self.reports_view),
            ("Sync", self.sync_view),
            ("Settings", self.settings_view),
        ):
            self.add_section(name, view)
        self.fixed_sections = self.nav.count()
        self.views.append(self.sync_scheduler)  # rounds start after unlock and stop on lock
        self.today_view.start_session_requested.connect(self.start_session)
        self.today_view.checked_out.connect(lambda _id: self.sync_scheduler.request_sync())
        self.today_view.resume_session_requested.connect(self.resume_session)
        self.today_view.open_patient_requested.connect(self.open_record)
        self.caseload_view.patient_activated.connect(self.open_record)
        self.caseload_view.changed.connect(self._data_changed)
        self.directory_view.changed.connect(self._data_changed)
        self.directory_view.changed.connect(self.chase_ups.refresh)
        self.sync_scheduler.round_finished.connect(lambda _r: self._after_sync())
        self.sync_view.conflicts_changed.connect(self._data_changed)
        self.directory_view.changed.connect(self._refresh_open_records)

    def _connect_backups(self) -> None:
        control, section, reminder = self.backups, self.backup_section, self.backup_reminder
        section.back_up_requested.connect(lambda: control.back_up())
        section.restore_requested.connect(lambda: control.choose_backup_file())
        section.move_requested.connect(lambda: control.move_to_another_computer())
        reminder.back_up_requested.connect(self._back_up_from_reminder)
        self.setup_view.restore_requested.connect(lambda: control.choose_backup_file())
        control.backed_up.connect(section.show_backed_up)
        control.backed_up.connect(lambda _info: reminder.refresh())
        control.failed.connect(section.show_problem)

    def _back_up_from_reminder(self) -> None:
        """With no folder chosen yet, Settings → Backups opens at the folder button."""
        if self.profile is not None and backups.backup_settings(self.profile).folder is None:
            self.nav.setCurrentRow(self.pages.indexOf(self.settings_view))
            self.backup_section.folder_button.setFocus()
        self.backups.back_up()

    # --- records and sessions opened as pages ---------------------------------------------

    def _open_page(self, key: str, title: str, page: QWidget) -> None:
        self._open_pages[key] = page
        self.add_section(title, page)
        self._show_row(self.nav.count() - 1)

    def _show_page(self, key: str) -> bool:
        page = self._open_pages.get(key)
        if page is None:
            return False
        self._show_row(self.pages.indexOf(page))
        return True

    def _show_row(self, row: int) -> None:
        """Show section ``row``; focus in the page being left moves straight into the new one.

        Left to the stack, hiding the old page would pass the focus through the section list
        on the way, and a screen reader would say "Sections" before where the person lands.
        """
        page, leaving = self.pages.widget(row), self.pages.currentWidget()
        focus = QApplication.focusWidget()
        moving = page not in (None, leaving) and focus is not None and leaving.isAncestorOf(focus)
        if moving:
            focus.clearFocus()
        self.nav.setCurrentRow(row)
        if moving:
            remembered = page.focusWidget()
            if remembered is not None and remembered.isVisible():
                remembered.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                _focus_first(page)

    def close_page(self, key: str) -> None:
        page = self._open_pages.pop(key, None)
        if page is None:
            return
        self._show_row(1)
        index = self.pages.indexOf(page)
        self.nav.takeItem(index)
        self.pages.removeWidget(page)
        if page in self.views:
            self.views.remove(page)  # type: ignore[arg-type]
        page.deleteLater()

    def open_record(self, patient_id: str) -> RecordPage | None:
        if self.profile is None:
            return None
        key = f"record:{patient_id}"
        if self._show_page(key):
            return self._open_pages[key]  # type: ignore[return-value]
        page = RecordPage(lambda: self.profile, patient_id, self.pages)
        page.close_requested.connect(lambda: self.close_page(key))
        page.edit_requested.connect(self.caseload_view.open_patient)
        page.find_service_requested.connect(self._find_service_for)
        page.record.record_changed.connect(lambda _pid: self._data_changed())
        name = page.record.data.patient.display_name if page.record.data else "Patient"
        self._open_page(key, f"• {name}", page)
        return page

    def _find_service_for(self, patient_id: str) -> None:
        self.directory_view.for_patient = patient_id
        self._show_row(self.pages.indexOf(self.directory_view))
        self.directory_view.search.setFocus()

    def start_session(self, appointment_id: str) -> SessionRunner | None:
        if self.profile is None:
            return None
        try:
            state = SessionService(self.profile).start(appointment_id)
        except ValidationError as exc:
            QMessageBox.information(self, "Session", " ".join(exc.problems.values()))
            return None
        return self._open_runner(state.session_id)

    def resume_session(self, session_id: str) -> SessionRunner | None:
        return self._open_runner(session_id)

    def _open_runner(self, session_id: str) -> SessionRunner | None:
        if self.profile is None:
            return None
        key = f"session:{session_id}"
        if self._show_page(key):
            return self._open_pages[key]  # type: ignore[return-value]
        runner = SessionRunner(lambda: self.profile, session_id, parent=self.pages)
        patient = CaseloadService(self.profile).patient(runner.state.patient_id)
        runner.ended.connect(lambda _sid: self._data_changed())
        runner.ended.connect(lambda _sid: self._refresh_records())  # "No sessions yet" no more
        runner.ended.connect(lambda _sid: self.sync_scheduler.request_sync())
        runner.closed.connect(lambda _sid: self.close_page(key))
        runner.show_hub_state(self.sync_scheduler.state)  # a home visit: can the team see it?
        self.sync_scheduler.state_changed.connect(runner.show_hub_state)
        if runner.visit is not None:
            self.sync_scheduler.request_sync()  # the check-in reaches the team now, if it can
        self._open_page(key, f"▶ Session: {patient.display_name}", runner)
        return runner

    def _refresh_open_records(self) -> None:
        for page in self._open_pages.values():
            if isinstance(page, RecordPage):
                page.services.refresh()

    def _refresh_records(self) -> None:
        for page in self._open_pages.values():
            if isinstance(page, RecordPage):
                page.record.refresh()
                page.plan.reload()  # what a session agreed shows on the Goal plan tab too

    def _data_changed(self) -> None:
        """Something was saved: the lists that show it refresh themselves."""
        if self.profile is None:
            return
        self.today_view.refresh()
        self.caseload_view.refresh()
        self.reports_view.data_changed()
        self.sync_scheduler.refresh_status()

    def _after_sync(self) -> None:
        """Colleagues' changes arrived: every open list shows them."""
        if self.profile is None:
            return
        self.today_view.refresh()
        self.caseload_view.refresh()
        self.reports_view.data_changed()
        self.chase_ups.refresh()
        self._refresh_records()

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self.lock_action = QAction("&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # Works from any window of the app, an open patient dialog included.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        menu.addAction(self.lock_action)
        self.import_action = QAction("&Import caseload…", self)
        self.import_action.triggered.connect(self.import_caseload)
        self.import_action.setEnabled(False)
        menu.addAction(self.import_action)
        move_action = QAction("&Move to another computer…", self)
        move_action.triggered.connect(lambda: self.backups.move_to_another_computer())
        menu.addAction(move_action)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # the platform's Quit key can be none
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        go = self.menuBar().addMenu("&Go")
        for number, text in enumerate(GO_MENU):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, n=number: self.go_to(n))
            go.addAction(action)
            self.addAction(action)
        self.go_menu = go
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.addAction(self.lock_action)

    def go_to(self, index: int) -> None:
        """Ctrl+1…6: show the section and put the cursor in it, so its own keys work at once."""
        if self.profile is not None and 0 <= index < self.nav.count():
            self._show_row(index)
            _focus_first(self.pages.currentWidget())

    def _about(self) -> None:
        AboutDialog(about.about_facts(self.files, self.profile), self).exec()

    # --- start, set-up, unlock ------------------------------------------------------------

    def _show_start_page(self) -> None:
        if not self.files.exists():
            self.stack.setCurrentWidget(self.setup_view)
            return
        self.stack.setCurrentWidget(self.unlock_view)
        try:
            keyring = keys.keyring_unlock_offered(self.files)
        except StorageError as exc:
            self.unlock_view.reset()
            self.unlock_view.show_error(str(exc))
            self.unlock_view.unlock_button.setEnabled(False)
            self.unlock_view.recover_button.setEnabled(False)
            return
        self.unlock_view.reset(keyring=keyring)

    def _create(self, name: str, team: str, passphrase: str, with_demo: bool) -> None:
        self.setup_view.set_busy(True, "Creating your encrypted caseload… (a few seconds)")
        files = self.files

        def work() -> tuple[ProvenKey, str]:
            proven, recovery = profile_service.create_profile_files(files, passphrase, name, team)
            if with_demo:
                opened = profile_service.open_profile(proven)  # this thread's own connection
                try:
                    demo.add_demo_caseload(opened, DEMO_PATIENTS)
                finally:
                    opened.close()
            return proven, recovery

        def done(result: tuple[ProvenKey, str]) -> None:
            proven, recovery = result
            if self._open(proven):
                self._enrol_with(self.setup_view.take_code())
                self.show_recovery_key(recovery)

        BackgroundTask(self, work).success(done).failure(
            lambda exc: self.setup_view.show_problem(str(exc))
        ).run()

    def _enrol_with(self, code: str) -> None:
        """A code typed at set-up goes to the Sync page's form, which enrols and says how it went
        (a wrong code stays there to correct)."""
        if not code:
            return
        self.nav.setCurrentRow(self.pages.indexOf(self.sync_view))
        self.sync_view.enrol_form.code_edit.setText(code)
        self.sync_view.enrol_form.submit()

    def show_recovery_key(self, recovery: str) -> RecoveryKeyDialog:
        dialog = RecoveryKeyDialog(recovery, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _unlock(self, passphrase: str) -> None:
        self.unlock_view.set_busy(True)
        files = self.files
        BackgroundTask(self, lambda: profile_service.prove_passphrase(files, passphrase)).success(
            self._open
        ).failure(self._unlock_failed).run()

    def _unlock_failed(self, error: BaseException) -> None:
        if isinstance(error, WrongPassphrase | TooManyAttempts):
            self.unlock_view.show_wrong(str(error), error.wait_seconds)
        elif isinstance(error, StorageError):
            self.unlock_view.show_error(str(error))
        else:
            self.unlock_view.set_busy(False)
            show_error(self, error)

    def _unlock_with_keyring(self) -> None:
        try:
            opened = profile_service.unlock_with_keyring(self.files)
        except StorageError as exc:
            self.unlock_view.show_error(str(exc))
            return
        if opened is None:
            self.unlock_view.show_error(
                "The computer account could not unlock the caseload; use the passphrase."
            )
            return
        self._opened(opened)

    def _recover(self) -> RecoverDialog:
        dialog = RecoverDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        files = self.files

        def accepted() -> None:
            values = dialog.values()
            if values is None:
                return
            key, new = values
            self.unlock_view.set_busy(True)

            def done(result: tuple[ProvenKey, str]) -> None:
                proven, fresh = result
                if self._open(proven):
                    self.show_recovery_key(fresh)

            BackgroundTask(self, lambda: profile_service.recover_with_key(files, key, new)).success(
                done
            ).failure(self._unlock_failed).run()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _open(self, proven: ProvenKey) -> bool:
        """Open the caseload on this (the GUI) thread, which will own the connection."""
        try:
            opened = profile_service.open_profile(proven)
        except StorageError as exc:
            self.stack.setCurrentWidget(self.unlock_view)
            self.unlock_view.show_error(str(exc))
            return False
        self._opened(opened)
        return True

    def _opened(self, opened: OpenProfile) -> None:
        self.profile = opened
        for view in self.views:
            view.set_profile(opened)
        team = f", {opened.team_name}" if opened.team_name else ""
        self.who.setText(f"{opened.worker_name}{team}")
        self.lock_state.setText("Unlocked · Ctrl+L locks")
        announce(self.lock_state, "Caseload unlocked.")
        self.setWindowTitle(f"{APP_NAME}: {opened.worker_name}")
        self.lock_action.setEnabled(True)
        self.import_action.setEnabled(True)
        self.idle.set_minutes(opened.settings.get(AUTO_LOCK_MINUTES))
        self.idle.start()
        # The section's first control takes the focus from the passphrase field directly, as
        # with Ctrl+1…6: not the hidden lock screen's next button, nor the section list.
        self.workspace.show()
        _focus_first(self.pages.currentWidget())
        self.stack.setCurrentWidget(self.workspace)
        hidden, self._hidden_dialogs = self._hidden_dialogs, []
        for dialog in hidden:
            dialog.show()
        self.backups.unlocked()

    # --- lock -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the database, drop the key, empty the screens; keep open dialogs' text."""
        if self.profile is None:
            return
        self._save_typing()
        focus = QApplication.focusWidget()
        if focus is not None and self.workspace.isAncestorOf(focus):
            focus.clearFocus()  # emptying the views would pass it from control to control
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.hide()
                self._hidden_dialogs.append(widget)
        self.idle.stop()
        self.backups.locked()
        opened, self.profile = self.profile, None
        for view in self.views:
            view.set_profile(None)
        worker = opened.worker_name
        opened.close()
        self.lock_action.setEnabled(False)
        self.import_action.setEnabled(False)
        self.lock_state.setText("Locked")
        announce(self.lock_state, "Caseload locked.")  # an idle lock too: heard on coming back
        self.who.setText("")
        self.setWindowTitle(APP_NAME)
        keyring = self.files.keys.exists() and _has_keyring_slot(self.files)
        # Shown before its field takes the focus, so the focus never lands on a hidden field.
        self.unlock_view.show()
        self.unlock_view.reset(worker=worker, keyring=keyring)
        self.stack.setCurrentWidget(self.unlock_view)

    # --- settings -------------------------------------------------------------------------

    def _settings_changed(self, changed: dict[str, Any]) -> None:
        if AUTO_LOCK_MINUTES.key in changed:
            self.idle.set_minutes(int(changed[AUTO_LOCK_MINUTES.key]))

    def release_for_restore(self) -> tuple[ProvenKey | None, str]:
        """Close the open caseload so a backup can take its place; its key is handed back so
        it can be opened again if the restore fails. Refused while work is in progress."""
        if self.profile is None:
            return None, "The caseload is locked."
        if self._running_sessions():
            return None, "End the running session first, then restore."
        if self._save_typing() is not None:
            return None, "Something typed could not be saved. Fix it or clear it, then restore."
        for key in list(self._open_pages):
            self.close_page(key)  # records and sessions of the caseload being replaced
        opened, self.profile = self.profile, None
        proven = ProvenKey(opened.files, opened.keyfile, opened.data_key)
        self.backups.locked()
        for view in self.views:
            view.set_profile(None)
        opened.close()
        return proven, ""

    def open_restored(self, proven: ProvenKey) -> bool:
        return self._open(proven)

    def change_passphrase(self) -> ChangePassphraseDialog:
        return self._change_passphrase()

    def import_caseload(self) -> ImportCaseloadDialog | None:
        """File → Import caseload…; the lists refresh once rows went in."""
        if self.profile is None:
            return None
        dialog = ImportCaseloadDialog(lambda: self.profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _result: self._data_changed())
        dialog.open()
        return dialog

    def _change_passphrase(self) -> ChangePassphraseDialog:
        dialog = ChangePassphraseDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            values, opened = dialog.values(), self.profile
            if values is None or opened is None:
                return
            current, new = values
            BackgroundTask(
                self, lambda: profile_service.change_passphrase(opened, current, new)
            ).success(lambda _r: self.statusBar().showMessage("Passphrase changed.", 8000)).run()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _save_typing(self) -> QWidget | None:
        """What was typed on open pages reaches the database before it closes (lock or quit).

        Returns the first page whose typing could not be saved (it says why on screen).
        """
        unsaved = None
        for view in self.views:
            save_now = getattr(view, "save_now", None)
            if callable(save_now) and save_now() is False and unsaved is None:
                unsaved = view if isinstance(view, QWidget) else None
        return unsaved

    def _running_sessions(self) -> list[SessionRunner]:
        pages = self._open_pages.values()
        return [p for p in pages if isinstance(p, SessionRunner) and not p.state.ended]

    def _may_quit(self) -> bool:
        """A running session is never left without a word: end it, keep it, or stay."""
        running = self._running_sessions() if self.profile is not None else []
        if not running:
            return True
        names = [r.patient_name for r in running]
        unsaved = [part for r in running for part in r.unsaved_typing()]
        answer = quit_question.ask_quit_with_sessions(self, names, unsaved)
        if answer is QuitAnswer.CANCEL:
            return False
        if answer is QuitAnswer.END:
            for runner in running:
                if not runner.end_session():  # it says why on its page
                    self.nav.setCurrentRow(self.pages.indexOf(runner))
                    return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._may_quit():
            event.ignore()
            return
        if self.profile is not None:
            unsaved = self._save_typing()
            if unsaved is not None:
                self.nav.setCurrentRow(self.pages.indexOf(unsaved))
                self.statusBar().showMessage(
                    "Not quit: something typed could not be saved. Fix it or clear it, then quit.",
                    15000,
                )
                event.ignore()
                return
            if not self.backups.before_quit():
                event.ignore()
                return
            self.backups.locked()
            for view in self.views:
                view.set_profile(None)
            self.profile.close()
            self.profile = None
        super().closeEvent(event)


def _has_keyring_slot(files: ProfileFiles) -> bool:
    try:
        return keys.keyring_unlock_offered(files)
    except StorageError:
        return False


def _focus_first(page: QWidget) -> None:
    """The first control Tab would reach inside ``page`` takes the focus."""
    widget = page.nextInFocusChain()
    while widget is not page:
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = widget.nextInFocusChain()
