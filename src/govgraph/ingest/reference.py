"""The reference ingester: ISO 3166-1 states with multilingual labels, and memberships of groups.

States come from pycountry, which ships ISO 3166-1 and its translations, so the codes and names are the
standard's own. Memberships come from ``data/reference/memberships.yaml``, each group citing its source, and
are W3C ORG memberships with OWL-Time intervals. Groups stay groups: the EU is a member of the G20, its
member states are not.
"""

from __future__ import annotations

import gettext
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
