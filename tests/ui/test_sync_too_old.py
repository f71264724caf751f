"""A hub needing a newer app: the Sync view and the status bar say so, and the changes wait."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.hub.versions import VersionGate
from linkworker_desktop.sync.protocol import PROTOCOL_VERSION
from linkworker_desktop.ui.sync_scheduler import SyncScheduler
from linkworker_desktop.ui.views.sync_view import SyncView
from linkworker_desktop.ui.widgets.sync_status import SyncStatusWidget
from tests.support.hub import HubServer
from tests.ui import sync_support

WAIT_MS = 20_000
TOO_OLD = (
    "This version of Linkworker Desktop (0.1.0) is too old for your organisation's hub. "
    "Ask your IT team to update it. Nothing has been lost: your changes wait on this laptop."
)


@pytest.fixture
def gate() -> list[VersionGate]:
    return []


@pytest.fixture
def org(tmp_path, gate):
    def wrap(app):
        gate.append(VersionGate(app, minimum=1))
        return gate[0]

    with HubServer(f"sqlite:///{tmp_path / 'hub.db'}", wrap=wrap) as hub:
        yield from sync_support.organisation(hub, tmp_path)


@pytest.fixture
def pool(org):
    yield from sync_support.thread_pool()


@pytest.fixture
def scheduler(pool):
    made = SyncScheduler(pool=pool)
    yield made
    made.set_profile(None)
    pool.waitForDone(sync_support.POOL_TIMEOUT_MS)


def test_the_sync_view_says_the_hubs_words_and_keeps_the_changes(qtbot, org, gate, scheduler):
    laptop = org.laptop(sync_support.TEAM, "Jo Fielding")
    laptop.add_patient(given_name="Ann", family_name="Bee")
    waiting = laptop.pending()
    assert waiting == 1
    view = SyncView(scheduler)
    qtbot.addWidget(view)
    bar = SyncStatusWidget()
    qtbot.addWidget(bar)
    bar.bind(scheduler)
    view.resize(900, 700)
    view.show()
    gate[0].minimum = PROTOCOL_VERSION + 1
    view.set_profile(laptop.profile)
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS) as failed:
        scheduler.set_profile(laptop.profile)
    assert failed.args == [TOO_OLD]
    assert view.problem.isVisible()
    assert view.problem.text() == f"Last problem: {TOO_OLD}"
    assert scheduler.state == "update_needed"
    assert view.status_line.text() == "Update needed · Never synced · 1 change waiting"
    assert bar.state_label.text() == "Update needed"
    assert bar.summary().endswith(TOO_OLD.rstrip(".") + ".")
    assert laptop.pending() == waiting
    gate[0].minimum = PROTOCOL_VERSION  # updated: the next round sends what waited
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS):
        qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)
    assert laptop.pending() == 0
    assert not view.problem.isVisible()
