"""Applying what the hub sends: pulled pages, and changes set aside in earlier rounds.

Each change is written on its own savepoint inside the page's transaction, so one that breaks a
local rule is rolled back alone and set aside with its reason while the rest of the page, and
its cursor, are kept. Pending local edits are laid back on top of what was applied.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.storage.unit_of_work import SYNCED_TABLES, table_columns
from linkworker_desktop.sync import set_aside, state
from linkworker_desktop.sync.protocol import PullResponse, RecordChange


def in_transaction(conn: Any, work: Callable[[], Any]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        work()
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class PulledChanges:
    """Writes the hub's records into one caseload connection (the thread that owns it)."""

    def __init__(self, conn: Any):
        self.conn = conn
        self._table_columns: dict[str, set[str]] = {}
        self._required_columns: dict[str, list[tuple[str, str]]] = {}

    def apply_page(self, page: PullResponse) -> int:
        """Apply one page and its cursor atomically, then lay pending local edits back on top.

        A change that cannot be applied is set aside with its reason in the same transaction,
        so the cursor never moves past a record that is neither applied nor kept.
        """

        def work() -> int:
            applied = self._apply_changes(page.changes)
            for gone in page.removed:
                set_aside.forget(self.conn, gone.entity, gone.entity_id)
                if gone.entity in SYNCED_TABLES:
                    self.conn.execute(f"DELETE FROM {gone.entity} WHERE id = ?", (gone.entity_id,))
            state.put(self.conn, "cursor", str(page.next_cursor))
            return applied

        return self._without_foreign_keys(work)

    def retry_set_aside(self, older_schema_only: bool = False) -> int:
        """Try the held changes again; those that apply now leave the list. Returns how many."""
        held = set_aside.changes(self.conn, older_schema_only)
        if not held:
            return 0
        return self._without_foreign_keys(lambda: self._apply_changes(held))

    def _without_foreign_keys(self, work: Callable[[], int]) -> int:
        # Parents can arrive after their children (a patient edited after its referral was
        # made), so foreign keys are checked by the hub, not row by row here.
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            done = 0

            def counted() -> None:
                nonlocal done
                done = work()

            in_transaction(self.conn, counted)
            return done
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def _apply_changes(self, changes: list[RecordChange]) -> int:
        """Apply each change on its own savepoint; set aside (with why) any that fails."""
        applied = 0
        touched: set[tuple[str, str]] = set()
        for change in changes:
            if change.entity not in SYNCED_TABLES:
                set_aside.keep(self.conn, change, set_aside.UNKNOWN_KIND)
                continue
            self.conn.execute("SAVEPOINT pulled_change")
            try:
                done = self._apply_change(
                    change.entity,
                    change.entity_id,
                    change.fields,
                    change.field_versions,
                    change.deleted,
                )
            except set_aside.APPLY_ERRORS as exc:
                self.conn.execute("ROLLBACK TO pulled_change")
                self.conn.execute("RELEASE pulled_change")
                set_aside.keep(self.conn, change, *set_aside.reason_for(exc))
                continue
            self.conn.execute("RELEASE pulled_change")
            set_aside.forget(self.conn, change.entity, change.entity_id)
            if done:
                applied += 1
                touched.add((change.entity, change.entity_id))
        self._reapply_pending(touched)
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
            elif table == "session_notes" and self._note_of_ended_session(record_id):
                return False  # what an ended session's note says is kept as it was written
            elif table == "patient_alerts" and self._cleared_alert(record_id):
                # The first clearing to arrive is the history kept; a merge may still move it.
                if "patient_id" not in values:
                    return False
                values = {"patient_id": values["patient_id"]}
            elif table == "visit_checkins" and self._checked_out(record_id):
                return False  # the first check-out to arrive is the one kept
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

    def _note_of_ended_session(self, note_id: str) -> bool:
        found = self.conn.execute(
            "SELECT s.state FROM session_notes n JOIN sessions s ON s.id = n.session_id"
            " WHERE n.id = ?",
            (note_id,),
        ).fetchone()
        return found is not None and found[0] == "ended"

    def _cleared_alert(self, alert_id: str) -> bool:
        found = self.conn.execute(
            "SELECT cleared_at FROM patient_alerts WHERE id = ?", (alert_id,)
        ).fetchone()
        return found is not None and found[0] is not None

    def _checked_out(self, checkin_id: str) -> bool:
        found = self.conn.execute(
            "SELECT checked_out_at FROM visit_checkins WHERE id = ?", (checkin_id,)
        ).fetchone()
        return found is not None and found[0] is not None

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
