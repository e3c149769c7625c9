"""Count claims in running text: "over 60 countries ... endorsed", "participants from over 100 countries".

A claim is kept as the source states it (number and qualifier), never as a count: the shapes compare it with
what the graph can count (the listed signatory states) and report both numbers when they disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode

from ..config import DATA_DIR
from ..datafiles import load_yaml
from ..rdf import DCT, GG, RDF, GraphWriter, entity
from .common import Source, add_evidence


@lru_cache(maxsize=1)
def _rules(path: Path = DATA_DIR / "extraction" / "claims.yaml") -> tuple[dict[str, str], list[dict]]:
    doc = load_yaml(path)
    return doc["qualifiers"], doc["counted"]


def _number_pattern(qualifiers: dict[str, str], nouns: list[str]) -> str:
    q = "|".join(re.escape(k) for k in sorted(qualifiers, key=len, reverse=True))
    n = "|".join(map(re.escape, nouns))
    # The number starts where a run of digits starts: trying every digit of a long run as a start made a line
    # of digits take quadratic time (hours for a 1 MB line).
    return rf"(?:(?P<q>{q})\s+)?(?<![\d,])(?P<n>\d[\d,]*)\s+(?P<noun>{n})\b"


def add_count_claims(w: GraphWriter, source: Source, text: str, *, about_event: NamedNode | None,
                     about_instrument: NamedNode | None, key: str) -> int:
    """Add one claim node per count claim found in ``text``; return how many were found."""
    qualifiers, counted = _rules()
    found = 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for rule in counted:
            pattern = _number_pattern(qualifiers, rule["nouns"])
            if "lead" in rule:
                pattern = re.escape(rule["lead"]) + r"\s+" + pattern
                about = about_event
            else:
                verbs = "|".join(map(re.escape, rule["verbs"]))
                pattern = pattern + rf"[^.;]{{0,120}}?\b(?:{verbs})\b"
                about = about_instrument
            for m in re.finditer(pattern, sentence, re.I):
                if about is None:
                    continue
                found += 1
                claim = entity("claim", f"{key}-{found}")
                w.add(claim, RDF.type, GG.CountClaim)
                w.add(claim, GG.about, about)
                w.add(claim, GG.countOf, GG[rule["concept"]])
                w.add(claim, GG.claimedQuantity, int(m["n"].replace(",", "")))
                qualifier = qualifiers.get((m["q"] or "").lower(), "Exactly")
                w.add(claim, GG.quantityQualifier, GG[qualifier])
                w.add(claim, DCT.source, source.iri)
                quote = m.group(0) if len(m.group(0).split()) <= 25 else f"{m['q'] or ''} {m['n']} {m['noun']}".strip()
                w.add(claim, GG.evidence, add_evidence(w, source, quote))
    return found
