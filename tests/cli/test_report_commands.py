"""``linkworker report``, ``referral coded`` and ``import-imd`` over a small hand-made caseload.

A  referred 1 Apr 2026 by a GP (practice B86001, LS1 4AP): attended 8 Apr (7 days)
B  self-referred 1 May 2026 (practice B86002, LS6 1AN): not yet seen
C  referred 1 Mar 2026 by a GP: before the period
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from linkworker_desktop.domain.choices import ReferralSource
from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE
from tests.support.report_caseload import Caseload

STDIN = PASSPHRASE + "\n"
SPRING = ("--from", "2026-04-01", "--to", "30/06/2026")
FAMILIES = {
    "referrals",
    "first_contact",
    "contacts",
    "discharges",
    "outcomes",
    "goals",
    "connections",
    "equity",
    "satisfaction",
    "gp_use",
    "coding",
}


@pytest.fixture
def people(cli, initialised, data_dir, monkeypatch):
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        caseload = Caseload(opened, monkeypatch)
        a = caseload.refer(date(2026, 4, 1))
        caseload.contact(a, date(2026, 4, 8))
        b = caseload.refer(
            date(2026, 5, 1), source=ReferralSource.SELF, practice="B86002", postcode="LS6 1AN"
        )
        c = caseload.refer(date(2026, 3, 1))
    finally:
        opened.close()
    return {"a": a, "b": b, "c": c}


def report_json(cli, *extra: str) -> dict:
    result = cli("report", *SPRING, "--json", *extra, stdin=STDIN)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_json_has_exactly_the_figure_families_and_the_period(cli, people):
    doc = report_json(cli)
    assert set(doc) == FAMILIES | {"period"}
    assert doc["period"] == {"from": "2026-04-01", "to": "2026-06-30"}
    assert doc["referrals"]["received"] == 2
    assert doc["referrals"]["by_practice"] == {"B86001": 1, "B86002": 1}
    assert doc["first_contact"] == {
        "seen": 1,
        "median_days": 7.0,
        "within_target_pct": 100.0,
        "target_days": 14,
        "not_yet_seen": 1,
    }
    assert doc["contacts"]["dna_rate_pct"] == 0.0
    assert doc["outcomes"]["ons4"]["mean_change"]["anxiety"] is None


def test_by_source_gives_each_group_and_the_total(cli, people):
    doc = report_json(cli, "--by", "source")
    assert doc["by"] == "source"
    assert sorted(doc["groups"]) == ["gp", "self"]
    assert doc["groups"]["gp"]["referrals"]["received"] == 1
    assert doc["groups"]["self"]["referrals"]["received"] == 1
    assert doc["groups"]["self"]["first_contact"]["not_yet_seen"] == 1
    assert doc["groups"]["gp"]["first_contact"]["seen"] == 1
    assert doc["referrals"]["received"] == 2


def test_the_text_report_reads_in_a_terminal(cli, people):
    result = cli("report", *SPRING, "--by", "practice", stdin=STDIN)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1] == "Report for 1 Apr 2026 to 30 Jun 2026 (both days included)"
    assert f"  {'Received':<58}{'2':>8}" in lines
    assert f"  {'Seen within 14 days (%)':<58}{'100':>8}" in lines
    assert f"  {'Median days to first contact':<58}{'7':>8}" in lines
    assert "  Deprivation decile: no postcode to IMD table loaded" in lines
    by = lines.index("By practice")
    assert lines[by + 2].split() == ["B86001", "1", "1", "1", "0", "0", "0"]
    assert lines[by + 3].split() == ["B86002", "1", "0", "0", "–", "0", "0"]
    assert lines[by + 4].split() == ["All", "2", "1", "1", "0", "0", "0"]
    assert "ONS4 anxiety runs the other way: a fall in anxiety is an improvement." in (result.out)


def test_ticking_a_referral_as_coded_moves_it_off_the_list_to_code(cli, people):
    referral_id = people["a"][1]
    before = report_json(cli)["coding"]
    assert before == {"accepted": 2, "declined": 0, "confirmed_coded": 0, "to_code_count": 2}
    ticked = cli("referral", "coded", referral_id, "--on", "10/04/2026", stdin=STDIN)
    assert ticked.code == 0, ticked.err
    assert ticked.out == "The referral is marked as coded in the GP record on 2026-04-10.\n"
    assert report_json(cli)["coding"]["confirmed_coded"] == 1
    assert report_json(cli)["coding"]["to_code_count"] == 1
    assert cli("referral", "coded", referral_id, "--undo", stdin=STDIN).code == 0
    assert report_json(cli)["coding"]["confirmed_coded"] == 0


def test_a_decline_cannot_be_ticked_on_a_referral_not_declined(cli, people):
    result = cli("referral", "coded", people["a"][1], "--declined", stdin=STDIN)
    assert result.code == 1
    assert "was not declined" in result.err


def test_deprivation_deciles_appear_once_a_table_is_loaded(cli, people, tmp_path):
    assert report_json(cli)["equity"]["imd_decile"] is None
    table = tmp_path / "imd.csv"
    table.write_text("Postcode,IMD decile\nls14ap,3\nLS2 7EW,9\n", encoding="utf-8")
    loaded = cli("import-imd", str(table), stdin=STDIN)
    assert (loaded.code, loaded.out) == (0, "Loaded deprivation deciles for 2 postcodes.\n")
    deciles = report_json(cli)["equity"]["imd_decile"]
    assert {k: v for k, v in deciles.items() if v} == {"3": 1, "unknown": 1}
    assert list(deciles) == [*(str(n) for n in range(1, 11)), "unknown"]
