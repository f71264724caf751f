"""The hub's HTTP API (FastAPI). Stateless: replicas share one database (see the README)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine, text
from starlette.exceptions import HTTPException as StarletteHTTPException

from linkworker_desktop.hub import auth, collector
from linkworker_desktop.hub.limits import (
    MAX_BODY_BYTES,
    BodyTooLarge,
    EnrolmentLimiter,
    RequestGuard,
    RequestLog,
)
from linkworker_desktop.hub.migrations import LATEST, current_version
from linkworker_desktop.hub.openapi_links import add_links
from linkworker_desktop.hub.store import Caller, CursorExpired, Hub
from linkworker_desktop.hub.versions import VersionGate, minimum_protocol
from linkworker_desktop.sync.protocol import (
    MAX_BATCH,
    MAX_BATCH_HEADER,
    MAX_INT64,
    MAX_PAGE,
    EnrolRequest,
    EnrolResponse,
    Problem,
    PullResponse,
    PushRequest,
    PushResponse,
)

_bearer = HTTPBearer(auto_error=False, description="The device token from enrolment.")
# What each refusal means, for the OpenAPI document; every one has a Problem body.
_REFUSALS = {
    401: "No valid device token: never enrolled, or revoked (or, enrolling, a bad code).",
    403: "The device may not change that record.",
    410: "The device's copy is too old to update: start a full resync.",
    413: "The request body is past the hub's limit.",
    422: "The request is malformed; the detail names the first problem.",
    426: "The laptop's app is older than the hub's minimum protocol; the detail says so.",
    429: "Too many enrolment attempts from this address; see Retry-After.",
    503: "The database is unreachable or at another schema.",
}


def _refusals(*codes: int) -> dict[int | str, dict[str, Any]]:
    documented: dict[int | str, dict[str, Any]] = {
        code: {"model": Problem, "description": _REFUSALS[code]} for code in codes
    }
    if 429 in codes:
        documented[429]["headers"] = {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        }
    return documented


_READY = {
    "type": "object",
    "properties": {"status": {"const": "ready"}, "schema": {"type": "integer"}},
    "required": ["status", "schema"],
    "additionalProperties": False,
}


def _problem(status: int, error: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status)


def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The device token from ``Authorization: Bearer …`` (module level: FastAPI resolves it)."""
    if credentials is None or not credentials.credentials.strip():
        raise auth.Unauthorised("This request has no device token.")
    return credentials.credentials.strip()


def _json(model: BaseModel) -> Response:
    """A reply serialised by pydantic's own encoder in one step."""
    return Response(model.model_dump_json(), media_type="application/json")


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))


def create_app(
    engine: Engine,
    max_body_bytes: int = MAX_BODY_BYTES,
    limiter: EnrolmentLimiter | None = None,
    min_protocol: int | None = None,
) -> FastAPI:
    """The API; ``min_protocol`` defaults to LINKWORKER_HUB_MIN_PROTOCOL (or 1)."""
    app = FastAPI(title="Linkworker hub", version="1", docs_url=None, redoc_url=None)

    # The log outermost, so it records what the guards refuse as well as what the routes do.
    minimum = minimum_protocol() if min_protocol is None else min_protocol
    app.add_middleware(VersionGate, minimum=minimum)
    app.add_middleware(RequestGuard, max_body_bytes=max_body_bytes, limiter=limiter)
    app.add_middleware(RequestLog)

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

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        """FastAPI's own refusals in the hub's shape; a body it cannot decode is malformed."""
        if exc.status_code == 400:
            return _problem(422, "invalid_request", "body: not valid JSON in UTF-8")
        code = "not_found" if exc.status_code == 404 else "refused"
        answer = _problem(exc.status_code, code, str(exc.detail))
        answer.headers.update(exc.headers or {})
        return answer

    @app.exception_handler(BodyTooLarge)
    async def too_large(_request: Request, exc: BodyTooLarge) -> JSONResponse:
        return _problem(413, "too_large", str(exc.detail))

    @app.exception_handler(CursorExpired)
    async def gone(_request: Request, _exc: CursorExpired) -> JSONResponse:
        return _problem(410, "resync", "Your copy is too old to update; start a full resync.")

    def check_device(token: str) -> None:
        """Only an enrolled device may send a body: checked before a byte of it is read."""
        with engine.begin() as conn:
            auth.authenticate(conn, token)

    def authenticated(token: str, work: Callable[[Hub], Any]) -> Any:
        """The device checked and its work done in one transaction (one commit per request)."""
        with engine.begin() as conn:
            who: Caller = auth.authenticate(conn, token)
            return work(Hub(conn, who))

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        """The process answers (no database, no token): for container and load-balancer checks.

        ``schema`` is the database schema this hub's code runs at; /v1/ready checks the database.
        """
        return {"status": "ok", "schema": LATEST}

    @app.get(
        "/v1/ready",
        responses={
            200: {
                "description": "The database answers at the schema this hub knows.",
                "content": {"application/json": {"schema": _READY}},
            },
            **_refusals(503),
        },
    )
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

    @app.post(
        "/v1/enrol", response_model=EnrolResponse, responses=_refusals(401, 413, 422, 426, 429)
    )
    def enrol(body: EnrolRequest) -> EnrolResponse:
        with engine.begin() as conn:
            return auth.enrol(conn, body.code, body.device_name, body.client_id)

    @app.post(
        "/v1/sync/push",
        response_model=PushResponse,
        responses=_refusals(401, 403, 413, 422, 426),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}
                },
            }
        },
    )
    async def push(request: Request, token: Annotated[str, Depends(bearer_token)]) -> Response:
        await run_in_threadpool(check_device, token)
        # The raw body is parsed and validated in one pass (no intermediate Python objects).
        raw = await request.body()
        try:
            with collector.held_off():
                body = PushRequest.model_validate_json(raw)
        except ValidationError as exc:
            return _problem(422, "invalid_request", _reason(exc))
        del raw

        def apply(hub: Hub) -> PushResponse:
            with collector.held_off():
                return hub.push(body.client_id, list(body.mutations), body.cursor)

        result = await run_in_threadpool(authenticated, token, apply)
        answer = _json(result)
        answer.headers[MAX_BATCH_HEADER] = str(MAX_BATCH)  # so a laptop may send more at once
        return answer

    @app.get("/v1/sync/pull", response_model=PullResponse, responses=_refusals(401, 410, 422, 426))
    def pull(
        token: Annotated[str, Depends(bearer_token)],
        cursor: Annotated[int, Query(ge=0, le=MAX_INT64)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
    ) -> Response:
        return _json(authenticated(token, lambda hub: hub.pull(cursor, limit)))

    @app.get("/v1/directory", responses=_refusals(401, 422, 426))
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

    def openapi() -> dict[str, Any]:
        """The generated document, plus the push body the route reads raw (for speed) and the
        links from one answer to the next request."""
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, routes=app.routes)
            pushed = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(pushed.pop("$defs", {}))
            schemas["PushRequest"] = pushed
            add_links(spec)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
