"""Keep None, True and False alive however many references PySide6 drops.

PySide6 6.12 on Python 3.11 loses one reference to ``None`` on each call of many Qt methods
that return nothing (``setText``, ``update``, ``processEvents``…) and, more rarely, to ``True``
and ``False``. When such a count reaches zero Python aborts ("Fatal Python error:
none_dealloc"), so a long session, with a clock that updates every second, would end in a crash
and lose whatever was not yet saved. Python 3.12 and later make these objects immortal; on older
Pythons they are given a reference count no session can use up.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # a thousand million million: decades of calls every microsecond
_SINGLETONS = (None, True, False)
_done = False


def keep_singletons_alive() -> None:
    """Once per process, before Qt starts; nothing to do on Python 3.12 and later."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    for thing in _SINGLETONS:
        # ob_refcnt is the first field of every object in CPython's release builds.
        ctypes.c_ssize_t.from_address(id(thing)).value += HEADROOM
    _done = True
