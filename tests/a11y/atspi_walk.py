"""Read the running app the way a Linux screen reader does, through AT-SPI, screen by screen.

Not a test module: ``run_atspi_walk.sh`` starts it beside the app on a private D-Bus session and
drives the link worker's day with xdotool. Run it that way::

    tests/a11y/run_atspi_walk.sh [WORKTREE] [LOG]

It needs the system's python3 with pyatspi (Debian: ``python3-pyatspi``), not the project's
virtual environment. The walker listens to what Orca listens to: focus, name changes, text
inserted and deleted, and announcements. The driver sends it commands, one a line, through the
FIFO given as the first argument and waits for one line back on the second:

``screen NAME``
    the events that follow belong to the screen NAME;
``dump``
    read the active window's tree now and count its problems for the current screen;
``focused``
    answer with the object that has focus (role and name), for the driver's Tab loops;
``quit``
    write the table and stop.

Per screen it counts interactive objects with no name (shown, or taking the focus), labels
whose visible words are in neither their name nor their description (the visible words come from
``screen_text.py`` in the app), names a listener still holds that differ from the name the app
gives when asked afresh (a change never announced), text-changed events from a password field
carrying anything but mask characters (or any event carrying the passphrase), focus events (and
those for an object that is not showing), and announcements with their words. Everything goes to
the log; the table goes to standard output.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyatspi
from gi.repository import GLib

APP_NAME = "Linkworker Desktop"
MASKS = set("●•*")
INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "password text",
    "entry",
    "spin button",
    "page tab",
    "menu item",
    "check menu item",
    "radio menu item",
    "list",
    "table",
    "tree",
    "tree table",
    "slider",
    "link",
}
EVENTS = (
    "object:state-changed:focused",
    "object:property-change:accessible-name",
    "object:text-changed:insert",
    "object:text-changed:delete",
    "object:announcement",
)
COLUMNS = (
    "unnamed",
    "hidden_text",
    "stale_name",
    "secret_chars",
    "focus",
    "focus_hidden",
    "announced",
)


@dataclass
class Screen:
    name: str
    unnamed: list[str] = field(default_factory=list)
    hidden_text: list[str] = field(default_factory=list)
    stale_name: list[str] = field(default_factory=list)
    secret_chars: list[str] = field(default_factory=list)
    focus: int = 0
    focus_hidden: list[str] = field(default_factory=list)
    announced: list[str] = field(default_factory=list)

    def counts(self) -> tuple[int, ...]:
        return (
            len(self.unnamed),
            len(self.hidden_text),
            len(self.stale_name),
            len(self.secret_chars),
            self.focus,
            len(self.focus_hidden),
            len(self.announced),
        )


def squash(text: str) -> str:
    """Words to compare: spacing and case aside, and each digit as "#", since a running clock
    ticks between the app's note of what it shows and the walker reading its name."""
    return re.sub(r"\d", "#", " ".join(text.split()).casefold())


def describe(obj) -> str:
    try:
        return f"[{obj.getRoleName()}] {obj.name!r}"
    except Exception as error:  # an object gone from the bus
        return f"[gone: {error}]"


def showing(obj) -> bool:
    try:
        return obj.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def active_state(obj) -> bool:
    try:
        return obj.getState().contains(pyatspi.STATE_ACTIVE)
    except Exception:
        return False


def extents(obj) -> tuple[int, int, int, int] | None:
    try:
        box = obj.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return None
    return (box.x, box.y, box.width, box.height)


class Walker:
    def __init__(self, commands: Path, answers: Path, log: Path, labels: Path, secret: str):
        self.commands = commands
        self.answers = answers
        self.log = log.open("w", encoding="utf-8")
        self.labels = labels
        self.secret = secret
        self.screens: list[Screen] = [Screen("start")]
        self.buffer = ""
        self.matched = 0
        self.focused = ""
        self.focus_obj = None

    @property
    def screen(self) -> Screen:
        return self.screens[-1]

    def write(self, line: str) -> None:
        self.log.write(line + "\n")
        self.log.flush()

    # Events, as a screen reader hears them.
    def on_event(self, event) -> None:
        kind = event.type
        source = event.source
        if kind.startswith("object:state-changed:focused"):
            if not event.detail1:
                return
            self.screen.focus += 1
            where = describe(source)
            self.focused = where
            self.focus_obj = source
            self.write(f"  focus {where}")
            with contextlib.suppress(Exception):
                if not (source.name or "").strip():
                    self.screen.unnamed.append(f"focus on {where}")
                    self.write(f"  !! focus on an object with no name: {where}")
            if not showing(source):
                self.screen.focus_hidden.append(where)
                self.write(f"  !! focus on an object that is not showing: {where}")
        elif kind.startswith("object:property-change:accessible-name"):
            self.write(f"  name changed {describe(source)}")
        elif kind.startswith("object:text-changed"):
            text = str(event.any_data or "")
            role = ""
            with contextlib.suppress(Exception):
                role = source.getRoleName()
            self.write(f"  {kind} {describe(source)} {text!r}")
            plain = set(text) - MASKS - {" "}
            if role == "password text" and plain:
                self.screen.secret_chars.append(f"{kind} {text!r}")
                self.write(f"  !! a password field sent {text!r}")
            elif self.secret and self.secret in text:
                self.screen.secret_chars.append(f"{kind} {describe(source)} {text!r}")
                self.write("  !! the passphrase itself was sent")
        elif kind.startswith("object:announcement"):
            text = str(event.any_data or "")
            self.screen.announced.append(text)
            self.write(f"  announced ({event.detail1}) {text!r} from {describe(source)}")

    # The tree of the active window.
    def active_window(self):
        """The window holding the focus (a dialog over the main window), else an active one."""
        window = self.focus_obj
        try:
            while window is not None and window.parent is not None:
                if window.parent.getRoleName() == "application":
                    if showing(window):
                        return window
                    break
                window = window.parent
        except Exception:
            pass
        desktop = pyatspi.Registry.getDesktop(0)
        active = []
        for app in desktop:
            if app is None or app.name != APP_NAME:
                continue
            active += [w for w in app if w is not None and active_state(w)]
        return active[-1] if active else None

    def label_texts(self) -> dict[tuple[int, int, int, int], str]:
        try:
            shown = json.loads(self.labels.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {(s["x"], s["y"], s["width"], s["height"]): s["text"] for s in shown}

    def dump(self) -> None:
        window = self.active_window()
        if window is None:
            self.write("  (no active window)")
            return
        self.write(f"  tree of {describe(window)}")
        labels = self.label_texts()
        self.matched = 0
        self._walk(window, 2, labels)
        self.write(f"  labels read against the screen: {self.matched} of {len(labels)} shown")

    def _walk(self, obj, depth: int, labels) -> None:
        if obj is None or not showing(obj):
            return
        role = obj.getRoleName()
        name = obj.name or ""
        description = obj.description or ""
        # The name as the app gives it now, not as the bus last told listeners: a difference is
        # a change the app never announced, so a screen reader keeps the old words.
        obj.clear_cache()
        fresh = obj.name or ""
        if fresh != name:
            self.screen.stale_name.append(f"[{role}] read as {name!r}, now {fresh!r}")
        states = obj.getState()
        line = f"{'  ' * depth}[{role}] {name!r}"
        if description:
            line += f" desc={description!r}"
        if fresh != name:
            line += f"   !! stale name, now {fresh!r}"
        if role in INTERACTIVE and not name.strip():
            focusable = states.contains(pyatspi.STATE_FOCUSABLE)
            if focusable or role in ("page tab", "menu item"):
                self.screen.unnamed.append(describe(obj))
                line += "   !! no name"
        if role == "label":
            shown = labels.get(extents(obj) or (0, 0, 0, 0), "")
            self.matched += bool(shown)
            if shown and squash(shown) not in squash(f"{name} {description}"):
                self.screen.hidden_text.append(f"shows {shown!r}, read as {name!r}")
                line += f"   !! shows {shown!r}"
        self.write(line)
        if role in ("table", "tree table", "list", "tree") and obj.childCount > 60:
            self.write(f"{'  ' * (depth + 1)}({obj.childCount} children, first 60 read)")
            children = [obj.getChildAtIndex(i) for i in range(60)]
        else:
            children = list(obj)
        for child in children:
            self._walk(child, depth + 1, labels)

    # Commands from the driver.
    def on_command(self, fd, _condition) -> bool:
        try:
            chunk = os.read(fd, 4096).decode("utf-8")
        except BlockingIOError:
            return True
        self.buffer += chunk
        while "\n" in self.buffer:
            line, self.buffer = self.buffer.split("\n", 1)
            self.run(line.strip())
        return True

    def run(self, line: str) -> None:
        if line.startswith("screen "):
            self.screens.append(Screen(line[len("screen ") :]))
            self.write(f"== {self.screen.name} ({time.strftime('%H:%M:%S')})")
        elif line == "dump":
            # Events already on their way update what a listener holds before the tree is read.
            context = GLib.MainContext.default()
            for _ in range(500):
                if not context.iteration(False):
                    break
            self.dump()
        elif line == "focused":
            self.answer(self.focused)
            return
        elif line == "quit":
            self.finish()
            pyatspi.Registry.stop()
        self.answer(f"done {line}")

    def answer(self, line: str) -> None:
        with self.answers.open("w", encoding="utf-8") as pipe:
            pipe.write(line + "\n")

    def finish(self) -> None:
        screens = [s for s in self.screens if s.name != "start" or any(s.counts())]
        table = format_table(screens)
        self.write("\n" + table)
        for screen in screens:
            for what in COLUMNS:
                if what == "focus":
                    continue
                for item in getattr(screen, what):
                    self.write(f"{screen.name}: {what}: {item}")
        print(table)
        sys.stdout.flush()


def format_table(screens: list[Screen]) -> str:
    width = max(len(s.name) for s in screens)
    head = f"{'screen':<{width}}  " + "  ".join(f"{c:>12}" for c in COLUMNS)
    rows = [head, "-" * len(head)]
    totals = [0] * len(COLUMNS)
    for screen in screens:
        counts = screen.counts()
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(f"{screen.name:<{width}}  " + "  ".join(f"{n:>12}" for n in counts))
    rows.append("-" * len(head))
    rows.append(f"{'total':<{width}}  " + "  ".join(f"{n:>12}" for n in totals))
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    commands, answers, log, labels = (Path(a) for a in argv[:4])
    walker = Walker(commands, answers, log, labels, os.environ.get("WALK_SECRET", ""))
    for kind in EVENTS:
        pyatspi.Registry.registerEventListener(walker.on_event, kind)
    # Keep a writer open so the FIFO never reads as closed between the driver's commands.
    fd = os.open(commands, os.O_RDONLY | os.O_NONBLOCK)
    keep = os.open(commands, os.O_WRONLY)
    GLib.io_add_watch(fd, GLib.IO_IN, walker.on_command)
    walker.answer("ready")
    pyatspi.Registry.start()
    os.close(keep)
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
