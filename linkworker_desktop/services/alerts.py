"""Alerts on patients' records: set and cleared with a reason, read everywhere before contact.

Writes go through the unit of work, so each is audited and synced like the rest of the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from linkworker_desktop.domain.alerts import Alert, AlertKind, check_reason
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.services.library import alert_kinds
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork

_COLUMNS = (
    "a.id, a.patient_id, a.kind, a.reason, a.set_at, a.cleared_at, a.clear_reason,"
    " coalesce(ws.display_name, '') AS set_by_name,"
    " coalesce(wc.display_name, '') AS cleared_by_name"
)
_FROM = (
    " FROM patient_alerts a"
    " LEFT JOIN workers ws ON ws.id = a.set_by"
    " LEFT JOIN workers wc ON wc.id = a.cleared_by"
)


def _kind(kind_id: str) -> AlertKind:
    """A kind this laptop's list lacks (another service's list) still shows, by its id."""
    return alert_kinds().get(kind_id) or AlertKind(kind_id, kind_id.replace("_", " "), "", False)


def _alert(row: dict[str, Any]) -> Alert:
    return Alert(
        id=row["id"],
        patient_id=row["patient_id"],
        kind=_kind(row["kind"]),
        reason=row["reason"],
        set_at=datetime.fromisoformat(row["set_at"]),
        set_by=row["set_by_name"],
        cleared_at=datetime.fromisoformat(row["cleared_at"]) if row["cleared_at"] else None,
        cleared_by=row["cleared_by_name"],
        clear_reason=row["clear_reason"],
    )


class AlertService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    def kinds(self) -> list[AlertKind]:
        return list(alert_kinds().values())

    def active(self, patient_id: str) -> list[Alert]:
        """The alerts in force, in the list's order (the most serious first)."""
        rows = fetch_dicts(
            self.profile.conn,
            f"SELECT {_COLUMNS}{_FROM}"
            " WHERE a.patient_id = ? AND a.cleared_at IS NULL AND a.deleted = 0",
            (patient_id,),
        )
        return _in_list_order(_alert(r) for r in rows)

    def history(self, patient_id: str) -> list[Alert]:
        """Every alert ever set, newest first, cleared ones with who cleared them and why."""
        rows = fetch_dicts(
            self.profile.conn,
            f"SELECT {_COLUMNS}{_FROM} WHERE a.patient_id = ? AND a.deleted = 0"
            " ORDER BY a.set_at DESC, a.id DESC",
            (patient_id,),
        )
        return [_alert(r) for r in rows]

    def active_by_patient(self, patient_ids: Iterable[str] | None = None) -> dict[str, list[Alert]]:
        """Active alerts of many patients at once (the caseload, the day's list)."""
        sql = f"SELECT {_COLUMNS}{_FROM} WHERE a.cleared_at IS NULL AND a.deleted = 0"
        params: list[str] = []
        if patient_ids is not None:
            wanted = sorted(set(patient_ids))
            if not wanted:
                return {}
            sql += f" AND a.patient_id IN ({', '.join('?' for _ in wanted)})"
            params = wanted
        found: dict[str, list[Alert]] = {}
        for alert in (_alert(r) for r in fetch_dicts(self.profile.conn, sql, params)):
            found.setdefault(alert.patient_id, []).append(alert)
        return {pid: _in_list_order(alerts) for pid, alerts in found.items()}

    def set(self, patient_id: str, kind_id: str, reason: str) -> str:
        """Set an alert; one of a kind already in force is refused (clear it first)."""
        if kind_id not in alert_kinds():
            raise ValidationError({"kind": "Choose an alert from the list."})
        text = check_reason(reason)
        if any(a.kind.id == kind_id for a in self.active(patient_id)):
            label = alert_kinds()[kind_id].label
            raise ValidationError({"kind": f"“{label}” is already set on this record."})
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return uow.insert(
                "patient_alerts",
                {
                    "patient_id": patient_id,
                    "kind": kind_id,
                    "reason": text,
                    "set_at": utc_now(),
                    "set_by": self.profile.actor.worker_id,
                },
            )

    def clear(self, alert_id: str, reason: str) -> None:
        text = check_reason(reason, "clear_reason")
        found = self.profile.conn.execute(
            "SELECT cleared_at FROM patient_alerts WHERE id = ? AND deleted = 0", (alert_id,)
        ).fetchone()
        if found is None:
            raise ValidationError({"alert": "That alert is not on this record."})
        if found[0] is not None:
            raise ValidationError({"alert": "That alert was already cleared."})
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            uow.update(
                "patient_alerts",
                alert_id,
                {
                    "cleared_at": utc_now(),
                    "cleared_by": self.profile.actor.worker_id,
                    "clear_reason": text,
                },
            )

    def home_visit_warnings(self, patient_id: str) -> list[Alert]:
        """Active alerts that ask a worker to confirm before booking a home visit."""
        return [a for a in self.active(patient_id) if a.kind.confirm_home_visit]


def _in_list_order(alerts: Iterable[Alert]) -> list[Alert]:
    order = {kind_id: n for n, kind_id in enumerate(alert_kinds())}
    return sorted(alerts, key=lambda a: (order.get(a.kind.id, len(order)), a.set_at))
