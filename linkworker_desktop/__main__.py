"""``python -m linkworker_desktop`` starts the desktop app."""

from __future__ import annotations

import sys

from linkworker_desktop.ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
