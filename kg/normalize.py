"""Entity ids and cross-document merging.

Known entities take their gazetteer key (`kg:country/JPN`); others an ASCII slug of their
label, with a short hash when the slug alone would lose characters. People named by a
single word are merged with the one person of the corpus whose full name ends (or starts)
with it, so `Trump` in one article and `Donald Trump` in another are one entity.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
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


def merge_people(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Map ids of single-word person names to the one full-name person they abbreviate.

    Full names are indexed by their first and last word, so each single name is one lookup.
    """
    people = [e for e in entities if e.type == "Person"]
    by_word: dict[str, dict[str, Entity]] = {}
    for person in people:
        words = person.label.split()
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                by_word.setdefault(word, {})[person.id] = person
    merged = {}
    for person in people:
        candidates = by_word.get(person.label, {}) if len(person.label.split()) == 1 else {}
        if len(candidates) == 1:
            merged[person.id] = next(iter(candidates.values()))
    return merged


def resolve(statements: Iterable[Statement]) -> tuple[list[Statement], list[Entity]]:
    """Statements with merged entities, and the entities, sorted by id."""
    statements = list(statements)
    entities: dict[str, Entity] = {}
    for st in statements:
        for entity in (st.subject, st.object):
            known = entities.get(entity.id)
            if known is None or (entity.country and not known.country):
                entities[entity.id] = entity
    merged = merge_people(entities.values())

    def final(entity: Entity) -> Entity:
        entity = merged.get(entity.id, entity)
        return entities.get(entity.id, entity)

    out = []
    for st in statements:
        subject, obj = final(st.subject), final(st.object)
        if subject.id != obj.id:
            out.append(replace(st, subject=subject, object=obj))
    used = {e.id: e for st in out for e in (st.subject, st.object)}
    return out, [used[k] for k in sorted(used)]
