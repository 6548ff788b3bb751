"""Garbage is collected on the GUI thread only (ui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication

from ui import gc_guard


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_the_gui_thread_collects_what_a_worker_thread_leaves(qapp: QApplication,
                                                             qtbot) -> None:
    collector = gc_guard.install(qapp)
    assert gc_guard.install(qapp) is collector and not gc.isenabled()
    refs: list[weakref.ref[Node]] = []

    def worker() -> None:  # allocates far past every threshold: collects nothing itself
        for _ in range(50_000):
            refs.append(weakref.ref(Node()))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert all(ref() is not None for ref in refs[-10:])
    qtbot.waitUntil(lambda: all(ref() is None for ref in refs), timeout=5_000)  # the timer


def test_collection_follows_the_thresholds() -> None:
    gc_guard.collect_all()
    before = gc.get_count()[0]
    cycle = Node()
    del cycle
    assert gc_guard.collect_if_due((10**9, 10, 10)) == 0  # not due: nothing collected
    assert gc.get_count()[0] > before
    assert gc_guard.collect_if_due((0, 10**9, 10**9)) >= 1  # generation 0 is due
