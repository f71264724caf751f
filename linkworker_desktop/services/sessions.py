"""Running a session: start, stage changes, autosaved notes, goal review, end and addenda.

Notes are typed fast and must survive a crash, so every few seconds the runner writes the
stage's text to ``note_drafts`` (local, one small UPSERT). At each stage change and at the end
the drafts become ``session_notes`` through the unit of work (audited and queued for sync).
A session left running by a crash shows as interrupted, with its drafts, until resumed or ended.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.domain.session_template import SessionTemplate
from linkworker_desktop.services import lone_working
from linkworker_desktop.services.library import template_for, template_for_session
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork


@dataclass
class SessionState:
    """Everything the runner needs to show (or resume) a session."""

    session_id: str
    patient_id: str
    referral_id: str | None
    appointment_id: str | None
    template: SessionTemplate
    started_at: datetime
    current_stage: str
    stage_seconds: dict[str, float]
    notes: dict[str, str]
    what_matters: str
    ended: bool = False
    duration_seconds: int | None = None
    addenda: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    session_id: str
    started_at: datetime
    kind: str
    planned_minutes: int
    duration_seconds: int | None
    state: str
    notes: dict[str, str]
    what_matters: str
    addenda: tuple[dict[str, Any], ...]
    appointment_id: str | None = None  # joins the session to its booking in the record
    template_id: str = ""  # the template it was run with: its stages' titles

    def as_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "started_at": self.started_at.isoformat(),
            "kind": self.kind,
            "planned_minutes": self.planned_minutes,
            "duration_minutes": (
                round(self.duration_seconds / 60, 1) if self.duration_seconds is not None else None
            ),
            "state": self.state,
            "what_matters": self.what_matters,
            "notes": self.notes,
            "addenda": list(self.addenda),
        }


class SessionService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    @property
    def _conn(self) -> Any:
        return self.profile.conn

    # --- starting and resuming ----------------------------------------------------------------

    def start(self, appointment_id: str, now: datetime | None = None) -> SessionState:
        """Start the session of a booked appointment (or resume it if it was interrupted).

        A home visit's start also checks the worker in (lone working), in the same write.
        """
        rows = fetch_dicts(
            self._conn, "SELECT * FROM appointments WHERE id = ? AND deleted = 0", (appointment_id,)
        )
        if not rows:
            raise ValidationError({"appointment": "That session is not in the caseload."})
        appointment = rows[0]
        existing = fetch_dicts(
            self._conn,
            "SELECT id FROM sessions WHERE appointment_id = ? AND deleted = 0",
            (appointment_id,),
        )
        if existing:
            return self.load(existing[0]["id"])
        if appointment["status"] in ("cancelled", "did_not_attend"):
            raise ValidationError({"appointment": "That session was cancelled or not attended."})
        template = template_for(appointment["kind"])
        first = template.stages[0].id
        started = now or datetime.now(UTC)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            session_id = uow.insert(
                "sessions",
                {
                    "appointment_id": appointment_id,
                    "patient_id": appointment["patient_id"],
                    "referral_id": appointment["referral_id"],
                    "template_id": template.id,
                    "kind": template.kind,
                    "planned_minutes": template.planned_minutes,
                    "state": "running",
                    "started_at": started.astimezone(UTC).isoformat(timespec="milliseconds"),
                    "current_stage": first,
                    "worker_id": self.profile.actor.worker_id,
                },
            )
            lone_working.check_in(uow, self.profile, appointment, session_id, started)
            if appointment["referral_id"]:
                status = self._conn.execute(
                    "SELECT status FROM referrals WHERE id = ?", (appointment["referral_id"],)
                ).fetchone()[0]
                if status in (ReferralStatus.NEW, ReferralStatus.CONTACTED):
                    uow.update(
                        "referrals",
                        appointment["referral_id"],
                        {"status": ReferralStatus.ACTIVE.value},
                    )
        return self.load(session_id)

    def load(self, session_id: str) -> SessionState:
        rows = fetch_dicts(self._conn, "SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise ValidationError({"session": "That session is not in the caseload."})
        row = rows[0]
        template = template_for_session(row["template_id"], row["kind"])
        notes = {
            r["stage_id"]: r["text"]
            for r in fetch_dicts(
                self._conn,
                "SELECT stage_id, text FROM session_notes WHERE session_id = ? AND deleted = 0",
                (session_id,),
            )
        }
        for draft in fetch_dicts(
            self._conn, "SELECT stage_id, text FROM note_drafts WHERE session_id = ?", (session_id,)
        ):
            notes[draft["stage_id"]] = draft["text"]  # a draft is newer than its saved note
        return SessionState(
            session_id=session_id,
            patient_id=row["patient_id"],
            referral_id=row["referral_id"],
            appointment_id=row["appointment_id"],
            template=template,
            started_at=datetime.fromisoformat(row["started_at"]),
            current_stage=row["current_stage"] or template.stages[0].id,
            stage_seconds={k: float(v) for k, v in json.loads(row["stage_seconds"]).items()},
            notes=notes,
            what_matters=row["what_matters"],
            ended=row["state"] == "ended",
            duration_seconds=row["duration_seconds"],
            addenda=self._addenda(session_id),
        )

    def interrupted(self) -> list[SessionState]:
        """Sessions left running (the app was closed or killed mid-session)."""
        rows = fetch_dicts(
            self._conn,
            "SELECT id FROM sessions WHERE state = 'running' AND deleted = 0 AND worker_id = ?"
            " ORDER BY started_at",
            (self.profile.actor.worker_id,),
        )
        return [self.load(r["id"]) for r in rows]

    # --- while it runs ------------------------------------------------------------------------

    def autosave(
        self, session_id: str, stage_id: str, text: str, stage_seconds: dict[str, float]
    ) -> None:
        """The few-seconds save: one draft row and the time used, in one short transaction."""
        self._require_running(session_id)
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.execute(
                "INSERT INTO note_drafts (session_id, stage_id, text, saved_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (session_id, stage_id) DO UPDATE"
                " SET text = excluded.text, saved_at = excluded.saved_at",
                (session_id, stage_id, text, utc_now()),
            )
            self._conn.execute(
                "UPDATE sessions SET stage_seconds = ? WHERE id = ?",
                (json.dumps(stage_seconds), session_id),
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def change_stage(self, session_id: str, to_stage: str, stage_seconds: dict[str, float]) -> None:
        """Keep every draft as a note, then move on (so a stage change is a durable save)."""
        state = self._require_running(session_id)
        state.template.stage(to_stage)  # raises KeyError for a stage the template lacks
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            self._commit_drafts(uow, session_id)
            uow.update(
                "sessions",
                session_id,
                {"current_stage": to_stage, "stage_seconds": json.dumps(stage_seconds)},
            )

    def set_what_matters(self, session_id: str, text: str) -> None:
        """What matters to the patient, in their words (kept on the session and the patient)."""
        self._require_running(session_id)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            uow.update("sessions", session_id, {"what_matters": text.strip()})

    def end(
        self, session_id: str, stage_seconds: dict[str, float], now: datetime | None = None
    ) -> SessionState:
        """End the session: notes kept, actual duration recorded, the appointment attended,
        and a home visit's worker checked out."""
        state = self._require_running(session_id)
        duration = round(sum(stage_seconds.values()))
        if duration <= 0:
            raise ValidationError({"session": "The session has not started yet, so it cannot end."})
        ended = (now or datetime.now(UTC)).astimezone(UTC)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            self._commit_drafts(uow, session_id)
            uow.update(
                "sessions",
                session_id,
                {
                    "state": "ended",
                    "ended_at": ended.isoformat(timespec="seconds"),
                    "duration_seconds": duration,
                    "stage_seconds": json.dumps(stage_seconds),
                },
            )
            if state.appointment_id:
                uow.update("appointments", state.appointment_id, {"status": "attended"})
            lone_working.check_out_session(uow, session_id, ended)
        return self.load(session_id)

    def add_addendum(self, session_id: str, text: str) -> str:
        """A correction to an ended session: a new record with its own author and time."""
        if not text.strip():
            raise ValidationError({"text": "Write the addendum first."})
        state = self.load(session_id)
        if not state.ended:
            raise ValidationError({"session": "Add to the notes directly while it is running."})
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return uow.insert("session_addenda", {"session_id": session_id, "text": text.strip()})

    # --- history ------------------------------------------------------------------------------

    def history(self, patient_id: str) -> list[SessionSummary]:
        rows = fetch_dicts(
            self._conn,
            "SELECT * FROM sessions WHERE patient_id = ? AND deleted = 0 ORDER BY started_at",
            (patient_id,),
        )
        notes: dict[str, dict[str, str]] = {}
        for note in fetch_dicts(
            self._conn,
            "SELECT n.session_id, n.stage_id, n.text FROM session_notes n"
            " JOIN sessions s ON s.id = n.session_id"
            " WHERE s.patient_id = ? AND n.deleted = 0",
            (patient_id,),
        ):
            notes.setdefault(note["session_id"], {})[note["stage_id"]] = note["text"]
        return [
            SessionSummary(
                session_id=row["id"],
                started_at=datetime.fromisoformat(row["started_at"]),
                kind=row["kind"],
                planned_minutes=row["planned_minutes"],
                duration_seconds=row["duration_seconds"],
                state=row["state"],
                notes=notes.get(row["id"], {}),
                what_matters=row["what_matters"],
                addenda=tuple(self._addenda(row["id"])),
                appointment_id=row["appointment_id"],
                template_id=row["template_id"],
            )
            for row in rows
        ]

    # --- internals ----------------------------------------------------------------------------

    def _addenda(self, session_id: str) -> list[dict[str, Any]]:
        return fetch_dicts(
            self._conn,
            "SELECT a.text, a.created_at, w.display_name AS author FROM session_addenda a"
            " LEFT JOIN workers w ON w.id = a.author_id"
            " WHERE a.session_id = ? AND a.deleted = 0 ORDER BY a.created_at",
            (session_id,),
        )

    def _require_running(self, session_id: str) -> SessionState:
        state = self.load(session_id)
        if state.ended:
            raise ValidationError(
                {"session": "This session has ended; its notes can only be added to (addendum)."}
            )
        return state

    def _commit_drafts(self, uow: UnitOfWork, session_id: str) -> None:
        drafts = fetch_dicts(
            self._conn, "SELECT stage_id, text FROM note_drafts WHERE session_id = ?", (session_id,)
        )
        for draft in drafts:
            existing = self._conn.execute(
                "SELECT id FROM session_notes WHERE session_id = ? AND stage_id = ?",
                (session_id, draft["stage_id"]),
            ).fetchone()
            if existing:
                uow.update("session_notes", existing[0], {"text": draft["text"]})
            elif draft["text"].strip():
                uow.insert(
                    "session_notes",
                    {
                        "session_id": session_id,
                        "stage_id": draft["stage_id"],
                        "text": draft["text"],
                    },
                )
        self._conn.execute("DELETE FROM note_drafts WHERE session_id = ?", (session_id,))
