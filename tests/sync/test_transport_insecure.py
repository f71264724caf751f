"""Plain http:// carries records unencrypted: allowed only to this computer, or when chosen."""

from __future__ import annotations

import pytest

from linkworker_desktop.sync.protocol import EnrolRequest
from linkworker_desktop.sync.transport import InsecureHub, Transport

REQUEST = EnrolRequest(code="ABCD-EFGH-JKLM", device_name="laptop", client_id="client-1")


@pytest.mark.parametrize(
    "url",
    [
        "http://192.0.2.10:8765",  # a documentation address: nothing answers there
        "http://hub.example.nhs.uk",
        "http://[2001:db8::1]:8765",
        "http://127.0.0.1.example.com",
        "HTTP://192.0.2.10",
    ],
)
def test_plain_http_to_another_computer_is_refused_before_anything_is_sent(url):
    transport = Transport(url)
    try:
        with pytest.raises(InsecureHub) as refused:
            transport.enrol(REQUEST)
    finally:
        transport.close()
    assert str(refused.value) == (
        f"The hub address {url} uses plain http:// to another computer, so records would cross "
        "the network unencrypted. Use the hub's https:// address (on a test network only, "
        "enrol with --insecure)."
    )


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://127.0.0.1:8765", False),
        ("http://127.45.6.7", False),
        ("http://localhost:8765", False),
        ("http://LOCALHOST.", False),
        ("http://[::1]:8765", False),
        ("https://hub.example.nhs.uk", False),
        ("https://192.0.2.10", False),
        ("http://192.0.2.10", True),
        ("http://10.0.0.1", True),
    ],
)
def test_only_loopback_or_https_is_allowed_without_insecure(url, refused):
    transport = Transport(url)
    allowed = Transport(url, insecure=True)
    try:
        assert transport.refused is refused
        assert allowed.refused is False
    finally:
        transport.close()
        allowed.close()
