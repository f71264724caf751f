"""The record's Summary says each consent with how, by whom and when, and what it replaced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QAccessible

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.ui.views.record_page import RecordPage
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from tests.ui.record_helpers import add_person

MORNING = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # the same day in London


def shown(page: RecordPage) -> dict[str, str]:
    about = page.record.summary.about
    return {
        label.caption: QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        for label in about.findChildren(ValueLabel)
        if label.caption.startswith("Consent")
    }


def test_the_summary_shows_current_consent_and_the_earlier_answers(qtbot, open_profile):
    patient_id, _referral = add_person(open_profile, seed=3030)
    # add_person answered "yes" to contact when the patient was added, saying nothing of how
    open_profile.conn.execute(
        "DELETE FROM consent_records WHERE patient_id = ?", (patient_id,)
    )  # as on a laptop from before consent records
    consent = ConsentService(open_profile)
    consent.record(
        patient_id,
        {ConsentKind.SHARE_WITH_GP: ConsentToShare.FULL_NOTES},
        GivenBy(GivenHow.PHONE),
        now=MORNING,
    )
    consent.record(
        patient_id,
        {
            ConsentKind.SHARE_WITH_GP: ConsentToShare.CODES_ONLY,
            ConsentKind.CONTACT: ConsentToContact.YES,  # what the record held: not recorded again
        },
        GivenBy(GivenHow.IN_PERSON, "Jo Testcase", "Lasting power of attorney: daughter"),
        now=MORNING + timedelta(days=3),
    )
    page = RecordPage(lambda: open_profile, patient_id)
    qtbot.addWidget(page)
    page.show()
    contact = shown(page)["Consent to contact"]
    assert contact.startswith(
        "Consent to contact: Yes — how not recorded (from before consent records), "
    )
    assert shown(page) == {
        "Consent to contact": contact,
        "Consent to share with the GP": "Consent to share with the GP: Codes only — in person, "
        "by Jo Testcase (Lasting power of attorney: daughter), 3 Dec 2026, recorded by Sam Patel",
        "Consent history": "Consent history: Share with GP: full notes — by phone, by the "
        "patient, 30 Nov 2026, recorded by Sam Patel",
    }
