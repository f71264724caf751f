"""What each kind of stage shows besides its notes, built when the stage is first opened.

The template names a capture (``consent``, ``what_matters``, ``goal_review``, ``measure``,
``book_next``); this is the one place that turns the name into a widget, so a new kind is
added here only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QWidget

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.domain.consent import GivenBy, GivenHow
from linkworker_desktop.services.appointments import AppointmentService, from_utc_text
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionState
from linkworker_desktop.ui.widgets.book_next import BookNext
from linkworker_desktop.ui.widgets.consent_stage import ConsentStage
from linkworker_desktop.ui.widgets.goal_review import GoalReview
from linkworker_desktop.ui.widgets.measure_stage import MeasureStage
from linkworker_desktop.ui.widgets.what_matters import WhatMattersField

NEXT_SESSION_AFTER = timedelta(days=14)  # a suggestion only: the worker picks the date


def make_capture(
    captures: str, profile: Callable[[], OpenProfile | None], state: SessionState, delay_ms: int
) -> QWidget:
    if captures == "consent":
        return ConsentStage(profile, state.patient_id, given=session_given(profile, state))
    if captures == "what_matters":
        return WhatMattersField(profile, state.session_id, state.what_matters, delay_ms)
    if captures == "goal_review":
        return GoalReview(profile, state.patient_id, state.session_id, state.referral_id)
    if captures == "measure":
        return MeasureStage(profile, state.patient_id, state.referral_id, state.session_id)
    return book_next(profile, state)


def session_given(profile: Callable[[], OpenProfile | None], state: SessionState) -> GivenBy:
    """Answers in a session are the patient's own, given the way the session happens."""
    how = GivenHow.IN_PERSON
    opened = profile()
    if opened is not None and state.appointment_id:
        for row in AppointmentService(opened).for_patient(state.patient_id):
            if row["id"] == state.appointment_id:
                how = _HOW_BY_MODE.get(AppointmentMode(row["mode"]), GivenHow.IN_PERSON)
    return GivenBy(how)


_HOW_BY_MODE = {AppointmentMode.TELEPHONE: GivenHow.PHONE, AppointmentMode.VIDEO: GivenHow.VIDEO}


def book_next(profile: Callable[[], OpenProfile | None], state: SessionState) -> BookNext:
    """Suggest the same time, mode and place as today's session, two weeks on."""
    mode, place, at = AppointmentMode.SURGERY, "", datetime.now().replace(second=0)
    opened = profile()
    if opened is not None and state.appointment_id:
        for row in AppointmentService(opened).for_patient(state.patient_id):
            if row["id"] == state.appointment_id:
                mode, place = AppointmentMode(row["mode"]), row["place"]
                at = from_utc_text(row["starts_at"])
    suggested = datetime.combine(date.today() + NEXT_SESSION_AFTER, at.time())
    return BookNext(profile, state.referral_id, suggested, mode, place)
