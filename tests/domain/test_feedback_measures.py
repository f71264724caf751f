"""The Friends and Family Test and the GP appointment counts ship as measures with a purpose."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.measures import MeasureFileError, parse_measure
from linkworker_desktop.services.library import shipped_measures


def test_the_fft_asks_the_national_question_with_six_answers():
    fft = shipped_measures()["fft"]
    assert fft.purpose == "feedback"
    assert [item.text for item in fft.items] == ["Overall, how was your experience of our service?"]
    assert dict(fft.scale_labels) == {
        1: "Very good",
        2: "Good",
        3: "Neither good nor poor",
        4: "Poor",
        5: "Very poor",
        6: "Don't know",
    }
    (value,) = fft.score({"experience": 2}).values
    assert (value.value, value.band) == (2, "Good")
    assert fft.score({"experience": 6}).values[0].band == "Don't know"


def test_gp_appointments_keep_two_counts_and_one_alone_is_incomplete():
    gp = shipped_measures()["gp_appointments"]
    assert gp.purpose == "service_use"
    both = gp.score({"before_referral": 7, "after_discharge": 3})
    assert {v.id: v.value for v in both.values} == {"before_referral": 7, "after_discharge": 3}
    before_only = gp.score({"before_referral": 7, "after_discharge": None})
    assert (before_only.complete, before_only.missing) == (False, ("after_discharge",))
    with pytest.raises(ValidationError) as caught:
        gp.score({"before_referral": 61})
    assert "from 0 to 60" in caught.value.problems["before_referral"]


def test_outcome_measures_have_the_outcome_purpose():
    assert {m.id: m.purpose for m in shipped_measures().values() if m.purpose == "outcome"} == {
        "ons4": "outcome",
        "ucla3": "outcome",
        "ons_loneliness": "outcome",
        "swemwbs": "outcome",
    }


def test_an_unknown_purpose_is_refused_by_name():
    doc = {
        "id": "x",
        "name": "X",
        "copyright": "c",
        "purpose": "gossip",
        "scale": {"min": 0, "max": 1},
        "items": [{"id": "a"}],
        "scores": [{"id": "a", "label": "A", "method": "item", "items": ["a"]}],
    }
    with pytest.raises(MeasureFileError, match="purpose must be one of outcome, feedback"):
        parse_measure(doc, "x.toml")
