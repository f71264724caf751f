"""A home visit's check-in reaches the worker's team through the hub, never another team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linkworker_desktop.services.lone_working import LoneWorkingService
from linkworker_desktop.services.sessions import SessionService
from tests.support.home_visits import start_home_visit

START = datetime(2026, 11, 30, 14, 45, tzinfo=UTC)


def test_an_overdue_visit_reaches_a_colleague_until_it_is_checked_out(org):
    asha, ben = org.laptop("North", "Asha Khan"), org.laptop("North", "Ben Ode")
    sol = org.laptop("South", "Sol Reyes")
    state = start_home_visit(asha, START)
    for laptop in (asha, ben, sol):
        assert laptop.sync().error == ""
    late = datetime(2026, 11, 30, 15, 50, tzinfo=UTC)  # expected back 15:30, 20 minutes ago
    (seen,) = LoneWorkingService(ben.profile).team_overdue(late)
    assert (seen.worker_name, seen.place, seen.worker_contact) == (
        "Asha Khan",
        "12 Mill Lane, Leeds",
        "07700 900123",
    )
    assert seen.expected_end_at == datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    assert LoneWorkingService(ben.profile).team_overdue(late - timedelta(minutes=5)) == []
    assert LoneWorkingService(asha.profile).team_overdue(late) == []  # her own is hers to end
    assert sol.ids("visit_checkins") == set()

    SessionService(asha.profile).end(state.session_id, {"welcome": 60.0}, now=late)
    assert asha.sync().error == ""
    assert ben.sync().error == ""
    assert LoneWorkingService(ben.profile).team_overdue(late) == []
    (kept,) = LoneWorkingService(ben.profile).checkins()
    assert kept.checked_out_at == late
