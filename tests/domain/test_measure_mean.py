"""The "mean" scoring method, which no shipped measure uses yet, on a measure made up for tests.

Every expected value is worked out by hand: a mean that is not a whole number must keep its
fraction (to two places), and its band is chosen from that fraction, not a rounded-down value.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.measures import (
    Change,
    MeasureScore,
    ScoreValue,
    compare,
    parse_measure,
)


def mean_measure(decimals: int | None = None, lowest_band: float = 1):
    """Three questions from 1 to 5, scored as their mean, with bands at 2.5 and 3.5."""
    rule = {
        "id": "average",
        "label": "Average",
        "method": "mean",
        "items": ["q1", "q2", "q3"],
        "bands": [
            {"from": lowest_band, "label": "Low"},
            {"from": 2.5, "label": "Middle"},
            {"from": 3.5, "label": "High"},
        ],
    }
    if decimals is not None:
        rule["decimals"] = decimals
    doc = {
        "id": "averaged",
        "name": "Averaged test measure",
        "copyright": "Made up for tests.",
        "scale": {"min": 1, "max": 5},
        "items": [{"id": f"q{n}", "text": f"Question {n}"} for n in (1, 2, 3)],
        "scores": [rule],
    }
    return parse_measure(doc, "averaged.toml")


@pytest.mark.parametrize(
    ("answers", "value", "band"),
    [
        ((1, 2, 4), 2.33, "Low"),  # 7 / 3 = 2.333..., below 2.5
        ((2, 3, 3), 2.67, "Middle"),  # 8 / 3 = 2.666..., rounded half up to 2.67
        ((3, 4, 4), 3.67, "High"),  # 11 / 3 = 3.666...
        ((1, 2, 2), 1.67, "Low"),  # 5 / 3 = 1.666...
        ((3, 3, 4), 3.33, "Middle"),  # 10 / 3 = 3.333...
        ((2, 2, 3), 2.33, "Low"),
        ((1, 1, 1), 1.0, "Low"),
        ((5, 5, 5), 5.0, "High"),
    ],
)
def test_the_mean_keeps_its_fraction_to_two_places(answers, value, band):
    score = mean_measure().score(dict(zip(("q1", "q2", "q3"), answers, strict=True)))
    assert score.complete
    assert [(v.id, v.value, v.band) for v in score.values] == [("average", value, band)]


def test_a_mean_can_be_shown_to_one_place():
    score = mean_measure(decimals=1).score({"q1": 2, "q2": 3, "q3": 3})
    assert [v.value for v in score.values] == [2.7]  # 8 / 3 = 2.666... to one place


def test_a_missing_answer_leaves_the_mean_unscored_rather_than_averaging_fewer():
    score = mean_measure().score({"q1": 5, "q2": 5, "q3": None})
    assert not score.complete
    assert score.missing == ("q3",)
    assert score.values == ()


def test_a_whole_result_names_its_measure_and_each_score():
    score = mean_measure().score({"q1": 1, "q2": 2, "q3": 4})
    assert score == MeasureScore(
        "averaged", True, (), (ScoreValue("average", "Average", 2.33, "Low", True),)
    )
    assert mean_measure().score({"q1": 1, "q2": None, "q3": None}) == MeasureScore(
        "averaged", False, ("q2", "q3"), ()
    )


def test_a_mean_below_every_band_has_no_band():
    (value,) = mean_measure(lowest_band=2).score({"q1": 1, "q2": 1, "q3": 2}).values
    assert (value.value, value.band) == (1.33, None)  # 4 / 3, below the lowest band at 2


def test_the_change_between_two_means_keeps_the_label_and_needs_both_complete():
    measure = mean_measure()
    before = measure.score({"q1": 1, "q2": 2, "q3": 4})  # 2.33
    after = measure.score({"q1": 3, "q2": 4, "q3": 4})  # 3.67
    (change,) = compare(before, after, measure)
    assert change == Change("average", "Average", 2.33, 3.67, True)
    assert change.delta == pytest.approx(1.34)
    unfinished = measure.score({"q1": 3, "q2": None, "q3": 4})
    assert compare(unfinished, after, measure) == []
    assert compare(before, unfinished, measure) == []
