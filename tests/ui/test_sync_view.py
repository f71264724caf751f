"""The Sync view with a real hub: enrol, list rounds, and settle a conflict side by side."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.services import sync_service
from linkworker_desktop.ui.dialogs.merge_dialog import MergeDialog, prefill
from linkworker_desktop.ui.sync_scheduler import SyncScheduler
from linkworker_desktop.ui.views.sync_view import SyncView
from tests.support.machine_config import write_machine_config
from tests.ui import sync_support
from tests.ui.focus_helpers import focused, press, type_here

WAIT_MS = 20_000


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
def view(qtbot, scheduler, pool):
    made = SyncView(scheduler)
    made.enrol_form.pool = pool
    qtbot.addWidget(made)
    made.resize(900, 700)
    return made


@pytest.fixture
def conflict(org):
    return sync_support.two_laptops_in_conflict(org)


def test_locked_shows_nothing_of_the_caseload(view, conflict):
    assert view.pages.currentWidget() is view.locked_page
    view.set_profile(conflict[0].profile)
    assert view.panel.detail is not None
    view.set_profile(None)
    assert view.pages.currentWidget() is view.locked_page
    assert view.panel.detail is None
    assert view.conflict_list.count() == 0
    assert view.rounds_model.rowCount() == 0


def test_a_revoked_laptop_is_told_and_cannot_sync_now(qtbot, view, scheduler, org):
    laptop = org.laptop(sync_support.TEAM, "Jo Fielding")
    org.revoke(laptop)
    view.set_profile(laptop.profile)
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS):
        scheduler.set_profile(laptop.profile)
    assert not view.sync_button.isEnabled()
    assert "This laptop's access to the hub was revoked" in view.problem.text()
    assert "revoked" in view.status_line.text()


def test_the_enrol_form_enrols(qtbot, view, org, open_profile):
    worker_id = org.worker("Sam Patel", sync_support.TEAM)
    view.set_profile(open_profile)
    assert view.pages.currentWidget() is view.enrol_form
    qtbot.keyClicks(view.enrol_form.hub_edit, org.hub.url)
    qtbot.keyClicks(view.enrol_form.code_edit, org.code(worker_id))
    with qtbot.waitSignal(view.enrol_form.enrolled, timeout=WAIT_MS):
        view.enrol_form.enrol_button.click()
    assert sync_service.status(open_profile).enrolled
    assert open_profile.actor.worker_id == worker_id
    assert view.pages.currentIndex() == 2
    assert "Riverside PCN" in view.hub_label.text()


def test_a_wrong_code_is_explained_in_plain_words(qtbot, view, org, open_profile):
    view.set_profile(open_profile)
    form = view.enrol_form
    form.hub_edit.setText(org.hub.url)
    form.code_edit.setText("AAAA-BBBB-CCCC")
    form.enrol_button.click()
    qtbot.waitUntil(lambda: form.enrol_button.isEnabled(), timeout=WAIT_MS)
    assert (
        form.message.text() == "That enrolment code is wrong, used or expired. Ask for a new one."
    )
    assert not sync_service.status(open_profile).enrolled


def test_a_missing_address_is_caught_before_the_network(view, open_profile):
    view.set_profile(open_profile)
    view.enrol_form.code_edit.setText("ABCD-EFGH-JKLM")
    view.enrol_form.enrol_button.click()
    assert view.enrol_form.message.text() == "Enter the hub address your administrator gave you."
    assert view.enrol_form.enrol_button.isEnabled()


def test_rounds_are_listed_after_sync_now(qtbot, view, scheduler, org):
    laptop = org.laptop(sync_support.TEAM, "Jo Fielding")
    laptop.add_patient(given_name="Ann", family_name="Bee")
    scheduler.set_profile(laptop.profile)
    view.set_profile(laptop.profile)
    qtbot.waitUntil(lambda: not scheduler.is_running, timeout=WAIT_MS)
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS):
        view.sync_button.click()
    model = view.rounds_model
    assert model.rowCount() == 2
    assert model.data(model.index(1, 1)) == "1"  # the first round sent Ann Bee's record
    assert model.data(model.index(0, 1)) == "0"  # Sync now: nothing new to send
    assert model.data(model.index(0, 4)) == "Done"
    assert "Online" in view.status_line.text()
    assert "No changes waiting" in view.status_line.text()
    assert view.no_conflicts.isVisibleTo(view)


def test_a_conflict_shows_side_by_side_and_keep_this_one_settles_it(view, conflict):
    a, _b, patient_id = conflict
    view.set_profile(a.profile)
    assert view.conflict_list.count() == 1
    panel = view.panel
    assert panel.title.text() == "Mobile number of Ann Bee"
    assert panel.mine.title() == "Mine"
    assert panel.mine.value.text() == "07700 900111"
    assert panel.mine.mark.text() == "Not kept"
    assert panel.theirs.title() == "Theirs (Sam Okafor)"
    assert panel.theirs.value.text() == "07700 900222"
    assert panel.theirs.mark.text() == "Kept now"
    assert a.record("patients", patient_id)["mobile"] == "07700 900222"

    panel.mine.keep_button.click()

    assert sync_service.open_conflicts(a.profile) == []
    settled = a.conflicts("resolved")
    assert json.loads(settled[0]["resolution"]) == "07700 900111"
    assert a.record("patients", patient_id)["mobile"] == "07700 900111"
    queued = a.profile.conn.execute(
        "SELECT entity, changes FROM outbox ORDER BY mutation_id"
    ).fetchall()
    assert ("patients", "07700 900111") in {
        (entity, json.loads(changes).get("mobile")) for entity, changes in queued
    }
    assert "conflicts" in {entity for entity, _changes in queued}
    assert view.no_conflicts.isVisibleTo(view)
    assert view.conflicts_box.title() == "Conflicts to settle"


def test_the_other_laptop_sees_its_own_value_as_mine(view, conflict):
    _a, b, _patient_id = conflict
    b.sync()
    view.set_profile(b.profile)
    assert view.panel.mine.value.text() == "07700 900222"
    assert view.panel.mine.mark.text() == "Kept now"
    assert view.panel.theirs.title() == "Theirs (a colleague)"


def test_merge_keeps_an_edited_text(view, conflict, monkeypatch):
    a, _b, patient_id = conflict
    view.set_profile(a.profile)
    offered = {}

    def merged(_parent, title, mine, theirs):
        offered.update(title=title, text=prefill(mine, theirs))
        return "07700 900111 (evenings)", True

    monkeypatch.setattr(MergeDialog, "get_merged", staticmethod(merged))
    assert view.panel.merge_button.isVisibleTo(view)
    view.panel.merge_button.click()
    assert offered["text"] == "07700 900111\n07700 900222"
    assert a.record("patients", patient_id)["mobile"] == "07700 900111 (evenings)"
    assert sync_service.open_conflicts(a.profile) == []


def test_the_settlement_reaches_the_other_laptop(qtbot, view, scheduler, conflict):
    a, b, patient_id = conflict
    view.set_profile(a.profile)
    scheduler.set_profile(a.profile)
    qtbot.waitUntil(lambda: not scheduler.is_running, timeout=WAIT_MS)
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS):
        view.panel.mine.keep_button.click()
    b.sync()
    assert b.record("patients", patient_id)["mobile"] == "07700 900111"
    assert b.conflicts("open") == []


def test_controls_have_accessible_names(view, conflict):
    view.set_profile(conflict[0].profile)
    for widget in (
        view.sync_button,
        view.conflict_list,
        view.rounds_table,
        view.panel.mine.keep_button,
        view.panel.theirs.keep_button,
        view.panel.merge_button,
        view.enrol_form.hub_edit,
        view.enrol_form.code_edit,
        view.enrol_form.enrol_button,
    ):
        assert widget.accessibleName(), widget
    assert view.panel.mine.keep_button.accessibleName() == "Keep mine: 07700 900111"


def test_enrolling_by_keyboard_keeps_the_cursor_in_the_form(qtbot, view, org, open_profile):
    view.set_profile(open_profile)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    form = view.enrol_form
    qtbot.mouseClick(form.hub_edit, Qt.MouseButton.LeftButton)
    type_here(qtbot, org.hub.url)
    press(qtbot, Qt.Key.Key_Return)
    assert form.message.text() == (
        "Enter the one-time code your administrator gave you (like ABCD-EFGH-JKLM)."
    )
    assert focused() is form.code_edit
    type_here(qtbot, "AAAA-BBBB-CCCC")
    press(qtbot, Qt.Key.Key_Return)
    assert form.message.text() == "Enrolling…"
    assert focused() is form.code_edit  # the wait does not move the cursor elsewhere
    qtbot.waitUntil(lambda: form.enrol_button.isEnabled(), timeout=WAIT_MS)
    assert (
        form.message.text() == "That enrolment code is wrong, used or expired. Ask for a new one."
    )
    assert focused() is form.code_edit
    assert not sync_service.status(open_profile).enrolled


def test_with_the_hub_set_by_the_organisation_only_the_code_is_typed(
    qtbot, view, org, open_profile
):
    write_machine_config(f'[organisation]\nname = "Riverside PCN"\nhub_url = "{org.hub.url}"\n')
    worker_id = org.worker("Sam Patel", sync_support.TEAM)
    view.set_profile(open_profile)
    form = view.enrol_form
    assert view.pages.currentWidget() is form
    assert form.hub_edit.text() == org.hub.url
    assert form.hub_edit.isReadOnly()
    assert form.hub_note.isVisibleTo(form)
    assert form.hub_note.text() == "Set by your organisation"
    assert form.hub_edit.accessibleDescription() == "Set by your organisation"
    assert form.intro.text().startswith("This laptop is not connected to Riverside PCN's hub")
    qtbot.keyClicks(form.hub_edit, "x")  # read-only: typing there changes nothing
    assert form.hub_edit.text() == org.hub.url
    qtbot.keyClicks(form.code_edit, org.code(worker_id))
    with qtbot.waitSignal(form.enrolled, timeout=WAIT_MS):
        qtbot.keyClick(form.code_edit, Qt.Key.Key_Return)
    status = sync_service.status(open_profile)
    assert status.enrolled
    assert status.hub_url == org.hub.url
    assert open_profile.actor.worker_id == worker_id
    assert view.hub_label.text() == f"Riverside PCN — hub at {org.hub.url}"
