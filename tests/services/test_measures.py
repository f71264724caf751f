"""Recording measures, reading them back, the change from baseline, and when one is due."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services import measures as measures_module
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import MEASURE_REVIEW_EVERY
from tests.support.session_factories import FakeUtcNow, add_patient, local


def ons4(life, worthwhile, happiness, anxiety) -> dict:
    return {
        "life_satisfaction": life,
        "worthwhile": worthwhile,
        "happiness": happiness,
        "anxiety": anxiety,
    }


@pytest.fixture
def service(open_profile, monkeypatch):
    # Results are ordered by when they were recorded; give each a distinct time.
    monkeypatch.setattr(measures_module, "utc_now", FakeUtcNow(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    return MeasureService(open_profile)


@pytest.fixture
def patient(open_profile):
    return add_patient(open_profile, "Wynn", "Carrow")


def stored(profile, result_id: str) -> dict:
    row = profile.conn.execute(
        "SELECT answers, complete, scores, timepoint FROM measure_results WHERE id = ?",
        (result_id,),
    ).fetchone()
    return {
        "answers": json.loads(row[0]),
        "complete": row[1],
        "scores": json.loads(row[2]),
        "timepoint": row[3],
    }


def test_a_complete_result_is_kept_with_its_scores_and_bands(open_profile, service, patient):
    patient_id, referral_id = patient
    result = service.record(patient_id, "ons4", ons4(7, 8, 6, 2), "baseline", referral_id)
    row = stored(open_profile, result.id)
    assert (row["complete"], row["timepoint"]) == (1, "baseline")
    assert row["answers"] == ons4(7, 8, 6, 2)
    # Hand-checked ONS bands: 7 High, 8 High, 6 Medium, anxiety 2 Low.
    assert [(s["id"], s["value"], s["band"]) for s in row["scores"]["scores"]] == [
        ("life_satisfaction", 7, "High"),
        ("worthwhile", 8, "High"),
        ("happiness", 6, "Medium"),
        ("anxiety", 2, "Low"),
    ]
    assert open_profile.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'measure_results' AND entity_id = ?",
        (result.id,),
    ).fetchone() == (1,)


def test_an_incomplete_result_is_kept_unscored_never_as_zero(open_profile, service, patient):
    answers = {"companionship": 3, "left_out": None, "isolated": 2}
    result = service.record(patient[0], "ucla3", answers, "baseline")
    row = stored(open_profile, result.id)
    assert row["complete"] == 0
    assert row["answers"] == answers  # the skipped answer stays skipped (null), not 0
    assert row["scores"]["scores"] == []
    assert row["scores"]["missing"] == ["left_out"]


def test_an_answer_off_the_scale_is_refused_and_nothing_kept(open_profile, service, patient):
    with pytest.raises(ValidationError) as caught:
        service.record(patient[0], "ons4", ons4(7, 8, 6, 12), "baseline")
    assert "anxiety" in caught.value.problems
    assert open_profile.conn.execute("SELECT COUNT(*) FROM measure_results").fetchone() == (0,)


def test_an_unknown_measure_or_timepoint_is_refused(service, patient):
    with pytest.raises(ValidationError, match="no measure called 'eq5d'"):
        service.record(patient[0], "eq5d", {}, "baseline")
    with pytest.raises(ValidationError, match="Timepoint"):
        service.record(patient[0], "ons4", ons4(5, 5, 5, 5), "midway")


def test_results_read_back_in_order_with_their_direction(service, patient):
    service.record(patient[0], "ons4", ons4(3, 4, 3, 8), "baseline")
    service.record(
        patient[0], "ucla3", {"companionship": 3, "left_out": 3, "isolated": 3}, "baseline"
    )
    service.record(patient[0], "ons4", ons4(6, 4, 2, 5), "review")

    results = service.results(patient[0], "ons4")
    assert [r.timepoint for r in results] == ["baseline", "review"]
    values = {v.id: v for v in results[-1].score.values}
    assert (values["anxiety"].value, values["anxiety"].band) == (5, "Medium")
    # Read back, anxiety must still be "lower is better", or a chart would misread it.
    assert values["anxiety"].higher_is_better is False
    assert values["happiness"].higher_is_better is True
    assert len(service.results(patient[0])) == 3


def test_change_from_baseline_to_latest_complete(service, patient):
    patient_id = patient[0]
    service.record(patient_id, "ons4", ons4(3, 4, 3, 8), "baseline")
    service.record(patient_id, "ons4", ons4(4, 4, 4, 7), "review")
    latest = ons4(6, 4, 2, 5)
    service.record(patient_id, "ons4", latest, "review")
    skipped = {**latest, "anxiety": None}
    service.record(patient_id, "ons4", skipped, "discharge")  # incomplete: left out

    change = {
        c.id: (c.before, c.after, c.delta, c.improved) for c in service.change(patient_id, "ons4")
    }
    assert change == {
        "life_satisfaction": (3, 6, 3, True),
        "worthwhile": (4, 4, 0, None),
        "happiness": (3, 2, -1, False),
        "anxiety": (8, 5, -3, True),  # anxiety falling from 8 to 5 is an improvement
    }


def test_no_change_with_a_single_result(service, patient):
    service.record(patient[0], "ons4", ons4(3, 4, 3, 8), "baseline")
    assert service.change(patient[0], "ons4") == []


def attend(profile, referral_id: str, day: int) -> None:
    """Book a session, run it for a minute and end it: one attended session."""
    appointment = AppointmentService(profile).book(referral_id, local(day, 9), past_confirmed=True)
    sessions = SessionService(profile)
    sessions.end(sessions.start(appointment).session_id, {"welcome": 60})


def test_a_baseline_is_due_first(service, patient):
    patient_id, referral_id = patient
    assert service.due(patient_id, referral_id, "ons4") == "baseline"
    service.record(patient_id, "ons4", ons4(5, 5, None, 5), "baseline", referral_id)
    assert service.due(patient_id, referral_id, "ons4") == "baseline"  # incomplete: ask again


def test_a_review_is_due_every_n_attended_sessions(open_profile, service, patient):
    patient_id, referral_id = patient
    open_profile.settings.set(MEASURE_REVIEW_EVERY, 2)
    service.record(patient_id, "ons4", ons4(3, 4, 3, 8), "baseline", referral_id)
    due = []
    for day in range(-9, -1, 2):  # four attended sessions since the referral
        due.append(service.due(patient_id, referral_id, "ons4"))
        attend(open_profile, referral_id, day)
        if service.due(patient_id, referral_id, "ons4") == "review":
            due.append("review")
            service.record(patient_id, "ons4", ons4(5, 5, 5, 5), "review", referral_id)
    # Before sessions 1 and 2: nothing; after 2: a review; before 3 and 4: nothing; after 4:
    # a review (every 2 attended sessions).
    assert due == [None, None, "review", None, None, "review"]


def test_a_new_referral_needs_its_own_baseline(open_profile, service, patient):
    patient_id, referral_id = patient
    service.record(patient_id, "ons4", ons4(3, 4, 3, 8), "baseline", referral_id)
    assert service.due(patient_id, referral_id, "ons4") is None
    second = Referral(
        patient_id=patient_id,
        referral_date=local(0, 0).date(),
        source=ReferralSource.SELF,
        reasons=[ReferralReason.ANXIETY],
    )
    second_id = CaseloadService(open_profile).add_referral(second)
    assert service.due(patient_id, second_id, "ons4") == "baseline"
