"""Importing licensed wording: SWEMWBS becomes askable, kept encrypted, with its own copyright.

The wording used here is placeholder text ("Statement 1" ...), never the real scale.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.measures import MeasureFileError
from linkworker_desktop.services import profile
from linkworker_desktop.services.measures import MAX_IMPORT_BYTES, MeasureService
from tests.conftest import PASSPHRASE
from tests.support.measure_files import COPYRIGHT, wording_file
from tests.support.session_factories import add_patient


@pytest.fixture
def service(open_profile):
    return MeasureService(open_profile)


def definitions(profile) -> list[tuple]:
    return profile.conn.execute("SELECT measure_id, source FROM measure_definitions").fetchall()


def test_swemwbs_is_not_askable_without_its_wording(service):
    assert {m.id for m in service.askable()} == {
        "ons4",
        "ucla3",
        "ons_loneliness",
        "fft",
        "gp_appointments",
    }
    assert service.get("swemwbs").has_wording is False


def test_importing_wording_makes_swemwbs_askable_with_the_shipped_scoring(service, tmp_path):
    merged = service.import_file(wording_file(tmp_path))
    assert merged.has_wording
    assert "swemwbs" in {m.id for m in service.askable()}
    swemwbs = service.get("swemwbs")
    assert [i.text for i in swemwbs.items] == [f"Statement {n}" for n in range(1, 8)]
    assert swemwbs.copyright == COPYRIGHT
    # The shipped conversion table still applies: all 3s, raw 21 -> 19.25.
    (value,) = swemwbs.score({f"item{n}": 3 for n in range(1, 8)}).values
    assert (value.id, value.value) == ("metric", 19.25)


def test_a_result_can_be_recorded_after_the_import(open_profile, service, tmp_path):
    service.import_file(wording_file(tmp_path))
    patient_id, referral_id = add_patient(open_profile, "Zora", "Kettle")
    answers = dict(zip([f"item{n}" for n in range(1, 8)], (2, 3, 4, 5, 1, 4, 3), strict=True))
    result = service.record(patient_id, "swemwbs", answers, "baseline", referral_id)
    assert result.score.values[0].value == 19.98  # 2+3+4+5+1+4+3 = 22 -> 19.98


def test_the_wording_is_kept_encrypted_in_the_caseload(
    open_profile, profile_files, service, tmp_path
):
    service.import_file(wording_file(tmp_path))
    ((measure_id, source),) = definitions(open_profile)
    assert measure_id == "swemwbs"
    assert "Statement 7" in source
    assert open_profile.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'measure_definitions'"
    ).fetchone() == (1,)
    open_profile.close()
    checked = []
    for path in profile_files.folder.iterdir():
        if path.name.startswith("caseload.db"):
            data = path.read_bytes()
            assert b"Statement 1" not in data, path.name
            checked.append((path.name, len(data) > 0))
    assert ("caseload.db", True) in checked  # the caseload itself was read, not nothing

    reopened = profile.unlock(profile_files, PASSPHRASE)
    try:
        assert MeasureService(reopened).get("swemwbs").has_wording
    finally:
        reopened.close()


def test_importing_again_replaces_the_wording(open_profile, service, tmp_path):
    service.import_file(wording_file(tmp_path))
    again = wording_file(tmp_path, name="swemwbs-v2.toml")
    again.write_text(again.read_text().replace("Statement 1", "Statement 1 (revised)"))
    service.import_file(again)
    assert len(definitions(open_profile)) == 1
    assert service.get("swemwbs").items[0].text == "Statement 1 (revised)"


def test_wording_for_other_items_is_refused(open_profile, service, tmp_path):
    ids = [f"item{n}" for n in range(1, 7)]  # only six statements
    with pytest.raises(MeasureFileError, match="the scoring expects"):
        service.import_file(wording_file(tmp_path, item_ids=ids))
    assert definitions(open_profile) == []
    assert service.get("swemwbs").has_wording is False


def test_wording_on_another_scale_is_refused(open_profile, service, tmp_path):
    with pytest.raises(MeasureFileError, match="scale"):
        service.import_file(wording_file(tmp_path, scale=(0, 4)))
    assert definitions(open_profile) == []


def test_a_file_that_is_not_toml_is_refused(open_profile, service, tmp_path):
    path = tmp_path / "wording.toml"
    path.write_text("Statement 1: how I felt last week\n")
    with pytest.raises(MeasureFileError, match="not valid TOML"):
        service.import_file(path)
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\xff\xfe\x00\x81 not text")
    with pytest.raises(MeasureFileError, match="not a text file"):
        service.import_file(binary)
    assert definitions(open_profile) == []


def test_a_huge_file_is_refused(open_profile, service, tmp_path):
    path = wording_file(tmp_path)
    with path.open("a") as handle:
        handle.write("# padding\n" * (MAX_IMPORT_BYTES // 10 + 1))
    with pytest.raises(MeasureFileError, match="too large"):
        service.import_file(path)
    assert definitions(open_profile) == []


def test_a_new_licensed_measure_needs_its_scoring(open_profile, service, tmp_path):
    path = tmp_path / "star.toml"
    path.write_text(
        'id = "test_star"\nname = "Test star"\ncopyright = "Licensed for tests."\n'
        "[scale]\nmin = 1\nmax = 10\n"
        '[[items]]\nid = "a"\ntext = "Statement A"\n[[items]]\nid = "b"\ntext = "Statement B"\n'
    )
    with pytest.raises(MeasureFileError, match="scores"):
        service.import_file(path)
    assert definitions(open_profile) == []

    path.write_text(
        path.read_text()
        + '[[scores]]\nid = "total"\nlabel = "Total"\nmethod = "sum"\nitems = ["a", "b"]\n'
    )
    service.import_file(path)
    (value,) = service.get("test_star").score({"a": 4, "b": 7}).values
    assert value.value == 11  # 4 + 7
    assert "test_star" in {m.id for m in service.askable()}
