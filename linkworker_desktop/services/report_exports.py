"""Exporting a report of the open caseload: the service's own suppression threshold applied."""

from __future__ import annotations

from pathlib import Path

from linkworker_desktop.reports import exports
from linkworker_desktop.reports.outgoing import ReportLike
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import REPORT_SUPPRESS_BELOW

FORMATS = exports.FORMATS


def suppress_below(profile: OpenProfile) -> int:
    return int(profile.settings.get(REPORT_SUPPRESS_BELOW))


def export_report(profile: OpenProfile, report: ReportLike, path: str | Path, kind: str) -> Path:
    """Write the report as ``kind`` (pdf, xlsx or csv) to path; returns where it went."""
    return exports.save(report, path, kind, suppress_below(profile))
