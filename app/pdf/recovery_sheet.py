"""The recovery key sheet: one page for the Kapolsek's safe with the station, the date, the
recovery key in large monospace and what to do with it (docs/SECURITY.md). Printed once, when
the store is created or a plain store is encrypted; the key is never stored anywhere else."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.models import Officer, StationProfile
from app.outputs import atomic_write
from app.pdf.base import build_pdf, document_title, frame_width, letterhead, make_styles
from app.pdf.blocks import Signatory, signatures
from app.textid import format_date_long

if TYPE_CHECKING:
    from app.store import Store

KEY_FONT = "Courier-Bold"  # a built-in PDF font: 0 and O, 1 and I look different enough
KEY_SIZE = 20

INSTRUCTIONS = (
    "Kunci pemulihan ini adalah satu-satunya cara membuka basis data Piket bila semua kata "
    "sandi admin terlupa. Tanpa kunci ini dan tanpa kata sandi, data tidak dapat dibuka oleh "
    "siapa pun, termasuk pengembang.",
    "Simpan lembar ini di brankas Kapolsek, dalam amplop tertutup yang ditandatangani. "
    "Jangan difoto, jangan disalin ke komputer, ponsel atau flashdisk, dan jangan ditempel "
    "di meja SPKT.",
    "Bila kunci dipakai, catat tanggal dan nama pemakainya di balik lembar ini, lalu segera "
    "atur ulang kata sandi admin di Piket.",
    "Bila lembar ini hilang atau mungkin dilihat orang lain, laporkan kepada Kapolsek dan admin.",
)


def render_recovery_sheet(out: Path | BinaryIO, profile: StationProfile, recovery_key: str,
                          day: date, *, admin_name: str = "", admin_detail: str = "") -> None:
    """Write the sheet (through app.outputs when `out` is a path)."""
    styles = make_styles(11)
    width = frame_width(profile.paper)
    key_style = ParagraphStyle("recovery_key", fontName=KEY_FONT, fontSize=KEY_SIZE,
                               leading=KEY_SIZE * 1.5, alignment=TA_CENTER)
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    lines = ["\u2002".join(groups[:half]), "\u2002".join(groups[half:])]
    key_box = Table([[Paragraph(escape(line), key_style)] for line in lines],
                    colWidths=[width * 0.9])
    key_box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    flowables: list[Flowable] = [
        *letterhead(profile),
        *document_title("LEMBAR KUNCI PEMULIHAN BASIS DATA PIKET"),
        Paragraph(f"Polsek: <b>{escape(profile.name.upper())}</b>", styles.body),
        Paragraph(f"Tanggal dibuat: <b>{escape(format_date_long(day))}</b>", styles.body),
        Spacer(1, 0.6 * cm),
        Paragraph("Kunci pemulihan:", styles.heading),
        key_box,
        Spacer(1, 0.2 * cm),
        Paragraph("Huruf I, L, O dan U tidak dipakai: yang tampak seperti O adalah angka nol, "
                  "seperti I atau L adalah angka satu.", styles.small),
        Spacer(1, 0.5 * cm),
        Paragraph("Petunjuk:", styles.heading),
    ]
    for number, text in enumerate(INSTRUCTIONS, start=1):
        flowables.append(Paragraph(f"{number}. {escape(text)}",
                                   ParagraphStyle(f"item{number}", parent=styles.justified,
                                                  leftIndent=14, firstLineIndent=-14,
                                                  spaceAfter=4)))
    commander = Signatory(
        heading=("Diterima dan disimpan oleh,", f"KEPALA KEPOLISIAN SEKTOR {profile.name.upper()}"),
        name=profile.commander_name.upper(),
        detail=f"{profile.commander_rank.upper()} NRP {profile.commander_nrp}".strip())
    admin = Signatory(heading=("Diserahkan oleh,", "ADMIN PIKET"), name=admin_name.upper(),
                      detail=admin_detail)
    place_date = f"{profile.kecamatan.strip()}, {format_date_long(day)}"
    flowables.append(signatures(place_date, commander, admin, width=width,
                                space_for_signature=2 * cm))
    build_pdf(out, flowables, paper=profile.paper, title="Lembar kunci pemulihan Piket",
              footer_note="RAHASIA \u2014 simpan di brankas Kapolsek",
              author=f"POLSEK {profile.name}")


def save_recovery_sheet(store: Store, recovery_key: str, target: Path, *,
                        now: datetime | None = None) -> Path:
    """The sheet of `store` (its station, the day of `now` (default: the store's clock) in
    station time, the administrator signed in as the one who hands it over) written to
    `target` through app.outputs: whole or not at all, owner-only, never over the store, its
    sidecars or another database (OutputRefused; OSError when the folder cannot be written).
    The window's first run and the command line (`--recovery-out`) both write it here."""
    officer = (store.master.get(Officer, store.access.officer_id)
               if store.access.officer_id is not None else None)
    profile = store.profile()
    with atomic_write(target, protected=(store.path,)) as handle:
        render_recovery_sheet(cast(BinaryIO, handle), profile, recovery_key,
                              (now or store.clock()).astimezone(ZoneInfo(profile.timezone)).date(),
                              admin_name=officer.name if officer else "",
                              admin_detail=f"{officer.rank} NRP {officer.nrp}" if officer else "")
    return target
