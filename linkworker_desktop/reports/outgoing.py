"""A report as it may leave the service: the words of its heading, its suppressed figures and
its footnotes, and nothing else.

Every export (CSV, spreadsheet, PDF, the hub's report) is made from this, never from the Report
itself, so none of them can reach the patients behind a figure (``people``) or the coding lines
that name them: the coding section leaves as counts only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.reports.suppression import DEFAULT_THRESHOLD, Row, note, safe_rows

ALL_GROUPS = "All"


class ReportLike(Protocol):
    """What the exports read of a built report."""

    @property
    def figures(self) -> Mapping[str, Any]: ...
    @property
    def meta(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class OutgoingReport:
    title: str
    service: str
    team: str
    period: str
    generated: str
    groups: tuple[tuple[str, tuple[Row, ...]], ...]  # ("All", rows) first, then each --by group
    footnotes: tuple[str, ...]
    suppression_note: str
    threshold: int

    @property
    def rows(self) -> tuple[Row, ...]:
        """The figures of the whole service (or team)."""
        return self.groups[0][1]


def outgoing(report: ReportLike, threshold: int = DEFAULT_THRESHOLD) -> OutgoingReport:
    meta = report.meta
    groups: list[tuple[str, tuple[Row, ...]]] = [
        (ALL_GROUPS, tuple(safe_rows(report.figures, threshold)))
    ]
    for name, figures in (getattr(report, "groups", None) or {}).items():
        figures = getattr(figures, "figures", figures)
        groups.append((str(name), tuple(safe_rows(figures, threshold))))
    service = str(_meta(meta, "service") or "Social prescribing service")
    return OutgoingReport(
        title=f"Social prescribing report: {service}",
        service=service,
        team=str(_meta(meta, "team") or ""),
        period=period_text(getattr(report, "period", None) or _meta(meta, "period")),
        generated=_moment(getattr(report, "generated_at", None) or _meta(meta, "generated_at")),
        groups=tuple(groups),
        footnotes=tuple(_footnotes(_meta(meta, "footnotes"))),
        suppression_note=note(threshold),
        threshold=threshold,
    )


def period_text(period: Any) -> str:
    """ "1 April 2025 to 31 March 2026, both days included"."""
    if period is None:
        return ""
    start = getattr(period, "start", None)
    end = getattr(period, "end", None)
    if isinstance(period, Mapping):  # the meta's {"from": "2025-04-01", "to": "2026-03-31"}
        start, end = (_iso_day(period.get(k)) for k in ("from", "to"))
    if isinstance(start, date) and isinstance(end, date):
        return f"{_day(start)} to {_day(end)}, both days included"
    return str(period)


def _iso_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _meta(meta: Any, key: str) -> Any:
    if isinstance(meta, Mapping):
        return meta.get(key)
    return getattr(meta, key, None)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _moment(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LONDON)  # the time on the service's clocks
        return f"{_day(value.date())} at {value:%H:%M}"
    if isinstance(value, date):
        return _day(value)
    return str(value or "")


def _footnotes(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, Mapping):
        return [f"{key}: {text}" for key, text in value.items()]
    if isinstance(value, str):
        return [value]
    return [str(line) for line in value]
