"""Relations read from the shape of a sentence rather than a trigger word: visits and places."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.arguments import actors, prep_object
from kg.extract.context import SUBJECTS, Mention, SentenceContext
from kg.extract.modality import modality
from kg.types import Statement


def visits(ctx: SentenceContext) -> Iterator[Statement]:
    """A person acting `in` or `at` a place of another country was there: `Trump told reporters in Tokyo`,
    `Speaking in Paris, Ruto said`, `Ruto, in Japan for talks, said`."""
    [visited] = ctx.ontology.read_as["visit"]
    # the verbs an `in` or `at` phrase hangs on (or on their object), and the people named
    heads = {t.i: t for prep in ctx.having(("in", "at")) for t in (prep.head, prep.head.head)}
    heads.update((t.i, t) for t in ctx.named)
    for token in (heads[i] for i in sorted(heads)):
        if token.pos_ in ("VERB", "AUX"):
            # the verb's or its object's `in` or `at` phrase, looked for before any argument is resolved
            preps = [c for head in (token, *(c for c in token.children if c.dep_ == "dobj")) for c in head.children
                     if c.dep_ == "prep" and c.lower_ in ("in", "at")]
            if not preps:
                continue
            people = present(ctx, token)  # an object's phrase counts when the object is a person met there
            preps = [c for c in preps if c.head.i == token.i or any(m.type == "Person" for m in actors(ctx, c.head))]
        elif (mention := ctx.mentions.get(token.i)) and mention.type == "Person":
            people = [mention]  # `Ruto, in Japan`: a place set off after the name
            preps = [c for c in token.children
                     if c.dep_ == "prep" and c.lower_ == "in" and token.doc[c.i - 1].text == ","]
        else:
            continue
        places = [m for c in preps for m in prep_object(ctx, c) if m.type in ("City", "Country")]
        for person in people:
            home = ctx.state.country_of(person)
            for place in places:
                if home and place.country and place.country != home:
                    yield ctx.statement(ctx.state.person(person), visited.name, place, confidence.VISIT_BY_PLACE,
                                        modality(ctx.ontology, token), trigger=token.text, at=token)


def present(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """The people a verb places where it happens: its subjects, or its head's for a participle
    (`Speaking in Paris, Ruto said`)."""
    subjects = [m for c in verb.children if c.dep_ in SUBJECTS for m in actors(ctx, c)]
    if not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        subjects = [m for c in verb.head.children if c.dep_ in SUBJECTS for m in actors(ctx, c)]
    return [m for m in subjects if m.type == "Person"]


def places(ctx: SentenceContext) -> Iterator[Statement]:
    """located_in from `Busan, South Korea` and `Busan in South Korea`."""
    [located_in] = ctx.ontology.read_as["place"]
    seen = set()
    for token in ctx.named:
        city = ctx.mentions.get(token.i)
        if not city or city.type != "City" or id(city) in seen:
            continue
        seen.add(id(city))
        end = max(i for i, m in ctx.mentions.items() if m is city) + 1
        if end + 1 >= ctx.sent.end or ctx.sent.doc[end].lower_ not in (",", "in"):
            continue
        country = ctx.mentions.get(end + 1)
        if country and country.type == "Country" and country.via == "name" and \
                city.country in (None, country.country):
            yield ctx.statement(city, located_in.name, country, confidence.CITY_IN_COUNTRY)
