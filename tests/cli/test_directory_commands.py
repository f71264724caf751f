"""``linkworker directory``: says how many it found when it shows fewer; cuts names cleanly."""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.services.demo_directory import demo_feed
from tests.conftest import PASSPHRASE

STDIN = PASSPHRASE + "\n"
LONG_NAME = "Riverside coffee morning for carers and former carers of people living with dementia"
GROUPS = 230


@pytest.fixture
def directory(cli, initialised, tmp_path):
    """A caseload whose directory holds "Group 001" to "Group 230" and one long-named group."""
    feed = demo_feed(seed=3, count=GROUPS + 1)
    for number, service in enumerate(feed["contents"][:GROUPS], start=1):
        service["name"] = f"Group {number:03d}"
    feed["contents"][GROUPS].update(name=LONG_NAME, description="Tea and a chat.")
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    imported = cli("import-directory", str(path), stdin=STDIN)
    assert imported.code == 0, imported.err
    return cli


def names(out: str) -> list[str]:
    return [line[:48].rstrip() for line in out.splitlines()[:-1]]


def test_a_search_past_the_limit_says_how_many_it_left_out(directory):
    shown = directory("directory", "--search", "group", stdin=STDIN)
    assert (shown.code, shown.err) == (0, "")
    assert names(shown.out) == [f"Group {n:03d}" for n in range(1, 201)]
    assert shown.out.splitlines()[-1] == "200 of 230 shown; --limit 0 shows them all."


def test_limit_chooses_how_many_and_zero_shows_them_all(directory):
    five = directory("directory", "--search", "group", "--limit", "5", stdin=STDIN)
    assert names(five.out) == ["Group 001", "Group 002", "Group 003", "Group 004", "Group 005"]
    assert five.out.splitlines()[-1] == "5 of 230 shown; --limit 0 shows them all."
    everything = directory("directory", "--search", "group", "--limit", "0", stdin=STDIN)
    assert names(everything.out) == [f"Group {n:03d}" for n in range(1, GROUPS + 1)]
    assert everything.out.splitlines()[-1] == "230 results"


def test_json_gives_the_total_and_how_many_are_shown(directory):
    found = directory("directory", "--search", "group", "--limit", "3", "--json", stdin=STDIN)
    doc = json.loads(found.out)
    assert (doc["total"], doc["shown"]) == (GROUPS, 3)
    assert [r["name"] for r in doc["results"]] == ["Group 001", "Group 002", "Group 003"]
    one = json.loads(directory("directory", "--search", "dementia", "--json", stdin=STDIN).out)
    assert (one["total"], one["shown"]) == (1, 1)
    assert one["results"][0]["name"] == LONG_NAME


def test_a_long_name_is_cut_after_a_whole_word_with_an_ellipsis(directory):
    found = directory("directory", "--search", "dementia", stdin=STDIN)
    lines = found.out.splitlines()
    assert lines[-1] == "1 result"
    assert lines[0][:48] == "Riverside coffee morning for carers and former… "
    nothing = directory("directory", "--search", "bowling", stdin=STDIN)
    assert nothing.out == "0 results\n"


def test_a_negative_limit_is_refused(directory):
    refused = directory("directory", "--limit", "-1", stdin=STDIN)
    assert refused.code == 1 and refused.out == ""
    assert refused.err == "linkworker: --limit cannot be negative (0 shows every result).\n"
