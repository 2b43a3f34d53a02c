"""The bot's model threads: a bounded queue that refuses at once when full, a timeout that frees the slot, no wait at close."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from bot.discord.model_work import ModelBusy, ModelWork, cpu_budget, default_threads


def blocker() -> tuple[threading.Event, object]:
    """An event and a call that waits for it (at most 10 s, so a failing test cannot hang)."""
    release = threading.Event()
    return release, lambda: release.wait(10) and threading.current_thread().name


async def test_model_work_runs_on_threads_of_its_own():
    pool = ModelWork(threads=2, queue_size=1)
    try:
        name = await pool.run(lambda: threading.current_thread().name)
        assert name.startswith("onrecord-model-")
        assert pool.admitted == 0
    finally:
        pool.close()


async def test_a_full_queue_refuses_at_once():
    pool = ModelWork(threads=1, queue_size=1)
    release, call = blocker()
    try:
        running = pool.start(call)
        waiting = pool.start(call)
        assert not running.queued and waiting.queued
        started = time.perf_counter()
        with pytest.raises(ModelBusy):
            pool.start(call)
        assert time.perf_counter() - started < 0.1
        release.set()
        assert await running.result() and await waiting.result()
        assert pool.admitted == 0
        assert await pool.run(lambda: 42) == 42  # room again
    finally:
        release.set()
        pool.close()


async def test_a_timed_out_call_frees_its_slot_and_its_thread_is_replaced():
    pool = ModelWork(threads=1, queue_size=0, timeout=0.2)
    release, call = blocker()
    try:
        with pytest.raises(TimeoutError):
            await pool.run(call)
        assert pool.admitted == 0
        # The stuck call still holds its thread, yet the next question runs at once on a fresh one.
        assert await asyncio.wait_for(pool.run(lambda: "next"), 5) == "next"
    finally:
        release.set()
        pool.close()


async def test_a_waiting_job_that_times_out_never_runs():
    pool = ModelWork(threads=1, queue_size=1, timeout=5.0)
    release, call = blocker()
    ran = threading.Event()
    try:
        running = pool.start(call)
        waiting = pool.start(ran.set, timeout=0.1)
        with pytest.raises(TimeoutError):
            await waiting.result()
        release.set()
        await running.result()
        await pool.run(lambda: None)  # the thread has moved past where the dropped job was
        assert not ran.is_set()
    finally:
        release.set()
        pool.close()


async def test_close_never_waits_for_a_hung_call():
    pool = ModelWork(threads=1, queue_size=1)
    release, call = blocker()
    try:
        job = pool.start(call)
        await asyncio.sleep(0.05)
        started = time.perf_counter()
        pool.close()
        assert time.perf_counter() - started < 0.5
        with pytest.raises(ModelBusy):
            pool.start(call)
        assert all(t.daemon for t in threading.enumerate() if t.name.startswith("onrecord-model-"))
        job.drop()
    finally:
        release.set()


def test_thread_count_follows_the_cpu_budget():
    assert 1 <= default_threads() <= min(8, cpu_budget())
