"""Past sessions, notes, goals and measures for the demo caseload, so a record tells a story.

All of it synthetic: phrases from a small bank keyed by the referral's reasons, ratings and
scores that drift the way real ones tend to (mostly better, sometimes not).
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from typing import Any

from linkworker_desktop.domain.choices import ReferralReason, ReferralStatus
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.demo_writes import PendingWrites
from linkworker_desktop.services.library import shipped_measures, template_for

_WHAT_MATTERS = {
    ReferralReason.LONELINESS: "Not feeling so on my own. I'd like to see people again.",
    ReferralReason.LOW_MOOD: "Having something to get up for in the morning.",
    ReferralReason.ANXIETY: "Feeling calmer about going out of the house.",
    ReferralReason.DEBT_AND_MONEY: "Getting on top of the bills so I can sleep at night.",
    ReferralReason.HOUSING: "Sorting the damp in the flat before winter.",
    ReferralReason.BENEFITS: "Knowing I'm getting what I'm entitled to.",
    ReferralReason.BEREAVEMENT: "Learning to live without my partner. Talking about them.",
    ReferralReason.CARER_SUPPORT: "A bit of time for myself while still looking after Mum.",
    ReferralReason.PHYSICAL_ACTIVITY: "Being fit enough to play with the grandchildren.",
    ReferralReason.WEIGHT: "Feeling better in myself and moving more.",
    ReferralReason.LONG_TERM_CONDITION: "Managing my breathing so I can get to the shops.",
    ReferralReason.EMPLOYMENT: "Getting back into some kind of work.",
    ReferralReason.SUBSTANCE_USE: "Cutting down and finding other things to do in the evening.",
    ReferralReason.OTHER: "Getting out more.",
}
_GOALS = {
    ReferralReason.LONELINESS: "Go to the Tuesday coffee morning at the community centre",
    ReferralReason.LOW_MOOD: "Walk round the park three mornings a week",
    ReferralReason.ANXIETY: "Try the anxiety management course at the library",
    ReferralReason.DEBT_AND_MONEY: "See the money adviser and make a plan for the bills",
    ReferralReason.HOUSING: "Ask the landlord, then the council, to deal with the damp",
    ReferralReason.BENEFITS: "Have a benefits check with the welfare rights team",
    ReferralReason.BEREAVEMENT: "Go to the bereavement support group",
    ReferralReason.CARER_SUPPORT: "Register as a carer and ask about respite",
    ReferralReason.PHYSICAL_ACTIVITY: "Try the chair-based exercise class",
    ReferralReason.WEIGHT: "Join the healthy eating group",
    ReferralReason.LONG_TERM_CONDITION: "Join the Breathe Easy group",
    ReferralReason.EMPLOYMENT: "Meet the employment support worker",
    ReferralReason.SUBSTANCE_USE: "Talk to the community drug and alcohol service",
    ReferralReason.OTHER: "Do one thing I enjoy each week",
}
_HELPERS = {
    ReferralReason.LONELINESS: ("Riverside coffee morning", "01632 960 101", "Tuesdays 10am to 12"),
    ReferralReason.LOW_MOOD: ("Park walking group", "01632 960 102", "Mondays and Thursdays 10am"),
    ReferralReason.DEBT_AND_MONEY: ("Citizens Advice money adviser", "0800 144 8848", "Weekdays"),
    ReferralReason.BENEFITS: ("Welfare rights team", "01632 960 103", "Wednesdays by appointment"),
    ReferralReason.BEREAVEMENT: ("Bereavement support group", "01632 960 104", "First Friday, 2pm"),
    ReferralReason.PHYSICAL_ACTIVITY: ("Chair-based exercise", "01632 960 105", "Wednesdays 11am"),
    ReferralReason.LONG_TERM_CONDITION: ("Breathe Easy group", "01632 960 106", "Second Monday"),
}
_FIRST_STEP = "Find out when it runs and how to get there"
_STRENGTHS = [
    "I'm a good listener and I used to help at the school.",
    "I love cooking for people.",
    "I'm determined once I've made my mind up.",
    "I know my area well and I like being outdoors.",
]
_NOTES = {
    "welcome": "Explained the service and confidentiality. Consent to share with the GP checked.",
    "what_matters": "Talked about what has been hard lately and what a good week would look like.",
    "measure": "Wellbeing questions asked.",
    "goals": "Agreed goals in their words, with a first small step for each.",
    "connect": "Went through local groups; they chose which to try first.",
    "next_steps": "Summarised the plan and booked the next session.",
    "review": "Caught up on the last few weeks.",
    "goal_progress": "Went through each goal and how it is going.",
    "barriers": "Talked through what got in the way and agreed new steps.",
}


def add_history(
    pending: PendingWrites,
    services: dict[str, list[str]],
    rng: random.Random,
    patient_id: str,
    referral: Referral,
    appointments: list[tuple[str, dict[str, Any]]],
    today: date | None = None,
) -> None:
    """Sessions with notes for the attended appointments, goals with ratings, and measures."""
    attended = [(aid, a) for aid, a in appointments if a["status"] == "attended"]
    if not attended:
        return
    reasons = referral.reasons or [ReferralReason.OTHER]
    goal_ids = [
        pending.insert(
            "goals",
            {
                "patient_id": patient_id,
                "referral_id": referral.id,
                "description": _GOALS[reason],
                "status": "not_started",  # until the ratings below say how it went
            },
        )
        for reason in reasons[:3]
    ]
    for reason, goal_id in zip(reasons[:3], goal_ids, strict=False):
        helper = _HELPERS.get(reason)
        if helper:
            pending.insert(
                "goal_helpers",
                {
                    "goal_id": goal_id,
                    "kind": "service",
                    "name": helper[0],
                    "contact": helper[1],
                    "when_text": helper[2],
                },
            )
        pending.insert(
            "goal_steps",
            {
                "goal_id": goal_id,
                "what": _FIRST_STEP,
                "who": "Me, with my link worker",
                "position": 0,
            },
        )
    pending.insert(
        "plans",
        {
            "patient_id": patient_id,
            "referral_id": referral.id,
            "what_matters": _WHAT_MATTERS[reasons[0]],
            "strengths": rng.choice(_STRENGTHS),
            "share_with": "My GP practice",
        },
    )
    first = attended[0][1]
    _connect_services(pending, services, rng, patient_id, referral, goal_ids, reasons, first)
    ratings = {goal_id: rng.randint(0, 3) for goal_id in goal_ids}
    ons4 = shipped_measures()["ons4"]
    scores = {
        "life_satisfaction": rng.randint(2, 5),
        "worthwhile": rng.randint(2, 6),
        "happiness": rng.randint(1, 5),
        "anxiety": rng.randint(5, 9),
    }
    for number, (appointment_id, appointment) in enumerate(attended):
        template = template_for(appointment["kind"])
        started = datetime.fromisoformat(appointment["starts_at"])
        stage_seconds = {
            s.id: round(s.minutes * 60 * rng.uniform(0.7, 1.3)) for s in template.stages
        }
        duration = sum(stage_seconds.values())
        session_id = pending.insert(
            "sessions",
            {
                "appointment_id": appointment_id,
                "patient_id": patient_id,
                "referral_id": referral.id,
                "template_id": template.id,
                "kind": template.kind,
                "planned_minutes": template.planned_minutes,
                "state": "ended",
                "started_at": started.isoformat(timespec="seconds"),
                "ended_at": (started + timedelta(seconds=duration)).isoformat(timespec="seconds"),
                "duration_seconds": duration,
                "stage_seconds": json.dumps(stage_seconds),
                "current_stage": template.stages[-1].id,
                "what_matters": _WHAT_MATTERS[reasons[0]] if number == 0 else "",
                "worker_id": appointment["worker_id"],
            },
        )
        for stage in template.stages:
            if stage.id in _NOTES:
                pending.insert(
                    "session_notes",
                    {"session_id": session_id, "stage_id": stage.id, "text": _NOTES[stage.id]},
                )
        recorded = (started + timedelta(minutes=20)).isoformat(timespec="seconds")
        for goal_id in goal_ids:
            ratings[goal_id] = max(0, min(10, ratings[goal_id] + rng.choice([-1, 1, 1, 2, 2, 3])))
            pending.insert(
                "goal_progress",
                {
                    "goal_id": goal_id,
                    "sequence": pending.next_sequence("goal_progress", {"goal_id": goal_id}),
                    "session_id": session_id,
                    "rating": ratings[goal_id],
                    "recorded_at": recorded,
                },
            )
        last = number == len(attended) - 1
        discharged = referral.status == ReferralStatus.DISCHARGED
        if number == 0 or number % 3 == 0 or (last and discharged):
            if number:
                for key in scores:
                    step = rng.choice([-1, 0, 1, 1, 2])
                    scores[key] = max(
                        0, min(10, scores[key] + (-step if key == "anxiety" else step))
                    )
            result = ons4.score(scores)
            pending.insert(
                "measure_results",
                {
                    "sequence": pending.next_sequence(
                        "measure_results", {"patient_id": patient_id, "measure_id": "ons4"}
                    ),
                    "patient_id": patient_id,
                    "referral_id": referral.id,
                    "session_id": session_id,
                    "measure_id": "ons4",
                    "timepoint": "baseline"
                    if number == 0
                    else "discharge"
                    if last and discharged
                    else "review",
                    "answers": json.dumps(scores, sort_keys=True),
                    "complete": 1,
                    "scores": json.dumps(result.as_json()),
                    "recorded_at": recorded,
                },
            )
    closed = referral.status == ReferralStatus.DISCHARGED
    for goal_id, rating in ratings.items():
        status = (
            "achieved" if closed and rating >= 7 else "in_progress" if rating else "not_started"
        )
        pending.update("goals", goal_id, {"status": status})
    if closed:
        pending.update(
            "referrals",
            referral.id,
            {
                "discharge_reason": rng.choice(["goals_met", "goals_met", "other_service"]),
                "discharged_on": (started + timedelta(days=1)).date().isoformat(),
            },
        )
        when = (attended[0][1], started, today or date.today())
        _feedback_and_gp_use(pending, patient_id, referral.id, *when)


# Most people rate a social prescribing service well; a few do not, or do not know.
_FFT_WEIGHTS = {1: 60, 2: 28, 3: 6, 4: 3, 5: 1, 6: 2}


def _record(pending: PendingWrites, row: dict[str, Any]) -> None:
    measure = shipped_measures()[row["measure_id"]]
    order = {"patient_id": row["patient_id"], "measure_id": row["measure_id"]}
    pending.insert(
        "measure_results",
        {
            **row,
            "sequence": pending.next_sequence("measure_results", order),
            "answers": json.dumps(row["answers"], sort_keys=True),
            "complete": int(measure.score(row["answers"]).complete),
            "scores": json.dumps(measure.score(row["answers"]).as_json()),
        },
    )


def _feedback_and_gp_use(
    pending: PendingWrites,
    patient_id: str,
    referral_id: str,
    first: dict[str, Any],
    last: datetime,
    today: date,
) -> None:
    """The Friends and Family Test at discharge, and GP appointment counts from the practice.

    A generator of its own, seeded from the dates, leaves the rest of the demo as it was.
    """
    rng = random.Random(f"{first['starts_at']}|{last.isoformat()}")
    base = {"patient_id": patient_id, "referral_id": referral_id}
    answer = rng.choices(list(_FFT_WEIGHTS), weights=list(_FFT_WEIGHTS.values()))[0]
    _record(
        pending,
        {**base, "measure_id": "fft", "timepoint": "discharge", "answers": {"experience": answer},
         "recorded_at": (last + timedelta(days=1)).isoformat(timespec="seconds")},
    )  # fmt: skip
    before = rng.randint(2, 12)
    after_on = last + timedelta(days=1 + 183)  # discharged the day after the last session
    after = max(0, before - rng.choice([-1, 0, 1, 2, 3, 4])) if after_on.date() < today else None
    _record(
        pending,
        {**base, "measure_id": "gp_appointments", "timepoint": "discharge",
         "answers": {"before_referral": before, "after_discharge": after},
         "recorded_at": (after_on if after is not None else last).isoformat(timespec="seconds")},
    )  # fmt: skip


_CATEGORY = {
    ReferralReason.LONELINESS: "Loneliness and social",
    ReferralReason.LOW_MOOD: "Mental wellbeing",
    ReferralReason.ANXIETY: "Mental wellbeing",
    ReferralReason.DEBT_AND_MONEY: "Money and debt",
    ReferralReason.BENEFITS: "Money and debt",
    ReferralReason.HOUSING: "Housing",
    ReferralReason.CARER_SUPPORT: "Carers",
    ReferralReason.BEREAVEMENT: "Bereavement",
    ReferralReason.PHYSICAL_ACTIVITY: "Physical activity",
    ReferralReason.WEIGHT: "Physical activity",
    ReferralReason.EMPLOYMENT: "Employment and learning",
}


def services_by_category(conn: Any) -> dict[str, list[str]]:
    """The directory's service ids for each category a demo reason leads to, in name order."""
    return {
        category: [
            row[0]
            for row in conn.execute(
                "SELECT id FROM directory_services WHERE categories LIKE ? ORDER BY name",
                (f'%"{category}"%',),
            )
        ]
        for category in set(_CATEGORY.values())
    }


def _connect_services(
    pending: PendingWrites,
    services: dict[str, list[str]],
    rng: random.Random,
    patient_id: str,
    referral: Referral,
    goal_ids: list[str],
    reasons: list[ReferralReason],
    first: dict[str, Any],
) -> None:
    """Link the patient to a directory group for their main reason, with an outcome."""
    category = _CATEGORY.get(reasons[0])
    if not category:
        return
    offset = rng.randint(0, 3)
    if offset >= len(services[category]):
        return
    connected = datetime.fromisoformat(first["starts_at"]).date()
    outcome = rng.choices(
        ["", "attended", "attending_regularly", "did_not_attend", "not_suitable"],
        [20, 25, 35, 12, 8],
    )[0]
    pending.insert(
        "directory_connections",
        {
            "patient_id": patient_id,
            "referral_id": referral.id,
            "service_id": services[category][offset],
            "goal_id": goal_ids[0] if goal_ids else None,
            "kind": rng.choice(["signposted", "referred", "referred", "accompanied"]),
            "connected_on": connected.isoformat(),
            "chase_on": (connected + timedelta(days=14)).isoformat(),
            "outcome": outcome,
            "outcome_on": (connected + timedelta(days=14)).isoformat() if outcome else None,
        },
    )
