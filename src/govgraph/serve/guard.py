"""What a request's SPARQL text is, decided before anything runs it.

The endpoint is read-only and must never reach the network because of a query. pyoxigraph will run an
update only through ``Store.update`` (never called here), but it *does* fetch ``SERVICE`` clauses over HTTP,
so those have to be refused before the text reaches the store. A full parser is not needed for that: after
strings, IRIs, comments, variables and prefixed names are taken out, every remaining word is a keyword, and
``SERVICE`` can only be the keyword. Keywords are case-insensitive, and ``\\uXXXX`` escapes are decoded first
(SPARQL 1.1 allows them anywhere in the text), so neither ``service`` nor ``\\u0053ERVICE`` slips through.

The first keyword after the prologue (``BASE``, ``PREFIX``) gives the form: ``SELECT``, ``ASK``,
``CONSTRUCT``, ``DESCRIBE``, or an update operation. Anything else is left for the store's parser, whose
message is what a malformed query gets.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..queries.lexer import keywords

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
NETWORK_WORDS = frozenset({"SERVICE"})


@dataclass(frozen=True)
class Verdict:
    """The form of a request's text (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE`` or ``""`` when
    no form keyword was found) and, if it must be refused, why."""

    form: str
    refusal: str = ""
    dataset: bool = False  # the query names its own dataset (FROM, FROM NAMED)

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def inspect(text: str) -> Verdict:
    """The form of ``text`` and whether the endpoint refuses it (updates and anything that reaches the network)."""
    words = keywords(text)
    form = ""
    for word in words:  # the prologue holds no keyword but BASE and PREFIX (prefix names are not words)
        if word in QUERY_FORMS:
            form = word
            break
        if word in UPDATE_WORDS:
            form = "UPDATE"
            break
    if form == "UPDATE":
        return Verdict(form, "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) "
                             "are not accepted")
    network = sorted(NETWORK_WORDS.intersection(words))
    if network:
        return Verdict(form, f"{network[0]} is not allowed: this endpoint never fetches data from other servers "
                             "because of a query")
    return Verdict(form, dataset="FROM" in words)
