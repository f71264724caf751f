"""Index of Multiple Deprivation deciles by postcode, for the equity figures of a report.

None ships: a service loads the table for its area (for example from the published IMD postcode
lookup). The file is CSV with a postcode and a decile from 1 (most deprived) to 10; a header
row may name the columns (a "postcode" or "pcds" column and a "decile" one). One bad line
refuses the whole file, naming the line, so no half-loaded table is left; loading again
replaces a postcode's decile.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.postcode import normalise_postcode, postcode_problem
from linkworker_desktop.services.profile import OpenProfile

MAX_BYTES = 512 * 1024 * 1024  # the national lookup is a few hundred megabytes


def _columns(header: list[str], path: Path) -> tuple[int, int]:
    names = [cell.strip().lower() for cell in header]
    postcode = next((i for i, n in enumerate(names) if "postcode" in n or n.startswith("pcd")), -1)
    decile = next((i for i, n in enumerate(names) if "decile" in n), -1)
    if postcode < 0 or decile < 0:
        raise ValidationError(
            {
                "file": f"The first line of {path.name} names no postcode and decile columns;"
                " nothing was loaded."
            }
        )
    return postcode, decile


def _row(record: list[str], line: int, columns: tuple[int, int]) -> tuple[str, int]:
    if len(record) <= max(columns):
        raise ValidationError(
            {"file": f"Line {line} has no postcode and decile; nothing was loaded."}
        )
    postcode = normalise_postcode(record[columns[0]])
    problem = postcode_problem(postcode)
    if problem:
        raise ValidationError(
            {
                "file": f"Line {line}: {record[columns[0]][:20]!r} is not a UK postcode"
                f" ({problem.rstrip('.')}); nothing was loaded."
            }
        )
    text = record[columns[1]].strip()
    if not text.isdigit() or not 1 <= int(text) <= 10:
        raise ValidationError(
            {
                "file": f"Line {line}: the decile {text[:20]!r} is not a whole number from 1 to 10;"
                " nothing was loaded."
            }
        )
    return postcode, int(text)


def _rows(path: Path, fh: Any) -> list[tuple[str, int]]:
    reader = csv.reader(fh)
    rows: list[tuple[str, int]] = []
    columns = (0, 1)
    try:
        for record in reader:
            if not record or not any(cell.strip() for cell in record):
                continue
            if reader.line_num == 1 and not (len(record) > 1 and record[1].strip().isdigit()):
                columns = _columns(record, path)
                continue
            rows.append(_row(record, reader.line_num, columns))
    except csv.Error as exc:
        raise ValidationError(
            {
                "file": f"Line {reader.line_num} of {path.name} is not CSV ({exc});"
                " nothing was loaded."
            }
        ) from exc
    if not rows:
        raise ValidationError(
            {"file": f"The file {path.name} holds no postcodes; nothing was loaded."}
        )
    return rows


def load_imd(profile: OpenProfile, path: Path) -> int:
    """Load the deciles in one transaction; returns how many postcodes the file held."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValidationError(
                {
                    "file": f"The file {path.name} is too large to be a postcode lookup;"
                    " nothing was loaded."
                }
            )
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = _rows(path, fh)
    except OSError as exc:
        why = (exc.strerror or str(exc)).lower()
        raise ValidationError(
            {"file": f"The file {path} cannot be read ({why}); nothing was loaded."}
        ) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(
            {
                "file": f"The file {path.name} is not UTF-8 text, so it is not a CSV;"
                " nothing was loaded."
            }
        ) from exc
    conn = profile.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT INTO imd_postcodes (postcode, decile) VALUES (?, ?)"
            " ON CONFLICT (postcode) DO UPDATE SET decile = excluded.decile",
            rows,
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(rows)
