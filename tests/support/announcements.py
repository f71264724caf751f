"""Hearing what the app announces to screen readers, in the order it said it."""

from __future__ import annotations

import pytest

from linkworker_desktop.ui import a11y


class Heard(list):
    """Each announcement as (text, politeness name)."""

    def texts(self) -> list[str]:
        return [text for text, _ in self]


@pytest.fixture
def heard(monkeypatch) -> Heard:
    said = Heard()
    monkeypatch.setattr(
        a11y, "sink", lambda _source, text, politeness: said.append((text, politeness.name))
    )
    return said
