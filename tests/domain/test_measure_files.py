"""Measure files: what a malformed one is told, and how licensed wording joins shipped scoring."""

from __future__ import annotations

import copy

import pytest

from linkworker_desktop.domain.measures import (
    MeasureFileError,
    parse_measure,
    with_licensed_wording,
)
from linkworker_desktop.services.library import load_measure_file, shipped_measures

SOURCE = "wellbeing.toml"


def valid_doc() -> dict:
    """A small, correct measure: two questions from 1 to 4, a total with two bands."""
    return {
        "id": "wellbeing",
        "name": "Test wellbeing measure",
        "copyright": "Made up for tests.",
        "scale": {"min": 1, "max": 4},
        "items": [{"id": "q1", "text": "Question one"}, {"id": "q2", "text": "Question two"}],
        "scores": [
            {
                "id": "total",
                "label": "Total",
                "method": "sum",
                "items": ["q1", "q2"],
                "bands": [{"from": 2, "label": "Lower"}, {"from": 5, "label": "Higher"}],
            }
        ],
    }


def refused(doc: dict) -> str:
    with pytest.raises(MeasureFileError) as caught:
        parse_measure(doc, SOURCE)
    message = str(caught.value)
    assert SOURCE in message
    return message


def test_the_valid_example_parses_and_scores():
    measure = parse_measure(valid_doc(), SOURCE)
    (value,) = measure.score({"q1": 2, "q2": 4}).values
    assert (value.value, value.band) == (6, "Higher")  # 2 + 4 = 6, from 5 up is Higher


def test_missing_id():
    doc = valid_doc()
    del doc["id"]
    assert "'id' is missing" in refused(doc)


@pytest.mark.parametrize(("low", "high"), [(4, 4), (5, 1)])
def test_scale_min_not_below_max(low, high):
    doc = valid_doc()
    doc["scale"] = {"min": low, "max": high}
    assert "min must be below its max" in refused(doc)


def test_duplicate_item_ids_are_named():
    doc = valid_doc()
    doc["items"].append({"id": "q1", "text": "Question one again"})
    message = refused(doc)
    assert "different ids" in message
    assert "q1" in message


def test_unknown_scoring_method():
    doc = valid_doc()
    doc["scores"][0]["method"] = "median"
    message = refused(doc)
    assert "method must be one of" in message
    assert "sum_table" in message


def test_conversion_table_with_a_gap_names_the_missing_rows():
    doc = valid_doc()
    rule = doc["scores"][0]
    rule["method"] = "sum_table"
    # Totals run from 2 (1+1) to 8 (4+4); 5 and 6 are left out.
    rule["table"] = {str(n): float(n * 10) for n in (2, 3, 4, 7, 8)}
    assert "no row for [5, 6]" in refused(doc)


def test_bands_out_of_order():
    doc = valid_doc()
    doc["scores"][0]["bands"] = [{"from": 5, "label": "Higher"}, {"from": 2, "label": "Lower"}]
    assert "from the lowest up" in refused(doc)


def test_a_score_naming_an_unknown_item():
    doc = valid_doc()
    doc["scores"][0]["items"] = ["q1", "q3"]
    message = refused(doc)
    assert "unknown items" in message
    assert "q3" in message


def test_an_item_score_of_two_items():
    doc = valid_doc()
    doc["scores"][0]["method"] = "item"
    assert "exactly one item" in refused(doc)


def test_no_scores_for_a_new_measure():
    doc = valid_doc()
    doc["scores"] = []
    assert "at least one score" in refused(doc)


def test_a_table_row_that_is_not_a_number():
    doc = valid_doc()
    rule = doc["scores"][0]
    rule["method"] = "sum_table"
    rule["table"] = {str(n): float(n) for n in range(2, 9)}
    rule["table"]["5"] = "five"
    assert "table" in refused(doc)


def test_a_band_that_is_not_a_table():
    doc = valid_doc()
    doc["scores"][0]["bands"] = [2, 5]
    assert "band" in refused(doc)


def test_a_version_that_is_not_a_number():
    doc = valid_doc()
    doc["version"] = "two"
    assert "version" in refused(doc)


def test_a_malformed_file_on_disk_is_named(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "broken"\nname = "Broken"\ncopyright = "x"\n[scale]\nmin = 3\nmax = 1\n')
    with pytest.raises(MeasureFileError, match=r"broken\.toml.*min must be below"):
        load_measure_file(path)


def test_a_file_that_is_not_toml_is_named(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_text("these are my notes, not a measure = = =\n")
    with pytest.raises(MeasureFileError, match=r"notes\.toml is not valid TOML"):
        load_measure_file(path)


# --- the shipped files and licensed wording -----------------------------------------------------


def test_the_shipped_measures_are_the_free_ones_and_swemwbs_scoring():
    assert set(shipped_measures()) == {
        "ons4",
        "ucla3",
        "ons_loneliness",
        "swemwbs",
        "fft",
        "gp_appointments",
    }


def test_swemwbs_ships_without_its_wording():
    swemwbs = shipped_measures()["swemwbs"]
    assert [i.id for i in swemwbs.items] == [f"item{n}" for n in range(1, 8)]
    assert all(item.text == "" for item in swemwbs.items)
    assert swemwbs.has_wording is False
    assert (swemwbs.scale_min, swemwbs.scale_max) == (1, 5)


def test_the_free_measures_ship_with_their_wording():
    for measure_id in ("ons4", "ucla3", "ons_loneliness"):
        assert shipped_measures()[measure_id].has_wording, measure_id


def wording_for(shipped, item_ids=None, low=None) -> dict:
    """A licensed-wording document with placeholder statements, never the real scale."""
    ids = item_ids or [i.id for i in shipped.items]
    low = shipped.scale_min if low is None else low
    return {
        "id": shipped.id,
        "name": shipped.name,
        "copyright": "Licensed to the test service.",
        "scale": {"min": low, "max": shipped.scale_max},
        "items": [{"id": item_id, "text": f"Statement {n}"} for n, item_id in enumerate(ids, 1)],
    }


def test_licensed_wording_joins_the_shipped_scoring():
    shipped = shipped_measures()["swemwbs"]
    imported = parse_measure(wording_for(shipped), "licensed.toml", scores_required=False)
    merged = with_licensed_wording(shipped, imported)
    assert merged.has_wording
    assert merged.items[0].text == "Statement 1"
    assert merged.copyright == "Licensed to the test service."
    (value,) = merged.score({f"item{n}": 3 for n in range(1, 8)}).values
    assert value.value == 19.25  # raw 21 through the shipped table


def test_licensed_wording_for_different_items_is_refused():
    shipped = shipped_measures()["swemwbs"]
    ids = [f"item{n}" for n in range(1, 7)] + ["item8"]
    imported = parse_measure(wording_for(shipped, ids), "licensed.toml", scores_required=False)
    with pytest.raises(MeasureFileError, match="item8"):
        with_licensed_wording(shipped, imported)


def test_licensed_wording_on_a_different_scale_is_refused():
    # The shipped conversion table covers raw totals 7-35 only; answers from 0 would
    # reach totals the table cannot convert.
    shipped = shipped_measures()["swemwbs"]
    imported = parse_measure(wording_for(shipped, low=0), "licensed.toml", scores_required=False)
    with pytest.raises(MeasureFileError, match="scale"):
        with_licensed_wording(shipped, imported)


def test_parsing_does_not_change_the_document():
    doc = valid_doc()
    kept = copy.deepcopy(doc)
    parse_measure(doc, SOURCE)
    assert doc == kept
