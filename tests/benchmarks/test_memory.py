"""Memory of the app with the caseload unlocked and shown (target at 50k: under 300 MB).

Measured in a fresh process, so the generator's own memory is not counted: the child opens the
main window, unlocks, and reports its resident set once the caseload is painted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from linkworker_desktop.services.profile import ProfileFiles
    from linkworker_desktop.ui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(ProfileFiles(Path(sys.argv[1])))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.unlock_view.passphrase.setText(sys.argv[2])
    QTest.mouseClick(window.unlock_view.unlock_button, Qt.MouseButton.LeftButton)
    while window.profile is None:
        app.processEvents()
    window.repaint()
    app.processEvents()
    status = {
        line.split(":")[0]: int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith(("VmRSS:", "VmHWM:"))
    }
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec, so it
    # would report the benchmark's own size (the generated caseload), not this process's peak.
    rss_kib, peak_kib = status["VmRSS"], status["VmHWM"]
    shown = window.caseload_view.proxy.rowCount()
    print(json.dumps({"rss_mb": rss_kib / 1024, "peak_mb": peak_kib / 1024, "shown": shown}))
    sys.stdout.flush()
    os._exit(0)  # the figures are out; skip tearing down Qt at exit
    """
)


def test_memory_with_the_caseload_shown(benchmark, caseload):
    from tests.conftest import PASSPHRASE

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    reports = []

    def measure() -> None:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(caseload.files.folder), PASSPHRASE],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        reports.append(json.loads(done.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(measure, rounds=3, iterations=1)
    rss = sorted(report["rss_mb"] for report in reports)
    benchmark.extra_info.update(rss_mb=rss, peak_mb=[r["peak_mb"] for r in reports])
    print(f"\n{caseload.size} patients: RSS {rss} MB, peak {[r['peak_mb'] for r in reports]} MB")
    assert all(report["shown"] == caseload.size for report in reports)
