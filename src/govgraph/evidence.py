"""Evidence quotes: how they are normalised and re-found in their source texts.

A quote is re-found when its normalised form occurs in the normalised source text. Normalising forgives
what PDF extraction and typesetting change without changing the words: curly quotes and apostrophes,
non-breaking spaces and line breaks, bold markers (``**``) and footnote markers (superscript digits).
"""

from __future__ import annotations

import re
import unicodedata

_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\xa0": " ",
        **{ch: "" for ch in _SUPERSCRIPTS},
    }
)


def normalise_text(text: str) -> str:
    """The comparison form of a text or quote."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


def quote_in_text(quote: str, text: str) -> bool:
    return normalise_text(quote) in normalise_text(text)


def short_quote(text: str, max_words: int = 12) -> str:
    """The opening words of a passage: enough to find it again, too short to copy the prose."""
    words = text.split()
    return " ".join(words[:max_words])
