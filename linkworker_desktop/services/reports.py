"""Reports of the open caseload: the service's settings and measures handed to reports/."""

from __future__ import annotations

from datetime import datetime

from linkworker_desktop.printing.wording import snomed_codes
from linkworker_desktop.reports import Period, Report, ReportSettings, build_report
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import FIRST_CONTACT_TARGET_DAYS, SERVICE_NAME


def report_settings(profile: OpenProfile) -> ReportSettings:
    settings = profile.settings
    return ReportSettings(
        service_name=settings.get(SERVICE_NAME),
        team=profile.team_name,
        first_contact_target_days=settings.get(FIRST_CONTACT_TARGET_DAYS),
        zone=local_zone(),
        measures=MeasureService(profile).library(),
        snomed=snomed_codes(),
    )


def caseload_report(
    profile: OpenProfile, period: Period, generated_at: datetime, by: str | None = None
) -> Report:
    """The report of this laptop's caseload for the period, as at ``generated_at``."""
    return build_report(
        profile.conn,
        period,
        by=by,
        settings=report_settings(profile),
        generated_at=generated_at,
    )
