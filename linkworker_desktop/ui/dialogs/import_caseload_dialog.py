"""File → Import caseload…: choose the spreadsheets, map their columns, preview, import.

Three pages in one dialog, each reached by keyboard: Alt+letters, Enter for the default
button, Escape to cancel. The preview is a dry run of the whole import, so the rows marked
there are exactly the rows the import will refuse. The dialog hands back its result through
``imported``; the main window refreshes its lists from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.import_rows import COLUMNS
from linkworker_desktop.services.caseload_import import CaseloadImport, ImportResult
from linkworker_desktop.services.import_files import ImportFileError, Sheet, read_source
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui import a11y
from linkworker_desktop.ui.screen_fit import resize_to_fit
from linkworker_desktop.ui.widgets.import_preview import preview_table, refused_table
from linkworker_desktop.ui.widgets.value_label import ValueLabel

CHOOSE, MAP, PREVIEW = range(3)
LEAVE_OUT = "Leave it out"
INTRO = (
    "Choose a folder holding referrals.csv (contacts.csv and measures.csv too, if you have "
    "them), or an Excel workbook with sheets of those names. The template and what each column "
    "holds are in the README, under “Bringing a caseload in from spreadsheets”."
)


class ImportCaseloadDialog(QDialog):
    imported = Signal(object)  # the ImportResult, once rows went in

    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        parent: QWidget | None = None,
        now: datetime | None = None,
    ):
        """``profile`` gives the open caseload when asked: after a lock and unlock it is a new
        one, and while locked there is none."""
        super().__init__(parent)
        self.setWindowTitle("Import caseload")
        self.profile = profile
        self.now = now
        self.sheets: dict[str, Sheet] = {}
        self.result: ImportResult | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._map_page())
        self.pages.addWidget(self._preview_page())
        self.problem = ValueLabel("Problem", "", self)
        self.problem.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = self.buttons.addButton("&Back", QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button = self.buttons.addButton("&Next", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.import_button.clicked.connect(self._import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 900, 560)
        self._show_page(CHOOSE)

    # --- pages --------------------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(INTRO, page)
        intro.setWordWrap(True)
        self.path = QLineEdit(page)
        self.path.setAccessibleName("File or folder")
        caption = QLabel("&File or folder:", page)
        caption.setBuddy(self.path)
        self.file_button = QPushButton("Choose a &workbook or CSV…", page)
        self.folder_button = QPushButton("Choose a f&older…", page)
        self.file_button.setAccessibleName("Choose a workbook or CSV")
        self.folder_button.setAccessibleName("Choose a folder")
        self.file_button.clicked.connect(self._choose_file)
        self.folder_button.clicked.connect(self._choose_folder)
        form = QFormLayout()
        form.addRow(caption, self.path)
        choosers = QHBoxLayout()
        choosers.addWidget(self.file_button)
        choosers.addWidget(self.folder_button)
        choosers.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(choosers)
        layout.addStretch(1)
        return page

    def _map_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            "These columns are not named as the template names them. Choose a column, then "
            "what it holds; a column left out is not imported.",
            page,
        )
        intro.setWordWrap(True)
        self.column = QComboBox(page)
        self.column.setAccessibleName("Column")
        self.column.currentIndexChanged.connect(self._show_target)
        self.target = QComboBox(page)
        self.target.setAccessibleName("Import it as")
        self.target.activated.connect(self._set_target)
        column_caption = QLabel("&Column:", page)
        column_caption.setBuddy(self.column)
        target_caption = QLabel("Import it &as:", page)
        target_caption.setBuddy(self.target)
        self.mapped = ValueLabel("Columns", "", page)
        self.mapped.setWordWrap(True)
        form = QFormLayout()
        form.addRow(column_caption, self.column)
        form.addRow(target_caption, self.target)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.mapped)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = ValueLabel("Preview", "", page)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(page)
        self.tabs.setAccessibleName("Rows to import")
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index != CHOOSE and self.result is None)
        self.next_button.setVisible(index != PREVIEW)
        self.import_button.setVisible(index == PREVIEW)
        self.import_button.setEnabled(index == PREVIEW and self.result is None)
        default = self.import_button if index == PREVIEW else self.next_button
        default.setDefault(True)
        focus = {CHOOSE: self.path, MAP: self.column, PREVIEW: self.tabs}[index]
        focus.setFocus()

    # --- choosing -----------------------------------------------------------------------------

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a workbook or CSV", self._start_folder(), "Spreadsheets (*.xlsx *.csv)"
        )
        if chosen:
            self.path.setText(chosen)
            self._next()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose the folder of CSVs", self._start_folder()
        )
        if chosen:
            self.path.setText(chosen)
            self._next()

    def _start_folder(self) -> str:
        """Where the last choice was, else the home folder (where Documents usually is)."""
        typed = Path(self.path.text().strip()).expanduser()
        if self.path.text().strip() and typed.exists():
            return str(typed if typed.is_dir() else typed.parent)
        return str(Path.home())

    def _next(self) -> None:
        if self.pages.currentIndex() == CHOOSE:
            self._read()
        elif self.pages.currentIndex() == MAP:
            self._preview()

    def _back(self) -> None:
        self.problem.clear()
        index = self.pages.currentIndex()
        if index == PREVIEW and self._columns_to_map():
            self._show_page(MAP)
        else:
            self._show_page(CHOOSE)

    def _read(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._say_problem("Type or choose a file or folder first.", self.path)
            return
        try:
            self.sheets = read_source(Path(text).expanduser())
        except ImportFileError as exc:
            self._say_problem(str(exc), self.path)
            return
        self.problem.clear()
        if self._columns_to_map():
            self._fill_mapping()
            self._show_page(MAP)
        else:
            self._preview()

    # --- mapping ------------------------------------------------------------------------------

    def _columns_to_map(self) -> list[tuple[str, str]]:
        found = []
        for table, sheet in self.sheets.items():
            found += [(table, header) for header in sheet.unmatched()]
            found += [(table, header) for header in sheet.mapping]
        return list(dict.fromkeys(found))

    def _fill_mapping(self) -> None:
        self.column.blockSignals(True)
        self.column.clear()
        for table, header in self._columns_to_map():
            self.column.addItem(f"{self.sheets[table].name}: {header}", (table, header))
        self.column.blockSignals(False)
        self.column.setCurrentIndex(0)
        self._show_target()

    def _show_target(self) -> None:
        data = self.column.currentData()
        self.target.clear()
        if not data:
            return
        table, header = data
        self.target.addItem(LEAVE_OUT, "")
        for name in COLUMNS[table]:
            self.target.addItem(name, name)
        current = self.sheets[table].mapping.get(header, "")
        self.target.setCurrentIndex(max(self.target.findData(current), 0))
        self._describe_mapping()

    def _set_target(self) -> None:
        data = self.column.currentData()
        if not data:
            return
        table, header = data
        self.sheets[table].mapping[header] = self.target.currentData() or ""
        self._describe_mapping()

    def _describe_mapping(self) -> None:
        lines = []
        for table, header in self._columns_to_map():
            target = self.sheets[table].mapping.get(header, "")
            lines.append(f"{header} → {target or LEAVE_OUT.lower()}")
        self.mapped.setText("; ".join(lines) + ".")

    # --- preview and import -------------------------------------------------------------------

    def _preview(self) -> None:
        try:
            for sheet in self.sheets.values():
                sheet.check()
            result = self._run(dry_run=True)
        except ImportFileError as exc:
            self._say_problem(str(exc), self.column if self._columns_to_map() else self.path)
            return
        self.problem.clear()
        self.tabs.clear()
        for sheet in self.sheets.values():
            table = preview_table(sheet, result.rejected, self.tabs)
            self.tabs.addTab(table, sheet.name)
        if result.rejected:
            self.tabs.addTab(refused_table(result.rejected, self.tabs), "Refused rows")
        self.summary.setText(
            f"{result.summary()} The first rows of each file are shown, a refused row marked "
            "with ⚠ and its reason; Import adds the rest."
        )
        self._show_page(PREVIEW)
        a11y.announce(self, result.summary())

    def _run(self, dry_run: bool) -> ImportResult:
        opened = self.profile()
        if opened is None:
            raise ImportFileError("The caseload is locked: unlock it, then try again.")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return CaseloadImport(opened).run(self.sheets, dry_run=dry_run, now=self.now)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _import(self) -> None:
        if self.result is not None:
            return
        try:
            self.result = self._run(dry_run=False)
        except ImportFileError as exc:
            self._say_problem(str(exc), self.tabs)
            return
        done = self.result.summary()
        self.summary.setText(done)
        self.cancel_button.setText("Close")
        self._show_page(PREVIEW)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        a11y.announce(self, done)
        self.imported.emit(self.result)

    def _say_problem(self, text: str, field: QWidget) -> None:
        self.problem.setText(f"⚠ {text}")
        a11y.announce(self, text, a11y.ASSERTIVE)
        field.setFocus()
