"""New records streamed to PostgreSQL by one COPY while the push works out the next ones.

A first upload is mostly new records. Written all at the end of a push, PostgreSQL's work on
them (parsing, four indexes, the organisation check) waited for the hub's, and the hub's for
PostgreSQL's. Streamed a chunk at a time into a COPY left open, PostgreSQL inserts one chunk
while the hub works out the next, in the same transaction on the same connection.

A connection carries one statement at a time, so before anything else is sent on it (a read,
an update, the commit) the COPY is ended, and its error raised there.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any

from sqlalchemy import Connection, event

Row = tuple[Any, ...]


class CopyStream:
    """A COPY kept open on ``conn`` between sends, ended before the connection's next use."""

    def __init__(self, conn: Connection, statement: str, types: Sequence[str]):
        self.conn = conn
        self.statement = statement
        self.types = tuple(types)
        self._open: ExitStack | None = None
        self._copy: Any = None
        event.listen(conn, "before_cursor_execute", self._before_statement)
        event.listen(conn, "commit", self._before_statement)

    def send(self, rows: Sequence[Row]) -> None:
        """Write ``rows`` into the COPY, opening one if none is open."""
        if self._open is None:
            opening = ExitStack()
            driver = self.conn.connection.driver_connection
            assert driver is not None
            cursor = opening.enter_context(driver.cursor())
            self._copy = opening.enter_context(cursor.copy(self.statement))
            self._copy.set_types(self.types)
            self._open = opening
        for row in rows:
            self._copy.write_row(row)

    def end(self) -> None:
        """End the COPY, if one is open: waits for PostgreSQL to take the last row."""
        opened, self._open, self._copy = self._open, None, None
        if opened is not None:
            opened.close()

    def close(self) -> None:
        """End the COPY and stop listening to the connection."""
        try:
            self.end()
        finally:
            event.remove(self.conn, "before_cursor_execute", self._before_statement)
            event.remove(self.conn, "commit", self._before_statement)

    def _before_statement(self, *_args: Any) -> None:
        self.end()
