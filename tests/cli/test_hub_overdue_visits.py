"""``linkworker hub overdue-visits``: the duty manager's list, from what the hub holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.services.sessions import SessionService
from tests.support.home_visits import start_home_visit

START = datetime(2026, 11, 30, 14, 45, tzinfo=UTC)


def _overdue(cli, org, *extra: str):
    return cli(
        "hub", "overdue-visits", "--org", org.name, "--database", org.hub.database_url, *extra
    )


def test_the_duty_manager_sees_each_overdue_visit_of_the_chosen_team(cli, org):
    asha = org.laptop("North", "Asha Khan")
    sol = org.laptop("South", "Sol Reyes")
    start_home_visit(asha, START)
    ended = start_home_visit(sol, START, place="Flat 2, Bramley", contact="")
    SessionService(sol.profile).end(ended.session_id, {"welcome": 60.0}, now=START)
    start_home_visit(sol, START + timedelta(minutes=10), place="4 Oak Road, Otley", contact="")
    for laptop in (asha, sol):
        assert laptop.sync().error == ""
    (asha_visit,) = asha.ids("visit_checkins")

    shown = _overdue(cli, org, "--team", "North", "--at", "2026-11-30T15:46:00+00:00", "--json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out) == [
        {
            "checkin_id": asha_visit,
            "worker": "Asha Khan",
            "team": "North",
            "contact": "07700 900123",
            "place": "12 Mill Lane, Leeds",
            "checked_in_at": "2026-11-30T14:45:00+00:00",
            "expected_end_at": "2026-11-30T15:30:00+00:00",
            "minutes_late": 16,
        }
    ]
    at_the_minute = _overdue(cli, org, "--at", "2026-11-30T15:45:00+00:00", "--json")
    assert json.loads(at_the_minute.out) == []  # 15 minutes past is not yet overdue

    everyone = _overdue(cli, org, "--at", "2026-11-30T16:01:00+00:00", "--json")
    assert [(v["worker"], v["place"], v["minutes_late"]) for v in json.loads(everyone.out)] == [
        ("Asha Khan", "12 Mill Lane, Leeds", 31),
        ("Sol Reyes", "4 Oak Road, Otley", 21),
    ]
    stricter = _overdue(
        cli, org, "--overdue-minutes", "25", "--at", "2026-11-30T16:01:00+00:00", "--json"
    )
    assert [v["worker"] for v in json.loads(stricter.out)] == ["Asha Khan"]


def test_the_plain_list_says_who_to_call(cli, org, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    asha = org.laptop("North", "Asha Khan")
    start_home_visit(asha, START)
    assert asha.sync().error == ""
    shown = _overdue(cli, org, "--at", "2026-11-30T15:50:00+00:00")
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[:3] == [
        "1 home visit overdue (not checked out 15 minutes after the expected end):",
        "  Asha Khan (North) at 12 Mill Lane, Leeds: expected back by 15:30 UTC on Mon 30 Nov,"
        " 20 minutes ago; call 07700 900123",
        "Call them; follow your lone-working procedure.",
    ]


def test_an_unknown_team_or_a_time_without_its_offset_is_refused(cli, org, capsys):
    wrong_team = _overdue(cli, org, "--team", "East")
    assert wrong_team.code != 0
    assert "No team called 'East'" in wrong_team.err
    with pytest.raises(SystemExit) as refused:
        _overdue(cli, org, "--at", "2026-11-30T15:50")
    assert refused.value.code == 2
    assert "not a date and time with its offset" in capsys.readouterr().err
