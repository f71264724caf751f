"""The status bar's sync corner: what it says in each state, never by colour alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from linkworker_desktop.services.sync_service import SyncStatus
from linkworker_desktop.ui.sync_scheduler import SyncScheduler
from linkworker_desktop.ui.widgets.sync_status import SyncStatusWidget


def _status(**changes) -> SyncStatus:
    fields = {
        "enrolled": True,
        "hub_url": "https://hub.example.nhs.uk",
        "organisation": "Riverside PCN",
        "last_good_sync": "",
        "pending": 0,
        "open_conflicts": 0,
        "last_error": "",
    }
    fields.update(changes)
    return SyncStatus(**fields)


def _utc_text_of_local(hour: int, minute: int) -> str:
    local = datetime.now().astimezone().replace(hour=hour, minute=minute, second=0, microsecond=0)
    return local.astimezone(UTC).isoformat(timespec="milliseconds")


@pytest.fixture
def widget(qtbot):
    made = SyncStatusWidget()
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(
    ("state", "text"),
    [
        ("online", "Online"),
        ("offline", "Offline"),
        ("syncing", "Syncing…"),
        ("not_enrolled", "Not connected to a hub"),
        ("revoked", "Hub access revoked"),
        ("update_needed", "Update needed"),
    ],
)
def test_each_state_has_words_and_its_own_icon(widget, state, text):
    widget.show_state(state)
    assert widget.state_label.text() == text
    assert widget.summary().startswith(text.rstrip("."))
    assert not widget.icon.pixmap().isNull()


def test_the_icons_differ_in_shape_not_only_colour(widget):
    images = {}
    for state in ("online", "offline", "syncing", "not_enrolled", "revoked", "update_needed"):
        widget.show_state(state)
        images[state] = widget.icon.pixmap().toImage()
    distinct = {bytes(image.constBits()) for image in images.values()}
    assert len(distinct) == 6


def test_last_synced_time_changes_waiting_and_conflicts(widget, qtbot):
    widget.show_state("online")
    widget.show_status(
        _status(last_good_sync=_utc_text_of_local(10, 42), pending=12, open_conflicts=2)
    )
    assert widget.last_label.text() == "Last synced 10:42"
    assert widget.pending_label.text() == "12 changes waiting"
    assert widget.conflicts_button.isVisibleTo(widget)
    assert widget.conflicts_button.text() == "2 conflicts"
    assert widget.summary() == (
        "Online. Last synced 10:42. 12 changes waiting. 2 conflicts to settle."
    )
    assert widget.accessibleDescription() == widget.summary()
    with qtbot.waitSignal(widget.open_sync_requested, timeout=1000):
        widget.conflicts_button.click()


def test_never_synced_one_change_and_no_conflicts(widget):
    widget.show_state("offline")
    widget.show_status(_status(pending=1))
    assert widget.last_label.text() == "Never synced"
    assert widget.pending_label.text() == "1 change waiting"
    assert not widget.conflicts_button.isVisibleTo(widget)


def test_nothing_waiting_reads_as_such(widget):
    widget.show_status(_status(pending=0, last_good_sync=_utc_text_of_local(9, 5)))
    assert widget.pending_label.text() == "No changes waiting"
    assert widget.last_label.text() == "Last synced 09:05"


def test_a_laptop_not_enrolled_or_locked_shows_only_its_state(widget):
    widget.show_state("not_enrolled")
    widget.show_status(_status(enrolled=False, pending=40))
    assert not widget.last_label.isVisibleTo(widget)
    assert not widget.pending_label.isVisibleTo(widget)
    widget.show_status(None)
    assert widget.summary() == "Not connected to a hub."


def test_a_failure_is_explained_in_the_tooltip(widget):
    widget.show_state("offline")
    widget.show_message("The hub cannot be reached (offline?). Will try again.")
    assert "The hub cannot be reached (offline?)" in widget.toolTip()


def test_every_part_has_an_accessible_name(widget):
    for part in (
        widget,
        widget.icon,
        widget.state_label,
        widget.last_label,
        widget.pending_label,
        widget.conflicts_button,
    ):
        assert part.accessibleName()


def test_bound_to_a_scheduler_it_follows_its_signals(widget):
    scheduler = SyncScheduler()
    widget.bind(scheduler)
    scheduler.state_changed.emit("syncing")
    assert widget.state_label.text() == "Syncing…"
    scheduler.status_changed.emit(_status(pending=3))
    assert widget.pending_label.text() == "3 changes waiting"
    scheduler.round_failed.emit("The hub took too long to answer. Will try again.")
    assert "took too long" in widget.toolTip()
    scheduler.round_finished.emit({})
    assert "took too long" not in widget.toolTip()
