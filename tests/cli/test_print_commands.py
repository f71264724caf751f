"""``linkworker print-plan`` and ``print-discharge`` write real PDFs and explain refusals."""

from __future__ import annotations

import io
import json
import random
import stat
from datetime import date
from pathlib import Path

import pytest

from linkworker_desktop.cli.main import main
from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services import profile
from linkworker_desktop.services.caseload import CaseloadService
from tests.conftest import PASSPHRASE
from tests.support.pdf import reader, runs, text


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["--passphrase-stdin", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def data_dir(tmp_path, monkeypatch, capsys):
    folder = str(tmp_path / "profile")
    assert run(monkeypatch, capsys, "--data-dir", folder, "init", "--worker", "Sam Patel")[0] == 0
    assert run(monkeypatch, capsys, "--data-dir", folder, "demo-data", "--patients", "30")[0] == 0
    return folder


def _nhs(monkeypatch, capsys, folder, status):
    _, out, _ = run(
        monkeypatch, capsys, "--data-dir", folder, "patients", "--json", "--status", status
    )
    return json.loads(out)[0]["nhs_number"]


def test_print_plan_in_large_print(data_dir, monkeypatch, capsys, tmp_path):
    nhs = _nhs(monkeypatch, capsys, data_dir, "active")
    out_file = tmp_path / "plan.pdf"
    code, out, _ = run(
        monkeypatch,
        capsys,
        "--data-dir",
        data_dir,
        "print-plan",
        nhs,
        "--out",
        str(out_file),
        "--large-print",
    )
    assert code == 0 and "Saved" in out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600  # health information: owner only
    pdf = out_file.read_bytes()
    assert "My wellbeing plan" in text(pdf)
    sizes = sorted(r.size for r in runs(pdf))
    assert sizes[len(sizes) // 2] >= 16


def test_print_discharge(data_dir, monkeypatch, capsys, tmp_path):
    nhs = _nhs(monkeypatch, capsys, data_dir, "discharged")
    out_file = tmp_path / "gp.pdf"
    code, _, err = run(
        monkeypatch, capsys, "--data-dir", data_dir, "print-discharge", nhs, "--out", str(out_file)
    )
    if code == 1:
        assert "has not agreed to share" in err  # the demo patient may have refused consent
        assert not out_file.exists()
    else:
        assert reader(out_file.read_bytes()).metadata.title.startswith("Social prescribing")


def test_unknown_nhs_number_is_one_sentence_on_stderr(data_dir, monkeypatch, capsys, tmp_path):
    code, _, err = run(
        monkeypatch,
        capsys,
        "--data-dir",
        data_dir,
        "print-plan",
        "9434765919",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1
    assert err.startswith("linkworker: No patient with NHS number 943 476 5919")


def _add_unasked_patient(folder: str) -> Patient:
    """A synthetic patient added as the app does, never asked about consent."""
    opened = profile.unlock(profile.ProfileFiles(Path(folder)), PASSPHRASE)
    try:
        patient = Patient(
            generate_test_number(random.Random(77)), "Nia", "Unasked", date(1980, 5, 6)
        )
        referral = Referral("", date.today(), ReferralSource.GP, [ReferralReason.HOUSING], "Dr Y")
        CaseloadService(opened).add_patient(patient, referral)
    finally:
        opened.close()
    return patient


def test_print_discharge_waits_until_sharing_is_asked(data_dir, monkeypatch, capsys, tmp_path):
    patient = _add_unasked_patient(data_dir)
    out_file = tmp_path / "gp.pdf"
    code, _, err = run(
        monkeypatch,
        capsys,
        "--data-dir",
        data_dir,
        "print-discharge",
        patient.nhs_number,
        "--out",
        str(out_file),
    )
    assert code == 1
    assert err == (
        "linkworker: Ask the patient whether we may share with their GP first. "
        "Nia Unasked has not been asked yet, so no discharge summary was made.\n"
    )
    assert not out_file.exists()


def test_patient_shows_both_consents_as_not_asked_yet(data_dir, monkeypatch, capsys):
    patient = _add_unasked_patient(data_dir)
    code, out, _ = run(monkeypatch, capsys, "--data-dir", data_dir, "patient", patient.nhs_number)
    assert code == 0
    lines = out.splitlines()
    assert "Consent to contact: Not asked yet" in lines
    assert "Consent to share with GP: Not asked yet" in lines
    code, out, _ = run(
        monkeypatch, capsys, "--data-dir", data_dir, "patient", patient.nhs_number, "--json"
    )
    doc = json.loads(out)
    assert (doc["consent_to_contact"], doc["consent_to_share"]) == ("not_asked", "not_asked")
