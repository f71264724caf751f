"""First run on a laptop whose organisation set the hub: the one-time code is all that is typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from linkworker_desktop.services import sync_service
from linkworker_desktop.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.support.machine_config import write_machine_config
from tests.ui import sync_support
from tests.ui.focus_helpers import press, tab_walk, type_here

WAIT_MS = 20_000


@pytest.fixture
def org(tmp_path):
    hub = sync_support.serve_hub(tmp_path)
    server = next(hub)
    yield from sync_support.organisation(server, tmp_path)
    QThreadPool.globalInstance().waitForDone(sync_support.POOL_TIMEOUT_MS)
    hub.close()


def _first_run(qtbot, profile_files) -> MainWindow:
    window = MainWindow(profile_files)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_code_typed_at_set_up_enrols_with_the_organisations_hub(qtbot, org, profile_files):
    write_machine_config(
        f'[organisation]\nname = "Riverside PCN"\nhub_url = "{org.hub.url}"\n'
        "[locked]\noffer_demo_data = false\n"
    )
    worker_id = org.worker("Sam Patel", sync_support.TEAM)
    code = org.code(worker_id)
    window = _first_run(qtbot, profile_files)
    setup = window.setup_view
    assert setup.code_row.isVisible()
    type_here(qtbot, "Sam Patel")
    tab_walk(qtbot, 2)
    type_here(qtbot, PASSPHRASE)
    tab_walk(qtbot, 1)
    type_here(qtbot, PASSPHRASE)
    assert tab_walk(qtbot, 1) == ["One-time code (optional)"]
    type_here(qtbot, code)
    form = window.sync_view.enrol_form
    with qtbot.waitSignal(form.enrolled, timeout=WAIT_MS):
        press(qtbot, Qt.Key.Key_Return)
    assert window.profile is not None
    status = sync_service.status(window.profile)
    assert status.enrolled
    assert status.hub_url == org.hub.url
    assert status.organisation == "Riverside PCN"
    assert window.profile.actor.worker_id == worker_id
    assert window.pages.currentWidget() is window.sync_view
    assert form.message.text() == "Enrolled with Riverside PCN."
    assert setup.code.text() == ""  # handed over once, not kept on the set-up page


def test_a_wrong_code_at_set_up_stays_in_the_sync_form_to_correct(qtbot, org, profile_files):
    write_machine_config(f'[organisation]\nhub_url = "{org.hub.url}"\n')
    window = _first_run(qtbot, profile_files)
    setup = window.setup_view
    qtbot.keyClicks(setup.name, "Sam Patel")
    setup.demo.setChecked(False)
    qtbot.keyClicks(setup.passphrase.first, PASSPHRASE)
    qtbot.keyClicks(setup.passphrase.second, PASSPHRASE)
    qtbot.keyClicks(setup.code, "AAAA-BBBB-CCCC")
    qtbot.mouseClick(setup.create_button, Qt.MouseButton.LeftButton)
    form = window.sync_view.enrol_form
    qtbot.waitUntil(
        lambda: (
            form.message.text()
            == "That enrolment code is wrong, used or expired. Ask for a new one."
        ),
        timeout=WAIT_MS,
    )
    assert window.profile is not None
    assert not sync_service.status(window.profile).enrolled
    assert form.code_edit.text() == "AAAA-BBBB-CCCC"
    assert window.pages.currentWidget() is window.sync_view
