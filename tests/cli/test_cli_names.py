"""``linkworker patients`` finds and orders names as people spell them, one-name people too."""

from __future__ import annotations

import io
import json

import pytest

from linkworker_desktop.cli.main import main
from linkworker_desktop.services.caseload import CaseloadService
from tests.conftest import PASSPHRASE
from tests.support.factories import make_patient

PEOPLE = [("Zoë", "Zeller"), ("Zofia", "Żak"), ("Émile", "Éclair"), ("Ciara", "O’Neill")]
PEOPLE += [("Ada", "Adams"), ("Aroha", "")]


@pytest.fixture
def patients_cli(created, profile_files, capsys, monkeypatch):
    """The caseload holding PEOPLE; ``run(*args)`` calls ``linkworker patients`` in-process."""
    opened = created[0]
    for given, family in PEOPLE:
        CaseloadService(opened).add_patient(make_patient(given_name=given, family_name=family))
    opened.close()

    def run(*args: str) -> str:
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
        folder = str(profile_files.folder)
        code = main(["--data-dir", folder, "--passphrase-stdin", "patients", *args])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    return run


def names(out: str) -> list[str]:
    return [row["name"] for row in json.loads(out)]


def test_patients_are_listed_in_name_order_with_accents_folded(patients_cli):
    assert names(patients_cli("--json")) == [
        "Adams, Ada",
        "Aroha",
        "Éclair, Émile",
        "O’Neill, Ciara",
        "Żak, Zofia",
        "Zeller, Zoë",
    ]


@pytest.mark.parametrize("typed", ["oneill", "o neill", "o'neill", "O’NEILL"])
def test_search_folds_apostrophes_spaces_and_case(patients_cli, typed):
    assert names(patients_cli("--json", "--search", typed)) == ["O’Neill, Ciara"]


def test_search_folds_accents_and_finds_nothing_else(patients_cli):
    assert names(patients_cli("--json", "--search", "emile")) == ["Éclair, Émile"]
    assert names(patients_cli("--json", "--search", "zak")) == ["Żak, Zofia"]
    assert names(patients_cli("--json", "--search", "emily")) == []


def test_a_person_with_one_name_is_listed_by_it_alone(patients_cli):
    lines = patients_cli("--search", "aroha").splitlines()
    assert [line.split("  ")[0] for line in lines if "999" in line] == ["Aroha"]
