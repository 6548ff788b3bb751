"""The full change history of a record from the audit trail, in Indonesian: when, who, what
was done, and for each change which fields went from what to what."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import PARTY_ROLES, SERVICES, SEXES, STATUSES
from app.domain.models import AuditEntry, Category, Officer
from app.store import dt_from_db
from ui.common.dialogs import button_box, delete_when_finished
from ui.session import Session

ACTIONS = {"create": "Dibuat", "update": "Diubah", "status": "Status diubah",
           "void": "Dibatalkan", "print": "Dokumen dicetak", "view": "Dilihat",
           "export": "Diekspor", "import": "Diimpor"}
FIELD_LABELS = {
    "service": "Jenis layanan", "lp_model": "Model LP", "received_at": "Diterima",
    "receiving_officer_id": "Petugas penerima", "occurred_at": "Waktu kejadian",
    "incident_desa": "Desa kejadian", "place_type": "Jenis tempat", "place_detail": "Lokasi",
    "category": "Kategori", "narrative": "Uraian", "modus_operandi": "Modus operandi",
    "law_articles": "Pasal", "evidence": "Barang bukti", "complaint_subject": "Hal yang diadukan",
    "other_reason": "Keperluan", "dispatched_officer_id": "Petugas diberangkatkan",
    "dispatched_at": "Waktu berangkat", "arrived_at": "Tiba di TKP",
    "resolved_at": "Waktu selesai", "status": "Status", "notable": "Kejadian menonjol",
    "needs_visit": "Perlu ke TKP", "number": "Nomor", "accepted_warnings": "Peringatan diterima",
    "parties": "Pihak", "losses": "Kerugian", "lost_items": "Barang hilang",
    "source_patrol_uuid": "Dari patroli",
    # patrols and community meetings
    "patrol_type": "Jenis patroli", "mode": "Cara patroli", "start_at": "Mulai",
    "end_at": "Selesai", "leader_id": "Ketua / pemimpin", "member_ids": "Anggota",
    "vehicle_id": "Kendaraan", "operation_name": "Nama operasi", "targets": "Sasaran",
    "places": "Tempat dikunjungi", "findings": "Temuan", "notes": "Catatan",
    "meeting_type": "Jenis pertemuan", "held_at": "Waktu pertemuan", "desa": "Desa",
    "place": "Tempat", "participants": "Peserta", "topics": "Pokok bahasan", "issues": "Masalah",
}
PART_LABELS = {
    "name": "nama", "unknown": "tidak dikenal", "nik": "NIK", "sex": "jenis kelamin",
    "birth_place": "tempat lahir", "birth_date": "tanggal lahir", "occupation": "pekerjaan",
    "religion": "agama", "phone": "telepon", "street": "alamat", "rt_rw": "RT/RW",
    "desa": "desa", "kecamatan": "kecamatan", "kabupaten": "kabupaten", "note": "keterangan",
    "role": "peran", "doc_type": "jenis", "description": "uraian", "value_rp": "nilai (Rp)",
    "field": "kolom", "code": "kode", "reason": "alasan",
    "place": "tempat", "at": "pukul", "situation": "situasi", "himbauan": "himbauan",
    "people_reached": "warga disapa", "group": "kelompok", "count": "jumlah",
    "category": "kategori", "action": "tindak lanjut", "owner_officer_id": "penanggung jawab",
    "owner_agency": "instansi", "due_date": "batas waktu", "status": "status",
}
ITEM_LABELS = {"parties": "Pihak", "losses": "Kerugian", "lost_items": "Barang hilang",
               "accepted_warnings": "Peringatan diterima", "places": "Tempat",
               "participants": "Peserta", "issues": "Masalah"}
# bookkeeping that changes with every save and says nothing to a reader
SKIPPED = re.compile(r"^(meta\b|status_history\b|issues\[\d+\]\.(history|uuid|id)\b)")
EMPTY = "(kosong)"


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"parties": [{"name": "A"}]} -> {"parties[0].name": "A"}."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else key))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, inner in enumerate(value):
            out.update(flatten(inner, f"{prefix}[{i}]"))
    else:
        out[prefix] = value
    return out


def changes(before: str | None, after: str | None) -> list[tuple[str, Any, Any]]:
    """(path, old, new) for every field that differs, in record order."""
    old = flatten(json.loads(before)) if before else {}
    new = flatten(json.loads(after)) if after else {}
    paths = list(dict.fromkeys([*new, *old]))
    return [(p, old.get(p), new.get(p)) for p in paths
            if not SKIPPED.match(p) and old.get(p) != new.get(p)
            and not (_blank(old.get(p)) and _blank(new.get(p)))]


def _blank(value: Any) -> bool:
    return value in (None, "", [], False, 0) and value is not True


def field_label(path: str) -> str:
    match = re.match(r"^(\w+)\[(\d+)\]\.(\w+)$", path)
    if match:
        group, index, part = match.groups()
        return f"{ITEM_LABELS.get(group, group)} {int(index) + 1}: {PART_LABELS.get(part, part)}"
    return FIELD_LABELS.get(path, path)


class ValueText:
    """Turns stored values into what a reader expects (names, labels, station time)."""

    def __init__(self, tz: tzinfo, officers: Mapping[int, str], categories: Mapping[str, str]) -> None:
        self._tz = tz
        self._officers = officers
        self._categories = categories

    def __call__(self, path: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return EMPTY
        leaf = path.rsplit(".", 1)[-1]
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        if (path.endswith("officer_id") or path == "leader_id") and isinstance(value, int):
            return self._officers.get(value, f"petugas #{value}")
        if path == "service":
            return SERVICES.get(value, value)
        if path == "status":
            return STATUSES.get(value, value)
        if path == "category":
            return self._categories.get(value, value)
        if leaf == "sex":
            return SEXES.get(value, value)
        if leaf == "role":
            return PARTY_ROLES.get(value, value)
        if isinstance(value, str) and path.endswith("_at"):
            moment = _moment(value)
            return moment.astimezone(self._tz).strftime("%d-%m-%Y %H.%M") if moment else value
        if leaf == "value_rp" and isinstance(value, int):
            return "Rp" + f"{value:,}".replace(",", ".")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)


def _moment(text: str) -> datetime | None:
    try:
        return dt_from_db(text)
    except ValueError:
        return None


def summary(entry: AuditEntry, text: Callable[[str, Any], str]) -> str:
    """One line about an entry (the details are its changed fields)."""
    after = json.loads(entry.after) if entry.after else {}
    before = json.loads(entry.before) if entry.before else {}
    if entry.action == "create":
        number = after.get("number")
        return f"Nomor {number}" if number else "Dicatat (tanpa nomor)"
    if entry.action == "status" and "issues" in after:
        return _issue_change(before, after)
    if entry.action == "status":
        history = after.get("status_history") or [{}]
        note = history[-1].get("note", "")
        return (f"{text('status', before.get('status'))} → {text('status', after.get('status'))}"
                + (f"; catatan: {note}" if note else ""))
    if entry.action == "void":
        return f"Alasan: {(after.get('meta') or {}).get('void_reason', '')}"
    if entry.action == "print":
        if entry.kind in ("patrol", "meeting"):
            return "Laporan dicetak sebagai PDF"
        output = after.get("output") if isinstance(after, dict) else None
        if output == "kertas":
            return "Dokumen untuk warga dicetak ke printer"
        if output == "pdf":
            return "Dokumen untuk warga dibuka atau disimpan sebagai PDF (bukan cetakan asli)"
        return "Dokumen untuk warga dicetak atau disimpan sebagai PDF"
    if entry.action == "update":
        count = len(changes(entry.before, entry.after))
        return f"{count} isian berubah" if count else "Disimpan tanpa perubahan isi"
    return ""


def _issue_change(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A follow-up step on one issue of a meeting: which issue, new status, the note."""
    from app.domain.codes import ISSUE_STATUSES

    old = {i.get("uuid"): i for i in before.get("issues", [])}
    for issue in after.get("issues", []):
        previous = old.get(issue.get("uuid"), {})
        if len(issue.get("history", [])) > len(previous.get("history", [])):
            step = issue["history"][-1]
            status = ISSUE_STATUSES.get(step.get("status", ""), step.get("status", ""))
            return (f"Masalah “{issue.get('description', '')[:60]}”: {status}; "
                    f"catatan: {step.get('note', '')}")
    return "Status tindak lanjut diubah"


class HistoryDialog(QDialog):
    def __init__(self, session: Session, record_uuid: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_when_finished(self)
        self.setWindowTitle(f"Riwayat — {title}")
        self.resize(900, 560)
        store = session.store
        officers = {o.id: o.display for o in store.master.list(Officer) if o.id is not None}
        categories = {c.code: c.label for c in store.master.list(Category)}
        text = ValueText(session.tz(), officers, categories)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Waktu", "Petugas", "Tindakan", "Rincian"])
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        entries = store.history(record_uuid)
        for entry in entries:
            when = entry.at.astimezone(session.tz()).strftime("%d-%m-%Y %H.%M")
            who = officers.get(entry.officer_id or -1, "—" if entry.officer_id is None else
                               f"petugas #{entry.officer_id}")
            item = QTreeWidgetItem([when, who, ACTIONS.get(entry.action, entry.action),
                                    summary(entry, text)])
            item.setToolTip(3, item.text(3))
            if entry.action in ("update", "create"):
                for path, old, new in changes(entry.before, entry.after):
                    if entry.action == "create":
                        continue
                    child = QTreeWidgetItem(["", "", field_label(path),
                                             f"{text(path, old)} → {text(path, new)}"])
                    child.setToolTip(3, child.text(3))
                    item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        buttons = button_box(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(entries)} catatan di jejak audit (terlama di atas). "
                                "Jejak audit tidak dapat diubah."))
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """Every line as shown (tests)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            assert item is not None
            out.append([item.text(c) for c in range(4)])
            for j in range(item.childCount()):
                child = item.child(j)
                assert child is not None
                out.append([child.text(c) for c in range(4)])
        return out
