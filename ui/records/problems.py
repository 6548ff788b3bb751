"""One way of showing validation problems, for every kind of record (walk-in, patrol,
meeting): each problem next to the field or table cell it is about (errors red, warnings
amber, in the field's FieldBox), a banner counting what still stops the save and listing
what belongs to no field on screen, and after a refused save the focus on the first marked
field in the form's order (scrolled into view).

A problem's field is a path: "end_at", "places[2].people_reached", "parties[0].nik". A form
says where each path is shown:
- `field(widget, *keys)` wraps a widget in a FieldBox for the problems of `keys`;
- `table(prefix, view, rows)` sends "prefix[i].column" to a cell of a keyboard table and
  says "Baris n, Kolom: ..." under the table;
- `follow(find, boxes)` is for forms whose fields come and go (the people of a walk-in): a
  function giving the box of a path, and one listing every box there is now.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QScrollArea, QWidget

from app.validation import Problem
from ui.common.focus import first_in_form, focus_field
from ui.common.widgets import Banner, FieldBox, Message
from ui.records.rows import RowsModel, RowsView

_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")
_ROW = re.compile(r"^Baris (\d+),")


def plain_message(problem: Problem) -> Message:
    """A problem as a line under its field: red for an error, amber for a warning."""
    return Message(problem.message, "warning" if problem.is_warning else "error")


def refused_text(count: int, loose: Sequence[str], can_accept: bool) -> str:
    """The banner over a form whose save was refused."""
    accept = "; peringatan kuning dapat diterima dengan alasan" if can_accept else ""
    return " ".join([f"Belum dapat disimpan: {count} isian perlu diperiksa (lihat pesan di "
                     f"samping kolom yang ditandai{accept}).", *loose])


@dataclass
class _Table:
    model: RowsModel
    box: FieldBox
    rows: Callable[[], Sequence[int]]  # record index -> table row
    aliases: dict[str, str]


class Problems:
    """The problems shown on one form. `message` turns a problem into its line (the walk-in
    form adds a link to accept a warning with a reason)."""

    def __init__(self, message: Callable[[Problem], Message] = plain_message) -> None:
        self._message = message
        self._boxes: dict[str, FieldBox] = {}
        self._tables: dict[str, _Table] = {}
        self._find: Callable[[str], FieldBox | None] = lambda _path: None
        self._more: Callable[[], Iterable[FieldBox]] = tuple
        self._refused = False  # the banner counts what stops a save the officer asked for
        self.summary = Banner()

    # ------------------------------------------------------------------ where problems go
    def field(self, widget: QWidget, *keys: str) -> FieldBox:
        """Wrap `widget` with a message line for the problems of `keys`."""
        box = FieldBox(widget)
        for key in keys:
            self._boxes[key] = box
        return box

    def table(self, prefix: str, view: RowsView, rows: Callable[[], Sequence[int]],
              aliases: dict[str, str] | None = None) -> FieldBox:
        """Route "prefix[i].field" to cell (rows()[i], field); returns the table in its box."""
        box = FieldBox(view)
        self._tables[prefix] = _Table(view.rows_model(), box, rows, dict(aliases or {}))
        return box

    def follow(self, find: Callable[[str], FieldBox | None],
               boxes: Callable[[], Iterable[FieldBox]]) -> None:
        """Boxes the form makes itself: `find(path)` gives the box of a path, `boxes()` all."""
        self._find = find
        self._more = boxes

    def box(self, path: str) -> FieldBox | None:
        """The box that shows the problems of `path` (None: no field shows them)."""
        match = _PATH.match(path)
        prefix = match.group(1) if match else path
        box = self._boxes.get(path) or self._boxes.get(prefix) or self._find(path)
        if box is None and prefix in self._tables:
            box = self._tables[prefix].box
        return box

    def message(self, path: str) -> str:
        """The text shown for `path` (tests, screen readers)."""
        box = self.box(path)
        return box.message_text() if box else ""

    # ------------------------------------------------------------------ showing
    def clear(self) -> None:
        self._refused = False
        self.show(())

    def show(self, problems: Iterable[Problem], *, refused: bool = False) -> int:
        """Show `problems` next to their fields; returns how many still stop a save
        (accepted warnings, shown as notes, do not). `refused`: the officer asked to save;
        the banner counts them and the focus goes to the first. Otherwise (a check while
        typing) the banner keeps such a count up to date, or lists what belongs to no field."""
        messages: dict[int, list[Message]] = {}
        cells: dict[str, dict[tuple[int, str], tuple[str, bool]]] = {p: {} for p in self._tables}
        marked: list[FieldBox] = []
        loose: list[str] = []
        count = 0
        can_accept = False
        problems = list(problems)
        for problem in _one_a_field(problems):
            line = self._message(problem)
            count += line.level != "note"
            can_accept = can_accept or bool(line.action and line.level == "warning")
            box, where = self._route(problem, cells)
            if box is None:
                loose.append(problem.message)
                continue
            messages.setdefault(id(box), []).append(Message(where + line.text, line.level,
                                                             line.key, line.action))
            if line.level != "note":
                marked.append(box)
        for box in self._all_boxes():
            box.set_messages(sorted(messages.get(id(box), []), key=_row_of))
        for prefix, table in self._tables.items():
            table.model.set_problems(cells[prefix])
        self._refused = (refused or self._refused) and count > 0
        if self._refused:
            self.summary.show_message(refused_text(count, loose, can_accept))
        elif loose:
            self.summary.show_message("\n".join(loose))
        else:
            self.summary.clear_message()
        if refused:
            self._focus(marked)
        return count

    def _all_boxes(self) -> list[FieldBox]:
        boxes = [*self._boxes.values(), *(t.box for t in self._tables.values()), *self._more()]
        return list({id(b): b for b in boxes}.values())

    def _route(self, problem: Problem, cells: dict[str, dict[tuple[int, str], tuple[str, bool]]]
               ) -> tuple[FieldBox | None, str]:
        """The box showing `problem`, and what its line starts with ("Baris 2, Warga: ")."""
        match = _PATH.match(problem.field)
        if match and match.group(1) in self._tables and match.group(3):
            table = self._tables[match.group(1)]
            index = int(match.group(2))
            rows = table.rows()
            row = rows[index] if index < len(rows) else index
            key = table.aliases.get(match.group(3), match.group(3))
            try:
                column = table.model.column_index(key)
            except KeyError:
                column = 0
                key = table.model.columns()[0].key
            cells[match.group(1)][(row, key)] = (problem.message, problem.is_warning)
            title = table.model.columns()[column].title
            return table.box, f"Baris {row + 1}, {title}: "
        box = self.box(problem.field)
        if box is None or not box.isVisibleTo(box.window()):
            return None, ""  # no field, or one in a section the form hides now: the banner
        return box, ""

    @staticmethod
    def _focus(marked: Sequence[FieldBox]) -> None:
        first = first_in_form(marked)  # the checks do not run in the form's order
        if first is None:
            return
        parent = first.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(first)
        focus_field(first)


def _row_of(message: Message) -> int:
    """Table messages ("Baris 3, ...") in row order; other messages keep their place."""
    match = _ROW.match(message.text)
    return int(match.group(1)) if match else 0


def _one_a_field(problems: list[Problem]) -> list[Problem]:
    """One message a field: its first error, else its warnings. Another problem with the
    same value (an incident "after the report" that is also in the future) comes back, if
    it still applies, once the first is fixed."""
    first_error: dict[str, Problem] = {}
    for problem in problems:
        if problem.is_error:
            first_error.setdefault(problem.field, problem)
    return [p for p in problems
            if first_error.get(p.field) is p or p.field not in first_error]
