"""The ``linkworker-desktop`` entry point: check Qt's system libraries before Qt is loaded.

Without them Qt aborts with "could not load the Qt platform plugin xcb" and a core dump, which
tells a newcomer nothing; one sentence naming the Debian packages tells them what to do.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from collections.abc import Callable, Sequence

# The libraries Qt's X11 (xcb) platform loads, by soname, with the Debian package of each.
XCB_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
}


def missing_packages(
    platform: str | None = None,
    system: str | None = None,
    load: Callable[[str], object] | None = None,
) -> list[str]:
    """The Debian packages whose libraries the xcb platform needs and cannot load here."""
    load = load or ctypes.CDLL
    system = system or sys.platform
    platform = os.environ.get("QT_QPA_PLATFORM", "") if platform is None else platform
    if not system.startswith("linux") or platform not in ("", "xcb"):
        return []
    missing = []
    for soname, package in XCB_LIBRARIES.items():
        try:
            load(soname)
        except OSError:
            missing.append(package)
    return missing


def explain(missing: Sequence[str]) -> str:
    names = " ".join(missing)
    return (
        f"Linkworker Desktop cannot start because Qt needs system libraries that are missing "
        f"({', '.join(missing)}): install them with 'sudo apt-get install {names}' "
        f"or run packaging/setup-debian.sh."
    )


def run_self_test() -> int:
    """The self-test, answering in its one JSON line even when a module of the app is missing."""
    try:
        from linkworker_desktop.ui.self_test_checks import main as self_test
    except Exception as exc:  # noqa: BLE001 - a broken installation must still say what broke
        check = {"name": "import", "ok": False, "detail": f"{type(exc).__name__}: {exc}"}
        print(json.dumps({"app": "linkworker-desktop", "ok": False, "checks": [check]}))
        return 1
    return self_test()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Both answer without a display, so IT can run them over a remote shell or in a script.
    if "--version" in args:
        from linkworker_desktop.version import app_version

        print(f"linkworker-desktop {app_version()}")
        return 0
    if "--self-test" in args:
        return run_self_test()
    missing = missing_packages()
    if missing:
        print(explain(missing), file=sys.stderr)
        return 1
    from linkworker_desktop.ui.app import main as run_app

    return run_app(argv)
