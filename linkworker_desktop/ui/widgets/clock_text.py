"""How the session runner words time: "23:10 of 45:00" and "Over by 2 min".

Kept apart from the widgets so the wording is the same in the stage list, the banner and the
summary, and can be checked without a screen.
"""

from __future__ import annotations


def mm_ss(seconds: float) -> str:
    """Minutes and seconds; minutes run past 59 rather than adding hours (a session is short)."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def over_by(used_seconds: float, planned_seconds: float) -> str | None:
    """The gentle over-run words, or None while there is time left."""
    over = used_seconds - planned_seconds
    if over <= 0:
        return None
    minutes = int(over // 60)
    return "Over by less than 1 min" if minutes == 0 else f"Over by {minutes} min"


def spoken_duration(seconds: float) -> str:
    """A duration for screen readers and summaries: "41 min 20 s" reads better than 41:20."""
    whole = max(0, round(seconds))
    minutes, rest = divmod(whole, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


def whole_minutes(seconds: float) -> str:
    """Time used as the stage list shows it: whole minutes, so a row changes once a minute."""
    return f"{max(0, int(seconds)) // 60} min"


def time_used_words(
    total: float, planned_minutes: int, stage_title: str, stage_seconds: float, stage_minutes: int
) -> str:
    """What the runner says when asked for the time: the session, then this stage."""
    return (
        f"{spoken_duration(total)} used of {planned_minutes} min. This stage, {stage_title}:"
        f" {spoken_duration(stage_seconds)} used of {stage_minutes} min."
    )


def overrun_cue(
    stage_title: str, stage_seconds: float, stage_minutes: int, total: float, planned_minutes: int
) -> str | None:
    """The banner's words when the stage or the whole session has run over, else None."""
    cues = []
    stage_over = over_by(stage_seconds, stage_minutes * 60)
    if stage_over:
        cues.append(f"{stage_over} in “{stage_title}” ({stage_minutes} min planned).")
    session_over = over_by(total, planned_minutes * 60)
    if session_over:
        cues.append(f"The session is {session_over.lower()} ({planned_minutes} min planned).")
    return " ".join(cues) or None
