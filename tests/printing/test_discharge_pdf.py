"""The GP discharge summary honours consent: codes only carries nothing of the conversation."""

from __future__ import annotations

from datetime import date

from linkworker_desktop.printing.discharge_pdf import render_discharge
from linkworker_desktop.printing.model import (
    ConnectedService,
    DischargeDocument,
    MeasureChangeLine,
    ServiceDetails,
)
from tests.support.pdf import outline_titles, reader, text


def _doc(consent: str) -> DischargeDocument:
    return DischargeDocument(
        service=ServiceDetails("Riverside Social Prescribing"),
        consent=consent,
        patient_name="Ann Bee",
        date_of_birth=date(1950, 3, 2),
        nhs_number="9434765919",
        practice="Riverside Medical Practice Y00001",
        referral_date=date(2026, 6, 1),
        referrer="Dr Moore, Riverside Medical Practice, GP",
        reasons=("Loneliness and isolation",),
        sessions_offered=5,
        sessions_attended=4,
        did_not_attend=1,
        first_seen=date(2026, 6, 10),
        discharged_on=date(2026, 9, 1),
        discharge_reason="Goals met",
        goals=(("Go to the coffee morning", "Achieved", "8 out of 10"),),
        measures=(MeasureChangeLine("ONS4", "Anxiety", "7", "3", "better"),),
        services=(ConnectedService("Riverside coffee morning", "01632 960 101"),),
        codes=(("871731000000106", "Referral to social prescribing service"),),
        worker_name="Sam Patel",
    )


def test_full_notes_summary_carries_the_prsb_message_back_to_gp():
    pdf, _ = render_discharge(_doc("full_notes"))
    words = text(pdf)
    for expected in (
        "Ann Bee",
        "2 March 1950",
        "943 476 5919",
        "Riverside Medical Practice Y00001",
        "1 June 2026",
        "Dr Moore",
        "Loneliness and isolation",
        "Sessions offered",
        "5",
        "Go to the coffee morning",
        "Achieved",
        "Anxiety",
        "better",
        "Riverside coffee morning",
        "Goals met",
        "871731000000106",
    ):
        assert expected in words, expected
    assert "Goals and outcomes" in outline_titles(pdf)
    assert reader(pdf).metadata.title.startswith("Social prescribing discharge summary")


def test_codes_only_prints_identifiers_dates_and_codes_and_nothing_of_the_conversation():
    pdf, _ = render_discharge(_doc("codes_only"))
    words = text(pdf)
    for kept in ("Ann Bee", "943 476 5919", "1 June 2026", "871731000000106", "1 September 2026"):
        assert kept in words, kept
    for left_out in ("coffee morning", "Anxiety", "Loneliness", "Dr Moore", "Goals met"):
        assert left_out not in words, left_out
    assert "codes and dates only" in words
