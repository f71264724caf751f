"""A record from the hub this laptop cannot apply is set aside; it never stops the pulls.

The receiving laptop is made to refuse one record the way an older schema or a local clash
would (a trigger that aborts its insert). The round still succeeds, everything else arrives,
the cursor moves on, and the record is applied once the cause is gone.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.services import held_changes
from linkworker_desktop.sync import state
from linkworker_desktop.sync.transport import SyncError, Transport
from tests.support.refused_records import REASON, REFUSED, allow_again, refuse_referrals_from


class _Offline(Transport):
    """The hub cannot be reached at all this round."""

    def push(self, request):
        raise SyncError("The hub cannot be reached (offline?). Will try again.")

    def pull(self, cursor, limit):
        raise SyncError("The hub cannot be reached (offline?). Will try again.")


@pytest.fixture
def pair(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    a.sync()
    b.sync()
    return a, b


@pytest.mark.parametrize("pull_page", [None, 1], ids=["whole pages", "one record a page"])
def test_a_refused_record_is_set_aside_and_everything_else_arrives(pair, pull_page):
    a, b = pair
    refuse_referrals_from(b, REFUSED)
    patient = a.add_patient(given_name="Ann", family_name="Bee")
    fine = a.add_referral(patient, referrer_name="Dr Fine")
    refused = a.add_referral(patient, referrer_name=REFUSED)
    other = a.add_patient(given_name="Cal", family_name="Dee")
    a.sync()
    before = b.cursor()

    result = b.sync(pull_page=pull_page)

    assert result.error == ""
    assert [(h["entity"], h["entity_id"], h["reason"]) for h in result.set_aside] == [
        ("referrals", refused, REASON)
    ]
    assert result.as_json()["set_aside"]["count"] == 1
    assert {patient, other} <= b.ids("patients")
    assert fine in b.ids("referrals")
    assert b.record("referrals", refused) is None
    assert b.cursor() == a.cursor() > before
    assert b.set_aside() == [("referrals", refused)]
    (held,) = held_changes.held_changes(b.profile)
    assert (held.description, held.reason) == ("A referral of Ann Bee", REASON)
    assert held_changes.summary(1) == "1 change from the hub could not be applied"

    later = a.add_patient(given_name="Eve", family_name="Fox")  # pulls go on after it
    a.sync()
    assert b.sync(pull_page=pull_page).error == ""
    assert later in b.ids("patients")
    assert b.set_aside() == [("referrals", refused)]

    allow_again(b)
    result = b.sync(pull_page=pull_page)
    assert (result.error, result.set_aside) == ("", [])
    assert b.record("referrals", refused)["referrer_name"] == REFUSED
    assert b.set_aside() == []


def test_a_newer_version_of_a_held_record_that_applies_replaces_it(pair):
    a, b = pair
    refuse_referrals_from(b, REFUSED)
    patient = a.add_patient(given_name="Ann", family_name="Bee")
    referral = a.add_referral(patient, referrer_name=REFUSED)
    a.sync()
    b.sync()
    assert b.set_aside() == [("referrals", referral)]
    a.edit("referrals", referral, referrer_name="Dr Corrected")
    a.sync()
    b.sync()
    assert b.set_aside() == []
    assert b.record("referrals", referral)["referrer_name"] == "Dr Corrected"


def test_after_an_upgrade_held_changes_apply_before_the_hub_answers(pair):
    """A change held by an older version is tried first thing, even with the hub away."""
    a, b = pair
    refuse_referrals_from(b, REFUSED)
    refuse_referrals_from(b, "Dr Later", trigger="refuse_later")
    patient = a.add_patient(given_name="Ann", family_name="Bee")
    old = a.add_referral(patient, referrer_name=REFUSED)
    new = a.add_referral(patient, referrer_name="Dr Later")
    a.sync()
    b.sync()
    assert sorted(b.set_aside()) == sorted([("referrals", old), ("referrals", new)])
    # The first was held by the version before this one; both causes are gone now.
    b.profile.conn.execute(
        "UPDATE sync_set_aside SET schema_version = schema_version - 1 WHERE entity_id = ?",
        (old,),
    )
    allow_again(b)
    allow_again(b, "refuse_later")

    offline = _Offline(state.get(b.profile.conn, "hub_url"), b.token)
    with pytest.raises(SyncError):
        b.sync(offline)
    offline.close()

    assert b.record("referrals", old)["referrer_name"] == REFUSED
    assert b.record("referrals", new) is None  # not an upgrade: waits for the next round
    assert b.set_aside() == [("referrals", new)]
    assert b.sync().error == ""
    assert b.record("referrals", new)["referrer_name"] == "Dr Later"
    assert b.set_aside() == []
