"""A safeguarding concern and its hand-over reach the team's other laptops, never another team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.safeguarding import SafeguardingService


def test_a_concern_and_its_hand_over_reach_a_colleague_only(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    south = org.laptop("South", "Sol")
    patient = a.add_patient(given_name="Ann", family_name="Bee")
    raised = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    concern = SafeguardingService(a.profile).raise_concern(
        patient,
        person_at_risk="child",
        at_risk_details="Grandson, 6",
        category="child_neglect",
        what_was_seen="Left alone overnight, she said.",
        now=raised,
    )
    SafeguardingService(a.profile).record_handover(
        concern, passed_to="local_authority", passed_at=raised + timedelta(hours=1)
    )
    assert a.sync().error == ""
    assert b.sync().error == ""
    assert south.sync().error == ""
    (seen,) = SafeguardingService(b.profile).concerns(patient)
    assert (seen.category.full_label, seen.raised_by, seen.at_risk_details) == (
        "Child: Neglect",
        "Asha",
        "Grandson, 6",
    )
    assert [h.passed_to.label for h in seen.handovers] == ["Local authority safeguarding team"]
    assert [a.kind.id for a in AlertService(b.profile).active(patient)] == ["safeguarding_concern"]
    assert south.ids("safeguarding_concerns") == set()
    assert south.ids("safeguarding_handovers") == set()
