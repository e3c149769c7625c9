"""The reference ingester: ISO 3166-1 states with multilingual labels, and memberships of groups.

States come from pycountry, which ships ISO 3166-1 and its translations, so the codes and names are the
standard's own. Memberships come from ``data/reference/memberships.yaml``, each group citing its source, and
are W3C ORG memberships with OWL-Time intervals. Groups stay groups: the EU is a member of the G20, its
member states are not. UN M49 regions come from ``data/reference/regions.yaml``: a SKOS scheme of regions
linked by ``skos:broader``, and each ISO entry's most specific M49 area as ``gg:region``.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from pyoxigraph import NamedNode

from ..catalogue import Catalogue
from ..config import DATA_DIR
from ..datafiles import line_of, load_checked, load_yaml
from ..errors import IngestError
from ..rdf import DCT, GG, ORG, RDF, SCHEMA, SKOS, TIME, GraphWriter, entity, graph_iri, lit
from .common import Source, describe_source

LANGUAGES = {"fr": "fr", "es": "es", "ar": "ar", "zh_CN": "zh", "ru": "ru"}
ISO_SOURCE = Source(id="iso-3166-1", kind="reference-data", title="ISO 3166-1 country codes and names (as shipped by pycountry)",
                    url="https://www.iso.org/iso-3166-country-codes.html")


def _member_iri(catalogue: Catalogue, member: str, where: str) -> NamedNode:
    return catalogue.by_ref(member if member.isupper() else f"organisation/{member}", where).iri


def states(catalogue: Catalogue, data_dir: Path = DATA_DIR) -> GraphWriter:
    """Every ISO 3166-1 entry, typed State or Territory, with codes and labels in six languages."""
    import pycountry

    memberships = load_checked(data_dir / "reference" / "memberships.yaml", "memberships")
    un = next((g for g in memberships["groups"] if g["group"] == "united-nations"), None)
    statehood = load_yaml(data_dir / "reference" / "statehood.yaml")
    state_codes = {m["member"] for m in (un or {"members": []})["members"]} | set(statehood["observer_states"]["members"])
    translations = {tag: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc], fallback=True)
                    for loc, tag in LANGUAGES.items()}
    w = GraphWriter(graph_iri(ISO_SOURCE.id))
    describe_source(w, ISO_SOURCE)
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        node = entity("state", country.alpha_3)
        w.add(node, RDF.type, GG.State if country.alpha_3 in state_codes else GG.Territory)
        english = getattr(country, "common_name", None) or country.name
        w.add(node, GG.isoName, lit(country.name, "en"))
        labels = {"en": english}
        for tag, translation in translations.items():
            labels[tag] = translation.gettext(country.name)
        for tag, text in labels.items():
            w.add(node, SKOS.prefLabel, lit(text, tag))
            w.label(node, text, tag)
        official = getattr(country, "official_name", None)
        if official:
            w.add(node, SKOS.altLabel, lit(official, "en"))
        w.add(node, GG.iso3166Alpha2, lit(country.alpha_2))
        w.add(node, GG.iso3166Alpha3, lit(country.alpha_3))
        w.add(node, GG.iso3166Numeric, lit(country.numeric))
        w.add(node, DCT.source, ISO_SOURCE.iri)
    return w


M49_SOURCE_ID = "m49-regions"
_COUNTRY_KEY = re.compile(r"^(countries)\s*:|^\s+([A-Z]{3})\s*:")


def _country_key_lines(path: Path) -> dict[str, list[int]]:
    """The lines of ``countries:`` and of its alpha-3 keys, read from the text: YAML keeps only the last of two
    equal keys, so a code listed twice would otherwise pass silently."""
    lines: dict[str, list[int]] = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _COUNTRY_KEY.match(text)
        if match:
            lines.setdefault(match.group(1) or match.group(2), []).append(number)
    return lines


def regions(catalogue: Catalogue, data_dir: Path = DATA_DIR) -> GraphWriter:
    """The UN M49 regions as a SKOS scheme, and ``gg:region`` from every ISO 3166-1 entry M49 classifies."""
    import pycountry

    path = data_dir / "reference" / "regions.yaml"
    doc = load_checked(path, "regions")
    source = Source(id=M49_SOURCE_ID, kind="reference-data", title=doc["source"]["title"], url=doc["source"]["url"])
    w = source.writer()
    w.add(source.iri, DCT.publisher, lit(doc["source"]["publisher"]))

    by_code: dict[str, dict] = {}
    for region in doc["regions"]:
        if region["code"] in by_code:
            raise IngestError(f"{path}:{line_of(region)}", f"region {region['code']} is listed twice")
        by_code[region["code"]] = region
    for region in doc["regions"]:
        where = f"{path}:{line_of(region)}"
        parent, seen = region.get("parent"), {region["code"]}
        while parent is not None:
            if parent not in by_code:
                raise IngestError(where, f"region {region['code']} has parent {parent}, which is not a listed region")
            if parent in seen:
                raise IngestError(where, f"region {region['code']} is within itself (through {parent})")
            seen.add(parent)
            parent = by_code[parent].get("parent")

    key_lines = _country_key_lines(path)
    for code, lines in sorted(key_lines.items()):
        if len(lines) > 1 and code != "countries":
            raise IngestError(f"{path}:{lines[1]}", f"{code} is listed twice in countries (lines {', '.join(map(str, lines))})")
    iso = {c.alpha_3 for c in pycountry.countries}
    countries = doc["countries"]
    countries_line = key_lines.get("countries", [line_of(countries)])[0]
    for code, area in sorted(countries.items()):
        where = f"{path}:{key_lines.get(code, [countries_line])[0]}"
        if code not in iso:
            raise IngestError(where, f"{code} is not an ISO 3166-1 alpha-3 code")
        if area is not None and area not in by_code:
            raise IngestError(where, f"{code} is in region {area}, which is not a listed region")
        if area is not None and by_code[area].get("parent") is None:
            raise IngestError(where, f"{code} is given the region {area} ({by_code[area]['label']}); give its sub-region "
                              "or intermediate region")
    missing = sorted(iso - set(countries))
    if missing:
        raise IngestError(f"{path}:{countries_line}", f"countries lacks ISO 3166-1 entries: {', '.join(missing)} "
                          "(give null, with a comment, for an entry M49 places in no region)")

    scheme = entity("region", "m49")
    w.add(scheme, RDF.type, SKOS.ConceptScheme)
    w.label(scheme, "UN M49 geographic regions")
    w.add(scheme, SKOS.prefLabel, lit("UN M49 geographic regions", "en"))
    w.add(scheme, DCT.source, source.iri)
    for region in doc["regions"]:
        node = entity("region", region["code"])
        w.add(node, RDF.type, GG.Region)
        w.label(node, region["label"])
        w.add(node, SKOS.prefLabel, lit(region["label"], "en"))
        w.add(node, SKOS.notation, lit(region["code"]))
        w.add(node, SKOS.inScheme, scheme)
        if region.get("parent"):
            w.add(node, SKOS.broader, entity("region", region["parent"]))
        else:
            w.add(node, SKOS.topConceptOf, scheme)
            w.add(scheme, SKOS.hasTopConcept, node)
        w.add(node, DCT.source, source.iri)
    for code, area in sorted(countries.items()):
        if area is not None:
            w.add(entity("state", code), GG.region, entity("region", area))
    return w


def memberships(catalogue: Catalogue, data_dir: Path = DATA_DIR) -> GraphWriter:
    path = data_dir / "reference" / "memberships.yaml"
    doc = load_checked(path, "memberships")
    w = GraphWriter(graph_iri("memberships"))
    describe_source(w, Source(id="memberships", kind="curated-records", title="govgraph curated memberships of intergovernmental groups"))
    for group in doc["groups"]:
        where = f"{path}:{line_of(group)}"
        group_iri = catalogue.require("organisation", group["group"], where).iri
        cited = Source(id=f"membership-list-{group['group']}", kind="reference-data", title=group["source"]["title"],
                       url=group["source"]["url"])
        describe_source(w, cited)
        w.add(cited.iri, DCT.publisher, lit(group["source"]["publisher"]))
        if group.get("date_meaning"):
            w.add(group_iri, GG.membershipDateMeaning, lit(group["date_meaning"], "en"))
        seen = set()
        for member in group["members"]:
            m_where = f"{path}:{line_of(member)}"
            if member["member"] in seen:
                raise IngestError(m_where, f"{member['member']} is listed twice in {group['group']}")
            seen.add(member["member"])
            member_iri = _member_iri(catalogue, member["member"], m_where)
            slug = member["member"] if member["member"].isupper() else member["member"]
            node = entity("membership", group["group"], slug)
            interval = NamedNode(node.value + "/interval")
            w.add(node, RDF.type, ORG.Membership)
            w.label(node, f"{member['member']} in {group['label']}")
            w.add(node, ORG.member, member_iri)
            w.add(node, ORG.organization, group_iri)
            w.add(node, ORG.memberDuring, interval)
            w.add(node, DCT.source, cited.iri)
            if member.get("note"):
                w.add(node, SKOS.note, lit(member["note"], "en"))
            w.add(interval, RDF.type, TIME.Interval)
            for key, prop in (("start", TIME.hasBeginning), ("end", TIME.hasEnd)):
                if member.get(key):
                    instant = NamedNode(node.value + f"/{key}")
                    w.add(interval, prop, instant)
                    w.add(instant, RDF.type, TIME.Instant)
                    w.add(instant, TIME.inXSDDate, member[key])
            if member.get("end") and member["end"] < member["start"]:
                raise IngestError(m_where, f"{member['member']} leaves {group['group']} before it joins")
            if not member.get("end"):
                w.add(member_iri, ORG.memberOf, group_iri)
    return w


def catalogue_graph(catalogue: Catalogue) -> GraphWriter:
    """The catalogue's entities (not the states): labels, types, aliases, parents and Wikidata links."""
    source = Source(id="catalogue", kind="curated-records", title="govgraph catalogue of organisations, people, initiatives, frameworks, events and places")
    w = source.writer()
    for ent in sorted(catalogue.entities.values(), key=lambda e: e.iri.value):
        if ent.kind in ("state", "declaration"):
            continue
        node = ent.iri
        w.add(node, RDF.type, GG[ent.type])
        w.label(node, ent.label)
        for alias in ent.aliases:
            w.add(node, SKOS.altLabel, lit(alias, "en"))
        w.add(node, DCT.source, source.iri)
        parent, state, within, wikidata = (ent.get(k) for k in ("parent", "state", "within", "wikidata"))
        if parent:
            w.add(node, ORG.subOrganizationOf, entity("organisation", parent))
        if state:
            w.add(node, GG.country, entity("state", state))
        if within:
            w.add(node, SCHEMA.containedInPlace, entity("place", within))
        if wikidata:
            w.add(node, SKOS.exactMatch, NamedNode(f"http://www.wikidata.org/entity/{wikidata}"))
    return w
