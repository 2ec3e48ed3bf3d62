"""Background work: the outcome comes back on the GUI thread, and no Qt object is ever freed on the worker."""

from __future__ import annotations

import gc
import threading

from inspect_app.ui.background import Operation


def test_the_result_arrives_on_the_gui_thread_and_the_operation_is_let_go_there(qtbot):
    seen = {}

    def work(progress):
        seen["worker"] = threading.current_thread()
        seen["collector on"] = gc.isenabled()
        progress.report(1, 2, "half way")
        return 42

    progressed = []
    operation = Operation(work).on_progress(lambda *args: progressed.append(args))
    with qtbot.waitSignal(operation.signals.succeeded, timeout=5000) as done:
        operation.start()
    assert done.args == [42] and progressed == [(1, 2, "half way")]
    assert seen["worker"] is not threading.main_thread()
    # the cycle collector, which would free Qt objects on whichever thread allocates, never runs by itself
    assert seen["collector on"] is False
    qtbot.waitUntil(lambda: operation not in Operation._running, timeout=5000)


def test_a_failure_is_reported_not_lost(qtbot):
    def work(_progress):
        raise ValueError("no such thing")

    operation = Operation(work)
    with qtbot.waitSignal(operation.signals.failed, timeout=5000) as failed:
        operation.start()
    assert isinstance(failed.args[0], ValueError)
    qtbot.waitUntil(lambda: not Operation._running, timeout=5000)


def test_cycles_are_collected_by_the_event_loop(qtbot, qapp):
    from inspect_app.ui import collector

    found = collector.install(qapp)
    assert collector.install(qapp) is found and not gc.isenabled()

    class Cycle:
        pass

    gc.collect()
    for _ in range(found.thresholds[0] + 10):  # enough garbage for the first generation's threshold
        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
    del a, b
    assert found.collect() > 0
