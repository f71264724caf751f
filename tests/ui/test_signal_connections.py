"""No signal that carries a value feeds it into a slot's optional first parameter by accident.

``clicked(bool)`` connected to ``save_document(self, path=None)`` called it with ``path=False``:
the Save as PDF button then saved nothing. PySide passes a signal's values to as many parameters
as the slot takes, so any slot or lambda whose first parameter has a default is a trap when it is
connected straight to a signal that carries a value. This walks the UI source and lists them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import linkworker_desktop.ui

UI = Path(linkworker_desktop.ui.__file__).parent
# Signals that always carry a value (QShortcut.activated carries none, so it is not here).
VALUE_SIGNALS = frozenset(
    {
        "clicked",
        "triggered",
        "toggled",
        "currentIndexChanged",
        "currentTextChanged",
        "currentRowChanged",
        "valueChanged",
        "stateChanged",
        "checkStateChanged",
        "textChanged",
        "textEdited",
        "finished",
        "idClicked",
        "idToggled",
        "itemActivated",
        "itemClicked",
        "itemDoubleClicked",
        "doubleClicked",
    }
)


def _first_is_optional(args: ast.arguments, skip_self: bool) -> bool:
    positional = [*args.posonlyargs, *args.args][1 if skip_self else 0 :]
    if not positional:
        return False
    first_with_default = len(positional) - len(args.defaults)
    return first_with_default <= 0 and not positional[0].arg.startswith("_")


@dataclass
class _Classes:
    """Every class in the sources: its methods, bases and the classes its attributes hold."""

    methods: dict[str, dict[str, ast.FunctionDef]] = field(default_factory=dict)
    bases: dict[str, list[str]] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, node: ast.ClassDef) -> None:
        self.methods[node.name] = {f.name: f for f in node.body if isinstance(f, ast.FunctionDef)}
        self.bases[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
        held: dict[str, str] = {}
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Assign)
                and isinstance(sub.value, ast.Call)
                and isinstance(sub.value.func, ast.Name)
            ):
                for target in sub.targets:
                    if _is_self_attribute(target):
                        held[target.attr] = sub.value.func.id  # type: ignore[union-attr]
        self.attributes[node.name] = held

    def method(self, class_name: str, name: str) -> ast.FunctionDef | None:
        seen: set[str] = set()
        todo = [class_name]
        while todo:
            current = todo.pop()
            if current in seen or current not in self.methods:
                continue
            seen.add(current)
            if name in self.methods[current]:
                return self.methods[current][name]
            todo.extend(self.bases[current])
        return None


def _is_self_attribute(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def trapped_connections(sources: dict[str, str]) -> tuple[list[str], int]:
    """(file:line of each trap, how many value-carrying connections were checked)."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    classes = _Classes()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes.add(node)
    traps: list[str] = []
    checked = 0
    for name, tree in trees.items():
        for owner in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for call in ast.walk(owner):
                if not (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "connect"
                    and isinstance(call.func.value, ast.Attribute)
                    and call.func.value.attr in VALUE_SIGNALS
                    and call.args
                ):
                    continue
                checked += 1
                target = call.args[0]
                optional = False
                if isinstance(target, ast.Lambda):
                    optional = _first_is_optional(target.args, skip_self=False)
                elif _is_self_attribute(target):
                    slot = classes.method(owner.name, target.attr)  # type: ignore[attr-defined]
                    optional = slot is not None and _first_is_optional(slot.args, True)
                elif isinstance(target, ast.Attribute) and _is_self_attribute(target.value):
                    held = classes.attributes[owner.name].get(target.value.attr)  # type: ignore[attr-defined]
                    slot = classes.method(held, target.attr) if held else None
                    optional = slot is not None and _first_is_optional(slot.args, True)
                if optional:
                    traps.append(f"{name}:{call.lineno}: {ast.unparse(call)}")
    return traps, checked


def test_no_value_signal_fills_an_optional_first_parameter():
    sources = {
        str(path.relative_to(UI.parent)): path.read_text(encoding="utf-8")
        for path in sorted(UI.rglob("*.py"))
    }
    traps, checked = trapped_connections(sources)
    assert checked >= 50  # the walk really found the UI's connections
    assert traps == []


def test_the_walk_finds_the_trap_in_each_form_and_passes_the_safe_ones():
    trap = """
class Base(QDialog):
    def save_document(self, path=None): ...
    def ask(self): ...

class Helper:
    def refresh(self, full=False): ...

class Preview(Base):
    def __init__(self):
        self.helper = Helper()
        self.save_button.clicked.connect(self.save_document)
        self.box.toggled.connect(lambda step=1: self.go(step))
        self.action.triggered.connect(self.helper.refresh)
        self.ask_button.clicked.connect(self.ask)
        self.other.clicked.connect(lambda _=False, s=1: self.go(s))
        self.toggle.toggled.connect(self.on_toggled)
        self.shortcut.activated.connect(self.save_document)

    def on_toggled(self, on): ...
"""
    traps, checked = trapped_connections({"trap.py": trap})
    assert checked == 6  # activated is not a value signal (QShortcut's carries nothing)
    assert traps == [
        "trap.py:12: self.save_button.clicked.connect(self.save_document)",
        "trap.py:13: self.box.toggled.connect(lambda step=1: self.go(step))",
        "trap.py:14: self.action.triggered.connect(self.helper.refresh)",
    ]
