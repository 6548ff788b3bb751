"""Filter combos above a list: narrow when the window is, whole labels in the open list."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

FILTER_CHARS = 9  # characters a filter combo keeps showing in a narrow window


def narrow(combo: QComboBox, chars: int = FILTER_CHARS) -> QComboBox:
    """Let `combo` shrink to `chars` characters instead of its longest label (a category or
    an officer's rank and name), so that filters do not widen the window beyond a 1024-pixel
    screen; the open list still shows every label whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo
