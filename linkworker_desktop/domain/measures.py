"""Outcome measures as data: items, response scale, scoring rules, bands and copyright line.

A measure file is parsed and checked here (no I/O), so a service can add or change a measure
without code, and a malformed file gets a message that says which line of thought went wrong.
A missing answer makes the result incomplete and unscored: it is never scored as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from linkworker_desktop.domain.errors import ValidationError

METHODS = ("item", "sum", "mean", "sum_table")
# What a measure is for: outcomes are asked in sessions; feedback (the Friends and Family Test)
# when support ends; service use (GP appointments) whenever the practice gives the counts.
PURPOSES = ("outcome", "feedback", "service_use")


class MeasureFileError(ValueError):
    """A measure file is malformed; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Band:
    lower: float
    label: str


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str = ""
    labels: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScoreRule:
    id: str
    label: str
    method: str
    items: tuple[str, ...]
    higher_is_better: bool
    bands: tuple[Band, ...] = ()
    table: Mapping[int, float] = field(default_factory=dict)
    decimals: int = 0

    def band_for(self, value: float) -> str | None:
        found = None
        for band in self.bands:
            if value >= band.lower:
                found = band.label
        return found


@dataclass(frozen=True, slots=True)
class ScoreValue:
    id: str
    label: str
    value: float
    band: str | None
    higher_is_better: bool


@dataclass(frozen=True, slots=True)
class MeasureScore:
    measure_id: str
    complete: bool
    missing: tuple[str, ...]
    values: tuple[ScoreValue, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure_id,
            "complete": self.complete,
            "missing": list(self.missing),
            "scores": [
                {"id": v.id, "label": v.label, "value": v.value, "band": v.band}
                for v in self.values
            ],
        }


@dataclass(frozen=True, slots=True)
class Change:
    id: str
    label: str
    before: float
    after: float
    higher_is_better: bool

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 2)

    @property
    def improved(self) -> bool | None:
        """True better, False worse, None unchanged: direction-aware (anxiety falls to improve)."""
        if self.delta == 0:
            return None
        return (self.delta > 0) == self.higher_is_better


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    name: str
    short_name: str
    version: int
    copyright: str
    instructions: str
    scale_min: int
    scale_max: int
    scale_labels: Mapping[int, str]
    items: tuple[Item, ...]
    scores: tuple[ScoreRule, ...]
    wording_licensed: bool = False
    purpose: str = "outcome"

    @property
    def has_wording(self) -> bool:
        return all(item.text for item in self.items)

    def item_labels(self, item: Item) -> Mapping[int, str]:
        return item.labels or self.scale_labels

    def check_answers(self, answers: Mapping[str, int | None]) -> dict[str, int | None]:
        """Answers by item id; ValidationError for unknown items or values off the scale."""
        known = {item.id for item in self.items}
        problems: dict[str, str] = {}
        for key in answers:
            if key not in known:
                problems[key] = f"{self.short_name} has no question {key!r}."
        clean: dict[str, int | None] = {}
        for item in self.items:
            value = answers.get(item.id)
            if value is None:
                clean[item.id] = None
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                problems[item.id] = f"The answer to {item.id} must be a whole number."
            elif not self.scale_min <= value <= self.scale_max:
                problems[item.id] = (
                    f"The answer to {item.id} must be from {self.scale_min} to {self.scale_max}; "
                    f"{value} is outside the scale."
                )
            else:
                clean[item.id] = value
        if problems:
            raise ValidationError(problems)
        return clean

    def score(self, answers: Mapping[str, int | None]) -> MeasureScore:
        clean = self.check_answers(answers)
        missing = tuple(item_id for item_id, value in clean.items() if value is None)
        if missing:
            return MeasureScore(self.id, False, missing, ())
        values = []
        for rule in self.scores:
            numbers = [clean[i] or 0 for i in rule.items]
            if rule.method == "item":
                value: float = numbers[0]
            elif rule.method == "sum":
                value = sum(numbers)
            elif rule.method == "mean":
                value = round(sum(numbers) / len(numbers), 2)
            else:
                value = rule.table[sum(numbers)]
            value = round(value, rule.decimals) if rule.decimals else value
            values.append(
                ScoreValue(rule.id, rule.label, value, rule.band_for(value), rule.higher_is_better)
            )
        return MeasureScore(self.id, True, (), tuple(values))


def compare(before: MeasureScore, after: MeasureScore, measure: Measure) -> list[Change]:
    """The change in each score between two complete results of one measure."""
    if not (before.complete and after.complete):
        return []
    first = {v.id: v for v in before.values}
    changes = []
    for value in after.values:
        if value.id in first:
            changes.append(
                Change(
                    value.id,
                    value.label,
                    first[value.id].value,
                    value.value,
                    value.higher_is_better,
                )
            )
    return changes


# --- parsing ------------------------------------------------------------------------------------


def _need(doc: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in doc:
        raise MeasureFileError(f"{where}: {key!r} is missing.")
    value = doc[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise MeasureFileError(f"{where}: {key!r} should be {kind.__name__}.")
    return value


def _labels(raw: Any, where: str) -> dict[int, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise MeasureFileError(f"{where}: 'labels' should be a table of value = \"words\".")
    try:
        return {int(k): str(v) for k, v in raw.items()}
    except ValueError as exc:
        raise MeasureFileError(f"{where}: label keys must be whole numbers.") from exc


def parse_measure(doc: Mapping[str, Any], source: str, scores_required: bool = True) -> Measure:
    """Build a Measure from a parsed TOML document, checking everything a scorer relies on.

    A licensed wording file may leave out ``scores`` when the app ships the scoring
    (``scores_required=False``); :func:`with_licensed_wording` then joins the two.
    """
    measure_id = _need(doc, "id", str, source)
    where = f"{source} ({measure_id})"
    scale = _need(doc, "scale", dict, where)
    low, high = _need(scale, "min", int, where), _need(scale, "max", int, where)
    if low >= high:
        raise MeasureFileError(f"{where}: the scale's min must be below its max.")
    raw_items = _need(doc, "items", list, where)
    items = []
    for number, raw in enumerate(raw_items, start=1):
        if not isinstance(raw, Mapping):
            raise MeasureFileError(f"{where}: item {number} should be a table.")
        items.append(
            Item(
                _need(raw, "id", str, f"{where} item {number}"),
                str(raw.get("text", "")),
                _labels(raw.get("labels"), f"{where} item {number}"),
            )
        )
    ids = [item.id for item in items]
    if not items or len(set(ids)) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise MeasureFileError(
            f"{where}: items must exist and have different ids (repeated: {repeated})."
        )
    raw_rules = _need(doc, "scores", list, where) if scores_required else doc.get("scores", [])
    rules = [_parse_rule(raw, set(ids), low, high, where) for raw in raw_rules]
    purpose = str(doc.get("purpose", "outcome"))
    if purpose not in PURPOSES:
        raise MeasureFileError(f"{where}: purpose must be one of {', '.join(PURPOSES)}.")
    if scores_required and not rules:
        raise MeasureFileError(f"{where}: at least one score is needed.")
    return Measure(
        id=measure_id,
        name=_need(doc, "name", str, where),
        short_name=str(doc.get("short_name") or doc["name"]),
        version=_need(doc, "version", int, where) if "version" in doc else 1,
        copyright=_need(doc, "copyright", str, where),
        instructions=str(doc.get("instructions", "")),
        scale_min=low,
        scale_max=high,
        scale_labels=_labels(scale.get("labels"), where),
        items=tuple(items),
        scores=tuple(rules),
        wording_licensed=bool(doc.get("wording_licensed", False)),
        purpose=purpose,
    )


def _parse_rule(raw: Any, ids: set[str], low: int, high: int, where: str) -> ScoreRule:
    if not isinstance(raw, Mapping):
        raise MeasureFileError(f"{where}: each score should be a table.")
    rule_id = _need(raw, "id", str, where)
    here = f"{where} score {rule_id}"
    method = _need(raw, "method", str, here)
    if method not in METHODS:
        raise MeasureFileError(f"{here}: method must be one of {', '.join(METHODS)}.")
    items = tuple(_need(raw, "items", list, here))
    unknown = [i for i in items if i not in ids]
    if not items or unknown:
        raise MeasureFileError(f"{here}: it scores unknown items {unknown}.")
    if method == "item" and len(items) != 1:
        raise MeasureFileError(f"{here}: the 'item' method scores exactly one item.")
    table: dict[int, float] = {}
    if method == "sum_table":
        raw_table = _need(raw, "table", dict, here)
        try:
            table = {int(k): float(v) for k, v in raw_table.items()}
        except (TypeError, ValueError) as exc:
            raise MeasureFileError(
                f"{here}: the conversion table maps whole-number totals to numbers."
            ) from exc
        needed = range(low * len(items), high * len(items) + 1)
        gaps = [n for n in needed if n not in table]
        if gaps:
            raise MeasureFileError(f"{here}: the conversion table has no row for {gaps}.")
    raw_bands = raw.get("bands", [])
    if not isinstance(raw_bands, list) or not all(isinstance(b, Mapping) for b in raw_bands):
        raise MeasureFileError(
            f"{here}: each band should be a table {{ from = ..., label = ... }}."
        )
    bands = tuple(
        Band(float(_need(b, "from", float, here)), _need(b, "label", str, here)) for b in raw_bands
    )
    if [b.lower for b in bands] != sorted(b.lower for b in bands):
        raise MeasureFileError(f"{here}: bands must be listed from the lowest up.")
    return ScoreRule(
        id=rule_id,
        label=_need(raw, "label", str, here),
        method=method,
        items=items,
        higher_is_better=bool(raw.get("higher_is_better", True)),
        bands=bands,
        table=table,
        decimals=_need(raw, "decimals", int, here) if "decimals" in raw else 0,
    )


def with_licensed_wording(shipped: Measure, imported: Measure) -> Measure:
    """A licensed import supplies wording; the shipped scoring stays unless the import has its own.

    The items must match one for one, so wording can never be attached to the wrong question.
    """
    if [i.id for i in shipped.items] != [i.id for i in imported.items]:
        raise MeasureFileError(
            f"The imported {imported.id} has items {[i.id for i in imported.items]}, "
            f"but the scoring expects {[i.id for i in shipped.items]}."
        )
    if (shipped.scale_min, shipped.scale_max) != (imported.scale_min, imported.scale_max):
        raise MeasureFileError(
            f"The imported {imported.id} answers from {imported.scale_min} to "
            f"{imported.scale_max}, but the scoring expects {shipped.scale_min} to "
            f"{shipped.scale_max}: check the file's [scale]."
        )
    return replace(
        imported,
        scores=imported.scores or shipped.scores,
        wording_licensed=True,
    )
