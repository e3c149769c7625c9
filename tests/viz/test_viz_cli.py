"""``govgraph viz`` through its handler (``cmd_viz`` with a Namespace from its own parser), and as a real
``govgraph`` process once the subcommand is wired into the main parser: every format, the statistics table,
custom CONSTRUCT views, and one-line errors (usage errors exit 2, other failures 1, never a traceback)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from govgraph.errors import GovgraphError, UsageError
from govgraph.viz.cli import add_viz_parser, cmd_viz

ID = "https://w3id.org/govgraph/id/"
CONSTRUCT = """PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?founder gg:founded ?initiative ; rdfs:label ?name ; a gg:State . ?initiative rdfs:label ?title }
WHERE { ?founder gg:founded ?initiative ; rdfs:label ?name ; a gg:State . ?initiative rdfs:label ?title
        FILTER(LANG(?name) = "en" && LANG(?title) = "en") }
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govgraph")
    add_viz_parser(parser.add_subparsers(dest="command"))
    return parser


@pytest.fixture
def viz(built, monkeypatch):
    """Run ``govgraph viz ARGS`` in-process on the session's build; returns the exit status."""
    monkeypatch.setenv("GOVGRAPH_HOME", str(built[1]))
    parser = _parser()

    def run(*args: str) -> int:
        return cmd_viz(parser.parse_args(["viz", *args]))

    return run


@pytest.mark.parametrize(("extension", "check"), [
    ("html", lambda p: p.read_text(encoding="utf-8").startswith("<!doctype html>")),
    ("graphml", lambda p: ET.parse(p).getroot().tag == "{http://graphml.graphdrawing.org/xmlns}graphml"),
    ("gexf", lambda p: ET.parse(p).getroot().tag.endswith("gexf")),
    ("json", lambda p: "elements" in json.loads(p.read_text(encoding="utf-8"))),
    ("png", lambda p: p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"),
    ("svg", lambda p: ET.parse(p).getroot().tag == "{http://www.w3.org/2000/svg}svg"),
])
def test_the_format_follows_the_output_extension(viz, tmp_path, capsys, extension, check):
    out = tmp_path / f"voices.{extension}"
    assert viz("voices", "-o", str(out)) == 0
    assert check(out)
    assert f"as {extension} to {out}" in capsys.readouterr().err


def test_format_wins_over_the_extension_and_html_goes_to_stdout(viz, tmp_path, capsys):
    out = tmp_path / "graph.out"
    assert viz("co-signature", "--format", "gexf", "-o", str(out)) == 0
    assert nx.read_gexf(out).number_of_nodes() == 59
    assert viz("initiatives") == 0
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>") and "Initiatives, their founders, funders and partners" in page


def test_link_base_makes_nodes_open_pages(viz, tmp_path):
    out = tmp_path / "linked.html"
    assert viz("signatories", "--link-base", "http://127.0.0.1:8000/", "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert '"link":{"base":"http://127.0.0.1:8000/","iriBase":"https://w3id.org/govgraph/"}' in text
    assert viz("signatories", "-o", str(tmp_path / "plain.html")) == 0
    assert '"link":null' in (tmp_path / "plain.html").read_text(encoding="utf-8")


def test_stats_prints_the_overview_table_by_default(viz, capsys):
    assert viz("--stats") == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["rank", "label", "kind", "degree", "strength", "degree_centrality", "betweenness",
                                "community", "node"]
    france = next(line for line in lines if "France" in line)
    assert france.split()[:9] == ["7", "France", "state", "8", "9", "0.1053", "0.021", "4", ID + "state/FRA"]
    assert lines[-1] == "(77 rows)"
    assert "Who takes part in what: 77 nodes, 229 edges, 5 communities" in captured.err


def test_stats_of_one_kind_as_csv(viz, capsys):
    assert viz("--stats", "--kind", "state", "--top", "3", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["label"], r["degree"], r["betweenness"]) for r in rows] == [
        ("France", "8", "0.021"), ("United Kingdom", "7", "0.0529"), ("Germany", "7", "0.0061")]


def test_stats_of_a_view_as_json(viz, capsys):
    assert viz("--stats", "voices", "-f", "json") == 0
    document = json.loads(capsys.readouterr().out)
    first = document["rows"][0]
    assert (first["label"], first["degree"], first["betweenness"]) == ("United Kingdom declining to sign", 5, 0.525)


def test_list_names_every_view(viz, capsys):
    assert viz("--list") == 0
    out = capsys.readouterr().out
    for name in ("signatories", "co-signature", "initiatives", "voices", "overview"):
        assert f"\n{name} " in "\n" + out


def test_a_custom_construct_view(viz, tmp_path, capsys):
    query = tmp_path / "founders.rq"
    query.write_text(CONSTRUCT, encoding="utf-8")
    out = tmp_path / "founders.graphml"
    assert viz("--query", str(query), "--title", "Founders", "-o", str(out)) == 0
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 10 and graph.number_of_edges() == 9
    assert graph.nodes[ID + "state/KEN"]["label"] == "Kenya"
    assert graph.edges[ID + "state/KEN", ID + "initiative/public-interest-ai-platform"]["relation"] == "gg:founded"
    assert graph.graph["title"] == "Founders"
    assert viz("--stats", "--query", str(query), "--top", "1") == 0
    assert "Public Interest AI Platform" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["planets"], "no view named 'planets'"),
    ([], "give a VIEW"),
    (["voices", "--query", "x.rq"], "not both"),
    (["voices", "--format", "bmp"], "unknown format 'bmp'"),
    (["--stats", "--format", "png"], "--stats writes table"),
    (["--stats", "--kind", "planet"], "no node of kind 'planet'"),
    (["--stats", "--top", "0"], "positive number"),
    (["voices", "--top", "3"], "go with --stats"),
    (["voices", "--group", "G7", "-o", "x.html"], "colours a png or svg"),
    (["voices", "--link-base", "/", "-o", "x.png"], "only the html format"),
    (["signatories", "--group", "G99", "-o", "x.png"], "no group named 'G99'"),
    (["--list", "voices"], "--list takes no view"),
])
def test_usage_errors_are_one_line(viz, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=message) as caught:
        viz(*args)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "x.png").exists()


def test_broken_inputs_are_one_line_errors(viz, tmp_path):
    select = tmp_path / "select.rq"
    select.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    broken = tmp_path / "broken.rq"
    broken.write_text("CONSTRUCT { ?s ?p } WHERE {", encoding="utf-8")
    cases = [
        (["--query", str(tmp_path / "absent.rq")], "absent.rq: cannot read the query"),
        (["--query", str(select)], "select.rq: a custom view needs a CONSTRUCT query"),
        (["--query", str(broken)], "broken.rq: not valid SPARQL"),
        (["voices", "-o", str(tmp_path / "no" / "such" / "dir.html")], "dir.html: cannot write"),
    ]
    for args, message in cases:
        with pytest.raises(GovgraphError, match=message) as caught:
            viz(*args)
        assert not isinstance(caught.value, UsageError)
        assert "\n" not in str(caught.value)


def test_without_a_build_the_error_says_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_HOME", str(tmp_path / "empty"))
    with pytest.raises(GovgraphError, match="run `govgraph build` first"):
        cmd_viz(_parser().parse_args(["viz", "voices"]))


def _wired() -> bool:
    from govgraph.cli import parser

    subcommands = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return "viz" in subcommands.choices


def test_the_govgraph_command_runs_viz(built, cli, tmp_path):
    """The real process: exit codes and messages (runs once ``viz`` is wired into govgraph.cli)."""
    if not _wired():
        pytest.skip("`viz` is not wired into govgraph.cli yet (add_viz_parser)")
    out = tmp_path / "s.png"
    done = cli("viz", "signatories", "-o", str(out), home=built[1])
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    usage = cli("viz", "planets", home=built[1])
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    assert usage.stderr.strip() == "govgraph: viz: no view named 'planets' (views: signatories, co-signature, " \
                                   "initiatives, voices, overview)"
    failed = cli("viz", "--query", str(Path(tmp_path) / "absent.rq"), home=built[1])
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1
