"""The bundled DejaVu Sans: wide coverage (accents, Greek, Cyrillic and more) on every laptop.

System fonts differ between machines and the PDF base fonts cover Latin-1 only, so a name like
"Zoë Wiśniewska" or "Дмитрий" would print as boxes without a bundled font.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from linkworker_desktop.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register() -> str:
    """Register the font family once per process; returns the family name."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
