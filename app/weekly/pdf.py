"""The weekly review on paper (Anev mingguan), in the order of DOMAIN.md "The weekly review":
letterhead and title, summary, categories with the 8-week trend, response, where and when,
patrols, community, notable incidents, signature. It renders a WeeklyFigures and computes
nothing itself (figures: app/weekly/figures.py).

No citizen names or NIKs: the figures carry none, and the notable lines are screened when
they are made. Same figures => byte-identical PDF (build_pdf is invariant; nothing here reads
the clock or iterates an unordered set). The footer carries the audit fingerprint taken with
the figures, which `piket verify --fingerprint` checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from app.pdf.base import (
    Styles,
    build_pdf,
    document_title,
    frame_width,
    letterhead,
    make_styles,
    text_paragraphs,
)
from app.pdf.blocks import Signatory, field_rows, grid_table, signatures
from app.textid import format_date, format_time
from app.weekly.charts import patrol_chart, trend_chart
from app.weekly.fmt import change_text, count_text, hours_text, minutes_text, percent_text
from app.weekly.model import Row, WeeklyFigures

SHADE_3C = colors.HexColor("#efefef")
TITLE = "ANALISA DAN EVALUASI (ANEV) MINGGUAN"
EMPTY_WEEK = "Tidak ada laporan polisi pada minggu ini."
FINGERPRINT_CHARS = 16
LABEL_WIDTH = 8.2 * cm  # "label : value" lines of the response and community sections
KEEP_WITH_SIGNATURE = 2  # the analysis' last flowables that go with the signature block


NO_ANALYSIS = "Analisa dan langkah-langkah minggu ini belum diisi oleh Kapolsek."


def document_heading(figures: WeeklyFigures) -> str:
    """"ANALISA DAN EVALUASI (ANEV) MINGGUAN — Minggu ke-3 Bulan Februari 2024"."""
    return f"{TITLE} — {figures.week.police_title}"


# The audit fingerprint in words a Kapolsek uses (it was "Sidik jejak audit"): one label for
# the PDF, the CLI and the window, and what it is for.
FINGERPRINT_LABEL = "Kode pemeriksaan keaslian"
FINGERPRINT_HINT = ("Kode dari catatan perubahan basis data saat angka Anev dihitung. Dengan "
                    "kode ini dapat diperiksa kemudian (piket verify --fingerprint KODE) bahwa "
                    "data yang mendasari Anev tidak diubah diam-diam sejak itu.")


def footer_note(figures: WeeklyFigures) -> str:
    return (f"Anev mingguan {figures.week.label} · {FINGERPRINT_LABEL}: "
            f"{fingerprint_text(figures)}")


def render_weekly_pdf(figures: WeeklyFigures, out: Path | str | BinaryIO, *,
                      paper: str | None = None, check_code: str = "") -> None:
    """Write the review of ``figures`` to a file or stream (A4 or F4; default: the station's);
    ``check_code`` (app/documents/checkcode.py) goes in the footer."""
    paper = (paper or figures.profile.paper or "a4").lower()
    build_pdf(out, _Review(figures, frame_width(paper)).flowables(), paper=paper,
              title=document_heading(figures), footer_note=footer_note(figures),
              author=f"POLSEK {figures.profile.name}", check_code=check_code)


class _Review:
    """Lays out the review; one method per section."""

    def __init__(self, figures: WeeklyFigures, width: float) -> None:
        self.f = figures
        self.width = width
        self.st: Styles = make_styles()
        self.note = ParagraphStyle("note", parent=self.st.small, spaceBefore=2, spaceAfter=2)
        self.zone_abbr = figures.profile.tz_abbreviation

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = [*letterhead(self.f.profile), *self._title()]
        for section in (self._summary, self._categories, self._response, self._where_when,
                        self._patrols, self._community, self._notable, self._notes):
            out.extend(section())
        analysis = self._analysis()
        # the signature block takes the end of the analysis with it to a new page, so the
        # last page never holds the signatures alone (DOMAIN.md, the weekly review 10)
        out.extend(analysis[:-KEEP_WITH_SIGNATURE])
        out.append(self._signature(analysis[-KEEP_WITH_SIGNATURE:]))
        return out

    # ------------------------------------------------------------------ pieces
    def _heading(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.st.heading)

    def _text(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.st.body)

    def _compare(self, header0: str, rows: Sequence[Row], *, total: bool = False,
                 numbered: bool = False) -> Flowable:
        """A table "what | this week | last week | change" with an optional total row."""
        w = self.width
        figure_cols = [0.16 * w, 0.16 * w, 0.22 * w]
        header = [header0, "Minggu ini", "Minggu lalu", "Perubahan"]
        body = [[r.label, count_text(r.current), count_text(r.previous), change_text(r)]
                for r in rows]
        first = w - sum(figure_cols)
        widths = [first, *figure_cols]
        if numbered:
            header = ["No", *header]
            body = [[str(i), *row] for i, row in enumerate(body, start=1)]
            widths = [0.07 * w, first - 0.07 * w, *figure_cols]
        offset = 1 if numbered else 0
        footer = None
        if total:
            sums = Row("total", "Jumlah", sum(r.current for r in rows),
                       sum(r.previous for r in rows))
            footer = ["Jumlah", *([""] * offset), count_text(sums.current),
                      count_text(sums.previous), change_text(sums)]
        return grid_table(header, body, col_widths=widths, styles=self.st, footer=footer,
                          footer_span=1 + offset,
                          align_right=tuple(range(1 + offset, 4 + offset)))

    # ------------------------------------------------------------------ sections
    def _title(self) -> list[Flowable]:
        week = self.f.week
        out: list[Flowable] = document_title(TITLE)[:-1]
        out.append(Paragraph(f"<b>{escape(week.police_title.upper())}</b>", self.st.subtitle))
        out.append(Paragraph(escape(f"{week.title} (waktu {self.zone_abbr})"), self.st.subtitle))
        iso = ParagraphStyle("iso", parent=self.st.small, alignment=1)
        out.append(Paragraph(escape(f"Minggu ISO {week.label}"), iso))
        if not self.f.complete:
            out.append(Paragraph("Minggu ini belum selesai: angka sementara.",
                                 self.st.subtitle))
        out.append(Spacer(1, 0.4 * cm))
        return out

    def _summary(self) -> list[Flowable]:
        s = self.f.summary
        out: list[Flowable] = [self._heading("I. RINGKASAN")]
        if self.f.empty:
            out.append(self._text(EMPTY_WEEK))
            out.append(Spacer(1, 0.15 * cm))
        disasters = self.f.disasters
        out.append(self._compare("Uraian", [s.crime_total, s.crime_cleared, s.three_c,
                                            disasters.total]))
        # the clearance rate is a share, not a count: its own line under the table
        rate_text = (f"Tingkat penyelesaian (CC/CT): {percent_text(s.clearance_rate)} "
                     f"(minggu lalu {percent_text(s.previous_clearance_rate)}).")
        out.append(Paragraph(escape(rate_text), self.note))
        out.append(Paragraph(escape(disaster_text(self.f)), self.note))
        out.append(Spacer(1, 0.2 * cm))
        out.append(KeepTogether([
            Paragraph("Kunjungan di SPKT menurut jenis layanan", self.st.cell_bold),
            Spacer(1, 2),
            self._compare("Jenis layanan", self.f.services, total=True),
        ]))
        return out

    def _categories(self) -> list[Flowable]:
        w = self.width
        rows = self.f.categories
        body = [[str(i), r.label, count_text(r.current), count_text(r.previous), change_text(r),
                 count_text(r.cleared)] for i, r in enumerate(rows, start=1)]
        total = Row("total", "Jumlah", sum(r.current for r in rows),
                    sum(r.previous for r in rows))
        footer = ["Jumlah", "", count_text(total.current), count_text(total.previous),
                  change_text(total), count_text(sum(r.cleared for r in rows))]
        widths = [0.06 * w, 0.38 * w, 0.12 * w, 0.12 * w, 0.19 * w, 0.13 * w]
        table = grid_table(["No", "Kategori", "Minggu ini", "Minggu lalu", "Perubahan",
                            "Selesai (CC)"], body, col_widths=widths, styles=self.st,
                           footer=footer, footer_span=2, align_right=(2, 3, 4, 5))
        shade = [("BACKGROUND", (0, i), (-1, i), SHADE_3C)
                 for i, r in enumerate(rows, start=1) if r.is_3c]
        if shade:
            table.setStyle(TableStyle(shade))
        return [self._heading("II. TINDAK PIDANA MENURUT KATEGORI"), table,
                Paragraph("Baris berlatar abu-abu: 3C. "
                          "Kategori lain tanpa laporan pada kedua minggu tidak ditampilkan. "
                          "Selesai (CC): LP kategori ini yang mencapai Tahap II, selesai, RJ "
                          "atau SP3 minggu ini, kapan pun diterima.", self.note),
                Spacer(1, 0.2 * cm), trend_chart(self.f.trend, w)]

    def _response(self) -> list[Flowable]:
        r = self.f.response
        share = (f"{r.within_target} dari {r.needing_visit} "
                 f"({percent_text(r.share_within_target)})" if r.needing_visit else "-")
        rows = [
            ("LP yang perlu didatangi ke TKP", count_text(r.needing_visit)),
            ("Sudah didatangi", count_text(r.reached)),
            ("Median waktu laporan sampai tiba di TKP",
             f"{minutes_text(r.median_minutes)} (minggu lalu "
             f"{minutes_text(r.previous_median_minutes)})"),
            (f"Tiba dalam {r.target_minutes} menit", share),
            ("LP masih menunggu didatangi (akhir minggu)", count_text(r.waiting)),
        ]
        return [self._heading("III. KECEPATAN RESPONS"),
                *field_rows(rows, width=self.width, label_width=LABEL_WIDTH, styles=self.st),
                *self._sp2hp()]

    def _sp2hp(self) -> list[Flowable]:
        """The LP register: SP2HP to reporters and LPs by stage (issue 18)."""
        rows = sp2hp_rows(self.f)
        if not rows:
            return []
        return [Spacer(1, 0.15 * cm),
                Paragraph(f"<b>{escape(SP2HP_HEADING)}</b>", self.st.body),
                *field_rows(rows, width=self.width, label_width=LABEL_WIDTH, styles=self.st)]

    def _where_when(self) -> list[Flowable]:
        out: list[Flowable] = [self._heading("IV. TEMPAT DAN WAKTU KEJADIAN")]
        if self.f.by_desa:
            out.append(self._compare("Desa", self.f.by_desa, total=True, numbered=True))
        else:
            out.append(self._text("Tidak ada laporan polisi pada minggu ini dan minggu lalu."))
        out.append(Spacer(1, 0.25 * cm))
        out.append(KeepTogether([
            self._compare(f"Rentang jam ({self.zone_abbr})", self.f.by_time_band, total=True),
            Paragraph("Menurut waktu kejadian; bila tidak diisi, menurut waktu laporan "
                      "diterima.", self.note)]))
        return out

    def _patrols(self) -> list[Flowable]:
        p = self.f.patrols
        desa = f": {', '.join(p.desa_covered)}" if p.desa_covered else ""
        rows = [
            ("Jumlah patroli", f"{count_text(p.count.current)} "
                               f"(minggu lalu {count_text(p.count.previous)})"),
            ("Jam patroli", f"{hours_text(p.hours)} (minggu lalu {hours_text(p.previous_hours)})"),
            ("Desa yang dijangkau", f"{len(p.desa_covered)} desa{desa}"),
            ("Warga yang disapa", f"{count_text(p.people_reached.current)} orang "
                                  f"(minggu lalu {count_text(p.people_reached.previous)})"),
        ]
        out: list[Flowable] = [self._heading("V. PATROLI"),
                               *field_rows(rows, width=self.width, label_width=5.0 * cm,
                                           styles=self.st), Spacer(1, 0.2 * cm)]
        out.append(self._compare("Temuan situasi (tempat yang dikunjungi)", p.findings,
                                 total=True))
        if p.by_type:
            out.append(Spacer(1, 0.2 * cm))
            out.append(self._compare("Jenis patroli", p.by_type, total=True))
        out.append(Spacer(1, 0.2 * cm))
        out.append(patrol_chart(p, self.width))
        return out

    def _community(self) -> list[Flowable]:
        c = self.f.community
        rows = [
            ("Pertemuan warga", f"{count_text(c.meetings.current)} kali (minggu lalu "
                                f"{count_text(c.meetings.previous)})"),
            ("Peserta", f"{count_text(c.participants.current)} orang (minggu lalu "
                        f"{count_text(c.participants.previous)})"),
            ("Masalah yang disampaikan warga", f"{count_text(c.issues_raised)}"),
            ("Masalah yang diselesaikan / diteruskan", f"{count_text(c.issues_closed)}"),
            ("Masalah masih terbuka pada akhir minggu", f"{count_text(c.issues_open)}, "
             f"di antaranya {count_text(c.issues_overdue)} melewati batas waktu"),
        ]
        out: list[Flowable] = [self._heading("VI. KEGIATAN BERSAMA MASYARAKAT"),
                               *field_rows(rows, width=self.width, label_width=LABEL_WIDTH,
                                           styles=self.st)]
        if c.by_type:
            out.append(Spacer(1, 0.2 * cm))
            out.append(self._compare("Jenis pertemuan", c.by_type, total=True))
        if self.f.handovers is not None:  # the desk's own duty (buku mutasi)
            out.append(Spacer(1, 0.2 * cm))
            out += field_rows([("Serah terima dinas piket SPKT", self.f.handovers.text())],
                              width=self.width, label_width=LABEL_WIDTH, styles=self.st)
        return out

    def _notable(self) -> list[Flowable]:
        out: list[Flowable] = [self._heading("VII. KEJADIAN MENONJOL")]
        if not self.f.notable:
            out.append(self._text("Tidak ada kejadian menonjol pada minggu ini."))
            return out
        w = self.width
        body = [[str(i), f"{format_date(n.at)}, {format_time(n.at)} {self.zone_abbr}",
                 n.category, n.desa, n.text] for i, n in enumerate(self.f.notable, start=1)]
        widths = [0.06 * w, 0.21 * w, 0.2 * w, 0.14 * w, 0.39 * w]
        out.append(grid_table(["No", "Waktu kejadian", "Kategori", "Desa", "Uraian singkat"],
                              body, col_widths=widths, styles=self.st))
        return out

    def _notes(self) -> list[Flowable]:
        notes = (
            "CT: LP model A dan B yang diterima pada minggu ini. CC: LP yang tahap "
            "penanganannya pertama kali menjadi Tahap II, selesai, RJ atau SP3 pada minggu "
            "ini, kapan pun diterima. "
            "Respons: waktu dari laporan diterima sampai petugas tiba di TKP, untuk LP yang "
            "perlu didatangi. Data yang dibatalkan dan draf tidak dihitung. Perubahan: "
            "dibanding minggu sebelumnya.")
        return [Spacer(1, 0.2 * cm), Paragraph(f"<b>Keterangan.</b> {escape(notes)}", self.note)]

    def _analysis(self) -> list[Flowable]:
        """VIII: the Kapolsek's text as typed (paragraphs at blank lines), or a line saying
        it has not been written."""
        text = self.f.analysis.strip()
        body = (text_paragraphs(text, self.st.justified) if text
                else [Paragraph(escape(NO_ANALYSIS), self.st.body)])
        return [self._heading("VIII. ANALISA DAN LANGKAH-LANGKAH"), *body]

    def _signature(self, keep_with: Sequence[Flowable] = ()) -> Flowable:
        profile = self.f.profile
        place = profile.kecamatan.strip() or profile.name.title()
        rank = profile.commander_rank.strip()
        name = profile.commander_name.strip()
        if rank and name.upper().startswith(rank.upper() + " "):
            name = name[len(rank):].strip()  # "IPTU INDRA GUNAWAN": the rank goes under it
        sig = Signatory(heading=(f"KEPALA KEPOLISIAN SEKTOR {profile.name}".upper(),),
                        name=name,
                        detail=f"{profile.commander_rank} NRP {profile.commander_nrp}".strip())
        return signatures(f"{place}, {format_date(self.f.signed_on)}", sig, width=self.width,
                          keep_with=keep_with)



SP2HP_HEADING = "Pemberitahuan perkembangan kepada pelapor (SP2HP)"


def sp2hp_rows(figures: WeeklyFigures) -> list[tuple[str, str]]:
    """(label, value) of the register's figures, as the review prints them and the Rekap
    Mingguan page shows them ([] for figures without them)."""
    r = figures.sp2hp
    if r is None:
        return []
    return [
        ("SP2HP terkirim", f"{count_text(r.sent.current)} (minggu lalu "
                           f"{count_text(r.sent.previous)})"),
        ("SP2HP jatuh tempo minggu ini", count_text(r.due)),
        ("SP2HP terlambat (akhir minggu)", count_text(r.overdue)),
        ("Median hari dari LP sampai SP2HP pertama",
         f"{days_text(r.median_days_to_first)} ({count_text(r.first_letters)} LP)"),
        ("LP menurut tahap (akhir minggu)", stage_text(r.by_stage)),
    ]


def stage_text(by_stage: Sequence[Row]) -> str:
    """ "Diterima 3, Penyelidikan 2 (minggu lalu 4)": the stages that hold an LP at the end
    of either week, this week's count first; "-" when none does."""
    parts = [f"{row.label} {row.current}" + (f" (minggu lalu {row.previous})"
                                             if row.previous != row.current else "")
             for row in by_stage if row.current or row.previous]
    return ", ".join(parts) or "-"


def days_text(days: float | None) -> str:
    """ "2,5 hari" (one decimal, Indonesian comma); "-" without a value."""
    return "-" if days is None else f"{days:.1f}".replace(".", ",") + " hari"


def fingerprint_text(figures: WeeklyFigures) -> str:
    """The fingerprint as printed in the footer (what `piket verify --fingerprint` takes)."""
    return figures.audit_fingerprint[:FINGERPRINT_CHARS]


def disaster_text(figures: WeeklyFigures) -> str:
    """"Bencana minggu ini: Banjir 2, Kebakaran / karhutla 1." or that there were none."""
    found = [r for r in figures.disasters.by_kind if r.current]
    if not found:
        return "Bencana minggu ini: tidak ada."
    return "Bencana minggu ini: " + ", ".join(f"{r.label} {r.current}" for r in found) + "."
