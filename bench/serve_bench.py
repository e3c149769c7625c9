"""Throughput and latency of ``govgraph serve``'s SPARQL endpoint beside the Oxigraph server, on the same data.

Both servers are started here, bound to 127.0.0.1, on the same build: ``govgraph serve --port 0`` (queries in
its worker processes) and ``oxigraph serve-read-only --union-default-graph`` on a store loaded from the same
``dataset.nq``. The load is a mix of every canned query with its default parameters, each sent as its text with
a trailing ``VALUES`` block binding them (as ``govgraph query --endpoint`` sends them to any endpoint), in
catalogue order, each client starting at a different place in the mix. Clients are threads, each with one
keep-alive HTTP/1.1 connection (``http.client``), the same code for both servers: POST
``application/sparql-query``, ``Accept: application/sparql-results+json``; a non-200 answer, a dropped
connection or a body that is not SPARQL JSON results counts as an error. Before timing, every query is sent
once to each server and the row counts compared.

For each number of clients (``--clients``), each server gets a short warm-up at that concurrency (not counted)
and then ``--duration`` seconds of load; the servers take turns, the first one alternating from cell to cell,
and ``--runs`` rounds of all that give medians (requests and errors are summed, peaks are the highest).
Requests still in flight at the end are not counted. The table gives requests, errors, good answers per second
(req/s) and their p50 and p99 latency, the peak RSS of the server's process tree (govgraph's includes its worker processes;
summed over /proc, so pages shared between processes count once per process; PSS is in the JSON), how many
processes of that tree were seen (more than are alive at once means query workers were retired and started
again during the cell), the CPU time the server's tree and the load generator spent per request, and the
ratio of throughputs govgraph / Oxigraph.
Goal: govgraph at least half of Oxigraph's throughput. The load generator runs on the same machine and shares
its cores with the servers. Written to ``--json`` (default bench/results/serve.json). Reported, never asserted.

    python bench/serve_bench.py [--duration 10] [--clients 1,8,32] [--runs 1] [--home DIR] [--workers N]
                                [--max-workers N] [--json FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO = 0.5
HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------- the query mix

def query_mix(home: Path) -> list[tuple[str, str]]:
    """Every canned query, as (name, text + VALUES block of its default parameters), in catalogue order."""
    from govgraph.queries import load_catalogue
    from govgraph.queries.engines import EmbeddedEngine, values_clause
    from govgraph.queries.params import bind
    from govgraph.store import open_store

    engine = EmbeddedEngine(open_store(home))
    catalogue = load_catalogue()
    mix = [(name, catalogue[name].text + values_clause(bind(catalogue[name], {}, engine))) for name in sorted(catalogue)]
    del engine
    return mix


# ---------------------------------------------------------------------------------------------- process trees

def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree(root: int) -> list[int]:
    """``root`` and every process descended from it."""
    children, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _rss_pss_cpu(pid: int) -> tuple[int, int, float] | None:
    """RSS and PSS in bytes and CPU seconds (user + system) of a process, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            rss = int(handle.read().split()[1]) * PAGE
        pss = 0
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        pss = int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return rss, pss, (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, ValueError, IndexError):
        return None


class Sampler:
    """Samples a server's process tree every ``interval`` seconds: peak RSS and PSS (summed over the tree), the
    processes seen, and the CPU time spent between :meth:`mark` and :meth:`read` (a process that ends between two
    samples loses what it spent after its last one)."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.lock = threading.Lock()
        self.peak_rss = self.peak_pss = 0
        self.cell_rss = self.cell_pss = 0
        self.baseline: dict[int, float] = {}  # CPU seconds of each process alive at mark()
        self.last: dict[int, float] = {}  # CPU seconds of each process seen since, at its last sample
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Sampler:
        self.mark()
        self.thread.start()
        return self

    def _sample(self) -> tuple[int, int, dict[int, float]]:
        rss = pss = 0
        cpu: dict[int, float] = {}
        for pid in tree(self.root):
            got = _rss_pss_cpu(pid)
            if got is not None:
                rss, pss, cpu[pid] = rss + got[0], pss + got[1], got[2]
        return rss, pss, cpu

    def sample(self) -> None:
        rss, pss, cpu = self._sample()
        with self.lock:
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.cell_rss, self.cell_pss = max(self.cell_rss, rss), max(self.cell_pss, pss)
            self.last.update(cpu)

    def mark(self) -> None:
        """Start a cell: forget the cell's peaks, processes and CPU so far."""
        rss, pss, cpu = self._sample()
        with self.lock:
            self.cell_rss, self.cell_pss = rss, pss
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.baseline, self.last = dict(cpu), dict(cpu)

    def read(self) -> dict:
        self.sample()
        with self.lock:
            cpu = sum(s - self.baseline.get(p, 0.0) for p, s in self.last.items())
            main = self.last.get(self.root, 0.0) - self.baseline.get(self.root, 0.0)
            return {"cpu_s": cpu, "main_cpu_s": main, "rss": self.cell_rss, "pss": self.cell_pss,
                    "processes": len(self.last)}

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self.sample()


# ---------------------------------------------------------------------------------------------- the servers

def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(host: str, port: int, path: str, text: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("POST", path, text.encode("utf-8"), HEADERS)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    def __init__(self, name: str, cmd: list[str], log: Path) -> None:
        self.name, self.cmd, self.log = name, cmd, log
        self.process: subprocess.Popen | None = None
        self.host, self.port, self.path = "127.0.0.1", 0, "/"

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        children = {pid: _cmdline(pid) for pid in tree(self.process.pid)[1:]}
        self.process.send_signal(signal.SIGINT)  # both servers shut down cleanly on Ctrl-C
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for pid, cmdline in children.items():  # a worker left behind by a server that did not stop cleanly
            if cmdline and _cmdline(pid) == cmdline:  # the same process, not a new one given its number
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    def failed(self, why: str) -> SystemExit:
        self.stop()
        tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        return SystemExit(f"serve_bench: {self.name} {why}\n{tail}")


def start_govgraph(home: Path, workers: int | None, max_workers: int | None, log: Path) -> Server:
    cmd = [sys.executable, "-m", "govgraph", "serve", "--host", "127.0.0.1", "--port", "0", "--home", str(home)]
    if workers:
        cmd += ["--workers", str(workers)]
    if max_workers:
        cmd += ["--max-workers", str(max_workers)]
    server = Server("govgraph", cmd, log)
    server.path = "/sparql"
    with log.open("wb") as err:
        server.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
    line = server.process.stdout.readline().decode().strip()  # the base URL, once it listens
    if not line.startswith("http://127.0.0.1:"):
        raise server.failed(f"did not start (first line {line!r})")
    server.port = int(line.rsplit(":", 1)[1].strip("/"))
    return server


def start_oxigraph(binary: str, dataset: Path, location: Path, log: Path) -> Server:
    subprocess.run([binary, "load", "--location", str(location), "--file", str(dataset)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    cmd = [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
           "--union-default-graph"]
    server = Server("oxigraph", cmd, log)
    server.port, server.path = port, "/query"
    with log.open("wb") as err:
        server.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            if ask(server.host, port, server.path, "ASK {}", timeout=2)[0] == 200:
                return server
        except OSError:
            pass
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise server.failed("did not start")
        time.sleep(0.05)


# ---------------------------------------------------------------------------------------------- the load

def answer_rows(body: bytes) -> int | None:
    """The number of rows (or 1 for a boolean) of a SPARQL JSON results body; None if it is not one."""
    try:
        answer = json.loads(body)
        if "boolean" in answer:
            return 1
        return len(answer["results"]["bindings"]) if isinstance(answer["head"]["vars"], list) else None
    except (ValueError, KeyError, TypeError):
        return None


def client(server: Server, mix: list[tuple[str, str]], start: int, deadline: float, out: list) -> None:
    """One client: one keep-alive connection, the mix in order from ``start``, until ``deadline``; appends
    (finished at, latency s, ok) for every request."""
    bodies = [text.encode("utf-8") for _name, text in mix]
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    i = start
    while True:
        began = time.perf_counter()
        if began >= deadline:
            break
        try:
            conn.request("POST", server.path, bodies[i % len(bodies)], HEADERS)
            response = conn.getresponse()
            body = response.read()
            ok = response.status == 200 and bool(body) and answer_rows(body) is not None
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
        ended = time.perf_counter()
        out.append((ended, ended - began, ok))
        i += 1
    conn.close()


def load(server: Server, mix: list, clients: int, seconds: float) -> dict:
    per_client: list[list] = [[] for _ in range(clients)]
    began = time.perf_counter()
    deadline = began + seconds
    step = max(1, len(mix) // clients) if clients <= len(mix) else 1
    threads = [threading.Thread(target=client, args=(server, mix, (k * step) % len(mix), deadline, per_client[k]))
               for k in range(clients)]
    cpu = time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu = time.process_time() - cpu
    done = [r for rs in per_client for r in rs if r[0] <= deadline]
    latencies = sorted(r[1] for r in done if r[2])  # of the good answers: a refused connection is quick

    def pct(q: float) -> float:  # nearest rank
        return latencies[max(0, math.ceil(q * len(latencies)) - 1)] * 1000 if latencies else 0.0

    good = len(latencies)
    return {"requests": len(done), "errors": len(done) - good, "req_per_s": good / seconds,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0,
            "client_cpu_s": cpu}


def check_answers(servers: list[Server], mix: list) -> list[str]:
    """Every query once on each server: problems (errors, differing row counts), as lines."""
    problems = []
    for name, text in mix:
        counts = {}
        for server in servers:
            try:
                status, body = ask(server.host, server.port, server.path, text)
                counts[server.name] = answer_rows(body) if status == 200 else f"HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                counts[server.name] = f"no answer ({exc or type(exc).__name__})"
        if len(set(map(str, counts.values()))) != 1 or None in counts.values():
            problems.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return problems


def summarise(runs: list[dict], servers: list[str], clients: list[int]) -> list[dict]:
    """One row per server and client count over the runs: requests and errors summed, peaks and processes at
    their highest, everything else the median."""
    rows = []
    for n in clients:
        for name in servers:
            mine = [c for c in runs if c["server"] == name and c["clients"] == n]
            row = {"server": name, "clients": n}
            for key in mine[0]:
                if key in ("server", "clients", "run"):
                    continue
                values = [c[key] for c in mine]
                row[key] = (sum(values) if key in ("requests", "errors") else
                            max(values) if key.startswith("peak") or key == "processes" else statistics.median(values))
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------- the command

def source_state() -> str:
    """The commit measured, and whether the server's code had changes not committed yet."""
    import govgraph

    package = Path(govgraph.__file__).resolve().parent
    if package != ROOT / "src" / "govgraph":
        return f"from {package}"
    try:
        def git(*a):
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in src/govgraph/serve"
                                                        if git("status", "--porcelain", "src/govgraph/serve") else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per server and client count")
    parser.add_argument("--clients", default="1,8,32", help="numbers of concurrent clients (default 1,8,32)")
    parser.add_argument("--home", type=Path, help="a built GOVGRAPH_HOME (default: build into a temporary folder)")
    parser.add_argument("--workers", type=int, help="govgraph serve --workers (default: its own)")
    parser.add_argument("--max-workers", type=int, help="govgraph serve --max-workers (default: its own)")
    parser.add_argument("--runs", type=int, default=1, help="rounds of every cell, alternately (default 1); "
                                                            "the table gives medians")
    parser.add_argument("--warmup", type=float, help="seconds of uncounted load before each cell (default "
                                                     "duration / 5, at most 2)")
    parser.add_argument("--oxigraph", help="the oxigraph binary (default: beside this Python, else on PATH)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "serve.json")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",") if c.strip()]
    source = source_state()
    warmup = args.warmup if args.warmup is not None else min(2.0, args.duration / 5)
    binary = args.oxigraph or (str(Path(sys.executable).parent / "oxigraph")
                               if (Path(sys.executable).parent / "oxigraph").exists() else shutil.which("oxigraph"))
    if not binary:
        raise SystemExit("serve_bench: no oxigraph binary (pip install oxigraph, or give --oxigraph PATH)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        home = args.home.resolve() if args.home else tmp / "home"
        if not args.home:
            subprocess.run([sys.executable, "-m", "govgraph", "build"], env={**os.environ, "GOVGRAPH_HOME": str(home)},
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dataset = (home / "current" / "dataset.nq").resolve()
        quads = sum(1 for _ in dataset.open("rb"))
        mix = query_mix(home)
        servers: list[Server] = []
        samplers: dict[str, Sampler] = {}
        try:
            servers.append(start_govgraph(home, args.workers, args.max_workers, tmp / "govgraph.log"))
            servers.append(start_oxigraph(binary, dataset, tmp / "oxigraph-store", tmp / "oxigraph.log"))
            samplers = {s.name: Sampler(s.process.pid).start() for s in servers}
            problems = check_answers(servers, mix)
            print(f"govgraph {source}; {quads:,} quads; mix of {len(mix)} canned queries; {args.duration:g} s per cell after "
                  f"{warmup:g} s warm-up, {args.runs} run(s); {os.cpu_count()} CPUs shared by both servers and the load generator",
                  file=sys.stderr)
            for line in problems:
                print(f"  answers differ: {line}", file=sys.stderr)
            runs = []
            exited: dict[str, int] = {}
            for run, (row, n) in ((r, rn) for r in range(args.runs) for rn in enumerate(clients)):
                for server in servers if (row + run) % 2 == 0 else servers[::-1]:
                    if warmup > 0:
                        load(server, mix, n, warmup)
                    sampler = samplers[server.name]
                    sampler.mark()
                    cell = load(server, mix, n, args.duration)
                    tree_use = sampler.read()
                    cell.update(server=server.name, clients=n, run=run + 1, peak_rss_mb=tree_use["rss"] / 2**20,
                                peak_pss_mb=tree_use["pss"] / 2**20, processes=tree_use["processes"],
                                server_cpu_ms_per_req=tree_use["cpu_s"] * 1000 / max(1, cell["requests"]),
                                server_main_cpu_ms_per_req=tree_use["main_cpu_s"] * 1000 / max(1, cell["requests"]),
                                client_cpu_ms_per_req=cell.pop("client_cpu_s") * 1000 / max(1, cell["requests"]))
                    runs.append(cell)
                    print(f"  run {run + 1}: {server.name:<9} {n:>3} clients: {cell['req_per_s']:8.1f} req/s, "
                          f"{cell['errors']} errors", file=sys.stderr)
                    if server.process.poll() is not None and server.name not in exited:
                        exited[server.name] = server.process.returncode
                        tail = server.log.read_text(errors="replace")[-3000:] if server.log.exists() else ""
                        print(f"serve_bench: {server.name} exited (status {server.process.returncode}) during the "
                              f"run; the end of its log:\n{tail}", file=sys.stderr)
            peaks = {name: {"peak_rss_mb": round(s.peak_rss / 2**20, 1), "peak_pss_mb": round(s.peak_pss / 2**20, 1)}
                     for name, s in samplers.items()}
        finally:
            for s in samplers.values():
                s.stop.set()
            for server in servers:
                server.stop()

    cells = summarise(runs, [s.name for s in servers], clients)
    by = {(c["server"], c["clients"]): c for c in cells}
    ratios = {n: by[("govgraph", n)]["req_per_s"] / by[("oxigraph", n)]["req_per_s"]
              if by[("oxigraph", n)]["req_per_s"] else None for n in clients}
    met = [n for n in clients if ratios[n] is not None and ratios[n] >= GOAL_RATIO
           and not by[("govgraph", n)]["errors"]]
    result = {
        "source": source, "quads": quads, "duration_s": args.duration, "warmup_s": warmup, "cpus": os.cpu_count(),
        "workers": args.workers, "max_workers": args.max_workers, "mix": [name for name, _ in mix],
        "goal_ratio": GOAL_RATIO, "goal_met_at_clients": met, "servers_exited": exited, "answer_mismatches": problems, "peaks": peaks,
        "ratio_govgraph_over_oxigraph": {str(n): round(r, 3) if r is not None else None for n, r in ratios.items()},
        "runs": args.runs,
        "cells": [{k: round(v, 3) if isinstance(v, float) else v for k, v in c.items()} for c in cells],
        "each_run": [{k: round(v, 3) if isinstance(v, float) else v for k, v in c.items()} for c in runs],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")

    print(f"\n{'server':<9} {'clients':>7} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'RSS MB':>7} {'procs':>5} {'srv CPU ms/req':>14} {'gen CPU ms/req':>14} {'ratio':>6}")
    for c in cells:
        ratio = f"{ratios[c['clients']]:.2f}" if c["server"] == "govgraph" and ratios[c["clients"]] is not None else ""
        print(f"{c['server']:<9} {c['clients']:>7} {c['requests']:>9,} {c['errors']:>7} {c['req_per_s']:>8.1f} "
              f"{c['p50_ms']:>8.1f} {c['p99_ms']:>8.1f} {c['peak_rss_mb']:>7.0f} {c['processes']:>5} "
              f"{c['server_cpu_ms_per_req']:>14.2f} {c['client_cpu_ms_per_req']:>14.2f} {ratio:>6}")
    print("req/s = good answers per second; ratio = govgraph / oxigraph req/s. RSS = peak of the server's process "
          "tree in the cell (summed RSS: shared pages count once per process); procs = processes of that tree seen in "
          "the cell (more than are alive at once means workers were retired and started again); srv CPU = CPU time "
          "of the server's tree, gen CPU = the load generator's (this process), per request")
    print("peak RSS over the run: " + ", ".join(f"{k} {v['peak_rss_mb']:.0f} MB (PSS {v['peak_pss_mb']:.0f} MB)"
                                                for k, v in peaks.items()))
    print(f"goal: govgraph at least {GOAL_RATIO:g}x Oxigraph's throughput -- met at "
          f"{', '.join(map(str, met)) or 'no'} of {', '.join(map(str, clients))} clients (without errors)")
    if problems:
        print(f"{len(problems)} queries answered differently by the two servers (see above)")
    for name, status in exited.items():
        print(f"{name} exited during the run (status {status}): its rows after that are not measurements")


if __name__ == "__main__":
    main()
