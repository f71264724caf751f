"""The Sync page: enrol with the hub, see recent rounds, and settle conflicts side by side.

Rounds themselves belong to the :class:`SyncScheduler` ("Sync now" only asks it); this view
listens to its signals and re-reads the caseload on the GUI thread. Settling a conflict is a
local write through the service, then a request to sync it out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services import conflicts as conflict_service
from linkworker_desktop.services import held_changes, machine_config, sync_service
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sync_service import SyncStatus
from linkworker_desktop.ui.dialogs.merge_dialog import MergeDialog
from linkworker_desktop.ui.models.sync_rounds_model import SyncRoundsModel
from linkworker_desktop.ui.models.sync_words import (
    STATE_TEXT,
    changes_waiting,
    last_synced,
)
from linkworker_desktop.ui.sync_scheduler import REVOKED, SYNCING, SyncScheduler
from linkworker_desktop.ui.widgets.conflict_panel import ConflictPanel
from linkworker_desktop.ui.widgets.enrol_form import EnrolForm
from linkworker_desktop.ui.widgets.held_changes_box import HeldChangesBox
from linkworker_desktop.ui.widgets.value_label import ValueLabel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _wrapped(text: str = "", caption: str = "") -> QLabel:
    """A wrapped label; one with a caption is read as "caption: text"."""
    label = ValueLabel(caption, text) if caption else QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SyncView(QWidget):
    conflicts_changed = Signal()

    def __init__(self, scheduler: SyncScheduler, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Sync")
        self.scheduler = scheduler
        self._profile: OpenProfile | None = None
        self._details: dict[str, conflict_service.ConflictDetail] = {}
        self.pages = QStackedWidget()
        self.locked_page = _wrapped("Unlock your caseload to see how it syncs with the hub.")
        self.enrol_form = EnrolForm(self._open_profile)
        self.pages.addWidget(self.locked_page)
        self.pages.addWidget(self.enrol_form)
        self.pages.addWidget(self._build_enrolled_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.enrol_form.enrolled.connect(self._enrolled)
        scheduler.state_changed.connect(self._show_state)
        scheduler.status_changed.connect(self._show_status)
        scheduler.round_finished.connect(self._round_ended)
        scheduler.round_failed.connect(self._round_ended)
        self.set_profile(None)

    # --- building -----------------------------------------------------------------------------

    def _build_enrolled_page(self) -> QWidget:
        page = QWidget()
        self.hub_label = _wrapped(caption="Hub")
        font = self.hub_label.font()
        font.setBold(True)
        self.hub_label.setFont(font)
        self.status_line = _wrapped(caption="Sync status")
        self.problem = _wrapped(caption="Last sync problem")
        self.sync_button = QPushButton("&Sync now")
        self.sync_button.setAccessibleName("Sync now")
        self.sync_button.clicked.connect(self.scheduler.request_sync)
        header = QHBoxLayout()
        words = QVBoxLayout()
        for label in (self.hub_label, self.status_line, self.problem):
            words.addWidget(label)
        header.addLayout(words, 1)
        header.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)

        self.held_box = HeldChangesBox()
        self.held_box.try_again_requested.connect(self.try_held_again)

        self.conflicts_box = QGroupBox("Conflicts to settle")
        self.no_conflicts = _wrapped("No conflicts to settle.")
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName("Conflicts to settle")
        self.conflict_list.setWordWrap(True)
        self.conflict_list.currentItemChanged.connect(self._select)
        self.panel = ConflictPanel()
        self.panel.keep_requested.connect(self.settle)
        self.panel.merge_requested.connect(self._merge)
        conflicts_row = QHBoxLayout()
        conflicts_row.addWidget(self.conflict_list, 2)
        conflicts_row.addWidget(self.panel, 5)
        conflicts_layout = QVBoxLayout(self.conflicts_box)
        conflicts_layout.addWidget(self.no_conflicts)
        conflicts_layout.addLayout(conflicts_row, 1)

        rounds_box = QGroupBox("Recent sync rounds")
        self.rounds_model = SyncRoundsModel(self)
        self.rounds_table = QTableView()
        self.rounds_table.setModel(self.rounds_model)
        self.rounds_table.setAccessibleName("Recent sync rounds")
        self.rounds_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rounds_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rounds_table.setAlternatingRowColors(True)
        self.rounds_table.setTabKeyNavigation(False)
        self.rounds_table.verticalHeader().hide()
        heading = self.rounds_table.horizontalHeader()
        heading.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        heading.setStretchLastSection(True)
        QVBoxLayout(rounds_box).addWidget(self.rounds_table)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.held_box)
        layout.addWidget(self.conflicts_box, 1)
        layout.addWidget(rounds_box, 1)
        return page

    # --- what the main window calls -----------------------------------------------------------

    def set_profile(self, profile: OpenProfile | None) -> None:
        self._profile = profile
        self.enrol_form.message.clear()
        self.refresh()

    def refresh(self) -> None:
        """Re-read everything shown from the caseload (cheap: a few small queries)."""
        profile = self._open_profile()
        if profile is None:
            self._details = {}
            self.rounds_model.set_rounds([])
            self.conflict_list.clear()
            self.panel.show_conflict(None)
            self.held_box.show_changes([])
            self.pages.setCurrentWidget(self.locked_page)
            return
        status = sync_service.status(profile)
        if not status.enrolled:
            self.enrol_form.apply_machine_config(machine_config.current())
            self.pages.setCurrentWidget(self.enrol_form)
            return
        self.pages.setCurrentIndex(2)
        self.hub_label.setText(f"{status.organisation} — hub at {status.hub_url}")
        self._show_status(status)
        self._show_state(self.scheduler.state)
        self.rounds_model.set_rounds(sync_service.rounds(profile))
        self.held_box.show_changes(held_changes.held_changes(profile))
        self._show_conflicts(conflict_service.open_details(profile))

    def settle(self, value: Any) -> None:
        """Keep ``value`` for the conflict on show, then send the settlement to the hub."""
        profile = self._open_profile()
        detail = self.panel.detail
        if profile is None or detail is None:
            return
        row = self.conflict_list.currentRow()
        try:
            sync_service.settle(profile, detail.id, value)
        except ValueError as exc:  # settled meanwhile, by a colleague or a round
            self.refresh()
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.refresh()
        if self.conflict_list.count():
            self.conflict_list.setCurrentRow(min(row, self.conflict_list.count() - 1))
            self.conflict_list.setFocus()
        self.conflicts_changed.emit()
        self.scheduler.refresh_status()
        self.scheduler.request_sync()

    def try_held_again(self) -> None:
        """Apply the held changes whose cause was put right here, then sync to catch up."""
        profile = self._open_profile()
        if profile is None:
            return
        applied = held_changes.try_again(profile)
        self.refresh()
        self.held_box.show_outcome(applied, len(held_changes.held_changes(profile)))
        self.scheduler.request_sync()

    # --- inside -------------------------------------------------------------------------------

    def _open_profile(self) -> OpenProfile | None:
        profile = self._profile
        return profile if profile is not None and profile.is_open and profile.conn else None

    def _round_ended(self, _outcome: object) -> None:
        self.refresh()

    def _enrolled(self, _response: object) -> None:
        self.refresh()
        self.scheduler.request_sync()

    def _show_state(self, state: str) -> None:
        self.sync_button.setEnabled(state not in (SYNCING, REVOKED))
        self.sync_button.setText("Syncing…" if state == SYNCING else "&Sync now")
        profile = self._open_profile()
        if profile is not None and self.pages.currentIndex() == 2:
            self._show_status(sync_service.status(profile))

    def _show_status(self, status: SyncStatus | None) -> None:
        if status is None or not status.enrolled:
            return
        state = STATE_TEXT.get(self.scheduler.state, "")
        parts = [state, last_synced(status.last_good_sync), changes_waiting(status.pending)]
        self.status_line.setText(" · ".join(p for p in parts if p))
        message = self.scheduler.last_message or status.last_error
        self.problem.setText(f"Last problem: {message}" if message else "")
        self.problem.setVisible(bool(message))

    def _show_conflicts(self, details: list[conflict_service.ConflictDetail]) -> None:
        current = self.panel.detail.id if self.panel.detail else None
        self._details = {d.id: d for d in details}
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for detail in details:
            item = QListWidgetItem(detail.title)
            item.setData(ID_ROLE, detail.id)
            self.conflict_list.addItem(item)
        self.conflict_list.blockSignals(False)
        self.conflicts_box.setTitle(
            f"Conflicts to settle ({len(details)})" if details else "Conflicts to settle"
        )
        self.no_conflicts.setVisible(not details)
        self.conflict_list.setVisible(bool(details))
        self.panel.setVisible(bool(details))
        ids = [d.id for d in details]
        row = ids.index(current) if current in ids else 0
        if details:
            self.conflict_list.setCurrentRow(row)
        self._select(self.conflict_list.currentItem())

    def _select(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        detail = self._details.get(item.data(ID_ROLE)) if item is not None else None
        self.panel.show_conflict(detail)

    def _merge(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        text, accepted = MergeDialog.get_merged(
            self, detail.title, str(detail.mine.value or ""), str(detail.theirs.value or "")
        )
        if accepted:
            self.settle(text)
