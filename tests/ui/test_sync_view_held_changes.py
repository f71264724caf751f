"""The Sync view says which changes from the hub could not be applied, and "Try again" applies them.

A real hub on loopback: Jo adds a patient with a referral that Sam's laptop refuses (a trigger
that aborts its insert, as an older schema or a local clash would). Sam's round still succeeds;
the view shows the line and the record; once the cause is gone, "Try again" applies it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.ui.sync_scheduler import SyncScheduler
from linkworker_desktop.ui.views.sync_view import SyncView
from tests.support.refused_records import REASON, REFUSED, allow_again, refuse_referrals_from
from tests.ui import sync_support

WAIT_MS = 20_000
LINE = "1 change from the hub could not be applied"


@pytest.fixture
def loopback_hub(tmp_path):
    yield from sync_support.serve_hub(tmp_path)


@pytest.fixture
def org(loopback_hub, tmp_path):
    yield from sync_support.organisation(loopback_hub, tmp_path)


@pytest.fixture
def pool(org):
    yield from sync_support.thread_pool()


@pytest.fixture
def scheduler(pool):
    made = SyncScheduler(pool=pool)
    yield made
    made.set_profile(None)
    pool.waitForDone(sync_support.POOL_TIMEOUT_MS)


@pytest.fixture
def view(qtbot, scheduler):
    made = SyncView(scheduler)
    qtbot.addWidget(made)
    made.resize(900, 700)
    made.show()
    return made


@pytest.fixture
def refused(org):
    """Sam's laptop refuses one referral Jo made; returns (Sam's laptop, Jo's referral ids)."""
    jo = org.laptop(sync_support.TEAM, "Jo Fielding")
    sam = org.laptop(sync_support.TEAM, "Sam Okafor")
    sam.sync()
    refuse_referrals_from(sam, REFUSED)
    patient = jo.add_patient(given_name="Ann", family_name="Bee")
    fine = jo.add_referral(patient, referrer_name="Dr Fine")
    bad = jo.add_referral(patient, referrer_name=REFUSED)
    jo.sync()
    return sam, fine, bad


def _items(view) -> list[str]:
    box = view.held_box.changes
    return [box.item(row).text() for row in range(box.count())]


def test_the_view_lists_the_change_and_try_again_applies_it(qtbot, view, scheduler, refused):
    sam, fine, bad = refused
    view.set_profile(sam.profile)
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS) as finished:
        scheduler.set_profile(sam.profile)
    assert finished.args[0]["error"] is None
    assert finished.args[0]["set_aside"]["count"] == 1
    assert view.problem.isHidden()
    assert view.held_box.isVisibleTo(view)
    assert view.held_box.summary.text().startswith(LINE + ".")
    assert _items(view) == [f"A referral of Ann Bee: {REASON}"]
    assert fine in sam.ids("referrals") and sam.record("referrals", bad) is None

    # Pressed before the cause is gone: nothing changes, and it says so.
    qtbot.mouseClick(view.held_box.try_again_button, Qt.MouseButton.LeftButton)
    assert sam.record("referrals", bad) is None
    assert _items(view) == [f"A referral of Ann Bee: {REASON}"]
    assert view.held_box.outcome.text() == "Still could not be applied. Nothing has been lost."
    qtbot.waitUntil(lambda: not scheduler.is_running, timeout=WAIT_MS)

    allow_again(sam)
    qtbot.mouseClick(view.held_box.try_again_button, Qt.MouseButton.LeftButton)
    assert sam.record("referrals", bad)["referrer_name"] == REFUSED
    assert _items(view) == []
    assert view.held_box.isHidden()
    assert sam.set_aside() == []
    qtbot.waitUntil(lambda: not scheduler.is_running, timeout=WAIT_MS)
