"""Validation of a walk-in visit (and of an LP model A made by an officer).

Rules, by service (codes.SERVICES):
- every visit: a known service and status; times carry a time zone and none lies more than
  5 minutes after `now`; receiving / dispatched officers on the roster (when `officer_ids`
  is given); the incident desa in the desa list (when `desa_names` is given).
- lp: category (known, when `categories` is given), lp_model A or B, a narrative (uraian
  singkat kejadian). Model B needs a citizen reporter (role pelapor) with a name; model A is
  made by an officer, so it needs the receiving officer instead.
- kehilangan: a named reporter and at least one lost item with its document type.
- pengaduan, dumas: a named reporter (role pelapor or pengadu).
- lainnya: the reason for the visit.
- parties: a name unless marked unknown; NIK checked against sex and birth date (warnings);
  phone must normalise to +62… (error, it is stored normalised); religion is optional.
- losses: a description and a value of at least Rp 0.
- dates: every time and date between 1 January 1900 and the end of next year
  (limits.MIN_YEAR); a birth date not in the future; every text within its length
  (limits.LIMITS).
- handling times: occurred <= received (error: nothing is reported before it happens),
  dispatched >= received, arrived >= dispatched and needs dispatched,
  resolved >= received. A final status should have a resolved time (warning), and a
  resolved time should come with a final status (warning).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from app.domain import codes
from app.domain.models import Loss, LostItem, Party, Visit
from app.validation._checks import (
    check_code,
    check_date,
    check_lengths,
    check_listed,
    check_not_negative,
    check_officer,
    check_required,
    check_time,
    is_before,
    require_aware_now,
    shown,
)
from app.validation.nik import check_nik
from app.validation.phone import check_phone
from app.validation.problems import Problem, error, is_blank, warning

# Oldest plausible age; an older birth date is almost always a mistyped year.
_MAX_AGE_YEARS = 120

_TIME_LABELS = {
    "received_at": "Waktu laporan diterima",
    "occurred_at": "Waktu kejadian",
    "dispatched_at": "Waktu pemberangkatan",
    "arrived_at": "Waktu tiba di TKP",
    "resolved_at": "Waktu penyelesaian",
}


def validate_visit(
    visit: Visit,
    *,
    now: datetime,
    categories: Collection[str] | None = None,
    desa_names: Collection[str] | None = None,
    officer_ids: Collection[int] | None = None,
) -> tuple[Problem, ...]:
    """All problems of a visit, errors and warnings, in form order."""
    require_aware_now(now)
    out: list[Problem] = []
    known_service = check_code(out, "service", "Jenis layanan", visit.service, codes.SERVICES)
    check_officer(out, "receiving_officer_id", "Petugas penerima", visit.receiving_officer_id, officer_ids)
    if known_service:
        _check_service(out, visit, categories)
    _check_parties(out, visit.parties, now)
    check_listed(
        out,
        "incident_desa",
        visit.incident_desa,
        desa_names,
        f"Desa {shown(visit.incident_desa)} tidak ada di daftar desa.",
    )
    _check_losses(out, visit.losses)
    _check_handling(out, visit, now, officer_ids)
    check_lengths(out, visit)
    return tuple(out)


def _check_service(out: list[Problem], visit: Visit, categories: Collection[str] | None) -> None:
    service = visit.service
    if service == "lp":
        if check_required(out, "category", "Kategori kejadian", visit.category):
            if categories is not None and visit.category not in categories:
                out.append(
                    error(
                        "category",
                        "unknown",
                        f"Kategori {shown(visit.category)} tidak ada di daftar kategori.",
                    )
                )
        model = visit.lp_model or ""
        if check_required(out, "lp_model", "Model LP (A atau B)", model):
            if model not in codes.LP_MODELS:
                out.append(error("lp_model", "unknown", "Model LP harus A atau B."))
        check_required(out, "narrative", "Uraian singkat kejadian", visit.narrative)
        if model == "A":
            if visit.receiving_officer_id is None:
                out.append(
                    error(
                        "receiving_officer_id",
                        "required",
                        "LP model A dibuat oleh petugas: pilih petugas yang membuatnya.",
                    )
                )
        elif model == "B":
            _check_reporter(out, visit.parties, ("pelapor",))
    elif service == "kehilangan":
        _check_reporter(out, visit.parties, ("pelapor",))
        _check_lost_items(out, visit.lost_items)
    elif service in ("pengaduan", "dumas"):
        _check_reporter(out, visit.parties, ("pelapor", "pengadu"))
    elif service == "lainnya":
        check_required(out, "other_reason", "Keperluan kedatangan", visit.other_reason)


def _check_reporter(out: list[Problem], parties: tuple[Party, ...], roles: tuple[str, ...]) -> None:
    """A reporter with a name must be among the parties."""
    indexes = [i for i, party in enumerate(parties) if party.role in roles]
    if not indexes:
        out.append(error("parties", "reporter_required", "Data pelapor wajib diisi."))
    elif all(is_blank(parties[i].name) for i in indexes):
        # The per-party check already asks for the name unless the party is marked
        # unknown; an anonymous reporter cannot sign the receipt, so say so here.
        first = indexes[0]
        if parties[first].unknown:
            out.append(error(f"parties[{first}].name", "required", "Nama pelapor wajib diisi."))


def _check_parties(out: list[Problem], parties: tuple[Party, ...], now: datetime) -> None:
    today = now.date()
    for i, party in enumerate(parties):
        at = f"parties[{i}]"
        check_code(out, f"{at}.role", "Peran", party.role, codes.PARTY_ROLES)
        if not party.unknown:
            check_required(out, f"{at}.name", "Nama", party.name)
        if party.sex and party.sex not in codes.SEXES:
            out.append(error(f"{at}.sex", "unknown", "Jenis kelamin harus L atau P."))
        born = party.birth_date
        if born is not None:
            if born > today:
                out.append(error(f"{at}.birth_date", "future", "Tanggal lahir tidak boleh di masa depan."))
            elif not check_date(out, f"{at}.birth_date", "Tanggal lahir", born, today):
                pass  # before 1900: said
            elif today.year - born.year > _MAX_AGE_YEARS:
                out.append(
                    warning(
                        f"{at}.birth_date",
                        "implausible",
                        f"Umur lebih dari {_MAX_AGE_YEARS} tahun; periksa tahun lahir.",
                    )
                )
        out.extend(check_nik(party.nik, party.sex, born, field=f"{at}.nik", today=today))
        out.extend(check_phone(party.phone, field=f"{at}.phone"))


def _check_lost_items(out: list[Problem], items: tuple[LostItem, ...]) -> None:
    if not items:
        out.append(error("lost_items", "required", "Isi paling sedikit satu barang/dokumen yang hilang."))
    for i, item in enumerate(items):
        check_required(out, f"lost_items[{i}].doc_type", "Jenis dokumen/barang", item.doc_type)


def _check_losses(out: list[Problem], losses: tuple[Loss, ...]) -> None:
    for i, loss in enumerate(losses):
        check_required(out, f"losses[{i}].description", "Uraian kerugian", loss.description)
        check_not_negative(out, f"losses[{i}].value_rp", "Nilai kerugian", loss.value_rp)


def _check_handling(
    out: list[Problem], visit: Visit, now: datetime, officer_ids: Collection[int] | None
) -> None:
    for name, label in _TIME_LABELS.items():
        check_time(out, name, label, getattr(visit, name), now)
    check_code(out, "status", "Status", visit.status, codes.STATUSES)
    check_officer(
        out,
        "dispatched_officer_id",
        "Petugas yang diberangkatkan",
        visit.dispatched_officer_id,
        officer_ids,
    )
    received = visit.received_at
    if is_before(received, visit.occurred_at):
        out.append(
            error(
                "occurred_at",
                "order",
                "Waktu kejadian tidak boleh sesudah waktu laporan diterima; periksa tanggal "
                "dan jam.",
            )
        )
    if is_before(visit.dispatched_at, received):
        out.append(
            error(
                "dispatched_at",
                "order",
                "Waktu pemberangkatan tidak boleh sebelum laporan diterima.",
            )
        )
    if visit.arrived_at is not None and visit.dispatched_at is None:
        out.append(
            error(
                "dispatched_at",
                "required",
                "Waktu tiba di TKP sudah diisi: isi juga waktu pemberangkatan.",
            )
        )
    if is_before(visit.arrived_at, visit.dispatched_at):
        out.append(
            error(
                "arrived_at",
                "order",
                "Waktu tiba di TKP tidak boleh sebelum waktu pemberangkatan.",
            )
        )
    if is_before(visit.resolved_at, received):
        out.append(
            error(
                "resolved_at",
                "order",
                "Waktu penyelesaian tidak boleh sebelum laporan diterima.",
            )
        )
    final = visit.status in codes.FINAL_STATUSES
    if final and visit.resolved_at is None:
        out.append(
            warning(
                "resolved_at",
                "required",
                f"Status {codes.STATUSES[visit.status]} adalah status akhir: isi waktu penyelesaian.",
            )
        )
    elif not final and visit.resolved_at is not None and visit.status in codes.STATUSES:
        out.append(
            warning(
                "resolved_at",
                "status_not_final",
                "Waktu penyelesaian sudah diisi, tetapi status belum selesai.",
            )
        )
