"""The "confirmed coded in the GP record" tick on a referral.

The app cannot write to the GP system: the practice codes the referral (SNOMED CT
871731000000106) and a decline (871711000000103), and a worker ticks the day it confirmed it,
so the coding report shows what is still to code.
"""

from __future__ import annotations

from datetime import date

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import format_uk_date
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork


def set_coded(
    profile: OpenProfile,
    referral_id: str,
    on: date | None,
    *,
    declined: bool = False,
    today: date | None = None,
) -> None:
    """Tick (``on`` a date) or untick (``on`` None) the referral's coding, or its decline's."""
    rows = fetch_dicts(
        profile.conn,
        "SELECT status, referral_date, discharged_on FROM referrals WHERE id = ? AND deleted = 0",
        (referral_id,),
    )
    if not rows:
        raise ValidationError(
            {"referral": f"There is no referral {referral_id!r} in the caseload."}
        )
    row = rows[0]
    if declined and row["status"] != ReferralStatus.DECLINED:
        raise ValidationError(
            {"referral": "This referral was not declined, so there is no decline to code."}
        )
    if on is not None:
        today = today or date.today()
        earliest = date.fromisoformat(
            row["discharged_on"] if declined and row["discharged_on"] else row["referral_date"]
        )
        if on > today:
            raise ValidationError({"on": "The date it was coded is in the future."})
        if on < earliest:
            raise ValidationError(
                {
                    "on": f"The date it was coded is before {format_uk_date(earliest)}, when there "
                    "was nothing yet to code; check it."
                }  # fmt: skip
            )
    column = "decline_coded_on" if declined else "coded_on"
    with UnitOfWork(profile.conn, profile.actor) as uow:
        uow.update("referrals", referral_id, {column: on.isoformat() if on else None})
