"""The print preview: shows the real PDF, saves it, and copes with no printer."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.plan import WellbeingPlan
from linkworker_desktop.printing.model import PlanDocument, ServiceDetails
from linkworker_desktop.printing.plan_pdf import render_plan
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.views.record_page import RecordPage
from tests.support.html import of, outline
from tests.support.pdf import reader
from tests.support.pdf import text as pdf_text
from tests.ui.modal_helpers import when_modal

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def documents(tmp_path):
    """The worker's Documents folder, where Save as PDF starts (XDG user dirs, as on a laptop)."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    config = tmp_path / "xdg-config"  # XDG_CONFIG_HOME in tests/conftest.py
    config.mkdir(exist_ok=True)
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{folder}"\n', encoding="utf-8")
    return folder


def _pdf() -> bytes:
    plan = WellbeingPlan("p", what_matters="Seeing people")
    doc = PlanDocument(ServiceDetails("Riverside"), "Ann Bee", date(2026, 11, 23), plan, "Sam")
    return render_plan(doc)[0]


def test_preview_loads_every_page_and_saves_the_same_bytes(qtbot, documents):
    pdf = _pdf()
    dialog = PrintPreviewDialog(pdf, "Wellbeing plan", "plan.pdf", ["A note"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document.pageCount() >= 1
    assert dialog.message.text() == "A note"
    when_modal(QFileDialog, save_as(qtbot, "out"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    assert saved.args == [str(documents / "out.pdf")]
    assert (documents / "out.pdf").read_bytes() == pdf


def test_no_printer_says_so_and_offers_saving(qtbot, monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    dialog = PrintPreviewDialog(_pdf(), "Wellbeing plan", "plan.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.print_button, LEFT)
    assert QApplication.activeModalWidget() is None
    assert dialog.status.text() == (
        "No printer is set up on this computer. Save the PDF and print it later."
    )


@pytest.fixture
def a_printer(monkeypatch):
    """A computer with a printer set up: Qt's print dialog then opens (it offers print to file)."""
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["office"]))


def test_a_cancelled_print_dialog_sends_nothing(qtbot, a_printer):
    dialog = PrintPreviewDialog(_pdf(), "Wellbeing plan", "plan.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    printed: list[int] = []
    dialog.printed.connect(printed.append)
    asked = when_modal(QPrintDialog, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    qtbot.mouseClick(dialog.print_button, LEFT)
    qtbot.waitUntil(lambda: len(asked) == 1 and not asked[0].isVisible())
    assert dialog.status.text() == "Printing cancelled; nothing was sent to the printer."
    assert printed == []


def test_print_sends_every_page_to_the_chosen_printer(qtbot, record, a_printer, tmp_path):
    """Qt's "Print to File (PDF)" printer stands in for a real one: the same path to paper."""
    out = tmp_path / "from the printer.pdf"
    preview = open_preview(qtbot, record)

    def print_to_file(box: QPrintDialog) -> None:
        printers = box.findChild(QComboBox, "printers")
        assert printers.currentText() == "Print to File (PDF)"
        field = box.findChild(QLineEdit, "filename")
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, str(out))
        button = next(b for b in box.findChildren(QPushButton) if b.text() == "&Print")
        qtbot.mouseClick(button, LEFT)

    when_modal(QPrintDialog, print_to_file)
    with qtbot.waitSignal(preview.printed, timeout=10_000) as printed:
        qtbot.mouseClick(preview.print_button, LEFT)
    pages = preview.document.pageCount()
    assert pages >= 2  # a demo plan with goals runs over a page
    assert printed.args == [pages]
    assert preview.status.text() == f"Sent {pages} page(s) to {out}."
    assert len(reader(out.read_bytes()).pages) == pages


def test_printing_to_a_pdf_printer_renders_every_page(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from linkworker_desktop.ui.dialogs.print_preview_dialog import render_to_printer

    dialog = PrintPreviewDialog(_pdf(), "Wellbeing plan", "plan.pdf")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert render_to_printer(dialog.document, printer) == dialog.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


# --- as a person uses it: from the record's Goal plan tab, through the real buttons ---------


@pytest.fixture
def record(qtbot, open_profile):
    """The record page of an active demo patient, at a laptop's size, on its Goal plan tab."""
    add_demo_caseload(open_profile, 30)
    row = next(r for r in CaseloadService(open_profile).rows() if r.status == ReferralStatus.ACTIVE)
    page = RecordPage(lambda: open_profile, row.patient_id)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    bar = page.record.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(page.record.tabs.indexOf(page.plan_tab)).center())
    assert page.record.tabs.currentWidget() is page.plan_tab
    return page


def type_into(qtbot, field, words: str) -> None:
    qtbot.mouseClick(field.viewport() if hasattr(field, "viewport") else field, LEFT)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, words)


def open_preview(qtbot, record) -> PrintPreviewDialog:
    qtbot.mouseClick(record.plan.print_button, LEFT)
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.waitExposed(preview)
    return preview


def save_as(qtbot, name: str) -> Callable[[QFileDialog], None]:
    """Type a file name over the suggested one in the save dialog and press Enter."""

    def answer(dialog: QFileDialog) -> None:
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    return answer


def test_save_as_pdf_asks_where_and_saves_the_plan_owner_only(
    qtbot, record, open_profile, documents
):
    type_into(qtbot, record.plan.fields["what_matters"], "Gardening with my grandson")
    preview = open_preview(qtbot, record)
    asked = when_modal(QFileDialog, save_as(qtbot, "plan for the fridge"))
    with qtbot.waitSignal(preview.saved, timeout=10_000) as saved:
        qtbot.mouseClick(preview.save_button, LEFT)
    target = documents / "plan for the fridge.pdf"
    assert len(asked) == 1 and asked[0].windowTitle() == "Save as PDF"
    assert saved.args == [str(target)]
    assert preview.status.text() == f"Saved {target}."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in documents.iterdir()) == [target.name]
    patient = CaseloadService(open_profile).patient(record.patient_id)
    words = " ".join(pdf_text(target.read_bytes()).split())
    assert f"Plan for {patient.display_name}" in words
    assert "Gardening with my grandson" in words


def test_save_as_pdf_starts_in_documents_and_escape_saves_nothing(qtbot, record, documents):
    preview = open_preview(qtbot, record)
    seen: list[tuple[str, str]] = []

    def look_then_cancel(dialog: QFileDialog) -> None:
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        seen.append((dialog.directory().absolutePath(), field.text()))
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    asked = when_modal(QFileDialog, look_then_cancel)
    qtbot.mouseClick(preview.save_button, LEFT)
    qtbot.waitUntil(lambda: len(asked) == 1 and not asked[0].isVisible())
    assert seen == [(str(documents), "wellbeing-plan.pdf")]
    assert preview.status.text() == "Not saved: no file was chosen."
    assert list(documents.iterdir()) == []


def test_saving_over_a_file_asks_then_replaces_it_owner_only(qtbot, record, documents):
    target = documents / "plan.pdf"
    target.write_bytes(b"an older plan")
    target.chmod(0o644)
    preview = open_preview(qtbot, record)

    def replace(box: QMessageBox) -> None:
        questions.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

    def save_and_confirm(dialog: QFileDialog) -> None:
        when_modal(QMessageBox, replace)
        save_as(qtbot, "plan.pdf")(dialog)

    questions: list[str] = []
    when_modal(QFileDialog, save_and_confirm)
    with qtbot.waitSignal(preview.saved, timeout=10_000):
        qtbot.mouseClick(preview.save_button, LEFT)
    assert len(questions) == 1 and "plan.pdf already exists" in questions[0]
    assert reader(target.read_bytes()).pages  # a real PDF, not the older bytes
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_save_as_accessible_web_page_writes_the_plan_with_headings_owner_only(
    qtbot, record, open_profile, documents
):
    type_into(qtbot, record.plan.fields["what_matters"], "Gardening with my grandson")
    preview = open_preview(qtbot, record)
    assert preview.html_note is not None and preview.html_note.text().startswith(
        "For someone who uses a screen reader, give the web page (HTML) copy"
    )
    asked = when_modal(QFileDialog, save_as(qtbot, "plan to read"))
    with qtbot.waitSignal(preview.saved, timeout=10_000) as saved:
        qtbot.mouseClick(preview.html_button, LEFT)
    target = documents / "plan to read.html"
    assert len(asked) == 1 and asked[0].windowTitle() == "Save as accessible web page"
    assert saved.args == [str(target)]
    assert preview.status.text() == f"Saved {target}."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in documents.iterdir()) == [target.name]
    parts = outline(target.read_text(encoding="utf-8"))
    assert of(parts, "h1") == ["My wellbeing plan"]
    headings = of(parts, "h2")
    assert headings[0] == "What matters to me"
    assert headings[-1] == "Who I agreed this plan can be shared with"
    assert headings.index("My goals and my steps") < headings.index("If things get difficult")
    patient = CaseloadService(open_profile).patient(record.patient_id)
    words = " ".join(w for _t, w in parts)
    said = [f"Plan for {patient.display_name}", "Gardening with my grandson", "Samaritans"]
    places = [words.find(w) for w in said]
    assert -1 not in places and places == sorted(places)


def test_escape_in_the_web_page_dialog_saves_nothing(qtbot, record, documents):
    preview = open_preview(qtbot, record)
    seen: list[str] = []

    def look_then_cancel(dialog: QFileDialog) -> None:
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        seen.append(field.text())
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    asked = when_modal(QFileDialog, look_then_cancel)
    qtbot.mouseClick(preview.html_button, LEFT)
    qtbot.waitUntil(lambda: len(asked) == 1 and not asked[0].isVisible())
    assert seen == ["wellbeing-plan.html"]
    assert preview.status.text() == "Not saved: no file was chosen."
    assert list(documents.iterdir()) == []


def test_the_text_version_reads_the_plan_in_order(qtbot, record):
    type_into(qtbot, record.plan.fields["what_matters"], "Gardening with my grandson")
    preview = open_preview(qtbot, record)
    bar = preview.views.tabBar()
    assert [bar.tabText(i) for i in range(bar.count())] == ["Pa&ges", "&Text version"]
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(1).center())
    assert preview.views.currentWidget() is preview.text_version
    assert preview.text_version.accessibleName() == "Text version of the document"
    words = preview.text_version.toPlainText()
    said = ["My wellbeing plan", "What matters to me", "Gardening with my grandson", "Samaritans"]
    places = [words.find(w) for w in said]
    assert -1 not in places and places == sorted(places)


def test_a_document_without_a_web_page_reads_its_pdf_text_and_offers_none(qtbot):
    dialog = PrintPreviewDialog(_pdf(), "Wellbeing plan", "plan.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.html_button is None and dialog.html_note is None
    words = " ".join(dialog.text_version.toPlainText().split())
    assert words.find("My wellbeing plan") < words.find("Seeing people")
    assert words.find("My wellbeing plan") != -1
