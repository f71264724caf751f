"""Only a keyring that really protects secrets may hold a key to the caseload."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from linkworker_desktop.storage import os_keyring
from linkworker_desktop.storage.errors import KeyringUnavailable
from tests.support.memory_keyring import MemoryKeyring


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's file backends, which write secrets in the clear."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class Chain(KeyringBackend):
    """A chain of backends, tried in order, as keyring's ChainerBackend is."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, *backends: KeyringBackend):
        super().__init__()
        self.backends = list(backends)

    def get_password(self, service, username):
        for backend in self.backends:
            found = backend.get_password(service, username)
            if found is not None:
                return found
        return None

    def set_password(self, service, username, password):
        return self.backends[0].set_password(service, username, password)

    def delete_password(self, service, username):
        return self.backends[0].delete_password(service, username)


class BrokenKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("refused")

    def delete_password(self, service, username):
        raise keyring.errors.PasswordDeleteError("refused")


def test_a_real_backend_is_accepted_and_named(memory_keyring):
    available, why = os_keyring.availability()
    assert available
    assert "MemoryKeyring" in why


def test_secrets_round_trip_and_are_forgotten(memory_keyring):
    secret = os_keyring.store_new_secret("abc")
    assert len(secret) == 32
    assert os_keyring.load_secret("abc") == secret
    assert os_keyring.load_secret("other") is None
    os_keyring.forget_secret("abc")
    assert os_keyring.load_secret("abc") is None
    assert memory_keyring.secrets == {}


@pytest.mark.parametrize(
    "backend",
    [
        fail.Keyring(),
        null.Keyring(),
        PlaintextFileKeyring(),
        Chain(),
        Chain(PlaintextFileKeyring()),
    ],
    ids=["fail", "null", "keyrings.alt", "empty chain", "chain of keyrings.alt"],
)
def test_untrustworthy_backends_are_refused_with_a_reason(backend):
    keyring.set_keyring(backend)
    available, why = os_keyring.availability()
    assert not available
    assert "passphrase alone" in why
    with pytest.raises(KeyringUnavailable, match="passphrase alone"):
        os_keyring.store_new_secret("abc")
    assert os_keyring.load_secret("abc") is None
    os_keyring.forget_secret("abc")  # does nothing, and does not fail


def test_a_chain_that_would_store_the_secret_in_plain_text_is_refused():
    plain = PlaintextFileKeyring()
    keyring.set_keyring(Chain(plain, MemoryKeyring()))
    assert not os_keyring.availability()[0]
    with pytest.raises(KeyringUnavailable):
        os_keyring.store_new_secret("abc")
    assert plain.secrets == {}


def test_a_chain_led_by_a_real_backend_is_accepted():
    real = MemoryKeyring()
    keyring.set_keyring(Chain(real, PlaintextFileKeyring()))
    assert os_keyring.availability()[0]
    os_keyring.store_new_secret("abc")
    assert list(real.secrets) == [(os_keyring.SERVICE, "profile-abc")]


def test_a_keyring_that_cannot_be_loaded_is_unavailable(monkeypatch):
    def explode():
        raise RuntimeError("dbus is not running")

    monkeypatch.setattr(keyring, "get_keyring", explode)
    available, why = os_keyring.availability()
    assert not available
    assert "RuntimeError" in why


def test_a_keyring_that_refuses_to_store_says_so():
    keyring.set_keyring(BrokenKeyring())
    with pytest.raises(KeyringUnavailable, match="refused"):
        os_keyring.store_new_secret("abc")
    assert os_keyring.load_secret("abc") is None
    os_keyring.forget_secret("abc")


def test_a_garbled_secret_in_the_keyring_is_no_secret(memory_keyring):
    memory_keyring.secrets[(os_keyring.SERVICE, "profile-abc")] = "not hex at all"
    assert os_keyring.load_secret("abc") is None


def test_an_installed_plain_text_backend_is_named_even_when_not_chosen(monkeypatch):
    monkeypatch.setattr(
        keyring.backend, "get_all_keyring", lambda: [MemoryKeyring(), PlaintextFileKeyring()]
    )
    assert os_keyring.plain_text_backends() == ["keyrings.alt.file.PlaintextFileKeyring"]


def test_only_real_backends_installed_means_no_plain_text_backend(monkeypatch):
    monkeypatch.setattr(
        keyring.backend, "get_all_keyring", lambda: [MemoryKeyring(), fail.Keyring()]
    )
    assert os_keyring.plain_text_backends() == []
