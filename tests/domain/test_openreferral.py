"""Open Referral UK feeds as councils really serve them: both versions, and their quirks."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from linkworker_desktop.domain.openreferral import FeedError, clean_text, parse_feed, records_of

# Open Referral's own example records (HSDS 3.0), kept with their CC BY-SA 4.0 licence.
FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "openreferral"


def _load(name: str):
    return json.loads((FEEDS / name).read_text("utf-8"))


def test_the_example_feeds_travel_with_their_licence():
    licence = (FEEDS / "LICENSE").read_text("utf-8")
    assert "Attribution-ShareAlike 4.0 International Public License" in licence
    assert "Open Referral" in (FEEDS / "README.md").read_text("utf-8")


def test_hsds3_full_service_with_its_quirks():
    services, rejected = parse_feed(_load("service_full.json"))
    assert rejected == []
    (service,) = services
    assert service.name == "Community Counselling"
    assert service.phones == ["+44 1234 234567"]  # the feed wraps it in quotes
    location = service.locations[0]
    assert location.latitude is None and location.longitude is None  # latitude 100 is not a place
    assert service.free is False  # it charges £50 an hour
    assert service.schedules[0].byday == ("TH", "FR")
    assert "wait_time" not in json.dumps(asdict(service), default=str)


def test_hsds3_page_and_organisation_shapes():
    page, _ = parse_feed(_load("service_list.json"))
    organisation, _ = parse_feed(_load("organization_full.json"))
    assert [s.source_id for s in page] == ["ac148810-d857-441c-9679-408f346de14b"]
    assert organisation[0].organisation == "Example Organization Inc."


def test_open_referral_uk_1_0_page_shape():
    doc = {
        "totalElements": 2,
        "totalPages": 1,
        "number": 0,
        "size": 2,
        "first": True,
        "last": True,
        "content": [
            {
                "id": "wf-1",
                "name": "Walking for health",
                "organization": {"name": "Leisure Trust"},
                "regular_schedules": [
                    {"byday": "MO", "freq": "WEEKLY", "opens_at": "10:00", "closes_at": "11:00"}
                ],
                "eligibilitys": [{"eligibility": "Adults"}],
                "cost_options": [{"amount": 0, "option": "Free"}],
                "service_taxonomys": [{"taxonomy": {"name": "Physical activity"}}],
                "service_at_locations": [
                    {
                        "location": {
                            "name": "Park",
                            "latitude": 53.8,
                            "longitude": -1.55,
                            "physical_addresses": [
                                {"address_1": "Park Lane", "postal_code": "LS8 1EU"}
                            ],
                        }
                    }
                ],
            },
            {"id": "wf-2", "name": "Choir"},
        ],
    }
    services, rejected = parse_feed(doc)
    assert rejected == []
    walking = services[0]
    assert walking.free is True
    assert walking.categories == ["Physical activity"]
    assert walking.eligibility == "Adults"
    assert walking.locations[0].postcode == "LS8 1EU"
    assert walking.schedules[0].byday == ("MO",)


def test_each_bad_record_is_rejected_with_its_reason_and_the_rest_kept():
    doc = [
        {"id": "ok-1", "name": "Good group", "unknown_field": {"nested": True}},
        {"name": "No id"},
        {"id": "no-name"},
        {"id": "ok-1", "name": "Duplicate id"},
        {"id": "bad-age", "name": "Ages", "minimum_age": "twelve"},
        {"id": "bad-org", "name": "Org", "organization": "not an object"},
        "not even an object",
    ]
    services, rejected = parse_feed(doc)
    assert [s.source_id for s in services] == ["ok-1"]
    reasons = " | ".join(f"{r.where}: {r.reason}" for r in rejected)
    assert "no id" in reasons
    assert "no name" in reasons
    assert "appears earlier" in reasons
    assert "minimum_age should be a whole number" in reasons
    assert "organization should be an object" in reasons
    assert "not a JSON object" in reasons
    assert len(rejected) == 6


def test_html_in_text_becomes_plain_text():
    services, _ = parse_feed(
        [
            {
                "id": "h",
                "name": "<b>Craft</b> &amp; chat",
                "description": "<p>Bring <em>nothing</em>.</p><script>alert(1)</script>",
            }
        ]
    )
    assert services[0].name == "Craft & chat"
    assert "<" not in services[0].description
    assert services[0].description == "Bring nothing."


def test_not_a_feed_is_a_clear_error():
    with pytest.raises(FeedError, match="no list of services"):
        records_of({"hello": "world"})


@pytest.mark.parametrize("placeholder", ["fees", "fees_description"])
def test_placeholder_values_are_dropped(placeholder):
    assert clean_text(placeholder, "fees") == ""


@pytest.mark.parametrize(
    ("fees", "free"),
    [
        ("Free", True),
        ("No charge", True),
        ("Free, donations welcome", True),
        ("£0.00: free to all", True),
        ("£2 a session, first session free", False),
        ("First session free, then £3.50", False),
        ("Free taster; 50p for tea after", False),
        ("£0.50 a week", False),
        ("Pay what you can", False),
    ],
)
def test_a_fees_description_is_free_only_when_no_price_is_named(fees, free):
    services, _ = parse_feed({"contents": [{"id": "s1", "name": "Group", "fees": fees}]})
    assert [s.free for s in services] == [free]
