"""The real ``linkworker`` command in its own process: it works, and never loads Qt."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.cli.conftest import RECOVERY_KEY
from tests.conftest import PASSPHRASE

SCRIPT = Path(sys.executable).with_name("linkworker.exe" if os.name == "nt" else "linkworker")


@pytest.fixture
def child_env(tmp_path):
    """A clean environment: no real keyring, and every app folder under tmp_path."""
    env = dict(os.environ)
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        LINKWORKER_DATA_DIR=str(tmp_path / "unused-default"),
    )
    env.pop("QT_QPA_PLATFORM", None)
    return env


def run(args: list[str], stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, input=stdin, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(not SCRIPT.exists(), reason="the linkworker script is not installed")
def test_the_installed_script_sets_up_and_lists_a_caseload(tmp_path, child_env):
    base = [str(SCRIPT), "--data-dir", str(tmp_path / "profile"), "--passphrase-stdin"]
    init = run([*base, "init", "--worker", "Sam Patel"], PASSPHRASE + "\n", child_env)
    assert init.returncode == 0, init.stderr
    assert len(RECOVERY_KEY.findall(init.stdout)) == 1
    demo = run([*base, "demo-data", "--patients", "12"], PASSPHRASE + "\n", child_env)
    assert demo.returncode == 0, demo.stderr
    listed = run([*base, "patients", "--json"], PASSPHRASE + "\n", child_env)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 12
    wrong = run([*base, "patients"], "not the passphrase\n", child_env)
    assert wrong.returncode == 1
    assert wrong.stdout == ""
    assert wrong.stderr.count("\n") == 1
    assert "passphrase is not right" in wrong.stderr


CHECK_IMPORTS = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from linkworker_desktop.cli.main import main
    from linkworker_desktop.services import profile
    from linkworker_desktop.storage.keyfile import KdfParams

    profile.calibrate = lambda *a, **k: KdfParams(iterations=1, memory_kib=8192, lanes=1)
    folder, passphrase = sys.argv[1], sys.argv[2]
    base = ["--data-dir", folder, "--passphrase-stdin"]
    codes = []
    for args in (["init", "--worker", "Sam Patel"], ["demo-data", "--patients", "5"],
                 ["patients", "--json"], ["patients", "--search", "a"], ["keyring", "status"]):
        sys.stdin = io.StringIO(passphrase + "\\n")
        with contextlib.redirect_stdout(io.StringIO()):
            codes.append(main(base + args))
    loaded = sorted(
        name for name in sys.modules
        if name.split(".")[0] in ("PySide6", "shiboken6")
        or name.startswith("linkworker_desktop.ui")
    )
    print(json.dumps({"codes": codes, "qt": loaded}))
    """
)


def test_the_command_line_path_never_imports_qt(tmp_path, child_env):
    assert importlib.util.find_spec("PySide6") is not None  # so its absence below means something
    done = run(
        [sys.executable, "-c", CHECK_IMPORTS, str(tmp_path / "profile"), PASSPHRASE],
        "",
        child_env,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["codes"] == [0, 0, 0, 0, 1]  # no secure keyring in the child: status says so
    assert report["qt"] == []


# What listing the caseload must not load: PDF making, the sync client and its HTTP stack, the
# demo's fake-name generator and the data validation library the hub and feeds use.
HEAVY_MODULES = (
    "reportlab",
    "pypdf",
    "httpx",
    "httpcore",
    "h11",
    "http.client",
    "urllib.request",
    "ssl",
    "faker",
    "pydantic",
    "pydantic_core",
    "linkworker_desktop.printing",
    "linkworker_desktop.sync.transport",
)

LIST_AND_REPORT = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from linkworker_desktop.cli.main import main

    sys.stdin = io.StringIO(sys.argv[2] + "\\n")
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = main(["--data-dir", sys.argv[1], "--passphrase-stdin", "patients", "--json"])
    print(json.dumps({"code": code, "rows": len(json.loads(out.getvalue())),
                      "modules": sorted(sys.modules)}))
    """
)


def test_listing_the_caseload_as_json_loads_no_pdf_sync_faker_or_http_code(tmp_path, child_env):
    folder = str(tmp_path / "profile")
    made = run([sys.executable, "-c", CHECK_IMPORTS, folder, PASSPHRASE], "", child_env)
    assert made.returncode == 0, made.stderr

    done = run([sys.executable, "-c", LIST_AND_REPORT, folder, PASSPHRASE], "", child_env)

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert (report["code"], report["rows"]) == (0, 5)
    assert "linkworker_desktop.services.caseload" in report["modules"]  # it did list them
    loaded = [
        name
        for name in report["modules"]
        if any(name == heavy or name.startswith(f"{heavy}.") for heavy in HEAVY_MODULES)
    ]
    assert loaded == []
