"""The hazard log stays true: every hazard has a tested control and every test it names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "safety" / "hazard-log.md"
HAZARD = re.compile(r"^## (H-\d\d): (.+)$", re.M)
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")
# What the product's safety case must cover, as the issue and DCB0129 review asked.
REQUIRED = (
    "Wrong patient opened or merged",
    "Lost or mis-attributed notes",
    "Wrong measure score or band",
    "A missed or lost safeguarding concern",
    "An alert not shown before a home visit",
    "An overdue visit not noticed",
    "Consent misread",
    "A plan printed for the wrong patient",
    "Stale data after a long time offline",
    "A sync conflict settled wrongly",
    "A worker locked out mid-visit",
)


def hazards(text: str | None = None) -> dict[str, tuple[str, str]]:
    text = LOG.read_text(encoding="utf-8") if text is None else text
    found = list(HAZARD.finditer(text))
    sections = {}
    for here, after in zip(found, [*found[1:], None], strict=True):
        end = after.start() if after else len(text)
        sections[here.group(1)] = (here.group(2), text[here.end() : end])
    return sections


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_every_hazard_the_product_must_cover_is_logged():
    titles = {title for title, _ in hazards().values()}
    assert set(REQUIRED) <= titles, set(REQUIRED) - titles


def test_every_hazard_has_its_parts_and_a_tested_control():
    logged = hazards()
    assert len(logged) >= len(REQUIRED)
    for hazard_id, (title, body) in logged.items():
        for part in ("**Cause**", "**Effect**", "**Initial risk**", "**Controls**", "**Residual"):
            assert part in body, f"{hazard_id} {title} has no {part}"
        assert TEST_REF.search(body), f"{hazard_id} {title} names no test for its controls"


def named_tests(text: str | None = None) -> tuple[int, list[str]]:
    """How many tests the log names, and those that do not exist."""
    missing = []
    checked = 0
    for hazard_id, (_title, body) in hazards(text).items():
        for path, name in TEST_REF.findall(body):
            checked += 1
            file = ROOT / path
            if not file.is_file() or name not in functions_in(file):
                missing.append(f"{hazard_id}: {path}::{name}")
    return checked, missing


def test_every_test_a_control_names_exists():
    checked, missing = named_tests()
    assert checked >= 40
    assert missing == [], "\n".join(missing)


def test_the_checker_notices_a_test_renamed_away_or_a_file_gone():
    log = (
        "## H-99: A made-up hazard\n"
        "  - kept — `tests/services/test_alerts.py::test_one_alert_of_a_kind_at_a_time`\n"
        "  - renamed — `tests/services/test_alerts.py::test_that_was_renamed_away`\n"
        "  - moved — `tests/services/test_no_such_file.py::test_anything`\n"
    )
    assert named_tests(log) == (
        3,
        [
            "H-99: tests/services/test_alerts.py::test_that_was_renamed_away",
            "H-99: tests/services/test_no_such_file.py::test_anything",
        ],
    )
