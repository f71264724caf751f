"""The record's Sessions tab: every booking and session, and the notes of the one selected.

Notes are shown under their stage titles in the template's order, then any addenda with their
own author and time, because an ended session is append-only and a correction must read as one.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.session_template import TemplateFileError
from linkworker_desktop.services.library import template_for_session
from linkworker_desktop.ui.models.record_data import Visit
from linkworker_desktop.ui.models.session_words import day_and_time, minutes_text
from linkworker_desktop.ui.models.visits_model import Column, VisitsModel
from linkworker_desktop.ui.widgets.table_fit import fit_columns

NO_SESSIONS_TEXT = "No sessions booked or held yet."


def _stage_titles(template_id: str, kind: str) -> dict[str, str]:
    try:
        return {stage.id: stage.title for stage in template_for_session(template_id, kind).stages}
    except TemplateFileError:
        return {}


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())


def visit_notes_html(visit: Visit) -> str:
    """The selected visit in words: what it was, its notes by stage, then addenda."""
    heading = f"{visit.label} · {day_and_time(visit.when)}"
    parts = [f"<h3>{escape(heading)}</h3>"]
    where = ", ".join(p for p in (visit.mode.label if visit.mode else "", visit.place) if p)
    facts = [visit.attendance]
    if where:
        facts.append(where)
    if visit.session is not None and visit.session.duration_seconds is not None:
        facts.append(
            f"{minutes_text(visit.session.duration_seconds)} of {visit.planned_minutes} planned"
        )
    parts.append(f"<p>{escape(' · '.join(facts))}</p>")
    appointment = visit.appointment or {}
    if appointment.get("over_cap_reason"):
        parts.append(
            f"<p><b>Booked beyond the cap because:</b> {escape(appointment['over_cap_reason'])}</p>"
        )
    if appointment.get("prepare_notes"):
        parts.append(f"<p><b>Prepare:</b> {escape(appointment['prepare_notes'])}</p>")
    session = visit.session
    if session is None:
        parts.append("<p>No session notes: the session was not held.</p>")
        return "".join(parts)
    if session.what_matters:
        parts.append(f"<h4>What matters to me</h4><p>“{escape(session.what_matters)}”</p>")
    titles = _stage_titles(session.template_id, session.kind)
    order = list(titles) + [s for s in session.notes if s not in titles]
    written = [(s, session.notes[s]) for s in order if session.notes.get(s, "").strip()]
    if not written and not session.what_matters:
        parts.append("<p>No notes were written in this session.</p>")
    for stage_id, text in written:
        parts.append(f"<h4>{escape(titles.get(stage_id, stage_id))}</h4>{_paragraphs(text)}")
    for addendum in session.addenda:
        when = datetime.fromisoformat(addendum["created_at"]).astimezone()
        author = addendum.get("author") or "Unknown author"
        parts.append(
            f"<h4>Addendum by {escape(author)}, {escape(day_and_time(when))}</h4>"
            f"{_paragraphs(addendum['text'])}"
        )
    return "".join(parts)


class SessionsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = VisitsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.notes = QTextBrowser(self)
        self.notes.setAccessibleName("Notes of the selected session")
        self.notes.setOpenLinks(False)
        self.empty = QLabel(NO_SESSIONS_TEXT, self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.notes)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.clear()

    def show_record(self, visits: list[Visit]) -> None:
        self.model.set_visits(visits)
        self.empty.setVisible(not visits)
        self.splitter.setVisible(bool(visits))
        if visits:
            fit_columns(self.table, Column.ATTENDANCE)
            with_notes = next((r for r, v in enumerate(visits) if v.session is not None), 0)
            self.select_row(with_notes)
        self._show_selected()

    def clear(self) -> None:
        self.show_record([])

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_visit(self) -> Visit | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.visit(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        visit = self.selected_visit()
        self.notes.setHtml(visit_notes_html(visit) if visit else "")
