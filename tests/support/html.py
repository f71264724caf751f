"""Read a saved web page back as a screen reader lists it: headings, items and cells, in order."""

from __future__ import annotations

from html.parser import HTMLParser


class Outline(HTMLParser):
    """The page as a screen reader lists it: (tag, words) of each heading, item and cell."""

    KEPT = {"h1", "h2", "h3", "h4", "li", "th", "td", "p", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.KEPT:
            self._open = tag
            self.parts.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            tag, words = self.parts[-1]
            self.parts[-1] = (tag, words + data)


def outline(page: str) -> list[tuple[str, str]]:
    parser = Outline()
    parser.feed(page)
    return parser.parts


def of(parts: list[tuple[str, str]], tag: str) -> list[str]:
    return [words for t, words in parts if t == tag]
