"""The print preview: shows the real PDF, saves it, and copes with no printer."""

from __future__ import annotations

from datetime import date

from PySide6.QtPrintSupport import QPrinterInfo

from linkworker_desktop.domain.plan import WellbeingPlan
from linkworker_desktop.printing.model import PlanDocument, ServiceDetails
from linkworker_desktop.printing.plan_pdf import render_plan
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog


def _pdf() -> bytes:
    plan = WellbeingPlan("p", what_matters="Seeing people")
    doc = PlanDocument(ServiceDetails("Riverside"), "Ann Bee", date(2026, 11, 23), plan, "Sam")
    return render_plan(doc)[0]


def test_preview_loads_every_page_and_saves_the_same_bytes(qtbot, tmp_path):
    pdf = _pdf()
    dialog = PrintPreviewDialog(pdf, "Wellbeing plan", "plan.pdf", ["A note"])
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() >= 1
    assert dialog.message.text() == "A note"
    with qtbot.waitSignal(dialog.saved):
        path = dialog.save_document(str(tmp_path / "out"))
    assert path.endswith("out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == pdf


def test_no_printer_says_so_and_offers_saving(qtbot, monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    dialog = PrintPreviewDialog(_pdf(), "Wellbeing plan", "plan.pdf")
    qtbot.addWidget(dialog)
    assert dialog.print_document() is False
    assert "No printer" in dialog.status.text()


def test_a_cancelled_print_dialog_sends_nothing(qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: ["fake"]))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialog = PrintPreviewDialog(_pdf(), "Wellbeing plan", "plan.pdf")
    qtbot.addWidget(dialog)
    printed = []
    dialog.printed.connect(printed.append)
    assert dialog.print_document() is False
    assert "cancelled" in dialog.status.text()
    assert printed == []


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
