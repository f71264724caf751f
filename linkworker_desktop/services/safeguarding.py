"""Safeguarding concerns on a record: raised, handed over, closed; each step audited and synced.

Raising a concern sets the record's "Safeguarding concern open" alert; closing the last open
concern clears it with the outcome, so the banner, the caseload and Today show it meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.domain.safeguarding import (
    PERSON_AT_RISK,
    Choice,
    Concern,
    Handover,
    required_text,
)
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.library import safeguarding_choices
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork

ALERT_KIND = "safeguarding_concern"


def _choice(choices: dict[str, Choice], value: str) -> Choice:
    return choices.get(value) or Choice(value, value.replace("_", " "))


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class SafeguardingService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile
        self.categories, self.passed_to = safeguarding_choices()

    # --- reading ------------------------------------------------------------------------------

    def concerns(self, patient_id: str | None = None, open_only: bool = False) -> list[Concern]:
        """Concerns, newest first, each with its hand-overs in the order they happened."""
        where = ["c.deleted = 0"]
        params: list[Any] = []
        if patient_id is not None:
            where.append("c.patient_id = ?")
            params.append(patient_id)
        if open_only:
            where.append("c.closed_at IS NULL")
        rows = fetch_dicts(
            self.profile.conn,
            "SELECT c.*, coalesce(wr.display_name, '') AS raised_name,"
            " coalesce(wc.display_name, '') AS closed_name FROM safeguarding_concerns c"
            " LEFT JOIN workers wr ON wr.id = c.raised_by"
            " LEFT JOIN workers wc ON wc.id = c.closed_by"
            f" WHERE {' AND '.join(where)} ORDER BY c.raised_at DESC, c.id DESC",
            params,
        )
        handovers = self._handovers([r["id"] for r in rows])
        return [
            Concern(
                id=r["id"],
                patient_id=r["patient_id"],
                raised_at=datetime.fromisoformat(r["raised_at"]),
                raised_by=r["raised_name"],
                person_at_risk=r["person_at_risk"],
                at_risk_details=r["at_risk_details"],
                category=_choice(self.categories, r["category"]),
                what_was_seen=r["what_was_seen"],
                immediate_action=r["immediate_action"],
                handovers=tuple(handovers.get(r["id"], [])),
                closed_at=_when(r["closed_at"]),
                closed_by=r["closed_name"],
                outcome=r["outcome"],
            )
            for r in rows
        ]

    def concern(self, concern_id: str) -> Concern:
        patient = self.profile.conn.execute(
            "SELECT patient_id FROM safeguarding_concerns WHERE id = ? AND deleted = 0",
            (concern_id,),
        ).fetchone()
        if patient is None:
            raise ValidationError({"concern": "That safeguarding concern is not in the caseload."})
        return next(c for c in self.concerns(patient[0]) if c.id == concern_id)

    def handover_overdue(self, now: datetime) -> list[Concern]:
        """Open concerns with no hand-over 24 hours after they were raised: Today chases them."""
        return [c for c in self.concerns(open_only=True) if c.handover_overdue(now)]

    # --- writing ------------------------------------------------------------------------------

    def raise_concern(
        self,
        patient_id: str,
        *,
        person_at_risk: str,
        category: str,
        what_was_seen: str,
        immediate_action: str = "",
        at_risk_details: str = "",
        now: datetime | None = None,
    ) -> str:
        problems: dict[str, str] = {}
        if person_at_risk not in PERSON_AT_RISK:
            problems["person_at_risk"] = "Say who is at risk."
        elif person_at_risk != "patient" and not at_risk_details.strip():
            problems["at_risk_details"] = "Say who is at risk: a name, or how they are known."
        if category not in self.categories:
            problems["category"] = "Choose the kind of harm from the list."
        try:
            seen = required_text(what_was_seen, "what_was_seen", "what was seen or said")
        except ValidationError as exc:
            problems.update(exc.problems)
            seen = ""
        if problems:
            raise ValidationError(problems)
        raised_at = (now or datetime.now().astimezone()).isoformat()
        label = self.categories[category].full_label
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            concern_id = uow.insert(
                "safeguarding_concerns",
                {
                    "patient_id": patient_id,
                    "raised_at": raised_at,
                    "raised_by": self.profile.actor.worker_id,
                    "person_at_risk": person_at_risk,
                    "at_risk_details": at_risk_details.strip(),
                    "category": category,
                    "what_was_seen": seen,
                    "immediate_action": immediate_action.strip(),
                },
            )
        alerts = AlertService(self.profile)
        if not any(a.kind.id == ALERT_KIND for a in alerts.active(patient_id)):
            day = datetime.fromisoformat(raised_at)
            alerts.set(patient_id, ALERT_KIND, f"{label}, raised {day.day} {day:%b %Y}.")
        return concern_id

    def record_handover(
        self,
        concern_id: str,
        *,
        passed_to: str,
        passed_at: datetime,
        contact: str = "",
        notes: str = "",
    ) -> str:
        concern = self.concern(concern_id)
        if not concern.open:
            raise ValidationError({"concern": "This concern is closed."})
        if passed_to not in self.passed_to:
            raise ValidationError({"passed_to": "Choose who it was passed to."})
        if passed_at < concern.raised_at.replace(second=0, microsecond=0):
            raise ValidationError(
                {"passed_at": "A hand-over cannot be before the concern was raised."}
            )
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return uow.insert(
                "safeguarding_handovers",
                {
                    "concern_id": concern_id,
                    "passed_to": passed_to,
                    "passed_at": passed_at.isoformat(),
                    "contact": contact.strip(),
                    "notes": notes.strip(),
                    "recorded_by": self.profile.actor.worker_id,
                },
            )

    def close(self, concern_id: str, outcome: str) -> None:
        concern = self.concern(concern_id)
        if not concern.open:
            raise ValidationError({"concern": "This concern is already closed."})
        text = required_text(outcome, "outcome", "the outcome")
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            uow.update(
                "safeguarding_concerns",
                concern_id,
                {
                    "closed_at": utc_now(),
                    "closed_by": self.profile.actor.worker_id,
                    "outcome": text,
                },
            )
        if not self.concerns(concern.patient_id, open_only=True):
            alerts = AlertService(self.profile)
            for alert in alerts.active(concern.patient_id):
                if alert.kind.id == ALERT_KIND:
                    alerts.clear(alert.id, f"Concern closed: {text}"[:500])

    # --- inside -------------------------------------------------------------------------------

    def _handovers(self, concern_ids: list[str]) -> dict[str, list[Handover]]:
        if not concern_ids:
            return {}
        marks = ", ".join("?" for _ in concern_ids)
        found: dict[str, list[Handover]] = {}
        for r in fetch_dicts(
            self.profile.conn,
            "SELECT h.*, coalesce(w.display_name, '') AS recorded_name"
            " FROM safeguarding_handovers h LEFT JOIN workers w ON w.id = h.recorded_by"
            f" WHERE h.deleted = 0 AND h.concern_id IN ({marks}) ORDER BY h.passed_at, h.id",
            concern_ids,
        ):
            found.setdefault(r["concern_id"], []).append(
                Handover(
                    id=r["id"],
                    passed_to=_choice(self.passed_to, r["passed_to"]),
                    passed_at=datetime.fromisoformat(r["passed_at"]),
                    contact=r["contact"],
                    notes=r["notes"],
                    recorded_by=r["recorded_name"],
                )
            )
        return found
