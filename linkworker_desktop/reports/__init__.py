"""Reports for the service, the PCN and the commissioner: pure figures over the caseload (no Qt).

``build_report`` reads a laptop-shaped database and returns a ``Report``; exports, the Reports
screen and the hub's report all sit on it.
"""

from __future__ import annotations

from linkworker_desktop.reports.build import build_report, report_to_json
from linkworker_desktop.reports.model import Report, ReportSettings
from linkworker_desktop.reports.period import Period

__all__ = ["Period", "Report", "ReportSettings", "build_report", "report_to_json"]
