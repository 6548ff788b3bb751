"""The Kapolsek's "Analisa dan langkah-langkah" of a week: one record per week (by its first
day), written on the Rekap Mingguan page, printed in the weekly review, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.changes import ChangeKind
from app.domain.outgoing import WeeklyAnalysis
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.errors import InvalidRecord
from app.store.records import Saved, StoreContext, meta_from_row
from app.store.serialize import canonical_json, from_row
from app.validation.limits import clean_text, length_problems

if TYPE_CHECKING:
    from app.weekly.week import Week

KIND = "analisa_mingguan"  # audit kind


class AnalysisRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def get(self, week: Week) -> WeeklyAnalysis | None:
        row = self._ctx.row("SELECT * FROM weekly_analyses WHERE week_start = ?",
                            [week.start.isoformat()])
        return self._build(row) if row else None

    def text(self, week: Week) -> str:
        found = self.get(week)
        return found.text if found else ""

    def save(self, week: Week, text: str, by: int | None, *,
             expected_version: int | None = None) -> Saved[WeeklyAnalysis]:
        """Write the week's analysis (create or replace); the text is kept as typed, only
        trailing blanks trimmed. StaleRecord when someone saved it since `expected_version`
        (0: the editor found none)."""
        self._ctx.require(Action.WEEKLY)
        text = clean_text(text, multiline=True).rstrip()
        problems = length_problems(WeeklyAnalysis(week.start, week.label, text))
        if problems:
            raise InvalidRecord(tuple(message for _field, message in problems))
        with write_transaction(self._ctx.db):
            before = self.get(week)
            values = {"week_start": week.start.isoformat(), "week_label": week.label,
                      "text": text}
            if before is None or before.meta is None:
                record_id = self._ctx.insert("weekly_analyses",
                                             {**self._ctx.new_meta(by), **values})
            else:
                record_id = before.meta.id
                bump = self._ctx.bump("weekly_analyses", record_id, by, expected_version)
                self._ctx.db.table("weekly_analyses").update(record_id, {**values, **bump})
            row = self._ctx.row("SELECT * FROM weekly_analyses WHERE id = ?", [record_id])
            assert row is not None
            saved = self._build(row)
            assert saved.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by,
                         action="create" if before is None else "update", kind=KIND,
                         record_uuid=saved.meta.uuid,
                         before=None if before is None else canonical_json(before), after=saved)
        return Saved(saved, frozenset({ChangeKind.ANALYSIS}))

    def snapshots(self) -> dict[str, str]:
        """uuid -> canonical JSON of every analysis, for `verify`."""
        return {r["uuid"]: canonical_json(self._build(r))
                for r in self._ctx.rows("SELECT * FROM weekly_analyses ORDER BY id")}

    @staticmethod
    def _build(row: dict[str, Any]) -> WeeklyAnalysis:
        return from_row(WeeklyAnalysis, row, meta=meta_from_row(row))
