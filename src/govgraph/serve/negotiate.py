"""Content negotiation: the format a client gets, from its ``Accept`` header (q-values honoured) or an extension.

python-mimeparse does the RFC 7231 matching. Among equally good matches it takes the last candidate, so the
candidates are listed least preferred first and the first format of ``formats`` wins ties (``*/*`` included).
"""

from __future__ import annotations

from collections.abc import Sequence

import mimeparse

from .results import Format


def choose(accept: str | None, formats: Sequence[Format]) -> Format | None:
    """The format of ``formats`` (most preferred first) that best fits ``accept``; ``None`` if it accepts none of
    them (answer 406). No header, an empty one or one that cannot be parsed counts as ``*/*``."""
    if not accept or not accept.strip():
        return formats[0]
    by_type: dict[str, Format] = {}
    for fmt in formats:
        for media in (fmt.media_type, *fmt.aliases):
            by_type.setdefault(media, fmt)
    candidates = []
    for fmt in reversed(formats):
        for media in reversed((fmt.media_type, *fmt.aliases)):
            if by_type[media] is fmt and media not in candidates:
                candidates.append(media)
    try:
        best = mimeparse.best_match(candidates, accept)
    except (mimeparse.MimeTypeParseException, ValueError, IndexError):
        return formats[0]
    return by_type.get(best) if best else None


def by_extension(extension: str, formats: Sequence[Format]) -> Format | None:
    return next((f for f in formats if f.extension == extension), None)
