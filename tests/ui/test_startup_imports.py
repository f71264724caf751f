"""The app unlocked on its caseload has not loaded the PDF, spreadsheet, sync or HTTP code.

Those libraries cost tens of megabytes each; they load when a document is printed, a report
exported or a sync round runs (tests of those screens cover that they still work).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

from linkworker_desktop.services import demo
from tests.conftest import PASSPHRASE

# Loaded only when used: PDF making and reading, the spreadsheet export, the sync client with
# its HTTP stack and wire models, the demo's fake-name generator and second process, the system
# keyring (asked when Settings opens, or at unlock when the caseload is kept in it), and Qt's PDF
# viewer and printing, which a print preview loads.
LOADED_WHEN_USED = (
    "keyring",
    "reportlab",
    "pypdf",
    "openpyxl",
    "httpx",
    "httpcore",
    "h11",
    "pydantic",
    "pydantic_core",
    "faker",
    "multiprocessing",
    "concurrent.futures.process",
    "linkworker_desktop.sync.transport",
    "linkworker_desktop.sync.protocol",
    "linkworker_desktop.sync.engine",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
)


def test_unlocked_on_the_caseload_the_app_has_not_loaded_print_sync_or_http_code(
    created, profile_files
):
    opened, _ = created
    demo.add_demo_caseload(opened, 5, seed=5)
    opened.close()
    for package in ("reportlab", "pypdf", "openpyxl", "httpx", "pydantic", "faker", "keyring"):
        assert importlib.util.find_spec(package) is not None  # so its absence below means something
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    done = subprocess.run(
        [sys.executable, "-m", "tests.support.startup_child", str(profile_files.folder)],
        input=PASSPHRASE + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["shown"] == 5
    assert "linkworker_desktop.ui.views.caseload_view" in report["modules"]
    loaded = [
        name
        for name in report["modules"]
        if any(name == lazy or name.startswith(f"{lazy}.") for lazy in LOADED_WHEN_USED)
    ]
    assert loaded == []
