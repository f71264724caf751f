"""Loading deprivation deciles by postcode: the whole file or nothing."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.imd import load_imd


def table(profile) -> dict[str, int]:
    return dict(profile.conn.execute("SELECT postcode, decile FROM imd_postcodes").fetchall())


def test_a_file_without_a_header_is_postcode_then_decile(open_profile, tmp_path):
    path = tmp_path / "imd.csv"
    path.write_text("LS1 4AP,3\nls6 1an,10\n\n", encoding="utf-8")
    assert load_imd(open_profile, path) == 2
    assert table(open_profile) == {"LS1 4AP": 3, "LS6 1AN": 10}


def test_a_header_names_the_columns_in_any_order(open_profile, tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text(
        "\ufeffLSOA code,IMD Decile,pcds\nE01011365,2,LS2 7EW\nE01011366,1,LS9 8AB\n",
        encoding="utf-8",
    )
    assert load_imd(open_profile, path) == 2
    assert table(open_profile) == {"LS2 7EW": 2, "LS9 8AB": 1}


def test_loading_again_replaces_a_decile(open_profile, tmp_path):
    path = tmp_path / "imd.csv"
    path.write_text("LS1 4AP,3\n", encoding="utf-8")
    load_imd(open_profile, path)
    path.write_text("LS1 4AP,4\n", encoding="utf-8")
    load_imd(open_profile, path)
    assert table(open_profile) == {"LS1 4AP": 4}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("LS1 4AP,3\nLS6 1AN,0\n", "Line 2: the decile '0' is not a whole number from 1 to 10"),
        ("LS1 4AP,3\nLS6 1AN,2.5\n", "Line 2: the decile '2.5'"),
        ("LS1 4AP,3\nNOT A CODE,2\n", "Line 2: 'NOT A CODE' is not a UK postcode"),
        ("LS1 4AP,3\nLS6 1AN\n", "Line 2 has no postcode and decile"),
        ("postcode,decile\n", "holds no postcodes"),
    ],
)
def test_one_bad_line_refuses_the_file_and_keeps_what_was_there(
    open_profile, tmp_path, content, says
):
    good = tmp_path / "good.csv"
    good.write_text("LS2 7EW,5\n", encoding="utf-8")
    load_imd(open_profile, good)
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_imd(open_profile, bad)
    assert says in caught.value.problems["file"]
    assert caught.value.problems["file"].endswith("nothing was loaded.")
    assert table(open_profile) == {"LS2 7EW": 5}
