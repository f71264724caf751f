"""The installed version, read from the package metadata so it always matches pyproject.toml.

A source checkout that was never installed has no metadata; it falls back to ``__version__``.
"""

from __future__ import annotations

from importlib import metadata

from linkworker_desktop import __version__

DISTRIBUTION = "linkworker-desktop"


def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return __version__
