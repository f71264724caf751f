"""Licensed-wording files for the measure tests, and importing one as a worker would.

The wording is placeholder text ("Statement 1" ...), never the real scale.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from linkworker_desktop.cli.main import main
from tests.conftest import PASSPHRASE

COPYRIGHT = "SWEMWBS wording licensed to the Test Social Prescribing Service."


def wording_file(
    tmp_path: Path,
    item_ids: list[str] | None = None,
    scale: tuple[int, int] = (1, 5),
    name: str = "swemwbs-licensed.toml",
) -> Path:
    """A licensed-wording file for SWEMWBS with placeholder statements (no real wording)."""
    ids = item_ids or [f"item{n}" for n in range(1, 8)]
    lines = [
        'id = "swemwbs"',
        'name = "Short Warwick-Edinburgh Mental Wellbeing Scale"',
        f'copyright = "{COPYRIGHT}"',
        "[scale]",
        f"min = {scale[0]}",
        f"max = {scale[1]}",
        'labels = { 1 = "Label one", 5 = "Label five" }',
    ]
    for number, item_id in enumerate(ids, start=1):
        lines += ["[[items]]", f'id = "{item_id}"', f'text = "Statement {number}"']
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def import_measure(laptop: Any, path: Path, monkeypatch: Any, capsys: Any) -> str:
    """``linkworker measure import FILE`` against this laptop's own data folder: its output."""
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    folder = str(laptop.files.folder)
    code = main(["--data-dir", folder, "--passphrase-stdin", "measure", "import", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out
