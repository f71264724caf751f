"""Every field of a patient's record, on four pages, named as the domain names them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ConsentToShare,
    ContactMethod,
    Ethnicity,
    Gender,
)
from linkworker_desktop.domain.patient import Patient, check_date_of_birth
from linkworker_desktop.ui.widgets.choice_widgets import EnumCombo, EnumRadios
from linkworker_desktop.ui.widgets.consent_given import ConsentGivenFields
from linkworker_desktop.ui.widgets.date_field import DateField
from linkworker_desktop.ui.widgets.field_form import FieldForm


def line(placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


def notes_box(lines: int = 3) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on rather than typing a tab, for keyboard users."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 12
    box.setFixedHeight(height)
    return box


class PatientForm(FieldForm):
    """Identity, contact, address and GP practice, needs and consent."""

    def __init__(self, today: Callable[[], date] = date.today):
        super().__init__()
        page = self.page("Identity")
        self.nhs_number = self.add(
            page,
            "nhs_number",
            "NHS number",
            line(max_length=16),
            hint="10 digits, as on a letter from the GP; spaces are fine. The last digit "
            "is a check digit (modulus 11), so most typing slips are caught.",
        )
        self.nhs_number.editingFinished.connect(self._tidy_nhs_number)
        self.add(page, "given_name", "Given name", line())
        # One-name people are common (NHS systems hold them): either name part may be blank.
        self.add(page, "family_name", "Family name", line("blank for a person with one name"))
        self.add(
            page,
            "preferred_name",
            "Preferred name",
            line(),
            hint="What they like to be called, if not their given name.",
        )
        self.add(
            page,
            "date_of_birth",
            "Date of birth",
            DateField(check=lambda day: check_date_of_birth(day, today())),
            hint="Day/month/year, for example 23/04/1956.",
        )
        self.add(page, "gender", "Gender", EnumCombo(Gender))
        self.add(page, "ethnicity", "Ethnicity", EnumCombo(Ethnicity))
        self.add(page, "pronouns", "Pronouns", line("for example she/her", 40))

        page = self.page("Contact")
        self.add(page, "phone", "Phone", line(max_length=24))
        self.add(page, "mobile", "Mobile", line(max_length=24))
        self.add(page, "email", "Email", line())
        self.add(page, "preferred_contact", "Preferred contact", EnumCombo(ContactMethod))
        self.add(
            page,
            "contact_notes",
            "Contact notes",
            notes_box(),
            hint="For example: best after 2 pm; do not leave a voicemail.",
        )
        self.add(
            page,
            "consent_to_contact",
            "Agrees to be contacted by the service",
            EnumRadios("Agrees to be contacted by the service", ConsentToContact),
        )

        page = self.page("Address and GP")
        self.add(page, "address_line1", "Address line 1", line())
        self.add(page, "address_line2", "Address line 2", line())
        self.add(page, "town", "Town or city", line())
        self.add(page, "postcode", "Postcode", line(max_length=10))
        self.add(page, "gp_practice_name", "GP practice", line())
        self.add(
            page,
            "gp_practice_code",
            "Practice code",
            line(max_length=10),
            hint="The practice's ODS code, for example Y00001.",
        )

        page = self.page("Needs and consent")
        self.add(
            page,
            "communication_needs",
            "Communication needs",
            line("for example large print, hard of hearing"),
        )
        self.add(
            page,
            "accessibility_needs",
            "Accessibility needs",
            line("for example step-free access, a carer present"),
        )
        self.add(
            page,
            "interpreter_language",
            "Interpreter language",
            line(max_length=60),
            hint="Leave blank when no interpreter is needed.",
        )
        self.add(
            page,
            "consent_to_share",
            "Share with the GP practice",
            EnumRadios("What may be shared with the GP practice", ConsentToShare),
        )
        # Saved with any consent answer changed here (on this page or the contact one).
        self.consent_given = ConsentGivenFields(mnemonics=False)
        self.consent_given.setTitle("How and by whom a consent answer changed here was given")
        self.consent_given.setAccessibleName(self.consent_given.title())
        page.addRow(self.consent_given)
        self.set_patient(Patient("", "", "", None))  # type: ignore[arg-type]

    def set_patient(self, patient: Patient) -> None:
        for name in self.slots:
            self.set_value(name, getattr(patient, name))
        self._tidy_nhs_number()

    def _tidy_nhs_number(self) -> None:
        """Show a valid NHS number 3-3-4, as printed on NHS letters; leave a wrong one as typed."""
        text = self.nhs_number.text()
        if nhs_number.is_valid(text):
            self.nhs_number.setText(nhs_number.format_nhs_number(text))

    def patient(self, base: Patient | None = None) -> Patient:
        """A Patient from what is typed; an edit keeps the base record's id and bookkeeping."""
        values = self.values()
        if base is None:
            return Patient(**values)
        return replace(base, **values)
