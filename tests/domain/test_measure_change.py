"""The change between two results, read the right way round for each score."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.measures import compare
from linkworker_desktop.services.library import shipped_measures


def score(measure_id: str, answers: dict):
    return shipped_measures()[measure_id].score(answers)


def changes(measure_id: str, before: dict, after: dict) -> dict:
    measure = shipped_measures()[measure_id]
    found = compare(score(measure_id, before), score(measure_id, after), measure)
    return {c.id: (c.before, c.after, c.delta, c.improved) for c in found}


def test_ons4_change_is_direction_aware():
    before = {"life_satisfaction": 3, "worthwhile": 4, "happiness": 3, "anxiety": 8}
    after = {"life_satisfaction": 6, "worthwhile": 4, "happiness": 2, "anxiety": 5}
    assert changes("ons4", before, after) == {
        "life_satisfaction": (3, 6, 3, True),  # 6 - 3 = +3, higher is better
        "worthwhile": (4, 4, 0, None),  # unchanged
        "happiness": (3, 2, -1, False),  # 2 - 3 = -1, worse
        "anxiety": (8, 5, -3, True),  # 5 - 8 = -3: anxiety falling is an improvement
    }


def test_rising_anxiety_is_worse():
    before = {"life_satisfaction": 5, "worthwhile": 5, "happiness": 5, "anxiety": 2}
    after = dict(before, anxiety=7)
    assert changes("ons4", before, after)["anxiety"] == (2, 7, 5, False)


def test_loneliness_falling_is_an_improvement():
    before = {"companionship": 3, "left_out": 3, "isolated": 2}  # 8
    after = {"companionship": 2, "left_out": 1, "isolated": 2}  # 5
    assert changes("ucla3", before, after) == {"total": (8, 5, -3, True)}


def test_swemwbs_change_is_in_metric_points():
    before = {f"item{n}": 3 for n in range(1, 8)}  # raw 21 -> 19.25
    after = {f"item{n}": 4 for n in range(1, 8)}  # raw 28 -> 25.03
    before_value, after_value, delta, improved = changes("swemwbs", before, after)["metric"]
    assert (before_value, after_value, improved) == (19.25, 25.03, True)
    assert delta == pytest.approx(5.78)  # 25.03 - 19.25


def test_an_incomplete_result_gives_no_change():
    measure = shipped_measures()["ucla3"]
    complete = measure.score({"companionship": 3, "left_out": 3, "isolated": 3})
    incomplete = measure.score({"companionship": 1, "left_out": 1})
    assert compare(complete, incomplete, measure) == []
    assert compare(incomplete, complete, measure) == []
