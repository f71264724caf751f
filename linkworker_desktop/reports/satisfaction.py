"""``satisfaction``: the NHS Friends and Family Test answers given in the period.

"% good" is very good plus good over every response, "don't know" included, as NHS England
publishes it.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.reports.model import People, ReportSettings, pct, zeroes
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReportData

FFT = "fft"
FFT_ITEM = "experience"
ANSWERS = {1: "very_good", 2: "good", 3: "neither", 4: "poor", 5: "very_poor", 6: "dont_know"}
GOOD = ("very_good", "good")


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    by_answer = zeroes(ANSWERS.values())
    people.touch("satisfaction.responses")
    for result in data.results:
        if result.measure_id != FFT or not result.complete or result.day not in period:
            continue
        answer = ANSWERS.get(result.answers.get(FFT_ITEM))  # type: ignore[arg-type]
        if answer is None:
            continue
        by_answer[answer] += 1
        people.add("satisfaction.responses", result.patient_id)
        people.add(f"satisfaction.by_answer.{answer}", result.patient_id)
    responses = sum(by_answer.values())
    return {
        "responses": responses,
        "good_pct": pct(sum(by_answer[a] for a in GOOD), responses),
        "by_answer": by_answer,
    }
