"""One place that shows a ValidationError: under each field, in the summary, on the tab titles.

The summary is announced and the cursor goes to the first field in error, whose description
now starts "Error: <reason>." so it is heard on arrival.

The tab titles gain "(2 to fix)" so a problem on a page out of sight is still said in words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from linkworker_desktop.ui.widgets.error_summary import ErrorSummary
from linkworker_desktop.ui.widgets.field_form import FieldForm


class FormProblems:
    def __init__(
        self, summary: ErrorSummary, forms: list[FieldForm], tabs: QTabWidget | None = None
    ):
        self.summary = summary
        self.forms = forms
        self.tabs = tabs
        self._titles: dict[int, str] = {}
        summary.field_requested.connect(self.go_to)

    def clear(self) -> None:
        self.summary.clear()
        for form in self.forms:
            form.clear_problems()
        if self.tabs is not None:
            for index, title in self._titles.items():
                self.tabs.setTabText(index, title)
        self._titles.clear()

    def show(self, problems: dict[str, str]) -> None:
        """Mark every named field and list them all; names no form knows are plain lines."""
        self.clear()
        items: list[tuple[str, str, str]] = []
        known: set[str] = set()
        per_page: dict[int, int] = {}
        for form in self.forms:
            known.update(form.slots)
            for slot in form.show_problems(problems):
                items.append((slot.name, slot.label, problems[slot.name]))
                if self.tabs is not None:
                    index = self._tab_of(slot.page)
                    per_page[index] = per_page.get(index, 0) + 1
        items += [("", "", text) for name, text in problems.items() if name not in known]
        if self.tabs is not None:
            for index, count in per_page.items():
                self._titles[index] = self.tabs.tabText(index)
                self.tabs.setTabText(index, f"{self._titles[index]} ({count} to fix)")
        self.summary.show_problems(items)
        # The summary is announced; the cursor goes where the first fix is to be typed.
        first = next((name for name, _, _ in items if name), "")
        if first:
            self.go_to(first)

    def message(self, text: str) -> None:
        self.summary.show_message(text)

    def go_to(self, name: str) -> None:
        """Bring a field into view (switching tab if need be) and put the cursor in it."""
        for form in self.forms:
            slot = form.slots.get(name)
            if slot is None:
                continue
            if self.tabs is not None and self._tab_of(slot.page) >= 0:
                self.tabs.setCurrentIndex(self._tab_of(slot.page))
            form.focus(name)
            return

    def _tab_of(self, page: QWidget) -> int:
        """The tab holding a page, directly or inside a scroll area."""
        assert self.tabs is not None
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is page or tab.isAncestorOf(page):
                return index
        return -1
