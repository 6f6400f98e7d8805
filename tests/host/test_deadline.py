"""A file's time limit holds in any thread: the main thread's interval timer, and elsewhere (a Dask
worker's task, an application's thread pool) a timer thread that interrupts the working thread."""

from __future__ import annotations

import threading
import time

import pytest

from reportlint.host.deadline import FileTimeout, deadline


def in_thread(work) -> list:
    outcome: list = []

    def target():
        try:
            outcome.append(work())
        except FileTimeout:
            outcome.append("timeout")

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    return outcome


def spin(seconds: float):
    with deadline(seconds):
        while True:
            pass


def test_the_main_thread_is_interrupted():
    with pytest.raises(FileTimeout):
        spin(0.1)


def test_another_thread_is_interrupted():
    assert in_thread(lambda: spin(0.1)) == ["timeout"]


def test_work_that_ends_in_time_is_never_interrupted_later():
    def quick():
        with deadline(0.1):
            time.sleep(0.01)
        time.sleep(0.3)  # past the limit, outside the block: nothing may be raised here
        return "done"

    assert in_thread(quick) == ["done"]


def test_no_limit_is_no_timer():
    assert not deadline(0).active
