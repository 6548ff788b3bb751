"""The window around the walk-in form: save (Ctrl+S), close (Esc, asking before anything is
lost), drafts every few seconds, status changes, void, history and printing. The form hands
out a Visit; this window does the writes through session.write and shows what failed."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SERVICES, STATUSES
from app.domain.models import Draft, Officer, Visit
from app.security.permissions import Action
from app.store import InvalidRecord, StoreError
from ui.common.dialogs import (
    BACK_TO_FORM,
    ask_yes_no,
    delete_when_finished,
    message_box,
)
from ui.common.errors import describe
from ui.common.focus import keep_focus_in_view, move_focus
from ui.common.screen_size import resize_within_screen
from ui.common.wheel import guard_wheel
from ui.common.widgets import Banner, ask_reason
from ui.records.drafts import DraftKeeper
from ui.records.history import HistoryDialog
from ui.records.kinds import VISIT
from ui.records.links import patrol_caption
from ui.roles import may
from ui.session import Session
from ui.visits.form import VisitForm
from ui.visits.handling import StatusDialog
from ui.visits.print_menu import PrintMenu
from ui.visits.printing import DocumentPrinter


class VisitDialog(QDialog):
    saved = Signal(int)  # the id of the record just written

    def __init__(self, session: Session, visit: Visit | None = None, *,
                 draft: Draft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_when_finished(self)
        self._session = session
        self.form = VisitForm(session)
        # a new record handed in already filled (an LP model A from a patrol) is unsaved
        # work: compare with a blank form, so closing asks and the draft keeps it
        blank = self.form.draft_payload()
        if visit is not None:
            self.form.load(visit)
        self._clean = self.form.draft_payload() if visit is None or visit.meta else blank
        self.keeper = DraftKeeper(session, VISIT, self.form, parent=self,
                                  record_uuid=visit.meta.uuid if visit and visit.meta else None,
                                  draft_id=draft.id if draft else None)
        self.keeper.mark_clean(self._clean)
        if draft is not None:
            self.form.load_draft_payload(draft.payload)
        self.printer = DocumentPrinter(session, self)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.banner = Banner()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.form)
        # the form opens with the focus in its first field, not on the scroll area (where
        # typing went nowhere after Ctrl+N); the wheel and the fields' focus still scroll it
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        keep_focus_in_view(self.scroll_area)
        self.save_button = QPushButton("Simpan (Ctrl+S)")
        # a push button with a menu: its width counts the menu arrow (a QToolButton drew the
        # arrow over "dokumen")
        self.print_button = QPushButton("Cetak dokumen")
        self.print_menu = PrintMenu(session, self.printer, self._printable,
                                    self.banner.show_message, self.print_button)
        self.print_button.setMenu(self.print_menu)
        self.open_pdf_action = self.print_menu.open_pdf_action
        self.print_action = self.print_menu.print_action
        self.form_actions = self.print_menu.form_actions
        self.cover_letter_action = self.print_menu.cover_letter_action
        self.history_button = QPushButton("Riwayat…")
        self.void_button = QPushButton("Batalkan catatan…")
        self.close_button = QPushButton("Tutup (Esc)")
        for button in (self.save_button, self.print_button, self.history_button, self.void_button,
                       self.close_button):
            button.setAutoDefault(False)
        self._build()
        self._connect()
        self._refresh()
        guard_wheel(self)
        self.keeper.start()
        self.form.s.service.setFocus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.form.problems.summary)
        layout.addWidget(self.scroll_area, 1)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.print_button, self.history_button, self.void_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        resize_within_screen(self, 1100, 720)
        self.setSizeGripEnabled(True)

    def _connect(self) -> None:
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(
            self._on_print_shortcut)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.history_button.clicked.connect(self._on_history_button_clicked)
        self.void_button.clicked.connect(self._on_void_button_clicked)
        self.form.status_change_requested.connect(self._on_form_status_change_requested)
        self.form.s.service_changed.connect(self._on_form_service_changed)
        self.keeper.failed.connect(self._on_keeper_failed)
        self.printer.finished.connect(self._on_printer_finished)
        self.printer.failed.connect(self._on_printer_failed)

    def _refresh(self) -> None:
        visit = self.form.visit()
        saved = visit.meta is not None
        voided = bool(visit.meta and visit.meta.voided)
        service = SERVICES.get(visit.service, visit.service)
        if saved:
            received = visit.received_at.astimezone(self._session.tz()).strftime("%d-%m-%Y %H.%M")
            self.setWindowTitle(f"{service} — {visit.number}" if visit.number else service)
            self.header.setText(f"<b>{visit.number or service}</b><br>{service} · diterima "
                                f"{received} · status <b>{STATUSES.get(visit.status, visit.status)}"
                                "</b>")
        else:
            self._show_new_title()
        if visit.source_patrol_uuid:  # an LP model A made from a patrol's finding
            caption = patrol_caption(self._session, visit.source_patrol_uuid)
            self.header.setText(f"{self.header.text()}<br>Dari patroli: {escape(caption)}")
        nothing = self.print_menu.refresh(visit)
        self.print_button.setEnabled(nothing is None)
        self.print_button.setToolTip(nothing or "")
        self.history_button.setEnabled(saved)
        self.void_button.setEnabled(saved and not voided)
        # what the role may not do is not offered (ui/roles.py); the store refuses it too
        writable = may(self._session, Action.VISIT_WRITE)
        self.save_button.setEnabled(not voided and writable)
        self.save_button.setVisible(writable)
        self.print_button.setVisible(may(self._session, Action.PRINT))
        self.void_button.setVisible(may(self._session, Action.VOID))
        self.form.s.handling.change_status.setVisible(may(self._session, Action.STATUS))
        self.form.set_read_only(voided or not writable)
        if voided:
            assert visit.meta is not None and visit.meta.voided_at is not None
            officer = (self._session.store.master.get(Officer, visit.meta.voided_by)
                       if visit.meta.voided_by else None)
            when = visit.meta.voided_at.astimezone(self._session.tz()).strftime("%d-%m-%Y %H.%M")
            self.banner.show_message(
                f"Catatan ini DIBATALKAN pada {when}{' oleh ' + officer.display if officer else ''}"
                f". Alasan: {visit.meta.void_reason}. Catatan tetap tersimpan tetapi tidak "
                "dihitung lagi.", "warning")

    def _show_new_title(self) -> None:
        """A new record is named by what is being made: an LP model A is no visit."""
        s = self.form.s
        model_a = s.current_service() == "lp" and s.lp_model.currentData() == "A"
        title = "Laporan Polisi model A baru" if model_a else "Kunjungan baru"
        self.setWindowTitle(title)
        self.header.setText(f"<b>{title}</b> — nomor diberikan saat disimpan. "
                            "Isian disimpan otomatis sebagai draf.")

    def _on_form_service_changed(self) -> None:
        visit = self.form.visit()
        if visit.meta is None:
            self._show_new_title()
            if visit.source_patrol_uuid:
                caption = patrol_caption(self._session, visit.source_patrol_uuid)
                self.header.setText(f"{self.header.text()}<br>Dari patroli: {escape(caption)}")

    # ------------------------------------------------------------------ state
    def is_dirty(self) -> bool:
        return self.form.draft_payload() != self._clean

    def mark_clean(self) -> None:
        """Take what the form shows as unchanged (closing then asks nothing)."""
        self._clean = self.form.draft_payload()

    def draft_id(self) -> int | None:
        return self.keeper.draft_id

    def record_id(self) -> int | None:
        return self.form.visit().id

    def _show_saved(self, visit: Visit, message: str) -> None:
        self.form.load(visit)
        self._clean = self.form.draft_payload()
        assert visit.meta is not None
        self.keeper.mark_clean(self._clean, visit.meta.uuid)
        self._refresh()
        self.banner.show_message(message, "info")

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Check, then create or update. False (and the form kept as typed) when a field
        blocks it or the store refused."""
        if not self.save_button.isEnabled():
            return False
        problems = self.form.check(show_required=True)
        self.form.prune_accepted(problems)
        if self.form.blocking(problems):
            self.banner.clear_message()  # the form's problem banner says why
            self.form.show_problems(problems, refused=True)
            return False
        self.form.show_problems(problems)
        visit = self.form.dump()
        store, by = self._session.store, self._session.officer_id
        try:
            if visit.meta is None:
                saved = self._session.write(lambda: store.visits.create(visit, by))
            else:
                saved = self._session.write(lambda: store.visits.update(visit, by))
        except InvalidRecord as exc:
            self.form.show_problems(tuple(exc.problems))  # type: ignore[arg-type]
            self.banner.show_message(describe(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - StoreUnavailable, StaleRecord...: say it, keep all
            self.keeper.flush()
            self.banner.show_message(describe(exc))
            return False
        self.keeper.discard()
        number = f" Nomor: {saved.number}." if saved.number else ""
        self._show_saved(saved, f"Tersimpan.{number}")
        assert saved.id is not None
        self.saved.emit(saved.id)
        return True

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Esc, "Tutup" or the window's close button."""
        if self.is_dirty():
            choice = self._ask_close()
            if choice == "cancel":
                return
            if choice == "save" and not self.save():
                return
            if choice == "draft" and not self.keeper.flush():
                return
            if choice == "discard":
                self._discard_draft()
        else:
            self._discard_draft()
        self.keeper.stop()
        super().reject()

    def _discard_draft(self) -> None:
        try:
            self.keeper.discard()
        except StoreError:
            pass  # a draft that cannot be removed now is offered again later

    def _ask_close(self) -> str:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        box = message_box(self, QMessageBox.Icon.Question, "Tutup formulir",
                          "Ada isian yang belum disimpan. Simpan sekarang, simpan sebagai draf "
                          "untuk dilanjutkan nanti, atau buang isiannya?", buttons,
                          QMessageBox.StandardButton.Cancel)
        # Enter and Esc go back to the form: a key pressed out of habit writes nothing
        box.button(QMessageBox.StandardButton.Cancel).setText(BACK_TO_FORM)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        draft = box.addButton("Simpan sebagai draf", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is draft:
            return "draft"
        return {box.button(QMessageBox.StandardButton.Save): "save",
                box.button(QMessageBox.StandardButton.Discard): "discard"}.get(clicked, "cancel")

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt naming)
        """Tab follows the form top to bottom, then the buttons (see move_focus)."""
        return move_focus(self, forward) or super().focusNextPrevChild(forward)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if not self.isVisible():  # already closed (e.g. the application is quitting)
            event.accept()
            return
        event.ignore()
        self.reject()

    # ------------------------------------------------------------------ handling, void, history
    def _on_form_status_change_requested(self) -> None:
        visit = self.form.visit()
        if visit.meta is None:
            return
        dialog = StatusDialog(visit.status, self._session.local_now, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        status, note, at = dialog.value()
        self.change_status(status, note, at)

    def change_status(self, status: str, note: str, at: object = None) -> bool:
        visit = self.form.visit()
        assert visit.meta is not None and visit.id is not None
        was_dirty = self.is_dirty()
        store, by = self._session.store, self._session.officer_id
        try:
            saved = self._session.write(lambda: store.visits.change_status(
                visit.id or 0, status, note, by, at=at,  # type: ignore[arg-type]
                expected_version=visit.meta.version if visit.meta else None))
        except Exception as exc:  # noqa: BLE001 - StoreUnavailable, StaleRecord...
            self.banner.show_message(describe(exc))
            return False
        message = f"Status diubah menjadi {STATUSES.get(status, status)}."
        if not was_dirty:
            self._show_saved(saved, message)
            return True
        typed, raw = self.form.dump(), self.form.raw()
        merged = replace(typed, meta=saved.meta, status=saved.status,
                         status_history=saved.status_history,
                         resolved_at=typed.resolved_at or saved.resolved_at)
        self.form.load(merged, raw)
        self._refresh()
        self.banner.show_message(message + " Perubahan lain di formulir belum disimpan.", "info")
        return True

    def _on_void_button_clicked(self) -> None:
        if self.is_dirty() and not ask_yes_no(
                self, "Batalkan catatan", "Perubahan yang belum disimpan tidak ikut tersimpan. "
                "Lanjutkan pembatalan?"):
            return
        reason = ask_reason(self, "Batalkan catatan",
                            "Catatan yang dibatalkan tetap tersimpan dan terlihat oleh Kapolsek, "
                            "tetapi tidak dihitung lagi. Nomornya tidak dipakai ulang.",
                            "Alasan pembatalan", "Batalkan catatan")
        if reason:
            self.void(reason)

    def void(self, reason: str) -> bool:
        visit_id = self.form.visit().id
        assert visit_id is not None
        store, by = self._session.store, self._session.officer_id
        try:
            saved = self._session.write(lambda: store.visits.void(visit_id, reason, by))
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message(describe(exc))
            return False
        self.keeper.discard()
        self._show_saved(saved, "Catatan dibatalkan.")
        self._refresh()
        return True

    def _on_history_button_clicked(self) -> None:
        visit = self.form.visit()
        if visit.meta is not None:
            HistoryDialog(self._session, visit.meta.uuid, visit.number or "catatan", self).exec()

    # ------------------------------------------------------------------ printing
    def _printable(self) -> Visit | None:
        if self.is_dirty():
            self.banner.show_message("Simpan perubahan dulu (Ctrl+S), lalu cetak dokumennya.",
                                     "warning")
            return None
        return self.form.visit()

    def _on_print_shortcut(self) -> None:
        if self.print_button.isEnabled() and may(self._session, Action.PRINT):
            self.print_button.showMenu()

    def _on_printer_finished(self, path: str) -> None:
        self.banner.show_message(f"Dokumen dibuat: {path}", "info")

    def _on_printer_failed(self, text: str) -> None:
        self.banner.show_message(text)

    def _on_keeper_failed(self, text: str) -> None:
        self.banner.show_message(f"Draf tidak dapat disimpan: {text}", "warning")
