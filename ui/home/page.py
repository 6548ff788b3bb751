"""Beranda: this week so far against last week up to the same moment: LP (CT), 3C, reports
waiting for an officer at the scene, overdue follow-ups, patrols today, and the trend of the
last weeks. Each number opens the list it counts (ui/home/navigate.py).

The figures come from app/weekly/figures.compute_home: a handful of small counting queries,
quick enough for the GUI thread; the page refreshes when records change and every minute
while shown (the day and "the same moment last week" move on)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.changes import ChangeKind, Changes
from app.store import StoreError, VisitFilter
from app.textid import format_datetime_long
from app.weekly.figures import compute_home
from app.weekly.fmt import change_text, count_text
from app.weekly.model import HomeFigures
from ui.common.errors import describe
from ui.common.figures import BarChart, Tile, heading, note
from ui.home.navigate import ListTarget, Navigator, open_list
from ui.pages import Page
from ui.session import Session

RELOAD_KINDS: Changes = frozenset({
    ChangeKind.VISIT, ChangeKind.PATROL, ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.MASTER,
    ChangeKind.SETTINGS, ChangeKind.CATEGORY, ChangeKind.REGISTER})
REFRESH_MS = 60_000


class HomePage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._navigator: Navigator | None = None  # the main window hands itself (ui/pages.py)
        self.figures: HomeFigures | None = None
        self.title = QLabel()
        self.subtitle = note()
        self.tiles = {
            "ct": Tile("Laporan polisi (CT) minggu ini", clickable=True),
            "3c": Tile("3C minggu ini (curat, curas, curanmor)", clickable=True),
            "waiting": Tile("LP menunggu petugas ke TKP", clickable=True),
            "overdue": Tile("Tindak lanjut melewati batas waktu", clickable=True),
            "sp2hp": Tile("SP2HP terlambat", clickable=True),
            "patrols": Tile("Patroli hari ini", clickable=True),
        }
        self.trend = BarChart("Tren 8 minggu: LP (CT) dan 3C", height=240)
        self.weekly_button = QPushButton("Buka &Rekap Mingguan ▶")
        self.message = note()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._build()
        self._connect()
        self.reload()

    def set_navigator(self, navigator: Navigator | None) -> None:
        self._navigator = navigator

    def add_panel(self, panel: QWidget) -> None:
        """A panel from another part of the window (the duty of ui/journal), under the
        title; it reloads itself (ui/pages.py wires it)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, panel)

    def _build(self) -> None:
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for i, tile in enumerate(self.tiles.values()):
            tile.setMinimumHeight(110)
            grid.addWidget(tile, 0, i)
            grid.setColumnStretch(i, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.weekly_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(grid)
        # what "minggu lalu" of the tiles counts, said once here: in a tile it wrapped
        layout.addWidget(note("Minggu lalu dihitung sampai hari dan jam yang sama. Klik sebuah "
                              "angka untuk membuka daftar yang dihitungnya."))
        layout.addWidget(heading("Tren minggu-minggu terakhir"))
        layout.addWidget(self.trend)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.tiles["ct"].clicked.connect(self._on_ct_tile_clicked)
        self.tiles["3c"].clicked.connect(self._on_three_c_tile_clicked)
        self.tiles["waiting"].clicked.connect(self._on_waiting_tile_clicked)
        self.tiles["overdue"].clicked.connect(self._on_overdue_tile_clicked)
        self.tiles["sp2hp"].clicked.connect(self._on_sp2hp_tile_clicked)
        self.tiles["patrols"].clicked.connect(self._on_patrols_tile_clicked)
        self.weekly_button.clicked.connect(self._on_weekly_button_clicked)
        self._timer.timeout.connect(self.reload)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        try:
            figures = compute_home(self._session.store, now=self._session.now())
        except StoreError as exc:
            self.message.setText(f"Angka belum dapat dimuat. {describe(exc)}")
            return
        self.message.setText("")
        self.figures = figures
        self._show(figures)

    def _show(self, f: HomeFigures) -> None:
        week = f.week
        zone = self._session.store.profile().tz_abbreviation
        self.title.setText(f"Beranda — Minggu ke-{week.number} {week.year}")
        as_of = format_datetime_long(f.as_of.astimezone(week.zone), zone)
        self.subtitle.setText(f"{week.title}. Keadaan {as_of}.")
        self.tiles["ct"].set_figure(count_text(f.crime_total.current),
                                    f"minggu lalu: {f.crime_total.previous}\n"
                                    f"perubahan {change_text(f.crime_total)}",
                                    "LP model A dan B yang diterima sejak awal minggu ini")
        self.tiles["3c"].set_figure(count_text(f.three_c.current),
                                    f"minggu lalu: {f.three_c.previous}\n"
                                    f"perubahan {change_text(f.three_c)}")
        self.tiles["waiting"].set_figure(count_text(f.waiting), "belum ada petugas tiba di TKP",
                                         "LP yang perlu didatangi, belum didatangi dan belum "
                                         "selesai (semua minggu)")
        self.tiles["overdue"].set_figure(count_text(f.overdue_follow_ups),
                                         "masalah warga yang masih terbuka")
        self.tiles["sp2hp"].set_figure(count_text(f.overdue_sp2hp), "LP belum diberi kabar",
                                       "LP yang SP2HP-nya belum dikirim sampai batas waktunya "
                                       "(Register LP)")
        self.tiles["patrols"].set_figure(count_text(f.patrols_today), "dimulai hari ini")
        self.trend.set_data([f"W{p.week.number:02d}" for p in f.trend],
                            [("CT", [p.crimes for p in f.trend]),
                             ("3C", [p.crimes_3c for p in f.trend])])

    # ------------------------------------------------------------------ handlers
    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & RELOAD_KINDS:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.reload()
        self._timer.start()

    def hideEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        self._timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def target_for(self, key: str) -> ListTarget | None:
        """The list behind tile ``key`` ("ct", "3c", "waiting", "overdue", "sp2hp",
        "patrols")."""
        f = self.figures
        if f is None:
            return None
        # up to the moment of the figures: a record received later is not counted yet
        start, end = f.week.start_utc, f.as_of
        caption = self.tiles[key].caption.text() if key in self.tiles else ""
        if key == "ct":
            return ListTarget(Page.VISITS, VisitFilter(start=start, end=end, service="lp",
                                                       include_voided=False), label=caption)
        if key == "3c":
            return ListTarget(Page.VISITS, VisitFilter(start=start, end=end, service="lp",
                                                       include_voided=False,
                                                       categories=f.three_c_codes),
                              label=caption)
        if key == "waiting":
            return ListTarget(Page.VISITS, VisitFilter(waiting_only=True, end=end,
                                                       include_voided=False), label=caption)
        if key == "overdue":
            return ListTarget(Page.FOLLOW_UPS)
        if key == "sp2hp":
            return ListTarget(Page.REGISTER, overdue_only=True)
        if key == "patrols":
            return ListTarget(Page.PATROLS, day=f.as_of.astimezone(f.week.zone).date())
        return None

    def open(self, key: str) -> QWidget | None:
        target = self.target_for(key)
        return open_list(self._navigator, target) if target is not None else None

    def _on_ct_tile_clicked(self) -> None:
        self.open("ct")

    def _on_three_c_tile_clicked(self) -> None:
        self.open("3c")

    def _on_waiting_tile_clicked(self) -> None:
        self.open("waiting")

    def _on_overdue_tile_clicked(self) -> None:
        self.open("overdue")

    def _on_sp2hp_tile_clicked(self) -> None:
        self.open("sp2hp")

    def _on_patrols_tile_clicked(self) -> None:
        self.open("patrols")

    def _on_weekly_button_clicked(self) -> None:
        open_list(self._navigator, ListTarget(Page.WEEKLY))
