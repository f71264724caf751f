"""Clear-print page layout shared by every document: sizes, headings, outline, metadata.

Clear print (RNIB guidance): a plain sans-serif, body 12 pt or more (16 pt and up for large
print), left-aligned, generous spacing, black on white, bold for emphasis rather than colour.
Headings become PDF outline entries so a screen reader or a viewer's sidebar can jump to them.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from linkworker_desktop.printing import fonts, scripts
from linkworker_desktop.printing.model import PrintOptions

BODY_PT = 12
LARGE_BODY_PT = 16
MARGIN = 18 * mm
FOOTER_SPACE = 8 * mm
# A block is moved whole to the next page only when less than this share of a page is left;
# otherwise it starts where it is and flows on. Keeping a large-print goal whole left 40% of
# page 1 empty.
MOST_LEFT_BLANK = 1 / 3


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    label: ParagraphStyle

    @property
    def body_size(self) -> float:
        return self.body.fontSize


def make_styles(options: PrintOptions) -> Styles:
    family = fonts.register()
    size = LARGE_BODY_PT if options.large_print else BODY_PT
    body = ParagraphStyle(
        "Body",
        fontName=family,
        fontSize=size,
        leading=size * 1.45,
        alignment=TA_LEFT,
        spaceAfter=size * 0.5,
        textColor=colors.black,
    )
    return Styles(
        body=body,
        small=ParagraphStyle(
            "Small", parent=body, fontSize=max(12, size - 2), leading=max(12, size - 2) * 1.4
        ),
        title=ParagraphStyle(
            "Title",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=size * 2,
            leading=size * 2.4,
            spaceAfter=size * 0.6,
        ),
        h1=ParagraphStyle(
            "Heading1",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=size * 1.5,
            leading=size * 1.9,
            spaceBefore=size * 1.0,
            spaceAfter=size * 0.4,
            keepWithNext=True,
        ),
        h2=ParagraphStyle(
            "Heading2",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=size * 1.2,
            leading=size * 1.6,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
            keepWithNext=True,
        ),
        label=ParagraphStyle("Label", parent=body, fontName=fonts.BOLD, keepWithNext=True),
    )


def page_size(options: PrintOptions) -> tuple[float, float]:
    return LETTER if options.paper.lower() == "letter" else A4


def frame_size(options: PrintOptions) -> tuple[float, float]:
    """The width and height that text can use on a page, inside the margins and footer."""
    width, height = page_size(options)
    return width - 2 * MARGIN, height - 2 * MARGIN - FOOTER_SPACE


class KeepTogetherUnlessBlank(KeepTogether):
    """Keep a block on one page unless moving it would leave `most_blank` points or more empty.

    Then the block starts where it is and flows on: its headings and labels keep with the line
    after them (keepWithNext) and its tables repeat their heading row on the next page.
    (reportlab's own maxHeight does the opposite: it moves the block when much space is left.)
    """

    def __init__(self, flowables: list[Flowable], most_blank: float):
        super().__init__(flowables)
        self._most_blank = most_blank

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH >= self._most_blank:
            return list(self._content)
        return super().split(aW, aH)


def together(flowables: list[Flowable], options: PrintOptions) -> KeepTogether:
    """A block kept on one page when that leaves less than a third of a page blank."""
    return KeepTogetherUnlessBlank(flowables, frame_size(options)[1] * MOST_LEFT_BLANK)


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text: escaped (never markup), line breaks kept, emoji named,
    and each script in its own font, shaped."""
    value = value or ""
    safe, shaped = scripts.markup(value, style.fontName == fonts.BOLD, fonts.printable)
    if scripts.has_right_to_left(value):
        return RightToLeftParagraph(safe.replace("\n", "<br/>"), _shaping(style), value=value)
    return Paragraph(safe.replace("\n", "<br/>"), _shaping(style) if shaped else style)


class RightToLeftParagraph(Paragraph):
    """A paragraph with right-to-left passages, cut to the width it is given when laid out.

    reportlab sets each line left to right, so a passage longer than a line is cut into pieces
    that each fill a line, and each piece is set right to left on its own.
    """

    def __init__(self, text: str, style: ParagraphStyle, *args: object, value: str = "", **kw):
        super().__init__(text, style, *args, **kw)
        self._value = value
        self._laid_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._value and self._laid_for != availWidth:
            style = self.style
            measure = scripts.Measure(
                availWidth - style.leftIndent - style.rightIndent - 1,
                style.fontSize,
                style.fontName,
                style.fontName == fonts.BOLD,
            )
            safe, _ = scripts.markup(self._value, measure.bold, fonts.printable, measure)
            Paragraph.__init__(self, safe.replace("\n", "<br/>"), style)
            self._laid_for = availWidth
        return super().wrap(availWidth, availHeight)


@functools.lru_cache(maxsize=64)  # styles are made for each document
def _shaping(style: ParagraphStyle) -> ParagraphStyle:
    """The style with HarfBuzz shaping on, under the same name (headings keep their outline).

    Only text in a script font is shaped, so English prints exactly as it always has.
    """
    return ParagraphStyle(style.name, parent=style, shaping=1)


class OutlinedDocument(BaseDocTemplate):
    """A document whose Heading1/Heading2 paragraphs become PDF outline (bookmark) entries."""

    def __init__(
        self,
        buffer: io.BytesIO,
        options: PrintOptions,
        title: str,
        author: str,
        footer: Callable[[object, object], None],
        **kwargs: object,
    ):
        super().__init__(
            buffer,
            pagesize=page_size(options),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_SPACE,
            title=title,
            author=author,
            subject=title,
            creator="Linkworker Desktop",
            lang="en-GB",
            **kwargs,
        )
        # keepWithNext (a heading or label with what follows) uses the same rule as together().
        self.keepTogetherClass = functools.partial(
            KeepTogetherUnlessBlank, most_blank=self.height * MOST_LEFT_BLANK
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
        self._heading_count = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook name
        if not isinstance(flowable, Paragraph):
            return
        level = {"Heading1": 0, "Heading2": 1, "Title": 0}.get(flowable.style.name)
        if level is None:
            return
        self._heading_count += 1
        key = f"h{self._heading_count}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=False)


def footer_drawer(left: str, styles: Styles) -> Callable[[object, object], None]:
    """Page footer: the given text on the left, "Page N" on the right, in the body font."""

    def draw(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        size = max(11, styles.body_size - 2)
        canvas.setFont(fonts.REGULAR, size)  # type: ignore[attr-defined]
        y = 12 * mm
        canvas.drawString(doc.leftMargin, y, fonts.printable(left))  # type: ignore[attr-defined]
        page = f"Page {canvas.getPageNumber()}"  # type: ignore[attr-defined]
        canvas.drawRightString(doc.leftMargin + doc.width, y, page)  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    return draw


def build(
    story: Sequence[Flowable],
    options: PrintOptions,
    title: str,
    author: str,
    footer_text: str,
    styles: Styles,
) -> bytes:
    buffer = io.BytesIO()
    doc = OutlinedDocument(buffer, options, title, author, footer_drawer(footer_text, styles))
    doc.build(list(story))
    return buffer.getvalue()
