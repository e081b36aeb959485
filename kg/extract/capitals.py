"""Capitals: capital_of from `X is the capital (city) of Y`, `Y's capital X`, `X, (the) capital
of Y`, `the capital of Y, X`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.context import SUBJECTS, Mention, SentenceContext
from kg.extract.modality import modality
from kg.extract.titles import NOT_TITLES, PLACES
from kg.types import Statement


def capitals(ctx: SentenceContext) -> Iterator[Statement]:
    """capital_of from `X is the capital of Y`, `Y's capital X`, `X, (the) capital (city) of Y`,
    `the capital of Y, X`."""
    for token in ctx.sent:
        if token.lower_ not in ("capital", "capitals") or token.i in ctx.mentions:
            continue
        noun = token.head if token.head.lower_ == "city" and token.dep_ in ("compound", "amod") else token
        places = [m for m in owners_of(ctx, noun) if m.type in ("Country", *PLACES)]
        if not places or any(t.lower_ in NOT_TITLES for t in token.lefts):
            continue
        for city, score in named_capitals(ctx, noun):
            for place in places:
                if city.key != place.key and (city.country in (None, place.country) or place.type != "Country"):
                    yield ctx.statement(city, "capital_of", place, score, modality(ctx.ontology, noun),
                                        trigger=token.text)


def owners_of(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """Whose capital: `Kenya's capital`, `the Kenyan capital`, `capital of Kenya`."""
    found = [m for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
             and (m := ctx.mentions.get(c.i))]
    return found + [m for c in of_objects(noun) if (m := ctx.mentions.get(c.i))]


def of_objects(noun: Token) -> list[Token]:
    return [c for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for c in prep.children if c.dep_ == "pobj"]


def named_capitals(ctx: SentenceContext, noun: Token) -> list[tuple[Mention, float]]:
    """The cities a capital noun names: its apposition either way round, the subject of `is the
    capital`, or a city right beside it (`Kenya's capital Nairobi`)."""
    candidates: list[tuple[Token, float]] = []
    if noun.dep_ == "appos" or noun.dep_ == "attr" and noun.head.lemma_ == "be":
        anchor = noun.head
        if noun.dep_ == "attr":
            anchor = next((c for c in noun.head.children if c.dep_ in SUBJECTS), None)
        if anchor is not None:
            candidates.append((anchor, confidence.CAPITAL))
    candidates += [(c, confidence.CAPITAL) for c in noun.children if c.dep_ in ("appos", "compound")]
    # `the capital of Ghana, Accra`: the parse hangs the city from the country
    candidates += [(c, confidence.CAPITAL) for pobj in of_objects(noun) for c in pobj.children if c.dep_ == "appos"]
    following = ctx.sent.doc[noun.i + 1] if noun.i + 1 < ctx.sent.end else None
    if following is not None:
        candidates.append((following, confidence.CAPITAL))
    start = noun.left_edge.i  # `Manila, the capital city of the Philippines`, however the parse hangs it
    if start - 2 >= ctx.sent.start and ctx.sent.doc[start - 1].text == ",":
        candidates.append((ctx.sent.doc[start - 2], confidence.CAPITAL))
    found = []
    for token, score in candidates:
        mention = ctx.mentions.get(token.i)
        if mention and mention.type in PLACES and all(m is not mention for m, _ in found):
            found.append((mention, score))
    return found
