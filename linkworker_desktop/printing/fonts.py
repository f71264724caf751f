"""The bundled DejaVu Sans: wide coverage (accents, Greek, Cyrillic and more) on every laptop.
Scripts it lacks or cannot shape have fonts of their own (printing/scripts.py).

System fonts differ between machines and the PDF base fonts cover Latin-1 only, so a name like
"Zoë Wiśniewska" or "Дмитрий" would print as boxes without a bundled font.

No bundled font has emoji and no free outline emoji font is small enough to bundle (Noto Color Emoji
is a bitmap font reportlab cannot embed), so a character the font cannot draw is printed by its
Unicode name in brackets, "🌻" as "[sunflower]", and the document says so, rather than vanishing.
The few emoji DejaVu does draw (😀 and other faces) are named too: they lie beyond U+FFFF, and
reportlab's text map cannot say so, so a screen reader, search or copy would lose them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps
from typing import ParamSpec

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from linkworker_desktop.paths import resources_dir
from linkworker_desktop.printing import scripts

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
UNNAMED_MARK = "□"  # U+25A1, in DejaVu; for a character with no Unicode name
# Invisible joiners and modifiers that only shape the emoji before them: dropped with it.
_SHAPING = frozenset({0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)})

_noted: ContextVar[list[str] | None] = ContextVar("unprintable_characters", default=None)


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
    scripts.register()
    return REGULAR


@cache
def _drawable() -> frozenset[int]:
    """Code points both weights can draw (a bold label must not lose what body text shows),
    within U+FFFF (reportlab writes a wrong text map for the rest)."""
    register()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph  # type: ignore[attr-defined]
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph  # type: ignore[attr-defined]
    return frozenset(c for c in regular if c <= 0xFFFF and c in bold)


def _stand_in(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else UNNAMED_MARK


def printable(value: str) -> str:
    """The text with each character the font cannot draw shown by name, and noted."""
    value = unicodedata.normalize("NFC", value)
    drawable = _drawable()
    if all(ord(c) in drawable or c.isspace() for c in value):
        return value
    noted = _noted.get()
    out: list[str] = []
    named = False  # the character before was printed by name
    for char in value:
        code = ord(char)
        if code in _SHAPING and (named or code not in drawable):
            continue  # a joiner or skin tone means nothing without the emoji it shapes
        named = not (code in drawable or char.isspace() or unicodedata.category(char) == "Cc")
        if named:
            out.append(_stand_in(char))
            if noted is not None:
                noted.append(char)
        else:
            out.append(char)
    return "".join(out)


@contextmanager
def noting_unprintable() -> Iterator[list[str]]:
    """Collect the characters printable() had to stand in for while the block runs."""
    noted: list[str] = []
    token = _noted.set(noted)
    try:
        yield noted
    finally:
        _noted.reset(token)


def unprintable_note(noted: list[str]) -> str | None:
    """What to tell the worker about stood-in characters, or None when there were none."""
    if not noted:
        return None
    shown = list(dict.fromkeys(_stand_in(c) for c in noted))
    count = len(set(noted))
    examples = ", ".join(shown[:3]) + (" and others" if len(shown) > 3 else "")
    which = "character" if count == 1 else "characters"
    verb = "is" if count == 1 else "are"
    cjk = any(_is_cjk(c) for c in noted)
    kinds = "such as Chinese, Japanese or Korean characters" if cjk else "such as emoji"
    return (
        f"{count} {which} ({kinds}) cannot be printed with the app's font, so {verb} "
        f"printed by name in brackets: {examples}."
    )


def _is_cjk(char: str) -> bool:
    """Han, kana and Hangul: no bundled font has them (see printing/scripts.py)."""
    name = unicodedata.name(char, "")
    return name.startswith(("CJK ", "HIRAGANA", "KATAKANA", "HANGUL"))


P = ParamSpec("P")


def notes_unprintable(
    render: Callable[P, tuple[bytes, list[str]]],
) -> Callable[P, tuple[bytes, list[str]]]:
    """Wrap a renderer so its warnings say when characters were printed by name."""

    @wraps(render)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> tuple[bytes, list[str]]:
        with noting_unprintable() as noted:
            pdf, warnings = render(*args, **kwargs)
        note = unprintable_note(noted)
        return pdf, [*warnings, note] if note else warnings

    return wrapper
