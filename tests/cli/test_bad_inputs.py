"""Every laptop command, given bad input, answers with one sentence and exit 1: never a traceback.

The commands are read from the parser itself, so a new command without a row here fails
``test_every_laptop_command_has_bad_inputs``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from linkworker_desktop.cli.main import build_parser
from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE

STDIN = PASSPHRASE + "\n"
# `linkworker hub …` runs on the organisation's server; its bad inputs have a table of their own.
NOT_LAPTOP = {"hub"}
INVALID_NHS = "943 476 5918"  # fails the modulus-11 check


@dataclass(frozen=True)
class Bad:
    """One bad input: the command words, what follows, standard input, a phrase of the answer."""

    command: str
    args: tuple[str, ...]
    says: str
    stdin: str = STDIN
    fresh: bool = False  # run before any caseload is set up

    @property
    def id(self) -> str:
        return " ".join((self.command, *self.args))[:70]


def _files(folder: Path) -> dict[str, Path]:
    """Bad files of every kind the import commands meet, made once per test."""
    folder.mkdir()
    made = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "binary": bytes(random.Random(7).randrange(256) for _ in range(4096)),
        "nan.csv": "district,latitude,longitude\nLS1,nan,inf\n",
        "lat999.csv": "district,latitude,longitude\nLS6,999,-1.5\n",
        "huge-field.csv": "district,latitude,longitude\nLS6," + "1" * 1_000_000 + ",-1.5\n",
        "huge-district.csv": "LS" + "9" * 1_000_000 + ",53.8,-1.5\n",
        "short.csv": "LS6,53.8\n",
        "feed-not-json.json": '{"contents": [',
        "imd-decile.csv": "postcode,decile\nLS1 4AP,11\n",
        "imd-postcode.csv": "LS1 4AP,3\nQQ1 1AA,4\n",
        "imd-columns.csv": "pc,rank\nLS1 4AP,3\n",
    }
    for name, content in made.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (folder / "a-folder").mkdir()
    (folder / "no-columns").mkdir()
    (folder / "no-columns" / "referrals.csv").write_text("name,born\nKit Sample,1970-01-01\n")
    (folder / "fake.xlsx").write_bytes(made["binary"])
    return {name: folder / name for name in [*made, "a-folder", "missing.json"]}


def table(files: str) -> list[Bad]:
    f = files
    return [
        Bad("init", (), "already exists"),
        Bad("init", ("--worker", "   "), "name is needed", fresh=True),
        Bad("init", (), "10 characters", stdin="short\n", fresh=True),
        Bad("demo-data", ("--patients", "-5"), "negative"),
        Bad("patients", ("--status", "finished"), "'finished'"),
        Bad("patients", (), "passphrase is not right", stdin="not the passphrase\n"),
        Bad("patients", (), "linkworker init", fresh=True),
        Bad("patient", (INVALID_NHS,), "not a valid NHS number"),
        Bad("patient", ("999",), "NHS number"),
        Bad("change-passphrase", (), "10 characters", stdin=f"{PASSPHRASE}\nshort\n"),
        Bad("recover", (), "recovery key", stdin=f"AAAA-BBBB\n{PASSPHRASE} again\n"),
        Bad("keyring", ("enable",), "passphrase is not right", stdin="wrong passphrase\n"),
        Bad("sessions", (INVALID_NHS,), "not a valid NHS number"),
        Bad("today", ("--date", "0001-01-01"), "outside the diary"),
        Bad("today", ("--date", "9999-12-31"), "outside the diary"),
        Bad("today", ("--date", "tomorrow"), "not a date"),
        Bad("measure score", ("nope", "1"), "Unknown measure"),
        Bad("measure score", ("ons4", "1"), "4 questions"),
        Bad("measure score", ("ucla3", "1", "x", "2"), "not a whole number"),
        Bad("measure import", (f"{f}/missing.json",), "is not a file"),
        Bad("measure import", (f"{f}/a-folder",), "is not a file"),
        Bad("measure import", (f"{f}/binary",), "is not a text file"),
        Bad("measure import", (f"{f}/feed-not-json.json",), "is not valid TOML"),
        Bad("print-plan", (INVALID_NHS, "--out", f"{f}/no-folder/plan.pdf"), "does not exist"),
        Bad("print-plan", (INVALID_NHS, "--out", f"{f}/a-folder"), "is a folder"),
        Bad("print-plan", (INVALID_NHS, "--out", f"{f}/binary/plan.pdf"), "does not exist"),
        Bad("print-discharge", (INVALID_NHS, "--out", f"{f}/no-folder/gp.pdf"), "does not exist"),
        Bad("print-discharge", (INVALID_NHS, "--out", f"{f}/a-folder"), "is a folder"),
        Bad("import-directory", (f"{f}/deep.json",), "nested too deeply"),
        Bad("import-directory", (f"{f}/missing.json",), "no such file"),
        Bad("import-directory", (f"{f}/a-folder",), "is a directory"),
        Bad("import-directory", (f"{f}/binary",), "not UTF-8"),
        Bad("import-directory", (f"{f}/feed-not-json.json",), "not complete JSON"),
        Bad("directory", ("--near", "LS6", "--within", "nan"), "cannot be searched"),
        Bad("directory", ("--near", "LS6", "--within", "-1"), "cannot be searched"),
        Bad("directory", ("--within", "5"), "needs --near"),
        Bad("directory", ("--limit", "-1"), "negative"),
        Bad("directory", ("--near", "ZZ99 9ZZ"), "No location is known"),
        Bad("import-postcodes", (f"{f}/binary",), "not UTF-8"),
        Bad("import-postcodes", (f"{f}/nan.csv",), "not a place on Earth"),
        Bad("import-postcodes", (f"{f}/lat999.csv",), "not a place on Earth"),
        Bad("import-postcodes", (f"{f}/huge-field.csv",), "Line 2 of huge-field.csv is not CSV"),
        Bad("import-postcodes", (f"{f}/huge-district.csv",), "is not CSV"),
        Bad("import-postcodes", (f"{f}/short.csv",), "Line 1 is not district,latitude"),
        Bad("import-postcodes", (f"{f}/missing.json",), "no such file"),
        Bad("import-postcodes", (f"{f}/a-folder",), "is a directory"),
        Bad("import-caseload", (f"{f}/missing.json",), "is not there"),
        Bad("import-caseload", (f"{f}/a-folder",), "has no referrals.csv"),
        Bad("import-caseload", (f"{f}/binary",), "is not referrals.csv"),
        Bad("import-caseload", (f"{f}/no-columns",), "has no column for nhs_number"),
        Bad("import-caseload", (f"{f}/fake.xlsx",), "not an Excel workbook"),
        Bad("report", ("--from", "2026-06-30", "--to", "2026-04-01"), "on or before the end"),
        Bad("report", ("--from", "31/02/2026", "--to", "2026-04-01"), "February 2026 has 28"),
        Bad("report", ("--from", "2026-04-01", "--to", "soon"), "--to 'soon'"),
        Bad(
            "report",
            ("--from", "2026-04-01", "--to", "2026-04-30", "--pdf", "/nonexistent/dir/r.pdf"),
            "Could not write /nonexistent/dir/r.pdf",
        ),
        Bad(
            "report",
            ("--from", "2026-04-01", "--to", "2026-04-30", "--csv", "/nonexistent/dir/r.csv"),
            "so nothing was saved",
        ),
        Bad("referral coded", ("no-such-referral",), "no referral 'no-such-referral'"),
        Bad("referral coded", ("no-such-referral", "--on", "1/13/2026"), "no month 13"),
        Bad("import-imd", (f"{f}/binary",), "not UTF-8"),
        Bad("import-imd", (f"{f}/missing.json",), "no such file"),
        Bad("import-imd", (f"{f}/a-folder",), "is a directory"),
        Bad("import-imd", (f"{f}/imd-decile.csv",), "Line 2: the decile '11'"),
        Bad("import-imd", (f"{f}/imd-postcode.csv",), "Line 2: 'QQ1 1AA' is not a UK postcode"),
        Bad("import-imd", (f"{f}/imd-columns.csv",), "names no postcode and decile"),
        Bad("enrol", ("--hub", "not a url", "--code", "ABCD-EFGH"), "not a web address"),
        Bad("enrol", ("--hub", "https://hub.example", "--code", "x"), "whole code"),
        Bad(
            "enrol",
            ("--hub", "https://hub.example", "--code", "ABCD", "--device-name", ""),
            "1 to 120",
        ),
        Bad("sync", (), "not enrolled"),
        Bad("backup", ("--to", f"{f}/no-folder"), "is not there"),
        Bad("backup", ("--to", f"{f}/binary"), "cannot be written to"),
        Bad("backup", (), "No backup folder is chosen"),
        Bad("restore", (f"{f}/binary",), "not a Linkworker backup"),
        Bad("restore", (f"{f}/missing.json",), "is not there"),
        Bad("restore", (f"{f}/a-folder",), "a folder, not a backup file"),
        Bad("restore", (f"{f}/deep.json",), "not a Linkworker backup", fresh=True),
    ]


FILES = "{files}"
ROWS = table(FILES)


def assert_one_sentence(result) -> str:
    """Exit 1, nothing on standard output, one line on standard error: one sentence, no trace.

    A sentence may open with an option or a path ("--limit cannot…"), never a lower-case word.
    """
    assert result.code == 1, result
    assert result.out == ""
    message = result.err.rstrip("\n")
    assert "\n" not in message and "Traceback" not in message, message
    assert message.startswith("linkworker: "), message
    text = message.removeprefix("linkworker: ")
    assert not text[0].islower() and text.endswith("."), text
    assert not re.search(r"[.!?]\s+[A-Z]", text), f"more than one sentence: {text}"
    return text


def laptop_commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    """Every runnable command of the parser, sub-commands as "measure score"."""
    found: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                if not prefix and name in NOT_LAPTOP:
                    continue
                found |= laptop_commands(child, f"{prefix}{name} ") or {prefix + name}
    return found


def test_every_laptop_command_has_bad_inputs():
    commands = laptop_commands(build_parser())
    assert len(commands) >= 17
    assert commands == {row.command for row in ROWS}


@pytest.mark.parametrize("bad", ROWS, ids=[row.id for row in ROWS])
def test_a_bad_input_gets_one_sentence_and_exit_1(bad, cli, data_dir, tmp_path):
    files = _files(tmp_path / "bad-files")
    if not bad.fresh:
        assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    args = [a.replace(FILES, str(tmp_path / "bad-files")) for a in bad.args]
    assert files["missing.json"].exists() is False
    try:
        result = cli(*bad.command.split(), *args, stdin=bad.stdin)
    except Exception as exc:  # noqa: BLE001 - the point: any escape is a traceback for the person
        pytest.fail(f"{bad.id} raised {exc.__class__.__name__}: {exc}")
    text = assert_one_sentence(result)
    assert bad.says.lower() in text.lower(), text


def flip_bytes(path: Path, count: int, seed: int) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(count):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


SEEDS = range(8)


def test_a_damaged_caseload_says_so_and_is_left_as_it_was(cli, with_demo, data_dir, tmp_path):
    """20 bit flips: a page the listing reads fails SQLCipher's check, and nothing is written.

    A flip in a page the listing never reads goes unnoticed there (the listing is unchanged);
    one in the schema stops the file opening at all; one in the page of names the listing reads
    says the file is damaged.
    """
    database = profile.ProfileFiles(data_dir).database
    good = database.read_bytes()
    listing = cli("patients", stdin=STDIN).out
    damaged_says = (
        f"The caseload file {database} is damaged, so it was not changed: restore it from a backup."
    )
    unopenable = f"The file {database} is not a Linkworker caseload this key can open"
    outcomes = []
    for seed in SEEDS:
        database.write_bytes(good)
        flip_bytes(database, 20, seed)
        flipped = database.read_bytes()
        result = cli("patients", stdin=STDIN)
        if result.code == 0:
            assert result.out == listing
            outcomes.append("unnoticed")
        else:
            text = assert_one_sentence(result)
            assert text == damaged_says or text.startswith(unopenable), text
            outcomes.append("damaged" if text == damaged_says else "unopenable")
        assert database.read_bytes() == flipped
    assert len(outcomes) == len(SEEDS)
    assert {"unnoticed", "unopenable"} <= set(outcomes), outcomes

    # A flip in the very page the listing reads first (the caseload's names, in order).
    database.write_bytes(good)
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        (root,) = opened.conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'caseload_names'"
        ).fetchone()
        page_size = opened.conn.execute("PRAGMA cipher_page_size").fetchone()[0]
    finally:
        opened.close()
    good = database.read_bytes()
    data = bytearray(good)
    data[(root - 1) * int(page_size) + int(page_size) // 2] ^= 0x10
    database.write_bytes(bytes(data))
    result = cli("patients", stdin=STDIN)
    assert result.code == 1
    assert assert_one_sentence(result) == damaged_says
    assert database.read_bytes() == bytes(data)


def test_a_deleted_caseload_file_is_named_as_missing(cli, initialised, data_dir):
    files = profile.ProfileFiles(data_dir)
    files.database.unlink()
    keys = files.keys.read_bytes()
    text = assert_one_sentence(cli("patients", stdin=STDIN))
    assert text == (
        f"The caseload file caseload.db is missing from {data_dir}; restore it from a backup "
        "(the key file has not been touched)."
    )
    assert files.keys.read_bytes() == keys
    assert not files.database.exists()
    assert json.loads(keys)["format"] == "linkworker-keyfile"
