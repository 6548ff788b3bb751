"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed. In
Piket that can be a worker thread (the weekly figures and PDF, backups, printing), and the
garbage it finds often holds Qt widgets: a closed form whose slots refer back to it. A
widget destroyed outside the GUI thread crashes the process (seen as a segmentation fault in
a weekly job, "Garbage-collecting" in its traceback, in the test suite). So automatic
collection is switched off and the same thresholds are checked from a timer on the GUI
thread, the approach PyQt applications such as calibre take.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


def collect_if_due(thresholds: tuple[int, int, int]) -> int:
    """What automatic collection would have done by now, here: each generation whose count
    passed its threshold is collected (the older ones only when the younger one was), the
    younger first, which keeps the order collect_all explains.
    Returns the number of unreachable objects found."""
    counts = gc.get_count()
    found = 0
    for generation in range(3):
        if counts[generation] <= thresholds[generation]:
            break
        found += gc.collect(generation)
    return found


def collect_all() -> int:
    """A full collection, in the order collect_if_due keeps: generations 0 and 1 first, so
    that the older generation's objects stay ahead of the younger ones when generation 2 is
    collected. A plain gc.collect() (and Python's automatic collection) puts generation 0
    ahead of generation 1, and shiboken can then clear a young wrapper before the wrapper
    holding it, which hands it a Qt object to delete under its owner: a crash
    (docs/RELIABILITY.md, "Test runs"). Returns the number of unreachable objects found."""
    return gc.collect(1) + gc.collect(2)


class GuiThreadCollector(QObject):
    """Owns the collection while it lives (a child of the application)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds: tuple[int, int, int] = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start()

    def _on_timeout(self) -> None:
        collect_if_due(self.thresholds)


def install(app: QObject) -> GuiThreadCollector:
    """Collect garbage on the GUI thread from now on (once per application)."""
    found = app.findChild(GuiThreadCollector)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
