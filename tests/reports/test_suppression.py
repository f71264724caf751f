"""Small-number suppression at its exact thresholds, and what derived figures follow it."""

from __future__ import annotations

import pytest

from linkworker_desktop.reports.suppression import marker, note, safe_rows
from tests.support.report_fixtures import sample_figures


def shown(figures: dict, threshold: int = 8) -> dict[tuple[str, str], str]:
    return {(row.path, row.breakdown): row.shown for row in safe_rows(figures, threshold)}


@pytest.mark.parametrize(
    ("count", "threshold", "expected"),
    [
        (0, 8, "0"),
        (1, 8, "<8"),
        (7, 8, "<8"),
        (8, 8, "8"),
        (0, 5, "0"),
        (1, 5, "<5"),
        (4, 5, "<5"),
        (5, 5, "5"),
        (7, 5, "7"),
        (1, 1, "1"),
        (9, 10, "<10"),
        (10, 10, "10"),
    ],
)
def test_a_count_is_suppressed_from_one_to_below_the_threshold(count, threshold, expected):
    figures = {"referrals": {"received": count, "declined": 20}}
    assert shown(figures, threshold)[("referrals.received", "")] == expected


def test_the_marker_and_note_name_the_threshold():
    assert marker() == "<8"
    assert marker(5) == "<5"
    assert "from 1 to 7" in note() and '"<8"' in note()
    assert "from 1 to 4" in note(5) and '"<5"' in note(5)


def test_every_figure_of_a_report_shows_what_the_rules_give():
    got = shown(sample_figures())
    expected = {
        ("referrals.received", ""): "40",
        ("referrals.by_source", "gp"): "30",
        ("referrals.by_source", "self"): "<8",
        ("referrals.by_source", "social_care"): "<8",
        ("referrals.by_reason", "debt"): "8",
        ("referrals.by_reason", "housing"): "0",
        ("referrals.declined", ""): "<8",
        ("referrals.did_not_engage", ""): "0",
        ("first_contact.median_days", ""): "9",
        ("first_contact.within_target_pct", ""): "75",  # 27 of 36
        ("first_contact.target_days", ""): "14",  # a setting, never suppressed
        ("first_contact.not_yet_seen", ""): "<8",
        ("contacts.did_not_attend", ""): "<8",
        ("contacts.dna_rate_pct", ""): "<8",  # its numerator is suppressed
        ("discharges.by_reason", "moved_away"): "<8",
        ("discharges.by_reason", "goals_met"): "<8",  # else 20 - 14 gives the 6 back
        ("discharges.mean_contacts", ""): "4.25",
        ("outcomes.ons4.mean_change", "life_satisfaction"): "1.5",
        ("outcomes.ons4.mean_change", "anxiety"): "-1.25",
        ("outcomes.ucla3.pairs", ""): "<8",
        ("outcomes.ucla3.mean_change", "total"): "<8",  # five pairs only
        ("outcomes.swemwbs.pairs", ""): "0",
        ("goals.mean_change", ""): "2.75",
        ("connections.with_outcome_pct", ""): "90",  # 45 of 50
        ("connections.attended_pct", ""): "<8",  # 5 of 50
        ("connections.turned_away", "Walking Group"): "<8",
        ("connections.turned_away", "Debt Advice"): "<8",  # the only other cell
        ("equity.age_band", "18-24"): "8",
        ("equity.ethnicity", "H"): "<8",
        ("equity.ethnicity", "A"): "<8",
        ("equity.imd_decile", ""): "–",  # no deprivation table loaded
        ("satisfaction.good_pct", ""): "88.9",
        ("gp_use.mean_change", ""): "-1.56",
        ("coding.declined", ""): "<8",
        ("coding.to_code_count", ""): "9",
    }
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize(("pairs", "expected"), [(0, "0"), (1, "<8"), (7, "<8"), (8, "1.5")])
def test_a_mean_follows_its_pairs(pairs, expected):
    figures = {"gp_use": {"pairs": pairs, "mean_change": 1.5 if pairs else None}}
    got = shown(figures)
    assert got[("gp_use.pairs", "")] == (str(pairs) if pairs >= 8 or pairs == 0 else "<8")
    assert got[("gp_use.mean_change", "")] == ("–" if pairs == 0 else expected)


@pytest.mark.parametrize(
    ("attended", "dna", "threshold", "expected"),
    [(100, 8, 8, "7.4"), (100, 7, 8, "<8"), (3, 20, 8, "<8"), (100, 7, 5, "6.5")],
)
def test_the_dna_rate_is_hidden_when_either_count_is(attended, dna, threshold, expected):
    rate = round(dna / (attended + dna) * 100, 1)
    figures = {"contacts": {"attended": attended, "did_not_attend": dna, "dna_rate_pct": rate}}
    assert shown(figures, threshold)[("contacts.dna_rate_pct", "")] == expected


@pytest.mark.parametrize(("pct", "expected"), [(14.0, "<8"), (16.0, "16"), (0.0, "0")])
def test_a_percentage_is_hidden_when_the_count_behind_it_is_small(pct, expected):
    # 14% of 50 is 7 people; 16% is 8
    figures = {"connections": {"total": 50, "attended_pct": pct}}
    assert shown(figures)[("connections.attended_pct", "")] == expected


def test_a_derived_figure_the_rules_do_not_know_stays_in_the_service():
    figures = {"contacts": {"attended": 100, "mean_minutes": 41.5}}
    assert shown(figures)[("contacts.mean_minutes", "")] == "<8"
    assert shown(figures, 1)[("contacts.mean_minutes", "")] == "41.5"
