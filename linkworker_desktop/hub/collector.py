"""Python's cycle collector held off while a push is read and applied.

A first upload brings hundreds of thousands of short-lived objects in each request. The
collector scanned them again and again as they were made (and, in its full passes, everything
the server holds), which cost about a sixth of the hub's time on a first sync. A push breaks
its own reference cycles when it ends, so what it leaves is freed by reference counting, and
collection resumes as soon as no push is being worked on. Should pushes overlap without a
gap, a young-generation pass still runs once enough unfreed objects have piled up.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Objects made and not freed since the last collection past which a pass runs regardless.
BACKLOG = 500_000

_lock = threading.Lock()
_holding = 0
_paused_here = False


@contextmanager
def held_off() -> Iterator[None]:
    """Automatic collection paused for the block (and any other push running alongside)."""
    global _holding, _paused_here
    with _lock:
        if _holding == 0 and gc.isenabled():
            gc.disable()
            _paused_here = True
        _holding += 1
    try:
        yield
    finally:
        with _lock:
            _holding -= 1
            if _holding == 0 and _paused_here:
                _paused_here = False
                gc.enable()
            elif _paused_here and gc.get_count()[0] > BACKLOG:
                gc.collect(0)


def holding() -> int:
    """How many blocks hold the collector off now."""
    return _holding
