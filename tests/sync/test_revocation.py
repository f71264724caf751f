"""A revoked laptop gets 401 and the app says so in a plain sentence; nothing it holds is lost."""

from __future__ import annotations

import httpx
import pytest

from linkworker_desktop.services import sync_service
from linkworker_desktop.sync.transport import DeviceRevoked, SyncError


def test_a_revoked_device_gets_401_and_a_plain_sentence(org):
    laptop = org.laptop("North")
    laptop.add_patient()
    laptop.sync()
    org.revoke(laptop)
    pid = laptop.add_patient()
    with pytest.raises(DeviceRevoked) as raised:
        laptop.sync()
    assert isinstance(raised.value, SyncError)
    assert str(raised.value) == (
        "This device's access was revoked. Ask your administrator to re-enrol it."
    )
    assert laptop.pending() == 1  # the change waits on the laptop
    assert laptop.record("patients", pid) is not None
    assert sync_service.status(laptop.profile).last_error == str(raised.value)
    assert org.hub.rows("SELECT id FROM records WHERE id = :i", i=pid) == []

    response = httpx.get(
        f"{org.hub.url}/v1/sync/pull",
        headers={"Authorization": f"Bearer {laptop.token}"},
        timeout=10,
    )
    assert response.status_code == 401


def test_revoking_one_laptop_leaves_the_others_syncing(org):
    revoked, other = org.laptop("North"), org.laptop("North")
    org.revoke(revoked)
    other.add_patient()
    assert other.sync().pushed == 1
    with pytest.raises(DeviceRevoked):
        revoked.sync()
