"""The Goal plan tab: edit the plan, add a goal through its dialog, print it."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services import demo
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.plans import PlanService
from linkworker_desktop.ui.views.goal_plan_view import GoalPlanView


@pytest.fixture
def view(qtbot, open_profile):
    demo.add_demo_caseload(open_profile, 30)
    row = next(r for r in CaseloadService(open_profile).rows() if r.status == ReferralStatus.ACTIVE)
    holder = {"profile": open_profile}
    widget = GoalPlanView(lambda: holder["profile"])
    qtbot.addWidget(widget)
    widget.set_patient(row.patient_id)
    widget.holder = holder
    widget.patient_id = row.patient_id
    return widget


def test_plan_text_is_saved(view, open_profile):
    view.fields["working"].setPlainText("My daughter phones on Sundays")
    assert view.save_plan()
    assert (
        PlanService(open_profile).load(view.patient_id).working == "My daughter phones on Sundays"
    )


def test_an_impossible_review_date_is_explained_and_nothing_saved(view):
    view.review.setText("31/02/2027")
    assert view.save_plan() is False
    assert "not a real date" in view.message.text()


def test_adding_a_goal_through_the_dialog(view, open_profile):
    before = len(PlanService(open_profile).load(view.patient_id).goals)
    dialog = view.edit_goal(new=True)
    dialog.description.setText("Join the choir")
    dialog._add_step()
    dialog.steps.item(0, 0).setText("Ring the choir leader")
    dialog.try_save()
    goals = PlanService(open_profile).load(view.patient_id).goals
    assert len(goals) == before + 1
    assert goals[-1].steps[0].what == "Ring the choir leader"
    assert any("Join the choir" in view.goals.item(i).text() for i in range(view.goals.count()))


def test_a_goal_without_words_keeps_the_dialog_open(view):
    dialog = view.edit_goal(new=True)
    dialog.try_save()
    assert dialog.isVisible()
    assert "own words" in dialog.problems.text()


def test_locked_caseload_keeps_the_typed_goal(view):
    dialog = view.edit_goal(new=True)
    dialog.description.setText("Walk to the shops")
    view.holder["profile"] = None
    dialog.try_save()
    assert dialog.isVisible()
    assert "Unlock" in dialog.problems.text()
    assert dialog.description.text() == "Walk to the shops"


def test_print_opens_a_preview_of_the_plan(view):
    preview = view.print_plan()
    assert preview is not None
    assert preview.document.pageCount() >= 1
    preview.reject()
