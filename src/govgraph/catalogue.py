"""The catalogue of known entities and the exact name resolver.

Sources name actors in many ways ("Vatican", "the UK", "council of Europe"). govgraph resolves a name only
when it is listed: in ISO 3166-1 as pycountry ships it, in the reviewed alias table (``data/aliases.yaml``) or
among the aliases of a catalogue entry (``data/catalogue/*.yaml``). There is deliberately no approximate
matching: a wrong state in a signatory list is worse than an unresolved one, so an unknown name is kept as
written and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from pyoxigraph import NamedNode

from .config import DATA_DIR
from .datafiles import line_of, load_checked
from .errors import IngestError
from .rdf import entity

# catalogue file -> IRI kind (the path segment under id/)
CATALOGUE_FILES = {
    "organisations": "organisation",
    "people": "person",
    "initiatives": "initiative",
    "frameworks": "framework",
    "events": "event",
    "places": "place",
}
DEFAULT_TYPES = {"person": "Person", "organisation": "Organisation"}


@dataclass(frozen=True)
class Entity:
    """Something a source can name: a state, organisation, person, initiative, framework, event or place."""

    kind: str
    slug: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    source_aliases: tuple[tuple[str, str], ...] = ()  # (source id, alias)
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def iri(self) -> NamedNode:
        return entity(self.kind, self.slug)

    def get(self, key: str) -> str | None:
        return dict(self.extra).get(key)


def normalise(name: str) -> str:
    """The form names are compared in: NFC, straight quotes, single spaces, case folded."""
    text = unicodedata.normalize("NFC", name)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()
    return text.casefold()


_SAME_LENGTH_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\xa0": " "})


def flags_exact(pattern: re.Pattern[str]) -> bool:
    return not pattern.flags & re.IGNORECASE


def _is_acronym(alias: str) -> bool:
    """Short upper-case names ("US", "AU", "IEA") match only as written, never inside ordinary words."""
    bare = alias.replace(".", "")
    return len(bare) <= 5 and bare.isupper()


class Catalogue:
    """All known entities, indexed by IRI and by every name they may be written as."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self.entities: dict[str, Entity] = {}
        self._names: dict[str, Entity] = {}
        self._source_names: dict[tuple[str, str], Entity] = {}
        self._surfaces: dict[str, Entity] = {}  # every name as originally written, for mentions in text
        self._load_states()
        self._load_catalogue()

    # -- loading -----------------------------------------------------------------------------------------
    def _add(self, ent: Entity, names: list[str], where: str) -> None:
        self.entities[ent.iri.value] = ent
        for name in names:
            key = normalise(name)
            known = self._names.get(key)
            if known is not None and known.iri != ent.iri:
                raise IngestError(where, f"name {name!r} already stands for {known.label} ({known.slug})")
            self._names[key] = ent
            self._surfaces[name] = ent
        for source_id, alias in ent.source_aliases:
            self._source_names[(source_id, normalise(alias))] = ent

    def _load_states(self) -> None:
        import pycountry

        by_code: dict[str, Entity] = {}
        for country in pycountry.countries:
            names = [country.name]
            for attr in ("official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    names.append(value)
            ent = Entity("state", country.alpha_3, getattr(country, "common_name", None) or country.name, "State")
            by_code[country.alpha_3] = ent
            # ISO names never clash with each other, so no clash check is needed here
            self.entities[ent.iri.value] = ent
            for name in names:
                self._names.setdefault(normalise(name), ent)
                self._surfaces.setdefault(name, ent)
        path = self.data_dir / "aliases.yaml"
        table = load_checked(path, "aliases")
        for alias, code in table["states"].items():
            if code not in by_code:
                raise IngestError(f"{path}", f"alias {alias!r} points to {code!r}, which is no ISO 3166-1 alpha-3 code")
            known = self._names.get(normalise(alias))
            if known is not None and known.slug != code:
                raise IngestError(f"{path}", f"alias {alias!r} -> {code} contradicts ISO 3166-1 ({known.slug})")
            self._names[normalise(alias)] = by_code[code]
            self._surfaces[alias] = by_code[code]

    def _load_catalogue(self) -> None:
        for file_stem, kind in CATALOGUE_FILES.items():
            path = self.data_dir / "catalogue" / f"{file_stem}.yaml"
            for entry in load_checked(path, "catalogue"):
                where = f"{path}:{line_of(entry)}"
                extra = tuple(
                    (k, str(v)) for k, v in sorted(entry.items()) if k not in {"id", "label", "type", "aliases", "source_aliases"}
                )
                source_aliases = tuple(
                    (source_id, alias) for source_id, aliases in sorted((entry.get("source_aliases") or {}).items()) for alias in aliases
                )
                ent = Entity(
                    kind=kind,
                    slug=entry["id"],
                    label=entry["label"],
                    type=entry.get("type", DEFAULT_TYPES.get(kind, kind.title())),
                    aliases=tuple(entry.get("aliases") or ()),
                    source_aliases=source_aliases,
                    extra=extra,
                )
                if ent.iri.value in self.entities:
                    raise IngestError(where, f"duplicate id {ent.slug!r}")
                self._add(ent, [ent.label, *ent.aliases], where)

    def register_declarations(self, sources: dict) -> None:
        """Make the declarations that sources carry referable as ``declaration/<slug>``."""
        for source in sources.values():
            if source.instrument:
                ent = Entity("declaration", source.instrument, source.title, "Declaration")
                self.entities.setdefault(ent.iri.value, ent)

    # -- lookup ------------------------------------------------------------------------------------------
    def get(self, kind: str, slug: str) -> Entity | None:
        return self.entities.get(entity(kind, slug).value)

    def require(self, kind: str, slug: str, where: str) -> Entity:
        ent = self.get(kind, slug)
        if ent is None:
            raise IngestError(where, f"unknown {kind} {slug!r}: add it to the catalogue (data/catalogue) first")
        return ent

    def by_ref(self, ref: str, where: str) -> Entity:
        """An entity by reference as curated files write it: ``FRA`` (a state) or ``kind/slug``."""
        if re.fullmatch(r"[A-Z]{3}", ref):
            return self.require("state", ref, where)
        kind, _, slug = ref.partition("/")
        if not slug:
            raise IngestError(where, f"reference {ref!r} must be an ISO 3166-1 alpha-3 code or kind/slug")
        return self.require(kind, slug, where)

    def resolve(self, name: str, kinds: tuple[str, ...] | None = None, source_id: str | None = None) -> Entity | None:
        """The entity a whole name stands for, or ``None``: exact after normalisation, never approximate."""
        key = normalise(name)
        ent = self._source_names.get((source_id, key)) if source_id else None
        ent = ent or self._names.get(key)
        if ent is None or (kinds and ent.kind not in kinds):
            return None
        return ent

    @cached_property
    def _mention_patterns(self) -> list[tuple[re.Pattern[str], dict[str, Entity]]]:
        """Two alternations, longest name first: acronyms as written, other names in any case."""
        exact: dict[str, Entity] = {}
        folded: dict[str, Entity] = {}
        for name, ent in self._surfaces.items():
            # a leading article would let "the United Nations" hide "United Nations General Assembly ..."
            name = re.sub(r"^(?:the|The)\s+", "", name)
            if _is_acronym(name):
                exact[name] = ent
            else:
                folded[normalise(name)] = ent
        patterns = []
        for table, flags in ((exact, 0), (folded, re.IGNORECASE)):
            names = sorted(table, key=len, reverse=True)
            body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
            patterns.append((re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags), table))
        return patterns

    def mentions(self, text: str, kinds: tuple[str, ...], source_id: str | None = None) -> list[tuple[int, int, Entity]]:
        """Every non-overlapping mention of a known entity in running text, leftmost-longest, in order."""
        text = text.translate(_SAME_LENGTH_FOLD)
        found: list[tuple[int, int, Entity]] = []
        for pattern, table in self._mention_patterns:
            for m in pattern.finditer(text):
                surface = m.group(0)
                ent = table.get(surface) if flags_exact(pattern) else table.get(normalise(surface))
                if ent is not None and ent.kind in kinds:
                    found.append((m.start(), m.end(), ent))
        for (source, alias), ent in self._source_names.items():
            if source == source_id and ent.kind in kinds:
                for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, re.IGNORECASE):
                    found.append((m.start(), m.end(), ent))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        result: list[tuple[int, int, Entity]] = []
        for start, end, ent in found:
            if result and start < result[-1][1]:
                continue
            result.append((start, end, ent))
        return result


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue()
