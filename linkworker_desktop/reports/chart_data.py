"""What a report chart shows, kept apart from drawing it.

The Reports screen works out its charts without loading reportlab, which draws them
(reports/charts.py) only when one is shown or printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkworker_desktop.reports.figure_names import category_label, figure_title
from linkworker_desktop.reports.suppression import NOTHING, Row


@dataclass(frozen=True, slots=True)
class ChartData:
    """One breakdown, ready to draw and to say in words."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]  # 0 for a suppressed cell
    shown: tuple[str, ...]  # what each bar is labelled with: "30", "<8"

    def in_words(self) -> str:
        """The data as a sentence for a screen reader: "GP: 30; Self-referral: fewer than 8"."""
        parts = [
            f"{label}: {_spoken(text)}" for label, text in zip(self.labels, self.shown, strict=True)
        ]
        return "; ".join(parts) + "."


def charts_for(rows: tuple[Row, ...] | list[Row]) -> list[tuple[str, ChartData]]:
    """(figure path, chart) for every count breakdown with at least one category."""
    found: dict[str, list[Row]] = {}
    for row in rows:
        if row.breakdown and _is_count_breakdown(row):
            found.setdefault(row.path, []).append(row)
    charts = []
    for path, cells in found.items():
        first = cells[0]
        charts.append(
            (
                path,
                ChartData(
                    title=figure_title(first.section, first.figure),
                    labels=tuple(category_label(c.section, c.figure, c.breakdown) for c in cells),
                    values=tuple(float(c.value or 0) for c in cells),
                    shown=tuple(c.shown for c in cells),
                ),
            )
        )
    return charts


def _is_count_breakdown(row: Row) -> bool:
    last = row.figure.rsplit(".", 1)[-1]
    return not ("mean" in last or "median" in last or last.endswith("_pct"))


def _spoken(shown: str) -> str:
    if shown.startswith("<"):
        return f"fewer than {shown[1:]}"
    return "not available" if shown in ("", NOTHING) else shown
