"""``govgraph link wikidata``: links from our states to their Wikidata items, in a graph of their own.

The Wikidata Query Service (or any SPARQL endpoint holding Wikidata-shaped data) is asked, through
SPARQLWrapper, for the items whose ISO 3166-1 alpha-3 code (property P298) is one of our states' codes. The
codes are validated and sent as literals in a VALUES block, never pasted as text. Each code with exactly one
item becomes ``<state> skos:exactMatch <http://www.wikidata.org/entity/Q...>`` in the named graph
``<base>graph/wikidata-links``, whose description records the endpoint (``prov:wasDerivedFrom``) and the
retrieval date (``dcterms:created``). A code with two or more items is reported, not guessed. The Wikidata
links the catalogue already carries (organisations, summits, people, places) are checked to still exist.

The links are written as sorted N-Quads to ``data/links/wikidata.nq`` (temporary file, then rename), which
the build loads. Any failure of the endpoint leaves the existing file byte-identical.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import config
from .errors import GovgraphError
from .rdf import DCT, PROV, RDF, RDFS, SKOS, GraphWriter, entity, graph_iri, lit

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
ISO_ALPHA3 = "http://www.wikidata.org/prop/direct/P298"
LINKS_GRAPH = graph_iri("wikidata-links")
LINKS_DIR = config.DATA_DIR / "links"
DEFAULT_OUTPUT = LINKS_DIR / "wikidata.nq"
AGENT = "govgraph (https://w3id.org/govgraph/; links states to Wikidata items) SPARQLWrapper"

_CODE = re.compile(r"[A-Z]{3}")
_ITEM = re.compile(re.escape(WIKIDATA_ENTITY) + r"Q[1-9][0-9]*")
_QID = re.compile(r"Q[1-9][0-9]*")

STATES_QUERY = f"""SELECT ?code ?item WHERE {{
  ?item <{ISO_ALPHA3}> ?code .
}}"""

EXISTING_QUERY = """SELECT DISTINCT ?item WHERE {
  ?item ?p ?o .
}"""


@dataclass
class LinkReport:
    """What a run found: the links, the codes with several items or none, the catalogue links not found."""

    links: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 code -> Wikidata item IRI
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    catalogue_checked: int = 0
    catalogue_gone: list[str] = field(default_factory=list)  # "kind/slug (Q...)"

    def lines(self) -> list[str]:
        out = [f"{len(self.links)} state(s) linked to a Wikidata item"]
        for code, items in sorted(self.ambiguous.items()):
            out.append(f"ambiguous: {code} has {len(items)} Wikidata items ({', '.join(_qid(i) for i in items)}); "
                       "not linked, decide by hand")
        if self.missing:
            out.append(f"no Wikidata item for {len(self.missing)} code(s): {', '.join(self.missing)}")
        if self.catalogue_checked:
            if self.catalogue_gone:
                out.append(f"catalogue: {len(self.catalogue_gone)} of {self.catalogue_checked} Wikidata link(s) not "
                           f"found at the endpoint: {', '.join(self.catalogue_gone)}")
            else:
                out.append(f"catalogue: all {self.catalogue_checked} Wikidata link(s) found at the endpoint")
        return out


def _qid(item: str) -> str:
    return item.removeprefix(WIKIDATA_ENTITY)


def state_codes() -> list[str]:
    """The ISO 3166-1 alpha-3 codes of the states and territories in the graph (``id/state/XXX``)."""
    import pycountry

    return sorted(c.alpha_3 for c in pycountry.countries)


def catalogue_links(data_dir: Path | None = None) -> dict[str, str]:
    """The catalogue's own Wikidata links: ``kind/slug`` -> Q-id (states are linked by this command instead)."""
    from .catalogue import Catalogue

    links = {}
    for ent in Catalogue(data_dir or config.DATA_DIR).entities.values():
        qid = ent.get("wikidata")
        if qid and ent.kind != "state":
            links[f"{ent.kind}/{ent.slug}"] = str(qid)
    return dict(sorted(links.items()))


def _values(variable: str, terms: list[ox.NamedNode | ox.Literal]) -> str:
    """A VALUES block of terms serialised by pyoxigraph (each already validated, so no SPARQL syntax gets in)."""
    return f"\nVALUES ?{variable} {{ {' '.join(str(t) for t in terms)} }}\n"


def fetch(engine, codes: list[str], catalogue: dict[str, str] | None = None) -> LinkReport:
    """Ask ``engine`` (a RemoteEngine) for the items of ``codes`` and check the catalogue's links."""
    for code in codes:
        if not _CODE.fullmatch(code):
            raise GovgraphError(code, "not an ISO 3166-1 alpha-3 code (three capital letters)")
    report = LinkReport()
    found: dict[str, set[str]] = {}
    if codes:
        _columns, solutions = engine.rows(STATES_QUERY + _values("code", [ox.Literal(c) for c in codes]))
        for solution in solutions:
            code, item = solution.get("code"), solution.get("item")
            if not isinstance(code, ox.Literal) or code.value not in codes:
                continue
            if not isinstance(item, ox.NamedNode) or not _ITEM.fullmatch(item.value):
                continue  # a Wikidata lexeme, a statement node, or anything that is not an item
            found.setdefault(code.value, set()).add(item.value)
    for code in codes:
        items = sorted(found.get(code, ()), key=lambda i: int(_qid(i)[1:]))
        if len(items) == 1:
            report.links[code] = items[0]
        elif items:
            report.ambiguous[code] = items
        else:
            report.missing.append(code)
    if catalogue:
        wanted = {ref: qid for ref, qid in catalogue.items() if _QID.fullmatch(qid)}
        report.catalogue_checked = len(wanted)
        if wanted:
            terms = sorted({ox.NamedNode(WIKIDATA_ENTITY + qid) for qid in wanted.values()}, key=str)
            _columns, solutions = engine.rows(EXISTING_QUERY + _values("item", terms))
            present = {s["item"].value for s in solutions if isinstance(s.get("item"), ox.NamedNode)}
            report.catalogue_gone = [f"{ref} ({qid})" for ref, qid in wanted.items() if WIKIDATA_ENTITY + qid not in present]
    return report


def link_quads(links: dict[str, str], endpoint: str, retrieved: datetime.date) -> list[ox.Quad]:
    """The graph of links: one skos:exactMatch per state, and the graph's description (source and date)."""
    try:
        source = ox.NamedNode(endpoint)
    except ValueError:
        raise GovgraphError(endpoint, "not a valid IRI for an endpoint") from None
    w = GraphWriter(LINKS_GRAPH)
    w.add(LINKS_GRAPH, RDFS.label, lit("Links from govgraph states to Wikidata items", "en"))
    w.add(LINKS_GRAPH, PROV.wasDerivedFrom, source)
    w.add(LINKS_GRAPH, DCT.created, retrieved)
    w.add(LINKS_GRAPH, RDF.type, PROV.Entity)
    for code, item in sorted(links.items()):
        w.add(entity("state", code), SKOS.exactMatch, ox.NamedNode(item))
    return w.quads()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def link_wikidata(endpoint: str = WIKIDATA_ENDPOINT, output: Path = DEFAULT_OUTPUT, timeout: float = 60,
                  retrieved: datetime.date | None = None, codes: list[str] | None = None,
                  check_catalogue: bool = True) -> LinkReport:
    """Ask the endpoint, then replace ``output`` with the links; on any failure ``output`` is left as it was."""
    from .queries.engines import RemoteEngine
    from .store import sorted_nquads

    engine = RemoteEngine(endpoint, timeout=timeout, agent=AGENT)
    codes = state_codes() if codes is None else codes
    report = fetch(engine, codes, catalogue_links() if check_catalogue else None)
    if codes and not report.links:
        raise GovgraphError(endpoint, f"the endpoint has no item for any of our {len(codes)} ISO 3166-1 codes "
                                      f"(is it a Wikidata endpoint?); {output} was left unchanged")
    retrieved = retrieved or datetime.date.today()
    write_atomically(Path(output), sorted_nquads(link_quads(report.links, endpoint, retrieved)))
    return report


def read_links(data_dir: Path | None = None) -> list[ox.Quad]:
    """Every ``links/*.nq`` file of the data folder, as quads in the graphs the files name."""
    from .build import read_rdf_file

    quads: list[ox.Quad] = []
    for path in sorted(((data_dir or config.DATA_DIR) / "links").glob("*.nq")):
        quads += read_rdf_file(path, graph_iri("links-" + path.stem))
    return quads
