"""``python -m linkworker_desktop`` starts the desktop app."""

from __future__ import annotations

import multiprocessing
import sys

from linkworker_desktop.ui.launch import main

if __name__ == "__main__":
    # In the desktop bundle a second process (a big demo caseload's maker) starts this same
    # program: it must run the work it was started for, not a second window.
    multiprocessing.freeze_support()
    sys.exit(main())
