"""Tab order that follows the layouts, top to bottom (forms whose rows are added later), and
the first of several fields in that order (where a refused save puts the focus)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QLayout, QScrollArea, QWidget

W = TypeVar("W", bound=QWidget)


def focus_order(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that take Tab focus, in the order of their layouts (top to
    bottom, and left to right within a row as the layouts were filled)."""
    found: list[QWidget] = []

    def visit_layout(layout: QLayout) -> None:
        for member in layout_members(layout):
            if isinstance(member, QWidget):
                visit_widget(member)
            else:
                visit_layout(member)

    def visit_widget(widget: QWidget) -> None:
        if isinstance(widget, QScrollArea):
            inner = widget.widget()
            if inner is not None:
                visit_widget(inner)
            return
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)
        elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)

    visit_widget(root)
    return found


def layout_members(layout: QLayout) -> list[QWidget | QLayout]:
    """The widgets and inner layouts `layout` holds, in its order. Found through indexOf,
    never `itemAt`: PySide ties the wrapper of the QLayoutItem it returns to the layout's
    wrapper, and when the collector frees a closed form, shiboken may clear the item's
    wrapper first and hand it the item to delete while the layout still holds it (the same
    fault as `QWidget.screen()`, ui/common/screen_size.py)."""
    candidates: list[QWidget | QLayout] = [
        child for child in layout.children() if isinstance(child, QLayout)]
    owner = layout.parentWidget()
    if owner is not None:
        # (no name argument: "" would match only the widgets without an objectName)
        candidates += owner.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    placed = sorted(((layout.indexOf(c), n) for n, c in enumerate(candidates)))
    return [candidates[n] for index, n in placed if index >= 0]


def tab_stops(root: QWidget) -> list[QWidget]:
    """The fields under `root` that Tab stops at now: `focus_order` less the hidden and the
    disabled."""
    return [w for w in focus_order(root) if w.isVisibleTo(root) and w.isEnabled()]


def first_in_form(widgets: Iterable[W]) -> W | None:
    """The one of `widgets` (fields, or boxes around them) an officer reaches first going
    through their window in layout order: where a refused save puts the focus, whatever
    order the checks that found the problems ran in."""
    candidates = list(widgets)
    if not candidates:
        return None
    order = focus_order(candidates[0].window())

    def rank(widget: QWidget) -> int:
        return next((i for i, w in enumerate(order) if w is widget or widget.isAncestorOf(w)),
                    len(order))

    return min(candidates, key=rank)


def focus_field(widget: QWidget) -> None:
    """Put the focus where typing goes: the first field under `widget` (a row of two time
    fields, say), or `widget` itself."""
    fields = tab_stops(widget)
    (fields[0] if fields else widget).setFocus(Qt.FocusReason.OtherFocusReason)


def move_focus(root: QWidget, forward: bool) -> bool:
    """Tab / Shift+Tab inside `root` in layout order (call from focusNextPrevChild). Qt's
    own focus chain puts widgets added later (a new row) last, and setTabOrder misbehaves
    around editable combo boxes; walking the layouts avoids both. False when the focus is
    not inside `root` (let Qt handle it)."""
    current = root.focusWidget()
    order = tab_stops(root)  # (focus_order keeps only widgets that take Tab focus)
    if current is None or not order:
        return False
    index = next((i for i, w in enumerate(order) if w is current or w.isAncestorOf(current)), None)
    if index is None:
        return False
    target = order[(index + (1 if forward else -1)) % len(order)]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True


class _FollowFocus(QObject):
    """Scrolls its scroll area to the field that takes the focus inside it."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area

    def on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        try:
            inner = self._area.widget()
            if new is not None and inner is not None and inner.isAncestorOf(new):
                self._area.ensureWidgetVisible(new, 16, 16)
        except RuntimeError:
            pass  # the window is being deleted (its fields lose the focus on the way)


def keep_focus_in_view(area: QScrollArea) -> None:
    """However the focus gets to a field of `area` (Tab, a label's shortcut, a person just
    added, a refused save), the form scrolls to show it. QScrollArea does so only when Tab
    goes through its own focusNextPrevChild."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        follow = _FollowFocus(area)  # owned by the area: disconnected when it goes
        app.focusChanged.connect(follow.on_focus_changed)
