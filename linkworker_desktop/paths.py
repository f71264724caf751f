"""Find the bundled resources and migrations, wherever the app runs from.

A checkout keeps them at the repository's top level; a wheel maps them into
``linkworker_desktop/_data``; a PyInstaller bundle unpacks them under ``sys._MEIPASS``.
Everything else asks this module, so the three layouts never leak elsewhere.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found = [_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.insert(0, Path(bundle) / name)
    return found


@cache
def _locate(name: str) -> Path:
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The app's {name} folder is missing from this installation.")


def resources_dir() -> Path:
    """The folder of data files shipped with the app (templates, icons, measures)."""
    return _locate("resources")


def migrations_dir() -> Path:
    """The folder of numbered schema migrations."""
    return _locate("migrations")
