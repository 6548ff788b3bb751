"""The background-job helper (ui/common/jobs.py): the function runs in a worker thread, its
result, progress and error reach the GUI thread, a cancelled job reports nothing, and the
runner can be waited for."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.store import StoreUnavailable
from ui.common.errors import UNAVAILABLE
from ui.common.jobs import JobCancelled, JobContext, JobRunner, _Task

GUI = threading.get_ident()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = JobRunner(owner, threads=1)
    yield jobs
    jobs.wait()


@pytest.fixture
def logged(monkeypatch: pytest.MonkeyPatch) -> list[BaseException | None]:
    """What reached threading.excepthook (the app's error log)."""
    seen: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_value))
    return seen


def never(result: object) -> None:
    pytest.fail(f"no result expected, got {result!r}")


def test_the_result_is_delivered_on_the_gui_thread(qtbot: QtBot, runner: JobRunner) -> None:
    threads: list[int] = []
    results: list[int] = []

    def work(context: JobContext) -> int:
        threads.append(threading.get_ident())
        return 42

    def done(value: int) -> None:
        threads.append(threading.get_ident())
        results.append(value)

    job = runner.start(work, done=done, failed=pytest.fail)
    assert runner.busy
    qtbot.waitUntil(lambda: bool(results))
    assert results == [42] and job.finished and not runner.busy
    assert threads[0] != GUI and threads[1] == GUI


def test_progress_arrives_in_order_before_the_result(qtbot: QtBot, runner: JobRunner) -> None:
    seen: list[tuple[int, int] | str] = []

    def work(context: JobContext) -> str:
        for step in (1, 2, 3):
            context.progress(step, 3)
        return "selesai"

    runner.start(work, done=seen.append, failed=pytest.fail,
                 progress=lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: "selesai" in seen)
    assert seen == [(1, 3), (2, 3), (3, 3), "selesai"]


def test_a_store_error_becomes_its_sentence_and_is_not_logged(
        qtbot: QtBot, runner: JobRunner, logged: list[BaseException | None]) -> None:
    messages: list[str] = []

    def work(context: JobContext) -> None:
        raise StoreUnavailable("disk_full")

    runner.start(work, done=never, failed=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == [UNAVAILABLE["disk_full"]] and logged == []


def test_an_unexpected_error_is_logged_and_told_in_indonesian(
        qtbot: QtBot, runner: JobRunner, logged: list[BaseException | None]) -> None:
    messages: list[str] = []
    error = ValueError("angka rusak")

    def work(context: JobContext) -> None:
        raise error

    runner.start(work, done=never, failed=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == ["Terjadi kesalahan: angka rusak"] and logged == [error]
    runner.start(work, done=never, failed=messages.append,
                 describe=lambda exc: f"Dokumen gagal dibuat: {exc}")
    qtbot.waitUntil(lambda: len(messages) == 2)
    assert messages[1] == "Dokumen gagal dibuat: angka rusak"


def test_a_cancelled_job_reports_nothing(qtbot: QtBot, runner: JobRunner) -> None:
    gate = threading.Event()
    saw_cancel: list[bool] = []
    reports: list[object] = []

    def work(context: JobContext) -> str:
        gate.wait(5)
        saw_cancel.append(context.cancelled)
        context.progress(1, 1)
        context.raise_if_cancelled()
        return "tidak sampai"

    job = runner.start(work, done=reports.append, failed=reports.append,
                       progress=lambda done, total: reports.append(done))
    job.cancel()
    assert job.cancelled
    gate.set()
    assert runner.wait(5_000)
    qtbot.waitUntil(lambda: job.finished)
    qtbot.wait(20)
    assert saw_cancel == [True] and reports == [] and not runner.busy


def test_a_job_finishing_after_its_cancel_reports_nothing(qtbot: QtBot,
                                                          runner: JobRunner) -> None:
    reports: list[str] = []
    job = runner.start(lambda context: "dibuang", done=reports.append, failed=reports.append)
    assert runner.wait(5_000)
    job.cancel()  # done in the worker, not yet delivered: dropped
    qtbot.waitUntil(lambda: job.finished)
    assert reports == []


def test_wait_blocks_until_the_running_function_returns(qtbot: QtBot,
                                                        runner: JobRunner) -> None:
    gate = threading.Event()
    results: list[str] = []
    runner.start(lambda context: "ok" if gate.wait(5) else "habis waktu", done=results.append,
                 failed=pytest.fail)
    assert not runner.wait(50) and runner.active_threads() == 1
    gate.set()
    assert runner.wait(5_000) and runner.active_threads() == 0
    qtbot.waitUntil(lambda: results == ["ok"])


def test_the_job_is_released_on_the_gui_thread(qtbot: QtBot, runner: JobRunner,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    freed: list[int] = []
    run = _Task.__call__

    def slow_to_let_go(task: _Task[int]) -> None:  # reported, but the worker still holds it
        run(task)
        time.sleep(0.2)

    monkeypatch.setattr(_Task, "__call__", slow_to_let_go)

    class Payload:
        def __del__(self) -> None:
            freed.append(threading.get_ident())

    def job_of(payload: Payload) -> Callable[[JobContext], int]:
        return lambda context: id(payload)

    results: list[int] = []
    runner.start(job_of(Payload()), done=results.append, failed=pytest.fail)
    qtbot.waitUntil(lambda: bool(results))
    runner.wait()  # the runner holds the job until the pool is idle
    assert freed == [GUI]


def test_context_without_a_runner() -> None:
    cancel = threading.Event()
    steps: list[int] = []
    context = JobContext(cancel, lambda done, total: steps.append(done))
    context.progress(1, 2)
    cancel.set()
    context.progress(2, 2)  # no report once cancelled
    assert steps == [1] and context.cancelled
    with pytest.raises(JobCancelled):
        context.raise_if_cancelled()
