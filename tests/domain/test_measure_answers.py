"""Answers a scorer must refuse, and missing answers that must never count as zero."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.library import shipped_measures

ONS4_FULL = {"life_satisfaction": 6, "worthwhile": 7, "happiness": 5, "anxiety": 3}


def ons4():
    return shipped_measures()["ons4"]


@pytest.mark.parametrize(("item", "answer"), [("anxiety", 11), ("happiness", -1)])
def test_an_answer_outside_the_scale_names_the_question(item, answer):
    with pytest.raises(ValidationError) as caught:
        ons4().score(dict(ONS4_FULL, **{item: answer}))
    assert list(caught.value.problems) == [item]
    assert str(answer) in caught.value.problems[item]
    assert "0 to 10" in caught.value.problems[item]


@pytest.mark.parametrize(
    ("measure_id", "item", "answer"),
    [("ucla3", "left_out", 0), ("ucla3", "left_out", 4), ("swemwbs", "item4", 6)],
)
def test_other_scales_have_their_own_limits(measure_id, item, answer):
    measure = shipped_measures()[measure_id]
    answers = {i.id: measure.scale_min for i in measure.items}
    answers[item] = answer
    with pytest.raises(ValidationError) as caught:
        measure.score(answers)
    assert item in caught.value.problems


@pytest.mark.parametrize("bad", [True, False, "7", 7.0, 6.5])
def test_an_answer_must_be_a_whole_number_not_a_bool_text_or_float(bad):
    with pytest.raises(ValidationError) as caught:
        ons4().score(dict(ONS4_FULL, worthwhile=bad))
    assert "worthwhile" in caught.value.problems


def test_an_unknown_question_is_refused_by_name():
    with pytest.raises(ValidationError) as caught:
        ons4().score(dict(ONS4_FULL, loneliness=3))
    assert "loneliness" in caught.value.problems


def test_a_missing_answer_leaves_the_result_incomplete_and_unscored():
    answers = dict(ONS4_FULL)
    del answers["worthwhile"]
    score = ons4().score(answers)
    assert score.complete is False
    assert score.missing == ("worthwhile",)
    # Not scored at all: in particular no score of 0 (which ONS4 would band as "Low").
    assert score.values == ()
    assert score.as_json()["scores"] == []


def test_a_skipped_answer_given_as_none_is_missing_too():
    measure = shipped_measures()["ucla3"]
    score = measure.score({"companionship": 3, "left_out": None, "isolated": 3})
    assert (score.complete, score.missing, score.values) == (False, ("left_out",), ())


def test_no_answers_at_all_lists_every_question_as_missing():
    score = ons4().score({})
    assert score.missing == ("life_satisfaction", "worthwhile", "happiness", "anxiety")
    assert not score.complete
