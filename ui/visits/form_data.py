"""How a Visit maps onto the widgets of the form's sections: loading, dumping (the visit as
typed), raw text that does not parse yet, and which field box shows a problem's path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.domain.models import Party, StatusChange, Visit
from app.validation import Problem
from app.validation.problems import error
from ui.common.widgets import FieldBox
from ui.visits.form_sections import REPORTER_REQUIRED, REPORTER_ROLE, SECTIONS, FormSections
from ui.visits.parties import PartyList, PersonEditor


# ---------------------------------------------------------------------- loading
def load_sections(s: FormSections, visit: Visit, raw: dict[str, str]) -> None:
    widgets = [s.service, s.lp_model]
    for widget in widgets:
        widget.blockSignals(True)
    s.service.setCurrentIndex(max(s.service.findData(visit.service), 0))
    s.lp_model.setCurrentIndex(max(s.lp_model.findData(visit.lp_model or "B"), 0))
    for widget in widgets:
        widget.blockSignals(False)
    s.received_at.set_value(visit.received_at)
    s.receiving_officer.set_current_data(visit.receiving_officer_id, raw.get("receiving_officer_id", ""))
    reporter = visit.reporter
    s.reporter.load(reporter or Party(role="pelapor"))
    others = [p for p in visit.parties if p is not reporter]
    s.teradu.load([p for p in others if p.role == "teradu"])
    s.suspects.load([p for p in others if p.role == "terlapor"])
    s.victims.load([p for p in others if p.role == "korban"])
    s.witnesses.load([p for p in others if p.role == "saksi"])
    s.extra_parties = tuple(p for p in others if p.role not in ("teradu", "terlapor", "korban", "saksi"))
    s.complaint_subject.setText(visit.complaint_subject)
    s.other_reason.setText(visit.other_reason)
    s.occurred_at.set_value(visit.occurred_at)
    s.incident_desa.set_text(visit.incident_desa)
    s.place_type.set_current_data(visit.place_type or None, raw.get("place_type", ""))
    s.place_detail.setText(visit.place_detail)
    s.category.set_current_data(visit.category or None, raw.get("category", ""))
    s.lost_items.load(visit.lost_items)
    if not visit.lost_items:
        s.lost_items.add_row()
    s.narrative.setPlainText(visit.narrative)
    s.modus_operandi.setText(visit.modus_operandi)
    s.evidence.setPlainText(visit.evidence)
    s.losses.load(visit.losses, _sub(raw, "losses"))
    if not visit.losses:
        s.losses.add_row()
    s.law.set_codes(visit.law_articles)
    s.law.combo.set_text(raw.get("law_pending", ""))
    s.notable.setChecked(visit.notable)
    s.needs_visit.setChecked(visit.needs_visit)
    s.served.setChecked(visit.meta is None and visit.status == "selesai")
    s.handling.load(visit, raw)
    for name in ("received_at", "occurred_at"):
        if raw.get(name):
            getattr(s, name).set_text(raw[name])
    s.apply_service(saved=visit.meta is not None)
    _apply_party_raw(s, raw)


def _apply_party_raw(s: FormSections, raw: dict[str, str]) -> None:
    editors = party_editors(s)
    for key, text in raw.items():
        if key.startswith("parties[") and key.endswith("].birth_date"):
            index = int(key[len("parties[") : key.index("]")])
            if 0 <= index < len(editors):
                editors[index][0].birth_date.setText(text)


# ---------------------------------------------------------------------- dumping
def party_editors(s: FormSections) -> list[tuple[PersonEditor, str]]:
    """The people a dump would hand out, in order, each with its role."""
    service = s.current_service()
    shown = SECTIONS.get(service, frozenset())
    out: list[tuple[PersonEditor, str]] = []
    model_a = service == "lp" and s.lp_model.currentData() == "A"
    if "reporter" in shown and not model_a and (service in REPORTER_REQUIRED or not s.reporter.is_blank()):
        out.append((s.reporter, REPORTER_ROLE.get(service, "pelapor")))
    lists: list[PartyList] = []
    if "parties" in shown:
        lists = [s.suspects, s.victims, s.witnesses]
    elif "complaint" in shown:
        lists = [s.teradu]
    for people in lists:
        out += [(editor, people.role) for editor in people.filled()]
    return out


def dump_sections(
    s: FormSections, base: Visit
) -> tuple[dict[str, Any], list[PersonEditor], list[int], list[int]]:
    """The Visit's field values as typed, the person editors in party order, and the rows
    the lost items and losses came from (blank rows are left out)."""
    service = s.current_service()
    shown = SECTIONS.get(service, frozenset())
    lp = service == "lp"
    editors = party_editors(s)
    parties = [editor.dump(role) for editor, role in editors]
    parties += list(s.extra_parties)
    lost, lost_origin = s.lost_items.dump() if "lost_items" in shown else ((), [])
    losses, loss_origin, _ = s.losses.dump() if lp else ((), [], {})
    incident = "incident" in shown
    handling = s.handling.values() if base.meta is not None else {}
    values: dict[str, Any] = {
        "service": service,
        "lp_model": s.lp_model.currentData() if lp else None,
        "received_at": s.received_at.value() or base.received_at,
        "receiving_officer_id": s.receiving_officer.current_data(),
        "parties": tuple(parties),
        "occurred_at": s.occurred_at.value() if incident else None,
        "incident_desa": (s.incident_desa.current_data() or s.incident_desa.text()) if incident else "",
        "place_type": (s.place_type.current_data() or "") if lp else "",
        "place_detail": s.place_detail.text().strip() if incident else "",
        "category": (s.category.current_data() or "") if lp else "",
        "narrative": s.narrative.toPlainText().strip() if "narrative" in shown else "",
        "modus_operandi": s.modus_operandi.text().strip() if lp else "",
        "evidence": s.evidence.toPlainText().strip() if lp else "",
        "law_articles": s.law.codes() if lp else (),
        "losses": losses,
        "lost_items": lost,
        "complaint_subject": s.complaint_subject.text().strip() if "complaint" in shown else "",
        "other_reason": s.other_reason.text().strip() if "other" in shown else "",
        "notable": s.notable.isChecked() if lp else False,
        "needs_visit": s.needs_visit.isChecked() if lp else False,
        **handling,
    }
    if base.meta is None:
        values.update(_served_values(s, values["received_at"], values["receiving_officer_id"]))
    return values, [e for e, _ in editors], lost_origin, loss_origin


SERVED_NOTE = "Selesai dilayani di SPKT"


def _served_values(s: FormSections, received: Any, officer_id: Any) -> dict[str, Any]:
    """A new visit is saved as received, or (informasi / lainnya marked "Selesai
    dilayani") closed at once: received and selesai at the same moment, in its history."""
    if not s.closes_when_saved():
        return {"status": "diterima", "resolved_at": None, "status_history": ()}
    return {"status": "selesai", "resolved_at": received,
            "status_history": (StatusChange("diterima", received, officer_id),
                               StatusChange("selesai", received, officer_id, SERVED_NOTE))}


def raw_texts(s: FormSections, editors: Sequence[PersonEditor]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("received_at", "occurred_at"):
        field = getattr(s, name)
        if field.error():
            out[name] = field.text()
    for name, combo in (
        ("receiving_officer_id", s.receiving_officer),
        ("category", s.category),
        ("place_type", s.place_type),
    ):
        if combo.is_unmatched():
            out[name] = combo.text()
    if s.law.pending_text():
        out["law_pending"] = s.law.pending_text()
    for i, editor in enumerate(editors):
        for key, text in editor.raw().items():
            out[f"parties[{i}].{key}"] = text
    _, _, losses_raw = s.losses.dump()
    out.update({f"losses[{k}]": v for k, v in losses_raw.items()})
    out.update(s.handling.raw())
    return out


def raw_problems(s: FormSections, editors: Sequence[PersonEditor]) -> list[Problem]:
    service = s.current_service()
    shown = SECTIONS.get(service, frozenset())
    problems: list[Problem] = []
    message = s.received_at.error()
    if message or not s.received_at.text().strip():
        problems.append(
            error(
                "received_at",
                "format" if message else "required",
                message or "Waktu laporan diterima wajib diisi.",
            )
        )
    if "incident" in shown and s.occurred_at.error():
        problems.append(error("occurred_at", "format", s.occurred_at.error() or ""))
    if s.receiving_officer.is_unmatched():
        problems.append(
            error("receiving_officer_id", "unknown_officer", "Pilih petugas dari daftar personel.")
        )
    if service == "lp":
        for name, combo, what in (
            ("category", s.category, "kategori"),
            ("place_type", s.place_type, "jenis tempat"),
        ):
            if combo.is_unmatched():
                problems.append(error(name, "unknown", f"Pilih {what} dari daftar."))
        if s.law.pending_text():
            problems.append(
                error(
                    "law_articles",
                    "pending",
                    "Pasal yang diketik belum ditambahkan: pilih dari daftar "
                    "lalu tekan Tambah pasal, atau kosongkan.",
                )
            )
        problems += s.losses.raw_problems()
    for i, editor in enumerate(editors):
        problems += editor.raw_problems(f"parties[{i}]")
    if s.handling.isVisibleTo(s):
        problems += s.handling.raw_problems()
    return problems


# ---------------------------------------------------------------------- problem boxes
def all_boxes(s: FormSections) -> list[FieldBox]:
    boxes = list(s.boxes.values()) + list(s.reporter.boxes.values())
    for people in (s.teradu, s.suspects, s.victims, s.witnesses):
        for editor in people.editors:
            boxes += editor.boxes.values()
    for rows in (s.lost_items, s.losses):
        for row in rows.boxes:
            boxes += row
    boxes += s.handling.boxes.values()
    return list({id(b): b for b in boxes}.values())


def box_for(
    s: FormSections,
    path: str,
    editors: Sequence[PersonEditor],
    lost_origin: Sequence[int],
    loss_origin: Sequence[int],
) -> FieldBox | None:
    if path in s.boxes:
        return s.boxes[path]
    if path in s.handling.boxes:
        return s.handling.boxes[path]
    if path == "parties":
        return s.reporter.boxes["name"]
    head, _, attr = path.partition(".")
    if "[" not in head:
        return None
    name, index_text = head.rstrip("]").split("[")
    index = int(index_text)
    if name == "parties" and 0 <= index < len(editors):
        return editors[index].boxes.get(attr) or editors[index].boxes["name"]
    if name == "lost_items" and 0 <= index < len(lost_origin):
        return s.lost_items.field_box(lost_origin[index], attr) or s.boxes["lost_items"]
    if name == "losses" and 0 <= index < len(loss_origin):
        return s.losses.field_box(loss_origin[index], attr) or s.boxes["losses"]
    if name == "losses" and attr == "value_rp":
        return s.boxes["losses"]
    return None


def _sub(raw: dict[str, str], name: str) -> dict[str, str]:
    """raw["losses[2]"] -> {"2": ...}."""
    prefix = f"{name}["
    return {k[len(prefix) : -1]: v for k, v in raw.items() if k.startswith(prefix) and k.endswith("]")}
