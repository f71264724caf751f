"""packaging/hub: the hub's image, its compose file, its systemd unit and their documentation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HUB = ROOT / "packaging" / "hub"
DOC = ROOT / "docs" / "hub-deployment.md"
# The code that runs as the hub: its package and its command line.
HUB_CODE = [
    *sorted((ROOT / "linkworker_desktop" / "hub").glob("*.py")),
    ROOT / "linkworker_desktop" / "cli" / "hub_commands.py",
]


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    text = (HUB / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")),
    )
    found = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def _all(word: str) -> list[str]:
    return [rest for found, rest in _instructions() if found == word]


def test_the_image_runs_as_a_user_that_is_not_root():
    users = _all("USER")
    assert users == ["10001:10001"]
    assert users[-1].split(":")[0] not in ("root", "0")
    assert "useradd --system --uid 10001" in " ".join(_all("RUN"))


def test_the_image_checks_the_hubs_health_on_the_port_it_exposes():
    (check,) = _all("HEALTHCHECK")
    assert "http://127.0.0.1:8765/v1/health" in check
    assert _all("EXPOSE") == ["8765"]
    (command,) = _all("CMD")
    assert command == '["linkworker", "hub", "serve", "--host", "0.0.0.0", "--port", "8765"]'
    assert _all("FROM") == ["python:3.11-slim"]


def test_every_file_the_image_copies_exists_and_is_let_through_the_ignore_file():
    copied = [part for rest in _all("COPY") for part in rest.split()[:-1]]
    assert len(copied) == 6
    allowed = [
        line[1:]
        for line in (HUB / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
        if line.startswith("!")
    ]
    for source in copied:
        assert (ROOT / source).exists(), source
        assert source in allowed, source


def test_the_image_installs_the_hub_without_qt():
    listed = subprocess.run(
        [sys.executable, str(HUB / "hub_requirements.py"), str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    names = [re.split(r"[\[<>=!~ ]", line, maxsplit=1)[0].lower() for line in listed]
    for needed in ("fastapi", "uvicorn", "sqlalchemy", "psycopg", "pydantic", "sqlcipher3"):
        assert needed in names, needed
    assert not [name for name in names if name.startswith("pyside6")]
    assert len(names) == len(set(names))


def test_compose_runs_the_hub_after_a_healthy_postgres():
    compose = yaml.safe_load((HUB / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"hub", "postgres"}
    assert services["postgres"]["image"] == "postgres:16"
    for name, service in services.items():
        check = service["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert check["interval"] and check["retries"] >= 3, name
    assert services["hub"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["hub"]["build"]["dockerfile"] == "packaging/hub/Dockerfile"
    assert (HUB / services["hub"]["build"]["context"] / "pyproject.toml").exists()
    assert "postgres-data" in compose["volumes"]
    database = services["hub"]["environment"]["LINKWORKER_HUB_DATABASE"]
    assert database.startswith("postgresql+psycopg://") and "@postgres:5432/" in database
    assert services["hub"]["ports"] == ["127.0.0.1:8765:8765"]


def test_the_systemd_unit_runs_unprivileged_and_hardened():
    unit = (HUB / "linkworker-hub.service").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#")
    )
    assert settings["User"] == "linkworker-hub"
    assert settings["EnvironmentFile"] == "/etc/linkworker-hub/hub.env"
    assert settings["NoNewPrivileges"] == "yes"
    assert settings["ProtectSystem"] == "strict"
    assert settings["CapabilityBoundingSet"] == ""
    assert settings["ExecStart"].endswith("linkworker hub serve --host 127.0.0.1 --port 8765")


def _variables_the_hub_reads() -> set[str]:
    found: set[str] = set()
    reads = 0
    for path in HUB_CODE:
        text = path.read_text(encoding="utf-8")
        reads += len(re.findall(r"os\.environ|os\.getenv", text))
        found |= set(re.findall(r"\"(LINKWORKER_[A-Z0-9_]+)\"", text))
    assert reads >= 3, "the hub reads its settings through os.environ"
    return found


def test_the_deployment_doc_lists_every_variable_the_hub_reads():
    variables = _variables_the_hub_reads()
    assert variables >= {
        "LINKWORKER_HUB_DATABASE",
        "LINKWORKER_HUB_POOL_SIZE",
        "LINKWORKER_HUB_MAX_OVERFLOW",
        "LINKWORKER_HUB_ENROL_PER_MINUTE",
        "LINKWORKER_HUB_MIN_PROTOCOL",
    }
    doc = DOC.read_text(encoding="utf-8")
    missing = [name for name in sorted(variables) if f"`{name}`" not in doc]
    assert missing == []


def _docker_unavailable() -> str:
    if shutil.which("docker") is None:
        return "docker is not on PATH"
    info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        reason = (info.stderr.strip().splitlines() or ["no reason given"])[-1]
        return f"docker is on PATH but its daemon does not answer: {reason}"
    return ""


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_the_image_builds_and_its_hub_starts():
    reason = _docker_unavailable()
    if reason:
        pytest.skip(reason)
    tag = "linkworker-hub:test"
    built = subprocess.run(
        ["docker", "build", "-f", str(HUB / "Dockerfile"), "-t", tag, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=1700,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    user = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Config.User}}", tag],
        capture_output=True,
        text=True,
        check=True,
    )
    assert user.stdout.strip() == "10001:10001"
    migrated = subprocess.run(
        ["docker", "run", "--rm", tag, "linkworker", "hub", "migrate"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.startswith("The hub database is at schema ")
