"""The recent rounds table model, under Qt's own model checker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from linkworker_desktop.ui.models.sync_rounds_model import ROUND_ROLE, Column, SyncRoundsModel


def _round(minutes_ago: int, **changes):
    finished = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    row = {
        "id": minutes_ago,
        "started_at": finished.isoformat(timespec="milliseconds"),
        "finished_at": finished.isoformat(timespec="milliseconds"),
        "pushed": 0,
        "pulled": 0,
        "conflicts": 0,
        "error": "",
    }
    row.update(changes)
    return row


@pytest.fixture
def model():
    made = SyncRoundsModel()
    QAbstractItemModelTester(made, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return made


def test_rounds_read_as_counts_and_plain_results(model):
    model.set_rounds(
        [
            _round(1, pushed=3, pulled=12, conflicts=1),
            _round(6, error="The hub cannot be reached (offline?). Will try again."),
        ]
    )
    assert model.rowCount() == 2
    assert model.columnCount() == len(Column)
    text = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert text[0][Column.SENT : Column.RESULT + 1] == ["3", "12", "1", "Done"]
    assert text[1][Column.RESULT] == "The hub cannot be reached (offline?). Will try again."
    assert len(text[0][Column.FINISHED]) == 5  # today: just the time, like 10:42


def test_headers_alignment_and_the_raw_round(model):
    model.set_rounds([_round(2, pushed=4)])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Time", "Sent", "Received", "Conflicts", "Result"]
    align = model.data(model.index(0, Column.SENT), Qt.ItemDataRole.TextAlignmentRole)
    assert align & int(Qt.AlignmentFlag.AlignRight)
    assert model.data(model.index(0, 0), ROUND_ROLE)["pushed"] == 4


def test_refresh_replaces_the_rows(model):
    model.set_rounds([_round(1), _round(2), _round(3)])
    model.set_rounds([_round(1)])
    assert model.rowCount() == 1
    model.set_rounds([])
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None
