"""The session's stages down the side: planned minutes, time used, and which one is current.

The current stage carries a marker icon and bold text, and an over-run a warning sign and
words, so nothing depends on colour. Clicking a stage (or Enter on it) asks to go there; moving the
selection with the arrow keys alone does not, so browsing the list never moves the clock.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QStyle, QWidget

from linkworker_desktop.domain.session_template import SessionTemplate
from linkworker_desktop.ui.widgets.clock_text import over_by, whole_minutes

OVER_MARK = "⚠"  # text, so the over-run reads the same in any style or colour scheme


class StageList(QListWidget):
    stage_requested = Signal(str)

    def __init__(self, template: SessionTemplate, parent: QWidget | None = None):
        super().__init__(parent)
        self.template = template
        self.setAccessibleName("Stages of this session")
        self.setAccessibleDescription("Press Enter or click a stage to move to it.")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(2)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.setIconSize(QSize(size, size))
        self._marker = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        blank = QPixmap(size, size)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank = QIcon(blank)  # keeps the words lined up whether or not a row has the marker
        for stage in template.stages:
            item = QListWidgetItem(self)
            item.setData(Qt.ItemDataRole.UserRole, stage.id)
        self.itemClicked.connect(self._requested)
        self.itemActivated.connect(self._requested)

    def _requested(self, item: QListWidgetItem) -> None:
        self.stage_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def show_times(self, current: str, used: Mapping[str, float]) -> None:
        """Rewrite every row: called each second by the runner's tick.

        Rows show whole minutes, so a row's text and spoken name change at most once a minute:
        a screen reader on the current stage is not told a new name every second.
        """
        for number, stage in enumerate(self.template.stages, start=1):
            item = self.item(number - 1)
            seconds = used.get(stage.id, 0.0)
            over = over_by(seconds, stage.minutes * 60)
            is_current = stage.id == current
            lines = [
                f"{number}. {stage.title}",
                f"{stage.minutes} min planned · {whole_minutes(seconds)} used",
            ]
            if over:
                lines.append(f"{OVER_MARK} {over}")
            item.setText("\n".join(lines))
            font = item.font()
            font.setBold(is_current)
            item.setFont(font)
            item.setIcon(self._marker if is_current else self._blank)
            spoken = (
                f"{'Current stage: ' if is_current else ''}{stage.title}, "
                f"{stage.minutes} minutes planned, {whole_minutes(seconds)} used"
                + (f", {over.lower()}" if over else "")
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)

    def select_stage(self, stage_id: str) -> None:
        """Move the list's selection to the stage the runner moved to."""
        self.setCurrentRow(self._index(stage_id))

    def row_text(self, stage_id: str) -> str:
        return self.item(self._index(stage_id)).text()

    def _index(self, stage_id: str) -> int:
        return [s.id for s in self.template.stages].index(stage_id)
