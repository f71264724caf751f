"""The caseload screen finds and orders names as people spell them; a one-name person is added."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.domain.choices import ReferralReason
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.models.caseload_model import Column
from linkworker_desktop.ui.views.caseload_view import CaseloadView
from tests.support.factories import make_patient
from tests.ui.caseload_support import service, unused_nhs_number
from tests.ui.choice_clicks import click_choice
from tests.ui.journeys import mouse
from tests.ui.typing_helpers import type_text

PEOPLE = [("Zoë", "Zeller"), ("Zofia", "Żak"), ("Émile", "Éclair"), ("Ciara", "O'Neill")]
PEOPLE += [("Conor", "O’Neill"), ("Ada", "Adams"), ("Hamish", "McDonald")]
PEOPLE += [("Pieter", "van der Berg"), ("Łukasz", "Łukaszewicz")]
IN_ORDER = [
    "Adams, Ada",
    "Éclair, Émile",
    "Łukaszewicz, Łukasz",
    "McDonald, Hamish",
    "O'Neill, Ciara",
    "O’Neill, Conor",
    "van der Berg, Pieter",
    "Żak, Zofia",
    "Zeller, Zoë",
]


@pytest.fixture
def view(qtbot, open_profile):
    for given, family in PEOPLE:
        service(open_profile).add_patient(make_patient(given_name=given, family_name=family))
    view = CaseloadView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.set_profile(open_profile)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown_names(view: CaseloadView) -> list[str]:
    column = Column.NAME
    return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("o neill", ["O'Neill, Ciara", "O’Neill, Conor"]),
        ("o’neill", ["O'Neill, Ciara", "O’Neill, Conor"]),
        ("conor o'neill", ["O’Neill, Conor"]),
        ("lukasz", ["Łukaszewicz, Łukasz"]),
        ("emile", ["Éclair, Émile"]),
        ("zak", ["Żak, Zofia"]),
    ],
)
def test_typing_a_name_as_people_spell_it_finds_it(qtbot, view, typed, names):
    type_text(qtbot, view.search, typed)
    assert shown_names(view) == names
    assert view.count.text() == f"{len(names)} of {len(PEOPLE)} patients"


def test_a_name_spelt_differently_is_not_found(qtbot, view):
    type_text(qtbot, view.search, "emily")
    assert shown_names(view) == []
    assert view.count.text() == f"No patients match (0 of {len(PEOPLE)} patients)."


def test_clicking_the_name_heading_sorts_with_accents_folded(qtbot, view):
    header = view.table.horizontalHeader()
    where = header.sectionViewportPosition(Column.NAME) + header.sectionSize(Column.NAME) // 2
    point = header.viewport().rect().center()
    point.setX(where)
    orders = []
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
        orders.append(shown_names(view))
    assert sorted(orders) == sorted([IN_ORDER, IN_ORDER[::-1]])


def test_a_person_with_one_name_is_added_through_the_form(qtbot, view, open_profile):
    number = unused_nhs_number(open_profile)
    mouse.click(view.add_button)
    (dialog,) = [d for d in view.findChildren(PatientDialog) if d.isVisible()]
    form = dialog.form
    qtbot.keyClicks(form.nhs_number, number)
    qtbot.keyClicks(form.slots["given_name"].widget, "Aroha")
    qtbot.keyClicks(form.slots["date_of_birth"].widget, "23/04/1956")
    assert form.slots["family_name"].widget.placeholderText() == "blank for a person with one name"
    mouse.click_tab(dialog.tabs, "Referral")
    referral = dialog.referral_form
    qtbot.keyClicks(referral.slots["referrer_name"].widget, "Dr Shah")
    click_choice(qtbot, referral.reasons.box(ReferralReason.LONELINESS))
    with qtbot.waitSignal(view.changed):
        mouse.click(dialog.save_button)
    assert not [d for d in view.findChildren(PatientDialog) if d.isVisible()]
    assert "Aroha" in shown_names(view)
    row = next(r for r in view.model.rows if r.nhs_number == number)
    patient = service(open_profile).patient(row.patient_id)
    assert (patient.given_name, patient.family_name, patient.display_name) == (
        "Aroha",
        "",
        "Aroha",
    )
