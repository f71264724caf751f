"""Every ``linkworker hub …`` command given bad input answers in one clear line and exits 1:
never a traceback, never a success, and nothing half-made in the hub's database."""

from __future__ import annotations

import io
import json
import logging
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from linkworker_desktop.cli.main import main

DEEP = 100_000


@dataclass(frozen=True)
class Case:
    """A command (``{dir}`` is the folder of bad files) and words its error line must contain."""

    args: tuple[str, ...]
    says: str
    never: str = "Traceback"  # what the line must not show (a password)


CASES = {
    "duplicate organisation": Case(("create-org", "Riverside PCN"), "already"),
    "duplicate organisation, other spacing": Case(("create-org", "  Riverside PCN "), "already"),
    "blank organisation": Case(("create-org", ""), "An organisation needs a name"),
    "organisation of spaces": Case(("create-org", "   "), "name"),
    "organisation name too long": Case(("create-org", "R" * 201), "200"),
    "organisation name with a control character": Case(("create-org", "River\x07side"), "name"),
    "blank team": Case(("add-team", "Riverside PCN", " "), "A team needs a name"),
    "blank worker": Case(("add-worker", "Riverside PCN", "North", "\t"), "name"),
    "duplicate team": Case(("add-team", "Riverside PCN", "North"), "already"),
    "directory: invalid JSON": Case(
        ("import-directory", "Riverside PCN", "{dir}/broken.json"), "JSON"
    ),
    "directory: deeply nested JSON": Case(
        ("import-directory", "Riverside PCN", "{dir}/deep.json"), "nested"
    ),
    "directory: not text": Case(("import-directory", "Riverside PCN", "{dir}/binary.json"), "text"),
    "directory: no list of services": Case(
        ("import-directory", "Riverside PCN", "{dir}/empty.json"), "services"
    ),
    "directory: missing path": Case(
        ("import-directory", "Riverside PCN", "{dir}/absent.json"), "no file"
    ),
    "directory: a folder": Case(("import-directory", "Riverside PCN", "{dir}"), "folder"),
    "directory: unknown organisation": Case(
        ("import-directory", "Hillside PCN", "{dir}/feed.json"), "Hillside"
    ),
    "database URL: nonsense": Case(("--database", "nonsense", "create-org", "A"), "database"),
    "database URL: unknown kind": Case(
        ("--database", "oracle://x/y", "create-org", "A"), "database"
    ),
    "database URL: no such host": Case(
        ("--database", "postgresql+psycopg://nohost:1/db", "create-org", "A"), "nohost"
    ),
    "database URL: password kept out of the message": Case(
        ("--database", "postgresql+psycopg://admin:s3cret@nohost:1/db", "create-org", "A"),
        "cannot be opened",
        never="s3cret",
    ),
    "database URL: no such folder": Case(
        ("--database", "sqlite:////nonexistent/dir/hub.db", "create-org", "A"), "hub.db"
    ),
    "report: a date that does not exist": Case(
        ("report", "--org", "Riverside PCN", "--from", "31/02/2026", "--to", "2026-03-31"),
        "31/02/2026",
    ),
    "report: not a date": Case(
        ("report", "--org", "Riverside PCN", "--from", "soon", "--to", "2026-03-31"), "soon"
    ),
    "report: starts after it ends": Case(
        ("report", "--org", "Riverside PCN", "--from", "2026-04-01", "--to", "2026-03-31"),
        "the start must be on or before the end",
    ),
    "report: unknown organisation": Case(
        ("report", "--org", "Hillside PCN", "--from", "2026-04-01", "--to", "2026-04-30"),
        "Hillside",
    ),
    "report: unknown team": Case(
        (
            "report",
            "--org",
            "Riverside PCN",
            "--team",
            "East",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
        ),
        "East",
    ),  # fmt: skip
    "report: suppression not a number": Case(
        (
            "report",
            "--org",
            "Riverside PCN",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
            "--suppress-below",
            "few",
        ),
        "from 1 to 100",
    ),  # fmt: skip
    "report: no folder for the PDF": Case(
        (
            "report",
            "--org",
            "Riverside PCN",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
            "--pdf",
            "/nonexistent/dir/r.pdf",
        ),
        "Could not write",
    ),  # fmt: skip
    "serve: port too high": Case(("serve", "--port", "99999"), "port"),
    "serve: port negative": Case(("serve", "--port", "-1"), "port"),
    "serve: port not a number": Case(("serve", "--port", "eighty"), "port"),
}


def _run(*args: str) -> tuple[int, str]:
    """``linkworker hub …`` in-process: (exit code, standard error); a raised error is a failure."""
    err = io.StringIO()
    try:
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            code = main(["hub", *args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - any escape is what this test is here to catch
        pytest.fail(f"linkworker hub {' '.join(args)[:120]} raised:\n{traceback.format_exc()}")
    return code, err.getvalue()


@pytest.fixture
def hub_files(tmp_path: Path) -> tuple[str, Path]:
    """A hub with Riverside PCN and its North team, and bad files an administrator might pass."""
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    for args in (("create-org", "Riverside PCN"), ("add-team", "Riverside PCN", "North")):
        assert _run("--database", url, *args)[0] == 0
    files = tmp_path / "files"
    files.mkdir()
    (files / "broken.json").write_text('{"contents": [{"id": "s1", "name": "Walk', "utf-8")
    (files / "deep.json").write_text("[" * DEEP + "]" * DEEP, "utf-8")
    (files / "binary.json").write_bytes(bytes(range(256)) * 4)
    (files / "empty.json").write_text(json.dumps({"total_items": 0}), "utf-8")
    (files / "feed.json").write_text(json.dumps([{"id": "s1", "name": "Walking group"}]), "utf-8")
    return url, files


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                for table in ("organisations", "teams", "workers", "hub_directory")
            }
    finally:
        engine.dispose()


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_one_clear_line_and_exit_1(name: str, hub_files: tuple[str, Path]) -> None:
    url, files = hub_files
    case = CASES[name]
    before = _counts(url)
    args = [a.replace("{dir}", str(files)) for a in case.args]
    if "--database" not in args:
        args = ["--database", url, *args]
    code, err = _run(*args)
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert case.never not in err
    assert code == 1, err
    assert len(lines) == 1, err
    assert lines[0].startswith("linkworker: ")
    assert case.says.lower() in lines[0].lower(), lines[0]
    assert _counts(url) == before  # nothing half-made


def _hub_log() -> tuple[int, int, bool]:
    log = logging.getLogger("linkworker.hub")
    return len(log.handlers), log.level, log.propagate


def test_serve_with_an_unreachable_database_leaves_no_request_log_behind(tmp_path: Path) -> None:
    before = _hub_log()
    url = f"sqlite:///{tmp_path / 'no such folder' / 'hub.db'}"
    code, err = _run("--database", url, "serve", "--port", "8080")
    assert code == 1, err
    assert err.startswith("linkworker: ")
    assert _hub_log() == before


def test_serve_takes_its_request_log_down_when_it_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: list[tuple[int, int, bool]] = []

    def stopped_at_once(app: object, **options: object) -> None:
        seen.append(_hub_log())  # while serving: one more handler, INFO, not propagated

    monkeypatch.setattr(uvicorn, "run", stopped_at_once)
    before = _hub_log()
    code, err = _run("--database", f"sqlite:///{tmp_path / 'hub.db'}", "serve", "--port", "8080")
    assert code == 0, err
    assert seen == [(before[0] + 1, logging.INFO, False)]
    assert _hub_log() == before
