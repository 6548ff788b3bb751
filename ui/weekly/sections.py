"""The figures of one week on screen, in the order of the printed review: tiles with the
summary, then categories with the trend, desk visits and response, where and when, patrols,
community and notable incidents. `WeeklyView.show_figures` renders a WeeklyFigures."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.textid import format_date, format_time, format_weekday
from app.weekly.fmt import change_text, count_text, hours_text, minutes_text, percent_text
from app.weekly.model import WeeklyFigures
from app.weekly.pdf import (
    FINGERPRINT_HINT,
    FINGERPRINT_LABEL,
    SP2HP_HEADING,
    disaster_text,
    sp2hp_rows,
)
from ui.common.figures import (
    CHANGE_HEADERS,
    BarChart,
    FigureTable,
    Tile,
    change_rows,
    heading,
    note,
)

SPACING = 8
SITUATION_SHORT = {"aman": "Aman", "pg": "PG", "ag": "AG", "gn": "GN"}


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(4)
    return form


def _value_label() -> QLabel:
    label = QLabel("-")
    label.setWordWrap(True)
    return label


class WeeklyView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles = {key: Tile(caption) for key, caption in (
            ("ct", "Jumlah tindak pidana (CT)"), ("cc", "Penyelesaian (CC)"),
            ("rate", "Tingkat penyelesaian"), ("3c", "3C (curat, curas, curanmor)"),
            ("bencana", "Bencana"),
            ("response", "Median respons ke TKP"), ("waiting", "LP menunggu didatangi"))}
        self.empty_note = note()
        self.categories = FigureTable(("Kategori", *CHANGE_HEADERS, "Selesai (CC)"), (1, 2, 3, 4))
        self.trend = BarChart("Tren 8 minggu: LP (CT) dan 3C", height=250)
        self.services = FigureTable(("Jenis layanan", *CHANGE_HEADERS), (1, 2, 3))
        self.response = {key: _value_label() for key in ("needing", "reached", "median",
                                                          "within", "waiting")}
        self.desa = FigureTable(("Desa", *CHANGE_HEADERS), (1, 2, 3))
        self.bands = FigureTable(("Rentang jam", *CHANGE_HEADERS), (1, 2, 3))
        self.patrol = {key: _value_label() for key in ("count", "hours", "desa", "people")}
        self.findings = FigureTable(("Temuan situasi", *CHANGE_HEADERS), (1, 2, 3))
        self.findings_chart = BarChart("Temuan situasi di tempat yang dikunjungi", height=200)
        self.per_day_chart = BarChart("Patroli per hari (minggu ini)", height=200)
        self.community = {key: _value_label() for key in ("meetings", "participants", "raised",
                                                           "closed", "open", "handovers")}
        self.meeting_types = FigureTable(("Jenis pertemuan", *CHANGE_HEADERS), (1, 2, 3))
        self.sp2hp = _form()  # the LP register's figures (app.weekly.pdf.sp2hp_rows)
        self.notable = FigureTable(("Waktu kejadian", "Kategori", "Desa", "Uraian singkat"),
                                   stretch=3)
        self.notable_note = note()
        self.fingerprint = note()
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        layout.addLayout(tiles)
        layout.addWidget(self.empty_note)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(SPACING)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self._column(heading("Tindak pidana menurut kategori"), self.categories,
                                    note("3C selalu tampil; kategori lain hanya bila ada "
                                         "laporan pada salah satu minggu.")), 0, 0)
        grid.addWidget(self._column(heading("Tren"), self.trend), 0, 1)
        grid.addWidget(self._column(heading("Kunjungan di SPKT menurut jenis layanan"),
                                    self.services), 1, 0)
        response = _form()
        for key, label in (("needing", "LP yang perlu didatangi ke TKP"),
                           ("reached", "Sudah didatangi"), ("median", "Median waktu tiba"),
                           ("within", "Tiba dalam 10 menit"),
                           ("waiting", "Masih menunggu (akhir minggu)")):
            response.addRow(label, self.response[key])
        grid.addWidget(self._column(heading("Kecepatan respons"), response), 1, 1)
        grid.addWidget(self._column(heading("Tempat kejadian (desa)"), self.desa), 2, 0)
        grid.addWidget(self._column(heading("Waktu kejadian"), self.bands,
                                    note("Menurut waktu kejadian; bila tidak diisi, menurut "
                                         "waktu laporan diterima.")), 2, 1)
        patrols = _form()
        for key, label in (("count", "Jumlah patroli"), ("hours", "Jam patroli"),
                           ("desa", "Desa yang dijangkau"), ("people", "Warga yang disapa")):
            patrols.addRow(label, self.patrol[key])
        grid.addWidget(self._column(heading("Patroli"), patrols, self.findings), 3, 0)
        grid.addWidget(self._column(heading(" "), self.findings_chart, self.per_day_chart), 3, 1)
        community = _form()
        for key, label in (("meetings", "Pertemuan warga"), ("participants", "Peserta"),
                           ("raised", "Masalah disampaikan warga"),
                           ("closed", "Diselesaikan / diteruskan"),
                           ("open", "Masih terbuka (akhir minggu)"),
                           ("handovers", "Serah terima dinas")):
            community.addRow(label, self.community[key])
        grid.addWidget(self._column(heading("Kegiatan bersama masyarakat"), community,
                                    self.meeting_types), 4, 0)
        grid.addWidget(self._column(heading(SP2HP_HEADING), self.sp2hp), 4, 1)
        layout.addLayout(grid)
        layout.addWidget(heading("Kejadian menonjol"))
        layout.addWidget(self.notable)
        layout.addWidget(self.notable_note)
        layout.addWidget(self.fingerprint)
        layout.addStretch(1)

    def _show_sp2hp(self, f: WeeklyFigures) -> None:
        while self.sp2hp.rowCount():
            self.sp2hp.removeRow(0)
        for label, text in sp2hp_rows(f):
            value = _value_label()
            value.setText(text)
            self.sp2hp.addRow(label, value)

    @staticmethod
    def _column(*items: QWidget | QFormLayout | QHBoxLayout) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for item in items:
            if isinstance(item, QWidget):
                column.addWidget(item)
            else:
                column.addLayout(item)
        column.addStretch(1)
        return box

    # ------------------------------------------------------------------ rendering
    def show_figures(self, f: WeeklyFigures) -> None:
        s, r = f.summary, f.response
        self.tiles["ct"].set_figure(count_text(s.crime_total.current),
                                    f"minggu lalu {s.crime_total.previous}; "
                                    f"{change_text(s.crime_total)}")
        self.tiles["cc"].set_figure(count_text(s.crime_cleared.current),
                                    f"minggu lalu {s.crime_cleared.previous}",
                                    "LP yang pertama kali selesai atau RJ minggu ini, kapan pun "
                                    "diterima")
        self.tiles["rate"].set_figure(percent_text(s.clearance_rate),
                                      f"minggu lalu {percent_text(s.previous_clearance_rate)}")
        self.tiles["3c"].set_figure(count_text(s.three_c.current),
                                    f"minggu lalu {s.three_c.previous}; {change_text(s.three_c)}")
        disasters = f.disasters.total
        self.tiles["bencana"].set_figure(count_text(disasters.current),
                                         f"minggu lalu {disasters.previous}; "
                                         f"{change_text(disasters)}", disaster_text(f))
        self.tiles["response"].set_figure(minutes_text(r.median_minutes),
                                          f"minggu lalu {minutes_text(r.previous_median_minutes)}")
        self.tiles["waiting"].set_figure(count_text(r.waiting), "pada akhir minggu")
        self.empty_note.setText("Tidak ada laporan polisi pada minggu ini." if f.empty else "")
        self.empty_note.setVisible(f.empty)

        self.categories.set_rows(
            [[c.label, count_text(c.current), count_text(c.previous), change_text(c),
              count_text(c.cleared)] for c in f.categories], total=False)
        self.trend.set_data([f"W{p.week.number:02d}" for p in f.trend],
                            [("CT", [p.crimes for p in f.trend]),
                             ("3C", [p.crimes_3c for p in f.trend])])
        self.services.set_rows(change_rows(f.services), total=True)
        share = (f"{r.within_target} dari {r.needing_visit} ({percent_text(r.share_within_target)})"
                 if r.needing_visit else "-")
        for key, text in (("needing", count_text(r.needing_visit)),
                          ("reached", count_text(r.reached)),
                          ("median", f"{minutes_text(r.median_minutes)} (minggu lalu "
                                     f"{minutes_text(r.previous_median_minutes)})"),
                          ("within", share), ("waiting", count_text(r.waiting))):
            self.response[key].setText(text)
        self.desa.set_rows(change_rows(f.by_desa), total=bool(f.by_desa))
        self.bands.set_rows(change_rows(f.by_time_band), total=True)
        self._show_patrols(f)
        self._show_community(f)
        self._show_sp2hp(f)
        self._show_notable(f)
        self.fingerprint.setText(f"{FINGERPRINT_LABEL} saat angka dihitung: "
                                 f"{f.audit_fingerprint[:16]}")
        self.fingerprint.setToolTip(FINGERPRINT_HINT)

    def _show_patrols(self, f: WeeklyFigures) -> None:
        p = f.patrols
        covered = ", ".join(p.desa_covered)
        for key, text in (
                ("count", f"{count_text(p.count.current)} (minggu lalu {p.count.previous})"),
                ("hours", f"{hours_text(p.hours)} (minggu lalu {hours_text(p.previous_hours)})"),
                ("desa", f"{len(p.desa_covered)} desa" + (f": {covered}" if covered else "")),
                ("people", f"{count_text(p.people_reached.current)} orang (minggu lalu "
                           f"{p.people_reached.previous})")):
            self.patrol[key].setText(text)
        self.findings.set_rows(change_rows(p.findings), total=True)
        self.findings_chart.set_data([SITUATION_SHORT.get(x.key, x.key) for x in p.findings],
                                     [("Minggu ini", [x.current for x in p.findings]),
                                      ("Minggu lalu", [x.previous for x in p.findings])])
        self.per_day_chart.set_data([format_weekday(d.day)[:3] for d in p.per_day],
                                    [("Patroli", [d.count for d in p.per_day])])

    def _show_community(self, f: WeeklyFigures) -> None:
        c = f.community
        for key, text in (
                ("meetings", f"{count_text(c.meetings.current)} kali (minggu lalu "
                             f"{c.meetings.previous})"),
                ("participants", f"{count_text(c.participants.current)} orang (minggu lalu "
                                 f"{c.participants.previous})"),
                ("raised", count_text(c.issues_raised)), ("closed", count_text(c.issues_closed)),
                ("open", f"{count_text(c.issues_open)}, di antaranya "
                         f"{count_text(c.issues_overdue)} melewati batas waktu")):
            self.community[key].setText(text)
        self.community["handovers"].setText(f.handovers.text() if f.handovers else "")
        self.meeting_types.set_rows(change_rows(c.by_type), total=bool(c.by_type))
        self.meeting_types.setVisible(bool(c.by_type))

    def _show_notable(self, f: WeeklyFigures) -> None:
        zone = f.profile.tz_abbreviation
        self.notable.set_rows([[f"{format_date(n.at)}, {format_time(n.at)} {zone}", n.category,
                                n.desa, n.text] for n in f.notable])
        self.notable.setVisible(bool(f.notable))
        self.notable_note.setText("" if f.notable else "Tidak ada kejadian menonjol pada minggu ini.")
        self.notable_note.setVisible(not f.notable)
