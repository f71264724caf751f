"""Worked examples for each shipped measure, checked by hand against the published scoring.

Every expected value below was worked out by hand from the measure's own documentation,
not by running the scorer.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.services.library import shipped_measures

ONS4_POSITIVE = ("life_satisfaction", "worthwhile", "happiness")
SWEMWBS_ITEMS = tuple(f"item{n}" for n in range(1, 8))

# The published SWEMWBS raw-to-metric conversion table (Stewart-Brown et al., 2009),
# typed in from the table, so the shipped file is checked against the source.
SWEMWBS_PUBLISHED = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75,
    14: 15.32, 15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59,
    21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11,
    28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55,
    35: 35.00,
}  # fmt: skip


def measure(measure_id: str):
    return shipped_measures()[measure_id]


def by_id(score) -> dict:
    return {value.id: value for value in score.values}


def swemwbs_answers_adding_to(raw: int) -> dict[str, int]:
    """Seven answers from 1 to 5 whose total is ``raw`` (1s first, then raise them one by one)."""
    answers = dict.fromkeys(SWEMWBS_ITEMS, 1)
    extra = raw - 7
    for item in SWEMWBS_ITEMS:
        step = min(4, extra)
        answers[item] += step
        extra -= step
    assert sum(answers.values()) == raw
    return answers


# --- ONS4 ---------------------------------------------------------------------------------------


def test_ons4_worked_example_7_8_6_2():
    # Life satisfaction 7: 7-8 is High. Worthwhile 8: High. Happiness 6: 5-6 is Medium.
    # Anxiety 2: anxiety bands run the other way, 2-3 is Low.
    score = measure("ons4").score(
        {"life_satisfaction": 7, "worthwhile": 8, "happiness": 6, "anxiety": 2}
    )
    assert score.complete
    assert [(v.id, v.value, v.band) for v in score.values] == [
        ("life_satisfaction", 7, "High"),
        ("worthwhile", 8, "High"),
        ("happiness", 6, "Medium"),
        ("anxiety", 2, "Low"),
    ]


def test_ons4_reports_each_question_on_its_own_with_no_total():
    score = measure("ons4").score(
        {"life_satisfaction": 10, "worthwhile": 10, "happiness": 10, "anxiety": 10}
    )
    # Four scores, one per question; a total (40) would be meaningless and must not appear.
    assert [v.id for v in score.values] == [*ONS4_POSITIVE, "anxiety"]
    assert all(v.value == 10 for v in score.values)


@pytest.mark.parametrize("item", ONS4_POSITIVE)
@pytest.mark.parametrize(
    ("answer", "band"),
    [
        (0, "Low"),
        (4, "Low"),  # 0-4 Low; 4/5 is a boundary
        (5, "Medium"),
        (6, "Medium"),  # 5-6 Medium; 6/7 is a boundary
        (7, "High"),
        (8, "High"),  # 7-8 High; 8/9 is a boundary
        (9, "Very high"),
        (10, "Very high"),
    ],
)
def test_ons4_positive_question_bands(item, answer, band):
    answers = dict.fromkeys((*ONS4_POSITIVE, "anxiety"), 5)
    answers[item] = answer
    value = by_id(measure("ons4").score(answers))[item]
    assert (value.value, value.band, value.higher_is_better) == (answer, band, True)


@pytest.mark.parametrize(
    ("answer", "band"),
    [
        (0, "Very low"),
        (1, "Very low"),  # 0-1 Very low; 1/2 is a boundary
        (2, "Low"),
        (3, "Low"),  # 2-3 Low; 3/4 is a boundary
        (4, "Medium"),
        (5, "Medium"),  # 4-5 Medium; 5/6 is a boundary
        (6, "High"),
        (10, "High"),  # 6-10 High
    ],
)
def test_ons4_anxiety_is_banded_the_other_way_round(answer, band):
    answers = {"life_satisfaction": 5, "worthwhile": 5, "happiness": 5, "anxiety": answer}
    value = by_id(measure("ons4").score(answers))["anxiety"]
    assert (value.value, value.band, value.higher_is_better) == (answer, band, False)


def test_ons4_credits_the_ons():
    assert "Office for National Statistics" in measure("ons4").copyright


# --- UCLA-3 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ((1, 1, 1), 3, "Not often lonely"),  # 1+1+1 = 3, the lowest possible
        ((2, 1, 1), 4, "Not often lonely"),  # 2+1+1 = 4
        ((2, 2, 1), 5, "Not often lonely"),  # 2+2+1 = 5, top of 3-5
        ((2, 2, 2), 6, "Often lonely"),  # 2+2+2 = 6, bottom of 6-9
        ((3, 2, 2), 7, "Often lonely"),  # 3+2+2 = 7
        ((1, 3, 3), 7, "Often lonely"),  # 1+3+3 = 7, order does not matter
        ((3, 3, 2), 8, "Often lonely"),  # 3+3+2 = 8
        ((3, 3, 3), 9, "Often lonely"),  # 3+3+3 = 9, the highest possible
    ],
)
def test_ucla3_totals_and_bands(answers, total, band):
    items = ("companionship", "left_out", "isolated")
    score = measure("ucla3").score(dict(zip(items, answers, strict=True)))
    (value,) = score.values
    assert (value.id, value.value, value.band) == ("total", total, band)
    assert value.higher_is_better is False  # a higher total is lonelier


# --- SWEMWBS (scoring only) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "metric"),
    [
        ((1, 1, 1, 1, 1, 1, 1), 7.00),  # raw 7, the floor
        ((3, 3, 3, 3, 3, 3, 3), 19.25),  # raw 21
        ((4, 4, 4, 4, 4, 4, 4), 25.03),  # raw 28
        ((5, 5, 5, 5, 5, 5, 5), 35.00),  # raw 35, the ceiling
        ((2, 3, 4, 5, 1, 4, 3), 19.98),  # 2+3+4+5+1+4+3 = 22 -> 19.98
        ((5, 4, 4, 3, 5, 4, 4), 26.02),  # 5+4+4+3+5+4+4 = 29 -> 26.02
    ],
)
def test_swemwbs_worked_examples(answers, metric):
    score = measure("swemwbs").score(dict(zip(SWEMWBS_ITEMS, answers, strict=True)))
    (value,) = score.values
    assert value.id == "metric"
    assert value.value == pytest.approx(metric, abs=1e-9)


@pytest.mark.parametrize(("raw", "metric"), sorted(SWEMWBS_PUBLISHED.items()))
def test_swemwbs_every_raw_total_matches_the_published_table(raw, metric):
    (value,) = measure("swemwbs").score(swemwbs_answers_adding_to(raw)).values
    assert value.value == pytest.approx(metric, abs=1e-9)


@pytest.mark.parametrize(
    ("raw", "band"),
    [
        (19, "Probable depression"),  # 17.98, below the file's cut point of 18
        (20, "Possible depression"),  # 18.59
        (23, "Possible depression"),  # 20.73, below 21
        (24, "Average"),  # 21.54
        (30, "Average"),  # 27.03, below 28
        (31, "High"),  # 28.13
    ],
)
def test_swemwbs_bands_follow_the_cut_points_in_its_file(raw, band):
    (value,) = measure("swemwbs").score(swemwbs_answers_adding_to(raw)).values
    assert value.band == band


# --- the ONS direct loneliness question ---------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "band"),
    [
        (1, "Never"),
        (2, "Hardly ever"),
        (3, "Occasionally"),
        (4, "Some of the time"),
        (5, "Often or always"),
    ],
)
def test_ons_loneliness_reports_the_answer_given(answer, band):
    (value,) = measure("ons_loneliness").score({"lonely": answer}).values
    assert (value.value, value.band, value.higher_is_better) == (answer, band, False)
