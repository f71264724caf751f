"""Recording outcome measures, importing licensed wording, and the change from baseline.

The app ships ONS4, UCLA-3, the ONS loneliness question and SWEMWBS *scoring*. A service with
a licence imports a measure file with the wording; it is kept inside the encrypted caseload
(and synced), and its copyright line travels with it wherever it is shown.
"""

from __future__ import annotations

import json
import tomllib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.domain.measures import (
    Change,
    Measure,
    MeasureFileError,
    MeasureScore,
    ScoreValue,
    compare,
    parse_measure,
    with_licensed_wording,
)
from linkworker_desktop.services.library import shipped_measures
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import MEASURE_REVIEW_EVERY
from linkworker_desktop.storage.records import fetch_dicts, next_sequence
from linkworker_desktop.storage.unit_of_work import UnitOfWork

TIMEPOINTS = ("baseline", "review", "discharge")
MAX_IMPORT_BYTES = 256 * 1024


# Every laptop names a measure's imported wording the same way, so two workers importing the
# same file make one record (an edit of it, if their wordings differ), never two that clash.
_DEFINITIONS = uuid.UUID("6f1d2c1e-3b7a-5c43-9a51-4d0f8e6b2a10")


def definition_id(measure_id: str) -> str:
    return str(uuid.uuid5(_DEFINITIONS, measure_id))


@dataclass(frozen=True, slots=True)
class MeasureResult:
    id: str
    measure_id: str
    timepoint: str
    recorded_at: datetime
    score: MeasureScore


class MeasureService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    # --- the library: shipped and imported ----------------------------------------------------

    def library(self) -> dict[str, Measure]:
        """Every measure this caseload can use; imported wording joins the shipped scoring."""
        measures = dict(shipped_measures())
        for row in fetch_dicts(
            self.profile.conn,
            "SELECT measure_id, source FROM measure_definitions WHERE deleted = 0",
        ):
            imported = self._parse(row["source"], f"imported {row['measure_id']}")
            shipped = measures.get(imported.id)
            measures[imported.id] = (
                with_licensed_wording(shipped, imported) if shipped else imported
            )
        return measures

    def askable(self) -> list[Measure]:
        """Measures with wording to ask (SWEMWBS appears only once its wording is imported)."""
        return [m for m in self.library().values() if m.has_wording]

    def get(self, measure_id: str) -> Measure:
        try:
            return self.library()[measure_id]
        except KeyError as exc:
            raise ValidationError(
                {"measure": f"There is no measure called {measure_id!r}."}
            ) from exc

    def import_file(self, path: Path) -> Measure:
        """Check and keep a measure file; raises MeasureFileError with the reason."""
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise MeasureFileError(f"{path.name} is too large to be a measure file.")
        try:
            source = path.read_text("utf-8")
        except UnicodeDecodeError as exc:
            raise MeasureFileError(f"The file {path.name} is not a text file.") from exc
        measure = self._parse(source, path.name)
        shipped = shipped_measures().get(measure.id)
        merged = with_licensed_wording(shipped, measure) if shipped else measure
        if not merged.scores:
            raise MeasureFileError(f"{path.name}: a new measure needs its scoring ([[scores]]).")
        existing = self.profile.conn.execute(
            "SELECT id FROM measure_definitions WHERE measure_id = ?", (measure.id,)
        ).fetchone()
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            if existing:
                uow.update("measure_definitions", existing[0], {"source": source, "deleted": 0})
            else:
                uow.insert(
                    "measure_definitions",
                    {"id": definition_id(measure.id), "measure_id": measure.id, "source": source},
                )
        return merged

    @staticmethod
    def _parse(source: str, name: str) -> Measure:
        try:
            doc = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            raise MeasureFileError(f"The file {name} is not valid TOML ({exc}).") from exc
        measure_id = doc.get("id")
        needs_scores = measure_id not in shipped_measures()
        try:
            return parse_measure(doc, name, scores_required=needs_scores)
        except ValueError as exc:
            raise MeasureFileError(str(exc)) from exc

    # --- recording ----------------------------------------------------------------------------

    def record(
        self,
        patient_id: str,
        measure_id: str,
        answers: dict[str, int | None],
        timepoint: str,
        referral_id: str | None = None,
        session_id: str | None = None,
    ) -> MeasureResult:
        """Score and keep one completion; an incomplete one is kept unscored, never as zero."""
        if timepoint not in TIMEPOINTS:
            raise ValidationError(
                {"timepoint": f"Timepoint must be one of {', '.join(TIMEPOINTS)}."}
            )
        measure = self.get(measure_id)
        score = measure.score(answers)
        now = utc_now()
        order = {"patient_id": patient_id, "measure_id": measure_id}
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            result_id = uow.insert(
                "measure_results",
                {
                    "sequence": next_sequence(self.profile.conn, "measure_results", order),
                    "patient_id": patient_id,
                    "referral_id": referral_id,
                    "session_id": session_id,
                    "measure_id": measure_id,
                    "timepoint": timepoint,
                    "answers": json.dumps(answers, sort_keys=True),
                    "complete": int(score.complete),
                    "scores": json.dumps(score.as_json()),
                    "recorded_at": now,
                },
            )
        return MeasureResult(result_id, measure_id, timepoint, datetime.fromisoformat(now), score)

    def results(self, patient_id: str, measure_id: str | None = None) -> list[MeasureResult]:
        sql = (
            "SELECT id, measure_id, timepoint, recorded_at, scores FROM measure_results"
            " WHERE patient_id = ? AND deleted = 0"
        )
        params: list[Any] = [patient_id]
        if measure_id:
            sql += " AND measure_id = ?"
            params.append(measure_id)
        # The stored scores carry no direction; the measure's rules say which way is better.
        library = self.library()
        results = []
        for row in fetch_dicts(
            self.profile.conn, sql + " ORDER BY recorded_at, sequence, id", params
        ):
            doc = json.loads(row["scores"])
            known = library.get(row["measure_id"])
            better = {r.id: r.higher_is_better for r in known.scores} if known else {}
            score = MeasureScore(
                measure_id=row["measure_id"],
                complete=bool(doc["complete"]),
                missing=tuple(doc["missing"]),
                values=tuple(
                    ScoreValue(
                        s["id"], s["label"], s["value"], s["band"], better.get(s["id"], True)
                    )
                    for s in doc["scores"]
                ),
            )
            results.append(
                MeasureResult(
                    row["id"],
                    row["measure_id"],
                    row["timepoint"],
                    datetime.fromisoformat(row["recorded_at"]),
                    score,
                )
            )
        return results

    def change(self, patient_id: str, measure_id: str) -> list[Change]:
        """Change from the first complete result to the latest complete one."""
        complete = [r for r in self.results(patient_id, measure_id) if r.score.complete]
        if len(complete) < 2:
            return []
        measure = self.get(measure_id)
        rescored = [measure.score(self._answers(r.id)) for r in (complete[0], complete[-1])]
        return compare(rescored[0], rescored[1], measure)

    def _answers(self, result_id: str) -> dict[str, int | None]:
        row = self.profile.conn.execute(
            "SELECT answers FROM measure_results WHERE id = ?", (result_id,)
        ).fetchone()
        return json.loads(row[0])

    def due(self, patient_id: str, referral_id: str | None, measure_id: str) -> str | None:
        """Which timepoint is due now: 'baseline' with none yet, 'review' every N sessions."""
        recorded = fetch_dicts(
            self.profile.conn,
            "SELECT timepoint, complete FROM measure_results WHERE patient_id = ?"
            " AND measure_id = ? AND deleted = 0 AND (referral_id IS ? OR ? IS NULL)",
            (patient_id, measure_id, referral_id, referral_id),
        )
        if not any(r["complete"] for r in recorded):
            return "baseline"
        every = self.profile.settings.get(MEASURE_REVIEW_EVERY)
        attended = self.profile.conn.execute(
            "SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND status = 'attended'"
            " AND deleted = 0 AND (referral_id IS ? OR ? IS NULL)",
            (patient_id, referral_id, referral_id),
        ).fetchone()[0]
        reviews = sum(1 for r in recorded if r["timepoint"] == "review" and r["complete"])
        if attended >= every * (reviews + 1):
            return "review"
        return None
