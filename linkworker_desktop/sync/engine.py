"""One sync round: push the outbox in batches, then pull pages and apply each with its cursor.

The engine owns its own SQLCipher connection on the thread that runs it (a worker thread in the
app), so the screen never waits on the network. A round cut at any byte loses nothing: outbox
rows are deleted only after the hub acknowledges them (and the hub skips mutation ids it has
seen), and a pulled page is applied together with its cursor in one transaction.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.storage.database import IntegrityError
from linkworker_desktop.storage.unit_of_work import SYNCED_TABLES, Actor, table_columns
from linkworker_desktop.sync import state
from linkworker_desktop.sync.protocol import HUB_OWNED, Mutation, PullResponse, PushRequest
from linkworker_desktop.sync.transport import ResyncNeeded, SyncError, Transport

PUSH_BATCH = 1000
PULL_PAGE = 1000


@dataclass(frozen=True, slots=True)
class _Local:
    """What the directory service needs of an open caseload: a connection and who is working."""

    conn: Any
    actor: Actor


class PageClash(SyncError):
    """A pulled record breaks a rule of this caseload (two live patients with one NHS number)."""


def clash_message(exc: IntegrityError) -> str:
    """Name the table and key two records share, as SQLite reports it, never a guessed cause."""
    found = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", str(exc))
    if found:
        columns = found.group(1).split(", ")
        table = columns[0].split(".")[0]
        key = ", ".join(c.split(".", 1)[-1] for c in columns)
        what = f"shares its {key} with another {table} record on this laptop"
    else:
        what = f"breaks a rule of this laptop's records ({exc})"
    return (
        f"A change from the hub {what}, so nothing more can be received. "
        "Ask your administrator to look at the hub's records."
    )


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

    def as_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "conflicts": self.conflicts,
            "removed": self.removed,
            "directory": self.directory,
            "rejected": self.rejected,
            "resynced": self.resynced,
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
    ):
        self.conn = conn
        self.client_id = client_id
        self.transport = transport
        self.push_batch = push_batch
        self.pull_page = pull_page
        self._table_columns: dict[str, set[str]] = {}
        self._required_columns: dict[str, list[tuple[str, str]]] = {}

    def run_round(self) -> RoundResult:
        """Push then pull; the round and its outcome are logged for the Sync view."""
        result = RoundResult()
        started = utc_now()
        try:
            self.push_all(result)
            try:
                self.pull_all(result)
            except ResyncNeeded:
                self._in_transaction(lambda: state.put(self.conn, "cursor", "0"))
                result.resynced = True
                self.pull_all(result)
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
        return int(self.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    def push_all(self, result: RoundResult) -> None:
        """Send the outbox in order, one batch at a time, each acknowledged before the next.

        While the hub works on one batch, the next is read and encoded on this thread (the
        request waits on another), so a long outbox costs the hub's time, not both sides'.
        """
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as sender:
            acknowledged: int | None = None  # acknowledged by the hub, still to clear here
            batch = self._next_batch(0)
            while batch is not None:
                upto, request = batch
                sent = sender.submit(self.transport.push, request) if request else None
                if acknowledged is not None:
                    self._forget(acknowledged)  # while the hub works on the next batch
                following = self._next_batch(upto)
                if sent is not None and request is not None:
                    response = sent.result()
                    # The batch's last rows may be ones the hub keeps for itself (not sent).
                    done = response.last_mutation_id >= request.mutations[-1].mutation_id
                    acknowledged = upto if done else response.last_mutation_id
                    result.pushed += response.applied
                    result.conflicts += response.conflicts
                    result.rejected += [f"{r.mutation_id}: {r.reason}" for r in response.rejected]
                else:
                    acknowledged = upto  # only records the hub keeps for itself
                if acknowledged < upto:
                    break  # the hub stopped short; what is left goes in the next round
                batch = following
            if acknowledged is not None:
                self._forget(acknowledged)

    def _forget(self, upto: int) -> None:
        """Clear the outbox up to what the hub has acknowledged (it skips anything resent)."""
        self._in_transaction(
            lambda: self.conn.execute("DELETE FROM outbox WHERE mutation_id <= ?", (upto,))
        )

    def _next_batch(self, after: int) -> tuple[int, PushRequest | None] | None:
        """The outbox after ``after``: (last mutation id read, the request to send, if any)."""
        rows = self.conn.execute(
            "SELECT mutation_id, entity, entity_id, op, changes, base_versions FROM outbox"
            " WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?",
            (after, self.push_batch),
        ).fetchall()
        if not rows:
            return None
        mutations = [
            Mutation(
                mutation_id=r[0],
                entity=r[1],
                entity_id=r[2],
                op=r[3],
                changes=json.loads(r[4]),
                base_versions=json.loads(r[5]),
            )
            for r in rows
            if r[1] not in HUB_OWNED
        ]
        request = (
            PushRequest(
                client_id=self.client_id, cursor=state.cursor(self.conn), mutations=mutations
            )
            if mutations
            else None
        )
        return rows[-1][0], request

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
        """Apply one page and its cursor atomically, then lay pending local edits back on top."""
        # Parents can arrive after their children (a patient edited after its referral was
        # made), so foreign keys are checked by the hub, not row by row here.
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            applied = 0

            def work() -> None:
                nonlocal applied
                touched: set[tuple[str, str]] = set()
                for change in page.changes:
                    if change.entity not in SYNCED_TABLES:
                        continue
                    if self._apply_change(
                        change.entity,
                        change.entity_id,
                        change.fields,
                        change.field_versions,
                        change.deleted,
                    ):
                        applied += 1
                        touched.add((change.entity, change.entity_id))
                for gone in page.removed:
                    if gone.entity in SYNCED_TABLES:
                        self.conn.execute(
                            f"DELETE FROM {gone.entity} WHERE id = ?", (gone.entity_id,)
                        )
                self._reapply_pending(touched)
                state.put(self.conn, "cursor", str(page.next_cursor))

            try:
                self._in_transaction(work)
            except IntegrityError as exc:
                # The page and its cursor were rolled back together; say so instead of crashing.
                raise PageClash(clash_message(exc)) from exc
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")
        return applied

    def _columns(self, table: str) -> set[str]:
        """A table's columns, read once per engine (the schema does not change mid-round)."""
        if table not in self._table_columns:
            self._table_columns[table] = set(table_columns(self.conn, table))
        return self._table_columns[table]

    def _apply_change(
        self,
        table: str,
        record_id: str,
        fields: dict[str, Any],
        versions: dict[str, int],
        deleted: bool,
    ) -> bool:
        columns = self._columns(table)
        values = {k: v for k, v in fields.items() if k in columns and k not in ("id", "versions")}
        values["deleted"] = 1 if deleted else int(values.get("deleted", 0) or 0)
        if "versions" in columns:
            values["versions"] = json.dumps(versions, sort_keys=True)
        existing = self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone()
        if existing is not None:
            if table == "sessions" and self._ended(record_id):
                # Ended sessions are append-only here too; only a merge may move one.
                if "patient_id" not in values:
                    return False
                values = {"patient_id": values["patient_id"]}
            assignments = ", ".join(f"{k} = ?" for k in values)
            self.conn.execute(
                f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), record_id]
            )
            return True
        for name, default in self._required(table).items():
            values.setdefault(name, default)
        column_list = ", ".join(["id", *values])
        marks = ", ".join("?" for _ in range(len(values) + 1))
        self.conn.execute(
            f"INSERT INTO {table} ({column_list}) VALUES ({marks})", [record_id, *values.values()]
        )
        return True

    def _ended(self, session_id: str) -> bool:
        found = self.conn.execute(
            "SELECT state FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return found is not None and found[0] == "ended"

    def _required(self, table: str) -> dict[str, Any]:
        """Defaults for NOT NULL columns a hub-made record may lack (teams and workers)."""
        if table not in self._required_columns:
            self._required_columns[table] = [
                (name, str(kind).upper())
                for _cid, name, kind, notnull, default, pk in self.conn.execute(
                    f"PRAGMA table_info({table})"
                ).fetchall()
                if notnull and default is None and not pk
            ]
        defaults: dict[str, Any] = {}
        for name, kind in self._required_columns[table]:
            if name.endswith("_at"):
                defaults[name] = utc_now()
            elif name == "author_id":
                defaults[name] = "hub"
            else:
                defaults[name] = 0 if "INT" in kind else ""
        return defaults

    def _reapply_pending(self, touched: set[tuple[str, str]]) -> None:
        if not touched:
            return
        for entity, entity_id, changes in self.conn.execute(
            "SELECT entity, entity_id, changes FROM outbox ORDER BY mutation_id"
        ).fetchall():
            if (entity, entity_id) not in touched or entity not in SYNCED_TABLES:
                continue
            columns = self._columns(entity)
            values = {
                k: v for k, v in json.loads(changes).items() if k in columns and k != "versions"
            }
            if values:
                assignments = ", ".join(f"{k} = ?" for k in values)
                self.conn.execute(
                    f"UPDATE {entity} SET {assignments} WHERE id = ?",
                    [*values.values(), entity_id],
                )

    def pull_directory(self, result: RoundResult) -> None:
        """The organisation's directory feed, read-only and incremental, into the local cache."""
        from linkworker_desktop.services.directory import Directory

        worker_id = self.conn.execute("SELECT worker_id FROM profile").fetchone()[0]
        local = _Local(self.conn, Actor(worker_id=worker_id, client_id=self.client_id))
        while True:
            since = state.get(self.conn, "directory_since")
            page = self.transport.directory(since, self.pull_page)
            if page["contents"]:
                report = Directory(local).import_feed({"contents": page["contents"]}, "hub")
                result.directory += report.added + report.updated
            self._in_transaction(
                lambda page=page: state.put(self.conn, "directory_since", page["modified_until"])
            )
            if not page.get("has_more"):
                return

    # --- helpers ------------------------------------------------------------------------------

    def _in_transaction(self, work: Any) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            work()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _log_round(self, started: str, result: RoundResult) -> None:
        def write() -> None:
            self.conn.execute(
                "INSERT INTO sync_rounds (started_at, finished_at, pushed, pulled, conflicts,"
                " error) VALUES (?, ?, ?, ?, ?, ?)",
                (started, utc_now(), result.pushed, result.pulled, result.conflicts, result.error),
            )

        self._in_transaction(write)
