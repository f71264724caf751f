"""``linkworker hub …``: run the organisation's hub and administer it (needs the hub extra)."""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any

from linkworker_desktop.domain.lone_working import DEFAULT_OVERDUE_MINUTES

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


CONNECT_TIMEOUT = 10  # seconds to reach a database server before saying it cannot be reached


def _engine(args: argparse.Namespace) -> Any:
    try:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, DBAPIError

        from linkworker_desktop.hub.engine import make_engine
        from linkworker_desktop.hub.migrations import NewerHubSchema
    except ImportError as exc:
        raise HubExtraMissing(
            "The hub needs its extra packages: pip install 'linkworker-desktop[hub]'."
        ) from exc
    expected = "give postgresql+psycopg://… or sqlite:///file.db"
    try:
        url = make_url(args.database)
    except ArgumentError as exc:
        raise HubAdminError(f"That is not a database URL the hub understands; {expected}.") from exc
    shown = url.render_as_string(hide_password=True)
    options = {} if url.get_backend_name() == "sqlite" else {"connect_timeout": CONNECT_TIMEOUT}
    settings: dict[str, Any] = {
        name: getattr(args, name)
        for name in ("pool_size", "max_overflow")
        if getattr(args, name, None) is not None
    }
    if options:
        settings["connect_args"] = options
    try:
        return make_engine(args.database, **settings)
    except (ArgumentError, ImportError) as exc:
        raise HubAdminError(f"The hub cannot use a database like {shown}; {expected}.") from exc
    except DBAPIError as exc:
        reason = (str(exc.orig or exc).strip().splitlines() or ["no reason given"])[0]
        raise HubAdminError(f"The hub database {shown} cannot be opened: {reason}.") from exc
    except NewerHubSchema as exc:
        raise HubAdminError(f"{exc} Upgrade this hub before using that database.") from exc


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


def _instant(text: str) -> Any:
    """An argparse type: an ISO 8601 date and time with its offset (``2026-11-30T16:00Z``)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time with its offset, like 2026-11-30T16:00+00:00"
        )
    return moment


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
    port = args.port.strip()
    if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
        raise HubAdminError(f"--port {args.port} is not a port; give a number from 1 to 65535.")
    try:
        import uvicorn

        from linkworker_desktop.hub.app import create_app
        from linkworker_desktop.hub.limits import EnrolmentLimiter
        from linkworker_desktop.hub.versions import BadMinimumProtocol, minimum_protocol
    except ImportError as exc:
        raise HubExtraMissing(
            "The hub needs its extra packages: pip install 'linkworker-desktop[hub]'."
        ) from exc
    try:
        minimum = minimum_protocol()  # refused before anything is set up
    except BadMinimumProtocol as exc:
        raise HubAdminError(str(exc)) from exc
    limiter = EnrolmentLimiter(attempts=args.enrol_per_minute)
    app = create_app(_engine(args), limiter=limiter, min_protocol=minimum)
    # One JSON line per request on standard error (method, path, status, time; never a body),
    # set up only once the database answered, and taken down when serving stops.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("linkworker.hub")
    before = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        uvicorn.run(app, host=args.host, port=int(port), log_level="info", access_log=False)
    finally:
        log.removeHandler(handler)
        log.setLevel(before[0])
        log.propagate = before[1]
    return 0


def _admin(args: argparse.Namespace, work: Any) -> Any:
    from sqlalchemy.exc import IntegrityError

    from linkworker_desktop.hub.auth import Refused

    engine = _engine(args)
    try:
        with engine.begin() as conn:
            return work(conn)
    except (LookupError, Refused) as exc:
        raise HubAdminError(str(exc).strip('"')) from exc
    except IntegrityError as exc:
        # Another administrator made the same thing at the same moment; nothing was changed.
        raise HubAdminError(
            "That clashes with something just added to the hub; try again."
        ) from exc
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
    from pathlib import Path

    from linkworker_desktop.domain.openreferral import load_feed
    from linkworker_desktop.hub import auth
    from linkworker_desktop.hub.directory import FeedImport, import_feed

    doc = load_feed(Path(args.file))

    def work(conn: Any) -> FeedImport:
        return import_feed(conn, auth.org_id(conn, args.org), doc, args.withdraw_missing)

    done = _admin(args, work)

    def services(count: int, kind: str = "") -> str:
        return f"{count:,} {kind}service{'' if count == 1 else 's'}"

    print(
        f"Stored {services(done.stored, 'new or changed ')} for laptops to fetch;"
        f" {len(done.rejected):,} rejected."
    )
    if done.withdrawn:
        print(f"Withdrew {services(done.withdrawn)} this feed no longer lists.")
    if done.missing:
        print(
            f"Kept {services(done.missing)} on the hub that this feed does not list;"
            " import with --withdraw-missing to take them off laptops."
        )
    for line in done.rejected:
        print(f"  {line}")
    return 0


def cmd_overdue_visits(args: argparse.Namespace) -> int:
    """Home visits overdue now, for the duty manager: who, where, since when, how to call."""
    import json
    from datetime import UTC, datetime

    from linkworker_desktop.hub import auth
    from linkworker_desktop.hub.lone_working import overdue_visits, team_id

    now = args.at or datetime.now(UTC)

    def work(conn: Any) -> list[Any]:
        org = auth.org_id(conn, args.org)
        team = team_id(conn, org, args.team) if args.team else None
        return overdue_visits(conn, org, now, args.overdue_minutes, team)

    visits = _admin(args, work)
    if args.json:
        print(json.dumps([v.as_json() for v in visits], indent=2))
        return 0
    rule = f"not checked out {args.overdue_minutes} minutes after the expected end"
    if not visits:
        print(f"No home visit is overdue ({rule}).")
    else:
        count = len(visits)
        print(f"{count} home visit{'' if count == 1 else 's'} overdue ({rule}):")
    for visit in visits:
        back = visit.expected_end_at.astimezone()
        contact = f"; call {visit.contact}" if visit.contact else ""
        team = f" ({visit.team})" if visit.team else ""
        print(
            f"  {visit.worker}{team} at {visit.place or 'a place not recorded'}: expected back"
            f" by {back:%H:%M %Z} on {back:%a} {back.day} {back:%b},"
            f" {visit.minutes_late} minutes ago{contact}"
        )
    if visits:
        print("Call them; follow your lone-working procedure.")
    print("Only visits from laptops that have synced since checking in are shown.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The organisation's report (each team's figures too), or one team's, for a period."""
    import json
    from datetime import UTC, datetime

    from linkworker_desktop.cli.output import os_reason
    from linkworker_desktop.domain.errors import ValidationError
    from linkworker_desktop.domain.typed_dates import NotADate, parse_uk_date
    from linkworker_desktop.hub.report import hub_report
    from linkworker_desktop.reports import exports
    from linkworker_desktop.reports.build import report_to_json
    from linkworker_desktop.reports.period import Period

    try:
        threshold = _count(1, 100, "people")(args.suppress_below)
    except argparse.ArgumentTypeError as exc:
        raise HubAdminError(f"--suppress-below: {exc}.") from exc
    try:
        period = Period(parse_uk_date(args.start), parse_uk_date(args.end))
    except NotADate as exc:
        raise HubAdminError(str(exc)) from exc
    except ValidationError as exc:
        raise HubAdminError(" ".join(exc.problems.values())) from exc
    report = _admin(
        args, lambda c: hub_report(c, args.org, period, datetime.now(UTC), team=args.team)
    )
    for kind in ("pdf", "xlsx", "csv"):
        path = getattr(args, kind)
        if path:
            try:
                written = exports.save(report, path, kind, threshold)
            except OSError as exc:
                raise HubAdminError(
                    f"Could not write {path} ({os_reason(exc)}), so nothing was saved."
                ) from exc
            print(f'Wrote {written}; counts from 1 to {threshold - 1} are shown as "<{threshold}".')
            return 0
    print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
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
    p.add_argument("--port", default="8765", help="1 to 65535 (default 8765)")
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
    p.add_argument(
        "--withdraw-missing",
        action="store_true",
        help="the file is the whole directory: take services it no longer lists off laptops",
    )
    p.set_defaults(func=cmd_import_directory)
    p = hub_sub.add_parser(
        "overdue-visits", help="home visits not checked out in time, for the duty manager"
    )
    p.add_argument("--org", required=True, help="the organisation's name or id")
    p.add_argument("--team", help="only this team (its name or id)")
    p.add_argument(
        "--overdue-minutes",
        type=_count(0, 24 * 60, "minutes"),
        default=DEFAULT_OVERDUE_MINUTES,
        help=f"minutes past a visit's expected end before it is overdue"
        f" (default {DEFAULT_OVERDUE_MINUTES})",
    )
    p.add_argument("--at", type=_instant, help="as at this date and time (default now)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_overdue_visits)
    p = hub_sub.add_parser(
        "report", help="the organisation's or a team's report for a period (JSON by default)"
    )
    p.add_argument("--org", required=True, help="the organisation's name or id")
    p.add_argument("--from", dest="start", required=True, help="first day, e.g. 2026-04-01")
    p.add_argument("--to", dest="end", required=True, help="last day, e.g. 2027-03-31")
    p.add_argument("--team", help="one team's figures only (by default every team's)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the figures as JSON (default)")
    out.add_argument("--pdf", help="write the report pack PDF, small numbers suppressed")
    out.add_argument("--xlsx", help="write the spreadsheet, small numbers suppressed")
    out.add_argument("--csv", help="write the CSV table, small numbers suppressed")
    p.add_argument(
        "--suppress-below",
        default="8",
        help='in exports, show counts from 1 to this minus one as "<N" (default 8)',
    )
    p.set_defaults(func=cmd_report)
    p = hub_sub.add_parser("revoke-device", help="stop a device from syncing")
    p.add_argument("device")
    p.set_defaults(func=cmd_revoke_device)
