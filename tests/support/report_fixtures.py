"""Reports made by hand for the export and screen tests: the shape build_report returns,
with figures chosen to sit either side of the suppression threshold."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from faker import Faker

from tests.support.factories import fresh_nhs_number

GENERATED_AT = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class HandPeriod:
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class HandReport:
    figures: dict[str, Any]
    people: dict[str, list[str]] = field(default_factory=dict)
    coding_lines: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    groups: dict[str, Any] | None = None


def sample_figures() -> dict[str, Any]:
    """Every figure of the contract; the comments say what each should show at threshold 8."""
    return {
        "referrals": {
            "received": 40,
            "by_source": {"gp": 30, "self": 3, "social_care": 7},  # 3, 7: <8
            "by_reason": {"loneliness": 22, "debt": 8, "housing": 0},
            "by_practice": {"B86001": 25, "B86002": 15},
            "declined": 1,  # <8
            "did_not_engage": 0,  # 0
        },
        "first_contact": {
            "seen": 36,
            "median_days": 9.0,
            "within_target_pct": 75.0,  # 27 of 36: shown
            "target_days": 14,
            "not_yet_seen": 4,  # <8
        },
        "contacts": {
            "attended": 120,
            "did_not_attend": 6,  # <8, and so the DNA rate
            "cancelled": 9,
            "by_mode": {"surgery": 60, "telephone": 50, "home_visit": 10},
            "dna_rate_pct": 4.8,
        },
        "discharges": {
            "total": 20,
            "by_reason": {"goals_met": 14, "moved_away": 6},  # 6: <8, 14 too (one hidden)
            "mean_contacts": 4.25,
        },
        "outcomes": {
            "ons4": {"pairs": 12, "mean_change": {"life_satisfaction": 1.5, "anxiety": -1.25}},
            "ucla3": {"pairs": 5, "mean_change": {"total": -1.4}},  # <8: means too
            "swemwbs": {"pairs": 0, "mean_change": {}},
        },
        "goals": {"referrals": 15, "mean_change": 2.75},
        "connections": {
            "total": 50,
            "by_kind": {"service": 44, "activity": 6},
            "by_category": {"arts": 20, "debt": 30},
            "with_outcome_pct": 90.0,  # 45 of 50: shown
            "attended_pct": 10.0,  # 5 of 50: <8
            "turned_away": {"Walking Group": 2, "Debt Advice": 9},
        },
        "equity": {
            "age_band": {"18-24": 8, "25-34": 12, "35-44": 20},
            "gender": {"female": 24, "male": 16},
            "ethnicity": {"A": 33, "H": 7},
            "imd_decile": None,
        },
        "satisfaction": {"responses": 18, "good_pct": 88.9, "by_answer": {"very_good": 10}},
        "gp_use": {"pairs": 9, "mean_change": -1.56},
        "coding": {"accepted": 38, "declined": 1, "confirmed_coded": 30, "to_code_count": 9},
    }


def sample_people(count: int = 6) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Patient ids behind some figures, and the (name, NHS number) of each: for leak checks."""
    fake = Faker("en_GB")
    fake.seed_instance(1515)
    people = [(fake.name(), fresh_nhs_number()) for _ in range(count)]
    ids = [f"pat-{i}" for i in range(count)]
    return {"referrals.received": ids, "referrals.declined": ids[:1]}, people


def sample_report(**changes: Any) -> HandReport:
    people, _ = sample_people()
    meta = {
        "service": "Northfield Social Prescribing",
        "team": "North PCN",
        "period": HandPeriod(date(2025, 4, 1), date(2026, 3, 31)),
        "generated_at": GENERATED_AT,
        "footnotes": [
            "Referrals received: referrals with a referral date in the period (dates inclusive).",
            "DNA rate: did not attend / (attended + did not attend) x 100, one decimal.",
        ],
    }
    values: dict[str, Any] = {"figures": sample_figures(), "people": people, "meta": meta}
    values.update(changes)
    return HandReport(**values)
