"""A process killed (SIGKILL) in the middle of writing leaves a caseload that opens whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE

COMMITS_BEFORE_KILL = 25
ROUNDS = 3

WRITER = textwrap.dedent(
    """
    import random, sys
    from datetime import date, timedelta
    from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
    from linkworker_desktop.domain.nhs_number import generate_test_number
    from linkworker_desktop.domain.patient import Patient
    from linkworker_desktop.domain.referral import Referral
    from linkworker_desktop.services import profile
    from linkworker_desktop.services.caseload import CaseloadService

    folder, seed = sys.argv[1], int(sys.argv[2])
    passphrase = sys.stdin.readline().rstrip("\\n")
    opened = profile.unlock(profile.ProfileFiles(__import__("pathlib").Path(folder)), passphrase)
    service = CaseloadService(opened)
    rng = random.Random(seed)
    for n in range(100000):
        patient = Patient(
            nhs_number=generate_test_number(rng),
            given_name="Killtest",
            family_name=f"Writer{seed}x{n:05d}",
            date_of_birth=date(1970, 1, 1) + timedelta(days=n % 9000),
            mobile="07700 900000",
        )
        referral = Referral(
            patient_id="",
            referral_date=date.today(),
            source=ReferralSource.SELF,
            reasons=[ReferralReason.LONELINESS],
        )
        try:
            patient_id = service.add_patient(patient, referral)
        except Exception as exc:  # a repeated random number: skip it, keep writing
            if type(exc).__name__ != "DuplicatePatient":
                raise
            continue
        print(patient_id, referral.id, flush=True)
    """
)


def write_until_killed(folder, seed: int) -> list[tuple[str, str]]:
    """Start a writer, let it commit some patients, SIGKILL it; return what it said it committed."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), str(seed)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    reported: list[tuple[str, str]] = []
    try:
        child.stdin.write(PASSPHRASE + "\n")
        child.stdin.close()
        while len(reported) < COMMITS_BEFORE_KILL:
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"the writer stopped early: {child.stderr.read()}")
            patient_id, referral_id = line.split()
            reported.append((patient_id, referral_id))
        child.send_signal(signal.SIGKILL)  # while it is busy with the next patient
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return reported


def check_caseload(files, reported: list[tuple[str, str]]) -> None:
    """The caseload opens, is intact, and holds every reported patient with its bookkeeping."""
    reopened = profile.unlock(files, PASSPHRASE)
    try:
        conn = reopened.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        saved = {row[0] for row in conn.execute("SELECT id FROM patients")}
        for patient_id, referral_id in reported:
            assert patient_id in saved
            for entity, entity_id in (("patients", patient_id), ("referrals", referral_id)):
                audit = conn.execute(
                    "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity_id = ?",
                    (entity_id,),
                ).fetchone()[0]
                queued = conn.execute(
                    "SELECT changes FROM outbox WHERE entity = ? AND entity_id = ?",
                    (entity, entity_id),
                ).fetchall()
                assert audit == 1
                assert len(queued) == 1
                assert json.loads(queued[0][0])["author_id"] == reopened.actor.worker_id
        # Whatever was half-written when the kill came is either whole or absent.
        half_written = conn.execute(
            "SELECT count(*) FROM patients p WHERE given_name = 'Killtest' AND ("
            " (SELECT count(*) FROM referrals r WHERE r.patient_id = p.id) != 1"
            " OR (SELECT count(*) FROM outbox o WHERE o.entity_id = p.id) != 1"
            " OR (SELECT count(*) FROM audit_log a WHERE a.entity_id = p.id) != 1)"
        ).fetchone()[0]
        assert half_written == 0
    finally:
        reopened.close()


@pytest.mark.slow
def test_a_caseload_killed_mid_write_opens_with_every_committed_patient(created, profile_files):
    opened, _ = created
    opened.close()
    reported: list[tuple[str, str]] = []
    for seed in range(ROUNDS):
        reported += write_until_killed(profile_files.folder, seed)
        wal = profile_files.folder / "caseload.db-wal"
        assert wal.exists() and wal.stat().st_size > 0  # the commits are still in the log
        check_caseload(profile_files, reported)
