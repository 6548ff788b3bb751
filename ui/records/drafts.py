"""Drafts of open forms: saved every few seconds so a crash or a power cut loses nothing, and
offered again at the next start. Generic over any form that can dump its contents as a
payload (`DraftForm`): walk-ins use it, and patrol or meeting forms can too.

A draft is not a record: it never counts and never takes a number. Saving the record or
closing the form with "Buang" discards it. The payload is what the form dumps; for a form
over a dataclass, `make_payload(record, raw)` stores `to_json_payload(record)` plus the raw
text of fields that do not parse yet, and `split_payload` gives both back.

The kinds `offer_drafts` can reopen, with their openers and describers, are listed in
ui.records.kinds (by import: a kind added there is checked by mypy and by a test).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Draft, Officer
from app.store import from_json_payload, to_json_payload
from ui.common.dialogs import ask_yes_no, button_box
from ui.records.kinds import DRAFT_LABELS, draft_kinds
from ui.session import Session

T = TypeVar("T")

class DraftForm(Protocol):
    def draft_payload(self) -> str: ...


def make_payload(record: Any, raw: dict[str, str] | None = None) -> str:
    return json.dumps({"record": json.loads(to_json_payload(record)), "raw": raw or {}},
                      ensure_ascii=False, sort_keys=True)


def split_payload(cls: type[T], payload: str) -> tuple[T, dict[str, str]]:
    data = json.loads(payload)
    record = from_json_payload(cls, json.dumps(data["record"]))
    return record, {str(k): str(v) for k, v in (data.get("raw") or {}).items()}


class DraftKeeper(QObject):
    """Saves `form.draft_payload()` every `draft_interval_s` seconds while it differs from
    both the last saved draft and the record as last saved (`mark_clean`)."""

    failed = Signal(str)

    def __init__(self, session: Session, kind: str, form: DraftForm, *,
                 record_uuid: str | None = None, draft_id: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._kind = kind
        self._form = form
        self.record_uuid = record_uuid
        self.draft_id = draft_id
        self._clean = ""
        self._saved = ""
        self._timer = QTimer(self)
        seconds = max(1, int(session.store.settings.app_settings().draft_interval_s))
        self._timer.setInterval(seconds * 1000)
        self._timer.timeout.connect(self.flush)

    @property
    def kind(self) -> str:
        """The kind of record it keeps drafts of (visit, patrol, meeting)."""
        return self._kind

    def is_open(self) -> bool:
        """Its form is on screen (a form closed as a draft is hidden before it is deleted)."""
        form = self.parent()
        return isinstance(form, QWidget) and form.isVisible()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def mark_clean(self, payload: str, record_uuid: str | None = None) -> None:
        """The form now shows what the store holds: no draft is needed until it changes."""
        self._clean = payload
        if record_uuid is not None:
            self.record_uuid = record_uuid

    def flush(self) -> bool:
        """Save the draft now if the form changed; False when the store refused it."""
        try:
            payload = self._form.draft_payload()
            if payload == self._saved:
                return True
            if payload == self._clean:
                self.discard()
                self._saved = payload
                return True
            self.draft_id = self._session.store.drafts.save(
                self._kind, payload, self._session.officer_id, draft_id=self.draft_id,
                record_uuid=self.record_uuid)
        except Exception as exc:  # noqa: BLE001 - a timer must never raise; say it instead
            from ui.common.errors import describe

            self.failed.emit(describe(exc))
            return False
        self._saved = payload
        return True

    def discard(self) -> None:
        if self.draft_id is not None:
            self._session.store.drafts.discard(self.draft_id)
            self.draft_id = None
        self._saved = ""


def describe_draft(session: Session, draft: Draft) -> str:
    kind = draft_kinds().get(draft.kind)
    what = DRAFT_LABELS.get(draft.kind, draft.kind)
    if kind is not None:
        try:
            what = kind.describe(draft)
        except (ValueError, KeyError, TypeError):
            pass  # a payload an older version wrote: named by its kind only
    when = draft.updated_at.astimezone(session.tz()).strftime("%d-%m-%Y %H.%M")
    officer = session.store.master.get(Officer, draft.officer_id) if draft.officer_id else None
    who = f", {officer.display}" if officer else ""
    return f"{what} — terakhir diisi {when}{who}"


def pending_drafts(session: Session, kinds: Collection[str] | None = None,
                   exclude: Iterable[int] = ()) -> list[Draft]:
    """Drafts that can be reopened (their kind has an opener), newest first."""
    skip = set(exclude)
    return [d for d in session.store.drafts.list()
            if d.id not in skip and d.kind in DRAFT_LABELS and (kinds is None or d.kind in kinds)]


class DraftOfferDialog(QDialog):
    def __init__(self, session: Session, drafts: list[Draft], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Isian yang belum selesai")
        self.setMinimumWidth(620)
        self.discard_selected = False
        intro = QLabel("Ada isian formulir yang belum disimpan (mis. karena listrik padam atau "
                       "formulir ditutup sebagai draf). Pilih yang ingin dilanjutkan:")
        intro.setWordWrap(True)
        self.list = QListWidget()
        for draft in drafts:
            item = QListWidgetItem(describe_draft(session, draft))
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Nanti saja")
        self.continue_button = QPushButton("Lanjutkan yang dipilih")
        self.discard_button = QPushButton("Buang yang dipilih…")
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.continue_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.buttons.rejected.connect(self.reject)
        self.continue_button.setDefault(True)

    def selected_ids(self) -> list[int]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _on_discard_button_clicked(self) -> None:
        count = len(self.selected_ids())
        if count and ask_yes_no(self, "Buang draf",
                                f"Buang {count} isian yang dipilih? Isinya tidak dapat "
                                "dikembalikan."):
            self.discard_selected = True
            self.accept()


def offer_drafts(session: Session, parent: QWidget | None = None, *,
                 kinds: Collection[str] | None = None, exclude: Iterable[int] = ()
                 ) -> list[QWidget]:
    """Offer to continue every unfinished draft (call at start-up, or from a "Draf" button).
    Returns the forms it opened."""
    drafts = pending_drafts(session, kinds, exclude)
    if not drafts:
        return []
    dialog = DraftOfferDialog(session, drafts, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    chosen = [d for d in drafts if d.id in set(dialog.selected_ids())]
    if dialog.discard_selected:
        for draft in chosen:
            session.store.drafts.discard(draft.id)
        return []
    return open_drafts(session, chosen, parent)


def open_drafts(session: Session, drafts: Iterable[Draft], parent: QWidget | None) -> list[QWidget]:
    kinds = draft_kinds()
    opened: list[QWidget] = []
    for draft in drafts:
        form = kinds[draft.kind].open(session, draft, parent)
        if form is not None:
            opened.append(form)
    return opened
