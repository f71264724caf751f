"""HTTP to the hub (httpx), with timeouts and errors a person can read."""

from __future__ import annotations

import ssl
from functools import cache
from typing import Any

import certifi
import httpx
from pydantic import ValidationError

from linkworker_desktop import __version__
from linkworker_desktop.domain.addresses import is_loopback
from linkworker_desktop.sync.errors import (  # noqa: F401 - callers catch them from here too
    AppTooOld,
    DeviceRevoked,
    HubRejected,
    InsecureHub,
    ResyncNeeded,
    SyncError,
)
from linkworker_desktop.sync.protocol import (
    MAX_BATCH,
    MAX_BATCH_HEADER,
    OLDEST_MAX_BATCH,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    VERSION_HEADER,
    EnrolRequest,
    EnrolResponse,
    PullResponse,
    PushRequest,
    PushResponse,
)
from linkworker_desktop.sync.wire import EncodedPush

TIMEOUT = httpx.Timeout(20.0, connect=5.0)


@cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every round: building one reads the whole CA bundle (~20 ms)."""
    return ssl.create_default_context(cafile=certifi.where())


def _explain(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail"))
    except (ValueError, AttributeError):
        return response.text[:200]


class Transport:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        client: httpx.Client | None = None,
        insecure: bool = False,
    ):
        self.base_url = base_url.rstrip("/")
        self.token = token
        # Plain http:// only to this computer, unless someone chose otherwise out loud.
        self.refused = (
            not insecure
            and httpx.URL(self.base_url).scheme == "http"
            and not is_loopback(self.base_url)
        )
        self._client = client or httpx.Client(timeout=TIMEOUT, verify=_tls_context())
        # Changes a push may carry: what every hub takes, until this hub says it takes more.
        self.max_batch = OLDEST_MAX_BATCH

    def close(self) -> None:
        self._client.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._send(method, path, **kwargs)
        try:
            return response.json()
        except ValueError as exc:
            raise SyncError("The hub's answer was cut off. Will try again.") from exc

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self.refused:
            raise InsecureHub(self.base_url)
        headers = dict(kwargs.pop("headers", {}))
        headers[VERSION_HEADER] = __version__
        headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._client.request(
                method, f"{self.base_url}{path}", headers=headers, **kwargs
            )
        except httpx.TimeoutException as exc:
            raise SyncError("The hub took too long to answer. Will try again.") from exc
        except httpx.TransportError as exc:
            raise SyncError("The hub cannot be reached (offline?). Will try again.") from exc
        if response.status_code == 401:
            raise DeviceRevoked(_explain(response))
        if response.status_code == 410:
            raise ResyncNeeded(_explain(response))
        if response.status_code == 426:
            raise AppTooOld(_explain(response))
        if response.status_code >= 500:
            raise SyncError(f"The hub had a problem ({response.status_code}). Will try again.")
        if response.status_code >= 400:
            raise HubRejected(f"The hub refused the request: {_explain(response)}")
        return response

    def enrol(self, request: EnrolRequest) -> EnrolResponse:
        return EnrolResponse.model_validate(
            self._request("POST", "/v1/enrol", json=request.model_dump())
        )

    def push(self, request: PushRequest | EncodedPush) -> PushResponse:
        """Send one batch; the hub's answer may say it takes larger ones (``max_batch``)."""
        body = request.body if isinstance(request, EncodedPush) else request.model_dump_json()
        response = self._send(
            "POST",
            "/v1/sync/push",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            data = response.json()
        except ValueError as exc:
            raise SyncError("The hub's answer was cut off. Will try again.") from exc
        offered = response.headers.get(MAX_BATCH_HEADER, "")
        if offered.isdigit():
            self.max_batch = max(OLDEST_MAX_BATCH, min(int(offered), MAX_BATCH))
        return PushResponse.model_validate(data)

    def directory(self, modified_after: str, limit: int) -> dict[str, Any]:
        """Directory records the hub holds that changed after ``modified_after``."""
        data = self._request(
            "GET", "/v1/directory", params={"modified_after": modified_after, "limit": limit}
        )
        withdrawn = data.get("withdrawn", []) if isinstance(data, dict) else None
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("contents"), list)
            or not isinstance(data.get("modified_until"), str)
            or not isinstance(withdrawn, list)
            or not all(isinstance(s, str) for s in withdrawn)
        ):
            raise HubRejected("The hub's directory answer was not understood.")
        return data

    def pull(self, cursor: int, limit: int) -> PullResponse:
        response = self._send("GET", "/v1/sync/pull", params={"cursor": cursor, "limit": limit})
        try:
            return PullResponse.model_validate_json(response.content)
        except ValidationError as exc:
            if any(error["type"] == "json_invalid" for error in exc.errors()):
                raise SyncError("The hub's answer was cut off. Will try again.") from exc
            raise
