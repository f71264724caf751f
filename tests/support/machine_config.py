"""An organisation's machine configuration for a test: written where the app will look."""

from __future__ import annotations

import os
from pathlib import Path

from linkworker_desktop.services.machine_config import PATH_VARIABLE


def write_machine_config(text: str) -> Path:
    """Write ``text`` as this test's machine configuration (conftest points the app at it)."""
    path = Path(os.environ[PATH_VARIABLE])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
