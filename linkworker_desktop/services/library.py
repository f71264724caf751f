"""The data files shipped in ``resources/``: session templates and outcome measures.

Read once per process; a malformed shipped file is a packaging fault and says so by name.
Measures a service imported under licence live in the encrypted caseload instead
(see services/measures.py).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from linkworker_desktop.domain.alerts import AlertKind, parse_alert_kinds
from linkworker_desktop.domain.measures import Measure, MeasureFileError, parse_measure
from linkworker_desktop.domain.safeguarding import Choice, parse_choices
from linkworker_desktop.domain.session_template import (
    SessionTemplate,
    TemplateFileError,
    parse_template,
)
from linkworker_desktop.paths import resources_dir


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name} is not valid TOML: {exc}") from exc


def load_templates(folder: Path | None = None) -> dict[str, SessionTemplate]:
    folder = folder or resources_dir() / "session_templates"
    templates = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            template = parse_template(_read_toml(path), path.name)
        except ValueError as exc:
            raise TemplateFileError(str(exc)) from exc
        templates[template.id] = template
    return templates


@cache
def shipped_templates() -> dict[str, SessionTemplate]:
    return load_templates()


def template_for_session(template_id: str, kind: str) -> SessionTemplate:
    """The template a session was run with, so its stages read as they were; a session run with
    a template no longer installed reads with its kind's template (unknown stages by their id)."""
    return shipped_templates().get(template_id) or template_for(kind)


def template_for(kind: str) -> SessionTemplate:
    """The template for an initial or follow-up session (a service's own file may replace ours)."""
    for template in shipped_templates().values():
        if template.kind == kind:
            return template
    raise TemplateFileError(f"No session template of kind {kind!r} is installed.")


def load_measure_file(path: Path, scores_required: bool = True) -> Measure:
    try:
        return parse_measure(_read_toml(path), path.name, scores_required)
    except ValueError as exc:
        raise MeasureFileError(str(exc)) from exc


@cache
def shipped_measures() -> dict[str, Measure]:
    folder = resources_dir() / "measures"
    return {m.id: m for m in (load_measure_file(p) for p in sorted(folder.glob("*.toml")))}


@cache
def alert_kinds() -> dict[str, AlertKind]:
    """The alerts a worker may set, from resources/alerts.toml (a service may edit the file)."""
    path = resources_dir() / "alerts.toml"
    try:
        return parse_alert_kinds(_read_toml(path), path.name)
    except (OSError, ValueError) as exc:
        raise TemplateFileError(f"The alert list cannot be read: {exc}") from exc


@cache
def safeguarding_choices() -> tuple[dict[str, Choice], dict[str, Choice]]:
    """(categories of harm, where a concern is passed to), from resources/safeguarding.toml."""
    path = resources_dir() / "safeguarding.toml"
    try:
        data = _read_toml(path)
        return (
            parse_choices(data, "category", path.name),
            parse_choices(data, "passed_to", path.name),
        )
    except (OSError, ValueError) as exc:
        raise TemplateFileError(f"The safeguarding lists cannot be read: {exc}") from exc
