"""Entity ids and cross-document merging.

Known entities take their gazetteer key (`kg:country/JPN`); others an ASCII slug of their
label, with a short hash when the slug alone would lose characters. People named by a
single word are merged with the one person of the corpus whose full name ends (or starts)
with it, so `Trump` in one article and `Donald Trump` in another are one entity (a single name
of a known country only with a full name of that country).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from kg.ontology import slug
from kg.types import Entity, Statement

PREFIX = "kg:"


def entity_id(key: str | None, label: str, type_: str) -> str:
    """A stable id: the gazetteer key, else `type/slug` (plus a hash when the slug is lossy)."""
    if key:
        return PREFIX + key
    base = slug(label)
    if not base or not re.fullmatch(r"[A-Za-z0-9 .'-]+", label):
        digest = hashlib.sha1(f"{type_}|{label}".encode()).hexdigest()[:8]
        base = f"{base}-{digest}" if base else digest
    return f"{PREFIX}{type_.lower()}/{base}"


def person_keys(entity: Entity) -> list[tuple[str, bool]]:
    """The words a person is merged by, each with whether it comes from a full name: a full
    name's first and last word, a single-word name itself; none for other entities."""
    if entity.type != "Person":
        return []
    words = entity.label.split()
    if len(words) > 1:
        return [(word, True) for word in {words[0], words[-1]}]
    return [(entity.label, False)] if words else []


def merge_group(people: Iterable[tuple[Entity, bool]]) -> dict[str, Entity]:
    """Within the people of one key: each single-word name mapped to the key's one full name, if only
    one; a single name with a country counts only full names of that country or of none (`Abdullah`
    of Saudi Arabia is not `Abdullah II` of Jordan)."""
    people = list(people)
    full = {person.id: person for person, is_full in people if is_full}
    merged = {}
    for person, is_full in people:
        if not is_full:
            fits = [f for f in full.values() if not person.country or f.country in (None, person.country)]
            if len(fits) == 1:
                merged[person.id] = fits[0]
    return merged


def merge_people(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Map ids of single-word person names to the one full-name person they abbreviate.

    People are grouped by their keys (`person_keys`), so each single name is one lookup.
    """
    groups: dict[str, list[tuple[Entity, bool]]] = {}
    for entity in entities:
        for key, is_full in person_keys(entity):
            groups.setdefault(key, []).append((entity, is_full))
    return {source: target for group in groups.values() for source, target in merge_group(group).items()}


def first_known(entities: Iterable[Entity], known: dict[str, Entity] | None = None) -> dict[str, Entity]:
    """Each id's entity as first seen, or the first seen with a country when that one has none
    (added to `known`, the table of the entities seen before, when given)."""
    known = {} if known is None else known
    for entity in entities:
        first = known.get(entity.id)
        if first is None or (entity.country and not first.country):
            known[entity.id] = entity
    return known


def merged_statements(statements: Iterable[Statement], entities: Mapping[str, Entity],
                      merged: Mapping[str, Entity]) -> Iterator[Statement]:
    """The statements with each entity as `entities` has it, or as the one `merged` maps it to;
    a statement whose two ends become one entity is dropped."""
    for st in statements:
        subject = merged.get(st.subject.id) or entities[st.subject.id]
        obj = merged.get(st.object.id) or entities[st.object.id]
        if subject.id != obj.id:
            yield replace(st, subject=subject, object=obj)


def used_entities(statements: Iterable[Statement]) -> list[Entity]:
    """The entities of the statements, sorted by id."""
    used = {e.id: e for st in statements for e in (st.subject, st.object)}
    return [used[k] for k in sorted(used)]


def resolve(statements: Iterable[Statement]) -> tuple[list[Statement], list[Entity]]:
    """Statements with merged entities, and the entities, sorted by id."""
    statements = list(statements)
    entities = first_known(entity for st in statements for entity in (st.subject, st.object))
    out = list(merged_statements(statements, entities, merge_people(entities.values())))
    return out, used_entities(out)
