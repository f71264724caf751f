"""One sync round: push the outbox in batches, then pull pages and apply each with its cursor.

The engine owns its own SQLCipher connection on the thread that runs it (a worker thread in the
app), so the screen never waits on the network. A round cut at any byte loses nothing: outbox
rows are deleted only after the hub acknowledges them (and the hub skips mutation ids it has
seen), and a pulled page is applied together with its cursor in one transaction.

A pulled record this laptop cannot apply never stops the pull: it is set aside with its reason
(:mod:`linkworker_desktop.sync.set_aside`), the rest of the page is applied, the cursor moves
on, and the record is tried again after every pull and whenever a person asks.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.sync import set_aside, state
from linkworker_desktop.sync.apply import PulledChanges, in_transaction
from linkworker_desktop.sync.protocol import OLDEST_MAX_BATCH, PullResponse
from linkworker_desktop.sync.transport import ResyncNeeded, SyncError, Transport
from linkworker_desktop.sync.wire import EncodedPush, encode_push

PUSH_BATCH = OLDEST_MAX_BATCH  # larger once the hub says it takes more (Transport.max_batch)
# A push's body stays well under the hub's 8 MB limit, however long its notes.
PUSH_BYTES = 4 * 1024 * 1024
PULL_PAGE = 1000

# Hands a page of the directory feed to whoever keeps the local directory (the services layer,
# which sits above sync): (connection, client id, the page's services, the ids withdrawn)
# -> services added, changed or withdrawn.
DirectorySink = Callable[[Any, str, list[dict[str, Any]], list[str]], int]


@dataclass
class RoundResult:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    removed: int = 0
    directory: int = 0
    rejected: list[str] = field(default_factory=list)
    resynced: bool = False
    error: str = ""
    # Every change from the hub still held on this laptop after the round (not only new ones).
    set_aside: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "conflicts": self.conflicts,
            "removed": self.removed,
            "directory": self.directory,
            "rejected": self.rejected,
            "resynced": self.resynced,
            "set_aside": {"count": len(self.set_aside), "changes": self.set_aside},
            "error": self.error or None,
        }


class SyncEngine:
    def __init__(
        self,
        conn: Any,
        client_id: str,
        transport: Transport,
        push_batch: int = PUSH_BATCH,
        pull_page: int = PULL_PAGE,
        directory_sink: DirectorySink | None = None,
    ):
        self.conn = conn
        self.directory_sink = directory_sink
        self.client_id = client_id
        self.transport = transport
        self.push_batch = push_batch
        self.pull_page = pull_page
        self.pulled = PulledChanges(conn)

    def run_round(self) -> RoundResult:
        """Push then pull; the round and its outcome are logged for the Sync view."""
        result = RoundResult()
        started = utc_now()
        try:
            # After an upgrade, what an older schema refused may apply even if the hub is away.
            self.retry_set_aside(older_schema_only=True)
            self.push_all(result)
            try:
                self.pull_all(result)
            except ResyncNeeded:
                self._in_transaction(lambda: state.put(self.conn, "cursor", "0"))
                result.resynced = True
                self.pull_all(result)
            # What clashed with a record pushed in this round has usually been settled by now.
            self.retry_set_aside()
            result.set_aside = [held.as_json() for held in set_aside.held(self.conn)]
            self.pull_directory(result)
            self._in_transaction(lambda: state.put(self.conn, "last_good_sync", utc_now()))
        except SyncError as exc:
            result.error = str(exc)
            raise
        finally:
            self._log_round(started, result)
        return result

    # --- push ---------------------------------------------------------------------------------

    def pending(self) -> int:
        return state.waiting(self.conn)

    def push_all(self, result: RoundResult) -> None:
        """Send the outbox in order, one batch at a time, each acknowledged before the next.

        While the hub works on one batch, the next is read and encoded on this thread (the
        request waits on another), so a long outbox costs the hub's time, not both sides'.
        """
        while self._push_upto(self._horizon(), result):
            pass  # what was written while those went out (or was held back by a cut round)

    def _push_upto(self, horizon: int, result: RoundResult) -> bool:
        """Push the outbox up to ``horizon``; whether all of it went and some was sent."""
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as sender:
            acknowledged: int | None = None  # acknowledged by the hub, still to clear here
            batch = self._next_batch(0, horizon)
            while batch is not None:
                upto, request = batch
                sent = sender.submit(self.transport.push, request) if request else None
                if acknowledged is not None:
                    self._forget(acknowledged)  # while the hub works on the next batch
                following = self._next_batch(upto, horizon)
                if sent is not None and request is not None:
                    response = sent.result()
                    # The batch's last rows may be ones the hub keeps for itself (not sent).
                    done = response.last_mutation_id >= request.last_mutation_id
                    acknowledged = upto if done else response.last_mutation_id
                    result.pushed += response.applied
                    result.conflicts += response.conflicts
                    result.rejected += [f"{r.mutation_id}: {r.reason}" for r in response.rejected]
                else:
                    acknowledged = upto  # only records the hub keeps for itself
                if acknowledged < upto:
                    self._forget(acknowledged)
                    return False  # the hub stopped short; what is left goes in the next round
                batch = following
            if acknowledged is not None:
                self._forget(acknowledged)
            return acknowledged is not None

    def _forget(self, upto: int) -> None:
        """Clear the outbox up to what the hub has acknowledged (it skips anything resent)."""
        self._in_transaction(
            lambda: self.conn.execute("DELETE FROM outbox WHERE mutation_id <= ?", (upto,))
        )

    def _horizon(self) -> int:
        """The last outbox row this push may fold into an earlier one, kept until it is sent.

        A batch is sent under its records' first mutation ids, and the hub skips ids it has seen.
        If a round is cut after the hub applied a batch, the batch must be read again exactly
        as it was sent: with the same horizon, a change written since cannot be folded into a
        mutation the hub will skip.
        """
        kept = state.get(self.conn, "push_horizon")
        if (
            kept
            and self.conn.execute(
                "SELECT 1 FROM outbox WHERE mutation_id <= ? LIMIT 1", (int(kept),)
            ).fetchone()
        ):
            return int(kept)
        last = self.conn.execute("SELECT MAX(mutation_id) FROM outbox").fetchone()[0]
        horizon = int(last or 0)
        if kept != str(horizon):  # a round with nothing to send writes nothing
            self._in_transaction(lambda: state.put(self.conn, "push_horizon", str(horizon)))
        return horizon

    def _next_batch(self, after: int, horizon: int) -> tuple[int, EncodedPush | None] | None:
        """The outbox after ``after``: (last mutation id read, the request to send, if any).

        Rows of one record are folded into one mutation (see :mod:`coalesce`); rows past the
        horizon go in the push's next pass.
        """
        rows = self.conn.execute(
            "SELECT mutation_id, entity, entity_id, op, changes, base_versions FROM outbox"
            " WHERE mutation_id > ? AND mutation_id <= ? ORDER BY mutation_id LIMIT ?",
            (after, horizon, self._batch_size()),
        ).fetchall()
        if not rows:
            return None
        size = 0
        for taken, row in enumerate(rows):
            size += len(row[4]) + len(row[5]) + 200
            if size > PUSH_BYTES and taken:
                rows = rows[:taken]
                break
        return rows[-1][0], encode_push(self.client_id, state.cursor(self.conn), rows)

    def _batch_size(self) -> int:
        """Rows read for one push: as many as the hub takes, unless the caller chose fewer."""
        if self.push_batch != PUSH_BATCH:
            return self.push_batch
        return int(getattr(self.transport, "max_batch", PUSH_BATCH))

    # --- pull ---------------------------------------------------------------------------------

    def pull_all(self, result: RoundResult) -> None:
        while True:
            page = self.transport.pull(state.cursor(self.conn), self.pull_page)
            applied = self.apply_page(page)
            result.pulled += applied
            result.removed += len(page.removed)
            if not page.has_more:
                return

    def apply_page(self, page: PullResponse) -> int:
        """Apply one page and its cursor atomically (see :class:`PulledChanges`)."""
        return self.pulled.apply_page(page)

    def retry_set_aside(self, older_schema_only: bool = False) -> int:
        """Try the changes set aside in earlier rounds again; returns how many now applied."""
        return self.pulled.retry_set_aside(older_schema_only)

    def pull_directory(self, result: RoundResult) -> None:
        """The organisation's directory feed, read-only and incremental, into the local cache.

        Without a sink the feed is left for a round that has one (its position is not moved).
        """
        if self.directory_sink is None:
            return
        while True:
            since = state.get(self.conn, "directory_since")
            page = self.transport.directory(since, self.pull_page)
            if page["contents"] or page.get("withdrawn"):
                result.directory += self.directory_sink(
                    self.conn, self.client_id, page["contents"], page.get("withdrawn") or []
                )
            self._in_transaction(
                lambda page=page: state.put(self.conn, "directory_since", page["modified_until"])
            )
            if not page.get("has_more"):
                return

    # --- helpers ------------------------------------------------------------------------------

    def _in_transaction(self, work: Any) -> None:
        in_transaction(self.conn, work)

    def _log_round(self, started: str, result: RoundResult) -> None:
        def write() -> None:
            self.conn.execute(
                "INSERT INTO sync_rounds (started_at, finished_at, pushed, pulled, conflicts,"
                " error) VALUES (?, ?, ?, ?, ?, ?)",
                (started, utc_now(), result.pushed, result.pulled, result.conflicts, result.error),
            )

        self._in_transaction(write)
