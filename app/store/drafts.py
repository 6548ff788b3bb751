"""Drafts: what a form holds while it is open, saved every few seconds so a crash or a power
cut loses nothing. A draft is not a record: it never counts and never takes a number."""

from __future__ import annotations

from app.domain.models import Draft
from app.security.permissions import Action
from app.store.db import write_transaction
from app.store.records import StoreContext
from app.store.serialize import dt_to_db, from_row


class DraftRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def save(self, kind: str, payload: str, officer_id: int | None, *,
             draft_id: int | None = None, record_uuid: str | None = None) -> int:
        """Insert or overwrite a draft; returns its id."""
        self._ctx.require(Action.DRAFTS)
        values = {"kind": kind, "record_uuid": record_uuid, "payload": payload,
                  "officer_id": officer_id, "updated_at": dt_to_db(self._ctx.now())}
        with write_transaction(self._ctx.db):
            if draft_id is not None and self._ctx.row(
                    "SELECT 1 FROM drafts WHERE id = ?", [draft_id]):
                self._ctx.db.table("drafts").update(draft_id, values)
                return draft_id
            return self._ctx.insert("drafts", values)

    def discard(self, draft_id: int) -> None:
        """Drop a draft once its form was saved or deliberately closed."""
        self._ctx.require(Action.DRAFTS)
        with write_transaction(self._ctx.db):
            self._ctx.db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])

    def list(self, kind: str | None = None) -> tuple[Draft, ...]:
        """Drafts of `kind` (all kinds: None); a signed-in officer sees only their own."""
        clauses: list[str] = []
        params: list[object] = []
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        if self._ctx.access.role is not None:
            clauses.append("officer_id IS ?")
            params.append(self._ctx.access.officer_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._ctx.rows(f"SELECT * FROM drafts{where} ORDER BY updated_at DESC, id DESC",
                              params)
        return tuple(from_row(Draft, r) for r in rows)
