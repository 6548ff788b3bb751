"""The walk-in dialog's "Cetak dokumen" menu: the citizen's document (open, save, print), the
Laporan Polisi form of an LP (model A or B), the surat pengantar of a case handed over
(dilimpahkan), and who signs (Penandatangan…). Each action asks
the dialog for a printable record first (`printable`: None when unsaved changes are in the
way) and hands it to the DocumentPrinter; messages go to `say` (the dialog's banner)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.domain.models import Visit
from app.security.permissions import Action
from ui.common.dialogs import disposing
from ui.roles import may, show_if
from ui.session import Session
from ui.visits.printing import LP_FORM, DocumentPrinter, why_not_printable
from ui.visits.signers import SignersDialog


class PrintMenu(QMenu):
    def __init__(self, session: Session, printer: DocumentPrinter,
                 printable: Callable[[], Visit | None], say: Callable[[str, str], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._printer = printer
        self._printable = printable
        self._say = say
        self._window = parent.window()
        self.open_pdf_action = self.addAction("Buka PDF (untuk dilihat/dicetak)")
        self.save_pdf_action = self.addAction("Simpan PDF…")
        self.print_action = self.addAction("Cetak ke printer…")
        self.form_actions = [self.addSeparator()]
        self.open_form_action = self.addAction("Formulir Laporan Polisi: buka PDF")
        self.save_form_action = self.addAction("Formulir Laporan Polisi: simpan PDF…")
        self.print_form_action = self.addAction("Formulir Laporan Polisi: cetak ke printer…")
        self.form_actions += [self.open_form_action, self.save_form_action,
                              self.print_form_action]
        self.addSeparator()
        self.cover_letter_action = self.addAction("Surat pengantar (dilimpahkan)…")
        self.addSeparator()
        self.signers_action = self.addAction("Penandatangan…")
        self._connect()
        # the menu's button shows only to a role that may print (ui/visits/dialog.py); who
        # signs is chosen for printing, so it follows the print permission too
        show_if(session, Action.PRINT, self.signers_action)
        # a surat pengantar is numbered and written in the buku ekspedisi: the desk's work
        # (Action.DISPATCH), not the Kapolsek's, who reads and prints; whether it can be
        # made for this walk-in (dilimpahkan) is refresh()'s
        show_if(session, Action.DISPATCH, self.cover_letter_action, enabling=False)

    def _connect(self) -> None:
        self.open_pdf_action.triggered.connect(lambda: self._run(self._open, None))
        self.save_pdf_action.triggered.connect(lambda: self._run(self._save, None))
        self.print_action.triggered.connect(lambda: self._run(self._print, None))
        self.open_form_action.triggered.connect(lambda: self._run(self._open, LP_FORM))
        self.save_form_action.triggered.connect(lambda: self._run(self._save, LP_FORM))
        self.print_form_action.triggered.connect(lambda: self._run(self._print, LP_FORM))
        self.signers_action.triggered.connect(self._on_signers_action_triggered)
        self.cover_letter_action.triggered.connect(self._on_cover_letter_action_triggered)

    def refresh(self, visit: Visit) -> str | None:
        """Enable what `visit` can print; why nothing can (None: something can)."""
        citizen = why_not_printable(visit)
        lp_form = why_not_printable(visit, LP_FORM) if visit.service == "lp" else citizen
        for action in (self.open_pdf_action, self.save_pdf_action, self.print_action):
            action.setEnabled(citizen is None)
        for action in self.form_actions:
            action.setVisible(visit.service == "lp")
            action.setEnabled(lp_form is None)
        handed_over = (visit.meta is not None and visit.service == "lp"
                       and visit.status == "dilimpahkan")
        self.cover_letter_action.setEnabled(handed_over)
        return citizen if citizen and lp_form and not handed_over else None

    # ------------------------------------------------------------------ the actions
    def _run(self, how: Callable[[Visit, str | None], None], kind_name: str | None) -> None:
        visit = self._printable()
        if visit is not None:
            how(visit, kind_name)

    def _open(self, visit: Visit, kind_name: str | None) -> None:
        self._printer.open_document(visit, kind_name)

    def _save(self, visit: Visit, kind_name: str | None) -> None:
        self._printer.save_document(visit, self._window, kind_name)

    def _print(self, visit: Visit, kind_name: str | None) -> None:
        self._printer.print_document(visit, self._window, kind_name)

    def _on_cover_letter_action_triggered(self) -> None:
        visit = self._printable() if may(self._session, Action.DISPATCH) else None
        if visit is None:
            return
        if visit.meta is None or visit.service != "lp":
            self._say("Surat pengantar hanya untuk laporan polisi yang sudah disimpan dan "
                      "dilimpahkan.", "warning")
            return
        from ui.visits.cover_letter import CoverLetterDialog  # loaded when first used

        CoverLetterDialog(self._session, visit, self._window).exec()

    def _on_signers_action_triggered(self) -> None:
        visit = self._printable() if may(self._session, Action.PRINT) else None
        if visit is None:
            return
        with disposing(SignersDialog(self._session, visit, self._printer.signers,
                                     self._window)) as dialog:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._printer.signers = dialog.signers()
                self._say("Penandatangan dipakai untuk dokumen yang dicetak dari jendela ini.",
                          "info")
