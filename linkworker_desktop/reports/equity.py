"""``equity``: who the referrals received in the period came from, to see who is missed.

Age is taken on the referral date. Deprivation deciles (1 most deprived) appear only once the
service has loaded a postcode-to-IMD table; none ships, so without one the figure is None.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from linkworker_desktop.domain.choices import Ethnicity, Gender
from linkworker_desktop.reports.model import People, ReportSettings, zeroes
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.referrals import received
from linkworker_desktop.reports.source import ReportData

AGE_BANDS = ("0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+")
UNKNOWN = "unknown"


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(age: int) -> str:
    if age < 18:
        return "0-17"
    if age < 25:
        return "18-24"
    if age >= 85:
        return "85+"
    low = age // 10 * 10 - (5 if age % 10 < 5 else -5)
    return f"{low}-{low + 9}"


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    rows = received(data, period)
    bands = zeroes(AGE_BANDS)
    genders = zeroes(g.value for g in Gender)
    ethnicities = zeroes(e.value for e in Ethnicity)
    deciles: dict[str, int] | None = None
    if data.imd is not None:
        deciles = zeroes([*(str(n) for n in range(1, 11)), UNKNOWN])
    for row in rows:
        if row.date_of_birth is not None:
            band = age_band(age_on(row.date_of_birth, row.referral_date))
            bands[band] += 1
            people.add(f"equity.age_band.{band}", row.patient_id)
        genders[row.gender] = genders.get(row.gender, 0) + 1
        people.add(f"equity.gender.{row.gender}", row.patient_id)
        ethnicities[row.ethnicity] = ethnicities.get(row.ethnicity, 0) + 1
        people.add(f"equity.ethnicity.{row.ethnicity}", row.patient_id)
        if deciles is not None and data.imd is not None:
            decile = data.imd.get(row.postcode)
            key = str(decile) if decile else UNKNOWN
            deciles[key] += 1
            people.add(f"equity.imd_decile.{key}", row.patient_id)
    return {
        "age_band": bands,
        "gender": genders,
        "ethnicity": ethnicities,
        "imd_decile": deciles,
    }
