"""Preview a PDF the app made, then print it, save it, or open it in the system viewer.

The PDF is rendered with QtPdf for both the preview and the printer, so what the worker sees is
what prints. Printing is optional: on a home visit there is often no printer, and then saving
the PDF to print later is the way.

A screen reader cannot read the rendered pages, so the preview also holds the document's text in
reading order, and, when the caller has one, saves an accessible web page (HTML) copy: reportlab
cannot tag a PDF, so that copy is the one to give a person who uses a screen reader.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.printing.files import with_pdf_suffix, with_suffix_added, write_private
from linkworker_desktop.ui.screen_fit import resize_to_fit
from linkworker_desktop.ui.widgets.value_label import StatusLabel, ValueLabel

if TYPE_CHECKING:  # Qt's PDF and printing modules load when a preview first opens
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter


def render_to_printer(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page onto the printer, scaled to its page; returns the pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        pages = document.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(page).toSize()
            scale = min(
                target.width() / max(1, size.width()), target.height() / max(1, size.height())
            )
            image = document.render(
                page, QSize(int(size.width() * scale), int(size.height() * scale))
            )
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return document.pageCount()


class PrintPreviewDialog(QDialog):
    """Shows a PDF with Print, Save as PDF and Open in the system viewer."""

    saved = Signal(str)
    printed = Signal(int)

    def __init__(
        self,
        pdf: bytes,
        title: str,
        suggested_name: str,
        warnings: list[str] | None = None,
        parent: QWidget | None = None,
        html: str | None = None,
    ):
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        resize_to_fit(self, 820, 900)  # the buttons below the page stay on screen
        self._pdf = pdf
        self._suggested = suggested_name
        self._temp_dir: tempfile.TemporaryDirectory[str] | None = None
        self._save_dialog: QFileDialog | None = None  # made once: it remembers the folder
        self._html = html
        self._html_dialog: QFileDialog | None = None
        self._print_dialog: QPrintDialog | None = None
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Preview of the document")
        self.text_version = QTextBrowser(self)
        self.text_version.setAccessibleName("Text version of the document")
        self.text_version.setOpenLinks(False)
        if html is not None:
            self.text_version.setHtml(html)
        else:
            self.text_version.setPlainText(self._pdf_text())
        self.views = QTabWidget(self)
        self.views.setAccessibleName("Document")
        self.views.addTab(self.view, "Pa&ges")
        self.views.addTab(self.text_version, "&Text version")

        self.message = ValueLabel("Notes about this document", " ".join(warnings or []), self)
        self.message.setWordWrap(True)
        self.message.setVisible(bool(warnings))

        self.print_button = QPushButton("&Print…", self)
        self.print_button.setAccessibleName("Print")
        self.save_button = QPushButton("&Save as PDF…", self)
        self.save_button.setAccessibleName("Save as PDF")
        self.open_button = QPushButton("&Open in viewer", self)
        self.open_button.setAccessibleName("Open in viewer (the system's PDF viewer)")
        self.print_button.clicked.connect(self.print_document)
        # Slots without parameters: clicked(bool) would fill an optional first parameter.
        self.save_button.clicked.connect(self.save_document)
        self.open_button.clicked.connect(self.open_externally)
        self.html_button: QPushButton | None = None
        self.html_note: QLabel | None = None
        if html is not None:
            self.html_button = QPushButton("Save as &accessible web page (HTML)…", self)
            self.html_button.setAccessibleName("Save as accessible web page (HTML)")
            self.html_button.clicked.connect(self.save_html)
            self.html_note = QLabel(
                "For someone who uses a screen reader, give the web page (HTML) copy: "
                "it has the same words, with headings and lists a screen reader can follow. "
                "The PDF is for printing.",
                self,
            )
            self.html_note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.html_button, self.open_button):
            if button is not None:
                buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.views, 1)
        if self.html_note is not None:
            layout.addWidget(self.html_note)
        layout.addLayout(buttons)
        self.status = StatusLabel("Status", f"{self.document.pageCount()} page(s)", self)
        layout.addWidget(self.status)

    # --- actions ------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def print_document(self) -> QPrintDialog | None:
        """Ask which printer (window-modal, so the preview stays drawn behind it), then print."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        if not QPrinterInfo.availablePrinters():
            self._say("No printer is set up on this computer. Save the PDF and print it later.")
            return None
        if self._print_dialog is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._print_dialog = QPrintDialog(printer, self)
            self._print_dialog.accepted.connect(lambda: self._print_on(printer))
            self._print_dialog.rejected.connect(
                lambda: self._say("Printing cancelled; nothing was sent to the printer.")
            )
        QDialog.open(self._print_dialog)  # QPrintDialog's own open() wants a receiver
        return self._print_dialog

    def _print_on(self, printer: QPrinter) -> None:
        try:
            pages = render_to_printer(self.document, printer)
        except OSError as exc:
            self._say(f"{exc} Save the PDF and print it later.")
            return
        where = printer.printerName() or printer.outputFileName()
        self._say(f"Sent {pages} page(s) to {where}.")
        self.printed.emit(pages)

    def save_document(self) -> QFileDialog:
        """Ask where to save: Qt's own file dialog, the same on every laptop, Enter saves."""
        if self._save_dialog is None:
            dialog = QFileDialog(self, "Save as PDF", self._documents(), "PDF files (*.pdf)")
            dialog.setObjectName("save-pdf-dialog")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setDefaultSuffix("pdf")
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.fileSelected.connect(self.save_to)
            dialog.rejected.connect(lambda: self._say("Not saved: no file was chosen."))
            self._save_dialog = dialog
        self._save_dialog.selectFile(self._suggested)
        self._save_dialog.open()
        return self._save_dialog

    def save_to(self, path: str) -> str | None:
        """Write the PDF to path (".pdf" added when missing), readable by its owner only."""
        target = with_pdf_suffix(path)
        try:
            write_private(target, self._pdf)
        except OSError as exc:
            self._say(f"Could not save to {target}: {exc.strerror or exc}. Nothing was changed.")
            return None
        self._say(f"Saved {target}.")
        self.saved.emit(str(target))
        return str(target)

    def save_html(self) -> QFileDialog:
        """Ask where to save the accessible web page copy, beside where PDFs are saved."""
        if self._html_dialog is None:
            folder = (
                self._save_dialog.directory().absolutePath()
                if self._save_dialog is not None
                else self._documents()
            )
            dialog = QFileDialog(self, "Save as accessible web page", folder, "Web pages (*.html)")
            dialog.setObjectName("save-html-dialog")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setDefaultSuffix("html")
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.fileSelected.connect(self.save_html_to)
            dialog.rejected.connect(lambda: self._say("Not saved: no file was chosen."))
            self._html_dialog = dialog
        self._html_dialog.selectFile(str(Path(self._suggested).with_suffix(".html")))
        self._html_dialog.open()
        return self._html_dialog

    def save_html_to(self, path: str) -> str | None:
        """Write the web page copy to path (".html" added when missing), owner only."""
        if self._html is None:
            return None
        target = with_suffix_added(path, ".html")
        try:
            write_private(target, self._html.encode("utf-8"))
        except OSError as exc:
            self._say(f"Could not save to {target}: {exc.strerror or exc}. Nothing was changed.")
            return None
        self._say(f"Saved {target}.")
        self.saved.emit(str(target))
        return str(target)

    def _pdf_text(self) -> str:
        """The words of every page in reading order, for a screen reader."""
        pages = range(self.document.pageCount())
        return "\n\n".join(self.document.getAllText(page).text() for page in pages)

    @staticmethod
    def _documents() -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def open_externally(self) -> Path:
        """Open a private temporary copy (removed when this dialog closes) in the system viewer."""
        if self._temp_dir is None:
            self._temp_dir = tempfile.TemporaryDirectory(prefix="linkworker-")
        path = Path(self._temp_dir.name) / self._suggested
        write_private(path, self._pdf)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say("No PDF viewer is set up; use Save as PDF instead.")
        return path

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        if self._temp_dir is not None:
            self._temp_dir.cleanup()
            self._temp_dir = None
        super().done(result)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(820, 900)


__all__ = ["PrintPreviewDialog", "render_to_printer"]
