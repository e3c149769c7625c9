"""Builds survive faults, and readers survive builds.

Real ``govgraph build`` processes into a copy of a built ``GOVGRAPH_HOME``: killed with SIGKILL at seeded random
moments over the whole length of a build and at each step of installing one, writing on a full disk (a file size
limit, and a small tmpfs where mounting is allowed), reading a source that is a folder, not UTF-8 or binary. Each
time the previous dataset (``current/dataset.nq``, byte for byte) and store are intact and ``govgraph query`` gives
the same answer; a build that fails says so in one line and exits 1; a later build leaves no leftovers.
Concurrency: queries answered in a loop while builds run see the old or the new answer, never an error; two builds
started at the same moment never both write (one refuses with a message), and ``current`` is always complete.
"""

from __future__ import annotations

import itertools
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from govgraph.build import build
from govgraph.queries import EmbeddedEngine, find, run
from govgraph.store import KEEP_BUILDS, open_store

PARIS_SEED = "000_5a39d49eebf9bea7.txt"
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
EXTRA = '<https://w3id.org/govgraph/id/state/FRA> <http://www.w3.org/2000/01/rdf-schema#comment> "a reliability test"@en .\n'
TIMEOUT = 120  # seconds for any one build or query process: a hang fails the test instead of the run


def environment(home: Path, seeds: Path = SEEDS) -> dict:
    return {**os.environ, "GOVGRAPH_HOME": str(home), "GOVGRAPH_SEEDS": str(seeds)}


def start_build(home: Path, *args: str, seeds: Path = SEEDS, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "govgraph", "build", *args], env=environment(home, seeds),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)


def signatories_csv(home: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "govgraph", "query", "signatories", "-f", "csv"],
                            env=environment(home), capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Snapshot:
    """What a home's current build is: its folder, its dataset's bytes, and the CLI's answer to signatories."""

    def __init__(self, home: Path, with_cli: bool = True) -> None:
        self.target = os.readlink(home / "current")
        self.dataset = (home / "current" / "dataset.nq").read_bytes()
        self.signatories = signatories_csv(home) if with_cli else None


def assert_complete(home: Path, dataset: bytes) -> None:
    """``current`` is a whole build: the expected dataset, a store holding every quad of it, a summary."""
    current = home / "current"
    assert (current / "dataset.nq").read_bytes() == dataset
    store = open_store(home)
    count = int(next(iter(store.query(COUNT_QUADS)))["n"].value)
    assert count == dataset.count(b"\n"), "the store does not hold the dataset"
    del store
    assert '"triples"' in (current / "summary.json").read_text(encoding="utf-8")


def assert_unchanged(home: Path, before: Snapshot, check_cli: bool = True) -> None:
    assert os.readlink(home / "current") == before.target, "current was moved"
    assert_complete(home, before.dataset)
    if check_cli:
        assert signatories_csv(home) == before.signatories, "govgraph query answers differently"


def assert_no_leftovers(home: Path) -> None:
    builds = home / "builds"
    assert not list(builds.glob(".tmp-*")), sorted(p.name for p in builds.iterdir())
    assert not list(home.glob(".current-*")), sorted(p.name for p in home.iterdir())
    assert len([p for p in builds.iterdir()]) <= KEEP_BUILDS, sorted(p.name for p in builds.iterdir())


def assert_one_clear_line(stderr: str, *expected: str) -> str:
    """The failure is one line starting ``govgraph:`` (beside the progress line), without a traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("govgraph: building into ")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("govgraph: "), lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, float, Snapshot]:
    """A home holding one build made by a real ``govgraph build``, how long that build took, and its snapshot."""
    home = tmp_path_factory.mktemp("reliability") / "base"
    started = time.monotonic()
    process = start_build(home)
    _out, err = process.communicate(timeout=TIMEOUT)
    seconds = time.monotonic() - started
    assert process.returncode == 0, err
    return home, seconds, Snapshot(home)


@pytest.fixture
def home(base, tmp_path) -> Path:
    """A copy of the base home: a previous build to keep intact."""
    copy = tmp_path / "home"
    shutil.copytree(base[0], copy, symlinks=True)
    return copy


# --- 2. faults -------------------------------------------------------------------------------------------------


def test_builds_killed_at_random_moments(base, home):
    """SIGKILL at seeded random moments spread over the whole length of a build (measured, not guessed)."""
    _base, seconds, before = base
    rng = random.Random(8)
    kills = 6
    delays = [(i + rng.random()) * seconds * 1.1 / kills for i in range(kills)]  # one in each slice of the build
    swapped = 0
    for delay in delays:
        process = start_build(home)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=TIMEOUT)
        assert_complete(home, before.dataset)  # the previous build, or the new one if the kill came after the swap
        swapped += os.readlink(home / "current") != before.target
    assert signatories_csv(home) == before.signatories
    assert swapped < kills, "every kill came after the build had finished: the delays do not cover the build"
    assert build(home=home, seeds=SEEDS).failure is None, "a build after the kills succeeds"
    assert_complete(home, before.dataset)
    assert_no_leftovers(home)


# Kill the build at each step of installing it (the random kills rarely land in these few milliseconds).
KILL_AT = """
import os, signal, sys
from pathlib import Path
import govgraph.store as store

point = sys.argv[1]

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def before(original, wanted):
    def wrapper(*args, **kwargs):
        if wanted(*args):
            die()
        return original(*args, **kwargs)
    return wrapper

if point == "store written, not renamed":
    store._fsync_tree = die
elif point == "renamed, not linked":
    os.symlink = before(os.symlink, lambda src, dst, *a: Path(dst).name.startswith(".current-"))
elif point == "linked, not swapped":
    os.replace = before(os.replace, lambda src, dst, *a: Path(dst).name == "current")
elif point == "swapped, not pruned":
    store._prune = die
from govgraph.cli import main
sys.exit(main(["build"]))
"""
KILL_POINTS = ["store written, not renamed", "renamed, not linked", "linked, not swapped", "swapped, not pruned"]


def test_builds_killed_at_each_step_of_installing(base, home):
    _base, _seconds, before = base
    for point in KILL_POINTS:
        target = os.readlink(home / "current")
        killed = subprocess.run([sys.executable, "-c", KILL_AT, point], env=environment(home),
                                capture_output=True, text=True, timeout=TIMEOUT, check=False)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        moved = os.readlink(home / "current") != target
        assert moved == (point == "swapped, not pruned"), point
        assert_complete(home, before.dataset)
    assert build(home=home, seeds=SEEDS).failure is None, "a build after the kills succeeds"
    assert_complete(home, before.dataset)
    assert_no_leftovers(home)
    assert signatories_csv(home) == before.signatories


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_file_size_limit(base, home):
    """No file may grow past 1 MB: the dataset (2.5 MB) cannot be written."""
    _base, _seconds, before = base
    process = start_build(home, preexec_fn=_file_size_limit(1 << 20))
    _out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 1, err
    assert_one_clear_line(err, "could not write the build", "the previous build is untouched")
    assert not list((home / "builds").glob(".tmp-*")), "the half-written build was not removed"
    assert_unchanged(home, before)


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs mounted for the test (root with CAP_SYS_ADMIN only), resizable with ``resize(bytes)``."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], capture_output=True, text=True,
                          check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to fill up ({made.stderr.strip() or 'mount failed'})")

    def resize(size: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(mount)], check=True, capture_output=True)

    try:
        yield mount, resize
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


@pytest.mark.parametrize("room", [256 * 1024, 4 << 20], ids=["full while writing the dataset", "full while loading the store"])
def test_a_full_disk(base, small_disk, room):
    """A real ENOSPC: the home on a tmpfs with ``room`` bytes left (a build needs ~9 MB at its peak)."""
    _base, _seconds, before = base
    mount, resize = small_disk
    home = mount / "home"
    shutil.copytree(base[0], home, symlinks=True)
    resize(shutil.disk_usage(mount).used + room)
    process = start_build(home)
    _out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 1, err
    assert_one_clear_line(err, "could not write the build", "No space left on device")
    assert not list((home / "builds").glob(".tmp-*")), "the half-written build was not removed"
    assert_unchanged(home, before)


def _seeds_with(tmp_path: Path, name: str, make) -> Path:
    """A copy of the seeds folder in which the Paris statement is replaced by what ``make(path)`` makes."""
    seeds = tmp_path / name
    shutil.copytree(SEEDS, seeds)
    (seeds / PARIS_SEED).unlink()
    make(seeds / PARIS_SEED)
    return seeds


def test_an_unreadable_source(base, home, tmp_path):
    _base, _seconds, before = base
    if not (SEEDS / PARIS_SEED).is_file():
        pytest.skip(f"seed text {PARIS_SEED} is not in {SEEDS}")
    text = (SEEDS / PARIS_SEED).read_bytes()
    middle = len(text) // 2
    seeds = {
        "a folder": (_seeds_with(tmp_path, "folder", Path.mkdir), "is a folder"),
        "not UTF-8": (_seeds_with(tmp_path, "latin", lambda p: p.write_bytes(text[:middle] + b"\xff\xfe" + text[middle:])),
                      "not UTF-8 text"),
        "binary": (_seeds_with(tmp_path, "binary", lambda p: p.write_bytes(text[:middle] + b"\x00\x01\x02" + text[middle:])),
                   "binary file"),
    }
    for case, (folder, expected) in seeds.items():
        process = start_build(home, seeds=folder)
        _out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 1, (case, err)
        assert_one_clear_line(err, str(folder / PARIS_SEED), expected)
        assert_unchanged(home, before, check_cli=False)
    folder = tmp_path / "extra.ttl"
    folder.mkdir()
    binary = tmp_path / "extra.nq"
    binary.write_bytes(bytes(range(256)) * 64)
    for extra, expected in ((folder, "cannot be read"), (binary, "not valid")):
        process = start_build(home, "--with", str(extra))
        _out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 1, err
        assert_one_clear_line(err, str(extra), expected)
    assert_unchanged(home, before)
    assert not list((home / "builds").glob(".tmp-*")) and len(list((home / "builds").iterdir())) == 1


# --- 3. concurrency --------------------------------------------------------------------------------------------


def test_queries_are_answered_while_builds_run(base, home, tmp_path):
    """Two builds in a row (the first adds a triple, the second takes it away again, pruning the original build)
    while queries run in a loop on the embedded store and through ``govgraph query``: every answer is the old
    or the new one, and there is never an error."""
    _base, _seconds, before = base
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    count_rq = tmp_path / "count.rq"
    count_rq.write_text(COUNT_QUADS + "\n", encoding="utf-8")
    count = find(str(count_rq))

    def answer() -> tuple[int, tuple]:
        engine = EmbeddedEngine(open_store(home))
        return run(count, engine).rows[0][0], tuple(map(tuple, run("signatories", engine).rows))

    old = answer()
    new = (old[0] + 1, old[1])
    seen: list[tuple] = []
    cli_answers: list[str] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def cli_loop() -> None:  # a few real `govgraph query` processes, spread over the builds
        while not done.wait(0.5):
            try:
                cli_answers.append(signatories_csv(home))
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)

    reader = threading.Thread(target=cli_loop)
    reader.start()
    try:
        for args in (["--with", str(extra)], []):
            process = start_build(home, *args)
            while process.poll() is None:
                seen.append(answer())
            assert process.returncode == 0, process.stderr.read()
            seen.append(answer())
    finally:
        done.set()
        reader.join(timeout=TIMEOUT)
    assert not errors, errors
    assert set(seen) <= {old, new}, "an answer that is neither the old nor the new one"
    assert seen[0] == old and seen[-1] == old and new in seen, "the answers did not follow the builds"
    changes = sum(a != b for a, b in itertools.pairwise(seen))
    assert changes == 2, f"the answer flickered ({changes} changes)"
    assert len(seen) > 20, f"only {len(seen)} queries were answered during the builds"
    assert cli_answers and set(cli_answers) == {before.signatories}
    assert_no_leftovers(home)


def test_two_builds_started_together(base, home):
    """Several times: two builds at the same moment. One builds, the other refuses in one line; never both."""
    _base, _seconds, before = base
    refused = 0
    for _round in range(3):
        builds = [start_build(home) for _ in range(2)]
        results = [(b.wait(timeout=TIMEOUT), b.stderr.read()) for b in builds]
        codes = sorted(code for code, _err in results)
        assert codes in ([0, 0], [0, 1]), results
        for code, err in results:
            if code == 1:
                refused += 1
                assert_one_clear_line(err, "another build is running", "try again when it has finished")
        assert_complete(home, before.dataset)
        assert_no_leftovers(home)
    assert refused >= 2, "the builds did not overlap: the test did not test two builds at once"
    assert signatories_csv(home) == before.signatories

