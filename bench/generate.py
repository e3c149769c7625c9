#!/usr/bin/env python3
"""A synthetic governance graph of any size, shaped like govgraph's own, to add to the shipped graph.

    python bench/generate.py --triples 1000000 --seed 1 -o big.nq      # also writes big.expected.json
    govgraph build --with big.nq

What it writes (N-Quads, one named graph per source document, as a real build has): the record of the years
to come, grown around the shipped graph. It mints no state and redefines nothing the shipped graph holds; it
refers to the shipped graph's states (ISO 3166-1 alpha-3 IRIs), intergovernmental organisations and groups
(``g7``...), frameworks and the Paris statement by their IRIs, so that it is meant to be built *with* the
shipped sources (``govgraph build --with FILE``). Every resource it mints has a slug starting ``syn-``.

- summits (gg:Summit with dates and a city), each adopting a declaration, statement or agreement with its
  source text (gg:DeclarationText), paragraphs, a footnote, co-chairing and hosting acts, acknowledgements of
  real frameworks, the summit it builds on, and a numbered signatory list: gg:Signing acts with agent,
  instrument, list number and index, the name as written, date, dcterms:source and gg:evidence (an
  oa:SpecificResource with an oa:TextQuoteSelector). Every tenth declaration is a G7 communiqué signed by the
  G7's members, so that ``group-members-not-signed`` has answers on synthetic declarations too;
- news articles (gg:NewsArticle with a publisher) quoting people (gg:Person holding an org:Post) with a stance
  toward a recent declaration or toward the Paris statement, reporting a state declining to sign with its
  reason, and claiming how many states signed (gg:CountClaim);
- initiatives (platforms, funds, observatories...) launched in a declaration, with founding members, a total
  schema:MonetaryAmount with components, and funders' pledges;
- intergovernmental networks with W3C ORG memberships of real states, dated with OWL-Time intervals.

Deterministic: the same seed, size and shipped graph give the same bytes. Streaming: lines are written as they
are made and only the last few declarations are kept in memory, so 10M triples need no more memory than 10k.

Valid against ontology/shapes.ttl together with the shipped graph, except for findings planted on purpose
(all Warnings, so the build still installs): unresolved names in lists, repeated list numbers, gaps in list
numbering, count claims that disagree with the list, amounts whose components do not add up, quotations
without a speaker, unresolved founders, footnotes not referenced. Their numbers are written to the sidecar
JSON (``--expected``, default ``<output stem>.expected.json``) as ``planted``: the findings of a build with
this file are the shipped graph's own findings plus exactly those.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import deque
from pathlib import Path

BASE = "https://w3id.org/govgraph/"
GGNS = BASE + "ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"

TITLE, SOURCE, DATE, ISSUED, HAS_PART, IS_PART_OF, PUBLISHER = (
    f"<{DCT}{x}>" for x in ("title", "source", "date", "issued", "hasPart", "isPartOf", "publisher"))
URL, START, END, LOCATION, VALUE, CURRENCY = (f"<{SCHEMA}{x}>" for x in ("url", "startDate", "endDate", "location",
                                                                          "value", "currency"))


def gg(name: str) -> str:
    return f"<{GGNS}{name}>"


def iri(path: str) -> str:
    return f"<{BASE}id/{path}>"


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def en(text: str) -> str:
    return f'"{esc(text)}"@en'


def plain(text: str) -> str:
    return f'"{esc(text)}"'


def integer(n: int) -> str:
    return f'"{n}"^^<{XSD}integer>'


def decimal(n: int) -> str:
    return f'"{n}"^^<{XSD}decimal>'


def date(y: int, m: int, d: int) -> str:
    return f'"{y:04d}-{m:02d}-{d:02d}"^^<{XSD}date>'


FINDING_KINDS = {  # planted kind -> the finding kind (shape label) the build reports
    "unresolved_list_entry": "unresolved name in a list",
    "repeated_list_number": "repeated list number",
    "list_gap": "gap in list numbering",
    "count_claim": "count claim disagrees with the list",
    "amount_components": "amounts do not add up",
    "quotation_without_speaker": "quotation without speaker",
    "unresolved_founder": "unresolved name",
    "unreferenced_footnote": "footnote not referenced",
}

FIRST_NAMES = ["Amara", "Bruno", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kiri", "Lena",
               "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sami", "Tala", "Uma", "Viktor", "Wen", "Yara"]
LAST_NAMES = ["Achebe", "Bauer", "Castillo", "Dube", "Eriksen", "Fontaine", "Gupta", "Haddad", "Ito", "Jansen",
              "Kowalski", "Lindqvist", "Mensah", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Santos", "Tanaka"]
ROLES = ["minister for digital affairs", "spokesperson", "chief executive", "director of policy", "special envoy on AI",
         "president", "research director", "ambassador"]
TOPICS = ["safe and trustworthy AI", "AI and the future of work", "AI for sustainable development", "compute and energy",
          "AI in public services", "open models and research", "AI and human rights", "AI skills and education"]
INITIATIVE_KINDS = [("Platform", "platform"), ("Fund", "fund"), ("Observatory", "observatory"),
                    ("Programme", "programme"), ("Panel", "panel"), ("Dialogue", "dialogue")]
STANCES = ["Supports", "Opposes", "Critical", "Mixed", "Neutral"]


class Shipped:
    """What the generator needs from the shipped graph: states, organisations, frameworks, G7 members, Paris."""

    def __init__(self) -> None:
        from govgraph.build import collect

        quads, _notes, _sources = collect()
        rdf_type, label = RDF_TYPE[1:-1], LABEL[1:-1]
        types: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        by_predicate: dict[str, list] = {}
        subjects = set()
        for q in quads:
            s, p, o = q.subject.value, q.predicate.value, q.object
            subjects.add(s)
            if p == rdf_type:
                types.setdefault(s, set()).add(o.value)
            elif p == label and getattr(o, "language", None) == "en":
                labels.setdefault(s, o.value)
            by_predicate.setdefault(p, []).append((s, o))
        self.minted_clash = sorted(s for s in subjects if "/syn-" in s)

        def of(cls: str) -> list[str]:
            return sorted(s for s, t in types.items() if GGNS + cls in t)

        self.states = [(f"<{s}>", labels[s]) for s in of("State")]
        self.igos = [(f"<{s}>", labels[s]) for s in of("IntergovernmentalOrganisation")]
        self.frameworks = [f"<{s}>" for s in of("Framework")]
        g7 = BASE + "id/organisation/g7"
        members = {s for s, o in by_predicate[ORG + "organization"] if o.value == g7}
        ended = {s for s, _o in by_predicate.get(TIME + "hasEnd", [])}
        member_of = dict((s, o.value) for s, o in by_predicate[ORG + "member"])
        self.g7 = sorted((f"<{member_of[m]}>", labels[member_of[m]]) for m in members
                         if m + "/interval" not in ended and GGNS + "State" in types.get(member_of[m], ()))
        paris = BASE + "id/declaration/paris-statement-2025"
        instrument = {s: o.value for s, o in by_predicate[GGNS + "instrument"]}
        agent = {s: o.value for s, o in by_predicate[GGNS + "agent"]}
        signings = [s for s, t in types.items() if GGNS + "Signing" in t and instrument.get(s) == paris]
        self.paris = f"<{paris}>"
        self.paris_states = len({agent[s] for s in signings if s in agent and GGNS + "State" in types.get(agent[s], ())})
        if not self.states or not self.g7 or not self.paris_states or not self.frameworks:
            raise SystemExit("generate: the shipped graph lacks states, G7 members, frameworks or the Paris statement")


class Generator:
    def __init__(self, out, shipped: Shipped, seed: int, target: int) -> None:
        self.out = out
        self.shipped = shipped
        self.rng = random.Random(seed)
        self.target = target
        self.triples = 0
        self.graph = ""
        self.buffer: list[str] = []
        self.graphs: set[str] = set()
        self.planted = dict.fromkeys(FINDING_KINDS, 0)
        self.counts: dict[str, int] = {}
        self.recent: deque = deque(maxlen=40)  # (instrument, label, signed states, state count, summit, date)
        self.orgs = list(shipped.igos)  # signatories that are organisations (grows with the networks made)
        self.publishers: list[tuple[str, str]] = []  # news outlets: (organisation, label)
        self.people: list[tuple[str, str]] = []  # (person, label): people are quoted again and again
        self.cities: dict[str, str] = {}  # host state -> city
        self.previous_summit: str | None = None

    # ------------------------------------------------------------------------------------------------ writing

    def use(self, graph_slug: str) -> None:
        self.graph = f"<{BASE}graph/{graph_slug}>"
        self.graphs.add(graph_slug)

    def add(self, s: str, p: str, o: str) -> None:
        self.buffer.append(f"{s} {p} {o} {self.graph} .\n")
        self.triples += 1
        if len(self.buffer) >= 20000:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.buffer))
        self.buffer.clear()

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def evidence(self, node: str, source_slug: str, n: int, quote: str, source: str, prop: str = "evidence") -> None:
        ev = iri(f"evidence/{source_slug}/{n}")
        selector = iri(f"evidence/{source_slug}/{n}/selector")
        self.add(node, gg(prop), ev)
        self.add(ev, RDF_TYPE, f"<{OA}SpecificResource>")
        self.add(ev, f"<{OA}hasSource>", source)
        self.add(ev, f"<{OA}hasSelector>", selector)
        self.add(selector, RDF_TYPE, f"<{OA}TextQuoteSelector>")
        self.add(selector, f"<{OA}exact>", plain(quote))

    def some_date(self, first: int = 2026, last: int = 2040) -> tuple[int, int, int]:
        return self.rng.randint(first, last), self.rng.randint(1, 12), self.rng.randint(1, 28)

    # ------------------------------------------------------------------------------------------------ units

    def city(self, state: tuple[str, str]) -> str:
        node = self.cities.get(state[0])
        if node is None:
            slug = f"syn-city-{len(self.cities) + 1:04d}"
            node = iri(f"place/{slug}")
            self.cities[state[0]] = node
            self.add(node, RDF_TYPE, gg("City"))
            self.add(node, LABEL, en(f"Capital city of {state[1]}"))
            self.add(node, gg("country"), state[0])
            self.count("cities")
        return node

    def declaration(self, k: int) -> None:
        rng = self.rng
        g7 = k % 10 == 0
        kind = "Statement" if g7 else rng.choices(["Declaration", "Statement", "Agreement"], [60, 25, 15])[0]
        path = "agreement" if kind == "Agreement" else "declaration"
        slug = f"syn-{'g7-communique' if g7 else path}-{k:06d}"
        self.use(slug)
        instrument = iri(f"{path}/{slug}")
        source = iri(f"source/{slug}")
        summit = iri(f"event/syn-summit-{k:06d}")
        y, m, d = self.some_date()
        hosts = rng.sample(self.shipped.g7 if g7 else self.shipped.states, 2)
        topic = rng.choice(TOPICS)
        summit_label = f"{'G7 leaders meeting' if g7 else 'Summit'} on {topic} {y} ({k})"
        title = f"{'G7 communiqué' if g7 else kind} on {topic}, {summit_label}"
        # the summit, its place and its chairs
        city = self.city(hosts[0])
        self.add(summit, RDF_TYPE, gg("Summit"))
        self.add(summit, LABEL, en(summit_label))
        self.add(summit, START, date(y, m, d))
        self.add(summit, END, date(y, m, min(d + 1, 28)))
        self.add(summit, LOCATION, city)
        self.add(summit, SOURCE, source)
        self.evidence(summit, slug, 0, f"{summit_label}, held in {hosts[0][1]}", source)
        for n, host in enumerate(hosts, start=1):
            act = iri(f"act/{slug}/cochairing-{n}")
            self.add(act, RDF_TYPE, gg("CoChairing"))
            self.add(act, gg("agent"), host[0])
            self.add(act, gg("instrument"), summit)
            self.add(act, gg("listIndex"), integer(n))
            self.add(act, gg("nameAsWritten"), plain(host[1]))
            self.add(act, SOURCE, source)
            self.evidence(act, slug, 100 + n, f"co-chaired by {host[1]}", source)
        act = iri(f"act/{slug}/hosting")
        self.add(act, RDF_TYPE, gg("Hosting"))
        self.add(act, gg("agent"), hosts[0][0])
        self.add(act, gg("instrument"), summit)
        self.add(act, SOURCE, source)
        self.evidence(act, slug, 103, f"hosted by {hosts[0][1]}", source)
        # the source text and the instrument
        self.add(source, RDF_TYPE, gg("DeclarationText"))
        self.add(source, TITLE, en(f"Text of the {title}"))
        self.add(source, ISSUED, date(y, m, d))
        self.add(source, URL, f"<https://example.org/syn/{slug}.pdf>")
        self.add(instrument, RDF_TYPE, gg(kind))
        self.add(instrument, TITLE, en(title))
        self.add(instrument, LABEL, en(title))
        self.add(instrument, ISSUED, date(y, m, min(d + 1, 28)))
        self.add(instrument, SOURCE, source)
        self.add(instrument, gg("adoptedAt"), summit)
        self.add(instrument, gg("issuedAt"), city)
        for n in range(1, rng.randint(3, 8) + 1):
            part = iri(f"{path}/{slug}/paragraph/{n}")
            self.add(instrument, HAS_PART, part)
            self.add(part, RDF_TYPE, gg("Paragraph"))
            self.add(part, IS_PART_OF, instrument)
            self.add(part, LABEL, en(f"Paragraph {n}"))
            self.add(part, gg("number"), integer(n))
            self.add(part, gg("sequence"), integer(n))
            self.add(part, gg("wordCount"), integer(rng.randint(40, 200)))
            self.evidence(part, slug, 200 + n, f"{n}. We, the participants, resolve to advance {topic} ({k}.{n}).", source)
        footnote = iri(f"{path}/{slug}/footnote/1")
        self.add(instrument, HAS_PART, footnote)
        self.add(footnote, RDF_TYPE, gg("Footnote"))
        self.add(footnote, IS_PART_OF, instrument)
        self.add(footnote, LABEL, en("Footnote 1"))
        self.add(footnote, gg("marker"), integer(1))
        self.add(footnote, gg("anchorText"), plain(kind))
        if rng.random() < 0.02:
            self.planted["unreferenced_footnote"] += 1
        else:
            self.add(footnote, gg("anchoredIn"), instrument)
        self.evidence(footnote, slug, 300, f"1 This {kind.lower()} covers civil uses of AI only ({k}).", source)
        for n, framework in enumerate(rng.sample(self.shipped.frameworks, 2), start=1):
            act = iri(f"act/{slug}/acknowledging-{n}")
            self.add(act, RDF_TYPE, gg("Acknowledging"))
            self.add(act, gg("statedIn"), instrument)
            self.add(act, gg("instrument"), framework)
            self.add(act, SOURCE, source)
            self.evidence(act, slug, 400 + n, f"in line with the framework {n} ({k})", source)
        if self.previous_summit:
            act = iri(f"act/{slug}/building-on")
            self.add(act, RDF_TYPE, gg("BuildingOn"))
            self.add(act, gg("statedIn"), instrument)
            self.add(act, gg("instrument"), self.previous_summit)
            self.add(act, SOURCE, source)
            self.evidence(act, slug, 410, f"building on the previous summit ({k})", source)
        self.previous_summit = summit
        # the signatory list: states (and some organisations), with at most one planted flaw
        if g7:
            signers = list(self.shipped.g7) + [o for o in self.shipped.igos if o[0].endswith("/european-union>")]
        else:
            signers = rng.sample(self.shipped.states, rng.randint(15, 110))
            signers += rng.sample(self.orgs, min(len(self.orgs), rng.choice([0, 0, 1, 2])))
        flaw = None if g7 else rng.choices([None, "unresolved", "repeated", "gap"], [82, 6, 6, 6])[0]
        at = rng.randint(2, len(signers) - 1) if flaw else -1
        number = 0
        states = set()
        for index, (agent, name) in enumerate(signers, start=1):
            number += 1
            if index == at and flaw == "repeated":
                number -= 1
            elif index == at and flaw == "gap":
                number += 1
            act = iri(f"act/{slug}/signatory-{index}")
            self.add(act, RDF_TYPE, gg("Signing"))
            if index == at and flaw == "unresolved":
                name = f"Syn-Unknown {k}"
            else:
                self.add(act, gg("agent"), agent)
                if agent.startswith(f"<{BASE}id/state/"):
                    states.add(agent)
            self.add(act, gg("instrument"), instrument)
            self.add(act, gg("listNumber"), integer(number))
            self.add(act, gg("listIndex"), integer(index))
            self.add(act, gg("nameAsWritten"), plain(name))
            self.add(act, DATE, date(y, m, min(d + 1, 28)))
            self.add(act, SOURCE, source)
            self.evidence(act, slug, 1000 + index, f"{number}. {name}", source)
        if flaw:
            key = {"unresolved": "unresolved_list_entry", "repeated": "repeated_list_number", "gap": "list_gap"}[flaw]
            self.planted[key] += 1
        self.count("declarations")
        self.count("signings", len(signers))
        self.recent.append((instrument, title, {a for a, _n in signers}, len(states), summit, (y, m, d)))

    def person(self) -> tuple[str, str]:
        rng = self.rng
        if self.people and rng.random() < 0.6:
            return rng.choice(self.people)
        n = len(self.people) + 1
        slug = f"syn-person-{n:06d}"
        node = iri(f"person/{slug}")
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({n})"
        organisation = rng.choice(self.orgs + self.publishers) if rng.random() < 0.5 else None
        self.use(f"syn-people-{(n - 1) // 500:04d}")
        source = iri(f"source/syn-people-{(n - 1) // 500:04d}")
        if (n - 1) % 500 == 0:
            self.add(source, RDF_TYPE, gg("CuratedRecords"))
            self.add(source, TITLE, en(f"Curated records of people, part {(n - 1) // 500 + 1}"))
        self.add(node, RDF_TYPE, gg("Person"))
        self.add(node, LABEL, en(name))
        self.add(node, SOURCE, source)
        if organisation:
            post = iri(f"post/{slug}")
            role = rng.choice(ROLES)
            self.add(node, f"<{ORG}holds>", post)
            self.add(post, RDF_TYPE, f"<{ORG}Post>")
            self.add(post, LABEL, en(f"{role}, {organisation[1]}"))
            self.add(post, f"<{ORG}postIn>", organisation[0])
            self.add(post, f"<{ORG}heldBy>", node)
            self.add(post, gg("roleTitle"), en(role))
            self.add(post, SOURCE, source)
        self.people.append((node, name))
        self.count("people")
        return node, name

    def publisher(self) -> str:
        if len(self.publishers) < 60 and (not self.publishers or self.rng.random() < 0.1):
            n = len(self.publishers) + 1
            node = iri(f"organisation/syn-news-outlet-{n:03d}")
            source = iri("source/syn-news-outlets")
            self.use("syn-news-outlets")
            if n == 1:
                self.add(source, RDF_TYPE, gg("CuratedRecords"))
                self.add(source, TITLE, en("Curated records of news outlets"))
            self.add(node, RDF_TYPE, gg("Company"))
            self.add(node, LABEL, en(f"News Outlet {n}"))
            self.add(node, SOURCE, source)
            self.publishers.append((node, f"News Outlet {n}"))
        return self.rng.choice(self.publishers)[0]

    def article(self, k: int) -> None:
        rng = self.rng
        about_paris = k % 7 == 0 or not self.recent
        if about_paris:
            instrument, title, signed, states = self.shipped.paris, "the Paris statement", None, self.shipped.paris_states
        else:
            instrument, title, signed, states, _summit, _when = rng.choice(self.recent)
        publisher = self.publisher()
        speakers = [self.person() for _ in range(rng.randint(1, 4))]
        slug = f"syn-article-{k:06d}"
        self.use(slug)
        source = iri(f"source/{slug}")
        y, m, _d = self.some_date()
        self.add(source, RDF_TYPE, gg("NewsArticle"))
        self.add(source, TITLE, en(f"Article {k} on {title}"))
        self.add(source, PUBLISHER, publisher)
        self.add(source, ISSUED, f'"{y:04d}-{m:02d}"^^<{XSD}gYearMonth>')
        self.add(source, URL, f"<https://example.org/news/{slug}>")
        for n, (speaker, name) in enumerate(speakers, start=1):
            quotation = iri(f"quotation/{slug}/{n}")
            said = f"Statement {n} of article {k} on {title}, as {name} put it"
            self.add(quotation, RDF_TYPE, gg("Quotation"))
            self.add(quotation, LABEL, en(f"Quotation of {name}"))
            self.add(quotation, gg("quotedText"), en(said))
            if rng.random() < 0.02:
                self.planted["quotation_without_speaker"] += 1
            else:
                self.add(quotation, gg("speaker"), speaker)
            self.add(quotation, SOURCE, source)
            self.add(quotation, gg("stance"), gg(rng.choice(STANCES)))
            self.add(quotation, gg("stanceToward"), instrument)
            self.evidence(quotation, slug, n, said, source)
            self.count("quotations")
        if signed is not None and rng.random() < 0.3:
            decliner = rng.choice([s for s in self.shipped.states if s[0] not in signed])
            act = iri(f"act/{slug}/decliningtosign")
            reason = iri(f"reason/{slug}/1")
            self.add(act, RDF_TYPE, gg("DecliningToSign"))
            self.add(act, gg("agent"), decliner[0])
            self.add(act, gg("instrument"), instrument)
            self.add(act, SOURCE, source)
            self.add(act, gg("reason"), reason)
            self.evidence(act, slug, 50, f"{decliner[1]} did not sign", source)
            self.add(reason, RDF_TYPE, gg("Reason"))
            self.add(reason, LABEL, en(f"{decliner[1]} found the text did not serve its national interest ({k})"))
            self.add(reason, SOURCE, source)
            self.add(reason, gg("givenBy"), speakers[0][0])
            self.evidence(reason, slug, 51, f"not in our national interest ({k})", source)
            self.count("declines")
        if rng.random() < 0.5:
            claim = iri(f"claim/{slug}/1")
            if rng.random() < 0.15:
                qualifier, claimed = rng.choice([("Exactly", states + 2), ("MoreThan", states + 5), ("AtLeast", states + 1)])
                self.planted["count_claim"] += 1
            else:
                qualifier, claimed = rng.choice([("Exactly", states), ("MoreThan", states - 3), ("AtLeast", states),
                                                 ("About", states)])
            self.add(claim, RDF_TYPE, gg("CountClaim"))
            self.add(claim, gg("about"), instrument)
            self.add(claim, gg("countOf"), gg("SignatoryStates"))
            self.add(claim, gg("claimedQuantity"), integer(claimed))
            self.add(claim, gg("quantityQualifier"), gg(qualifier))
            self.add(claim, SOURCE, source)
            self.evidence(claim, slug, 60, f"{claimed} countries signed ({k})", source)
            self.count("count_claims")
        self.count("articles")

    def initiative(self, k: int) -> None:
        rng = self.rng
        instrument, _title, _signed, _states, _summit, (y, m, d) = rng.choice(self.recent)
        cls, word = rng.choice(INITIATIVE_KINDS)
        slug = f"syn-{word}-{k:06d}"
        self.use(f"syn-initiative-{k:06d}")
        source = iri(f"source/syn-initiative-{k:06d}")
        node = iri(f"initiative/{slug}")
        label = f"{word.capitalize()} {k} on {rng.choice(TOPICS)}"
        self.add(source, RDF_TYPE, gg("CuratedRecords"))
        self.add(source, TITLE, en(f"Records of the {label}"))
        self.add(node, RDF_TYPE, gg(cls))
        self.add(node, LABEL, en(label))
        self.add(node, SOURCE, source)
        self.evidence(node, f"syn-initiative-{k:06d}", 0, f"the {label}", source)
        act = iri(f"act/syn-initiative-{k:06d}/launching")
        self.add(act, RDF_TYPE, gg("Launching"))
        self.add(act, gg("instrument"), node)
        self.add(act, gg("statedIn"), instrument)
        self.add(act, SOURCE, source)
        self.evidence(act, f"syn-initiative-{k:06d}", 1, f"we launch the {label}", source)
        currency = rng.choice(["EUR", "USD", "GBP", "JPY"])
        unit = 10 ** 6
        parts = [rng.randint(10, 500) * unit for _ in range(2)]
        total = sum(parts)
        if rng.random() < 0.05:
            total += rng.randint(1, 9) * unit
            self.planted["amount_components"] += 1
        amount = iri(f"amount/syn-initiative-{k:06d}/total")
        self.add(node, gg("totalAmount"), amount)
        for n, value in enumerate([total, *parts]):
            node_amount = amount if n == 0 else iri(f"amount/syn-initiative-{k:06d}/part-{n}")
            self.add(node_amount, RDF_TYPE, f"<{SCHEMA}MonetaryAmount>")
            self.add(node_amount, LABEL, en(f"{currency} {value:,}"))
            self.add(node_amount, VALUE, decimal(value))
            self.add(node_amount, CURRENCY, plain(currency))
            self.add(node_amount, gg("mentionedIn"), source)
            if n:
                self.add(amount, gg("hasComponent"), node_amount)
        founders = rng.sample(self.shipped.states, rng.randint(2, 6))
        unresolved = rng.random() < 0.05
        for n, (agent, name) in enumerate(founders, start=1):
            act = iri(f"act/syn-initiative-{k:06d}/founding-{n}")
            self.add(act, RDF_TYPE, gg("Founding"))
            if unresolved and n == len(founders):
                name = f"Syn-Unknown founder {k}"
                self.planted["unresolved_founder"] += 1
            else:
                self.add(act, gg("agent"), agent)
            self.add(act, gg("instrument"), node)
            self.add(act, gg("listIndex"), integer(n))
            self.add(act, gg("nameAsWritten"), plain(name))
            self.add(act, gg("statedIn"), instrument)
            self.add(act, DATE, date(y, m, d))
            self.add(act, SOURCE, source)
            self.evidence(act, f"syn-initiative-{k:06d}", 10 + n, f"founding member: {name}", source)
        for n, (agent, name) in enumerate(founders[:2], start=1):
            act = iri(f"act/syn-initiative-{k:06d}/funding-{n}")
            pledge = iri(f"amount/syn-initiative-{k:06d}/pledge-{n}")
            value = parts[n - 1] // 2
            self.add(act, RDF_TYPE, gg("Funding"))
            self.add(act, gg("agent"), agent)
            self.add(act, gg("instrument"), node)
            self.add(act, gg("amount"), pledge)
            self.add(act, SOURCE, source)
            self.evidence(act, f"syn-initiative-{k:06d}", 20 + n, f"{name} pledges {currency} {value:,}", source)
            self.add(pledge, RDF_TYPE, f"<{SCHEMA}MonetaryAmount>")
            self.add(pledge, VALUE, decimal(value))
            self.add(pledge, CURRENCY, plain(currency))
            self.add(pledge, gg("mentionedIn"), source)
        self.count("initiatives")

    def network(self, k: int) -> None:
        rng = self.rng
        slug = f"syn-network-{k:05d}"
        self.use(f"syn-membership-list-{k:05d}")
        group = iri(f"organisation/{slug}")
        source = iri(f"source/syn-membership-list-{k:05d}")
        label = f"Network {k} on {rng.choice(TOPICS)}"
        self.add(source, RDF_TYPE, gg("ReferenceData"))
        self.add(source, TITLE, en(f"Members of the {label}"))
        self.add(group, RDF_TYPE, gg(rng.choice(["IntergovernmentalForum", "IntergovernmentalOrganisation"])))
        self.add(group, LABEL, en(label))
        self.add(group, SOURCE, source)
        self.add(group, gg("membershipDateMeaning"), en("date the member joined the network"))
        for state, _name in rng.sample(self.shipped.states, rng.randint(10, 80)):
            code = state.rsplit("/", 1)[1][:-1]
            membership = iri(f"membership/{slug}/{code}")
            interval = iri(f"membership/{slug}/{code}/interval")
            start = iri(f"membership/{slug}/{code}/start")
            y, m, d = self.some_date(1990, 2030)
            self.add(membership, RDF_TYPE, f"<{ORG}Membership>")
            self.add(membership, LABEL, en(f"{code} in {label}"))
            self.add(membership, f"<{ORG}member>", state)
            self.add(membership, f"<{ORG}organization>", group)
            self.add(membership, f"<{ORG}memberDuring>", interval)
            self.add(membership, SOURCE, source)
            self.add(state, f"<{ORG}memberOf>", group)
            self.add(interval, RDF_TYPE, f"<{TIME}Interval>")
            self.add(interval, f"<{TIME}hasBeginning>", start)
            self.add(start, RDF_TYPE, f"<{TIME}Instant>")
            self.add(start, f"<{TIME}inXSDDate>", date(y, m, d))
            if rng.random() < 0.2:
                end = iri(f"membership/{slug}/{code}/end")
                self.add(interval, f"<{TIME}hasEnd>", end)
                self.add(end, RDF_TYPE, f"<{TIME}Instant>")
                self.add(end, f"<{TIME}inXSDDate>", date(y + rng.randint(1, 10), m, d))
            self.count("memberships")
        self.orgs.append((group, label))
        self.count("networks")

    def run(self) -> None:
        k = 0
        while self.triples < self.target:
            k += 1
            if k % 4 == 1:
                self.network(k // 4 + 1)
            self.declaration(k)
            self.article(2 * k - 1)
            self.article(2 * k)
            if k % 2 == 0:
                self.initiative(k // 2)
        self.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="how many triples to write, at least (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the N-Quads file to write")
    parser.add_argument("--expected", type=Path, help="the sidecar JSON (default: <output stem>.expected.json)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    shipped = Shipped()
    if shipped.minted_clash:
        raise SystemExit(f"generate: the shipped graph already has resources named like synthetic ones: {shipped.minted_clash[:3]}")
    tmp = args.output.with_name(args.output.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        gen = Generator(out, shipped, args.seed, args.triples)
        gen.run()
    tmp.replace(args.output)
    expected = {
        "generator": "bench/generate.py", "seed": args.seed, "target_triples": args.triples, "triples": gen.triples,
        "graphs": len(gen.graphs), "output": args.output.name,
        "build": "govgraph build --with " + args.output.name,
        "planted": {FINDING_KINDS[key]: n for key, n in gen.planted.items()},
        "planted_total": sum(gen.planted.values()),
        "note": "findings of a build with this file = the shipped graph's own findings + 'planted' (all Warnings)",
        "counts": dict(sorted(gen.counts.items())),
    }
    path = args.expected or args.output.with_name(args.output.stem + ".expected.json")
    path.write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"generate: {gen.triples:,} triples, {sum(gen.planted.values())} planted findings -> {args.output} "
          f"({time.perf_counter() - started:.1f} s); expected findings in {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
