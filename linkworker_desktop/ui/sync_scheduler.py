"""When sync rounds run: on unlock, every few minutes, after a session, on demand, with backoff.

Rounds run on a pool thread through :class:`BackgroundTask`; the engine opens its own
connection there, so the screen never waits on the network. Everything else here, and every
signal's handler, runs on the GUI thread. One round at a time: a request made while a round
runs is remembered and served when it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from linkworker_desktop.services import sync_service
from linkworker_desktop.services.errors import AppTooOld, DeviceRevoked, SyncError
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.background import BackgroundTask

if TYPE_CHECKING:
    from linkworker_desktop.services.sync_service import RoundResult

INTERVAL_MS = 5 * 60_000
FIRST_RETRY_MS = 30_000
MAX_RETRY_MS = 30 * 60_000

REVOKED_MESSAGE = (
    "This laptop's access to the hub was revoked, so it will not sync again. "
    "Your caseload on this laptop is safe. Ask your administrator to enrol it again."
)

OFFLINE, ONLINE, SYNCING, NOT_ENROLLED, REVOKED, UPDATE_NEEDED = (
    "offline",
    "online",
    "syncing",
    "not_enrolled",
    "revoked",
    "update_needed",
)


def plain_message(error: BaseException) -> str:
    """The sentence to show for a failed round (the transport's errors are already plain)."""
    if isinstance(error, DeviceRevoked):
        return REVOKED_MESSAGE
    if isinstance(error, SyncError) and str(error):
        return str(error)
    return "Sync stopped because of an unexpected problem on this laptop. Will try again."


class SyncScheduler(QObject):
    """Owns the timing of sync rounds for the open caseload; views only listen and ask."""

    state_changed = Signal(str)
    status_changed = Signal(object)  # SyncStatus, or None while locked
    round_finished = Signal(dict)
    round_failed = Signal(str)
    restarted = Signal()  # a caseload was unlocked or locked: the next state is not news

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        interval_ms: int = INTERVAL_MS,
        first_retry_ms: int = FIRST_RETRY_MS,
        max_retry_ms: int = MAX_RETRY_MS,
    ):
        super().__init__(parent)
        self._pool = pool
        self.interval_ms = interval_ms
        self.first_retry_ms = first_retry_ms
        self.max_retry_ms = max_retry_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.request_sync)
        self._profile: OpenProfile | None = None
        self._generation = 0
        self._running = False
        self._again = False
        self._failures = 0
        self._state = OFFLINE
        self.last_message = ""

    # --- what the rest of the app reads -------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    @property
    def failures(self) -> int:
        return self._failures

    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def next_delay_ms(self) -> int | None:
        """The wait before the next scheduled round, or None when none is scheduled."""
        return self._timer.interval() if self._timer.isActive() else None

    def retry_delay_ms(self, failures: int) -> int:
        """30 s, 1, 2, 4, 8, 16 min, then every 30 min: gentle on a hub that is struggling."""
        return min(self.first_retry_ms * 2 ** max(failures - 1, 0), self.max_retry_ms)

    # --- what the rest of the app calls -------------------------------------------------------

    def set_profile(self, profile: OpenProfile | None) -> None:
        """Unlock starts a round; lock (None) stops scheduling and ignores a round in flight."""
        self._generation += 1
        self.restarted.emit()
        self._profile = profile
        self._timer.stop()
        self._again = False
        self._failures = 0
        self.last_message = ""
        if self._open_profile() is None:
            self._set_state(OFFLINE)
            self.status_changed.emit(None)
            return
        self._set_state(OFFLINE)
        self.refresh_status()
        self.request_sync()

    @Slot()
    def request_sync(self) -> None:
        """Run a round now, or as soon as the running one ends (after a session, Sync now)."""
        profile = self._open_profile()
        if profile is None or self._state == REVOKED:
            return
        if self._running:
            self._again = True
            return
        try:
            target = sync_service.target_for(profile)
        except sync_service.NotEnrolled:
            self._set_state(NOT_ENROLLED)
            return
        self._timer.stop()
        self._running = True
        generation = self._generation
        self._set_state(SYNCING)
        (
            BackgroundTask(None, lambda: sync_service.run_round(target))
            .success(lambda result: self._succeeded(generation, result))
            .failure(lambda error: self._failed(generation, error))
            .run(self._pool)
        )

    @Slot()
    def refresh_status(self) -> None:
        """Re-read the counts (after a local change, say) and tell the status bar."""
        profile = self._open_profile()
        self.status_changed.emit(sync_service.status(profile) if profile else None)

    # --- inside -------------------------------------------------------------------------------

    def _open_profile(self) -> OpenProfile | None:
        profile = self._profile
        return profile if profile is not None and profile.is_open and profile.conn else None

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _succeeded(self, generation: int, result: RoundResult) -> None:
        self._running = False
        if generation != self._generation:
            self._serve_waiting()
            return
        self._failures = 0
        self.last_message = ""
        self._set_state(ONLINE)
        self.refresh_status()
        self.round_finished.emit(result.as_json())
        self._schedule(self.interval_ms)
        self._serve_waiting()

    def _failed(self, generation: int, error: BaseException) -> None:
        self._running = False
        if generation != self._generation:
            self._serve_waiting()
            return
        self._again = False  # a failure waits out its backoff, whoever asked meanwhile
        self.last_message = plain_message(error)
        if isinstance(error, DeviceRevoked):
            self._timer.stop()
            self._set_state(REVOKED)
        else:
            # Too old for the hub: still retried, in case the hub's minimum is lowered again.
            self._failures += 1
            self._set_state(UPDATE_NEEDED if isinstance(error, AppTooOld) else OFFLINE)
            self._schedule(self.retry_delay_ms(self._failures))
        self.refresh_status()
        self.round_failed.emit(self.last_message)

    def _schedule(self, delay_ms: int) -> None:
        self._timer.start(delay_ms)

    def _serve_waiting(self) -> None:
        if self._again:
            self._again = False
            self.request_sync()
