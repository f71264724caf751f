"""Errors the domain raises: each carries a message a link worker can act on."""

from __future__ import annotations


class ValidationError(ValueError):
    """One or more fields are wrong. ``problems`` maps a field name to its plain-English reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))
