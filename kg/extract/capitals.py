"""Capitals: capital_of from `X is the capital (city) of Y`, `Y's capital X`, `X, (the) capital
of Y`, `the capital of Y, X`, `the capital of Y is X`, `Y, whose capital is X`, a capital conjoined
with another description (`X is a town in R and the capital of D`), a division named by its kind
(`the capital of the canton of Valais`) and a capital below the state whose region the sentence
names (`a city in Punjab, near the provincial capital of Lahore`). An administrative centre and a
county seat are capitals too (`X is the administrative centre of Y District`, `X is the county seat
of Y County`, `the seat of government of Y`), and so is the city a country moves its capital or its
government to (`Y moved its capital to X`, `the Y government moved to X`)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.arguments import actors
from kg.extract.context import SUBJECTS, Mention, SentenceContext
from kg.extract.coref import antecedent
from kg.extract.modality import modality
from kg.extract.titles import NOT_TITLES
from kg.types import Statement

OWNERS = ("Country", "Location")  # the range of capital_of
# Adjectives for the capital of a division of a state: `the provincial capital`.
SUBNATIONAL = {"provincial", "regional", "state", "district", "county", "departmental", "prefectural",
               "cantonal", "municipal", "territorial"}
# Nouns naming a division by its kind, its name given by `of`: `the canton of Valais`.
DIVISIONS = {"province", "region", "state", "district", "county", "canton", "department", "prefecture",
             "governorate", "oblast", "territory", "municipality", "parish", "emirate", "voivodeship", "krai",
             "raion", "okrug"}
# Nouns that name a capital with a modifier: `the administrative centre`, `the county seat`.
SEATS = {"centre", "center", "seat"}
SEAT_MODIFIERS = {"administrative", "county", "district", "regional", "provincial"}
# A city first in something else is no seat of government: `the commercial capital`.
OTHER_CAPITALS = {"commercial", "financial", "economic", "business", "cultural", "industrial", "tourist", "spiritual",
                  "religious", "music", "fashion", "film", "entertainment", "media", "tech", "technology", "banking",
                  "trading", "shopping", "culinary", "intellectual", "sporting", "artistic", "gambling"}
COPULAS = {"be", "become", "remain"}  # `X is the capital`
SERVING = {"serve", "act", "function", "remain"}  # `X serves as the capital`
MAKING = {"make", "declare", "name", "designate", "proclaim", "choose", "establish"}  # `X was made the capital`
MOVING = {"move", "relocate", "transfer", "shift"}  # `Y moved its capital to X`, `the Y government moved to X`


def is_capital(token: Token) -> bool:
    """`capital`, `administrative centre`, `county seat`, `seat of government`."""
    if token.lower_ in ("capital", "capitals"):
        return not any(c.dep_ in ("amod", "compound") and c.lower_ in OTHER_CAPITALS for c in token.children)
    return token.lemma_.lower() in SEATS and any(
        c.dep_ in ("amod", "compound") and c.lower_ in SEAT_MODIFIERS or
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_ == "government" for g in c.children)
        for c in token.children)


def capitals(ctx: SentenceContext) -> Iterator[Statement]:
    """capital_of for every city a `capital` noun names, of every country or region it belongs to."""
    for token in ctx.having(("capital", "capitals"), SEATS):
        if token.i in ctx.mentions or not is_capital(token):
            continue
        noun = token.head if token.head.lower_ == "city" and token.dep_ in ("compound", "amod") else token
        if any(t.lower_ in NOT_TITLES for t in token.lefts):
            continue
        places = owners_of(ctx, noun) or (movers(ctx, noun.head) if noun.dep_ == "dobj" else [])
        cities = named_capitals(ctx, noun)
        if not places and subnational(noun):  # `the provincial capital of Lahore`: of the region named
            cities += [(m, confidence.CAPITAL) for c in of_objects(noun) if (m := ctx.mentions.get(c.i))
                       and m.type == "City"]
            places = sentence_region(ctx, [m for m, _ in cities])
            cities = [(m, score * confidence.CAPITAL_OF_SENTENCE_REGION) for m, score in cities]
        for city, score in cities:
            for place in places:
                if city.label != place.label and (city.country in (None, place.country) or place.type != "Country"):
                    yield ctx.statement(city, "capital_of", place, score, modality(ctx.ontology, noun),
                                        trigger=token.text)


    yield from seats_moved(ctx)


def seats_moved(ctx: SentenceContext) -> Iterator[Statement]:
    """`the Chinese government moved to Chongqing`: a country's government moving makes the city it
    moves to the capital (from then)."""
    for verb in ctx.having(MOVING):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in MOVING or \
                any(c.dep_ == "dobj" for c in verb.children):
            continue
        governments = [c for c in verb.children if c.dep_ in SUBJECTS and c.lemma_.lower() == "government"]
        owners = [m for g in governments for c in g.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                  and (m := ctx.mentions.get(c.i)) and m.type in OWNERS]
        for city in (m for t in moved_to(verb) if (m := ctx.mentions.get(t.i)) and m.type == "City"):
            for owner in owners:
                yield ctx.statement(city, "capital_of", owner, confidence.CAPITAL_MOVED, modality(ctx.ontology, verb),
                                    trigger=verb.text, at=verb)


def moved_to(verb: Token) -> list[Token]:
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]


def movers(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """The country that moves its capital: `Kazakhstan moved its capital to Astana`."""
    if verb.lemma_.lower() not in MOVING:
        return []
    return [m for c in verb.children if c.dep_ in SUBJECTS and (m := ctx.mentions.get(c.i)) and m.type in OWNERS]


def owners_of(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """Whose capital: `Kenya's capital`, `the Kenyan capital`, `capital of Kenya`, `capital of the
    canton of Valais`, `the seat of government of Turkey`, `the capital and largest city of Kenya`,
    `its capital` (the country named before it)."""
    found = [m for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
             and (m := ctx.mentions.get(c.i))]
    found += [m for c in noun.children if c.dep_ == "poss" and c.lower_ == "its" and not found
              for m in antecedent(ctx, c, actors)]  # `X is Georgia's largest city and its capital`
    if any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children) and noun.head.dep_ == "relcl":
        found += [m for m in [ctx.mentions.get(noun.head.head.i)] if m]  # `Kenya, whose capital is Nairobi`
    for pobj in of_objects(noun) or [c for conj in noun.conjuncts for c in of_objects(conj)]:
        if pobj.i not in ctx.mentions and (pobj.lemma_.lower() in DIVISIONS or pobj.lemma_ == "government"):
            found += [m for c in of_objects(pobj) if (m := ctx.mentions.get(c.i))]
        elif pobj.i in ctx.mentions:
            found.append(ctx.mentions[pobj.i])
    return [division(m) for m in found if m.type in OWNERS or division(m).type == "Location"]


def division(mention: Mention) -> Mention:
    """A name the gazetteer does not know that ends in a division's kind is that division: `Tver Oblast`."""
    if mention.key is None and mention.type not in OWNERS and mention.label.split()[-1].lower() in DIVISIONS:
        return Mention(None, mention.label, "Location")
    return mention


def described_by(noun: Token) -> list[Token]:
    """The names a capital noun describes: `X, the capital`, `X is / became / serves as the capital`,
    `X was made the capital`, and as a later conjunct, however deep in the first description the
    parse hangs it (`X is a town in R and the capital of D`, `X, a town in R and the capital of D`)."""
    if noun.dep_ == "appos":
        return [noun.head]
    said = said_of(noun)
    if said:
        return said
    token, apposed = noun, None
    while token.dep_ in ("conj", "appos", "pobj", "prep", "attr") and noun.dep_ == "conj":
        token = token.head
        if token.lemma_ in COPULAS:
            return [c for c in token.children if c.dep_ in SUBJECTS]
        apposed = token if token.dep_ == "appos" else apposed
    return [apposed.head] if apposed is not None else []


def said_of(noun: Token) -> list[Token]:
    """The subject a verb says the noun of: `X is / became the capital`, `X serves as the capital`,
    `X was made / declared the capital`."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head
    lemma = verb.lemma_.lower()
    if noun.dep_ in ("attr", "oprd") and lemma in COPULAS or noun.dep_ == "pobj" and lemma in SERVING:
        return [c for c in verb.children if c.dep_ in SUBJECTS]
    if noun.dep_ in SUBJECTS and lemma in COPULAS:  # `the capital of Kenya is Nairobi`
        return [c for c in verb.children if c.dep_ == "attr"]
    if noun.dep_ == "dobj" and lemma in MOVING:  # `moved the capital to Astana`
        return moved_to(verb)
    if noun.dep_ in ("dobj", "oprd") and lemma in MAKING:
        return [c for c in verb.children if c.dep_ == "nsubjpass"]
    return []


def of_objects(noun: Token) -> list[Token]:
    return [c for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for c in prep.children if c.dep_ == "pobj"]


def subnational(noun: Token) -> bool:
    return any(c.dep_ in ("amod", "compound") and c.lower_ in SUBNATIONAL for c in noun.children)


def sentence_region(ctx: SentenceContext, cities: list[Mention]) -> list[Mention]:
    """The one region the sentence names, in the cities' country if they have one."""
    countries = {m.country for m in cities} - {None}
    regions = {m.key or m.label: m for m in ctx.mentions.values()
               if m.type == "Location" and (m.country is None or not countries or m.country in countries)}
    return list(regions.values()) if len(regions) == 1 else []


def named_capitals(ctx: SentenceContext, noun: Token) -> list[tuple[Mention, float]]:
    """The cities a capital noun names: the name it describes (`X, the capital`, `X is the capital`,
    also as a later conjunct: `X is a town and the capital`), its apposition, or a city right
    beside it (`Kenya's capital Nairobi`). A name the capital describes is a city even when the
    gazetteer or the recognizer does not know it."""
    found: list[tuple[Mention, float]] = []
    for token in described_by(noun):
        mention = ctx.mentions.get(token.i)
        if mention is None and token.pos_ == "PROPN":
            words = [t.text for t in token.lefts if t.dep_ == "compound"] + [token.text]
            mention = Mention(None, " ".join(words), "City")
        elif mention is not None and mention.key is None and mention.type not in ("Country", "City"):
            mention = Mention(None, mention.label, "City")
        if mention is not None and mention.type in ("City", "Location"):
            found.append((mention, confidence.CAPITAL))
    beside = [c for c in noun.children if c.dep_ in ("appos", "compound")]
    if noun.i + 1 < ctx.sent.end:
        beside.append(ctx.sent.doc[noun.i + 1])
    start = noun.left_edge.i  # `Manila, the capital city of the Philippines`, however the parse hangs it
    if start - 2 >= ctx.sent.start and ctx.sent.doc[start - 1].text == ",":
        beside.append(ctx.sent.doc[start - 2])
    places = [ctx.mentions.get(t.i) for t in beside]
    # `the capital of Ghana, Accra`: the parse hangs the city from the country
    places += [ctx.mentions.get(c.i) for pobj in of_objects(noun) for c in pobj.children if c.dep_ == "appos"
               and c.i in ctx.mentions and ctx.mentions[c.i].type == "City"]
    for mention in places:
        if mention and mention.type in ("City", "Location") and all(m is not mention for m, _ in found):
            found.append((mention, confidence.CAPITAL))
    return found
