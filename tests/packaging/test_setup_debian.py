"""packaging/setup-debian.sh: system libraries before anything else, as root or through sudo.

The script runs for real in a copy of the packaging folder, with ``apt-get``, ``sudo``, ``id``
and ``python3`` on PATH replaced by stand-ins that write down how they were called.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAND_IN = """#!/bin/sh
echo "{name} $*" >> "$CALLS"
{body}
"""


@pytest.fixture
def setup(tmp_path):
    """Run the script as the user ``uid``; returns the commands it ran, in order."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "packaging", checkout / "packaging")
    calls = tmp_path / "calls"

    def run(uid: int, *args: str) -> list[str]:
        bin_dir = tmp_path / f"bin-{uid}"
        bin_dir.mkdir()
        tools = {
            "apt-get": "",
            "sudo": '"$@"',
            "id": f"echo {uid}",
            "python3": "",
        }
        (checkout / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
        places = {name: bin_dir / name for name in tools}
        places["pip"] = checkout / ".venv" / "bin" / "pip"
        tools["pip"] = ""
        for name, body in tools.items():
            path = places[name]
            path.write_text(STAND_IN.format(name=name, body=body))
            path.chmod(0o755)
        env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "CALLS": str(calls), "HOME": str(tmp_path)}
        done = subprocess.run(
            ["sh", str(checkout / "packaging" / "setup-debian.sh"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        ran = calls.read_text().splitlines()
        calls.unlink()
        return [line for line in ran if not line.startswith("id ")]

    return run


def test_as_root_the_libraries_come_first_without_sudo(setup):
    ran = setup(0)
    assert [line.split()[0] for line in ran] == ["apt-get", "apt-get", "python3", "pip"]
    assert ran[0] == "apt-get update -qq"
    installed = ran[1].split()
    assert installed[:5] == ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "python3-venv"} <= set(installed)
    assert "postgresql" not in installed
    assert ran[2:] == ["python3 -m venv .venv", "pip install -q -e ."]


def test_as_a_user_it_asks_sudo_and_with_test_adds_the_test_tools(setup):
    ran = setup(1000, "--test")
    assert [line.split()[0] for line in ran] == ["sudo", "apt-get"] * 2 + ["python3", "pip"]
    assert ran[0] == "sudo apt-get update -qq"
    tools = {"xvfb", "poppler-utils", "postgresql", "desktop-file-utils", "appstream"}
    assert tools | {"libxcb-cursor0"} <= set(ran[3].split())
    assert ran[-1] == "pip install -q -e .[test]"
