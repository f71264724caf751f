"""The hub's HTTP API (FastAPI). Stateless: any number of replicas can share one database."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine, text

from linkworker_desktop.hub import auth
from linkworker_desktop.hub.migrations import LATEST, current_version
from linkworker_desktop.hub.store import Caller, CursorExpired, Hub
from linkworker_desktop.sync.protocol import (
    MAX_INT64,
    MAX_PAGE,
    EnrolRequest,
    EnrolResponse,
    PullResponse,
    PushRequest,
    PushResponse,
)

MAX_BODY_BYTES = 8 * 1024 * 1024
log = logging.getLogger("linkworker.hub")


def _problem(status: int, error: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status)


def bearer_token(authorization: Annotated[str | None, Header()] = None) -> str:
    """The device token from ``Authorization: Bearer …`` (module level: FastAPI resolves it)."""
    if not authorization or not authorization.startswith("Bearer "):
        raise auth.Unauthorised("This request has no device token.")
    return authorization.removeprefix("Bearer ").strip()


def _json(model: BaseModel) -> Response:
    """A reply serialised by pydantic's own encoder in one step."""
    return Response(model.model_dump_json(), media_type="application/json")


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(title="Linkworker hub", version="1", docs_url=None, redoc_url=None)

    @app.middleware("http")
    async def structured_log(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """One JSON line per request: method, path, status, time. Never a body or a name."""
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_BODY_BYTES:
            return _problem(413, "too_large", "The request body is too large.")
        started = time.perf_counter()
        response = await call_next(request)
        log.info(
            json.dumps(
                {
                    "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "method": request.method,
                    "path": request.url.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                }
            )
        )
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _problem(422, "invalid_request", f"{where}: {first.get('msg')}")

    @app.exception_handler(auth.Unauthorised)
    async def unauthorised(_request: Request, exc: auth.Unauthorised) -> JSONResponse:
        return _problem(401, "unauthorised", str(exc))

    @app.exception_handler(PermissionError)
    async def forbidden(_request: Request, exc: PermissionError) -> JSONResponse:
        return _problem(403, "forbidden", str(exc))

    @app.exception_handler(CursorExpired)
    async def gone(_request: Request, _exc: CursorExpired) -> JSONResponse:
        return _problem(410, "resync", "Your copy is too old to update; start a full resync.")

    def authenticated(token: str, work: Callable[[Hub], Any]) -> Any:
        """The device checked and its work done in one transaction (one commit per request)."""
        with engine.begin() as conn:
            who: Caller = auth.authenticate(conn, token)
            return work(Hub(conn, who))

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/ready")
    def ready() -> JSONResponse:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            version = current_version(engine)
        except Exception as exc:  # noqa: BLE001 - readiness reports any database failure
            return _problem(
                503, "not_ready", f"The database is not reachable ({type(exc).__name__})."
            )
        if version != LATEST:
            return _problem(503, "not_ready", f"Hub schema {version}, expected {LATEST}.")
        return JSONResponse({"status": "ready", "schema": version})

    @app.post("/v1/enrol", response_model=EnrolResponse)
    def enrol(body: EnrolRequest) -> EnrolResponse:
        with engine.begin() as conn:
            return auth.enrol(conn, body.code, body.device_name, body.client_id)

    @app.post("/v1/sync/push", response_model=PushResponse)
    async def push(request: Request, token: Annotated[str, Depends(bearer_token)]) -> Response:
        # The raw body is parsed and validated in one pass (no intermediate Python objects).
        try:
            body = PushRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            return _problem(422, "invalid_request", _reason(exc))
        result = await run_in_threadpool(
            authenticated,
            token,
            lambda hub: hub.push(body.client_id, list(body.mutations), body.cursor),
        )
        return _json(result)

    @app.get("/v1/sync/pull", response_model=PullResponse)
    def pull(
        token: Annotated[str, Depends(bearer_token)],
        cursor: Annotated[int, Query(ge=0, le=MAX_INT64)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
    ) -> Response:
        return _json(authenticated(token, lambda hub: hub.pull(cursor, limit)))

    @app.get("/v1/directory")
    def directory(
        token: Annotated[str, Depends(bearer_token)],
        modified_after: Annotated[str, Query(max_length=40)] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
    ) -> dict[str, Any]:
        """The organisation's directory records changed after ``modified_after`` (read-only)."""
        from linkworker_desktop.hub.directory import changes_since

        return authenticated(
            token, lambda hub: changes_since(hub.conn, hub.caller.org_id, modified_after, limit)
        )

    return app
