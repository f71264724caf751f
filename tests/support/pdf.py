"""Read a PDF back the way a reviewer would: its words, their font sizes, outline and metadata."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    size: float
    font: str
    page: int


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(pdf).pages)


def runs(pdf: bytes) -> list[Run]:
    """Every text run with its effective font size (font size times the text matrix scale)."""
    found: list[Run] = []
    for number, page in enumerate(reader(pdf).pages, start=1):

        def visit(
            text: str, _cm: list, tm: list, font: dict | None, size: float, number: int = number
        ) -> None:
            if text.strip():
                scale = abs(tm[3]) if tm and tm[3] else 1.0
                name = str(font.get("/BaseFont", "")) if font else ""
                found.append(Run(text.strip(), round(size * scale, 1), name, number))

        page.extract_text(visitor_text=visit)
    return found


def outline_titles(pdf: bytes) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader(pdf).outline)
    return titles


def tiny_png(width: int, height: int) -> bytes:
    """A plain grey PNG made with the standard library, for logo tests."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
