"""Run the ``linkworker`` command in-process, with standard input given as text."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest

from linkworker_desktop.cli.main import main
from tests.conftest import PASSPHRASE

RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "cli-profile"


@pytest.fixture
def cli(data_dir, capsys, monkeypatch):
    """Call ``cli(*args, stdin="...")``; passphrases come from standard input."""

    def run(*args: str, stdin: str = "") -> Result:
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data_dir), "--passphrase-stdin", *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def initialised(cli):
    """A caseload set up through ``linkworker init``; returns the recovery key it printed."""
    result = cli("init", "--worker", "Sam Patel", "--team", "North PCN", stdin=PASSPHRASE + "\n")
    assert result.code == 0, result.err
    (recovery,) = RECOVERY_KEY.findall(result.out)
    return recovery


@pytest.fixture
def with_demo(cli, initialised):
    result = cli("demo-data", "--patients", "60", stdin=PASSPHRASE + "\n")
    assert result.code == 0, result.err
    return initialised
