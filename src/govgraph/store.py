"""Where a build lives on disk, how it is swapped in atomically, and how the embedded store is opened.

Layout under ``$GOVGRAPH_HOME`` (default ``.govgraph``)::

    builds/<id>/dataset.nq     sorted N-Quads: the whole dataset, named graphs kept, byte-identical per input
    builds/<id>/store/         the embedded pyoxigraph store (RocksDB) loaded from it
    builds/<id>/summary.json   triples per graph, entities per class, findings
    current -> builds/<id>     a symlink, replaced in one rename when a build succeeds
    build.lock                 held while a build runs; a second build refuses with a message

A build writes into a fresh folder and only then moves ``current``: a build that fails or is killed leaves
the previous one in place, and readers never see a half-written store.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .config import home as default_home
from .errors import BuildError, GovgraphError

KEEP_BUILDS = 2


def current_build(home: Path | None = None) -> Path:
    home = home or default_home()
    current = home / "current"
    if not current.exists():
        raise GovgraphError(str(home), "no built dataset here: run `govgraph build` first")
    return current.resolve()


def open_store(home: Path | None = None) -> ox.Store:
    """The embedded store of the current build, read-only."""
    return ox.Store.read_only(str(current_build(home) / "store"))


def read_summary(home: Path | None = None) -> dict:
    return json.loads((current_build(home) / "summary.json").read_text(encoding="utf-8"))


@contextmanager
def build_lock(home: Path) -> Iterator[None]:
    """Hold the build lock; refuse at once, with a message, if another build holds it."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "build.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BuildError(str(home), f"another build is running ({holder}); try again when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sorted_nquads(quads: list[ox.Quad]) -> bytes:
    """The dataset as N-Quads, one statement a line, lines sorted: the canonical, diffable dump."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    lines.sort()
    return b"".join(lines)


class BuildWriter:
    """A new build folder being written. The embedded store can be loaded in a background thread
    (:meth:`start_store`: pyoxigraph releases the GIL while it writes RocksDB) while the build goes on with
    validation; :meth:`finish` adds the last statements, writes the dump and the summary, and swaps the folder in
    atomically; :meth:`abandon` removes it. Until :meth:`finish` renames it, nobody reads the folder."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.builds = home / "builds"
        self.builds.mkdir(parents=True, exist_ok=True)
        self.build_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        self.tmp = self.builds / f".tmp-{self.build_id}"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._store: ox.Store | None = None

    def start_store(self, nquads: bytes) -> None:
        """Load these N-Quads into the new store, in a background thread."""

        def load() -> None:
            try:
                store = ox.Store(str(self.tmp / "store"))
                store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
                self._store = store
            except BaseException as exc:  # noqa: BLE001 - re-raised by finish()
                self._error = exc

        self._thread = threading.Thread(target=load, name="govgraph-store-load", daemon=True)
        self._thread.start()

    def _join(self) -> ox.Store | None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._store

    def abandon(self) -> None:
        try:
            self._join()
        except BaseException:  # noqa: BLE001 - the folder goes anyway
            pass
        self._store = None
        shutil.rmtree(self.tmp, ignore_errors=True)

    def finish(self, dataset: bytes, summary: dict, more: list[ox.Quad] | None = None) -> Path:
        """Complete the folder: the store (started, plus ``more``, or loaded now from ``dataset``), the dump and
        the summary; then point ``current`` at it in one atomic rename."""
        tmp, builds, build_id = self.tmp, self.builds, self.build_id
        try:
            (tmp / "dataset.nq").write_bytes(dataset)
            store = self._join()
            if store is None:
                store = ox.Store(str(tmp / "store"))
                store.bulk_load(path=str(tmp / "dataset.nq"), format=ox.RdfFormat.N_QUADS)  # from the file: no copy
            elif more:
                store.extend(more)
            store.flush()
            del store
            self._store = None
            (tmp / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
            _fsync_tree(tmp)
            final = builds / build_id
            os.rename(tmp, final)
        except (OSError, RuntimeError) as exc:
            self._store = None
            shutil.rmtree(tmp, ignore_errors=True)
            raise BuildError(str(self.home), f"could not write the build ({getattr(exc, 'strerror', None) or exc}); "
                                             "the previous build is untouched") from None
        link_tmp = self.home / f".current-{build_id}"
        os.symlink(Path("builds") / build_id, link_tmp)
        os.replace(link_tmp, self.home / "current")
        _prune(builds, keep=final)
        return final


def install_build(home: Path, dataset: bytes, summary: dict) -> Path:
    """Write a complete build into a new folder, then point ``current`` at it in one atomic rename."""
    return BuildWriter(home).finish(dataset, summary)


def _fsync_tree(path: Path) -> None:
    for root, _dirs, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _prune(builds: Path, keep: Path) -> None:
    """Keep the new build and the one before it; remove older builds and leftovers of killed builds."""
    finished = sorted(p for p in builds.iterdir() if not p.name.startswith(".tmp-"))
    for old in finished[:-KEEP_BUILDS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in builds.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for link in builds.parent.glob(".current-*"):  # a build killed between making its link and moving it
        link.unlink(missing_ok=True)
