"""The version IT sees (``--version``, the self-test) is the one in pyproject.toml."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from linkworker_desktop import __version__, version

ROOT = Path(__file__).resolve().parents[1]


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_version_comes_from_the_package_metadata_and_matches_pyproject():
    assert version.app_version() == metadata.version("linkworker-desktop")
    assert version.app_version() == pyproject_version()
    assert __version__ == pyproject_version()


def test_an_uninstalled_checkout_falls_back_to_the_package_version(monkeypatch):
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(version.metadata, "version", not_installed)
    monkeypatch.setattr(version, "__version__", "9.8.7")
    assert version.app_version() == "9.8.7"
