"""Each layer imports only the layers below it: the arrows of the design, checked on every run.

Imports are read with ``ast`` from every module (including imports inside functions, where a
wrong-way arrow likes to hide), so a new file is covered without being listed here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linkworker_desktop"

# Layer -> the package's layers it must never import.
FORBIDDEN = {
    "domain": {"storage", "sync", "services", "printing", "hub", "cli", "ui"},
    "storage": {"sync", "services", "printing", "hub", "cli", "ui"},
    "sync": {"services", "printing", "hub", "cli", "ui"},
    "services": {"cli", "ui", "hub"},
    # The report pack prints with printing/'s fonts, layout and owner-only files.
    "reports": {"sync", "services", "hub", "cli", "ui"},
    "ui": {"storage", "sync", "hub", "cli"},
}


def imported_layers(path: Path) -> set[tuple[str, int]]:
    """(layer of linkworker_desktop imported, line) for every import in one module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "linkworker_desktop" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def wrong_way(layer: str) -> list[str]:
    modules = sorted((PACKAGE / layer).rglob("*.py"))
    assert modules, f"no modules found under {layer}/"
    return [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}/"
        for path in modules
        for target, line in sorted(imported_layers(path))
        if target in FORBIDDEN[layer]
    ]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_one_above_it(layer):
    assert wrong_way(layer) == []


def test_the_check_sees_a_wrong_way_import_inside_a_function(tmp_path):
    module = tmp_path / "engine.py"
    module.write_text(
        "from linkworker_desktop.sync import state\n"
        "def pull():\n"
        "    from linkworker_desktop.services.directory import Directory\n"
        "    import linkworker_desktop.storage.os_keyring\n",
        "utf-8",
    )
    assert imported_layers(module) == {("sync", 1), ("services", 3), ("storage", 4)}
