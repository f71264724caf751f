"""``linkworker hub …``: run the organisation's hub and administer it (needs the hub extra)."""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any

DEFAULT_DATABASE = "sqlite:///linkworker-hub.db"
POOL_SETTINGS = {
    "--pool-size": ("LINKWORKER_HUB_POOL_SIZE", "connections each replica keeps open (default 5)"),
    "--max-overflow": (
        "LINKWORKER_HUB_MAX_OVERFLOW",
        "extra connections each replica may open when busy (default 5)",
    ),
}


class HubExtraMissing(Exception):
    pass


class HubAdminError(Exception):
    """An administrator's command named something the hub does not have."""


def _engine(args: argparse.Namespace) -> Any:
    try:
        from linkworker_desktop.hub.engine import make_engine
    except ImportError as exc:
        raise HubExtraMissing(
            "The hub needs its extra packages: pip install 'linkworker-desktop[hub]'."
        ) from exc
    pool = {
        name: getattr(args, name)
        for name in ("pool_size", "max_overflow")
        if getattr(args, name, None) is not None
    }
    return make_engine(args.database, **pool)


def _count(low: int, high: int, what: str) -> Any:
    """An argparse type: a whole number from ``low`` to ``high``, or one plain sentence."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number of {what} from {low} to {high}"
            )
        return value

    return parse


_connections = _count(0, 1000, "connections")
_attempts = _count(1, 1_000_000, "attempts")


def cmd_migrate(args: argparse.Namespace) -> int:
    """Bring the database up to date before starting replicas, then exit."""
    from linkworker_desktop.hub.migrations import current_version

    engine = _engine(args)
    try:
        print(f"The hub database is at schema {current_version(engine)}.")
    finally:
        engine.dispose()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from linkworker_desktop.hub.app import create_app
        from linkworker_desktop.hub.limits import EnrolmentLimiter
    except ImportError as exc:
        raise HubExtraMissing(
            "The hub needs its extra packages: pip install 'linkworker-desktop[hub]'."
        ) from exc
    # One JSON line per request on standard error (method, path, status, time; never a body).
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("linkworker.hub")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    limiter = EnrolmentLimiter(attempts=args.enrol_per_minute)
    app = create_app(_engine(args), limiter=limiter)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False)
    return 0


def _admin(args: argparse.Namespace, work: Any) -> Any:
    engine = _engine(args)
    try:
        with engine.begin() as conn:
            return work(conn)
    except LookupError as exc:
        raise HubAdminError(str(exc).strip('"')) from exc
    finally:
        engine.dispose()


def cmd_create_org(args: argparse.Namespace) -> int:
    from linkworker_desktop.hub import auth

    print(_admin(args, lambda c: auth.create_org(c, args.name)))
    return 0


def cmd_add_team(args: argparse.Namespace) -> int:
    from linkworker_desktop.hub import auth

    print(_admin(args, lambda c: auth.add_team(c, args.org, args.name)))
    return 0


def cmd_add_worker(args: argparse.Namespace) -> int:
    from linkworker_desktop.hub import auth

    print(_admin(args, lambda c: auth.add_worker(c, args.org, args.team, args.name)))
    return 0


def cmd_enrol_code(args: argparse.Namespace) -> int:
    from linkworker_desktop.hub import auth

    code = _admin(args, lambda c: auth.new_enrol_code(c, args.worker))
    print(code)
    print("Give this code to the worker; it works once, within 24 hours.")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    from linkworker_desktop.hub import auth

    _admin(args, lambda c: auth.revoke_device(c, args.device))
    print(f"Device {args.device} can no longer sync.")
    return 0


def cmd_import_directory(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from linkworker_desktop.hub import auth
    from linkworker_desktop.hub.directory import import_feed

    doc = json.loads(Path(args.file).read_text("utf-8"))

    def work(conn: Any) -> tuple[int, list[str]]:
        return import_feed(conn, auth.org_id(conn, args.org), doc)

    stored, rejected = _admin(args, work)
    print(
        f"Stored {stored} new or changed services for laptops to fetch; {len(rejected)} rejected."
    )
    for line in rejected:
        print(f"  {line}")
    return 0


def register(sub: Any) -> None:
    hub = sub.add_parser("hub", help="run and administer the organisation's sync hub")
    hub.add_argument(
        "--database",
        default=os.environ.get("LINKWORKER_HUB_DATABASE", DEFAULT_DATABASE),
        help="database URL: postgresql+psycopg://… or sqlite:///file.db",
    )
    # Each replica holds up to pool + overflow PostgreSQL connections (SQLite ignores both).
    for flag, (variable, explained) in POOL_SETTINGS.items():
        hub.add_argument(flag, type=_connections, default=os.environ.get(variable), help=explained)
    # ``--database`` may also follow the action (``linkworker hub serve --database URL``).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", default=argparse.SUPPRESS, help="database URL")
    for flag, (_variable, explained) in POOL_SETTINGS.items():
        common.add_argument(flag, type=_connections, default=argparse.SUPPRESS, help=explained)
    hub_sub = hub.add_subparsers(dest="hub_command", required=True, metavar="ACTION")
    original = hub_sub.add_parser

    def add_parser(name: str, **kwargs: Any) -> Any:
        return original(name, parents=[common], **kwargs)

    hub_sub.add_parser = add_parser  # type: ignore[method-assign]
    p = hub_sub.add_parser("migrate", help="bring the database up to date, then exit")
    p.set_defaults(func=cmd_migrate)
    p = hub_sub.add_parser("serve", help="serve the sync API (migrates first, under a lock)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument(
        "--enrol-per-minute",
        type=_attempts,
        default=os.environ.get("LINKWORKER_HUB_ENROL_PER_MINUTE", "10"),
        help="enrolment attempts allowed from one address a minute (default 10)",
    )
    p.set_defaults(func=cmd_serve)
    p = hub_sub.add_parser("create-org", help="add an organisation; prints its id")
    p.add_argument("name")
    p.set_defaults(func=cmd_create_org)
    p = hub_sub.add_parser("add-team", help="add a team to an organisation")
    p.add_argument("org")
    p.add_argument("name")
    p.set_defaults(func=cmd_add_team)
    p = hub_sub.add_parser("add-worker", help="add a link worker to a team")
    p.add_argument("org")
    p.add_argument("team")
    p.add_argument("name")
    p.set_defaults(func=cmd_add_worker)
    p = hub_sub.add_parser("enrol-code", help="a one-time enrolment code for a worker's laptop")
    p.add_argument("worker")
    p.set_defaults(func=cmd_enrol_code)
    p = hub_sub.add_parser("import-directory", help="import the organisation's directory feed")
    p.add_argument("org")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_directory)
    p = hub_sub.add_parser("revoke-device", help="stop a device from syncing")
    p.add_argument("device")
    p.set_defaults(func=cmd_revoke_device)
