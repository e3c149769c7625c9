"""The records ingester: curated facts in YAML (``data/records/*.yaml``) to RDF.

Records hold what parsing cannot settle: the stance of a quotation, who holds which post, how an amount is
made up, why a state did not sign. Each cites a source and a short verbatim evidence quote; the evidence node
points at the cited source, so the build re-finds the quote in that source's text when it is at hand and
reports any it cannot find. The schema is ``data/schemas/records.schema.json``, explained in
``data/README.md``. Every problem is reported with the file, the line of the record and what is wrong.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pyoxigraph import NamedNode

from ..catalogue import Catalogue
from ..datafiles import line_of, load_checked
from ..errors import IngestError
from ..evidence import normalise_text, source_text
from ..money import amount_slug, is_iso4217
from ..rdf import DCT, GG, ORG, RDF, SCHEMA, GraphWriter, entity, lit, slugify
from .common import Source, add_evidence
from .declaration import IngestReport

STANCES = {"supports": "Supports", "opposes": "Opposes", "critical": "Critical", "mixed": "Mixed", "neutral": "Neutral"}
FACT_PROPERTIES = {
    "scope": GG.scope,
    "partner": GG.partner,
    "supported_by": GG.supportedBy,
    "outlined_in": GG.outlinedIn,
    "adopted_by": GG.adoptedBy,
    "topic": GG.topic,
}
LITERAL_FACTS = {"scope", "topic"}


class _Context:
    def __init__(self, path: Path, catalogue: Catalogue, sources: dict[str, Source], default_source: str | None):
        self.path, self.catalogue, self.sources, self.default_source = path, catalogue, sources, default_source
        self.file_id = "records-" + slugify(path.stem)

    def where(self, record: dict) -> str:
        return f"{self.path}:{line_of(record)}"

    def source(self, record: dict) -> Source:
        source_id = record.get("source") or self.default_source
        if not source_id:
            raise IngestError(self.where(record), "no source: give 'source' in the record or at the top of the file")
        if source_id not in self.sources:
            raise IngestError(self.where(record), f"source {source_id!r} is not in data/sources.yaml")
        return self.sources[source_id]

    def ref(self, record: dict, key: str) -> NamedNode:
        return self.catalogue.by_ref(record[key], f"{self.where(record)} ({key})").iri

    def local(self, record: dict, key: str, kind: str) -> NamedNode:
        """A node read from a source, by its local slug ('tim-flagg-1') or 'source-id/slug'."""
        value = record[key]
        source_id, _, slug = value.rpartition("/")
        return entity(kind, source_id or self.source(record).id, slug)

    def target(self, record: dict, key: str) -> NamedNode:
        """A stance's target: a catalogue reference or an act read from the source ('act:decliningtosign-gbr')."""
        value = record[key]
        if value.startswith("act:"):
            source_id, _, slug = value[4:].rpartition("/")
            return entity("act", source_id or self.source(record).id, slug)
        return self.catalogue.by_ref(value, f"{self.where(record)} ({key})").iri


def _money(w: GraphWriter, ctx: _Context, record: dict, source: Source, money: dict) -> NamedNode:
    currency = money["currency"]
    if not is_iso4217(currency):
        raise IngestError(ctx.where(record), f"currency {currency!r} is not an ISO 4217 code (e.g. EUR, USD, GBP)")
    value = Decimal(str(money["value"]))
    if not value.is_finite():  # YAML's .inf and .nan, and floats too large for a double
        raise IngestError(ctx.where(record), f"amount {money['value']!r} is not a finite number")
    node = entity("amount", source.id, amount_slug(value, currency))
    w.add(node, RDF.type, SCHEMA.MonetaryAmount)
    w.add(node, SCHEMA.value, value)
    w.add(node, SCHEMA.currency, lit(currency))
    w.label(node, f"{currency} {value:,}")
    return node


def _record(w: GraphWriter, ctx: _Context, record: dict) -> None:
    source = ctx.source(record)
    kind = record["type"]
    ev = add_evidence(w, source, record["evidence"])

    def sourced(node: NamedNode) -> NamedNode:
        w.add(node, DCT.source, source.iri)
        w.add(node, GG.evidence, ev)
        return node

    if kind == "role":
        person, organisation = ctx.ref(record, "person"), ctx.ref(record, "organisation")
        post = entity("post", f"{organisation.value.rsplit('/', 1)[1]}-{slugify(record['title'])}")
        w.add(post, RDF.type, ORG.Post)
        org_label = ctx.catalogue.by_ref(record["organisation"], ctx.where(record)).label
        w.label(post, f"{record['title']}, {org_label}")
        w.add(post, GG.roleTitle, lit(record["title"], "en"))
        w.add(post, ORG.postIn, organisation)
        w.add(post, ORG.heldBy, person)
        w.add(person, ORG.holds, post)
        sourced(post)
    elif kind == "stance":
        quotation = ctx.local(record, "quotation", "quotation")
        w.add(quotation, GG.stance, GG[STANCES[record["stance"]]])
        w.add(quotation, GG.stanceToward, ctx.target(record, "toward"))
        w.add(quotation, GG.stanceEvidence, ev)
    elif kind == "reason":
        reason = entity("reason", source.id, record["id"])
        w.add(reason, RDF.type, GG.Reason)
        w.label(reason, record["summary"])
        w.add(ctx.local(record, "act", "act"), GG.reason, reason)
        if record.get("given_by"):
            w.add(reason, GG.givenBy, ctx.ref(record, "given_by"))
        sourced(reason)
    elif kind == "act":
        act = entity("act", ctx.file_id, record["id"])
        w.add(act, RDF.type, GG[record["act"]])
        if record.get("agent"):
            w.add(act, GG.agent, ctx.ref(record, "agent"))
        instrument = record["instrument"]
        w.add(act, GG.instrument, entity("agreement", ctx.file_id, instrument[len("agreement:"):])
              if instrument.startswith("agreement:") else ctx.ref(record, "instrument"))
        if record.get("date"):
            w.add(act, DCT.date, lit(record["date"]) if not hasattr(record["date"], "isoformat") else record["date"])
        if record.get("occasion"):
            w.add(act, GG.occasion, ctx.ref(record, "occasion"))
        if record.get("person"):
            w.add(act, GG.representedBy, ctx.ref(record, "person"))
        if record.get("amount"):
            w.add(act, GG.amount, _money(w, ctx, record, source, record["amount"]))
        sourced(act)
    elif kind == "amount":
        total = _money(w, ctx, record, source, record)
        w.add(ctx.ref(record, "of"), GG.totalAmount, total)
        for component in record.get("components") or []:
            w.add(total, GG.hasComponent, _money(w, ctx, record, source, component))
        w.add(total, GG.evidence, ev)
    elif kind == "part-of":
        w.add(ctx.ref(record, "part"), GG.partOf, ctx.ref(record, "whole"))
        w.add(ctx.ref(record, "part"), GG.evidence, ev)
    elif kind == "quantity":
        subject = ctx.ref(record, "subject")
        node = entity("quantity", f"{subject.value.rsplit('/', 1)[1]}-{slugify(record['counts'])}")
        w.add(node, RDF.type, GG.Quantity)
        w.label(node, f"{record['value']:,} {record['counts']}")
        w.add(node, SCHEMA.value, int(record["value"]))
        w.add(node, SCHEMA.unitText, lit(record["counts"], "en"))
        w.add(node, GG.quantityQualifier, GG[record.get("qualifier", "Exactly")])
        w.add(subject, GG.plannedQuantity, node)
        sourced(node)
    elif kind == "instrument":
        node = entity("agreement", ctx.file_id, record["id"])
        w.add(node, RDF.type, GG[record["class"]])
        w.label(node, record["label"])
        w.add(node, GG.topic, lit(record["topic"], "en") if record.get("topic") else None)
        if record.get("occasion"):
            w.add(node, GG.adoptedAt, ctx.ref(record, "occasion"))
        sourced(node)
    elif kind == "fact":
        subject = ctx.ref(record, "subject")
        prop = record["property"]
        value = lit(record["value"], "en") if prop in LITERAL_FACTS else ctx.ref(record, "value")
        w.add(subject, FACT_PROPERTIES[prop], value)
        w.add(subject, GG.evidence, ev)


def ingest(path: Path, catalogue: Catalogue, sources: dict[str, Source],
           seeds: Path | None = None) -> tuple[GraphWriter, IngestReport]:
    """One records file to the graph ``<base>graph/records-<file stem>``.

    With ``seeds`` (the folder of source texts), each record's evidence quote is also looked for in the text of
    the source it cites, and every quote that is not there is reported with the record's line, so a curator
    learns it at once (the build reports the same as a SHACL warning).
    """
    doc = load_checked(path, "records")
    records_source = Source(id="records-" + slugify(path.stem), kind="curated-records",
                            title=f"govgraph curated records: {path.name}")
    ctx = _Context(path, catalogue, sources, doc.get("source"))
    w = records_source.writer()
    report = IngestReport(records_source, counts={"records": len(doc["records"])})
    for record in doc["records"]:
        _record(w, ctx, record)
        cited = ctx.source(record)
        w.add(records_source.iri, DCT.references, cited.iri)
        text = source_text(seeds / cited.text) if seeds is not None and cited.text else None
        if text is not None and normalise_text(record["evidence"]) not in text:
            report.unresolved.append(
                f"{ctx.where(record)}: the evidence quote {record['evidence']!r} is not in the text of {cited.title}")
    return w, report
