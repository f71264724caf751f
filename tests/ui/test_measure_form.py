"""The measure questionnaire: answering by click and keyboard, scores with bands, incompleteness."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.ui.widgets.measure_form import MeasureForm
from tests.ui.session_helpers import start_initial, unnamed_controls


@pytest.fixture
def session(open_profile):
    return start_initial(open_profile)


def make_form(qtbot, profile, session, measure_id="ons4", timepoint="baseline"):
    measure = MeasureService(profile).get(measure_id)
    form = MeasureForm(
        measure,
        timepoint,
        lambda: profile,
        session.patient_id,
        referral_id=session.referral_id,
        session_id=session.session_id,
    )
    qtbot.addWidget(form)
    form.resize(900, 640)
    form.show()
    return form


def click_answers(qtbot, form, answers):
    for item_id, value in answers.items():
        qtbot.mouseClick(form.groups[item_id].button(value), Qt.MouseButton.LeftButton)


def stored(profile, result_id):
    row = profile.conn.execute(
        "SELECT timepoint, complete, answers, scores, session_id FROM measure_results WHERE id = ?",
        (result_id,),
    ).fetchone()
    return row[0], row[1], json.loads(row[2]), json.loads(row[3]), row[4]


def label_texts(form):
    return [label.text() for label in form.findChildren(QLabel)]


def test_the_questionnaire_shows_instructions_items_options_and_copyright(
    qtbot, open_profile, session
):
    form = make_form(qtbot, open_profile, session)
    texts = label_texts(form)
    assert any(t.startswith("I'm going to ask you four questions") for t in texts)
    assert "1. Overall, how satisfied are you with your life nowadays?" in texts
    assert form.measure.copyright in texts
    first = [b.text() for b in form.groups["life_satisfaction"].buttons()]
    assert first[0] == "0 – Not at all" and first[5] == "5" and first[10] == "10 – Completely"
    anxiety = form.groups["anxiety"].buttons()
    assert anxiety[10].text() == "10 – Completely anxious"
    assert form.answers() == dict.fromkeys(form.groups)
    assert "0 of 4 answered" in form.status.text()


def test_ons4_answered_by_clicking_is_scored_banded_and_stored(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session)
    answers = {"life_satisfaction": 6, "worthwhile": 7, "happiness": 9, "anxiety": 3}
    click_answers(qtbot, form, answers)
    assert form.status.text() == "All 4 questions answered."
    with qtbot.waitSignal(form.recorded, timeout=1000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    result = form.result
    assert result.score.complete
    shown = form.results.text()
    for words in ("Life satisfaction", "Medium", "Worthwhile", "High", "Very high", "Anxiety"):
        assert words in shown
    assert "lower is better" in shown
    assert form.status.text().endswith("as the baseline.")
    timepoint, complete, saved_answers, scores, session_id = stored(open_profile, result.id)
    assert (timepoint, complete, saved_answers, session_id) == (
        "baseline",
        1,
        answers,
        form.session_id,
    )
    by_id = {s["id"]: (s["value"], s["band"]) for s in scores["scores"]}
    assert by_id == {
        "life_satisfaction": (6, "Medium"),
        "worthwhile": (7, "High"),
        "happiness": (9, "Very high"),
        "anxiety": (3, "Low"),
    }
    assert form.save_button.isHidden()
    chosen = form.groups["happiness"].button(9)
    assert chosen.isChecked() and chosen.isEnabled()  # the answer given stays readable
    assert not form.groups["happiness"].button(8).isEnabled()


def test_one_unanswered_item_saves_incomplete_and_unscored(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session)
    click_answers(qtbot, form, {"life_satisfaction": 6, "worthwhile": 7, "anxiety": 3})
    assert "3 of 4 answered" in form.status.text()
    assert "saved as incomplete" in form.status.text()
    result = form.save()
    assert not result.score.complete and result.score.values == ()
    text = form.results.text()
    assert "Saved as incomplete: 1 question was not answered" in text
    assert "3. Overall, how happy did you feel yesterday?" in text
    assert "No scores" in text
    assert "Medium" not in text and "Low" not in text
    assert form.status.text().endswith("incomplete.")
    _timepoint, complete, answers, scores, _session = stored(open_profile, result.id)
    assert complete == 0
    assert answers["happiness"] is None  # missing, never zero
    assert scores["scores"] == [] and scores["missing"] == ["happiness"]


def test_answers_can_be_given_from_the_keyboard(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    first = form.groups["worthwhile"].button(0)
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert form.answers()["worthwhile"] == 0
    for _ in range(5):
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Right)
    assert form.answers()["worthwhile"] == 5
    assert form.answers()["life_satisfaction"] is None  # arrows stay within one question


def test_labelled_scales_show_the_number_and_the_words(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session, "ucla3")
    texts = [b.text() for b in form.groups["companionship"].buttons()]
    assert texts == ["1 – Hardly ever or never", "2 – Some of the time", "3 – Often"]
    click_answers(qtbot, form, {"companionship": 2, "left_out": 3, "isolated": 2})
    form.save()
    assert "Loneliness (UCLA-3)" in form.results.text()
    assert "Often lonely" in form.results.text()


def test_locked_keeps_the_answers_and_saves_nothing(qtbot, open_profile, session):
    current = {"profile": open_profile}
    measure = MeasureService(open_profile).get("ons4")
    form = MeasureForm(measure, "review", lambda: current["profile"], session.patient_id)
    qtbot.addWidget(form)
    form.groups["anxiety"].button(2).click()
    current["profile"] = None
    assert form.save() is None
    assert "locked" in form.status.text()
    assert form.answers()["anxiety"] == 2
    count = open_profile.conn.execute("SELECT COUNT(*) FROM measure_results").fetchone()[0]
    assert count == 0


def test_every_control_has_an_accessible_name(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session)
    assert unnamed_controls(form) == []
    names = [b.accessibleName() for b in form.groups["life_satisfaction"].buttons()]
    assert names[0] == "Question 1: 0, Not at all" and names[4] == "Question 1: 4"
