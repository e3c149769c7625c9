"""The ``govgraph`` command line.

Data goes to stdout, progress and messages to stderr. Exit status: 0 done, 1 a check failed or an input is
broken (with one line naming the file, line or entry and what is wrong), 2 the command was called wrongly.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import config
from .errors import GovgraphError, UsageError


def _compact(iri: str) -> str:
    from .rdf import PREFIXES

    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    base = config.DEFAULT_BASE
    return iri.removeprefix(base)


def _print_findings(findings, out) -> None:
    from itertools import groupby

    violations = sum(f.is_violation for f in findings)
    warnings = sum(f.severity == "Warning" for f in findings)
    print(f"Findings: {violations} violation(s), {warnings} warning(s)", file=out)
    for (severity, kind), group in groupby(findings, key=lambda f: (f.severity, f.kind)):
        group = list(group)
        print(f"  {severity} - {kind} ({len(group)})", file=out)
        for finding in group:
            print(f"    - {finding.message}", file=out)
            print(f"      {finding.focus}", file=out)


def _print_summary(summary: dict, out) -> None:
    graphs = summary["graphs"]
    print(f"{summary['triples']:,} triples in {len(graphs)} named graphs", file=out)
    print("Triples per graph:", file=out)
    for graph, count in graphs.items():
        print(f"  {_compact(graph):<48} {count:>7,}", file=out)
    print("Entities per class:", file=out)
    for cls, count in sorted(summary["classes"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {_compact(cls):<48} {count:>7,}", file=out)
    quotes = summary.get("quote_checks", {})
    print("Evidence quotes re-found in their sources: "
          f"{quotes.get('QuoteFound', 0)} found, {quotes.get('QuoteNotFound', 0)} not found, "
          f"{quotes.get('SourceTextUnavailable', 0)} not checked (source text not at hand)", file=out)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    started = time.perf_counter()
    print(f"govgraph: building into {config.home()} (sources from {config.seeds_dir()})", file=sys.stderr)
    result = build(with_files=[Path(p) for p in args.with_files], strict=args.strict)
    summary = result.summary()
    _print_summary(summary, sys.stdout)
    _print_findings(result.findings, sys.stdout)
    elapsed = time.perf_counter() - started
    if result.failure:
        print(f"govgraph: build failed: {result.failure}; the previous build is unchanged", file=sys.stderr)
        return 1
    print(f"govgraph: built {result.installed} in {elapsed:.1f} s", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from .store import current_build, read_summary
    from .validate import Finding

    summary = read_summary()
    print(f"Build: {current_build()}")
    _print_summary(summary, sys.stdout)
    _print_findings([Finding(**f) for f in summary["finding_messages"]], sys.stdout)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import Finding, validate

    if not args.files:
        from .store import read_summary

        findings = [Finding(**f) for f in read_summary()["finding_messages"]]
    else:
        from .build import ONTOLOGY_GRAPH, read_rdf_file
        from .rdf import graph_iri

        quads = read_rdf_file(config.ONTOLOGY_DIR / "govgraph.ttl", ONTOLOGY_GRAPH)
        for path in args.files:
            quads += read_rdf_file(Path(path), graph_iri("file"))
        findings = validate(quads)
    _print_findings(findings, sys.stdout)
    failed = any(f.is_violation for f in findings) or (args.strict and findings)
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from .catalogue import Catalogue
    from .ingest import article, declaration, records
    from .ingest.common import adhoc_source, load_sources
    from .rdf import PREFIXES

    path = Path(args.file)
    sources = load_sources()
    catalogue = Catalogue()
    catalogue.register_declarations(sources)
    if args.kind == "records":
        writer, report = records.ingest(path, catalogue, sources, seeds=config.seeds_dir())
    else:
        kind = "declaration-text" if args.kind == "declaration" else "news-article"
        source = sources[args.source] if args.source else adhoc_source(path, kind, sources)
        module = declaration if args.kind == "declaration" else article
        writer, report = module.ingest(path, source, catalogue)
    data = ox.serialize([q.triple for q in writer.quads()], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"govgraph: wrote {len(writer):,} triples to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    for line in report.lines():
        print(line, file=sys.stderr)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from .queries import engine_for, find, load_catalogue, run

    if args.list:
        for query in load_catalogue().values():
            params = "; ".join(p.describe() for p in query.parameters) or "no parameters"
            print(f"{query.name:<28} {query.summary}")
            print(f"{'':<28} parameters: {params}")
        return 0
    if not args.name:
        raise UsageError("query", "give a query name or a .rq file, or --list")
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError("--param", f"{item!r} is not KEY=VALUE")
        params[key.strip()] = value
    answer = run(find(args.name), engine_for(args.endpoint), **params)
    sys.stdout.write(answer.to(args.format))
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    import datetime

    from .link import link_wikidata

    if args.timeout <= 0:
        raise UsageError("--timeout", "must be a positive number of seconds")
    try:
        retrieved = datetime.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UsageError("--date", f"{args.date!r} is not a date (YYYY-MM-DD)") from None
    output = Path(args.output)
    report = link_wikidata(args.endpoint, output, timeout=args.timeout, retrieved=retrieved)
    for line in report.lines():
        print(f"govgraph: {line}", file=sys.stderr)
    print(f"govgraph: wrote {output}; review the diff before committing it", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govgraph", description="A knowledge graph of international AI governance.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser("build", help="ingest every source, validate, and install the dataset and store")
    b.add_argument("--with", dest="with_files", action="append", default=[], metavar="FILE",
                   help="add an RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD); repeatable")
    b.add_argument("--strict", action="store_true", help="fail on warnings (findings about sources) too")
    b.set_defaults(func=cmd_build)
    v = sub.add_parser("validate", help="the SHACL report of the built dataset, or of the given RDF files")
    v.add_argument("files", nargs="*", metavar="FILE")
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    v.set_defaults(func=cmd_validate)
    i = sub.add_parser("ingest", help="parse one source file and print its RDF (Turtle) and what was not resolved")
    i.add_argument("kind", choices=["declaration", "article", "records"])
    i.add_argument("file", metavar="FILE")
    i.add_argument("-o", "--output", metavar="OUT.ttl", help="write the Turtle here instead of stdout")
    i.add_argument("--source", metavar="ID", help="the id in data/sources.yaml this file is (default: by file name)")
    i.set_defaults(func=cmd_ingest)
    q = sub.add_parser("query", help="answer a canned governance question (or a .rq file) as a table, CSV, TSV, JSON or Markdown")
    q.add_argument("name", nargs="?", metavar="NAME|FILE.rq")
    q.add_argument("--list", action="store_true", help="list the canned queries with their summaries and parameters")
    q.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter value: a slug (FRA, g7), kind/slug or an IRI; '' leaves an optional one unbound")
    q.add_argument("--format", "-f", choices=["table", "csv", "tsv", "json", "md"], default="table")
    q.add_argument("--endpoint", metavar="URL", help="ask this SPARQL endpoint instead of the embedded store")
    q.set_defaults(func=cmd_query)
    from .link import DEFAULT_OUTPUT, WIKIDATA_ENDPOINT

    lk = sub.add_parser("link", help="refresh the links from our states to Wikidata items (data/links/wikidata.nq)")
    lk.add_argument("target", choices=["wikidata"])
    lk.add_argument("--endpoint", metavar="URL", default=WIKIDATA_ENDPOINT,
                    help=f"the SPARQL endpoint holding Wikidata (default {WIKIDATA_ENDPOINT})")
    lk.add_argument("--timeout", type=float, default=60, metavar="S", help="seconds to wait for the answer (default 60)")
    lk.add_argument("--output", "-o", default=str(DEFAULT_OUTPUT), metavar="FILE",
                    help="the N-Quads file to replace (default data/links/wikidata.nq)")
    lk.add_argument("--date", metavar="YYYY-MM-DD", help="the retrieval date to record (default today)")
    lk.set_defaults(func=cmd_link)
    from .export.cli import add_export_parser

    add_export_parser(sub)
    from .serve.cli import add_serve_parser

    add_serve_parser(sub)
    from .viz.cli import add_viz_parser

    add_viz_parser(sub)
    from .push import add_parser as add_push_parser

    add_push_parser(sub)
    s = sub.add_parser("stats", help="what the built dataset holds and what is wrong in its sources")
    s.set_defaults(func=cmd_stats)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"govgraph: {exc}", file=sys.stderr)
        return 2
    except GovgraphError as exc:
        print(f"govgraph: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govgraph: interrupted (a build or push stopped this way leaves the previous data in place)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
