"""The self-test's screen checks: Qt starts off screen and the print preview shows the plan.

They live here because only the ui layer may use Qt widgets; linkworker_desktop/self_test.py
runs them after its own checks, on the plan PDF those made.
"""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import QSize, qVersion
from PySide6.QtPdf import QPdfDocument

from linkworker_desktop import self_test


def check_qt(_run: self_test.SelfTestRun) -> str:
    # Imported here: loading the main window's modules is part of what this check proves.
    from linkworker_desktop.ui.app import make_application

    app = make_application(["linkworker-desktop"])
    platform = app.platformName()
    self_test.require(platform == "offscreen", f"Qt started on {platform!r}, not off screen")
    self_test.require(not app.windowIcon().isNull(), "the app icon did not load")
    return f"Qt {qVersion()} on the {platform} platform"


def check_print_preview(run: self_test.SelfTestRun) -> str:
    from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog

    self_test.require(bool(run.plan_pdf), "no plan PDF to preview")
    dialog = PrintPreviewDialog(run.plan_pdf, "Self-test plan", "self-test-plan.pdf")
    try:
        document = dialog.document
        self_test.require(
            document.status() == QPdfDocument.Status.Ready, "the preview could not read the PDF"
        )
        pages = document.pageCount()
        self_test.require(pages >= 1, "the preview shows no pages")
        image = document.render(0, QSize(210, 297))
        self_test.require(not image.isNull(), "the preview could not draw the first page")
    finally:
        dialog.deleteLater()
    return f"the print preview shows {pages} page(s)"


QT_CHECKS: tuple[self_test.Check, ...] = (
    ("qt", check_qt),
    ("print-preview", check_print_preview),
)


def main(today: date | None = None) -> int:
    """Run every self-test check off screen, whatever display this machine has."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return self_test.main(QT_CHECKS, today=today)
