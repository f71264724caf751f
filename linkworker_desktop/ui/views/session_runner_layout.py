"""The session runner's widgets and where they sit, kept apart from what they do.

Left: the stages. Top: the session, its clock and the over-run banner. Centre: the stage's
title, prompt, what it records and its notes. Bottom: moving between stages and ending.
Fonts are scaled from the system's, and colours come from the palette, so the system font
size and dark mode carry through.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.session_template import SessionTemplate
from linkworker_desktop.ui.widgets.alert_banner import AlertBanner
from linkworker_desktop.ui.widgets.end_confirm import EndConfirm
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.notice import Notice
from linkworker_desktop.ui.widgets.stage_list import StageList
from linkworker_desktop.ui.widgets.value_label import ValueLabel

PREVIOUS_KEYS = ("Alt+Left", "Ctrl+PgUp")
NEXT_KEYS = ("Alt+Right", "Ctrl+PgDown")
SAY_TIME_KEYS = "Ctrl+T"
KEYS_HINT = (
    "Alt+Left and Alt+Right (or Ctrl+Page Up and Page Down) move between stages."
    f" {SAY_TIME_KEYS} says the time used."
)


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


CLOCK_NOTE = "The clock keeps running while the caseload is locked."


class SessionRunnerLayout(QWidget):
    """Builds the runner's widgets as attributes; the runner connects them."""

    def _build(self, template: SessionTemplate, title: str) -> None:
        self.setAccessibleName("Session runner")
        self.title = Heading(title, self, scale=1.25)
        self.title.setWordWrap(True)
        self.overall = bold(ValueLabel("Time used in this session", self), 1.6)
        self.clock_note = QLabel(CLOCK_NOTE, self)  # says which way the lock goes, not a guess
        self.clock_note.setAccessibleName(CLOCK_NOTE)
        clock_row = QHBoxLayout()
        clock_row.addWidget(QLabel("Time used", self), 0, Qt.AlignmentFlag.AlignBottom)
        clock_row.addWidget(self.overall, 0, Qt.AlignmentFlag.AlignBottom)
        clock_box = QVBoxLayout()
        clock_box.addLayout(clock_row)
        clock_box.addWidget(self.clock_note, 0, Qt.AlignmentFlag.AlignRight)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addLayout(clock_box)

        self.overrun = Notice("Over-run", self)
        self.message = Notice("Session messages", self)
        self.check_in = Notice("Home visit check-in", self)  # lone working: who can see it
        self.stage_list = StageList(template, self)
        self.stage_list.setFixedWidth(300)
        keys_hint = QLabel(KEYS_HINT, self)
        keys_hint.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.stage_list, 1)
        left.addWidget(keys_hint)

        self.pages = QStackedWidget(self)
        self.running_page = QWidget(self.pages)
        self.pages.addWidget(self.running_page)
        running = QHBoxLayout(self.running_page)
        running.setContentsMargins(0, 0, 0, 0)
        running.addLayout(left)
        running.addLayout(self._build_centre(), 1)

        self.alerts = AlertBanner(self)  # what to know about this person, all session long
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.alerts)
        layout.addWidget(self.check_in)
        layout.addWidget(self.overrun)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

    def _build_centre(self) -> QVBoxLayout:
        self.stage_title = Heading("", self, scale=1.15)
        self.stage_title.setWordWrap(True)
        self.stage_time = ValueLabel("Time used in this stage", self)
        self.prompt = ValueLabel("Prompt for this stage", self)
        self.prompt.setWordWrap(True)

        self.capture_stack = QStackedWidget()
        self.capture_stack.setAccessibleName("What to record in this stage")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes for this stage")
        self.notes_edit.setTabChangesFocus(True)  # Tab moves on, as everywhere else
        self.notes_edit.setPlaceholderText("Notes for this stage. They are saved as you type.")
        notes_label = QLabel("&Notes for this stage")
        notes_label.setBuddy(self.notes_edit)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(notes_label)
        notes_layout.addWidget(self.notes_edit, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.capture_stack)
        self.splitter.addWidget(notes_box)
        self.splitter.setChildrenCollapsible(False)
        self.end_confirm = EndConfirm(self)

        centre = QVBoxLayout()
        centre.addWidget(self.stage_title)
        centre.addWidget(self.stage_time)
        centre.addWidget(self.prompt)
        centre.addWidget(self.splitter, 1)
        centre.addWidget(self.end_confirm)
        centre.addLayout(self._build_footer())
        return centre

    def _build_footer(self) -> QHBoxLayout:
        style = self.style()
        self.previous_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "Previous stage"
        )
        self.previous_button.setAccessibleName("Previous stage")
        self.previous_button.setToolTip("Previous stage (Alt+Left or Ctrl+Page Up)")
        self.next_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), "Next stage"
        )
        self.next_button.setAccessibleName("Next stage")
        self.next_button.setToolTip("Next stage (Alt+Right or Ctrl+Page Down)")
        self.end_button = QPushButton("End session…")
        self.end_button.setAccessibleName("End session")
        self.save_state = ValueLabel("Notes saved state")
        footer = QHBoxLayout()
        footer.addWidget(self.previous_button)
        footer.addWidget(self.next_button)
        footer.addWidget(self.save_state, 1)
        footer.addWidget(self.end_button)
        return footer
