"""The window shows only what the signed-in officer's role may do (issue 16 item 2): one
question, `may(session, Action.X)`, asked everywhere, and `show_if` for the widgets and
actions that appear only for some roles, applied again whenever the officer changes
(Session.officer_changed: sign-in, Ganti petugas, unlock by another officer).

Hiding is a courtesy: the store refuses what the role may not do whatever the window shows
(app/store/access.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.security.permissions import Action
from ui.session import Session


def may(session: Session, action: Action) -> bool:
    """Whether the signed-in officer's role may `action` (the store's own answer,
    Access.may). A store opened without a role (tests, a plain store of the previous
    version, the benchmark) is unrestricted: all shows. Signed out (Ganti petugas, the lock
    screen): nothing is offered until the next officer signs in."""
    return session.store.access.may(action)


class _Gate(QObject):
    """Re-applies a rule when the officer changes; a child of what it shows or hides, so it
    goes (and its connection with it) when that is deleted."""

    def __init__(self, session: Session, owner: QObject, apply: Callable[[], None]) -> None:
        super().__init__(owner)
        self._apply = apply
        session.officer_changed.connect(self._on_session_officer_changed)
        apply()

    def _on_session_officer_changed(self) -> None:
        self._apply()


def show_if(session: Session, action: Action, *targets: QWidget | QAction,
            enabling: bool = True) -> None:
    """Show `targets` only while the role may `action` (a QAction is also disabled, so its
    shortcut does nothing; `enabling=False` for an action without a shortcut whose enabled
    state its own screen keeps, from the record shown, and whose handler asks `may` again).
    Call it once the widgets are in their layout: a widget without a parent would be shown
    as a window of its own."""
    for target in targets:
        def apply(target: QWidget | QAction = target) -> None:
            ok = may(session, action)
            if isinstance(target, QAction):
                target.setVisible(ok)
                if enabling:
                    target.setEnabled(ok)
            elif not ok:
                target.hide()
            elif target.parentWidget() is not None:
                target.show()

        _Gate(session, target, apply)


def on_role_change(session: Session, owner: QObject, apply: Callable[[], None]) -> None:
    """Run `apply` now and whenever the officer changes, for as long as `owner` lives (for
    what show_if cannot say: a form made read-only, a navigation row hidden)."""
    _Gate(session, owner, apply)


def read_only(root: QWidget) -> None:
    """Make a form read-only for a role that may only read it: its texts stay selectable and
    it still scrolls; choices, dates and buttons inside it are disabled."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    for child in root.findChildren(QWidget):
        if isinstance(child, QLineEdit | QTextEdit | QPlainTextEdit):
            child.setReadOnly(True)
        elif isinstance(child, QComboBox | QAbstractButton | QAbstractSpinBox):
            child.setEnabled(False)
        elif isinstance(child, QAbstractItemView):  # the rows of a form (places, issues)
            child.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
