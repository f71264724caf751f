"""The one way to run slow work off the GUI thread (Argon2id, creating a caseload, sync).

``BackgroundTask(parent, fn).success(cb).failure(cb).run()``: ``fn`` runs on a pool thread and
must not touch widgets; the callbacks run on the GUI thread through a queued signal. A failure
with no failure callback goes to one plain-English error dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

_running: set[BackgroundTask] = set()


class _Bridge(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            self._bridge.failed.emit(exc)
        else:
            self._bridge.succeeded.emit(result)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """The one error dialog: the exception's sentence, never a traceback."""
    text = str(error) or error.__class__.__name__
    QMessageBox.warning(parent, "Something went wrong", text)


class BackgroundTask(QObject):
    finished = Signal()

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any]):
        super().__init__()
        self._parent = parent
        self._fn = fn
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._bridge = _Bridge()
        self._bridge.succeeded.connect(self._succeeded)
        self._bridge.failed.connect(self._failed)

    def success(self, callback: Callable[[Any], None]) -> BackgroundTask:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundTask:
        self._on_failure = callback
        return self

    def run(self, pool: QThreadPool | None = None) -> BackgroundTask:
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(_Job(self._fn, self._bridge))
        return self

    def _succeeded(self, result: Any) -> None:
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            self._done()

    def _failed(self, error: BaseException) -> None:
        try:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_error(self._parent, error)
        finally:
            self._done()

    def _done(self) -> None:
        _running.discard(self)
        self.finished.emit()
