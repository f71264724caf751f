"""The caseload screen: every patient in a sortable table, filters, search-as-you-type.

The view owns the only reference to the open profile; dialogs reach the caseload through
:class:`CaseloadActions`, which asks this view for the profile at the moment they save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService, PatientNotFound
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions, CaseloadLocked
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.models.caseload_filter import STATUS_FILTERS, CaseloadFilter
from linkworker_desktop.ui.models.caseload_model import CaseloadModel, Column, Role, sort_order
from linkworker_desktop.ui.models.display import format_count
from linkworker_desktop.ui.widgets.cell_padding import pad_cells
from linkworker_desktop.ui.widgets.clear_button import name_clear_button
from linkworker_desktop.ui.widgets.value_label import ValueLabel

# The widest thing each column usually shows, so widths come from the font, not from scanning
# 10,000 rows (Qt's resize-to-contents would ask Python for every one).
_SAMPLES = {
    Column.NHS_NUMBER: "999 999 9999",
    Column.STATUS: "Contacted (overdue)",
    Column.REFERRAL_DATE: "30 Sep 2026",
    Column.DAYS_WAITING: "9999",
    Column.SESSIONS_USED: "99",
    Column.NEXT_SESSION: "30 Sep 2026 14:30",
}
_ITEM_PADDING = 12  # pixels between a right-aligned number and the next column's text
# The match count is said once typing pauses this long, not after every letter.
SEARCH_PAUSE_MS = 700


class CaseloadView(QWidget):
    changed = Signal()  # something was saved: other screens may refresh
    patient_activated = Signal(str)  # Enter or double-click, when a host shows records

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._profile: OpenProfile | None = None
        self.activate_opens_record = False  # the main window shows a full record instead
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self.model, self)
        self.actions = CaseloadActions(lambda: self._profile, self._known_patient)
        self._build()
        self._size_columns()
        self.add_button.setEnabled(False)  # until a caseload is open
        self._say_count = QTimer(self)
        self._say_count.setSingleShot(True)
        self._say_count.setInterval(SEARCH_PAUSE_MS)
        self._say_count.timeout.connect(lambda: announce(self.count, self.count.text()))
        self._update_count()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        search_label = QLabel("&Search", self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search name or NHS number")
        name_clear_button(self.search)
        self.search.setAccessibleName("Search name or NHS number")
        self.search.setToolTip("Search by name or NHS number as you type (Ctrl+F)")
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._go_to_table)
        search_label.setBuddy(self.search)
        status_label = QLabel("S&tatus", self)
        self.status = QComboBox(self)
        for value, label in STATUS_FILTERS:
            self.status.addItem(label, value)
        self.status.setAccessibleName("Status filter")
        self.status.currentIndexChanged.connect(self._status_changed)
        status_label.setBuddy(self.status)
        self.overdue = QCheckBox("&Overdue only", self)
        self.overdue.setAccessibleName("Overdue only")
        self.overdue.toggled.connect(self._overdue_changed)
        self.add_button = QPushButton("&Add patient…", self)
        self.add_button.setAccessibleName("Add patient")
        self.add_button.setToolTip("Add a patient and their referral (Ctrl+N)")
        self.add_button.clicked.connect(self.add_patient)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 3)
        bar.addSpacing(12)
        bar.addWidget(status_label)
        bar.addWidget(self.status)
        bar.addSpacing(12)
        bar.addWidget(self.overdue)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Caseload")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.verticalHeader().hide()
        pad_cells(self.table, _ITEM_PADDING)  # between a right-aligned number and the next text
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._open_index)
        layout.addWidget(self.table, 1)

        self.count = ValueLabel("Patients shown", self)
        layout.addWidget(self.count)

        # Shortcuts work while this screen shows, wherever the cursor is in the window (the
        # sections list included); a hidden screen's shortcuts are never active.
        context = Qt.ShortcutContext.WindowShortcut
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(context)
        find.activated.connect(self.focus_search)
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(context)
        new.activated.connect(self.add_patient)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search.clear)

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        padding = metrics.horizontalAdvance("M") * 2 + _ITEM_PADDING
        arrow = metrics.height() + 8  # room for the sort indicator beside a title
        for column in Column:
            title = metrics.horizontalAdvance(column.title) + padding + arrow
            sample = metrics.horizontalAdvance(_SAMPLES.get(column, "")) + padding
            if column is Column.STATUS:
                sample += metrics.height() + 6  # the overdue icon
            header.resizeSection(column, max(title, sample))
        header.setMinimumSectionSize(metrics.horizontalAdvance("9999") + padding)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()
        super().changeEvent(event)

    # --- profile and rows -----------------------------------------------------------------

    @property
    def profile(self) -> OpenProfile | None:
        return self._profile

    def set_profile(self, profile: OpenProfile | None) -> None:
        """Show this caseload; None (on lock) forgets every row at once."""
        self._profile = profile
        self.add_button.setEnabled(profile is not None)
        if profile is None:
            self.model.clear()
            self._update_count()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the database, keeping the sort order and the selected patient."""
        if self._profile is None or not self._profile.is_open:
            self.model.clear()
            self._update_count()
            return
        keep = self.current_patient_id()
        rows = CaseloadService(self._profile).rows()
        header = self.table.horizontalHeader()
        if 0 <= header.sortIndicatorSection() < len(Column):
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            column = Column(header.sortIndicatorSection())
            if column is not Column.NAME or descending:  # the service gives name order already
                rows = [rows[i] for i in sort_order(rows, column, descending)]
        self.model.set_rows(rows)
        if keep:
            self.select_patient(keep)
        self._update_count()

    def current_patient_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, Role.PATIENT_ID) if index.isValid() else None

    def select_patient(self, patient_id: str) -> bool:
        position = self.model.position_of(patient_id)
        if position is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _known_patient(self, digits: str) -> tuple[str, str] | None:
        for row in self.model.all_rows:
            if row.nhs_number == digits:
                family, _, given = row.name.partition(", ")
                return row.patient_id, f"{given} {family}".strip()
        return None

    # --- filters --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        keep = self.current_patient_id()
        self.proxy.set_search_text(text)
        self._filtered(keep)
        self._say_count.start()

    def _status_changed(self, _index: int) -> None:
        self._say_count.start()
        keep = self.current_patient_id()
        self.proxy.set_status(self.status.currentData())
        self._filtered(keep)

    def _overdue_changed(self, on: bool) -> None:
        self._say_count.start()
        keep = self.current_patient_id()
        self.proxy.set_overdue_only(on)
        self._filtered(keep)

    def _filtered(self, patient_id: str | None) -> None:
        """After the rows shown change: the patient who was selected stays so if still shown."""
        if patient_id:
            self.select_patient(patient_id)
        self._update_count()

    def _go_to_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self._say_count.stop()  # the list says the count as it takes the focus
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.proxy.total
        if self._profile is None:
            text = "The caseload is locked."
        elif total == 0:
            text = "No patients yet. Add one with Add patient."
        elif shown == total:
            text = format_count(total, "patient")
        elif shown == 0:
            text = f"No patients match (0 of {format_count(total, 'patient')})."
        else:
            text = f"{shown:,} of {format_count(total, 'patient')}"
        self.count.setText(text)
        self.count.setAccessibleDescription(text)
        self.table.setAccessibleDescription(text)

    # --- dialogs --------------------------------------------------------------------------

    def add_patient(self) -> PatientDialog | None:
        if self._profile is None:
            return None
        dialog = PatientDialog(self.actions, parent=self)
        self._watch(dialog)
        dialog.open()
        return dialog

    def open_patient(
        self, patient_id: str, notice: str = "", draft: Referral | None = None
    ) -> PatientDialog | None:
        try:
            patient, referrals = self.actions.open_patient(patient_id)
        except CaseloadLocked:
            return None
        except PatientNotFound as exc:
            self.refresh()
            box = QMessageBox(QMessageBox.Icon.Information, "Linkworker", str(exc), parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        dialog = PatientDialog(
            self.actions, patient, referrals, notice=notice, draft_referral=draft, parent=self
        )
        self._watch(dialog)
        dialog.open()
        return dialog

    def _open_index(self, index: QModelIndex) -> None:
        patient_id = self.proxy.data(index, Role.PATIENT_ID)
        if not patient_id:
            return
        if self.activate_opens_record:
            self.patient_activated.emit(patient_id)
        else:
            self.open_patient(patient_id)

    def _watch(self, dialog: PatientDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._after_change)
        dialog.duplicate_found.connect(self.open_patient)

    def _after_change(self, patient_id: str) -> None:
        self.refresh()
        self.select_patient(patient_id)
        self.table.setFocus()  # on the patient just saved: Enter opens their record
        saved = next((r for r in self.model.all_rows if r.patient_id == patient_id), None)
        if saved is not None:
            announce(self.table, f"Saved {saved.name}.")
        self.changed.emit()
