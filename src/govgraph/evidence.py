"""Evidence quotes: how they are normalised and re-found in their source texts.

A quote is re-found when its normalised form occurs in the normalised source text. Normalising forgives
what PDF extraction and typesetting change without changing the words: curly quotes and apostrophes,
non-breaking spaces and line breaks, bold markers (``**``) and footnote markers (superscript digits).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

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


@lru_cache(maxsize=32)
def source_text(path: Path) -> str | None:
    """The normalised text of a source, read once per process; None when it is not at hand.

    A file that is there but cannot be read as text (a folder, not UTF-8, binary) is an
    :class:`~govgraph.errors.IngestError` naming it: counting its quotes as "not checked" would hide it.
    The build and the records ingester both re-find quotes in the same texts: they share this reading.
    """
    from .ingest.common import read_text

    if not path.exists():
        return None
    return normalise_text(read_text(path))


def short_quote(text: str, max_words: int = 12) -> str:
    """The opening words of a passage: enough to find it again, too short to copy the prose."""
    words = text.split()
    return " ".join(words[:max_words])
