"""Adding a referral and changing one's status from the patient's record."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.choices import ReferralReason, ReferralStatus
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.widgets.date_field import BadDate, parse_date
from tests.ui.caseload_support import count, demo_profile_fixture  # noqa: F401


class Holder:
    def __init__(self, profile):
        self.profile = profile


@pytest.fixture
def holder(demo_profile):
    return Holder(demo_profile)


@pytest.fixture
def record(qtbot, holder, demo_profile):
    """An open patient record (edit mode) for someone with one referral."""
    actions = CaseloadActions(lambda: holder.profile)
    patient_id = demo_profile.conn.execute("SELECT id FROM patients LIMIT 1").fetchone()[0]
    patient, referrals = actions.open_patient(patient_id)
    dialog = PatientDialog(actions, patient, referrals)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def referral_statuses(profile, patient_id: str) -> list[str]:
    sql = "SELECT status FROM referrals WHERE patient_id = ? ORDER BY created_at"
    return [row[0] for row in profile.conn.execute(sql, (patient_id,))]


def test_status_change_is_saved_and_queued(qtbot, record, demo_profile):
    patient_id = record.original.id
    referral = record.referral_list.referrals[0]
    dialog = record.edit_referral(referral)
    dialog.form.slots["status"].widget.set_value(ReferralStatus.ON_HOLD)
    with qtbot.waitSignal(record.changed):
        dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert referral_statuses(demo_profile, patient_id) == ["on_hold"]
    outbox = (
        "SELECT COUNT(*) FROM outbox WHERE entity = 'referrals' AND entity_id = ?"
        " AND changes LIKE '%on_hold%'"
    )
    assert count(demo_profile, outbox, referral.id) == 1
    assert record.referral_list.tree.topLevelItem(0).text(2) == "On hold"


def test_adding_a_referral_needs_a_reason(record, demo_profile):
    patient_id = record.original.id
    dialog = record.add_referral()
    dialog.form.slots["referrer_name"].widget.setText("Practice nurse")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.form.problem_shown("reasons") == "Choose at least one reason for the referral."
    assert "status" not in dialog.form.slots, "a new referral starts as New"
    dialog.form.reasons.box(ReferralReason.OTHER).setChecked(True)
    dialog.buttons.accepted.emit()
    assert dialog.form.problem_shown("reason_notes") == "Say what the other reason is."
    dialog.form.slots["reason_notes"].widget.setPlainText("Wants to learn to cook")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert len(referral_statuses(demo_profile, patient_id)) == 2
    assert len(record.referral_list.referrals) == 2


def test_impossible_referral_date_is_explained(record):
    dialog = record.add_referral()
    dialog.form.slots["referral_date"].widget.setText("29/02/2023")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert "February 2023 has 28 days" in dialog.form.problem_shown("referral_date")
    assert dialog.form.slots["referral_date"].widget.text() == "29/02/2023"


def test_saving_a_referral_while_locked(record, holder, demo_profile):
    referral = record.referral_list.referrals[0]
    dialog = record.edit_referral(referral)
    dialog.form.slots["status"].widget.set_value(ReferralStatus.DECLINED)
    holder.profile = None
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert "locked" in dialog.summary.text()
    holder.profile = demo_profile
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert referral_statuses(demo_profile, record.original.id) == ["declined"]


@pytest.mark.parametrize(
    ("text", "day"),
    [("23/04/1956", (1956, 4, 23)), ("1956-04-23", (1956, 4, 23)), ("23041956", (1956, 4, 23))],
)
def test_dates_are_read_as_typed(text, day):
    assert parse_date(text).timetuple()[:3] == day


@pytest.mark.parametrize("text", ["31/04/2020", "tomorrow", "00/01/2020", "1/2/56"])
def test_bad_dates_say_why(text):
    with pytest.raises(BadDate) as caught:
        parse_date(text)
    assert str(caught.value).endswith(".")
