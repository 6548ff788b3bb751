"""Rows inserted in bulk, shared by every bulk write of the store (the walk-ins' visits.write,
the patrols' import_many): ids given in advance under the write lock, each table written
with one statement a batch."""

from __future__ import annotations

from typing import Any

from app.store.driver import sqlite3


def insert_rows(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
                rows: list[list[Any]]) -> None:
    """Insert `rows` with ONE statement. A table with a trigger (visits: visit_total) makes
    every INSERT statement keep a journal of the pages it touches, so a row-by-row
    `executemany` wrote each index page again for every row: 140 us a row at a million
    records against 40 us for one statement. Several rows go first into a private temporary
    table and then `INSERT ... SELECT` into the store; one row (a single save) is inserted
    as it is."""
    names = ", ".join(f'"{c}"' for c in columns)  # quoted: meeting_participants has "group"
    marks = ", ".join("?" * len(columns))
    if len(rows) == 1:
        conn.execute(f'INSERT INTO main."{table}" ({names}) VALUES ({marks})', rows[0])
        return
    stage = f"bulk_{table}"
    conn.execute(f'CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {names} FROM main."{table}" '
                 "WHERE 0")
    try:
        conn.executemany(f"INSERT INTO temp.{stage} VALUES ({marks})", rows)
        conn.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM temp.{stage} '
                     "ORDER BY rowid")
    finally:
        conn.execute(f"DELETE FROM temp.{stage}")


class TableRows:
    """Rows of several tables made from dicts (each table's columns those of its first row),
    to be written with `insert_rows`, parents first (the order tables are first added)."""

    def __init__(self) -> None:
        self.columns: dict[str, tuple[str, ...]] = {}
        self.rows: dict[str, list[list[Any]]] = {}

    def add(self, table: str, values: dict[str, Any]) -> None:
        columns = self.columns.setdefault(table, tuple(values))
        if len(columns) != len(values):
            raise ValueError(f"{table}: columns differ between records")
        self.rows.setdefault(table, []).append([values[c] for c in columns])

    def insert(self, conn: sqlite3.Connection) -> None:
        for table, rows in self.rows.items():
            if rows:
                insert_rows(conn, table, self.columns[table], rows)
