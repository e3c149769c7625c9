"""A SPARQL lexer just good enough to see keywords and comments, without parsing.

Strings, IRIs, comments, variables and prefixed names are recognised as tokens, so whatever bare word
remains is a keyword or a function name. The endpoint's guard uses it to see a query's form and refuse
``SERVICE``; the remote engine uses it to drop comments (SPARQLWrapper guesses a query's form from any word
in the text, comments included). Every pattern is linear: a hostile text costs time in proportion to its size.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.<>=!&|+*/^"'#]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)(?P<local>:[^\s(){}\[\],;<>=!&|+*/^"'#]*)?
    | (?P<pname>:[^\s(){}\[\],;<>=!&|+*/^"'#]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def decode_escapes(text: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def keywords(text: str) -> list[str]:
    """The bare words of ``text`` (keywords and function names), upper-cased, in order."""
    return [m.group("word").upper() for m in _TOKEN.finditer(decode_escapes(text))
            if m.group("word") and m.group("local") is None]


def strip_comments(text: str) -> str:
    """``text`` without its ``#`` comments (a ``#`` inside a string or an IRI is kept)."""
    return "".join(m.group(0) for m in _TOKEN.finditer(text) if m.lastgroup != "comment")


def first_brace(text: str) -> int | None:
    """The position just after the first ``{`` that is syntax (not inside a string, IRI or comment): for a
    SELECT or ASK query, the opening of its main group."""
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "other" and m.group(0) == "{":
            return m.end()
    return None
