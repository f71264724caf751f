"""Small-number suppression: the figures as they may leave the service.

A count from 1 to (threshold - 1) could point at a person in a small practice or a rare
ethnic category, so anything that leaves the service (PDF, spreadsheet, CSV, the hub's report)
shows it as "<8" (the threshold is the setting ``report.suppress_below``, 8 by default, the
figure NHS England's small-number guidance uses for published counts). Zero is shown: it
identifies nobody.

How derived figures follow (what we decided):

* A percentage, mean or median is suppressed when any count it is computed from is: its
  denominator (``first_contact.seen`` for the median days, ``outcomes.ons4.pairs`` for its mean
  changes) or its numerator, which for a percentage is worked back from the percentage and the
  denominator (3 of 200 is 1.5 %, and 1.5 % of 200 gives the 3 back).
* In a breakdown (by source, by practice, by age band...) that has exactly one suppressed cell,
  the next smallest non-zero cell is suppressed too, so the hidden count cannot be found by
  subtracting the others from the published total.
* A derived figure whose counts are not known to this module is suppressed whenever the
  threshold is above 1: when in doubt, it stays in the service.

Patients never appear here: only ``Report.figures`` is read, never ``people`` or the coding lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_THRESHOLD = 8
NOTHING = "–"  # an en dash: no pairs to average, no deprivation table loaded

# The counts each derived figure is computed from: (denominators, numerator or None).
# "*" stands for any one key at that place (a measure id); a numerator of "%" is worked back
# from the percentage and the denominator.
_DERIVED: dict[str, tuple[tuple[str, ...], str | None]] = {
    "first_contact.median_days": (("first_contact.seen",), None),
    "first_contact.within_target_pct": (("first_contact.seen",), "%"),
    "contacts.dna_rate_pct": (
        ("contacts.attended", "contacts.did_not_attend"),
        "contacts.did_not_attend",
    ),
    "discharges.mean_contacts": (("discharges.total",), None),
    "outcomes.*.mean_change": (("outcomes.*.pairs",), None),
    "goals.mean_change": (("goals.referrals",), None),
    "connections.with_outcome_pct": (("connections.total",), "%"),
    "connections.attended_pct": (("connections.total",), "%"),
    "satisfaction.good_pct": (("satisfaction.responses",), "%"),
    "gp_use.mean_change": (("gp_use.pairs",), None),
}
# Figures that are settings, not counts of people: never suppressed.
_SETTINGS = frozenset({"first_contact.target_days"})


@dataclass(frozen=True, slots=True)
class Row:
    """One figure as it may leave the service; ``shown`` is what every export prints."""

    section: str
    figure: str  # the path inside the section, e.g. "received" or "ons4.mean_change"
    breakdown: str  # the category of a breakdown ("gp", "18-24"), "" for a single figure
    value: int | float | None  # None when suppressed or not available
    shown: str  # "12", "3.5", "<8", or "–" when there was nothing to count or divide
    suppressed: bool

    @property
    def path(self) -> str:
        return f"{self.section}.{self.figure}"


def marker(threshold: int = DEFAULT_THRESHOLD) -> str:
    """What a suppressed figure shows: "<8" with the default threshold."""
    return f"<{threshold}"


def note(threshold: int = DEFAULT_THRESHOLD) -> str:
    """The sentence every export carries, on its page or sheet."""
    return (
        f"Small numbers are suppressed: counts from 1 to {threshold - 1} are shown as "
        f'"{marker(threshold)}", and so are percentages, means and medians worked out from them, '
        "so that nobody can be recognised from these figures. A zero is shown as 0. "
        "This report holds no names, NHS numbers or other details of any person."
    )


def is_small(count: Any, threshold: int) -> bool:
    """True for a count from 1 to threshold - 1 (zero and larger counts are shown)."""
    return isinstance(count, int) and not isinstance(count, bool) and 0 < count < threshold


def format_value(value: int | float | None) -> str:
    """A figure as printed: whole numbers plainly, decimals as given (up to two places), and
    a dash where there was nothing to divide (as the report's footnotes say)."""
    if value is None:
        return NOTHING
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def safe_rows(figures: Mapping[str, Any], threshold: int = DEFAULT_THRESHOLD) -> list[Row]:
    """Every figure, in report order, with small numbers and what they reveal suppressed."""
    leaves = list(_leaves(figures))
    counts = {
        path: value
        for path, key, value in leaves
        if not key and _is_count(path) and isinstance(value, int)
    }
    rows: list[Row] = []
    for path, key, value in leaves:
        hide = _hidden(path, key, value, figures, counts, threshold)
        section, _, figure = path.partition(".")
        rows.append(
            Row(
                section=section,
                figure=figure,
                breakdown=key,
                value=None if hide else value,
                shown=marker(threshold) if hide else format_value(value),
                suppressed=hide,
            )
        )
    return _protect_breakdowns(rows, threshold)


def _leaves(node: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    """(figure path, breakdown key, value) for every single figure and breakdown cell.

    The top level holds sections; below it, a mapping of plain values is a breakdown.
    """
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            if prefix and value and all(not isinstance(v, Mapping) for v in value.values()):
                for category, cell in value.items():
                    yield path, str(category), cell
            elif not value:
                continue  # an empty breakdown: nothing to show
            else:
                yield from _leaves(value, path)
        else:
            yield path, "", value


def _is_count(path: str) -> bool:
    return path not in _SETTINGS and _derived_rule(path) is None and not _looks_derived(path)


def _looks_derived(path: str) -> bool:
    last = path.rsplit(".", 1)[-1]
    return last.endswith(("_pct", "_rate")) or "mean" in last or "median" in last


def _derived_rule(path: str) -> tuple[tuple[str, ...], str | None] | None:
    parts = path.split(".")
    for pattern, rule in _DERIVED.items():
        wanted = pattern.split(".")
        if len(wanted) == len(parts) and all(
            w in ("*", p) for w, p in zip(wanted, parts, strict=True)
        ):
            # "*" in the counts stands for the same key as in the figure's path
            star = next((p for w, p in zip(wanted, parts, strict=True) if w == "*"), "")
            dens = tuple(d.replace("*", star) for d in rule[0])
            num = rule[1].replace("*", star) if rule[1] else None
            return dens, num
    return None


def _hidden(
    path: str,
    key: str,
    value: Any,
    figures: Mapping[str, Any],
    counts: Mapping[str, int],
    threshold: int,
) -> bool:
    if value is None or path in _SETTINGS:
        return False
    rule = _derived_rule(path)
    if rule is None and not _looks_derived(path):
        return is_small(value, threshold)  # a count or a breakdown cell
    if threshold <= 1:
        return False
    if rule is None:
        return True  # a derived figure with unknown counts stays in the service
    denominators, numerator = rule
    if any(d not in counts for d in denominators):
        return True
    if any(is_small(counts[d], threshold) for d in denominators):
        return True
    if numerator == "%":
        total = sum(counts[d] for d in denominators)
        return is_small(round(float(value) * total / 100), threshold)
    if numerator is not None:
        return numerator not in counts or is_small(counts[numerator], threshold)
    return False


def _protect_breakdowns(rows: list[Row], threshold: int) -> list[Row]:
    """Suppress a second cell where a breakdown has exactly one, so it cannot be subtracted."""
    by_figure: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if row.breakdown and _is_count(row.path):
            by_figure.setdefault(row.path, []).append(index)
    for indexes in by_figure.values():
        hidden = [i for i in indexes if rows[i].suppressed]
        if len(hidden) != 1:
            continue
        shown = [i for i in indexes if not rows[i].suppressed and rows[i].value]
        if not shown:
            continue
        smallest = min(shown, key=lambda i: rows[i].value or 0)
        old = rows[smallest]
        rows[smallest] = Row(old.section, old.figure, old.breakdown, None, marker(threshold), True)
    return rows
