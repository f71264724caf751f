"""Labels belong to their own enum, even when two enums share a stored value."""

from __future__ import annotations

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ReferralStatus


def test_a_shared_value_keeps_each_enums_own_label():
    assert ReferralStatus.DID_NOT_ENGAGE.value == DischargeReason.DID_NOT_ENGAGE.value
    assert ReferralStatus.DID_NOT_ENGAGE.label == "Did not engage"
    assert DischargeReason.DID_NOT_ENGAGE.label == "Did not engage after several attempts"
