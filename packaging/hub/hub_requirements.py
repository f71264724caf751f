"""Print the packages the hub image needs: the app's dependencies without Qt, plus the hub extra.

The hub and its command line never import Qt, so the image leaves out PySide6 (most of the
desktop app's size). Read from pyproject.toml, so the image follows the project's own pins.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# The desktop app's screen; nothing the hub or the command line imports.
DESKTOP_ONLY = ("pyside6",)


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower()


def hub_requirements(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = [r for r in project["dependencies"] if not _name(r).startswith(DESKTOP_ONLY)]
    wanted += project["optional-dependencies"]["hub"]
    return list(dict.fromkeys(wanted))


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("pyproject.toml")
    print("\n".join(hub_requirements(source)))
