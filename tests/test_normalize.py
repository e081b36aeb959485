"""Entity ids and cross-document merging."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.normalize import entity_id, merge_people, resolve
from kg.types import Entity, Evidence, Statement


def person(label: str, country: str | None = None) -> Entity:
    return Entity(id=entity_id(None, label, "Person"), label=label, type="Person", country=country)


def statement(subject: Entity, obj: Entity, doc: str = "d") -> Statement:
    return Statement(doc, subject, "met_with", obj, Evidence("s", 0, 1))


def test_known_entities_keep_their_gazetteer_key():
    assert entity_id("country/JPN", "Japan", "Country") == "kg:country/JPN"


def test_ids_are_readable_slugs_for_ascii_names():
    assert entity_id(None, "Scott Bessent", "Person") == "kg:person/scott-bessent"


def test_lossy_slugs_get_a_hash_so_distinct_names_stay_distinct():
    a, b = entity_id(None, "Łukasz", "Person"), entity_id(None, "Lukasz", "Person")
    assert a != b and a.startswith("kg:person/lukasz-")


@given(st.text(min_size=1, max_size=40), st.sampled_from(["Person", "Organization", "Location"]))
def test_ids_are_ascii_iri_safe_and_stable(label, type_):
    minted = entity_id(None, label, type_)
    assert minted == entity_id(None, label, type_)
    assert re.fullmatch(r"kg:[a-z]+/[a-z0-9-]+", minted)


def test_single_names_merge_with_the_one_full_name_across_documents():
    full, short = person("Donald Trump", "USA"), person("Trump")
    assert merge_people([full, short]) == {short.id: full}


def test_a_single_name_of_one_country_does_not_merge_with_a_namesake_of_another():
    assert merge_people([person("Abdullah II", "JOR"), person("Abdullah", "SAU")]) == {}
    full, short = person("Hassan Rouhani", "IRN"), person("Rouhani", "IRN")
    assert merge_people([full, short]) == {short.id: full}


def test_ambiguous_single_names_are_not_merged():
    assert merge_people([person("Kim Jong Un"), person("Kim Yo Jong"), person("Kim")]) == {}


@given(st.lists(st.lists(st.sampled_from(["Kim", "Jong", "Un", "Lee", "Ann", "Moon"]), min_size=1, max_size=3)
                .map(" ".join), max_size=12))
def test_a_single_name_merges_exactly_when_one_full_name_starts_or_ends_with_it(labels):
    people = [person(label) for label in labels]
    full = {p.id: p for p in people if len(p.label.split()) > 1}
    expected = {}
    for single in (p for p in people if len(p.label.split()) == 1):
        matches = {i: p for i, p in full.items() if single.label in (p.label.split()[0], p.label.split()[-1])}
        if len(matches) == 1:
            expected[single.id] = next(iter(matches.values()))
    assert merge_people(people) == expected


def test_resolve_rewrites_statements_and_lists_entities_once():
    full, short, other = person("Donald Trump", "USA"), person("Trump"), person("Xi Jinping", "CHN")
    statements, entities = resolve([statement(full, other, "a"), statement(short, other, "b")])
    assert {s.subject.id for s in statements} == {full.id}
    assert sorted(e.label for e in entities) == ["Donald Trump", "Xi Jinping"]
