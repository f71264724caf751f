"""CLI commands that make PDFs: ``print-plan``, ``print-discharge``, ``print-session``.

The PDF code is loaded by the command that prints, not when the command line starts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.caseload import CaseloadService


def _check_out(path: Path) -> None:
    """Refuse a place the PDF cannot go before the caseload is unlocked and the PDF made.

    A missing folder is refused rather than made: a mistyped path would otherwise leave a
    patient's plan in a folder nobody meant to create.
    """
    if path.is_dir():
        raise ValidationError(
            {
                "out": f"The path {path} is a folder; give the PDF a file name, such as "
                f"{path / 'plan.pdf'}."
            }
        )
    if not path.parent.is_dir():
        raise ValidationError(
            {
                "out": f"The folder {path.parent} does not exist, so nothing was saved; create it "
                "first or choose another."
            }
        )


def _write(path: Path, pdf: bytes, warnings: list[str]) -> None:
    from linkworker_desktop.printing.files import write_private

    try:
        write_private(path, pdf)
    except OSError as exc:
        raise ValidationError(
            {
                "out": f"The file {path} could not be saved ({exc.strerror or exc}), so nothing "
                "was saved."
            }
        ) from exc
    for warning in warnings:
        print(f"linkworker: note: {warning}", file=sys.stderr)
    print(f"Saved {path}")


def cmd_print_plan(args: argparse.Namespace) -> int:
    from linkworker_desktop.services import printouts

    _check_out(Path(args.out))
    opened = args.open_profile(args)
    try:
        patient = CaseloadService(opened).patient_by_nhs_number(args.nhs_number)
        pdf, warnings = printouts.plan_pdf(opened, patient.id, large_print=args.large_print)
    finally:
        opened.close()
    _write(Path(args.out), pdf, warnings)
    return 0


def cmd_print_discharge(args: argparse.Namespace) -> int:
    from linkworker_desktop.services import printouts

    _check_out(Path(args.out))
    opened = args.open_profile(args)
    try:
        patient = CaseloadService(opened).patient_by_nhs_number(args.nhs_number)
        pdf, warnings = printouts.discharge_pdf(opened, patient.id)
    finally:
        opened.close()
    _write(Path(args.out), pdf, warnings)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("print-plan", help="save the patient's wellbeing plan as a PDF")
    p.add_argument("nhs_number")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--large-print", action="store_true", help="16 pt body text")
    p.set_defaults(func=cmd_print_plan)

    p = sub.add_parser("print-discharge", help="save the GP discharge summary as a PDF")
    p.add_argument("nhs_number")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_print_discharge)
