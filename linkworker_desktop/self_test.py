"""``linkworker-desktop --self-test``: prove an installed copy works, without a person or a screen.

IT runs it after installing (and CI runs it on every bundle) to learn, in one JSON line, that the
encrypted database, the bundled fonts, printing and the keyring all work on this machine. It
works on a throwaway profile in a temporary folder and never touches the worker's own caseload.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.paths import resources_dir
from linkworker_desktop.printing import fonts
from linkworker_desktop.services import demo, printouts, profile
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage import migrations, os_keyring
from linkworker_desktop.storage.errors import NewerDatabase
from linkworker_desktop.storage.keyfile import KdfParams
from linkworker_desktop.version import app_version

# Real Argon2id at a low cost: the check is that it runs here, not how strong it is.
_KDF = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)
_PASSPHRASE = "self-test passphrase, thrown away"
_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


class CheckFailed(Exception):
    """A check found something wrong; its message is the detail reported."""


@dataclass
class SelfTestRun:
    """What the checks share: the temporary folder, the day, and what earlier checks made."""

    folder: Path
    today: date
    opened: profile.OpenProfile | None = None
    patient_id: str = ""
    plan_pdf: bytes = b""
    notes: dict[str, str] = field(default_factory=dict)

    def files(self, name: str) -> profile.ProfileFiles:
        return profile.ProfileFiles(self.folder / name)


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


Check = tuple[str, Callable[[SelfTestRun], str]]


def require(condition: bool, problem: str) -> None:
    """Fail the running check with ``problem`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailed(problem)


def _opened(run: SelfTestRun) -> profile.OpenProfile:
    """The profile an earlier check opened; a check cannot run when that one failed."""
    if run.opened is None or not run.opened.is_open:
        raise CheckFailed("skipped: no encrypted profile is open")
    return run.opened


def check_encrypted_profile(run: SelfTestRun) -> str:
    files = run.files("profile")
    run.opened, _recovery = profile.create_profile(
        files, _PASSPHRASE, "Self Test", "Self-test PCN", kdf=_KDF
    )
    header = files.database.read_bytes()[:16]
    require(header != _PLAIN_SQLITE_HEADER, "the caseload file was written unencrypted")
    schema = migrations.current_version(run.opened.conn)
    cipher = run.opened.conn.execute("PRAGMA cipher_version").fetchone()[0]
    return f"SQLCipher {cipher}, schema {schema}, in a temporary folder"


def check_patient(run: SelfTestRun) -> str:
    opened = _opened(run)
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(16)
    number = nhs_number.generate_test_number(random.Random(16))
    written = Patient(
        nhs_number=number,
        given_name=fake.first_name(),
        family_name=fake.last_name(),
        date_of_birth=date(run.today.year - 70, 3, 14),
    )
    run.patient_id = CaseloadService(opened).add_patient(written)
    opened.close()
    run.opened = None
    # Read back through a fresh unlock, so the key file and the passphrase are proved too.
    run.opened = profile.unlock(opened.files, _PASSPHRASE)
    read = CaseloadService(run.opened).patient_by_nhs_number(number)
    require(
        (read.given_name, read.family_name, read.date_of_birth)
        == (written.given_name, written.family_name, written.date_of_birth),
        "the patient read back differs from the one written",
    )
    return f"wrote and read back a synthetic patient, NHS number {number}"


def check_demo_data(run: SelfTestRun) -> str:
    """The demo caseload a new worker may be offered: Faker's en_GB people, addresses, diary."""
    added = demo.add_demo_caseload(_opened(run), 3, seed=2026, today=run.today)
    require(added == 3, f"{added} of 3 demo patients were added")
    return "added 3 synthetic demo patients"


def check_plan_pdf(run: SelfTestRun) -> str:
    opened = _opened(run)
    require(bool(run.patient_id), "skipped: no patient was written to print a plan for")
    font = resources_dir() / "fonts" / "DejaVuSans.ttf"
    require(font.is_file(), f"the bundled font is missing ({font})")
    pdf, _warnings = printouts.plan_pdf(opened, run.patient_id)
    require(pdf.startswith(b"%PDF-"), "the plan is not a PDF")
    require(b"%%EOF" in pdf[-64:], "the plan PDF is cut short")
    # reportlab names an embedded subset of a TrueType font "<prefix>+<font name>".
    require(f"+{fonts.REGULAR}".encode() in pdf, f"the plan PDF does not embed {fonts.REGULAR}")
    run.plan_pdf = pdf
    return f"{len(pdf)} bytes, {fonts.REGULAR} embedded"


def check_keyring(_run: SelfTestRun) -> str:
    _available, why = os_keyring.availability()
    plain = os_keyring.plain_text_backends()
    require(not plain, f"a plain-text keyring is installed ({', '.join(plain)})")
    # Without a secure keyring the app still works, with the passphrase alone: not a failure.
    return f"{why} No plain-text keyring is installed."


def check_newer_caseload_refused(run: SelfTestRun) -> str:
    """An older app meeting a caseload saved by a newer one must refuse it and change nothing."""
    files = run.files("newer")
    opened, _recovery = profile.create_profile(files, _PASSPHRASE, "Self Test", kdf=_KDF)
    newer = migrations.latest_version() + 1
    opened.conn.execute(f"PRAGMA user_version = {newer}")
    opened.close()
    before = files.database.read_bytes()
    try:
        profile.unlock(files, _PASSPHRASE).close()
    except NewerDatabase as refused:
        require(files.database.read_bytes() == before, "the newer caseload was changed")
        return str(refused)
    raise CheckFailed(f"a caseload at schema {newer} was opened instead of refused")


CORE_CHECKS: tuple[Check, ...] = (
    ("encrypted-profile", check_encrypted_profile),
    ("patient", check_patient),
    ("demo-data", check_demo_data),
    ("plan-pdf", check_plan_pdf),
    ("keyring", check_keyring),
    ("newer-caseload-refused", check_newer_caseload_refused),
)


def run_checks(checks: Sequence[Check], folder: Path, today: date) -> list[CheckResult]:
    """Run every check, even after a failure, so one run tells IT everything that is wrong."""
    run = SelfTestRun(folder=folder, today=today)
    results = []
    try:
        for name, check in checks:
            try:
                results.append(CheckResult(name, True, check(run)))
            except CheckFailed as failed:
                results.append(CheckResult(name, False, str(failed)))
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none hidden
                results.append(CheckResult(name, False, f"{type(exc).__name__}: {exc}"))
    finally:
        if run.opened is not None:
            run.opened.close()
    return results


def report(results: Sequence[CheckResult]) -> str:
    """One JSON line: easy for a person to read and for a deployment script to parse."""
    return json.dumps(
        {
            "app": "linkworker-desktop",
            "version": app_version(),
            "ok": bool(results) and all(r.ok for r in results),
            "checks": [asdict(r) for r in results],
        },
        ensure_ascii=False,
    )


def main(
    extra_checks: Sequence[Check] = (),
    today: date | None = None,
    out: TextIO | None = None,
) -> int:
    """Run the checks in a temporary folder that is removed afterwards; 0 only if all passed."""
    # A file Windows still holds open must not turn the report into a traceback.
    with tempfile.TemporaryDirectory(
        prefix="linkworker-self-test-", ignore_cleanup_errors=True
    ) as folder:
        results = run_checks([*CORE_CHECKS, *extra_checks], Path(folder), today or date.today())
    stream = out or sys.stdout
    if stream is not None:  # a windowed Windows program started without a console has none
        print(report(results), file=stream, flush=True)
    return 0 if results and all(r.ok for r in results) else 1
