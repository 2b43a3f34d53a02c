"""Runs the bot's model work (answering, autocomplete, opening the knowledge base) on threads of its own, with a bounded queue and a timeout.

The event loop's default thread pool is left to aiohttp, which resolves hostnames
there when aiodns is absent: if answers queued in that pool, every request to
Discord would wait behind them. Here at most ``threads`` jobs run at once and at
most ``queue`` more wait; beyond that a job is refused at once (``ModelBusy``), so a
burst gets a quick "busy" instead of a long wait. A job that runs over its timeout
is abandoned: a job still waiting never starts, and a running one keeps its thread
until it returns while a fresh thread takes its place, so one stuck call never
shrinks the pool. The threads are daemons, so a hung call cannot hold up the
process at exit.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import logging
import math
import os
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_THREADS = 8
QUEUE_PER_THREAD = 8

_thread_numbers = itertools.count(1)


class ModelBusy(Exception):
    """Every model thread is busy and the queue is full: the question is refused at once."""


def cpu_budget() -> int:
    """Return how many CPUs this process may use: its affinity, capped by a cgroup (container) CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


def default_threads() -> int:
    """Return the number of model threads for this machine: one per CPU of the budget, at most ``MAX_THREADS``."""
    return min(MAX_THREADS, cpu_budget())


class Job(Generic[T]):
    """One piece of model work, admitted to the pool: await ``result()`` for its value, or ``drop()`` it."""

    def __init__(self, pool: ModelWork, future: concurrent.futures.Future, queued: bool, timeout: float | None) -> None:
        self._pool = pool
        self._future = future
        self.queued = queued  # True when it had to wait for a thread when it was admitted
        self._deadline = None if timeout is None else asyncio.get_running_loop().time() + timeout
        self._timeout = timeout
        self._released = False
        future.add_done_callback(self._finished)
        # One asyncio view of the thread's future; its outcome is read by ``result``, or
        # deliberately ignored for a dropped job (asyncio would otherwise log it as never retrieved).
        self._waiter = asyncio.wrap_future(future)
        self._waiter.add_done_callback(_mark_retrieved)

    @property
    def started(self) -> bool:
        """Whether a thread has taken the job (it may have finished since)."""
        return self._future.running() or self._future.done() and not self._future.cancelled()

    def done(self) -> bool:
        return self._future.done()

    async def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the job to finish; return whether it has."""
        if timeout > 0 and not self._future.done():
            await asyncio.wait({self._waiter}, timeout=timeout)
        return self._future.done()

    async def result(self) -> T:
        """Return the job's value; raise its exception, or TimeoutError (the job abandoned) past its timeout."""
        remaining = None if self._deadline is None else self._deadline - asyncio.get_running_loop().time()
        try:
            return await asyncio.wait_for(asyncio.shield(self._waiter), remaining)
        except TimeoutError:
            self._pool.abandon(self._future, self._timeout)
            self._release()
            raise
        except asyncio.CancelledError:
            self.drop()
            task = asyncio.current_task()
            if self._future.cancelled() and not (task is not None and task.cancelling()):
                raise ModelBusy("the bot is shutting down") from None  # the pool closed before a thread took it
            raise

    def drop(self) -> None:
        """Give up on the job: it never starts if it is still waiting; a running one is left to finish on its own."""
        if not self._future.done():
            self._pool.abandon(self._future, None)
        self._release()

    def _finished(self, _future: concurrent.futures.Future) -> None:
        self._pool.call_on_loop(self._release)

    def _release(self) -> None:
        if not self._released:
            self._released = True
            self._pool.admitted -= 1


def _mark_retrieved(future: asyncio.Future) -> None:
    if not future.cancelled():
        future.exception()


class ModelWork:
    """A pool of ``threads`` daemon threads for model calls, taking at most ``queue`` waiting jobs beyond them.

    Jobs are admitted and released on the event loop (``start`` is not thread-safe);
    the threads only run them.
    """

    def __init__(self, threads: int | None = None, queue_size: int | None = None, timeout: float | None = 30.0) -> None:
        self.threads = threads or default_threads()
        self.queue_size = QUEUE_PER_THREAD * self.threads if queue_size is None else queue_size
        self.timeout = timeout
        self.admitted = 0  # jobs running or waiting, counted on the event loop
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._running: dict[concurrent.futures.Future, threading.Thread] = {}
        self._retired: set[threading.Thread] = set()
        self._workers: set[threading.Thread] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        for _ in range(self.threads):
            self._spawn()

    @property
    def limit(self) -> int:
        """How many jobs may be running or waiting at once."""
        return self.threads + self.queue_size

    def check_room(self) -> None:
        """Raise ModelBusy when no job can be admitted now (the pool is full, or closed)."""
        if self._closed:
            raise ModelBusy("the bot is shutting down")
        if self.admitted >= self.limit:
            raise ModelBusy(f"{self.admitted} questions already running or waiting")

    def admit(self) -> bool:
        """Count one job in ahead of ``start(..., admitted=True)``; return whether it will wait for a thread.

        Raises ModelBusy when the pool is full. Pair it with ``start`` or ``release``.
        """
        self.check_room()
        self.admitted += 1
        return self.admitted > self.threads

    def release(self) -> None:
        """Give back a place counted by ``admit`` that was never used by ``start``."""
        self.admitted -= 1

    def start(
        self, func: Callable[..., T], *args: Any, timeout: float | None = -1.0, admitted: bool = False, **kwargs: Any
    ) -> Job[T]:
        """Queue ``func(*args, **kwargs)`` for a thread; return its Job.

        Unless ``admitted`` (counted in by ``admit`` already), the job is counted in
        here, which raises ModelBusy when ``limit`` jobs are already in. ``timeout``
        (seconds, None for none) defaults to the pool's.
        """
        queued = self.admit() if not admitted else self.admitted > self.threads
        self._loop = asyncio.get_running_loop()
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((future, func, args, kwargs))
        return Job(self, future, queued, self.timeout if timeout == -1.0 else timeout)

    async def run(self, func: Callable[..., T], *args: Any, timeout: float | None = -1.0, **kwargs: Any) -> T:
        """Run ``func`` on a model thread and return its value (see ``start`` and ``Job.result``)."""
        return await self.start(func, *args, timeout=timeout, **kwargs).result()

    def abandon(self, future: concurrent.futures.Future, timeout: float | None) -> None:
        """Stop waiting for ``future``: cancel it if no thread has it yet, else give its thread's place to a new one."""
        if future.cancel():
            return
        with self._lock:
            thread = self._running.get(future)
            if thread is None or thread in self._retired:
                return
            self._retired.add(thread)
        if timeout is not None:
            log.warning("a model call ran over %.0f s; a fresh thread takes its place", timeout)
        if not self._closed:
            self._spawn()

    def call_on_loop(self, callback: Callable[[], None]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(callback)
            except RuntimeError:  # the loop closed meanwhile
                pass

    def busy_threads(self) -> int:
        """How many threads are inside a model call right now (abandoned ones included)."""
        with self._lock:
            return len(self._running)

    def close(self) -> None:
        """Refuse new jobs, cancel waiting ones and let the threads end; never waits for a running call."""
        self._closed = True
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job[0].cancel()
        with self._lock:
            workers = len(self._workers)
        for _ in range(workers):
            self._jobs.put(None)

    def _spawn(self) -> None:
        thread = threading.Thread(target=self._work, name=f"onrecord-model-{next(_thread_numbers)}", daemon=True)
        with self._lock:
            self._workers.add(thread)
        thread.start()

    def _work(self) -> None:
        me = threading.current_thread()
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                future, func, args, kwargs = job
                if not future.set_running_or_notify_cancel():
                    continue
                with self._lock:
                    self._running[future] = me
                try:
                    result = func(*args, **kwargs)
                except BaseException as error:
                    future.set_exception(error)
                else:
                    future.set_result(result)
                finally:
                    with self._lock:
                        del self._running[future]
                        retired = me in self._retired
                if retired:
                    return
        finally:
            with self._lock:
                self._workers.discard(me)
                self._retired.discard(me)
