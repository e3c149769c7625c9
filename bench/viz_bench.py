"""How long `govgraph viz` takes to build and lay out each view, and how fast the HTML view redraws.

1. Shipped graph: for every view, the view's queries on the embedded store, ``View.build`` (rows -> graph),
   the layout and drawing attributes (``prepare``), and the HTML, GraphML and PNG writers; medians of
   ``--runs``.
2. Synthetic view of ``--nodes`` nodes (default 10,000): rows in the shape the signatories view's queries
   return (states and organisations in blocs, each signing one to three of the instruments of its bloc and
   sometimes another bloc's; group memberships; sources), made deterministically here and given to the real
   ``View.build``; then the layout, the writers and the statistics' cheap part (degree; betweenness is
   O(n·m), minutes at this size, and is left out).
3. In Debian's headless Chromium (Playwright, ``--disable-gpu``: a software-rendered 2D canvas), the synthetic
   view's standalone HTML: time until the page has drawn; then the frame intervals, recorded with a
   ``requestAnimationFrame`` loop inside the page, while Playwright zooms with the mouse wheel, pans by
   dragging the background and drags a node (the goal: a redraw under 100 ms, so every interval under 100 ms);
   and the time for one full-quality redraw after the interaction (``cy.forceRender()`` to the second frame).

Reported, never asserted; written to bench/results/viz.json.

    python bench/viz_bench.py [--runs 3] [--nodes 10000] [--home DIR] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/ontology#"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def _timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return _median(times), result


def synthetic_rows(nodes: int, seed: int = 20250211) -> dict[str, list[dict]]:
    """Rows for the signatories view: ``nodes`` nodes in all, one instrument for every 25 actors."""
    rng = random.Random(seed)
    instruments = max(1, nodes // 26)
    actors = nodes - instruments
    blocs = max(1, instruments // 10)
    N, L = ox.NamedNode, ox.Literal
    acts, table, groups = [], [], []
    instrument_bloc = [i % blocs for i in range(instruments)]
    by_bloc: dict[int, list[int]] = {}
    for index, bloc in enumerate(instrument_bloc):
        by_bloc.setdefault(bloc, []).append(index)
        table.append({"node": N(f"{ID}declaration/d{index:05d}"), "class": N(GG + "Statement"),
                      "top": N(GG + "Instrument"), "label": L(f"Declaration {index}", language="en")})
    group_names = ["G1", "G2", "G3", "G4", "G5", "G6"]
    for actor in range(actors):
        organisation = actor % 40 == 0
        iri = N(f"{ID}{'organisation' if organisation else 'state'}/a{actor:05d}")
        table.append({"node": iri, "class": N(GG + ("IntergovernmentalOrganisation" if organisation else "State")),
                      "top": N(GG + ("Organisation" if organisation else "CountryOrArea")),
                      "label": L(f"Actor {actor}", language="en")})
        bloc = rng.randrange(blocs)
        signed = set(rng.sample(by_bloc[bloc], min(len(by_bloc[bloc]), rng.randint(1, 3))))
        if rng.random() < 0.1:
            signed.add(rng.randrange(instruments))
        for number, instrument in enumerate(sorted(signed)):
            relation = "signed" if rng.random() > 0.05 else rng.choice(["endorsed", "declined to sign"])
            acts.append({"act": N(f"{ID}act/a{actor:05d}/{number}"), "relation": L(relation), "agent": iri,
                         "instrument": N(f"{ID}declaration/d{instrument:05d}"),
                         "index": L(str(actor), datatype=XSD_INTEGER), "source": N(f"{ID}source/s{bloc % 7}")})
        for g, name in enumerate(group_names):
            if rng.random() < 0.15 / (g + 1):
                groups.append({"member": iri, "group": N(f"{ID}organisation/{name.lower()}"),
                               "groupLabel": L(f"Group {name}", language="en"), "groupName": L(name)})
    sources = [{"source": N(f"{ID}source/s{i}"), "title": L(f"Source {i}")} for i in range(7)]
    return {"acts": acts, "nodes": table, "groups": groups, "sources": sources}


def bench_shipped(home: Path, runs: int) -> dict:
    from govgraph.store import open_store
    from govgraph.viz import prepare, to_graphml, to_html, to_png, view_rows, views

    store = open_store(home)
    results = {}
    for name, view in views().items():
        query_s, rows = _timed(lambda view=view: view_rows(view, store), runs)
        build_s, graph = _timed(lambda view=view, rows=rows: view.build(rows), runs)
        layout_s, drawn = _timed(lambda graph=graph: prepare(graph), runs)
        html_s, _ = _timed(lambda drawn=drawn, view=view: to_html(drawn, view.title), runs)
        graphml_s, _ = _timed(lambda drawn=drawn: to_graphml(drawn), runs)
        png_s, _ = _timed(lambda drawn=drawn, view=view: to_png(drawn, view.title), runs)
        results[name] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "queries_s": query_s,
                         "build_s": build_s, "layout_s": layout_s, "html_s": html_s, "graphml_s": graphml_s,
                         "png_s": png_s}
        print(f"  {name:<14} {graph.number_of_nodes():>6,} nodes {graph.number_of_edges():>7,} edges  "
              f"queries {query_s:.3f} s  build {build_s:.3f} s  layout {layout_s:.3f} s  html {html_s:.3f} s  "
              f"graphml {graphml_s:.3f} s  png {png_s:.3f} s", file=sys.stderr)
    return results


def bench_synthetic(nodes: int, runs: int, out_dir: Path) -> tuple[dict, Path]:
    import networkx as nx

    from govgraph.viz import prepare, to_graphml, to_html, to_png, views

    view = views()["signatories"]
    rows_s, rows = _timed(lambda: synthetic_rows(nodes), 1)
    build_s, graph = _timed(lambda: view.build(rows), runs)
    layout_s, drawn = _timed(lambda: prepare(graph), runs)
    html_s, page = _timed(lambda: to_html(drawn, f"Synthetic view of {nodes:,} nodes"), 1)
    graphml_s, _ = _timed(lambda: to_graphml(drawn), 1)
    png_s, _ = _timed(lambda: to_png(drawn, "Synthetic view"), 1)
    degree_s, _ = _timed(lambda: nx.degree_centrality(graph), 1)
    path = out_dir / f"synthetic-{nodes}.html"
    path.write_text(page, encoding="utf-8")
    result = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "rows_made_s": rows_s,
              "build_s": build_s, "layout_s": layout_s, "html_s": html_s, "html_bytes": len(page.encode()),
              "graphml_s": graphml_s, "png_s": png_s, "degree_centrality_s": degree_s}
    print(f"  synthetic      {graph.number_of_nodes():>6,} nodes {graph.number_of_edges():>7,} edges  "
          f"build {build_s:.3f} s  layout {layout_s:.3f} s  html {html_s:.3f} s ({len(page.encode()) / 1e6:.1f} MB)  "
          f"graphml {graphml_s:.3f} s  png {png_s:.3f} s", file=sys.stderr)
    return result, path


RECORDER = """() => {
  window.__frames = []; window.__recording = true;
  const tick = (t) => { if (!window.__recording) return; window.__frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""
STOP = """() => { window.__recording = false; const f = window.__frames, d = [];
  for (let i = 1; i < f.length; i++) d.push(f[i] - f[i - 1]); return d; }"""
FULL_REDRAW = """async () => {
  const cy = govgraphViz.cy, t0 = performance.now();
  cy.forceRender();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0; }"""


def _intervals(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {"frames": 0}
    return {"frames": len(values), "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))], 1),
            "max_ms": round(values[-1], 1), "under_100ms": sum(v < 100 for v in values) / len(values)}


def bench_browser(path: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for run in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                start = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.govgraphViz && window.govgraphViz.ready", timeout=600_000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                ready = time.perf_counter() - start
                box = page.locator("#gv-graph").bounding_box()
                cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
                measures = {"load_s": round(ready, 2),
                            "nodes_drawn": page.evaluate("govgraphViz.shownNodes()")}
                page.mouse.move(cx, cy)
                page.evaluate(RECORDER)
                for step in range(12):
                    page.mouse.wheel(0, -120 if step < 6 else 120)
                    page.wait_for_timeout(30)
                measures["zoom"] = _intervals(page.evaluate(STOP))
                page.wait_for_timeout(500)  # let the full-quality redraw that ends the zoom happen
                page.evaluate(RECORDER)
                page.mouse.move(box["x"] + 20, box["y"] + 20)
                page.mouse.down()
                for step in range(1, 21):
                    page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 20 + step * 8)
                page.mouse.up()
                measures["pan_drag"] = _intervals(page.evaluate(STOP))
                node = page.evaluate("""() => { const cy = govgraphViz.cy, w = cy.width(), h = cy.height();
                  const n = cy.nodes().filter(n => { const p = n.renderedPosition();
                    return p.x > 100 && p.y > 100 && p.x < w - 100 && p.y < h - 100; }).max(n => n.degree()).ele;
                  const p = n.renderedPosition(); return [p.x, p.y]; }""")
                page.evaluate(RECORDER)
                page.mouse.move(box["x"] + node[0], box["y"] + node[1])
                page.mouse.down()
                for step in range(1, 21):
                    page.mouse.move(box["x"] + node[0] + step * 6, box["y"] + node[1] + step * 4)
                page.mouse.up()
                measures["node_drag"] = _intervals(page.evaluate(STOP))
                measures["full_redraw_ms"] = round(page.evaluate(FULL_REDRAW), 1)
                results[f"run{run + 1}"] = measures
                print(f"  chromium run {run + 1}: drawn in {ready:.1f} s; frame intervals (median / p95 / max ms): "
                      f"zoom {measures['zoom'].get('median_ms')} / {measures['zoom'].get('p95_ms')} / "
                      f"{measures['zoom'].get('max_ms')}, pan {measures['pan_drag'].get('median_ms')} / "
                      f"{measures['pan_drag'].get('p95_ms')} / {measures['pan_drag'].get('max_ms')}, node drag "
                      f"{measures['node_drag'].get('median_ms')} / {measures['node_drag'].get('p95_ms')} / "
                      f"{measures['node_drag'].get('max_ms')}; full redraw {measures['full_redraw_ms']} ms",
                      file=sys.stderr)
                page.close()
        finally:
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--home", type=Path, help="a GOVGRAPH_HOME with a build (default: build into a temporary one)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measures")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "viz.json")
    args = parser.parse_args()
    report: dict = {"runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home
        if home is None:
            from govgraph import config
            from govgraph.build import build

            home = Path(tmp) / "home"
            result = build(home=home, seeds=config.seeds_dir())
            if result.failure:
                raise SystemExit(f"the build failed: {result.failure}")
        print("shipped graph:", file=sys.stderr)
        report["shipped"] = bench_shipped(home, args.runs)
        print(f"synthetic view of {args.nodes:,} nodes:", file=sys.stderr)
        report["synthetic"], page = bench_synthetic(args.nodes, args.runs, Path(tmp))
        if args.no_browser or not CHROMIUM.exists():
            print("  (no Chromium measures)", file=sys.stderr)
        else:
            report["chromium"] = bench_browser(page, args.runs)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
