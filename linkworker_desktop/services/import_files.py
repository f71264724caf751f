"""Reading the caseload spreadsheets: a folder of CSVs, one CSV, or an .xlsx workbook.

Everything is read as text first, so the rows can be previewed, their columns mapped and each
one refused with its file and row before anything is written.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.import_rows import (
    COLUMNS,
    REFERRALS,
    REQUIRED,
    TABLES,
    header_key,
)

MAX_FILE_BYTES = 50 * 1024 * 1024


class ImportFileError(ValueError):
    """The files cannot be read at all; nothing was imported. The message says why."""


@dataclass(slots=True)
class Sheet:
    """One table as typed: its headers, and its rows numbered as a spreadsheet shows them."""

    table: str
    name: str  # as the person knows it: "referrals.csv", or "caseload.xlsx, sheet referrals"
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    # Header as typed -> template column, for headers not named as the template names them.
    mapping: dict[str, str] = field(default_factory=dict)

    def column_of(self, header: str) -> str:
        """The template column a header fills ("" for one the import leaves out)."""
        if header in self.mapping:
            return self.mapping[header]
        key = header_key(header)
        return key if key in COLUMNS[self.table] else ""

    def unmatched(self) -> list[str]:
        """Headers that name no template column and are not mapped: the wizard asks about these."""
        return [h for h in self.headers if h.strip() and not self.column_of(h)]

    def missing(self) -> list[str]:
        have = {self.column_of(h) for h in self.headers}
        return [name for name in REQUIRED[self.table] if name not in have]

    def check(self) -> None:
        missing = self.missing()
        if missing:
            raise ImportFileError(
                f"The file {self.name} has no column for {', '.join(missing)}: name a column "
                "so, or map one to it; nothing was imported."
            )
        filled = [self.column_of(h) for h in self.headers if self.column_of(h)]
        twice = sorted({name for name in filled if filled.count(name) > 1})
        if twice:
            raise ImportFileError(
                f"The file {self.name} has more than one column for {', '.join(twice)}: keep one; "
                "nothing was imported."
            )

    def records(self) -> list[tuple[int, dict[str, str], str]]:
        """Each row as template column -> text, and why it cannot be read ("" when it can).

        A value beyond the last header belongs to no column: the row is refused rather than
        the value dropped, since it usually means a comma or a cell slipped.
        """
        columns = [self.column_of(h) for h in self.headers]
        found = []
        for number, cells in self.rows:
            values = {name: "" for name in COLUMNS[self.table]}
            for name, cell in zip(columns, cells, strict=False):
                if name:
                    values[name] = cell.strip()
            spare = [cell for cell in cells[len(self.headers) :] if cell.strip()]
            problem = (
                f"This row has {len(self.headers) + len(spare)} values but the header names "
                f"{len(self.headers)} columns: a value may have slipped into the wrong column."
                if spare
                else ""
            )
            found.append((number, values, problem))
        return found


def read_source(path: Path) -> dict[str, Sheet]:
    """The tables at ``path``: a folder with referrals.csv (contacts.csv and measures.csv may
    be there too), one of those CSVs alone, or an .xlsx workbook with sheets of those names."""
    if not path.exists():
        raise ImportFileError(f"{path} is not there; nothing was imported.")
    if path.is_dir():
        return _read_folder(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportFileError(f"The file {path.name} is larger than 50 MB; nothing was imported.")
    if path.suffix.casefold() == ".xlsx":
        return _read_workbook(path)
    table = path.stem.casefold()
    if path.suffix.casefold() == ".csv" and table in TABLES:
        return {table: _read_csv(path, table)}
    raise ImportFileError(
        f"The file {path.name} is not referrals.csv, contacts.csv, measures.csv or an .xlsx "
        "workbook; nothing was imported."
    )


def _read_folder(folder: Path) -> dict[str, Sheet]:
    files = {child.name.casefold(): child for child in folder.iterdir() if child.is_file()}
    if "referrals.csv" not in files:
        raise ImportFileError(f"The folder {folder} has no referrals.csv; nothing was imported.")
    sheets = {}
    for table in TABLES:
        found = files.get(f"{table}.csv")
        if found is not None:
            if found.stat().st_size > MAX_FILE_BYTES:
                raise ImportFileError(
                    f"The file {found.name} is larger than 50 MB; nothing was imported."
                )
            sheets[table] = _read_csv(found, table)
    return sheets


def _read_csv(path: Path, table: str) -> Sheet:
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts the file with a byte-order mark.
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f'The file {path.name} is not UTF-8 text: save it as "CSV UTF-8"; nothing was imported.'
        ) from exc
    except OSError as exc:
        raise ImportFileError(f"The file {path.name} cannot be read ({exc.strerror}).") from exc
    reader = csv.reader(text.splitlines())
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise ImportFileError(
            f"Line {reader.line_num} of {path.name} is not CSV ({exc}); nothing was imported."
        ) from exc
    return _sheet(table, path.name, lines)


def _sheet(table: str, name: str, lines: list[list[str]]) -> Sheet:
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ImportFileError(f"The file {name} has no header row; nothing was imported.")
    rows = [
        (number, cells)
        for number, cells in enumerate(lines[1:], start=2)
        if any(cell.strip() for cell in cells)  # a blank line is not a row anyone typed
    ]
    return Sheet(table, name, [cell.strip() for cell in lines[0]], rows)


def _read_workbook(path: Path) -> dict[str, Sheet]:
    import openpyxl  # only here: the rest of the app never needs it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(
            f"The file {path.name} is not an Excel workbook (.xlsx) this app can read; "
            "nothing was imported."
        ) from exc
    try:
        named = {title.strip().casefold(): title for title in book.sheetnames}
        if REFERRALS not in named:
            raise ImportFileError(
                f"The workbook {path.name} has no sheet called referrals; nothing was imported."
            )
        sheets = {}
        for table in TABLES:
            if table in named:
                lines = [
                    [_cell_text(cell) for cell in row]
                    for row in book[named[table]].iter_rows(values_only=True)
                ]
                sheets[table] = _sheet(table, f"{path.name}, sheet {named[table]}", lines)
        return sheets
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    """A cell as the text a person sees: dates ISO, times HH:MM, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
