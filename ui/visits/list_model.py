"""The walk-in list as a table model that pages rows from the store on demand.

How rows are found (a million records stay smooth):

- `rowCount()` is the true number of matches (`store.visits.count(filter)`), so the scroll
  bar, Ctrl+End and the "N data" label all tell the truth from the start. Except for a
  search (typed words) that finds more than `SEARCH_CAP` records: the list then holds the
  newest SEARCH_CAP of them (`capped`; the page says "lebih dari 10.000 data"). Counting
  half of a million matches exactly costs more than a search may (25 ms at 1M, 1 ms up
  to the cap), and seeking deep into such a list counts again and again (seconds); the
  newest 10,000 are read down from the top, never from the bottom, which is not the
  list's end.
- Rows live in blocks of `BLOCK` rows (block b = rows b*BLOCK ... b*BLOCK+BLOCK-1, newest
  first). Only the `MAX_BLOCKS` most recently used blocks are held (an LRU); a block that is
  asked for in `data()` and not held is read from the store right then (one small keyset
  query, a few milliseconds).
- A block is read with keyset paging, never OFFSET: from the key (received_at, id) of a row
  just before it (newest first) or just after it (oldest first, `oldest_first=True`). The
  model remembers the key of the first and last row of every block it has read or walked
  past ("anchors"; two small tuples per block). For a block with no anchor next to it, the
  model starts from the nearest anchor on either side, or from the top or the bottom of
  the list, whichever is closest, and walks there with `page_keys`, which reads only keys
  through the order index; the anchors it passes are remembered, so the next jump nearby
  costs nothing. Ctrl+End is thus one oldest-first page from the bottom.
- A jump farther than `SEEK_MIN` rows from any anchor (dragging the scroll bar to the
  middle of a million rows) would walk hundreds of thousands of keys. Instead the model
  seeks: rows are in time order, so "how many rows were received after T" (a count, which
  SQLite answers from the index without reading rows) is the row where the rows received
  at or before T begin. It finds such a T a little above the wanted row by interpolating
  and halving between the anchors' times, then walks the last keys from the boundary
  (T, BOUNDARY_ID), remembering anchors as usual. Measured on a million records: ~60 ms.
- Every read names the side of its key as a period too (`bounded`): the same rows, but
  SQLite then searches the index from the key instead of scanning from the top.
- `canFetchMore()`/`fetchMore()` read ahead sequentially: each call reads the next block
  after the run of blocks already read from the top (what a view scrolling down needs next)
  and reports it through `dataChanged`. Rows already exist in `rowCount()`, so no rows are
  inserted; fetchMore only warms the cache and the anchors.
- A change in the store (`refresh()`) keeps the count when it did not move and just forgets
  the cached rows; a different count resets the model.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.codes import STATUSES
from app.domain.models import VisitRow
from app.store import PageKey, VisitFilter, dt_from_db, dt_to_db, fts_query, visit_key

BLOCK = 200
MAX_BLOCKS = 8
WALK_CHUNK = 5000
SEEK_MIN = 20_000  # farther than this from any anchor: seek by counting first
SEARCH_CAP = 10_000  # a search finding more shows the newest this many
SEEK_SLACK = 2_000  # a seek stops this close (then walks the rest)
BOUNDARY_ID = 2**62  # with a time T: the key just after every row received in T

(COL_NUMBER, COL_RECEIVED, COL_SERVICE, COL_CATEGORY, COL_REPORTER, COL_DESA, COL_STATUS,
 COL_RESPONSE) = range(8)
HEADERS = ("Nomor", "Diterima", "Layanan", "Kategori", "Pelapor", "Desa", "Status",
           "Respons (menit)")
HEADER_TIPS = {COL_RESPONSE: "Waktu respons dalam menit: dari laporan diterima sampai petugas "
                             "tiba di TKP"}

SERVICE_SHORT = {"lp": "LP", "kehilangan": "Kehilangan", "pengaduan": "Pengaduan",
                 "dumas": "Dumas", "informasi": "Informasi", "lainnya": "Lainnya"}
VOIDED_TEXT = "Dibatalkan"
SHORT_CATEGORY_MAX = 12  # characters of the abbreviation in a label's brackets


def short_category(label: str) -> str:
    """The name a desk officer uses in a list: "Pencurian kendaraan bermotor (Curanmor)" is
    "Curanmor", "Kekerasan dalam rumah tangga (KDRT)" is "KDRT"; other labels stay whole.
    The whole label is the cell's tooltip. (The long labels were cut to "Pencurian
    dengan pembera…" at 1366 pixels, all alike.)"""
    head, bracket, tail = label.rpartition("(")
    if bracket and head.strip() and tail.endswith(")") and 0 < len(tail) - 1 <= SHORT_CATEGORY_MAX:
        return tail[:-1].strip()
    return label
WAITING_TEXT = "menunggu"

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

WAITING_BACKGROUND = QColor("#ffe08a")
VOIDED_FOREGROUND = QColor("#8a8a8a")

Index = QModelIndex | QPersistentModelIndex


class VisitSource(Protocol):
    """What the model needs from the store (store.visits)."""

    def count(self, flt: VisitFilter, limit: int | None = None) -> int: ...

    def page(self, flt: VisitFilter, after: PageKey | None = None, limit: int = 100, *,
             oldest_first: bool = False) -> list[VisitRow]: ...

    def page_keys(self, flt: VisitFilter, after: PageKey | None = None, limit: int = 1000, *,
                  oldest_first: bool = False) -> list[PageKey]: ...


def short_number(number: str | None) -> str:
    """ "LP/B/7/II/2024/SPKT/POLSEK ..." -> "LP/B/7/II/2024" (the full one is the tooltip)."""
    if not number:
        return ""
    head, sep, _ = number.partition("/SPKT")
    return head if sep else number


def bounded(flt: VisitFilter, key: PageKey | None, oldest_first: bool) -> VisitFilter:
    """The filter narrowed to the side of `key` a page reads. The rows are the same; the
    period lets SQLite start its index search at the key instead of scanning from the top
    (the store's "after key" condition alone is an OR it cannot search with)."""
    if key is None:
        return flt
    at = dt_from_db(key.received_at)
    assert at is not None
    if oldest_first:
        return replace(flt, start=at if flt.start is None else max(flt.start, at))
    limit = at + timedelta(seconds=1)  # stored to the second: rows of the same second stay in
    return replace(flt, end=limit if flt.end is None else min(flt.end, limit))


class VisitListModel(QAbstractTableModel):
    def __init__(self, source: VisitSource, tz: tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._tz = tz
        self._filter = VisitFilter()
        self._count = 0
        self._categories: dict[str, str] = {}
        self._blocks: OrderedDict[int, list[VisitRow]] = OrderedDict()
        self._anchors: dict[int, PageKey] = {}
        self._anchor_rows: list[int] = []  # sorted positions of self._anchors
        self._head_blocks = 0  # blocks read in a run from the top (fetchMore)
        self.store_reads = 0  # queries issued, for tests and benchmarks
        self.seek_min = SEEK_MIN
        self.search_cap = SEARCH_CAP  # a search finding more shows the newest this many
        self.seeks = 0  # far jumps found by counting (tests, benchmarks)
        self._count, self._capped = self._counted(self._filter)

    # ------------------------------------------------------------------ configuration
    def set_filter(self, flt: VisitFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._forget()
        self._count, self._capped = self._counted(flt)
        self.endResetModel()

    def filter(self) -> VisitFilter:
        return self._filter

    @property
    def capped(self) -> bool:
        """The search found more than `search_cap` records: the list holds the newest ones."""
        return self._capped

    def _counted(self, flt: VisitFilter) -> tuple[int, bool]:
        if fts_query(flt.text) is None:  # no words to search for (nothing, or punctuation)
            return self._source.count(flt), False
        found = self._source.count(flt, self.search_cap + 1)
        return (self.search_cap, True) if found > self.search_cap else (found, False)

    def set_category_labels(self, labels: dict[str, str]) -> None:
        self._categories = dict(labels)
        if self._count:
            self.dataChanged.emit(self.index(0, COL_CATEGORY),
                                  self.index(self._count - 1, COL_CATEGORY))

    def set_timezone(self, tz: tzinfo) -> None:
        self._tz = tz

    def refresh(self) -> None:
        """The store changed: read the count again and forget every cached row."""
        count, capped = self._counted(self._filter)
        if (count, capped) != (self._count, self._capped):
            self.beginResetModel()
            self._forget()
            self._count, self._capped = count, capped
            self.endResetModel()
            return
        self._forget()
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(HEADERS) - 1))

    def _forget(self) -> None:
        self._blocks.clear()
        self._anchors.clear()
        self._anchor_rows.clear()
        self._head_blocks = 0

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole and (row.waiting or row.voided):
            font = QFont()
            font.setBold(row.waiting and not row.voided)
            font.setStrikeOut(row.voided)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row.waiting and not row.voided:
            return WAITING_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and row.voided:
            return VOIDED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_RESPONSE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._head_blocks * BLOCK < self._count

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        block = self._head_blocks
        self._block(block)
        self._head_blocks = block + 1
        first = block * BLOCK
        last = min(self._count, first + BLOCK) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    # ------------------------------------------------------------------ rows
    def row_at(self, position: int) -> VisitRow | None:
        if not 0 <= position < self._count:
            return None
        rows = self._block(position // BLOCK)
        offset = position % BLOCK
        return rows[offset] if offset < len(rows) else None

    def id_at(self, position: int) -> int | None:
        row = self.row_at(position)
        return row.id if row else None

    def cached_blocks(self) -> tuple[int, ...]:
        return tuple(self._blocks)

    def _block(self, block: int) -> list[VisitRow]:
        rows = self._blocks.get(block)
        if rows is not None:
            self._blocks.move_to_end(block)
            return rows
        rows = self._read_block(block)
        self._blocks[block] = rows
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return rows

    def _read_block(self, block: int) -> list[VisitRow]:
        lo = block * BLOCK
        hi = min(self._count, lo + BLOCK)
        if hi <= lo:
            return []
        i = bisect.bisect_left(self._anchor_rows, lo)
        before = self._anchor_rows[i - 1] if i > 0 else -1  # -1: above the first row
        j = bisect.bisect_left(self._anchor_rows, hi)
        after = self._anchor_rows[j] if j < len(self._anchor_rows) else self._count
        boundary = None
        if not self._capped and min(lo - before - 1, after - hi) > self.seek_min:
            before, boundary = self._seek(lo, before, after)
        if self._capped or lo - before - 1 <= after - hi:  # capped: the bottom is no end
            key = self._walk(before, lo - before - 1, backwards=False, key=boundary)
            self.store_reads += 1
            rows = self._source.page(bounded(self._filter, key, False), key, hi - lo)
        else:
            key = self._walk(after, after - hi, backwards=True)
            self.store_reads += 1
            rows = self._source.page(bounded(self._filter, key, True), key, hi - lo,
                                     oldest_first=True)[::-1]
        if rows:
            self._remember(lo, visit_key(rows[0]))
            self._remember(lo + len(rows) - 1, visit_key(rows[-1]))
        return rows

    def _seek(self, position: int, before: int, after: int) -> tuple[int, PageKey | None]:
        """Find, by counting (no rows read), a moment T such that the rows received at or
        before T start a little above `position`. Rows are in time order, so the count of
        rows newer than T is the row where they start. Interpolates and halves between the
        times of the anchors around `position`. Returns (row, key) to walk on from: the key
        (T, BOUNDARY_ID) reads on from that row newest first. It is no row's own key (read
        oldest first it would give one row too many), so it is not kept as an anchor."""
        newest = self._time_at(before, newest=True)
        oldest = self._time_at(after, newest=False)
        if newest is None or oldest is None:
            return before, None
        # invariant: rows newer than `good` start at or above `position`, newer than `bad`
        # below it; good_row / bad_row estimate where, for interpolating the next guess
        good, bad = newest, oldest - timedelta(seconds=1)
        good_row, bad_row = before + 1, after
        found: int | None = None
        interpolate = True
        while good - bad > timedelta(seconds=1):
            share = 0.5
            if interpolate and bad_row > good_row:
                share = min(0.95, max(0.05, (position - good_row) / (bad_row - good_row)))
            interpolate = not interpolate  # alternate with halving: never stuck
            middle = (good - (good - bad) * share).replace(microsecond=0)
            if not bad < middle < good:
                middle = (bad + (good - bad) / 2).replace(microsecond=0)
                if not bad < middle < good:
                    break
            newer = self._newer_than(middle, position)
            if newer <= position:
                good, good_row, found = middle, newer, newer
                if position - newer <= SEEK_SLACK:
                    break
            else:
                bad, bad_row = middle, newer
        if found is None or found - 1 <= before:
            return before, None
        stamp = dt_to_db(good)
        assert stamp is not None
        self.seeks += 1
        return found - 1, PageKey(stamp, BOUNDARY_ID)

    def _time_at(self, position: int, *, newest: bool) -> datetime | None:
        key = self._anchors.get(position)
        if key is None:  # the top or the bottom of the list
            self.store_reads += 1
            keys = self._source.page_keys(self._filter, None, 1, oldest_first=not newest)
            key = keys[0] if keys else None
        return dt_from_db(key.received_at) if key else None

    def _newer_than(self, moment: datetime, near: int) -> int:
        """How many rows of the list were received after `moment`; counts whichever side
        of `near` (the row it is expected at) is smaller."""
        after = moment + timedelta(seconds=1)  # stored to the second
        flt = self._filter
        self.store_reads += 1
        if near > self._count // 2:
            end = after if flt.end is None else min(flt.end, after)
            return self._count - self._source.count(replace(flt, end=end))
        start = after if flt.start is None else max(flt.start, after)
        return self._source.count(replace(flt, start=start))

    def _walk(self, start: int, skip: int, *, backwards: bool,
              key: PageKey | None = None) -> PageKey | None:
        """The key from which to read: start at the anchor at row `start` (or the top / the
        bottom of the list, or `key` when given) and step over `skip` rows, reading keys
        only."""
        key = key or self._anchors.get(start)
        step = -1 if backwards else 1
        position = start
        while skip > 0:
            self.store_reads += 1
            keys = self._source.page_keys(bounded(self._filter, key, backwards), key,
                                          min(skip, WALK_CHUNK), oldest_first=backwards)
            if not keys:
                break  # the store changed underneath; read from where we are
            for offset, walked in enumerate(keys, start=1):
                row = position + step * offset
                if row % BLOCK in (0, BLOCK - 1):
                    self._remember(row, walked)
            position += step * len(keys)
            key = keys[-1]
            skip -= len(keys)
        return key

    def _remember(self, position: int, key: PageKey) -> None:
        if position not in self._anchors:
            bisect.insort(self._anchor_rows, position)
        self._anchors[position] = key

    # ------------------------------------------------------------------ cell texts
    def _display(self, row: VisitRow, column: int) -> str:
        if column == COL_NUMBER:
            return short_number(row.number) or "—"
        if column == COL_RECEIVED:
            return row.received_at.astimezone(self._tz).strftime("%d-%m-%Y %H.%M")
        if column == COL_SERVICE:
            return SERVICE_SHORT.get(row.service, row.service)
        if column == COL_CATEGORY:
            return short_category(self._categories.get(row.category, row.category))
        if column == COL_REPORTER:
            return row.reporter_name
        if column == COL_DESA:
            return row.desa
        if column == COL_STATUS:
            return VOIDED_TEXT if row.voided else STATUSES.get(row.status, row.status)
        if column == COL_RESPONSE:
            if row.response_minutes is not None:
                return str(round(row.response_minutes))
            return WAITING_TEXT if row.waiting else ""
        return ""

    def _tooltip(self, row: VisitRow, column: int) -> str | None:
        """The whole cell (a long number or category is cut in the column), and why a row
        is marked."""
        if column == COL_NUMBER and row.number:
            whole = row.number
        elif column == COL_CATEGORY:
            whole = self._categories.get(row.category, row.category)
        else:
            whole = self._display(row, column)
        lines = [whole]
        if row.voided:
            lines.append("Catatan ini dibatalkan: tidak dihitung lagi.")
        elif row.waiting:
            lines.append("Laporan menunggu: belum ada petugas yang tiba di TKP.")
        text = "\n".join(line for line in lines if line)
        return text or None
