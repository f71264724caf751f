"""Bundled Noto Sans fonts for the scripts of the UK's most spoken languages, and shaping.

DejaVu Sans has no Bengali, Gurmukhi, Gujarati, Devanagari or Tamil, and draws Arabic letters
unjoined and left to right. A name or a person's own words in those scripts are printed in the
matching Noto Sans font, chosen for each run of characters, and shaped by HarfBuzz (uharfbuzz,
through reportlab) so that conjuncts, vowel signs and Arabic joining and ligatures come out right.

reportlab has no bidirectional layout without its separate rlbidi package, which is not on PyPI.
So a run of right-to-left words is kept together with no-break spaces and shaped as one piece:
HarfBuzz then lays the run out right to left. Numbers are kept out of such runs, so a number is
never reversed; it stands where it was typed, as in left-to-right text.

Hebrew needs no font of its own (DejaVu has it), only setting right to left.

Chinese is not bundled: Noto Sans CJK comes only with PostScript (CFF) outlines, which reportlab
cannot embed, and a TrueType CJK font is 10 MB or more. Chinese characters are printed by name
and the document says so before it is printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib.abag import ABag
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeFragWord
from reportlab.platypus import paragraph

from linkworker_desktop.paths import resources_dir


@dataclass(frozen=True, slots=True)
class Script:
    name: str
    font: str  # file stem of the regular weight, and its registered name
    ranges: tuple[tuple[int, int], ...]
    right_to_left: bool = False

    bold_font: str = ""

    @property
    def bold(self) -> str:
        return self.bold_font or self.font.replace("-Regular", "-Bold")


SCRIPTS = (
    Script(
        "Arabic",
        "NotoSansArabic-Regular",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        right_to_left=True,
    ),
    Script("Devanagari", "NotoSansDevanagari-Regular", ((0x0900, 0x097F), (0xA8E0, 0xA8FF))),
    Script("Bengali", "NotoSansBengali-Regular", ((0x0980, 0x09FF),)),
    Script("Gurmukhi", "NotoSansGurmukhi-Regular", ((0x0A00, 0x0A7F),)),
    Script("Gujarati", "NotoSansGujarati-Regular", ((0x0A80, 0x0AFF),)),
    Script("Tamil", "NotoSansTamil-Regular", ((0x0B80, 0x0BFF),)),
    # DejaVu draws Hebrew; it only needs setting right to left.
    Script("Hebrew", "DejaVuSans", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), True, "DejaVuSans-Bold"),
)
NBSP = "\u00a0"
# reportlab's default also turns on discretionary ligatures, which in Noto Sans Arabic write the
# name محمد with its vowel marks: a name must print as it was typed.
_FEATURES = {"kern": True, "liga": True}


@cache
def register() -> None:
    """Register each script's two weights once, and shape each font's run on its own."""
    folder = resources_dir() / "fonts"
    for script in SCRIPTS:
        for name in (script.font, script.bold):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
        addMapping(script.font, 0, 0, script.font)
        addMapping(script.font, 1, 0, script.bold)
        addMapping(script.font, 0, 1, script.font)
        addMapping(script.font, 1, 1, script.bold)
    # reportlab shapes a whole word with the font of its first piece, so "Mum/মা" would be
    # shaped with DejaVu and print boxes. Each piece is shaped on its own: a piece has one font
    # and one direction, and a right-to-left passage's pieces are already in visual order.
    paragraph.shapeFragWord = _shape_each_font  # type: ignore[attr-defined]


def _shape_each_font(word: list) -> list:
    pieces = word[1:]
    if len(pieces) < 2 or any(hasattr(f, "cbDefn") for f, _ in pieces):
        return shapeFragWord(word, _FEATURES)
    shaped = []
    for f, text in pieces:
        width = pdfmetrics.stringWidth(text, f.fontName, f.fontSize)
        shaped.append(shapeFragWord(word.__class__([width, (f, text)]), _FEATURES))
    result = next((w for w in shaped if type(w) is not type(word)), word).__class__([])
    result.append(sum(w[0] for w in shaped))
    for w in shaped:
        result.extend(w[1:])
    return result


@cache
def _covered(script: Script) -> frozenset[int]:
    """Code points both weights draw, so a bold label shows what body text shows."""
    register()
    regular = pdfmetrics.getFont(script.font).face.charToGlyph  # type: ignore[attr-defined]
    bold = pdfmetrics.getFont(script.bold).face.charToGlyph  # type: ignore[attr-defined]
    return frozenset(c for c in regular if c in bold)


def script_of(char: str) -> Script | None:
    code = ord(char)
    for script in SCRIPTS:
        if any(low <= code <= high for low, high in script.ranges):
            return script
    return None


def _is_number(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


def _word_runs(word: str) -> Iterator[tuple[Script | None, str]]:
    """A word's characters, each with the script font that draws it (None: the main font).

    Punctuation and joiners take the font of the word's script when it has them, so a danda
    or a hyphen inside a Bengali word is shaped with it.
    """
    own = next((s for c in word if (s := script_of(c)) is not None), None)
    for char in word:
        choice: Script | None = None
        if own is not None and ord(char) in _covered(own):
            choice = own
        elif (mine := script_of(char)) is not None and ord(char) in _covered(mine):
            choice = mine
        if choice is not None and choice.right_to_left and _is_number(char):
            choice = None  # shaped right to left, a number would read backwards
        yield choice, char


@dataclass(frozen=True, slots=True)
class Measure:
    """How wide a line is, and the fonts and size the text is set in, to fit passages to it."""

    line_width: float
    font_size: float
    main_font: str
    bold: bool

    def width(self, pieces: list[tuple[Script | None, str]]) -> float:
        total = 0.0
        for script, text in pieces:
            if script is None:
                total += pdfmetrics.stringWidth(text, self.main_font, self.font_size)
                continue
            name = script.bold if self.bold else script.font
            plain = pdfmetrics.stringWidth(text, name, self.font_size)
            bag = ABag(fontName=name, fontSize=self.font_size)
            total += shapeFragWord([plain, (bag, text)], _FEATURES)[0]
        return total


def runs(value: str, measure: Measure | None = None) -> list[tuple[Script | None, str]]:
    """The text as runs, each drawn with one font; right-to-left passages in visual order.

    With a measure, a passage too wide for one line is cut at spaces into lines' worth.
    """
    value = unicodedata.normalize("NFC", value)
    chars: list[tuple[Script | None, str]] = []
    for word in re.split(r"(\s+)", value):
        if word.isspace():
            chars.extend((None, c) for c in word)
        else:
            chars.extend(_word_runs(word))
    out: list[tuple[Script | None, str]] = []
    i = 0
    while i < len(chars):
        end = _passage_end(chars, i)
        if end is None:
            out.append(chars[i])
            i += 1
        else:
            for number, piece in enumerate(_lines(chars[i:end], measure)):
                if number:
                    out.append((None, " "))
                out.extend(_visual(piece))
            i = end
    merged: list[tuple[Script | None, str]] = []
    for script, text in out:
        if merged and merged[-1][0] is script:
            merged[-1] = (script, merged[-1][1] + text)
        else:
            merged.append((script, text))
    return merged


def _passage_end(chars: list[tuple[Script | None, str]], start: int) -> int | None:
    """Where a right-to-left passage starting here ends: after its last right-to-left letter or
    number, before a left-to-right letter or a line break. None when no passage starts here."""
    script = chars[start][0]
    if script is None or not script.right_to_left:
        return None
    end = start + 1
    for j in range(start + 1, len(chars)):
        other, char = chars[j]
        if (other is not None and other.right_to_left) or unicodedata.category(char) == "Nd":
            end = j + 1  # a number after right-to-left words is set within them
        elif char in "\n\r" or unicodedata.bidirectional(char) == "L" or other is not None:
            break
    return end


def _lines(
    passage: list[tuple[Script | None, str]], measure: Measure | None
) -> list[list[tuple[Script | None, str]]]:
    """The passage cut at spaces into pieces as wide as a line can hold, filled in turn.

    Each piece is filled until the next word would not fit, so no two pieces can share a line
    and the lines read top to bottom in the order the words were typed.
    """
    if measure is None:
        return [passage]
    words: list[list[tuple[Script | None, str]]] = [[]]
    for item in passage:
        if item[1] == " ":
            if words[-1]:
                words.append([])
        else:
            words[-1].append(item)
    pieces: list[list[tuple[Script | None, str]]] = []
    for word in (w for w in words if w):
        joined = [*pieces[-1], (None, " "), *word] if pieces else word
        if pieces and measure.width(_visual(joined)) <= measure.line_width:
            pieces[-1] = joined
        else:
            pieces.append(word)
    return pieces


def _visual(passage: list[tuple[Script | None, str]]) -> list[tuple[Script | None, str]]:
    """A right-to-left passage as reportlab must set it, left to right, as one unbreakable word.

    reportlab has no bidirectional layout: it would set "أريد أن أخرج" word by word from the
    left, so it reads backwards. Spaces become no-break spaces; the pieces go in reverse order;
    a script run is shaped by HarfBuzz, which sets it right to left itself; numbers keep their
    digits in order; brackets between words are mirrored, as right-to-left text shows them.
    """
    pieces: list[tuple[Script | None, str]] = []
    for (script, kind), group in groupby(passage, key=lambda sc: (sc[0], _piece_kind(sc[1]))):
        text = "".join(char for _, char in group).replace(" ", NBSP)
        if script is None and kind == "other":
            text = "".join(_MIRRORED.get(c, c) for c in reversed(text))
        pieces.append((script, text))
    return pieces[::-1]


def _piece_kind(char: str) -> str:
    return "number" if unicodedata.category(char) == "Nd" or char in ".,:" else "other"


_MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}
_MIRRORED |= {"«": "»", "»": "«", "‹": "›", "›": "‹"}


def has_right_to_left(value: str) -> bool:
    return any((s := script_of(c)) is not None and s.right_to_left for c in value)


def markup(
    value: str, bold: bool, printable: Callable[[str], str], measure: Measure | None = None
) -> tuple[str, bool]:
    """Paragraph markup for user text, and whether it needs shaping (a script font is used).

    `printable` is applied to the main font's runs: what no bundled font draws is named.
    """
    parts: list[str] = []
    shaped = False
    for script, chunk in runs(value, measure):
        if script is None:
            parts.append(escape(printable(chunk)))
        else:
            shaped = True
            name = script.bold if bold else script.font
            parts.append(f'<font name="{name}">{escape(chunk)}</font>')
    return "".join(parts), shaped
