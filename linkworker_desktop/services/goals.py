"""Goals and their progress ratings, as the session runner's goal review needs them."""

from __future__ import annotations

from dataclasses import dataclass

from linkworker_desktop.domain.goals import GoalStatus, check_description, check_rating
from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts, next_sequence
from linkworker_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class GoalView:
    id: str
    description: str
    status: GoalStatus
    ratings: tuple[tuple[str, int], ...]  # (recorded_at, rating), oldest first

    @property
    def latest_rating(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None


class GoalService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    def goals(self, patient_id: str) -> list[GoalView]:
        conn = self.profile.conn
        goals = fetch_dicts(
            conn,
            "SELECT id, description, status FROM goals WHERE patient_id = ? AND deleted = 0"
            " ORDER BY created_at",
            (patient_id,),
        )
        ratings: dict[str, list[tuple[str, int]]] = {}
        for row in fetch_dicts(
            conn,
            "SELECT gp.goal_id, gp.recorded_at, gp.rating FROM goal_progress gp"
            " JOIN goals g ON g.id = gp.goal_id"
            " WHERE g.patient_id = ? AND gp.deleted = 0"
            " ORDER BY gp.recorded_at, gp.sequence, gp.id",
            (patient_id,),
        ):
            ratings.setdefault(row["goal_id"], []).append((row["recorded_at"], row["rating"]))
        return [
            GoalView(
                g["id"], g["description"], GoalStatus(g["status"]), tuple(ratings.get(g["id"], []))
            )
            for g in goals
        ]

    def add(self, patient_id: str, description: str, referral_id: str | None = None) -> str:
        text = check_description(description)
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return uow.insert(
                "goals",
                {"patient_id": patient_id, "referral_id": referral_id, "description": text},
            )

    def rate(self, goal_id: str, rating: int, session_id: str | None = None, note: str = "") -> str:
        value = check_rating(rating)
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            progress_id = uow.insert(
                "goal_progress",
                {
                    "goal_id": goal_id,
                    "sequence": next_sequence(
                        self.profile.conn, "goal_progress", {"goal_id": goal_id}
                    ),
                    "session_id": session_id,
                    "rating": value,
                    "note": note.strip(),
                    "recorded_at": utc_now(),
                },
            )
            current = self.profile.conn.execute(
                "SELECT status FROM goals WHERE id = ?", (goal_id,)
            ).fetchone()
            if current and current[0] == GoalStatus.NOT_STARTED and value > 0:
                uow.update("goals", goal_id, {"status": GoalStatus.IN_PROGRESS.value})
        return progress_id

    def set_status(self, goal_id: str, status: GoalStatus) -> None:
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            uow.update("goals", goal_id, {"status": GoalStatus(status).value})
