"""CLI commands for sessions and measures: ``sessions``, ``today``, ``measure score|import``."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from linkworker_desktop.cli.output import fit
from linkworker_desktop.domain.clock_changes import clock_text
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.measures import MeasureFileError, answers_in_order
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.appointments import AppointmentService, TodayEntry
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.library import shipped_measures
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.session_log import session_log, status_of

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def cmd_measure_import(args: argparse.Namespace) -> int:
    """The command-line twin of Settings → Measures → Import, for scripts and tests."""
    if not args.file.is_file():
        raise MeasureFileError(f"{args.file} is not a file.")
    opened = args.open_profile(args)
    try:
        measure = MeasureService(opened).import_file(args.file)
    finally:
        opened.close()
    print(f"Imported {measure.name} ({measure.id}); it syncs with your next sync.")
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        patient = CaseloadService(opened).patient_by_nhs_number(args.nhs_number)
        lines = session_log(opened, patient.id)
    finally:
        opened.close()
    if args.json:
        print(json.dumps([line.as_json() for line in lines], indent=2))
        return 0
    print(f"{patient.display_name} (NHS {format_nhs_number(patient.nhs_number)})")
    if lines:
        print(f"  {'Booked':<16}  {'Session':<18}  {'Status':<14}  {'Started':<16}  Duration")
    for line in lines:
        booked = _day_and_clock(line.booked_at) if line.booked_at else "not booked"
        started = duration = "-"
        if line.session is not None:
            started = f"{line.session.started_at.astimezone():%Y-%m-%d %H:%M}"
            seconds = line.session.duration_seconds
            duration = (
                f"{seconds / 60:.0f} of {line.session.planned_minutes} min"
                if seconds is not None
                else "not ended"
            )
        print(
            f"  {booked:<16}  {line.label:<18}  {line.status_label:<14}  {started:<16}  {duration}"
        )
    counts = Counter(line.status_label.lower() for line in lines)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    print(f"{len(lines)} session{'s' if len(lines) != 1 else ''}{': ' + summary if lines else ''}")
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError as exc:
        raise ValidationError({"date": f"{args.date!r} is not a date; use YYYY-MM-DD."}) from exc
    if not FIRST_DAY <= day <= LAST_DAY:
        # The calendar's far ends cannot be turned into local times and back.
        raise ValidationError(
            {
                "date": f"{day.isoformat()} is outside the diary; use a date from "
                f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}."
            }
        )
    opened = args.open_profile(args)
    try:
        entries = AppointmentService(opened).day(day)
    finally:
        opened.close()
    if args.json:
        print(json.dumps([_today_json(e) for e in entries], indent=2))
        return 0
    print(f"Sessions on {day:%A %d %B %Y}")
    for entry in entries:
        place = f", {entry.place}" if entry.place else ""
        status = status_of(entry.status, entry.has_session)[1]
        print(
            f"  {_clock(entry.starts_at)}  {fit(entry.patient_name, 28):<28} {entry.label:<22} "
            f"{status:<14} {entry.mode.label}{place}"
        )
        if entry.prepare_notes:
            print(f"         Prepare: {entry.prepare_notes}")
    if not entries:
        print("  No sessions booked.")
    return 0


def _day_and_clock(moment: datetime) -> str:
    """ "2026-07-15 00:30" in this laptop's zone, never UTC; the zone named on change days."""
    local = moment.astimezone(local_zone())
    return f"{local:%Y-%m-%d} {_clock(local)}"


def _clock(moment: datetime) -> str:
    """Local time; "01:30 BST" or "01:30 GMT" on a day the clocks change."""
    return clock_text(moment, moment.tzinfo) if moment.tzinfo else f"{moment:%H:%M}"


def _today_json(entry: TodayEntry) -> dict[str, Any]:
    doc = entry.as_json()
    doc["status"] = status_of(entry.status, entry.has_session)[0]
    return doc


def cmd_measure_score(args: argparse.Namespace) -> int:
    measure = shipped_measures().get(args.measure)
    if measure is None:
        names = ", ".join(sorted(shipped_measures()))
        raise ValidationError({"measure": f"Unknown measure {args.measure!r}; use one of {names}."})
    answers = answers_in_order(measure, args.answers)
    result: dict[str, Any] = measure.score(answers).as_json()
    result["copyright"] = measure.copyright
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sessions", help="a patient's sessions: booked time, status, actual start and duration"
    )
    p.add_argument("nhs_number")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("today", help="the day's sessions in order")
    p.add_argument("--date", help="another day, as YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_today)

    p = sub.add_parser("measure", help="outcome measures")
    measure_sub = p.add_subparsers(dest="measure_command", required=True, metavar="ACTION")
    score = measure_sub.add_parser(
        "score", help="score answers (in question order; - for a skipped one) and print JSON"
    )
    score.add_argument("measure", help="ons4, ucla3, swemwbs or ons_loneliness")
    score.add_argument("answers", nargs="+")
    score.set_defaults(func=cmd_measure_score)
    load = measure_sub.add_parser(
        "import", help="import a measure file with licensed wording (as Settings → Measures)"
    )
    load.add_argument("file", type=Path, help="the measure file (TOML)")
    load.set_defaults(func=cmd_measure_import)
