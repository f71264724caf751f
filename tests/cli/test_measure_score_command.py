"""``linkworker measure score``: scores and bands as JSON, with no caseload needed."""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.cli.main import main
from linkworker_desktop.services import profile
from linkworker_desktop.services.measures import MeasureService
from tests.conftest import PASSPHRASE
from tests.support.measure_files import wording_file


@pytest.fixture
def score(capsys):
    def run(*args: str):
        capsys.readouterr()
        code = main(["measure", "score", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def bands(doc: dict) -> list[tuple]:
    return [(s["id"], s["value"], s["band"]) for s in doc["scores"]]


def test_ons4_prints_each_score_with_its_band(score):
    code, out, err = score("ons4", "7", "8", "6", "2")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert (doc["measure"], doc["complete"], doc["missing"]) == ("ons4", True, [])
    # By hand: 7 High, 8 High, 6 Medium; anxiety 2 is Low (anxiety bands run the other way).
    assert bands(doc) == [
        ("life_satisfaction", 7, "High"),
        ("worthwhile", 8, "High"),
        ("happiness", 6, "Medium"),
        ("anxiety", 2, "Low"),
    ]
    assert "Office for National Statistics" in doc["copyright"]


def test_swemwbs_scores_without_its_wording(score):
    code, out, _err = score("swemwbs", *["3"] * 7)
    assert code == 0
    # Raw 3 x 7 = 21 converts to 19.25, in the file's 18-21 "Possible depression" band.
    assert bands(json.loads(out)) == [("metric", 19.25, "Possible depression")]


def test_ucla3_and_the_loneliness_question(score):
    _code, out, _err = score("ucla3", "2", "2", "2")
    assert bands(json.loads(out)) == [("total", 6, "Often lonely")]  # 2+2+2 = 6
    _code, out, _err = score("ons_loneliness", "4")
    assert bands(json.loads(out)) == [("lonely", 4, "Some of the time")]


def test_a_skipped_answer_makes_the_result_incomplete(score):
    code, out, _err = score("ons4", "7", "-", "6", "2")
    assert code == 0
    doc = json.loads(out)
    assert (doc["complete"], doc["missing"], doc["scores"]) == (False, ["worthwhile"], [])


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("linkworker: ")
    assert "Traceback" not in err
    return lines[0]


def test_an_answer_off_the_scale_fails_with_one_sentence(score):
    code, out, err = score("ons4", "7", "8", "6", "11")
    assert (code, out) == (1, "")
    message = one_sentence(err)
    assert "anxiety" in message and "11" in message and "0 to 10" in message


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("ons4", "7", "8", "6"), "4 questions; 3 answers"),
        (("ucla3", "2", "two", "2"), "'two' is not a whole number"),
        (("eq5d", "1", "1"), "Unknown measure 'eq5d'"),
        (("ucla3", "2", "0", "2"), "left_out"),
    ],
)
def test_other_bad_input_fails_with_one_sentence(score, args, words):
    code, out, err = score(*args)
    assert (code, out) == (1, "")
    assert words in one_sentence(err)


def test_measure_import_of_a_missing_file_says_so(cli, initialised, tmp_path):
    missing = tmp_path / "nowhere.toml"
    result = cli("measure", "import", str(missing), stdin=PASSPHRASE + "\n")
    assert result.code != 0
    assert f"{missing} is not a file." in result.err
    assert "Traceback" not in result.err


def test_measure_import_keeps_the_wording(cli, initialised, tmp_path, data_dir):
    path = wording_file(tmp_path)
    result = cli("measure", "import", str(path), stdin=PASSPHRASE + "\n")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Imported Short Warwick-Edinburgh Mental Wellbeing Scale (swemwbs); "
        "it syncs with your next sync.\n"
    )
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        assert MeasureService(opened).get("swemwbs").has_wording
    finally:
        opened.close()
