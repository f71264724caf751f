"""Session templates: the stages of an initial or follow-up session, with planned minutes.

Templates are data (``resources/session_templates/*.toml``) so a service can change the
stages or add its own without code; this module checks a parsed file and explains mistakes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("initial", "follow_up")
# What a stage asks the runner to show besides notes.
CAPTURES = ("", "consent", "what_matters", "goal_review", "measure", "book_next")


class TemplateFileError(ValueError):
    """A template file is malformed; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str
    minutes: int
    prompt: str = ""
    captures: str = ""


@dataclass(frozen=True, slots=True)
class SessionTemplate:
    id: str
    name: str
    kind: str
    planned_minutes: int
    stages: tuple[Stage, ...]

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def next_stage(self, stage_id: str) -> Stage | None:
        ids = [s.id for s in self.stages]
        index = ids.index(stage_id)
        return self.stages[index + 1] if index + 1 < len(ids) else None


def parse_template(doc: Mapping[str, Any], source: str) -> SessionTemplate:
    def need(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
        value = table.get(key)
        if value is None:
            raise TemplateFileError(f"{where}: {key!r} is missing.")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TemplateFileError(f"{where}: {key!r} should be {kind.__name__}.")
        return value

    template_id = need(doc, "id", str, source)
    where = f"{source} ({template_id})"
    kind = need(doc, "kind", str, where)
    if kind not in KINDS:
        raise TemplateFileError(f"{where}: kind must be one of {', '.join(KINDS)}.")
    planned = need(doc, "planned_minutes", int, where)
    if not 5 <= planned <= 180:
        raise TemplateFileError(f"{where}: planned_minutes must be between 5 and 180.")
    stages = []
    for number, raw in enumerate(need(doc, "stages", list, where), start=1):
        here = f"{where} stage {number}"
        if not isinstance(raw, Mapping):
            raise TemplateFileError(f"{here}: should be a table.")
        minutes = need(raw, "minutes", int, here)
        if minutes < 1:
            raise TemplateFileError(f"{here}: minutes must be at least 1.")
        captures = str(raw.get("captures", ""))
        if captures not in CAPTURES:
            raise TemplateFileError(f"{here}: captures must be one of {', '.join(CAPTURES[1:])}.")
        stages.append(
            Stage(
                id=need(raw, "id", str, here),
                title=need(raw, "title", str, here),
                minutes=minutes,
                prompt=str(raw.get("prompt", "")),
                captures=captures,
            )
        )
    if not stages:
        raise TemplateFileError(f"{where}: a template needs at least one stage.")
    ids = [s.id for s in stages]
    if len(set(ids)) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise TemplateFileError(f"{where}: two stages share an id ({', '.join(repeated)}).")
    total = sum(s.minutes for s in stages)
    if total != planned:
        raise TemplateFileError(
            f"{where}: the stages add up to {total} minutes but the session plans {planned}."
        )
    return SessionTemplate(template_id, need(doc, "name", str, where), kind, planned, tuple(stages))
