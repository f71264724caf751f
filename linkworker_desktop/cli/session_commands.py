"""CLI commands for sessions and measures: ``sessions``, ``today``, ``measure score``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.library import shipped_measures
from linkworker_desktop.services.sessions import SessionService


def cmd_sessions(args: argparse.Namespace) -> int:
    opened = args.open_profile(args)
    try:
        patient = CaseloadService(opened).patient_by_nhs_number(args.nhs_number)
        history = SessionService(opened).history(patient.id)
    finally:
        opened.close()
    if args.json:
        print(json.dumps([s.as_json() for s in history], indent=2))
        return 0
    print(f"{patient.display_name} (NHS {format_nhs_number(patient.nhs_number)})")
    for session in history:
        minutes = (
            f"{session.duration_seconds / 60:.0f} of {session.planned_minutes} min"
            if session.duration_seconds is not None
            else "interrupted"
        )
        kind = "Initial" if session.kind == "initial" else "Follow-up"
        print(f"  {session.started_at:%Y-%m-%d %H:%M}  {kind:<9}  {minutes}")
    print(f"{len(history)} session{'s' if len(history) != 1 else ''}")
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError as exc:
        raise ValidationError({"date": f"{args.date!r} is not a date; use YYYY-MM-DD."}) from exc
    opened = args.open_profile(args)
    try:
        entries = AppointmentService(opened).day(day)
    finally:
        opened.close()
    if args.json:
        print(json.dumps([e.as_json() for e in entries], indent=2))
        return 0
    print(f"Sessions on {day:%A %d %B %Y}")
    for entry in entries:
        place = f", {entry.place}" if entry.place else ""
        print(
            f"  {entry.starts_at:%H:%M}  {entry.patient_name:<28} {entry.label:<22} "
            f"{entry.mode.label}{place}"
        )
        if entry.prepare_notes:
            print(f"         Prepare: {entry.prepare_notes}")
    if not entries:
        print("  No sessions booked.")
    return 0


def _parse_answer(text: str) -> int | None:
    if text.strip() in ("-", "", "none", "skip"):
        return None
    try:
        return int(text)
    except ValueError as exc:
        raise ValidationError(
            {"answers": f"{text!r} is not a whole number (use - to skip)."}
        ) from exc


def cmd_measure_score(args: argparse.Namespace) -> int:
    measure = shipped_measures().get(args.measure)
    if measure is None:
        names = ", ".join(sorted(shipped_measures()))
        raise ValidationError({"measure": f"Unknown measure {args.measure!r}; use one of {names}."})
    if len(args.answers) != len(measure.items):
        raise ValidationError(
            {
                "answers": f"{measure.short_name} has {len(measure.items)} questions; "
                f"{len(args.answers)} answers were given (use - for a skipped one)."
            }
        )
    answers = {
        item.id: _parse_answer(text) for item, text in zip(measure.items, args.answers, strict=True)
    }
    result: dict[str, Any] = measure.score(answers).as_json()
    result["copyright"] = measure.copyright
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("sessions", help="a patient's sessions, with durations")
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
