"""The hub is reached over verified TLS, with one context built once rather than every round."""

from __future__ import annotations

import ssl

from linkworker_desktop.sync import transport


def test_every_round_shares_one_verifying_tls_context():
    first = transport._tls_context()
    second = transport._tls_context()
    assert first is second
    assert first.verify_mode == ssl.CERT_REQUIRED
    assert first.check_hostname is True
    assert first.cert_store_stats()["x509_ca"] > 0  # a real CA bundle, not an empty store


def test_a_new_transport_reads_no_ca_bundle(monkeypatch):
    transport._tls_context()

    def refuse(*_args, **_kwargs):
        raise AssertionError("the CA bundle was read again")

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", refuse)
    monkeypatch.setattr(ssl.SSLContext, "load_default_certs", refuse)
    for _ in range(3):
        transport.Transport("https://hub.example.invalid").close()
