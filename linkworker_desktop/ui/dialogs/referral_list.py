"""A patient's referrals as a short list, newest first, with buttons to add and edit them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.ui.models.display import format_date

_HEADERS = ("Referral date", "Source", "Status", "Priority", "Reasons")


def referral_cells(referral: Referral) -> list[str]:
    return [
        format_date(referral.referral_date),
        referral.source.label,
        referral.status.label,
        referral.priority.label,
        ", ".join(reason.label for reason in referral.reasons),
    ]


class ReferralList(QWidget):
    """Asks for ``add_requested`` / ``edit_requested(referral)``; it saves nothing itself."""

    add_requested = Signal()
    edit_requested = Signal(object)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setAccessibleName("Referrals")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Each referral is one episode of support. Changes to a referral, its status "
            "included, are saved from its own window."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(_HEADERS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Referrals")
        self.tree.setColumnWidth(0, 120)
        self.tree.setColumnWidth(1, 130)
        self.tree.setColumnWidth(2, 120)
        self.tree.setColumnWidth(3, 80)
        self.tree.itemActivated.connect(lambda item, _column: self._edit_item(item))
        self.tree.currentItemChanged.connect(self._update_buttons)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("A&dd referral…", self)
        self.add_button.setAccessibleName("Add referral")
        self.add_button.clicked.connect(self.add_requested.emit)
        self.edit_button = QPushButton("&Edit referral…", self)
        self.edit_button.setAccessibleName("Edit referral")
        self.edit_button.clicked.connect(lambda: self._edit_item(self.tree.currentItem()))
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._referrals: list[Referral] = []
        self._update_buttons()

    def set_referrals(self, referrals: list[Referral]) -> None:
        """Show the referrals newest first and select the newest (the one most often changed)."""
        self._referrals = sorted(referrals, key=lambda r: r.referral_date, reverse=True)
        self.tree.clear()
        for referral in self._referrals:
            item = QTreeWidgetItem(referral_cells(referral))
            item.setData(0, Qt.ItemDataRole.UserRole, referral.id)
            self.tree.addTopLevelItem(item)
        if self._referrals:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    @property
    def referrals(self) -> list[Referral]:
        return list(self._referrals)

    def _edit_item(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        self.edit_requested.emit(self._referrals[self.tree.indexOfTopLevelItem(item)])

    def _update_buttons(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.tree.currentItem() is not None)
