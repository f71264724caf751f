"""Start the desktop app and, when asked, write down the words each of its labels shows.

A screen reader cannot see a label's visible words when the label's accessible name replaces
them: AT-SPI gives it only the name. To tell whether a name hides what the screen shows, the
AT-SPI walk (``atspi_walk.py``) needs the screen's side too. This starts the app exactly as
``python -m linkworker_desktop`` does and, whenever the file named by ``LABELS_REQUEST`` appears,
writes every visible label's screen rectangle and plain text as JSON to ``LABELS_OUT``.

Run by ``run_atspi_walk.sh``; not a test module.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel


def shown_text(label: QLabel) -> str:
    """What the label shows, without markup or the mnemonic's ampersand."""
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def visible_labels() -> list[dict[str, object]]:
    labels = []
    for widget in QApplication.allWidgets():
        if not isinstance(widget, QLabel) or not widget.isVisible():
            continue
        text = shown_text(widget)
        if not text:
            continue
        corner = widget.mapToGlobal(QPoint(0, 0))
        labels.append(
            {
                "x": corner.x(),
                "y": corner.y(),
                "width": widget.width(),
                "height": widget.height(),
                "text": text,
            }
        )
    return labels


def _answer(request: Path, out: Path) -> None:
    if not request.exists():
        return
    request.unlink()
    partial = out.with_suffix(".partial")
    partial.write_text(json.dumps(visible_labels(), ensure_ascii=False), encoding="utf-8")
    partial.replace(out)


def main() -> int:
    request = Path(os.environ["LABELS_REQUEST"])
    out = Path(os.environ["LABELS_OUT"])
    app = QApplication(sys.argv[:1])  # the app's own start-up takes this instance
    timer = QTimer(app)
    timer.timeout.connect(lambda: _answer(request, out))
    timer.start(100)
    from linkworker_desktop.ui.launch import main as run_app

    print(f"app from {Path(run_app.__code__.co_filename).parents[2]}", file=sys.stderr)
    return run_app([])


if __name__ == "__main__":
    sys.exit(main())
