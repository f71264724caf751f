"""A report as plain text for a terminal: headed, in sections, numbers lined up, footnotes last.

Counts of zero are left out of the breakdowns to keep the page short; a dash stands for a
figure with nothing to divide by.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from linkworker_desktop.domain.appointments import AppointmentMode, DischargeReason
from linkworker_desktop.domain.choices import (
    Ethnicity,
    Gender,
    Labelled,
    ReferralReason,
    ReferralSource,
)
from linkworker_desktop.domain.directory import ConnectionKind
from linkworker_desktop.reports.model import Report

WIDTH = 60
MEASURE_NAMES = {"ons4": "ONS4", "ucla3": "UCLA-3", "swemwbs": "SWEMWBS"}
ANSWER_WORDS = {
    "very_good": "Very good",
    "good": "Good",
    "neither": "Neither good nor poor",
    "poor": "Poor",
    "very_poor": "Very poor",
    "dont_know": "Don't know",
}
HEADLINES: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("Received", lambda f: f["referrals"]["received"]),
    ("Seen", lambda f: f["first_contact"]["seen"]),
    ("Attended", lambda f: f["contacts"]["attended"]),
    ("DNA %", lambda f: f["contacts"]["dna_rate_pct"]),
    ("Discharged", lambda f: f["discharges"]["total"]),
    ("Connections", lambda f: f["connections"]["total"]),
)


def shown(value: Any, sign: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:+.2f}" if sign else f"{value:g}"
        return text
    return str(value)


def _label(enum: type[Labelled], code: str) -> str:
    try:
        return enum(code).label
    except ValueError:
        return code


def _line(out: list[str], label: str, value: Any, indent: int = 2, sign: bool = False) -> None:
    pad = " " * indent
    out.append(f"{pad}{label:<{WIDTH - indent}}{shown(value, sign):>8}")


def _breakdown(
    out: list[str], title: str, counts: dict[str, int], word: Callable[[str], str]
) -> None:
    present = {k: v for k, v in counts.items() if v}
    if not present:
        return
    out.append(f"  {title}")
    for code, count in present.items():
        _line(out, word(code), count, indent=4)


def _referrals(out: list[str], f: dict[str, Any]) -> None:
    out.append("Referrals")
    _line(out, "Received", f["received"])
    _line(out, "Declined", f["declined"])
    _line(out, "Did not engage", f["did_not_engage"])
    _breakdown(out, "By source", f["by_source"], lambda c: _label(ReferralSource, c))
    _breakdown(out, "By reason", f["by_reason"], lambda c: _label(ReferralReason, c))
    _breakdown(out, "By GP practice", f["by_practice"], str)


def _first_contact(out: list[str], f: dict[str, Any]) -> None:
    out.append("First contact (referrals received in the period)")
    _line(out, "Seen", f["seen"])
    _line(out, "Median days to first contact", f["median_days"])
    _line(out, f"Seen within {f['target_days']} days (%)", f["within_target_pct"])
    _line(out, "Not yet seen", f["not_yet_seen"])


def _contacts(out: list[str], f: dict[str, Any]) -> None:
    out.append("Contacts")
    _line(out, "Attended", f["attended"])
    _line(out, "Did not attend", f["did_not_attend"])
    _line(out, "Cancelled", f["cancelled"])
    _line(out, "Did-not-attend rate (%)", f["dna_rate_pct"])
    _breakdown(out, "Attended, by mode", f["by_mode"], lambda c: _label(AppointmentMode, c))


def _discharges(out: list[str], f: dict[str, Any]) -> None:
    out.append("Discharges")
    _line(out, "Discharged", f["total"])
    _line(out, "Mean sessions attended", f["mean_contacts"])
    _breakdown(out, "By reason", f["by_reason"], lambda c: _label(DischargeReason, c))


def _outcomes(out: list[str], f: dict[str, Any]) -> None:
    out.append("Outcomes (change from baseline to follow-up)")
    for measure_id, figures in f.items():
        _line(out, f"{MEASURE_NAMES.get(measure_id, measure_id)} pairs", figures["pairs"])
        for score_id, change in figures["mean_change"].items():
            note = " (a fall is better)" if measure_id == "ons4" and score_id == "anxiety" else ""
            words = score_id.replace("_", " ").capitalize() + note
            _line(out, words, change, indent=4, sign=True)


def _goals(out: list[str], f: dict[str, Any]) -> None:
    out.append("Goals (referrals discharged in the period)")
    _line(out, "Referrals with a goal", f["referrals"])
    _line(out, "Mean change in rating (0 to 10)", f["mean_change"], sign=True)


def _connections(out: list[str], f: dict[str, Any]) -> None:
    out.append("Connections to community services")
    _line(out, "Made", f["total"])
    _line(out, "With an outcome (%)", f["with_outcome_pct"])
    _line(out, "Ended attended (%)", f["attended_pct"])
    _breakdown(out, "By kind", f["by_kind"], lambda c: _label(ConnectionKind, c))
    _breakdown(out, "By category", f["by_category"], str)
    _breakdown(out, "Turned away (gaps to report)", f["turned_away"], str.capitalize)


def _equity(out: list[str], f: dict[str, Any]) -> None:
    out.append("Equity (referrals received)")
    _breakdown(out, "Age at referral", f["age_band"], str)
    _breakdown(out, "Gender", f["gender"], lambda c: _label(Gender, c))
    _breakdown(out, "Ethnic category", f["ethnicity"], lambda c: f"{c} {_label(Ethnicity, c)}")
    if f["imd_decile"] is None:
        out.append("  Deprivation decile: no postcode to IMD table loaded")
    else:
        _breakdown(out, "Deprivation decile (1 most deprived)", f["imd_decile"], str.capitalize)


def _satisfaction(out: list[str], f: dict[str, Any]) -> None:
    out.append("Satisfaction (Friends and Family Test)")
    _line(out, "Responses", f["responses"])
    _line(out, "Good or very good (%)", f["good_pct"])
    _breakdown(out, "Answers", f["by_answer"], lambda c: ANSWER_WORDS.get(c, c))


def _gp_use(out: list[str], f: dict[str, Any]) -> None:
    out.append("GP appointments (6 months before referral, 6 months after discharge)")
    _line(out, "Pairs", f["pairs"])
    _line(out, "Mean change (after minus before)", f["mean_change"], sign=True)


def _coding(out: list[str], f: dict[str, Any]) -> None:
    out.append("Coding in the GP record")
    _line(out, "Referrals accepted (871731000000106)", f["accepted"])
    _line(out, "Declined (871711000000103)", f["declined"])
    _line(out, "Confirmed coded", f["confirmed_coded"])
    _line(out, "Still to code", f["to_code_count"])


SECTIONS = (
    ("referrals", _referrals),
    ("first_contact", _first_contact),
    ("contacts", _contacts),
    ("discharges", _discharges),
    ("outcomes", _outcomes),
    ("goals", _goals),
    ("connections", _connections),
    ("equity", _equity),
    ("satisfaction", _satisfaction),
    ("gp_use", _gp_use),
    ("coding", _coding),
)


def figures_text(figures: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key, section in SECTIONS:
        out.append("")
        section(out, figures[key])
    return out


def _groups(report: Report) -> list[str]:
    by = report.by or ""
    names = list(report.groups)
    width = max([len(by), *(len(n) for n in names)]) + 2
    out = ["", f"By {by}", "  " + f"{by.capitalize():<{width}}" + "".join(
        f"{title:>12}" for title, _ in HEADLINES
    )]  # fmt: skip
    for name, figures in report.groups.items():
        out.append(
            "  "
            + f"{name:<{width}}"
            + "".join(f"{shown(get(figures)):>12}" for _, get in HEADLINES)
        )
    out.append(
        "  " + f"{'All':<{width}}" + "".join(
            f"{shown(get(report.figures)):>12}" for _, get in HEADLINES
        )
    )  # fmt: skip
    return out


def report_text(report: Report) -> str:
    meta = report.meta
    heading = meta["service"] + (f" – {meta['team']}" if meta["team"] else "")
    out = [heading, f"Report for {report.period.label}"]
    out.append(f"Made {report.generated_at:%d %b %Y at %H:%M}")
    out += figures_text(report.figures)
    to_code = [line for line in report.coding_lines if not line.coded]
    if to_code:
        out.append("  To code (date, code, referral)")
        for line in to_code:
            out.append(f"    {line.date}  {line.code}  {line.term}  {line.referral_id}")
    if report.by is not None:
        out += _groups(report)
    out += ["", "Notes"]
    for number, note in enumerate(meta["footnotes"], start=1):
        out += textwrap.wrap(
            f"{number}. {note}", 96, initial_indent="  ", subsequent_indent="     "
        )
    return "\n".join(out) + "\n"
