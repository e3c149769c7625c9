"""A pool of query worker processes, each bounded in time: a request past its limit kills its worker.

Why processes: pyoxigraph has no way to cancel a query, and a thread cannot be stopped, so the only way to
really stop a runaway query is to end the process running it. The pool keeps ``size`` workers ready and grows
to ``max_size`` under load (a burst of slow queries then does not hold up the fast ones until it has used
every worker); extra workers retire when they fall idle. A query that has run for half a second has its
worker's priority lowered, so that on a small machine a few slow queries cannot starve the fast ones of CPU. Requests wait in a bounded queue when every worker
is busy; beyond it the server answers "busy" at once instead of piling up work.

Each worker opens the build ``current`` points at when it starts. When a new build is installed, workers
finish their request and are replaced by ones opening the new build, so ``govgraph build`` while serving
swaps the data in without a restart, and no request ever sees half of one build and half of another.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import GovgraphError
from . import worker as worker_module

# Workers are forked from a fork server that has already imported what they need: a new worker is ready in
# milliseconds even when every core is busy (a spawned interpreter took seconds under a burst of slow
# queries), and nothing is forked from the server itself, which has threads and an event loop.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["govgraph.serve.worker", "govgraph.queries", "govgraph.queries.params",
                                 "govgraph.export.jsonld", "govgraph.rdf"])
READY_TIMEOUT = 60.0
SLOW_AFTER = 0.5  # seconds after which a running query's worker yields the CPU to the others
SLOW_NICE = 10
# Lowering a worker's priority can only be undone with privileges (root or CAP_SYS_NICE); without them a
# worker would stay slow or have to be replaced after every long query, so the pool does not try.
CAN_RENICE = hasattr(os, "setpriority") and os.geteuid() == 0
IDLE_RETIRE = 30.0  # seconds a worker started for a burst stays idle before it retires


class PoolError(Exception):
    """A request the pool could not answer; ``status`` is the HTTP status to give."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(eq=False)
class Worker:
    process: multiprocessing.process.BaseProcess
    conn: object  # multiprocessing.connection.Connection
    build: str
    niced: bool = False
    idle_since: float = 0.0

    def yield_cpu(self) -> None:
        """Lower this worker's priority: its query has run long, and short queries should not wait behind it."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, SLOW_NICE)
            self.niced = True
        except OSError:
            pass

    def restore_priority(self) -> bool:
        """Back to normal priority for the next query; False if the system does not allow it."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, 0)
        except OSError:
            return False
        self.niced = False
        return True

    async def receive(self, timeout: float | None):
        """The next message from the worker; :class:`asyncio.TimeoutError` after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, timeout)
        finally:
            loop.remove_reader(fd)
        return self.conn.recv()

    def kill(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.process.is_alive():
            self.process.kill()


class WorkerPool:
    def __init__(self, build: Callable[[], str], size: int = 2, max_size: int = 8, max_queue: int = 256,
                 link: str | None = None) -> None:
        self.build = build  # the build folder to serve (resolved again for every new worker)
        self.link = link  # the `current` symlink, whose change means a new build
        self.size = max(1, size)
        self.max_size = max(self.size, max_size)
        self.max_queue = max_queue
        self._idle: list[Worker] = []
        self._waiters: deque[asyncio.Future] = deque()
        self._count = 0  # workers alive or starting
        self._closing = False
        self._tasks: set[asyncio.Task] = set()
        self.killed = 0  # workers killed at their time limit (reported by /status and the tests)
        self._live: set[Worker] = set()
        self._sweeping = False
        self._current_link: tuple[str, str] = ("", "")  # (readlink of `current`, the build folder it gives)

    # ---------------------------------------------------------------- life cycle

    async def start(self) -> None:
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
        for w in workers:
            self._release(w)

    async def close(self) -> None:
        self._closing = True
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(PoolError(503, "the server is shutting down"))
        for w in self._idle:
            w.kill()
        self._idle.clear()
        for task in list(self._tasks):
            task.cancel()

    async def _spawn(self, reserved: bool = False) -> Worker:
        """A new worker, ready. ``reserved``: the caller has already counted it (so that several requests in
        the same instant cannot start more than ``max_size`` workers between them)."""
        if not reserved:
            self._count += 1
        try:
            build = self.build()
            parent, child = _CONTEXT.Pipe()
            process = _CONTEXT.Process(target=worker_module.main, args=(child, os.path.join(build, "store")),
                                       daemon=True, name="govgraph-query-worker")
            await asyncio.get_running_loop().run_in_executor(None, process.start)
            child.close()
            w = Worker(process, parent, build)
            self._live.add(w)
            try:
                message = await w.receive(READY_TIMEOUT)
            except (TimeoutError, EOFError, OSError):
                w.kill()
                raise PoolError(503, "a query worker did not start") from None
            if message[0] != "ready":
                w.kill()
                raise PoolError(503, message[1])
            return w
        except BaseException:
            self._count -= 1
            raise

    def _spawn_in_background(self) -> None:
        self._count += 1

        async def grow():
            try:
                self._release(await self._spawn(reserved=True))
            except PoolError as exc:
                if self._waiters and self._count == 0:
                    waiter = self._waiters.popleft()
                    if not waiter.done():
                        waiter.set_exception(exc)

        task = asyncio.get_running_loop().create_task(grow())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ---------------------------------------------------------------- workers in and out

    async def _acquire(self) -> Worker:
        if self._idle:
            return self._idle.pop()
        if self._closing:
            raise PoolError(503, "the server is shutting down")
        if len(self._waiters) >= self.max_queue:
            raise PoolError(503, "the server is busy: too many queries are waiting; try again shortly")
        if self._count < self.max_size:
            self._spawn_in_background()
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())  # the request went away after a worker was handed to it
            raise
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def _release(self, w: Worker) -> None:
        if self._closing or not w.process.is_alive():
            self._discard(w)
            return
        current = self._current()
        if current and w.build != current:
            self._discard(w)  # a newer build is installed: replace this worker by one that opens it
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(w)
                return
        w.idle_since = time.monotonic()
        self._idle.append(w)
        if self._count > self.size and not self._sweeping:
            self._sweeping = True
            asyncio.get_running_loop().call_later(IDLE_RETIRE, self._retire_idle)

    def _retire_idle(self) -> None:
        """Load has dropped: retire the workers beyond ``size`` that have been idle for IDLE_RETIRE seconds."""
        self._sweeping = False
        if self._closing:
            return
        now = time.monotonic()
        for w in sorted(self._idle, key=lambda w: w.idle_since):
            if self._count <= self.size:
                break
            if now - w.idle_since >= IDLE_RETIRE:
                self._idle.remove(w)
                self._discard(w)
        if self._count > self.size:
            self._sweeping = True
            asyncio.get_running_loop().call_later(IDLE_RETIRE, self._retire_idle)

    def _discard(self, w: Worker) -> None:
        w.kill()
        self._live.discard(w)
        self._count -= 1
        loop = asyncio.get_running_loop()
        loop.run_in_executor(None, w.process.join, 5)
        if not self._closing and (self._count < self.size or self._waiters):
            self._spawn_in_background()

    def _current(self) -> str:
        """The build folder to serve now; re-resolved only when the ``current`` link changes (one readlink)."""
        try:
            link = os.readlink(self.link) if self.link else ""
            if link and link == self._current_link[0]:
                return self._current_link[1]
            folder = self.build()
        except (GovgraphError, OSError):  # the current build vanished: keep serving the one we have
            return ""
        self._current_link = (link, folder)
        return folder

    # ---------------------------------------------------------------- requests

    async def call(self, request: tuple, timeout: float):
        """Send ``request`` to a worker and return its reply; past ``timeout`` seconds the worker is killed and
        :class:`PoolError` 503 raised."""
        w = await self._acquire()
        nicer = asyncio.get_running_loop().call_later(SLOW_AFTER, w.yield_cpu) if CAN_RENICE else None
        try:
            w.conn.send(request)
            reply = await w.receive(timeout)
        except TimeoutError:
            self.killed += 1
            self._discard(w)
            raise PoolError(503, f"the query was stopped at the time limit of {timeout:g} s") from None
        except (EOFError, OSError, BrokenPipeError):
            self._discard(w)
            raise PoolError(500, "the query worker ended unexpectedly (out of memory?); the query was not answered") from None
        except BaseException:
            self._discard(w)  # the client went away mid-query: stop the work it asked for
            raise
        finally:
            if nicer is not None:
                nicer.cancel()
        if w.niced and not w.restore_priority():
            self._discard(w)  # a worker that cannot get its priority back is replaced by a fresh one
        else:
            self._release(w)
        return reply

    def status(self) -> dict:
        return {"workers": self._count, "idle": len(self._idle), "waiting": len(self._waiters),
                "min_workers": self.size, "max_workers": self.max_size, "killed_at_time_limit": self.killed,
                "pids": sorted(w.process.pid for w in self._live if w.process.pid)}
