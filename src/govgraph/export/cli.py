"""``govgraph export``: argparse wiring and handler (added to the main parser by :func:`add_export_parser`).

    govgraph export --format ttl|nt|nq|trig|jsonld|rdfxml [--graph IRI ...] [-o FILE]
    govgraph export --dump DIR [--endpoint-url URL] [--download-url URL] [--graph IRI ...]
    govgraph export --frame summits -o DIR
    govgraph export --site DIR

Unknown formats, unknown graphs and unwritable outputs are GovgraphErrors: one line, exit 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GovgraphError, UsageError

FORMAT_NAMES = "ttl|nt|nq|trig|jsonld|rdfxml"


def cmd_export(args: argparse.Namespace) -> int:
    from .. import config
    from .core import FORMATS, load, restrict, serialize

    modes = [m for m in ("format", "dump", "frame", "site") if getattr(args, m)]
    if len(modes) != 1:
        raise UsageError("export", "give one of --format FMT, --dump DIR, --frame summits or --site DIR")
    if args.format and args.format not in FORMATS:
        raise GovgraphError("--format", f"unknown format {args.format!r} (use one of {', '.join(FORMATS)})")
    if args.frame and args.frame != "summits":
        raise GovgraphError("--frame", f"unknown frame {args.frame!r} (the frame is: summits)")
    if (args.endpoint_url or args.download_url) and not args.dump:
        raise UsageError("export", "--endpoint-url and --download-url go with --dump DIR")
    if args.frame and not args.output:
        raise UsageError("export", "--frame summits needs -o DIR")
    if args.site and (args.graph or args.output):
        raise UsageError("export", "--site DIR takes the whole dataset: no --graph, no -o")
    home = config.home()
    if args.site:
        from .site import write_site

        written = write_site(home, Path(args.site))
        print(f"govgraph: wrote a static site of {len(written)} files to {args.site} (open index.html)", file=sys.stderr)
        return 0
    if args.dump:
        from .dump import dump

        written = dump(home, Path(args.dump), graphs=args.graph, endpoint_url=args.endpoint_url,
                       download_url=args.download_url)
        print(f"govgraph: wrote {len(written)} files to {args.dump} (checksums in SHA256SUMS)", file=sys.stderr)
        return 0
    dataset = restrict(load(home), args.graph)
    if args.frame:
        from .frames import write_frames

        written = write_frames(dataset.quads, Path(args.output))
        print(f"govgraph: wrote {len(written)} summit documents to {args.output}", file=sys.stderr)
        return 0
    data = serialize(dataset, args.format)
    if args.output:
        path = Path(args.output)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise GovgraphError(str(path), f"cannot write ({exc.strerror or exc})") from None
        print(f"govgraph: wrote {len(data):,} bytes of {args.format} to {path}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``export`` to the main parser's subcommands."""
    e = subparsers.add_parser(
        "export", help="the dataset in an RDF format, framed summit documents, or a full dump with VoID and checksums",
        description="Export the current build. Named graphs are kept in nq, trig and jsonld and merged in ttl, nt "
                    "and rdfxml. The same build always gives byte-identical files.")
    e.add_argument("--format", "-f", metavar=FORMAT_NAMES, help="write the dataset in this format (stdout unless -o)")
    e.add_argument("--graph", action="append", default=[], metavar="IRI",
                   help="only this named graph (an IRI or a short name such as paris-statement-2025); repeatable")
    e.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (a folder with --frame)")
    e.add_argument("--dump", metavar="DIR", help="write every format, the summit documents, void.ttl and SHA256SUMS into DIR")
    e.add_argument("--site", metavar="DIR",
                   help="write a static linked-data site into DIR: a page per resource with .ttl and .jsonld, an index, "
                        "the ontology, the queries and the dump")
    e.add_argument("--frame", metavar="summits", help="write one framed JSON-LD document per summit into -o DIR")
    e.add_argument("--endpoint-url", metavar="URL", help="with --dump: the SPARQL endpoint to name in void.ttl")
    e.add_argument("--download-url", metavar="URL",
                   help="with --dump: where DIR will be published (default <base>dump/), for the download links in void.ttl")
    e.set_defaults(func=cmd_export)
    return e
