"""The Reports section as a person uses it: pick a period, read the figures, press one to see
the people behind it, and export the report pack through Qt's own file dialog."""

from __future__ import annotations

import csv
import io
import stat
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFileDialog, QMessageBox

from linkworker_desktop.reports.period import Period, financial_year, last_month
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.reports import caseload_report
from linkworker_desktop.ui.dialogs.report_people_dialog import ReportPeopleDialog
from linkworker_desktop.ui.views.reports_view import ReportsView
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from tests.support.announcements import heard  # noqa: F401 - a fixture
from tests.support.factories import fresh_nhs_number, make_patient, make_referral
from tests.support.modal import answer_modal
from tests.support.pdf import text as pdf_text
from tests.ui.every_window import SECTIONS, workday
from tests.ui.modal_helpers import when_modal
from tests.ui.test_print_preview_dialog import documents, save_as  # noqa: F401 - a fixture

LEFT = Qt.MouseButton.LeftButton
TODAY = date(2026, 5, 10)
NOW = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def caseload(open_profile):
    add_demo_caseload(open_profile, 60, today=TODAY)
    return open_profile


@pytest.fixture
def view(qtbot, caseload):
    view = ReportsView(lambda: caseload, today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1280, 680)
    view.show()
    qtbot.waitExposed(view)
    return view


def spoken(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_opening_reports_shows_the_financial_year_figures(heard, view, caseload):  # noqa: F811
    expected = caseload_report(caseload, financial_year(TODAY), NOW)
    received = expected.figures["referrals"]["received"]
    assert received > 8  # the demo caseload gives figures either side of the threshold
    assert (view.start.text(), view.end.text()) == ("01/04/2026", "31/03/2027")
    button = view.figures.buttons["referrals.received"]
    assert button.text() == f"Referrals received: {received}"
    assert spoken(button) == f"Referrals received: {received}"
    by_source = expected.figures["referrals"]["by_source"]
    small = [code for code, count in by_source.items() if 0 < count < 8]
    assert small  # exact on screen, even below the export threshold
    for code in small:
        assert (
            view.figures.buttons[f"referrals.by_source.{code}"]
            .text()
            .endswith(f": {by_source[code]}")
        )
    declined = expected.figures["referrals"]["declined"]
    assert declined == 0  # no one behind it: a caption and its value, read together
    (value,) = [v for v in view.findChildren(ValueLabel) if v.caption == "Referrals declined"]
    assert (value.text(), spoken(value)) == ("0", "Referrals declined: 0")
    chart = view.figures.charts["referrals.by_source"]
    assert spoken(chart) == "Referrals by source"
    assert chart.accessibleDescription().startswith(f"GP: {by_source['gp']}; Nurse: ")
    said = f"Figures for {financial_year(TODAY).label}: {received} referrals received."
    assert view.status.text() == said
    assert said in heard.texts()


def test_last_month_is_picked_with_the_keyboard(qtbot, view, caseload):
    view.period.setFocus()
    qtbot.keyClick(view.period, Qt.Key.Key_Up)  # financial year -> this quarter
    qtbot.keyClick(view.period, Qt.Key.Key_Up)  # -> last month
    assert view.period.currentText() == "Last month"
    assert (view.start.text(), view.end.text()) == ("01/04/2026", "30/04/2026")
    qtbot.keyClick(view.show_button, Qt.Key.Key_Space)
    expected = caseload_report(caseload, last_month(TODAY), NOW)
    received = expected.figures["referrals"]["received"]
    shown = view.figures.buttons.get("referrals.received")
    words = shown.text() if shown else None
    assert words == (f"Referrals received: {received}" if received else None)
    assert view.report is not None and view.report.figures == expected.figures


def test_custom_dates_are_typed_and_a_wrong_one_is_explained_and_kept(qtbot, view, caseload):
    qtbot.mouseClick(view.start, LEFT)
    qtbot.keyClick(view.start, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.start, "31/02/2026")
    assert view.period.currentText() == "Custom dates"
    before = view.report
    qtbot.mouseClick(view.show_button, LEFT)
    assert (
        view.status.text() == "From date: 31/02/2026 is not a real date: February 2026 has 28 days."
    )
    assert view.start.text() == "31/02/2026" and view.start.hasFocus()
    assert view.report is before  # the figures shown are still the last good ones
    qtbot.keyClick(view.start, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.start, "01/01/2026")
    qtbot.mouseClick(view.show_button, LEFT)
    expected = caseload_report(caseload, Period(date(2026, 1, 1), date(2027, 3, 31)), NOW)
    assert view.report is not None and view.report.figures == expected.figures


def test_a_start_after_the_end_is_refused_in_words(qtbot, view):
    qtbot.mouseClick(view.end, LEFT)
    qtbot.keyClick(view.end, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.end, "01/03/2026")
    qtbot.mouseClick(view.show_button, LEFT)
    assert view.status.text() == (
        "The period starts on 1 Apr 2026, after it ends on 1 Mar 2026; the start must be on "
        "or before the end."
    )


def test_pressing_a_figure_lists_the_people_behind_it(qtbot, view, caseload):
    expected = caseload_report(caseload, financial_year(TODAY), NOW)
    ids = set(expected.people["referrals.received"])
    rows = caseload.conn.execute(
        "SELECT id, given_name, family_name, nhs_number FROM patients"
    ).fetchall()
    behind = {(f"{g} {f}", f"{n[:3]} {n[3:6]} {n[6:]}") for i, g, f, n in rows if i in ids}
    assert len(behind) == expected.figures["referrals"]["received"]
    listed: list[set[tuple[str, str]]] = []

    def read_and_close(dialog: ReportPeopleDialog) -> None:
        table = dialog.table
        listed.append(
            {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())}
        )
        qtbot.mouseClick(dialog.close_button, LEFT)

    seen = when_modal(ReportPeopleDialog, read_and_close)
    qtbot.mouseClick(view.figures.buttons["referrals.received"], LEFT)
    qtbot.waitUntil(lambda: bool(listed), timeout=5_000)
    assert seen[0].windowTitle() == "People behind: Referrals received"
    assert listed == [behind]


def test_a_figure_is_pressed_from_the_keyboard_too(qtbot, view):
    button = view.figures.buttons["referrals.received"]
    button.setFocus()
    seen = when_modal(ReportPeopleDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen[0].table.rowCount() > 8


def people_words(caseload) -> list[str]:
    rows = caseload.conn.execute("SELECT given_name, family_name, nhs_number FROM patients")
    out = []
    for given, family, nhs in rows:
        out += [f"{given} {family}", nhs, f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"]
    return out


def test_export_csv_asks_where_and_writes_suppressed_figures_owner_only(
    qtbot,
    view,
    caseload,
    documents,  # noqa: F811
    heard,  # noqa: F811
):
    asked = when_modal(QFileDialog, save_as(qtbot, "for the PCN"))
    qtbot.mouseClick(view.export_buttons["csv"], LEFT)
    target = documents / "for the PCN.csv"
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert asked[0].windowTitle() == "Export CSV"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    by_source = view.report.figures["referrals"]["by_source"]
    assert by_source["nurse"] == 1
    assert ["All", "Referrals", "Referrals by source", "Nurse", "<8"] in rows
    text = target.read_text("utf-8-sig")
    for words in people_words(caseload):
        assert words not in text
    said = f'Exported {target}. Small numbers are shown as "<8".'
    assert view.status.text() == said and said in heard.texts()


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_export_pdf_and_spreadsheet_through_their_buttons(
    qtbot,
    view,
    caseload,
    documents,  # noqa: F811
    kind,
):
    when_modal(QFileDialog, save_as(qtbot, "pack"))
    qtbot.mouseClick(view.export_buttons[kind], LEFT)
    target = documents / f"pack.{kind}"
    qtbot.waitUntil(target.exists, timeout=20_000)
    if kind == "pdf":
        words = " ".join(pdf_text(target.read_bytes()).split())
    else:
        book = load_workbook(target)
        words = " ".join(
            str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c
        )
    assert "Small numbers are suppressed: counts from 1 to 7" in words
    assert "North PCN" in words
    for person in people_words(caseload):
        assert person not in words


def test_escape_in_the_file_dialog_exports_nothing(qtbot, view, documents):  # noqa: F811
    when_modal(QFileDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    qtbot.mouseClick(view.export_buttons["pdf"], LEFT)
    qtbot.waitUntil(lambda: view.status.text() == "Not exported: no file was chosen.")
    assert list(documents.iterdir()) == []


def test_a_person_behind_a_figure_opens_their_record_in_the_window(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    window.go_to(SECTIONS.index("Reports"))
    view = window.reports_view
    qtbot.waitUntil(lambda: "referrals.received" in view.figures.buttons, timeout=10_000)
    chosen: list[str] = []

    def open_second(dialog: ReportPeopleDialog) -> None:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
        chosen.append(dialog.people[1].patient_id)
        qtbot.mouseClick(dialog.open_button, LEFT)

    when_modal(ReportPeopleDialog, open_second)
    qtbot.mouseClick(view.figures.buttons["referrals.received"], LEFT)
    qtbot.waitUntil(lambda: f"record:{chosen[0]}" in window._open_pages if chosen else False)
    page = window._open_pages[f"record:{chosen[0]}"]
    assert window.pages.currentWidget() is page


def test_an_existing_file_is_replaced_only_when_the_person_says_so(
    qtbot,
    view,
    documents,  # noqa: F811
):
    target = documents / "for the PCN.csv"
    target.write_text("kept", "utf-8")

    said: list[str] = []

    def refuse_then_give_up(box: QMessageBox) -> None:
        said.append(box.text())
        when_modal(QFileDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
        answer = answer_modal(qtbot, "No")
        qtbot.waitUntil(lambda: answer.asked, timeout=5_000)

    when_modal(QMessageBox, refuse_then_give_up)
    when_modal(QFileDialog, save_as(qtbot, "for the PCN"))
    qtbot.mouseClick(view.export_buttons["csv"], LEFT)
    qtbot.waitUntil(lambda: view.status.text() == "Not exported: no file was chosen.")
    assert len(said) == 1 and "already exists" in said[0]
    assert target.read_text("utf-8") == "kept"


def test_figures_follow_a_new_referral_saved_elsewhere_in_the_app(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    window.go_to(SECTIONS.index("Reports"))
    view = window.reports_view
    qtbot.waitUntil(lambda: view.report is not None, timeout=10_000)
    before = view.report.figures["referrals"]["received"]
    window.go_to(SECTIONS.index("Caseload"))
    patient = make_patient(nhs_number=fresh_nhs_number(), given_name="Carys")
    # The first day of the financial year the section shows (the app's own today).
    first_day = financial_year(view._today()).start
    CaseloadService(window.profile).add_patient(patient, make_referral(referral_date=first_day))
    window.caseload_view.changed.emit()  # what the caseload view says after a save
    window.go_to(SECTIONS.index("Reports"))
    qtbot.waitUntil(lambda: view.report is not None, timeout=10_000)
    received = view.report.figures["referrals"]["received"]
    assert received == before + 1
    assert view.figures.buttons["referrals.received"].text() == f"Referrals received: {received}"
