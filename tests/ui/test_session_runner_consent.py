"""The first session's "Welcome and consent" stage asks both consent questions and records them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.domain.choices import ConsentToShare
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.views.session_runner import SessionRunner
from linkworker_desktop.ui.widgets.consent_stage import (
    CONTACT_TITLE,
    SHARE_TITLE,
    ConsentStage,
)
from tests.ui.choice_clicks import click_choice
from tests.ui.session_helpers import FakeClock, add_patient, start_initial


@pytest.fixture
def runner(qtbot, open_profile):
    state = start_initial(open_profile)  # consent to contact yes, share not asked yet
    widget = SessionRunner(lambda: open_profile, state, clock=FakeClock())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def radio(stage: ConsentStage, title: str, label: str) -> QRadioButton:
    (button,) = [
        b for b in stage.findChildren(QRadioButton) if b.accessibleName() == f"{title}: {label}"
    ]
    return button


def checked(stage: ConsentStage, title: str) -> list[str]:
    prefix = f"{title}: "
    return [
        b.text()
        for b in stage.findChildren(QRadioButton)
        if b.accessibleName().startswith(prefix) and b.isChecked()
    ]


def stored(profile, patient_id: str) -> tuple:
    return tuple(
        profile.conn.execute(
            "SELECT consent_to_contact, consent_to_share FROM patients WHERE id = ?",
            (patient_id,),
        ).fetchone()
    )


def test_the_welcome_stage_shows_both_questions_with_what_the_record_holds(runner):
    assert runner.current_stage.id == "welcome"
    stage = runner.captures["consent"]
    assert isinstance(stage, ConsentStage) and stage.isVisible()
    assert checked(stage, CONTACT_TITLE) == ["Yes"]
    assert checked(stage, SHARE_TITLE) == ["Not asked yet"]
    assert stage.status.text() == (
        "On the record: consent to contact: yes; share with the GP: not asked yet."
    )


def test_answers_clicked_in_the_welcome_stage_are_saved_to_the_record(qtbot, runner, open_profile):
    stage = runner.captures["consent"]
    patient_id = runner.state.patient_id
    assert stored(open_profile, patient_id) == (1, "not_asked")
    click_choice(qtbot, radio(stage, SHARE_TITLE, "Codes only"))
    assert stored(open_profile, patient_id) == (1, "codes_only")
    click_choice(qtbot, radio(stage, CONTACT_TITLE, "No"))
    assert stored(open_profile, patient_id) == (0, "codes_only")
    assert stage.status.text() == (
        "On the record: consent to contact: no; share with the GP: codes only."
    )
    updates = open_profile.conn.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'patients'"
        " AND entity_id = ?",
        (patient_id,),
    ).fetchone()[0]
    assert updates == 2


def test_a_later_stage_has_no_consent_questions(qtbot, runner):
    qtbot.mouseClick(runner.next_button, Qt.MouseButton.LeftButton)
    assert runner.current_stage.id == "what_matters"
    assert not runner.captures["consent"].isVisible()


def test_choosing_what_the_record_holds_again_writes_and_says_nothing(
    qtbot, runner, open_profile, heard
):
    stage = runner.captures["consent"]
    patient_id = runner.state.patient_id
    click_choice(qtbot, radio(stage, SHARE_TITLE, "Codes only"))
    click_choice(qtbot, radio(stage, SHARE_TITLE, "Codes only"))  # the same answer again
    click_choice(qtbot, radio(stage, CONTACT_TITLE, "Yes"))  # what the record already held
    updates = open_profile.conn.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'patients'"
        " AND entity_id = ?",
        (patient_id,),
    ).fetchone()[0]
    assert updates == 1
    assert heard == [
        ("On the record: consent to contact: yes; share with the GP: codes only.", "Polite")
    ]


def test_an_answer_in_the_welcome_stage_is_recorded_as_given_in_person_by_the_patient(
    qtbot, runner, open_profile
):
    stage = runner.captures["consent"]
    assert stage.given_note.text() == "Answers are recorded as given in person, by the patient."
    assert stage.given_fields is None  # nothing to ask in the room: the patient is answering
    click_choice(qtbot, radio(stage, SHARE_TITLE, "Codes only"))
    (record,) = [
        r
        for r in ConsentService(open_profile).history(runner.state.patient_id)
        if r.kind is ConsentKind.SHARE_WITH_GP
    ]
    assert (record.value, record.given, record.recorded_by) == (
        ConsentToShare.CODES_ONLY,
        GivenBy(GivenHow.IN_PERSON),
        "Sam Patel",
    )


def test_an_answer_in_a_telephone_session_is_recorded_as_given_by_phone(qtbot, open_profile):
    patient_id, referral_id = add_patient(open_profile, seed=4)
    starts = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=5)
    booked = AppointmentService(open_profile).book(
        referral_id, starts, mode=AppointmentMode.TELEPHONE
    )
    state = SessionService(open_profile).start(booked)
    widget = SessionRunner(lambda: open_profile, state, clock=FakeClock())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    stage = widget.captures["consent"]
    assert stage.given_note.text() == "Answers are recorded as given by phone, by the patient."
    click_choice(qtbot, radio(stage, SHARE_TITLE, "Full notes"))
    record = ConsentService(open_profile).share(patient_id)
    assert (record.value, record.given) == (ConsentToShare.FULL_NOTES, GivenBy(GivenHow.PHONE))
