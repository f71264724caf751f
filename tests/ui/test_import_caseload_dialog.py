"""File → Import caseload…: chosen, mapped, previewed and imported by keyboard or by mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMenu

from linkworker_desktop.ui.dialogs.import_caseload_dialog import ImportCaseloadDialog
from tests.support import caseload_sheets as sheets
from tests.support.caseload_sheets import EXPECTED, NOW
from tests.ui.every_window import workday
from tests.ui.focus_helpers import focused
from tests.ui.modal_helpers import when_modal

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier
SUMMARY = "Added 2 patients, 3 referrals, 5 contacts and 3 measures; 6 rows refused."
PREVIEWED = "Would add 2 patients, 3 referrals, 5 contacts and 3 measures; 6 rows refused."


def counts(profile) -> tuple[int, int, int, int]:
    return tuple(
        profile.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("patients", "referrals", "appointments", "measure_results")
    )


def open_dialog(qtbot, profile) -> ImportCaseloadDialog:
    dialog = ImportCaseloadDialog(lambda: profile, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def folder_with_nhs_no(tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    text = (folder / "referrals.csv").read_text("utf-8-sig")
    (folder / "referrals.csv").write_text(text.replace("nhs_number", "NHS No", 1), "utf-8")
    return folder


def cell(table, row: int, column_name: str) -> str:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return table.item(row, headers.index(column_name)).text()


def test_by_keyboard_alone_a_column_is_mapped_the_rows_previewed_and_imported(
    qtbot, open_profile, tmp_path, heard
):
    folder = folder_with_nhs_no(tmp_path)
    dialog = open_dialog(qtbot, open_profile)
    assert focused() is dialog.path
    qtbot.keyClicks(dialog.path, str(folder))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)

    assert focused() is dialog.column
    assert dialog.column.currentText() == "referrals.csv: NHS No"
    assert dialog.target.currentText() == "Leave it out"
    qtbot.keyClick(dialog, Qt.Key.Key_A, ALT)
    assert focused() is dialog.target
    qtbot.keyClicks(dialog.target, "nhs")
    assert dialog.target.currentText() == "nhs_number"
    assert dialog.mapped.text() == "NHS No → nhs_number."
    before = counts(open_profile)
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)

    assert dialog.pages.currentIndex() == 2
    assert counts(open_profile) == before  # the preview is a dry run
    assert dialog.summary.text().startswith(PREVIEWED)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "referrals.csv",
        "contacts.csv",
        "measures.csv",
        "Refused rows",
    ]
    referrals = dialog.tabs.widget(0)
    assert referrals.rowCount() == len(sheets.REFERRALS)
    assert [cell(referrals, r, "Row") for r in range(referrals.rowCount())] == [
        "2", "3", "4", "5", "6", "7",
    ]  # fmt: skip
    problems = [cell(referrals, r, "Problem") for r in range(referrals.rowCount())]
    assert problems == ["", "", "", *(f"⚠ {r['reason']}" for r in EXPECTED["rejected"][:3])]
    assert dialog.tabs.widget(3).rowCount() == 6
    assert PREVIEWED in heard.texts()

    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert counts(open_profile) == (before[0] + 2, before[1] + 3, before[2] + 5, before[3] + 3)
    assert dialog.summary.text() == SUMMARY
    assert heard.texts()[-1] == SUMMARY
    assert not dialog.import_button.isEnabled()
    assert focused() is dialog.cancel_button and dialog.cancel_button.text() == "Close"


def test_a_workbook_is_chosen_with_the_mouse_and_imported(
    qtbot, open_profile, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path))  # the chooser opens in the home folder
    book = sheets.write_workbook(tmp_path / "caseload.xlsx")
    dialog = open_dialog(qtbot, open_profile)
    got: list[object] = []
    dialog.imported.connect(got.append)

    def answer(file_dialog: QFileDialog) -> None:
        assert file_dialog.directory().absolutePath() == str(tmp_path)
        qtbot.keyClicks(file_dialog.findChild(QLineEdit, "fileNameEdit"), book.name)
        qtbot.wait(200)  # the list of matching names opens; Escape closes it, as a person does
        popup = QApplication.activePopupWidget()
        if popup is not None:
            qtbot.keyClick(popup, Qt.Key.Key_Escape)
        buttons = file_dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Open), LEFT)

    answered = when_modal(QFileDialog, answer)
    qtbot.mouseClick(dialog.file_button, LEFT)
    assert len(answered) == 1
    assert dialog.path.text() == str(book)
    assert dialog.pages.currentIndex() == 2  # every column matched: straight to the preview
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())][:3] == [
        "caseload.xlsx, sheet Referrals",
        "caseload.xlsx, sheet Contacts",
        "caseload.xlsx, sheet Measures",
    ]
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert len(got) == 1
    assert got[0].as_json()["patients_added"] == 2
    assert len(got[0].as_json()["rejected"]) == 6


def test_a_folder_without_referrals_is_said_and_nothing_moves_on(
    qtbot, open_profile, tmp_path, heard
):
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog = open_dialog(qtbot, open_profile)
    qtbot.keyClicks(dialog.path, str(empty))
    qtbot.mouseClick(dialog.next_button, LEFT)
    said = f"The folder {empty} has no referrals.csv; nothing was imported."
    assert dialog.problem.text() == f"⚠ {said}"
    assert dialog.problem.accessibleName() == f"Problem: ⚠ {said}"
    assert heard == [(said, "Assertive")]
    assert dialog.pages.currentIndex() == 0
    assert dialog.path.text() == str(empty)  # what was typed stays to be corrected
    assert focused() is dialog.path


def test_the_file_menu_opens_the_import_and_the_caseload_shows_what_came_in(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    folder = sheets.write_folder(tmp_path / "caseload")
    before = window.caseload_view.model.rowCount()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, ALT)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert "&Import caseload…" in [a.text() for a in menu.actions()]
    opened: list[ImportCaseloadDialog] = []

    def fill(dialog: ImportCaseloadDialog) -> None:
        opened.append(dialog)
        dialog.now = NOW
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClicks(dialog.path, str(folder))
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    when_modal(ImportCaseloadDialog, fill)
    qtbot.keyClick(menu, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: bool(opened) and opened[0].result is not None, timeout=10_000)
    assert window.caseload_view.model.rowCount() == before + 2
    qtbot.keyClick(opened[0].cancel_button, Qt.Key.Key_Return)
