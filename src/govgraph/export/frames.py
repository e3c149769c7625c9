"""One framed JSON-LD document per summit, for web developers who do not want to know RDF.

Each document is a tree rooted at the summit::

    summit (label, dates, location, co-chairs, hosts)
      declarations[] (title, date, place issued)
        signatories[]  (list index, list number, name as written, date, agent {label, iso3})
        endorsements[], declined[] (agent, reasons {label, givenBy})
        launched[], welcomes[], commitsTo[]  initiatives {label, partner, foundedBy, totalAmount {value,
                                             currency}, components, funding {agent, amount}, supportedBy,
                                             plannedQuantity}
      agreements[]  (the other instruments adopted at the summit, same shape)
      launchedAtSummit[]  (launching acts at the summit: agent, representedBy, instrument = initiative)

Lists are always arrays, sorted (signatories by list index); single values are plain JSON values; labels are
English strings; money values are decimal strings (exact), counts are numbers. The document is also JSON-LD:
its ``@context`` (the project context plus a few terms for this tree, ``@reverse`` ones for the links that
point up) expands it to triples that are all in the dataset.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import GovgraphError
from .jsonld import XSD, Compactor, dumps, load_context

GG = "https://w3id.org/govgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

#: terms added to (or overriding) the project context in the summit documents
FRAME_TERMS: dict[str, Any] = {
    "label": {"@id": "rdfs:label", "@language": "en"},
    "title": {"@id": "dcterms:title", "@language": "en"},
    "unitText": {"@id": "schema:unitText", "@language": "en"},
    "iso3": "gg:iso3166Alpha3",
    "count": "schema:value",
    "coChairs": {"@reverse": "gg:coChaired", "@container": "@set"},
    "hosts": {"@reverse": "gg:hosted", "@container": "@set"},
    "declarations": {"@reverse": "gg:adoptedAt", "@container": "@set"},
    "agreements": {"@reverse": "gg:adoptedAt", "@container": "@set"},
    "launchedAtSummit": {"@reverse": "gg:occasion", "@container": "@set"},
    "signatories": {"@reverse": "gg:instrument", "@container": "@set"},
    "endorsements": {"@reverse": "gg:instrument", "@container": "@set"},
    "declined": {"@reverse": "gg:instrument", "@container": "@set"},
    "funding": {"@reverse": "gg:instrument", "@container": "@set"},
    "foundedBy": {"@reverse": "gg:founded", "@container": "@set"},
    "components": {"@reverse": "gg:partOf", "@container": "@set"},
    "launched": {"@id": "gg:launched", "@type": "@id", "@container": "@set"},
    "welcomes": {"@id": "gg:welcomes", "@type": "@id", "@container": "@set"},
    "commitsTo": {"@id": "gg:commitsTo", "@type": "@id", "@container": "@set"},
    "reason": {"@id": "gg:reason", "@type": "@id", "@container": "@set"},
    "partner": {"@id": "gg:partner", "@type": "@id", "@container": "@set"},
    "supportedBy": {"@id": "gg:supportedBy", "@type": "@id", "@container": "@set"},
    "plannedQuantity": {"@id": "gg:plannedQuantity", "@type": "@id", "@container": "@set"},
}


def frame_context() -> dict:
    context = dict(load_context())
    context.update(FRAME_TERMS)
    return context


class _Index:
    """The union of the named graphs as forward and backward adjacency (small: built per export)."""

    def __init__(self, quads: list[ox.Quad]) -> None:
        self.out: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        self.inv: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for q in quads:
            s, p, o = q.subject.value, q.predicate.value, q.object
            self.out[s][p].add(o)
            if isinstance(o, ox.NamedNode):
                self.inv[o.value][p].add(s)

    def iris(self, s: str, p: str) -> list[str]:
        return sorted(o.value for o in self.out.get(s, {}).get(p, ()) if isinstance(o, ox.NamedNode))

    def literals(self, s: str, p: str) -> list[ox.Literal]:
        return sorted((o for o in self.out.get(s, {}).get(p, ()) if isinstance(o, ox.Literal)), key=str)

    def subjects(self, p: str, o: str) -> list[str]:
        return sorted(self.inv.get(o, {}).get(p, ()))

    def types(self, s: str) -> set[str]:
        return {o.value for o in self.out.get(s, {}).get(RDF_TYPE, ()) if isinstance(o, ox.NamedNode)}

    def is_a(self, s: str, cls: str) -> bool:
        """Whether ``s`` is typed ``cls`` or one of its subclasses (``rdfs:subClassOf*``)."""
        todo, seen = list(self.types(s)), set()
        while todo:
            t = todo.pop()
            if t == cls:
                return True
            if t not in seen:
                seen.add(t)
                todo.extend(self.iris(t, RDFS_SUBCLASS))
        return False


class _Builder:
    def __init__(self, index: _Index) -> None:
        self.ix = index
        self.c = Compactor(load_context())

    # -- literals, each only where the dataset's literal has the form the term says
    def en(self, s: str, p: str) -> str | None:
        values = [lit.value for lit in self.ix.literals(s, p) if lit.language == "en"]
        return values[0] if values else None

    def typed(self, s: str, p: str, datatype: str) -> str | None:
        values = [lit.value for lit in self.ix.literals(s, p) if not lit.language and lit.datatype.value == datatype]
        return values[0] if values else None

    def integer(self, s: str, p: str) -> int | None:
        value = self.typed(s, p, XSD + "integer")
        return int(value) if value is not None and value.lstrip("-").isdigit() and str(int(value)) == value else None

    def node(self, iri: str) -> dict:
        out: dict[str, Any] = {"@id": self.c.iri(iri)}
        types = sorted(self.c.type_iri(t) for t in self.ix.types(iri))
        if types:
            out["@type"] = types[0] if len(types) == 1 else types
        label = self.en(iri, RDFS_LABEL)
        if label is not None:
            out["label"] = label
        return out

    def agent(self, iri: str) -> dict:
        out = self.node(iri)
        iso3 = self.typed(iri, GG + "iso3166Alpha3", XSD + "string")
        if iso3 is not None:
            out["iso3"] = iso3
        return out

    @staticmethod
    def put(out: dict, key: str, value: Any) -> None:
        if value is not None and value != []:
            out[key] = value

    def amount(self, iri: str) -> dict:
        out = self.node(iri)
        self.put(out, "value", self.typed(iri, SCHEMA + "value", XSD + "decimal"))
        self.put(out, "currency", self.typed(iri, SCHEMA + "currency", XSD + "string"))
        return out

    def quantity(self, iri: str) -> dict:
        out = self.node(iri)
        self.put(out, "count", self.integer(iri, SCHEMA + "value"))
        self.put(out, "unitText", self.en(iri, SCHEMA + "unitText"))
        return out

    def acts(self, instrument: str, cls: str) -> list[str]:
        return [a for a in self.ix.subjects(GG + "instrument", instrument) if self.ix.is_a(a, GG + cls)]

    def initiative(self, iri: str, depth: int = 0) -> dict:
        out = self.node(iri)
        self.put(out, "partner", [self.agent(a) for a in self.ix.iris(iri, GG + "partner")])
        self.put(out, "foundedBy", [self.agent(a) for a in self.ix.subjects(GG + "founded", iri)])
        amounts = self.ix.iris(iri, GG + "totalAmount")
        if amounts:
            out["totalAmount"] = self.amount(amounts[0]) if len(amounts) == 1 else [self.amount(a) for a in amounts]
        funding = []
        for act in self.acts(iri, "Funding"):
            entry = self.node(act)
            agents = self.ix.iris(act, GG + "agent")
            if agents:
                entry["agent"] = self.agent(agents[0])
            amounts = self.ix.iris(act, GG + "amount")
            if amounts:
                entry["amount"] = self.amount(amounts[0])
            funding.append(entry)
        self.put(out, "funding", funding)
        if depth < 2:
            self.put(out, "components", [self.initiative(p, depth + 1) for p in self.ix.subjects(GG + "partOf", iri)])
        self.put(out, "supportedBy", [self.node(p) for p in self.ix.iris(iri, GG + "supportedBy")])
        self.put(out, "plannedQuantity", [self.quantity(q) for q in self.ix.iris(iri, GG + "plannedQuantity")])
        return out

    def signing(self, act: str) -> dict:
        out = self.node(act)
        self.put(out, "listIndex", self.integer(act, GG + "listIndex"))
        self.put(out, "listNumber", self.integer(act, GG + "listNumber"))
        self.put(out, "nameAsWritten", self.typed(act, GG + "nameAsWritten", XSD + "string"))
        self.put(out, "date", self.typed(act, DCT + "date", XSD + "date"))
        agents = self.ix.iris(act, GG + "agent")
        if agents:
            out["agent"] = self.agent(agents[0])
        return out

    def declining(self, act: str) -> dict:
        out = self.signing(act)
        reasons = []
        for reason in self.ix.iris(act, GG + "reason"):
            entry = self.node(reason)
            given = self.ix.iris(reason, GG + "givenBy")
            if given:
                entry["givenBy"] = self.node(given[0])
            reasons.append(entry)
        self.put(out, "reason", reasons)
        return out

    def instrument(self, iri: str) -> dict:
        out = self.node(iri)
        self.put(out, "title", self.en(iri, DCT + "title"))
        self.put(out, "issued", self.typed(iri, DCT + "issued", XSD + "date"))
        places = self.ix.iris(iri, GG + "issuedAt")
        if places:
            out["issuedAt"] = self.node(places[0])
        signings = [self.signing(a) for a in self.acts(iri, "Signing")]
        signings.sort(key=lambda e: (e.get("listIndex", 1 << 62), e["@id"]))
        out["signatories"] = signings
        self.put(out, "endorsements", [self.signing(a) for a in self.acts(iri, "Endorsing")])
        self.put(out, "declined", [self.declining(a) for a in self.acts(iri, "DecliningToSign")])
        for key in ("launched", "welcomes", "commitsTo"):
            self.put(out, key, [self.initiative(i) for i in self.ix.iris(iri, GG + key)])
        return out

    def summit(self, iri: str, context: dict) -> dict:
        out: dict[str, Any] = {"@context": context}
        out.update(self.node(iri))
        self.put(out, "startDate", self.typed(iri, SCHEMA + "startDate", XSD + "date"))
        self.put(out, "endDate", self.typed(iri, SCHEMA + "endDate", XSD + "date"))
        places = self.ix.iris(iri, SCHEMA + "location")
        if places:
            out["location"] = self.node(places[0])
        self.put(out, "coChairs", [self.agent(a) for a in self.ix.subjects(GG + "coChaired", iri)])
        self.put(out, "hosts", [self.agent(a) for a in self.ix.subjects(GG + "hosted", iri)])
        adopted = self.ix.subjects(GG + "adoptedAt", iri)
        out["declarations"] = [self.instrument(d) for d in adopted if self.ix.is_a(d, GG + "Declaration")]
        out["agreements"] = [self.instrument(d) for d in adopted if not self.ix.is_a(d, GG + "Declaration")]
        launches = []
        for act in self.ix.subjects(GG + "occasion", iri):
            if not self.ix.is_a(act, GG + "Launching"):
                continue
            entry = self.node(act)
            for key in ("agent", "representedBy"):
                values = self.ix.iris(act, GG + key)
                if values:
                    entry[key] = self.agent(values[0])
            instruments = self.ix.iris(act, GG + "instrument")
            if instruments:
                entry["instrument"] = self.initiative(instruments[0])
            launches.append(entry)
        out["launchedAtSummit"] = launches
        return out


def summit_frames(quads: list[ox.Quad]) -> dict[str, dict]:
    """One framed document per summit (``gg:Summit``), keyed by the summit's slug (last IRI segment)."""
    index = _Index(quads)
    builder = _Builder(index)
    context = frame_context()
    summits = sorted(s for s in index.out if index.is_a(s, GG + "Summit"))
    frames = {}
    for summit in summits:
        slug = summit.rstrip("/").rsplit("/", 1)[-1]
        frames[slug] = builder.summit(summit, context)
    return frames


def write_frames(quads: list[ox.Quad], folder: Path) -> list[Path]:
    """Write ``<slug>.jsonld`` per summit into ``folder``; the paths written, sorted."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for slug, document in sorted(summit_frames(quads).items()):
            path = folder / f"{slug}.jsonld"
            path.write_bytes(dumps(document))
            written.append(path)
    except OSError as exc:
        raise GovgraphError(str(folder), f"cannot write the summit documents ({exc.strerror or exc})") from None
    return written
