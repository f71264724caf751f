"""Today and lone working: a colleague's overdue home visit, and "Checked out safe"."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from linkworker_desktop.services.lone_working import LoneWorkingService
from linkworker_desktop.ui.views.today_view import TodayView
from tests.support.home_visits import start_home_visit

LEFT = Qt.MouseButton.LeftButton
START = datetime(2026, 11, 30, 14, 45, tzinfo=UTC)
LATE = datetime(2026, 11, 30, 15, 50, tzinfo=UTC)  # expected back 15:30: 20 minutes ago


def today_at(qtbot, profile, now: datetime) -> TodayView:
    view = TodayView(now=lambda: now)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    view.set_profile(profile)
    return view


def test_a_colleagues_overdue_visit_shows_on_today_until_they_check_out(qtbot, org):
    asha, ben = org.laptop("North", "Asha Khan"), org.laptop("North", "Ben Ode")
    start_home_visit(asha, START)
    assert asha.sync().error == "" and ben.sync().error == ""

    on_time = today_at(qtbot, ben.profile, datetime(2026, 11, 30, 15, 45, tzinfo=UTC))
    assert (on_time.visits.isVisible(), on_time.visits.text) == (False, "")

    view = today_at(qtbot, ben.profile, LATE)
    assert view.visits.isVisible()
    assert view.visits.text == (
        "Home visit overdue: Asha Khan at 12 Mill Lane, Leeds, expected back by 15:30"
        " (20 minutes ago); phone 07700 900123.\n"
        "Call them; follow your lone-working procedure."
    )
    assert "Ann" not in view.visits.text  # the colleague is told where, not who was visited

    mine = today_at(qtbot, asha.profile, LATE)
    mine.set_day(START.date())
    assert mine.check_out_button.isVisible()
    with qtbot.waitSignal(mine.checked_out) as told:  # the main window syncs on it
        qtbot.mouseClick(mine.check_out_button, LEFT)
    assert told.args == [next(iter(asha.ids("visit_checkins")))]
    assert LoneWorkingService(asha.profile).my_open() == []
    assert mine.message.text.startswith("Checked out safe from the home visit with Ann Bee at")
    assert not mine.check_out_button.isVisible()
    assert asha.sync().error == "" and ben.sync().error == ""

    view.refresh()
    assert (view.visits.isVisible(), view.visits.text) == (False, "")


def test_the_workers_own_visit_past_its_end_asks_them_to_check_out(qtbot, org):
    asha = org.laptop("North", "Asha Khan")
    start_home_visit(asha, START)
    view = today_at(qtbot, asha.profile, LATE)
    assert view.visits.text == (
        "You are still checked in at 12 Mill Lane, Leeds (expected back by 15:30). Your team"
        " sees it as overdue once the time passes: end the session, or choose the visit below"
        " and press Checked out safe."
    )
