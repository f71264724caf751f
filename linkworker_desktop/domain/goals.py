"""Goals in the patient's words, and the 0-10 progress ratings recorded at each session.

A 0-10 rating ("where is this goal now?") is quick to ask mid-conversation, needs no training
(unlike goal attainment scaling's -2..+2 with pre-agreed levels), and charts cleanly over time.
"""

from __future__ import annotations

from linkworker_desktop.domain.choices import Labelled, register_labels
from linkworker_desktop.domain.errors import ValidationError

RATING_MIN, RATING_MAX = 0, 10


class GoalStatus(Labelled):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    CHANGED = "changed"
    STOPPED = "stopped"


register_labels({GoalStatus.NOT_STARTED: "Not started", GoalStatus.IN_PROGRESS: "In progress"})


def check_rating(rating: object) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise ValidationError({"rating": "A progress rating is a whole number from 0 to 10."})
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValidationError({"rating": f"A progress rating runs from 0 to 10, not {rating}."})
    return rating


def check_description(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"description": "Write the goal in the person's own words."})
    return text
