"""The fields of a referral: used in the add-patient dialog and in the referral dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from linkworker_desktop.domain.choices import (
    Priority,
    ReferralReason,
    ReferralSource,
    ReferralStatus,
)
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.ui.widgets.choice_widgets import EnumChecks, EnumCombo
from linkworker_desktop.ui.widgets.date_field import DateField
from linkworker_desktop.ui.widgets.field_form import FieldForm
from linkworker_desktop.ui.widgets.patient_form import line, notes_box


class ReferralForm(FieldForm):
    """One page; the status is offered only when editing (a new referral starts as New)."""

    def __init__(self, title: str = "Referral", with_status: bool = False):
        super().__init__()
        page = self.page(title)
        if with_status:  # first, because moving a referral on is the usual reason to open it
            self.add(page, "status", "Status", EnumCombo(ReferralStatus))
        self.add(
            page,
            "referral_date",
            "Referral date",
            DateField(),
            hint="The date on the referral, day/month/year.",
        )
        self.add(page, "source", "Referral source", EnumCombo(ReferralSource))
        self.add(
            page,
            "referrer_name",
            "Referrer",
            line(),
            hint="Their name or role, for example Dr Shah or practice nurse. "
            "Not needed for a self-referral.",
        )
        self.add(page, "referrer_organisation", "Referrer's organisation", line())
        self.reasons = self.add(
            page,
            "reasons",
            "Reasons for referral",
            EnumChecks("Reasons for referral", ReferralReason),
        )
        self.add(
            page,
            "reason_notes",
            "Notes on the reasons",
            notes_box(),
            hint="Needed when Other is ticked.",
        )
        self.add(page, "priority", "Priority", EnumCombo(Priority))
        self.set_referral(Referral("", date.today(), ReferralSource.GP))

    def set_referral(self, referral: Referral) -> None:
        for name in self.slots:
            self.set_value(name, getattr(referral, name))

    def referral(self, patient_id: str, base: Referral | None = None) -> Referral:
        values = self.values()
        if base is None:
            return Referral(patient_id=patient_id, **values)
        return replace(base, **values)
