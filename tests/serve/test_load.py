"""The server under load, on loopback only and bounded in count and time (issue 8, scope 4).

32 clients with keep-alive connections ask the canned-query mix for ``GOVGRAPH_LOAD_SECONDS`` (default 60):
every answer must be correct (the canned downloads equal the embedded store's answers, rendered as the CLI
renders them; raw SPARQL answers never change under load), with zero errors, and the memory of the server
with its workers stays bounded. A burst of slow queries is cut at the time limit while fast queries are still
answered in time. The figures (requests/s, p50, p99, peak memory) are printed to the test log.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import threading
import time
import urllib.parse

import pytest

from conftest import govgraph_server

LOAD_SECONDS = float(os.environ.get("GOVGRAPH_LOAD_SECONDS", "60"))
CLIENTS = 32
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def tree_rss(pids: list[int]) -> int:
    """Resident memory in bytes of these processes (those that still exist)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def status_of(base: str) -> dict:
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/status")
    answer = json.loads(connection.getresponse().read())
    connection.close()
    return answer


@pytest.fixture(scope="module")
def mix(built):
    """(method, path, body, headers, expected body or None) for every canned query, twice over: its download,
    whose exact bytes are known from the embedded store, and its text sent to /sparql."""
    from govgraph.queries import EmbeddedEngine, load_catalogue, run
    from govgraph.queries.engines import values_clause
    from govgraph.queries.params import bind
    from govgraph.store import open_store

    engine = EmbeddedEngine(open_store(built[1]))
    requests = []
    for name, query in sorted(load_catalogue().items()):
        answer = run(query, engine)
        requests.append(("GET", f"/queries/{name}.json", None, {}, answer.to("json").encode("utf-8")))
        text = query.text + values_clause(bind(query, {}, engine))
        requests.append(("POST", "/sparql", text.encode("utf-8"),
                         {"Content-Type": "application/sparql-query", "Accept": "text/csv"}, None))
    requests.append(("GET", "/id/state/FRA", None, {"Accept": "application/n-triples"}, None))
    return requests


def test_32_clients_for_a_minute_get_correct_answers(served, mix, capsys):
    parts = urllib.parse.urlsplit(served)
    first: dict[str, bytes] = {}
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    per_client = [0] * CLIENTS
    deadline = time.monotonic() + LOAD_SECONDS
    info = status_of(served)
    pids = [info["server_pid"], *info["pids"]]
    peak = [tree_rss(pids)]

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        i = number
        while time.monotonic() < deadline:
            method, path, body, headers, expected = mix[i % len(mix)]
            i += 1
            started = time.monotonic()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"{path}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                continue
            elapsed = time.monotonic() - started
            key = f"{method} {path} {body!r}"
            with lock:
                latencies.append(elapsed)
                per_client[number] += 1
                if response.status != 200:
                    errors.append(f"{path}: HTTP {response.status} {answer[:200]!r}")
                elif expected is not None and answer != expected:
                    errors.append(f"{path}: wrong answer")
                elif expected is None and first.setdefault(key, answer) != answer:
                    errors.append(f"{path}: the answer changed under load")
        connection.close()

    def sample() -> None:
        while time.monotonic() < deadline:
            try:
                current = status_of(served)
                peak[0] = max(peak[0], tree_rss([current["server_pid"], *current["pids"]]))
            except OSError:
                pass
            time.sleep(0.5)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)] + [threading.Thread(target=sample)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 120)
    wall = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "a client hung"
    latencies.sort()
    summary = {"clients": CLIENTS, "seconds": round(wall, 1), "requests": len(latencies), "errors": len(errors),
               "requests_per_s": round(len(latencies) / wall, 1),
               "p50_ms": round(1000 * statistics.median(latencies), 1),
               "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
               "peak_rss_mib": round(peak[0] / 2**20)}
    with capsys.disabled():
        print(f"\nload test: {json.dumps(summary)}")
    assert errors == [], errors[:10]
    assert all(n > 0 for n in per_client), "every client was answered"
    assert len(latencies) >= CLIENTS * 5
    assert peak[0] < 2 * 2**30, f"the server and its workers used {peak[0] / 2**20:.0f} MiB"
    assert status_of(served)["workers"] <= status_of(served)["max_workers"]


@pytest.fixture(scope="module")
def short_limit(built):
    with govgraph_server(built[1], "--timeout", "2", "--workers", "2", "--max-workers", "8") as url:
        yield url


def test_a_burst_of_slow_queries_is_cut_while_fast_ones_are_answered(short_limit):
    parts = urllib.parse.urlsplit(short_limit)
    slow_results: list[tuple[int, float, bytes]] = []

    def slow() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        started = time.monotonic()
        connection.request("POST", "/sparql", body=SLOW.encode(), headers={"Content-Type": "application/sparql-query"})
        response = connection.getresponse()
        slow_results.append((response.status, time.monotonic() - started, response.read()))
        connection.close()

    burst = [threading.Thread(target=slow) for _ in range(6)]
    for thread in burst:
        thread.start()
    time.sleep(0.2)
    fast: list[tuple[int, float]] = []
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    while any(thread.is_alive() for thread in burst):
        started = time.monotonic()
        connection.request("GET", "/queries/group-members-not-signed.json")
        response = connection.getresponse()
        response.read()
        fast.append((response.status, time.monotonic() - started))
        time.sleep(0.05)
    connection.close()
    for thread in burst:
        thread.join()
    assert [status for status, _t, _b in slow_results] == [503] * 6
    assert all(b"time limit of 2 s" in body for _s, _t, body in slow_results)
    assert max(t for _s, t, _b in slow_results) < 8
    assert len(fast) >= 10
    assert all(status == 200 for status, _t in fast)
    assert max(t for _s, t in fast) < 2.0, f"a fast query waited {max(t for _s, t in fast):.2f} s behind the burst"
    assert status_of(short_limit)["killed_at_time_limit"] == 6
