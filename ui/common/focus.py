"""Tab order that follows the layouts, top to bottom (forms whose rows are added later)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget


def focus_order(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that take Tab focus, in the order of their layouts (top to
    bottom, and left to right within a row as the layouts were filled)."""
    found: list[QWidget] = []

    def visit_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            widget = item.widget()
            if widget is not None:
                visit_widget(widget)
            else:
                inner = item.layout()
                if inner is not None:
                    visit_layout(inner)

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


def move_focus(root: QWidget, forward: bool) -> bool:
    """Tab / Shift+Tab inside `root` in layout order (call from focusNextPrevChild). Qt's
    own focus chain puts widgets added later (a new row) last, and setTabOrder misbehaves
    around editable combo boxes; walking the layouts avoids both. False when the focus is
    not inside `root` (let Qt handle it)."""
    current = root.focusWidget()
    order = [w for w in focus_order(root)
             if w.isVisibleTo(root) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if current is None or not order:
        return False
    index = next((i for i, w in enumerate(order) if w is current or w.isAncestorOf(current)), None)
    if index is None:
        return False
    target = order[(index + (1 if forward else -1)) % len(order)]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True
