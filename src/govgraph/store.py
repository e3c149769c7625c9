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


def install_build(home: Path, dataset: bytes, summary: dict) -> Path:
    """Write a complete build into a new folder, then point ``current`` at it in one atomic rename."""
    builds = home / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    build_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    tmp = builds / f".tmp-{build_id}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        (tmp / "dataset.nq").write_bytes(dataset)
        store = ox.Store(str(tmp / "store"))
        store.bulk_load(dataset, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        _fsync_tree(tmp)
        final = builds / build_id
        os.rename(tmp, final)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(str(home), f"could not write the build ({exc.strerror or exc}); the previous build is untouched") from None
    link_tmp = home / f".current-{build_id}"
    os.symlink(Path("builds") / build_id, link_tmp)
    os.replace(link_tmp, home / "current")
    _prune(builds, keep=final)
    return final


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
