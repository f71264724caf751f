"""A report takes the service's own settings: its name, team, first-contact target, measures."""

from __future__ import annotations

from datetime import UTC, date, datetime

from linkworker_desktop.reports import Period
from linkworker_desktop.services.reports import caseload_report, report_settings
from linkworker_desktop.services.settings import (
    FIRST_CONTACT_TARGET_DAYS,
    REPORT_SUPPRESS_BELOW,
    SERVICE_NAME,
)


def test_exports_hide_counts_below_8_unless_the_service_says_otherwise(open_profile):
    settings = open_profile.settings
    assert settings.get(REPORT_SUPPRESS_BELOW) == 8
    assert settings.set(REPORT_SUPPRESS_BELOW, 5) == 5
    assert settings.get(REPORT_SUPPRESS_BELOW) == 5
    assert settings.set(REPORT_SUPPRESS_BELOW, 0) == 1  # 1 shows every count


def test_the_report_uses_the_services_name_team_and_target(open_profile):
    open_profile.settings.set(SERVICE_NAME, "Northfield Social Prescribing")
    open_profile.settings.set(FIRST_CONTACT_TARGET_DAYS, 21)
    settings = report_settings(open_profile)
    assert (settings.service_name, settings.team, settings.first_contact_target_days) == (
        "Northfield Social Prescribing",
        "North PCN",
        21,
    )
    assert {"ons4", "fft", "gp_appointments"} <= set(settings.measures)
    assert settings.snomed["referral"]["code"] == "871731000000106"
    made = datetime(2026, 11, 30, 9, tzinfo=UTC)
    report = caseload_report(open_profile, Period(date(2026, 4, 1), date(2026, 6, 30)), made)
    assert report.figures["first_contact"]["target_days"] == 21
    assert report.meta["service"] == "Northfield Social Prescribing"
