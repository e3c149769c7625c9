"""The declaration ingester: a declaration's plain text, as extracted from a PDF, to RDF.

The text has the shape of the summit statements: a header (venue and date; the summit; who chairs it, when
and where), a title, numbered and unnumbered paragraphs, a bulleted list of priorities, footnotes whose
markers are glued to words and whose texts may interrupt any list at a page break, and a numbered list of
signatories. Reading happens in two steps so each can be tested alone: :func:`parse` turns text into a
:class:`ParsedDeclaration` (raising :class:`IngestError` for broken structure, with file and line), and
:func:`to_rdf` turns that into triples, resolving names through the catalogue. Unresolved names, repeated or
missing list numbers and orphan footnotes are not errors: they are kept as written, reported by
:func:`to_rdf`, and flagged again by the SHACL shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode

from ..catalogue import Catalogue, Entity
from ..config import DATA_DIR
from ..datafiles import load_yaml
from ..dates import DateError, parse_date, parse_date_range
from ..errors import IngestError
from ..evidence import short_quote
from ..rdf import DCT, GG, RDF, RDFS, SCHEMA, SKOS, GraphWriter, entity, lit, slugify
from .claims import add_count_claims
from .common import Source, add_evidence

SUPERSCRIPT_DIGITS = {"\u00b9": 1, "\u00b2": 2, "\u00b3": 3, "\u2074": 4, "\u2075": 5, "\u2076": 6,
                      "\u2077": 7, "\u2078": 8, "\u2079": 9}
_SUP = "".join(SUPERSCRIPT_DIGITS)
FOOTNOTE_LINE = re.compile(rf"^\s*(?P<marker>[{_SUP}])\s*(?P<text>\S.*)$")
GLUED_MARKER = re.compile(rf"(?<=\w)(?P<marker>[{_SUP}])")
BOLD_MARKER = re.compile(r"\*\*(?P<marker>\d)(?=[A-Z])")
NUMBERED_PARAGRAPH = re.compile(r"^-\s+(?P<number>\d+)\.\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^(?:\s+-|\s*[\u2022\u00b7])\s+(?P<text>\S.*)$")
UNNUMBERED_PARAGRAPH = re.compile(r"^-\s+(?P<text>\S.*)$")
LIST_ENTRY = re.compile(r"^-?\s*(?P<number>\d+)[.)]\s+(?P<name>\S.*?)\s*$")
TRUNCATED_ENTRY = re.compile(r"^-?\s*(?P<number>\d+)[.)]?\s*$")
PAGE_ARTEFACT = re.compile(r"^(?:page\s+)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.I)
VENUE_DATE = re.compile(r"^(?P<venue>[^,\d]+),\s*(?P<date>.*\d{4})\s*$")


@dataclass(frozen=True)
class Rules:
    """The reading rules of ``data/extraction/declaration.yaml``."""

    cues: tuple[tuple[str, str, tuple[str, ...]], ...]
    hosted_by: str
    founder_anchors: tuple[str, ...]
    signatory_headings: tuple[str, ...]
    priority_leads: tuple[str, ...]
    chair_phrases: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def load_rules(path: Path = DATA_DIR / "extraction" / "declaration.yaml") -> Rules:
    doc = load_yaml(path)
    return Rules(
        cues=tuple((c["phrase"], c["act"], tuple(c["kinds"])) for c in doc["cues"]),
        hosted_by=doc["hosted_by"],
        founder_anchors=tuple(doc["founder_anchors"]),
        signatory_headings=tuple(doc["signatory_headings"]),
        priority_leads=tuple(doc["priority_leads"]),
        chair_phrases=tuple(doc["chair_phrases"].items()),
    )


@dataclass
class Footnote:
    marker: int
    text: str
    line: int
    anchor_word: str | None = None
    anchor_in: str | None = None  # "title" or a paragraph key


@dataclass
class Paragraph:
    key: str  # "3" for a numbered paragraph, "3-1" for the first unnumbered one after paragraph 3
    number: int | None
    sequence: int
    text: str  # with footnote markers and bold marks removed
    raw: str
    line: int
    markers: list[tuple[int, str]] = field(default_factory=list)  # (marker, word it is glued to)


@dataclass
class Entry:
    number: int
    index: int
    name: str
    raw: str
    line: int


@dataclass
class ParsedDeclaration:
    path: str
    title: str
    title_line: int
    title_markers: list[tuple[int, str]]
    issued: date | None
    venue: str | None
    header_line: int | None
    summit_name: str | None
    summit_line: int | None
    chair_act: str | None
    chairs: list[str]
    chair_line_text: str | None
    summit_dates: tuple[date, date] | None
    city: str | None
    paragraphs: list[Paragraph]
    priorities: list[tuple[str, int]]
    footnotes: dict[int, Footnote]
    entries: list[Entry]
    notes: list[str]


def _strip_markers(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Remove glued footnote markers and bold marks; return the clean text and (marker, anchor word) pairs."""
    markers: list[tuple[int, str]] = []
    for m in BOLD_MARKER.finditer(text):
        word = re.match(r"[A-Za-z]+(?:\s+[a-z]+)?", text[m.end():])
        markers.append((int(m["marker"]), word.group(0) if word else ""))
    for m in GLUED_MARKER.finditer(text):
        word = re.search(r"(\w+)$", text[: m.start()])
        markers.append((SUPERSCRIPT_DIGITS[m["marker"]], word.group(1) if word else ""))
    clean = BOLD_MARKER.sub("", text)
    clean = GLUED_MARKER.sub("", clean).replace("**", "")
    return " ".join(clean.split()), markers


def _chair_pattern(rules: Rules) -> re.Pattern[str]:
    phrases = "|".join(re.escape(p) for p, _ in rules.chair_phrases)
    return re.compile(rf"^(?P<phrase>{phrases})\s+(?P<who>.+?)\s+(?P<dates>\d{{1,2}}\S*(?:\s*[-\u2013]\s*\d{{1,2}})?\s+[A-Za-z]+,?\s+\d{{4}})(?:,\s*(?P<city>.+))?$")


def parse(text: str, path: str = "<text>", rules: Rules | None = None) -> ParsedDeclaration:
    """Read the structure of a declaration; raise :class:`IngestError` where the structure is broken."""
    rules = rules or load_rules()
    lines = [line.rstrip() for line in text.splitlines()]
    numbered = [(i + 1, line) for i, line in enumerate(lines)]
    notes: list[str] = []
    heading_re = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, rules.signatory_headings))})\s*:?\s*$", re.I)
    chair_re = _chair_pattern(rules)

    # -- header and title ----------------------------------------------------------------------------
    content = [(n, line) for n, line in numbered if line.strip()]
    if not content:
        raise IngestError(path, "is empty")
    first_body = next((k for k, (_, line) in enumerate(content)
                       if NUMBERED_PARAGRAPH.match(line) or heading_re.match(line)), None)
    if first_body is None:
        raise IngestError(path, "no numbered paragraph ('- 1. ...') and no signatory list: is this a declaration?")
    header = content[:first_body]
    if not header:
        raise IngestError(f"{path}:{content[0][0]}", "no title before the first paragraph")
    issued = venue = summit_name = chair_act = city = chair_text = None
    header_line = summit_line = None
    chairs: list[str] = []
    summit_dates = None
    chair_error: IngestError | None = None
    title_idx = len(header) - 1
    for k, (n, line) in enumerate(header):
        m = chair_re.match(line.strip())
        if m:
            chair_act = dict(rules.chair_phrases)[m["phrase"]]
            chairs = [c.strip() for c in re.split(r",\s*|\s+and\s+", m["who"]) if c.strip()]
            try:
                summit_dates = parse_date_range(m["dates"])
            except DateError as exc:  # raised after the lines above it are read, so errors come in file order
                chair_error = IngestError(f"{path}:{n}", f"the summit's dates {m['dates']!r} are not a date: {exc}")
            city = (m["city"] or "").strip() or None
            chair_text = line.strip()
            if k > 0:
                summit_line, summit_name = header[k - 1][0], header[k - 1][1].strip()
            title_idx = k + 1
            break
    for n, line in header[: max(title_idx - 2, 1)] if summit_name else header[:-1]:
        m = VENUE_DATE.match(line.strip())
        if m:
            try:
                issued = parse_date(m["date"])
            except DateError as exc:
                raise IngestError(f"{path}:{n}", f"the date {m['date']!r} is not a date: {exc}") from None
            venue, header_line = m["venue"].strip(), n
    if chair_error is not None:
        raise chair_error
    if title_idx >= len(header):
        raise IngestError(f"{path}:{header[-1][0]}", "no title after the header")
    title_line, raw_title = header[title_idx]
    title, title_markers = _strip_markers(raw_title.strip())
    for n, line in header[title_idx + 1:]:
        if not FOOTNOTE_LINE.match(line):
            notes.append(f"line {n}: text between the title and the first paragraph was not read: {short_quote(line.strip(), 8)!r}")

    # -- body: paragraphs, priorities, footnotes, signatory list ----------------------------------------
    paragraphs: list[Paragraph] = []
    priorities: list[tuple[str, int]] = []
    footnotes: dict[int, Footnote] = {}
    entries: list[Entry] = []
    in_priorities = in_list = False
    last_number, since_number, sequence = 0, 0, 0
    for n, line in numbered[content[first_body][0] - 1:]:
        stripped = line.strip()
        if not stripped:
            continue
        foot = FOOTNOTE_LINE.match(line)
        if foot:
            marker = SUPERSCRIPT_DIGITS[foot["marker"]]
            if marker in footnotes:
                raise IngestError(f"{path}:{n}", f"footnote {marker} appears twice (first at line {footnotes[marker].line})")
            footnotes[marker] = Footnote(marker, " ".join(foot["text"].split()), n)
            continue  # a footnote never ends a list: it is where a page broke
        if in_list:
            entry = LIST_ENTRY.match(stripped)
            if entry:
                name = GLUED_MARKER.sub("", entry["name"]).strip()
                entries.append(Entry(int(entry["number"]), len(entries) + 1, name, stripped.lstrip("- "), n))
            elif TRUNCATED_ENTRY.match(stripped):
                raise IngestError(f"{path}:{n}", f"signatory entry {stripped.lstrip('- ')!r} has a number but no name: the list looks truncated")
            elif PAGE_ARTEFACT.match(stripped):
                notes.append(f"line {n}: page number {stripped!r} inside the signatory list skipped")
            else:
                raise IngestError(f"{path}:{n}", f"{short_quote(stripped, 10)!r} inside the signatory list is neither a numbered entry ('- 12. Name') nor a footnote")
            continue
        if heading_re.match(stripped):
            in_list, in_priorities = True, False
            continue
        bullet = BULLET.match(line)
        if bullet and in_priorities:
            clean, markers = _strip_markers(bullet["text"])
            priorities.append((clean.rstrip(";,").rstrip(), n))
            continue
        numbered_par = NUMBERED_PARAGRAPH.match(line)
        if numbered_par:
            number = int(numbered_par["number"])
            last_number, since_number = number, 0
            key, body = str(number), numbered_par["text"]
        else:
            plain = UNNUMBERED_PARAGRAPH.match(line) or bullet
            body = plain["text"] if plain else stripped
            number = None
            since_number += 1
            key = f"{last_number}-{since_number}"
        sequence += 1
        clean, markers = _strip_markers(body)
        paragraphs.append(Paragraph(key, number, sequence, clean, body, n, markers))
        in_priorities = clean.endswith(":") and any(lead in clean.lower() for lead in rules.priority_leads)

    if not paragraphs:
        raise IngestError(path, "no paragraphs found")
    if any(heading_re.match(line.strip()) for _, line in numbered) and not entries:
        raise IngestError(path, "the signatory list has a heading but no entries")

    # -- attach footnotes to the words that carry their markers -------------------------------------
    for marker, word in title_markers:
        if marker in footnotes:
            footnotes[marker].anchor_word, footnotes[marker].anchor_in = word, "title"
    for par in paragraphs:
        for marker, word in par.markers:
            if marker in footnotes:
                footnotes[marker].anchor_word, footnotes[marker].anchor_in = word, par.key
            else:
                notes.append(f"line {par.line}: footnote marker {marker} has no footnote text")
    for foot in footnotes.values():
        if foot.anchor_in is None:
            notes.append(f"line {foot.line}: footnote {foot.marker} is not referenced by any marker in the text")

    return ParsedDeclaration(
        path=path, title=title, title_line=title_line, title_markers=title_markers, issued=issued, venue=venue,
        header_line=header_line, summit_name=summit_name, summit_line=summit_line, chair_act=chair_act,
        chairs=chairs, chair_line_text=chair_text, summit_dates=summit_dates, city=city, paragraphs=paragraphs,
        priorities=priorities, footnotes=footnotes, entries=entries, notes=notes,
    )


# -- RDF -----------------------------------------------------------------------------------------------

INSTRUMENT_CLASSES = {"statement": "Statement", "declaration": "Declaration", "agreement": "Agreement"}
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"\u201c])")


@dataclass
class IngestReport:
    """What an ingester found and could not settle, for the person running it."""

    source: Source
    counts: dict[str, int] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{self.source.id}: " + ", ".join(f"{k}: {v}" for k, v in self.counts.items())]
        out += [f"  unresolved: {u}" for u in dict.fromkeys(self.unresolved)]
        out += [f"  note: {n}" for n in dict.fromkeys(self.notes)]
        return out


def _resolve_place(catalogue: Catalogue, name: str | None) -> NamedNode | None:
    if not name:
        return None
    ent = catalogue.resolve(name, ("place",))
    return ent.iri if ent else entity("place", slugify(name))


def _act(w: GraphWriter, source: Source, iri: NamedNode, kind: str, instrument: NamedNode,
         agent: Entity | None, evidence: str, stated_in: NamedNode | None = None) -> NamedNode:
    w.add(iri, RDF.type, GG[kind])
    w.add(iri, GG.instrument, instrument)
    if agent is not None:
        w.add(iri, GG.agent, agent.iri)
    if stated_in is not None:
        w.add(iri, GG.statedIn, stated_in)
    w.add(iri, DCT.source, source.iri)
    w.add(iri, GG.evidence, add_evidence(w, source, evidence))
    return iri


def to_rdf(parsed: ParsedDeclaration, source: Source, catalogue: Catalogue,
           rules: Rules | None = None) -> tuple[GraphWriter, IngestReport]:
    """The triples of one declaration, in the graph of its source, and a report of what was not settled."""
    rules = rules or load_rules()
    w = source.writer()
    report = IngestReport(source, notes=list(parsed.notes))
    slug = source.instrument or source.id
    decl = entity("declaration", slug)
    kind = INSTRUMENT_CLASSES.get(parsed.title.split()[0].lower(), "Declaration") if parsed.title else "Declaration"
    w.add(decl, RDF.type, GG[kind])
    w.label(decl, parsed.title)
    w.add(decl, DCT.title, lit(parsed.title, "en"))
    w.add(decl, DCT.source, source.iri)
    w.add(decl, GG.evidence, add_evidence(w, source, parsed.title))
    if parsed.issued:
        w.add(decl, DCT.issued, parsed.issued)
    w.add(decl, GG.issuedAt, _resolve_place(catalogue, parsed.venue))
    if parsed.venue:
        venue = _resolve_place(catalogue, parsed.venue)
        if catalogue.resolve(parsed.venue, ("place",)) is None:
            w.add(venue, RDF.type, GG.Venue)
            w.label(venue, parsed.venue)

    summit_iri = _summit(w, parsed, source, catalogue, decl, report)
    _paragraphs(w, parsed, source, decl, slug)
    _priorities(w, parsed, source, decl, slug)
    _footnotes(w, parsed, source, decl, slug, catalogue, report, rules)
    _cue_acts(w, parsed, source, decl, slug, catalogue, rules)
    _signatories(w, parsed, source, decl, slug, catalogue, report)
    for par in parsed.paragraphs:
        add_count_claims(w, source, par.text, about_event=summit_iri, about_instrument=decl,
                         key=f"{slug}-paragraph-{par.key}")
    return w, report


def _summit(w: GraphWriter, parsed: ParsedDeclaration, source: Source, catalogue: Catalogue, decl: NamedNode,
            report: IngestReport) -> NamedNode | None:
    if not parsed.summit_name:
        return None
    known = catalogue.resolve(parsed.summit_name, ("event",))
    year = parsed.summit_dates[0].year if parsed.summit_dates else (parsed.issued.year if parsed.issued else None)
    summit = known.iri if known else entity("event", slugify(f"{parsed.summit_name} {year or ''}"))
    if not known:
        w.add(summit, RDF.type, GG.Summit)
        w.label(summit, parsed.summit_name)
        report.notes.append(f"summit {parsed.summit_name!r} is not in the catalogue; minted {summit.value}")
    w.add(summit, GG.evidence, add_evidence(w, source, parsed.summit_name))
    w.add(decl, GG.adoptedAt, summit)
    if parsed.summit_dates:
        w.add(summit, SCHEMA.startDate, parsed.summit_dates[0])
        w.add(summit, SCHEMA.endDate, parsed.summit_dates[1])
    w.add(summit, SCHEMA.location, _resolve_place(catalogue, parsed.city))
    if parsed.city and catalogue.resolve(parsed.city, ("place",)) is None:
        city = _resolve_place(catalogue, parsed.city)
        w.add(city, RDF.type, GG.City)
        w.label(city, parsed.city)
    # the parser splits on every "and"; rejoin names that resolve whole ("Trinidad and Tobago")
    for position, name in enumerate(_split_names(" and ".join(parsed.chairs), catalogue), start=1):
        agent = catalogue.resolve(name, ("state", "organisation"))
        act = entity("act", source.id, f"{slugify(parsed.chair_act or 'chairing')}-{position}")
        _act(w, source, act, parsed.chair_act or "CoChairing", summit, agent, parsed.chair_line_text or name)
        w.add(act, GG.nameAsWritten, lit(name))
        w.add(act, GG.listIndex, position)
        if agent is None:
            report.unresolved.append(f"chair {name!r} (line {parsed.summit_line})")
    return summit


def _paragraphs(w: GraphWriter, parsed: ParsedDeclaration, source: Source, decl: NamedNode, slug: str) -> None:
    for par in parsed.paragraphs:
        node = entity("declaration", slug, "paragraph", par.key)
        w.add(node, RDF.type, GG.Paragraph)
        w.label(node, f"Paragraph {par.number}" if par.number else f"Unnumbered paragraph {par.key}")
        w.add(node, DCT.isPartOf, decl)
        w.add(decl, DCT.hasPart, node)
        w.add(node, GG.number, par.number)
        w.add(node, GG.sequence, par.sequence)
        w.add(node, GG.wordCount, len(par.text.split()))
        w.add(node, GG.evidence, add_evidence(w, source, short_quote(par.text)))


def _priorities(w: GraphWriter, parsed: ParsedDeclaration, source: Source, decl: NamedNode, slug: str) -> None:
    if not parsed.priorities:
        return
    scheme = entity("declaration", slug, "priorities")
    w.add(scheme, RDF.type, SKOS.ConceptScheme)
    w.label(scheme, f"Priorities of the {parsed.title}")
    w.add(decl, GG.priorities, scheme)
    for position, (text, _line) in enumerate(parsed.priorities, start=1):
        concept = entity("declaration", slug, "priority", str(position))
        w.add(concept, RDF.type, GG.Priority)
        w.add(concept, SKOS.prefLabel, lit(text, "en"))
        w.add(concept, RDFS.label, lit(text, "en"))
        w.add(concept, SKOS.notation, lit(str(position)))
        w.add(concept, GG.sequence, position)
        w.add(concept, SKOS.inScheme, scheme)
        w.add(concept, SKOS.topConceptOf, scheme)
        w.add(scheme, SKOS.hasTopConcept, concept)
        w.add(decl, GG.affirmsPriority, concept)
        w.add(concept, GG.evidence, add_evidence(w, source, text))


def _footnotes(w: GraphWriter, parsed: ParsedDeclaration, source: Source, decl: NamedNode, slug: str,
               catalogue: Catalogue, report: IngestReport, rules: Rules) -> None:
    for marker, foot in sorted(parsed.footnotes.items()):
        node = entity("declaration", slug, "footnote", str(marker))
        w.add(node, RDF.type, GG.Footnote)
        w.label(node, f"Footnote {marker}")
        w.add(node, GG.marker, marker)
        w.add(node, DCT.isPartOf, decl)
        w.add(decl, DCT.hasPart, node)
        if foot.anchor_in == "title":
            w.add(node, GG.anchoredIn, decl)
        elif foot.anchor_in:
            w.add(node, GG.anchoredIn, entity("declaration", slug, "paragraph", foot.anchor_in))
        if foot.anchor_word:
            w.add(node, GG.anchorText, lit(foot.anchor_word))
        w.add(node, GG.evidence, add_evidence(w, source, short_quote(foot.text, 30)))
        if foot.anchor_word and foot.anchor_word.lower() in {a.lower() for a in rules.founder_anchors}:
            _founders(w, parsed, foot, source, decl, catalogue, report)


def _founders(w: GraphWriter, parsed: ParsedDeclaration, foot: Footnote, source: Source, decl: NamedNode,
              catalogue: Catalogue, report: IngestReport) -> None:
    """A footnote on "Founding members" lists the founders of the initiative launched in that paragraph."""
    par = next((p for p in parsed.paragraphs if p.key == foot.anchor_in), None)
    initiatives = catalogue.mentions(par.text, ("initiative",)) if par else []
    if not initiatives:
        report.notes.append(f"line {foot.line}: footnote {foot.marker} lists founders, but its paragraph names no known initiative")
        return
    initiative = initiatives[0][2]
    names = _split_names(foot.text, catalogue)
    for position, name in enumerate(names, start=1):
        agent = catalogue.resolve(name, ("state", "organisation"))
        act = entity("act", source.id, f"founding-{initiative.slug}-{position}")
        _act(w, source, act, "Founding", initiative.iri, agent, short_quote(foot.text, 30), stated_in=decl)
        w.add(act, GG.nameAsWritten, lit(name))
        w.add(act, GG.listIndex, position)
        if agent is None:
            report.unresolved.append(f"founding member {name!r} of {initiative.label} (footnote {foot.marker}, line {foot.line})")


def _split_names(text: str, catalogue: Catalogue) -> list[str]:
    """'Kenya, Ghana and Trinidad and Tobago' -> Kenya, Ghana, Trinidad and Tobago: 'and' splits a list
    except inside a name that resolves as a whole (longest first)."""
    names: list[str] = []
    for part in re.split(r"[,;]", text):
        pieces = [p for p in re.split(r"\s+and\s+", re.sub(r"^\s*and\s+", "", part).strip().rstrip(".")) if p]
        i = 0
        while i < len(pieces):
            j = next(j for j in range(len(pieces), i, -1)
                     if j == i + 1 or catalogue.resolve(" and ".join(pieces[i:j]), ("state", "organisation")))
            names.append(" and ".join(pieces[i:j]))
            i = j
    return names


def _cue_acts(w: GraphWriter, parsed: ParsedDeclaration, source: Source, decl: NamedNode, slug: str,
              catalogue: Catalogue, rules: Rules) -> None:
    cue_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c[0]) for c in sorted(rules.cues, key=lambda c: -len(c[0]))) + r")(?!\w)", re.I)
    cue_table = {c[0].lower(): (c[1], c[2]) for c in rules.cues}
    all_kinds = ("framework", "organisation", "initiative", "event", "state")
    texts = [p.text for p in parsed.paragraphs] + [f.text for f in parsed.footnotes.values()]
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            cues = [(m.start(), m.group(0)) for m in cue_re.finditer(sentence)]
            mentions = catalogue.mentions(sentence, all_kinds, source.id)
            for start, end, ent in mentions:
                before = [c for c in cues if c[0] < start]
                if not before:
                    continue
                cue_start, cue = before[-1]
                act_kind, kinds = cue_table[cue.lower()]
                if ent.kind not in kinds:
                    continue
                span = sentence[cue_start:end]
                quote = span if len(span.split()) <= 25 else sentence[start:end]
                act = entity("act", source.id, f"{slugify(act_kind)}-{ent.slug.lower()}")
                _act(w, source, act, act_kind, ent.iri, None, quote, stated_in=decl)
            _hosting(w, sentence, mentions, source, decl, rules)


def _hosting(w: GraphWriter, sentence: str, mentions: list[tuple[int, int, Entity]], source: Source,
             decl: NamedNode, rules: Rules) -> None:
    """'<event> hosted by A and B': A and B host the event."""
    for i, (start, end, ent) in enumerate(mentions):
        if ent.kind != "event":
            continue
        rest = sentence[end:]
        m = re.match(rf"\s*,?\s*{re.escape(rules.hosted_by)}\s+", rest, re.I)
        if not m:
            continue
        cursor = end + m.end()
        for h_start, h_end, host in mentions[i + 1:]:
            gap = sentence[cursor:h_start]
            if h_start < cursor or not re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*", gap):
                break
            if host.kind in ("state", "organisation"):
                act = entity("act", source.id, f"hosting-{ent.slug}-{host.slug.lower()}")
                _act(w, source, act, "Hosting", ent.iri, host, sentence[start:h_end], stated_in=decl)
            cursor = h_end


def _signatories(w: GraphWriter, parsed: ParsedDeclaration, source: Source, decl: NamedNode, slug: str,
                 catalogue: Catalogue, report: IngestReport) -> None:
    seen: dict[int, int] = {}
    resolved = {"state": 0, "organisation": 0}
    for entry in parsed.entries:
        seen[entry.number] = seen.get(entry.number, 0) + 1
        local = f"signatory-{entry.number}" + (f"-{seen[entry.number]}" if seen[entry.number] > 1 else "")
        agent = catalogue.resolve(entry.name, ("state", "organisation"))
        act = entity("act", source.id, local)
        _act(w, source, act, "Signing", decl, agent, entry.raw)
        w.add(act, GG.listNumber, entry.number)
        w.add(act, GG.listIndex, entry.index)
        w.add(act, GG.nameAsWritten, lit(entry.name))
        w.add(act, DCT.date, parsed.issued)
        if agent is None:
            report.unresolved.append(f"signatory entry {entry.number} {entry.name!r} (line {entry.line}) matches no known state or organisation")
        else:
            resolved[agent.kind] += 1
        if seen[entry.number] == 2:
            report.notes.append(f"line {entry.line}: list number {entry.number} is used more than once")
        previous = max((e.number for e in parsed.entries[: entry.index - 1]), default=0)
        if entry.number > previous + 1:
            missing = ", ".join(map(str, range(previous + 1, entry.number)))
            jump = f"jumps from {previous} to {entry.number}" if previous else f"starts at {entry.number}"
            report.notes.append(f"line {entry.line}: the list {jump}: no entry numbered {missing}")
    report.counts = {
        "paragraphs": len(parsed.paragraphs),
        "priorities": len(parsed.priorities),
        "footnotes": len(parsed.footnotes),
        "signatory entries": len(parsed.entries),
        "states": resolved["state"],
        "organisations": resolved["organisation"],
        "unresolved": len(parsed.entries) - resolved["state"] - resolved["organisation"],
    }


def ingest(path: Path, source: Source, catalogue: Catalogue) -> tuple[GraphWriter, IngestReport]:
    from .common import read_text

    return to_rdf(parse(read_text(path), str(path)), source, catalogue)
