"""The article ingester: a news article's text to RDF.

It reads what an article reports in forms that recur across the press: quotations with the person they are
attributed to ("..., said X", "X said"), amounts of money with their currency ("€200bn"), states reported as
not signing or as endorsing the declaration the article is about, and count claims ("over 60 countries ...
endorsed"). What needs judgement (a quote's stance, who funds what with which amount) is left to curated
records, which cite the article and whose quotes the build re-finds in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..catalogue import Catalogue, Entity
from ..config import DATA_DIR
from ..datafiles import load_yaml
from ..errors import IngestError
from ..evidence import short_quote
from ..money import CurrencyError, find_amounts
from ..rdf import DCT, GG, RDF, SCHEMA, GraphWriter, entity, lit
from .claims import add_count_claims
from .common import Source, add_evidence, read_text
from .declaration import IngestReport

# A quotation does not hold another opening mark: an unclosed one then costs a scan to the next mark, not to the
# end of the paragraph (a line of opening marks took quadratic time).
QUOTE = re.compile(r"\u201c(?P<q1>[^\u201c\u201d]+)\u201d|\"(?P<q2>[^\"]+)\"")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")
# How far from a quotation its speaker is looked for, and from an amount the words of its evidence: a bound, so
# that a paragraph of many quotations or amounts costs time in proportion to its length, not to its square.
WINDOW = 1000


@dataclass(frozen=True)
class Rules:
    speech_verbs: tuple[str, ...]
    declining_phrases: tuple[str, ...]
    endorsing_verbs: tuple[str, ...]
    declaration_nouns: tuple[str, ...]


@lru_cache(maxsize=1)
def load_rules(path: Path = DATA_DIR / "extraction" / "article.yaml") -> Rules:
    doc = load_yaml(path)
    return Rules(*(tuple(doc[k]) for k in ("speech_verbs", "declining_phrases", "endorsing_verbs", "declaration_nouns")))


@dataclass
class Quotation:
    text: str
    paragraph: int
    line: int
    speaker: Entity | None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each block separated by blank lines."""
    blocks: list[tuple[int, str]] = []
    start, buf = 0, []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not buf:
                start = n
            buf.append(line.strip())
        elif buf:
            blocks.append((start, " ".join(buf)))
            buf = []
    if buf:
        blocks.append((start, " ".join(buf)))
    return blocks


PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.I)


def first_sentence(quote: str, max_words: int = 30) -> str:
    """What govgraph keeps of a quotation: its first sentence, at most ``max_words`` words, verbatim.

    The article is other people's prose; a short quote is enough to say who said what and to find it again.
    """
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"'\u2018])", quote, maxsplit=1)
    return short_quote(parts[0].rstrip(","), max_words)


def _attribution(window: str, verbs: tuple[str, ...], catalogue: Catalogue, source_id: str) -> tuple[bool, Entity | None]:
    """(whether ``window`` attributes the quote, the known person it names): "said X" with an X govgraph does
    not know attributes the quote to nobody known, never to an earlier speaker."""
    verb_re = re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\b")
    if not verb_re.search(window):
        return False, None
    people = catalogue.mentions(window, ("person",), source_id)
    return True, people[0][2] if people else None


def find_quotations(paragraphs: list[tuple[int, str]], catalogue: Catalogue, source_id: str,
                    rules: Rules) -> list[Quotation]:
    """Quotations and their speakers: named next to a speech verb, or the paragraph's last speaker."""
    quotes: list[Quotation] = []
    for index, (line, text) in enumerate(paragraphs, start=1):
        last: Entity | None = None
        for m in QUOTE.finditer(text):
            said = " ".join((m["q1"] or m["q2"]).split())  # no-break spaces and line breaks become spaces
            after = text[m.end(): m.end() + WINDOW]
            end = SENTENCE_END.search(after)
            after = after[: end.start()] if end else after
            before = text[max(0, m.start() - WINDOW): m.start()]
            before = SENTENCE_END.split(before)[-1] if before else ""
            speaker = last  # no speech verb next to it: a continuation of the paragraph's last quotation
            for window in (after, before):
                attributed, named = _attribution(window, rules.speech_verbs, catalogue, source_id)
                if attributed:
                    speaker = named or (last if PRONOUN.search(window) else None)
                    break
            last = speaker
            quotes.append(Quotation(first_sentence(said), index, line, speaker))
    return quotes


def to_rdf(text: str, path: str, source: Source, catalogue: Catalogue,
           rules: Rules | None = None) -> tuple[GraphWriter, IngestReport]:
    rules = rules or load_rules()
    w = source.writer()
    report = IngestReport(source)
    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise IngestError(path, "is empty")
    declaration = entity("declaration", source.about) if source.about else None

    quotes = find_quotations(paragraphs, catalogue, source.id, rules)
    per_speaker: dict[str, int] = {}
    for quote in quotes:
        who = quote.speaker.slug if quote.speaker else "unattributed"
        per_speaker[who] = per_speaker.get(who, 0) + 1
        node = entity("quotation", source.id, f"{who}-{per_speaker[who]}")
        w.add(node, RDF.type, GG.Quotation)
        w.add(node, GG.quotedText, lit(quote.text, "en"))
        w.add(node, GG.speaker, quote.speaker.iri if quote.speaker else None)
        w.add(node, DCT.source, source.iri)
        w.add(node, GG.evidence, add_evidence(w, source, quote.text))
        w.label(node, f"Quotation of {quote.speaker.label if quote.speaker else 'an unnamed speaker'}: "
                      f"\u201c{short_quote(quote.text, 8)}\u2026\u201d")
        if quote.speaker is None:
            report.unresolved.append(f"quotation at line {quote.line} ({short_quote(quote.text, 6)!r}...) has no speaker govgraph knows")

    amounts = 0
    for line, text_block in paragraphs:
        try:
            found = find_amounts(text_block)
            slugs = [amount.slug for amount in found]
        except CurrencyError as exc:
            raise IngestError(f"{path}:{line}", str(exc)) from None
        except ArithmeticError:  # decimal.Overflow: a number of a million digits
            raise IngestError(f"{path}:{line}", "an amount of money is too large to be read as a number") from None
        for amount, slug in zip(found, slugs):
            amounts += 1
            node = entity("amount", source.id, slug)
            w.add(node, RDF.type, SCHEMA.MonetaryAmount)
            w.add(node, SCHEMA.value, amount.value)
            w.add(node, SCHEMA.currency, lit(amount.currency))
            w.label(node, f"{amount.currency} {amount.value:,}")
            w.add(node, GG.mentionedIn, source.iri)
            words_before = text_block[max(0, amount.start - WINDOW): amount.start].split()[-5:]
            words_after = text_block[amount.end: amount.end + WINDOW].split()[:5]
            w.add(node, GG.evidence, add_evidence(w, source, " ".join([*words_before, amount.surface, *words_after])))

    acts = 0
    for line, block in paragraphs:
        for sentence in SENTENCE_END.split(block):
            acts += _signing_reports(w, sentence, line, source, declaration, catalogue, rules, report)
            if declaration is not None:
                add_count_claims(w, source, sentence, about_event=None, about_instrument=declaration,
                                 key=f"{source.id}-line-{line}")
    report.counts = {"paragraphs": len(paragraphs), "quotations": len(quotes), "amounts": amounts,
                     "signing reports": acts}
    return w, report


def _signing_reports(w: GraphWriter, sentence: str, line: int, source: Source, declaration, catalogue: Catalogue,
                     rules: Rules, report: IngestReport) -> int:
    """States named before a declining phrase, or before an endorsing verb followed by the declaration."""
    made = 0
    decline = re.search(rf"\b(?:{'|'.join(map(re.escape, rules.declining_phrases))})\b", sentence)
    nouns = "|".join(map(re.escape, rules.declaration_nouns))
    endorse = re.search(rf"\b(?:{'|'.join(map(re.escape, rules.endorsing_verbs))})\s+(?:{nouns})\b", sentence)
    for match, kind in ((decline, "DecliningToSign"), (endorse, "Endorsing")):
        if not match:
            continue
        if declaration is None:
            report.notes.append(f"line {line}: the article reports signing, but sources.yaml does not say which declaration it is about")
            continue
        states = [e for _, _, e in catalogue.mentions(sentence[: match.start()], ("state",), source.id)]
        quote = sentence[: match.end()]
        quote = quote if len(quote.split()) <= 30 else short_quote(sentence[match.start():], 12)
        for state in states:
            act = entity("act", source.id, f"{kind.lower()}-{state.slug.lower()}")
            w.add(act, RDF.type, GG[kind])
            w.add(act, GG.agent, state.iri)
            w.add(act, GG.instrument, declaration)
            w.add(act, DCT.source, source.iri)
            w.add(act, GG.evidence, add_evidence(w, source, quote))
            made += 1
    return made


def ingest(path: Path, source: Source, catalogue: Catalogue) -> tuple[GraphWriter, IngestReport]:
    return to_rdf(read_text(path), str(path), source, catalogue)
