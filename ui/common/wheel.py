"""The mouse wheel scrolls a form; it never changes a value the officer has not clicked into.

Qt lets the wheel change any combo box, spin box or date/time box under the pointer, and a
combo even takes the focus from the wheel: one notch while scrolling a saved LP turned its
Kategori "Curanmor" into "Penganiayaan". `guard_wheel(root)` puts one filter on a window
(or page): a combo, spin box or date/time box under `root` that does not have the focus
passes the wheel to the scroll area around it (or drops it when nothing scrolls), and no
longer takes the focus from the wheel. Fields added later (a new row, a section that
appears) are guarded when Qt polishes them. A field with the focus (clicked or tabbed
into) still takes the wheel, as officers expect of a field they are in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider)
_GUARDED = "piket_wheel_guarded"


def is_value_widget(widget: QObject) -> bool:
    """A widget whose value the wheel would change (a scroll bar is not: it scrolls)."""
    return isinstance(widget, VALUE_WIDGETS) and not isinstance(widget, QScrollBar)


class WheelGuard(QObject):
    """The filter `guard_wheel` installs; one per window, owned by it."""

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.adopt(root)

    def adopt(self, widget: QWidget) -> None:
        """Guard `widget` and everything under it (already guarded ones are skipped)."""
        for w in (widget, *widget.findChildren(QWidget)):
            if w.property(_GUARDED):
                continue
            w.setProperty(_GUARDED, True)
            if is_value_widget(w):
                # WheelFocus would hand the focus to the field before the wheel event
                # arrives, and then the field "has the focus" and takes the wheel
                if w.focusPolicy() & Qt.FocusPolicy.WheelFocus == Qt.FocusPolicy.WheelFocus:
                    w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                w.installEventFilter(self)
            elif not _inside_value_widget(w):
                w.installEventFilter(self)  # to see children that appear later

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        kind = event.type()
        if kind == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and not child.property(_GUARDED):
                self.adopt(child)
            return False
        if (kind == QEvent.Type.Wheel and isinstance(watched, QWidget)
                and isinstance(event, QWheelEvent) and is_value_widget(watched)
                and not watched.hasFocus()):
            scroll_past(watched, event)
            event.accept()
            return True
        return False


def _inside_value_widget(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if is_value_widget(parent):
            return True
        parent = parent.parentWidget()
    return False


def scroll_past(widget: QWidget, event: QWheelEvent) -> bool:
    """Give the wheel to the nearest scroll area around `widget` that can still move that
    way; False when none can (the wheel is then dropped)."""
    delta = event.angleDelta()
    vertical = abs(delta.y()) >= abs(delta.x())
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            bar = parent.verticalScrollBar() if vertical else parent.horizontalScrollBar()
            if bar is not None and bar.maximum() > bar.minimum():
                viewport = parent.viewport()
                global_pos = event.globalPosition()
                local = viewport.mapFromGlobal(global_pos.toPoint())
                forwarded = QWheelEvent(local.toPointF(), global_pos, event.pixelDelta(), delta,
                                        event.buttons(), event.modifiers(), event.phase(),
                                        event.inverted(), event.source(), event.pointingDevice())
                QApplication.sendEvent(viewport, forwarded)
                return True
        parent = parent.parentWidget()
    return False


def guard_wheel(root: QWidget) -> WheelGuard:
    """Install the wheel guard on `root` (a form's window or page) and all it will hold."""
    guard = root.findChild(WheelGuard, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return guard if isinstance(guard, WheelGuard) else WheelGuard(root)

