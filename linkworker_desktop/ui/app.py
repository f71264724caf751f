"""``linkworker-desktop``: start the app on the worker's profile (set-up on first run)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from linkworker_desktop import APP_ID, APP_NAME
from linkworker_desktop.paths import resources_dir
from linkworker_desktop.services.profile import ProfileFiles, default_data_dir
from linkworker_desktop.ui.immortal import keep_singletons_alive
from linkworker_desktop.ui.main_window import MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="linkworker-desktop", description=APP_NAME)
    parser.add_argument("--data-dir", help="profile folder (default: the app-data folder)")
    # Answered in launch.py before Qt loads; listed here so --help shows them.
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation off screen, print one JSON line and stop",
    )
    return parser.parse_args(argv)


def make_application(argv: Sequence[str]) -> QApplication:
    keep_singletons_alive()
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / f"{APP_ID}.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_application(sys.argv[:1])
    folder = Path(args.data_dir) if args.data_dir else default_data_dir()
    window = MainWindow(ProfileFiles(folder))
    window.show()
    return int(app.exec())
