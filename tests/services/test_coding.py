"""The coded tick: on the day the practice confirmed it, never before there was a thing to code."""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.coding import set_coded
from tests.support.report_caseload import Caseload

TODAY = date(2026, 11, 30)


@pytest.fixture
def caseload(open_profile, monkeypatch) -> Caseload:
    return Caseload(open_profile, monkeypatch)


def ticks(profile, referral_id: str) -> tuple:
    return profile.conn.execute(
        "SELECT coded_on, decline_coded_on FROM referrals WHERE id = ?", (referral_id,)
    ).fetchone()


def test_tick_and_untick(caseload, open_profile):
    person = caseload.refer(date(2026, 4, 1))
    set_coded(open_profile, person[1], date(2026, 4, 1), today=TODAY)
    assert ticks(open_profile, person[1]) == ("2026-04-01", None)
    set_coded(open_profile, person[1], None, today=TODAY)
    assert ticks(open_profile, person[1]) == (None, None)


@pytest.mark.parametrize(
    ("on", "says"),
    [
        (date(2026, 12, 1), "in the future"),
        (date(2026, 3, 31), "before Wed 1 Apr 2026"),
    ],
)
def test_a_date_that_cannot_be_right_is_refused(caseload, open_profile, on, says):
    person = caseload.refer(date(2026, 4, 1))
    with pytest.raises(ValidationError, match=says):
        set_coded(open_profile, person[1], on, today=TODAY)
    assert ticks(open_profile, person[1]) == (None, None)


def test_a_decline_is_coded_on_or_after_the_day_it_closed(caseload, open_profile):
    person = caseload.refer(date(2026, 4, 1))
    caseload.discharge(person, date(2026, 4, 20), DischargeReason.DECLINED_FURTHER)
    with pytest.raises(ValidationError, match="before Mon 20 Apr 2026"):
        set_coded(open_profile, person[1], date(2026, 4, 19), declined=True, today=TODAY)
    set_coded(open_profile, person[1], date(2026, 4, 20), declined=True, today=TODAY)
    assert ticks(open_profile, person[1]) == (None, "2026-04-20")


def test_a_referral_that_is_not_there_is_named(open_profile):
    with pytest.raises(ValidationError, match="no referral 'nope'"):
        set_coded(open_profile, "nope", date(2026, 4, 1), today=TODAY)
