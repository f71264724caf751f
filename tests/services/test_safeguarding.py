"""Safeguarding concerns: written once, handed over, closed; chased after 24 hours; printed as a
referral form for the lead and never on the patient's plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services import printouts
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.safeguarding import SafeguardingService
from linkworker_desktop.services.safeguarding_form import safeguarding_pdf
from linkworker_desktop.storage.database import IntegrityError
from tests.support import pdf as pdf_text
from tests.support.session_factories import add_patient

RAISED = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
SEEN = 'She said: "He takes my pension and won\'t let me see the bank letters."'


@pytest.fixture
def service(open_profile):
    return SafeguardingService(open_profile)


@pytest.fixture
def patient(open_profile):
    return add_patient(open_profile)[0]


def _raise(service, patient, now=RAISED, **changes):
    fields = {
        "person_at_risk": "patient",
        "category": "adult_financial",
        "what_was_seen": SEEN,
        "immediate_action": "Talked it through; she agreed I pass it on.",
    }
    fields.update(changes)
    return service.raise_concern(patient, now=now, **fields)


def test_a_concern_needs_who_what_kind_and_words(service, patient):
    with pytest.raises(ValidationError) as caught:
        service.raise_concern(
            patient, person_at_risk="child", category="haunting", what_was_seen="  "
        )
    assert caught.value.problems == {
        "at_risk_details": "Say who is at risk: a name, or how they are known.",
        "category": "Choose the kind of harm from the list.",
        "what_was_seen": "Write what was seen or said.",
    }
    assert service.concerns(patient) == []


def test_raising_a_concern_opens_the_alert_and_closing_the_last_clears_it(
    open_profile, service, patient
):
    first = _raise(service, patient)
    second = _raise(
        service, patient, category="child_neglect", person_at_risk="child",
        at_risk_details="Grandson, 6, stays at weekends",
    )  # fmt: skip
    (alert,) = AlertService(open_profile).active(patient)
    assert (alert.kind.id, alert.reason) == (
        "safeguarding_concern",
        "Adult: Financial or material abuse, raised 30 Nov 2026.",
    )
    service.close(first, "Lead spoke to the bank; son's access removed.")
    assert [a.kind.id for a in AlertService(open_profile).active(patient)] == [
        "safeguarding_concern"
    ]
    service.close(second, "Local authority visited; no further action.")
    assert AlertService(open_profile).active(patient) == []
    (cleared,) = AlertService(open_profile).history(patient)
    assert cleared.clear_reason == "Concern closed: Local authority visited; no further action."
    with pytest.raises(ValidationError, match="already closed"):
        service.close(first, "Again")


def test_a_concern_and_its_hand_overs_never_change(open_profile, service, patient):
    concern_id = _raise(service, patient)
    handover = service.record_handover(
        concern_id,
        passed_to="practice_lead",
        passed_at=RAISED + timedelta(hours=2),
        contact="Dr Shah",
        notes="By phone; she will call the bank.",
    )
    with pytest.raises(IntegrityError, match="concern is append-only"):
        open_profile.conn.execute(
            "UPDATE safeguarding_concerns SET what_was_seen = 'Nothing really' WHERE id = ?",
            (concern_id,),
        )
    with pytest.raises(IntegrityError, match="hand-over is append-only"):
        open_profile.conn.execute(
            "UPDATE safeguarding_handovers SET passed_to = 'police' WHERE id = ?", (handover,)
        )
    (concern,) = service.concerns(patient)
    assert concern.what_was_seen == SEEN
    assert [(h.passed_to.label, h.contact) for h in concern.handovers] == [
        ("Practice safeguarding lead", "Dr Shah")
    ]
    actions = open_profile.conn.execute(
        "SELECT entity, action FROM audit_log WHERE entity LIKE 'safeguarding%' ORDER BY rowid"
    ).fetchall()
    assert [tuple(a) for a in actions] == [
        ("safeguarding_concerns", "create"),
        ("safeguarding_handovers", "create"),
    ]


def test_a_hand_over_cannot_be_before_the_concern_or_after_it_closed(service, patient):
    concern_id = _raise(service, patient)
    with pytest.raises(ValidationError, match="before the concern was raised"):
        service.record_handover(
            concern_id, passed_to="police", passed_at=RAISED - timedelta(hours=1)
        )
    with pytest.raises(ValidationError, match="Choose who it was passed to"):
        service.record_handover(concern_id, passed_to="neighbour", passed_at=RAISED)
    service.close(concern_id, "Withdrawn after checking: a misunderstanding.")
    with pytest.raises(ValidationError, match="This concern is closed"):
        service.record_handover(concern_id, passed_to="police", passed_at=RAISED)


def test_a_concern_with_no_hand_over_is_chased_from_24_hours(service, patient, open_profile):
    concern_id = _raise(service, patient)
    other = add_patient(open_profile, "Robin", "Otherfield")[0]
    handed = _raise(service, other)
    service.record_handover(handed, passed_to="supervisor", passed_at=RAISED)
    almost = RAISED + timedelta(hours=23, minutes=59)
    assert service.handover_overdue(almost) == []
    due = service.handover_overdue(RAISED + timedelta(hours=24))
    assert [c.id for c in due] == [concern_id]
    service.record_handover(
        concern_id, passed_to="local_authority", passed_at=RAISED + timedelta(hours=25)
    )
    assert service.handover_overdue(RAISED + timedelta(days=3)) == []


def test_the_referral_form_holds_the_concern_and_the_plan_does_not(open_profile, service, patient):
    concern_id = _raise(service, patient)
    service.record_handover(
        concern_id, passed_to="practice_lead", passed_at=RAISED + timedelta(hours=1),
        contact="Dr Shah",
    )  # fmt: skip
    pdf, _ = safeguarding_pdf(open_profile, concern_id)
    words = " ".join(pdf_text.text(pdf).split())
    for expected in (
        "Safeguarding concern: referral to the safeguarding lead",
        "CONFIDENTIAL",
        "Morgan Testfield",
        "Adult: Financial or material abuse",
        "He takes my pension",
        "Practice safeguarding lead",
        "Dr Shah",
    ):
        assert expected in words, expected
    assert len(pdf_text.reader(pdf).pages) == 1
    plan = pdf_text.text(printouts.plan_pdf(open_profile, patient)[0])
    assert "pension" not in plan and "Safeguarding" not in plan
