"""A session offers outcome measures and GP appointment counts; the FFT waits for discharge."""

from __future__ import annotations

import pytest

from linkworker_desktop.ui.widgets.measure_stage import MeasureStage
from tests.ui.session_helpers import start_initial


@pytest.fixture
def stage(qtbot, open_profile):
    session = start_initial(open_profile)
    widget = MeasureStage(
        lambda: open_profile, session.patient_id, session.referral_id, session.session_id
    )
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def offered(stage) -> list[str]:
    return [stage.chooser.itemData(i) for i in range(stage.chooser.count())]


def test_the_fft_is_not_offered_in_a_session_but_gp_counts_are(stage):
    assert "fft" not in offered(stage)
    assert {"ons4", "ucla3", "gp_appointments"} <= set(offered(stage))


def test_choosing_gp_appointments_by_keyboard_shows_the_count_boxes(qtbot, stage):
    stage.chooser.setFocus()
    qtbot.keyClicks(stage.chooser, "GP")
    assert stage.chooser.currentData() == "gp_appointments"
    assert stage.due_label.text() == (
        "GP appointments: record each count when the practice gives it; leave the other blank."
    )
    assert set(stage.forms["gp_appointments"].counts) == {"before_referral", "after_discharge"}
