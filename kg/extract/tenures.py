"""Offices said by other words than a title beside the name: the government a person leads
(`Yeltsin's administration`, `the Merkel government`), a noun of holding an office (`the presidency
of Ronald Reagan`), an election won (`X won the presidential election in Chile`), an office a
candidate lost to its winner (`X ran for Governor of Maryland, losing to Y`) and a title a noun's
possessor is given by `as` (`her first trip as Secretary of State`)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract import confidence
from kg.extract.arguments import actors, subject_of
from kg.extract.context import Mention, SentenceContext, country_mention
from kg.extract.coref import antecedent
from kg.extract.modality import modality
from kg.extract.titles import PLACES, Office, former_word, hyphenated, match_title, offices, title_words
from kg.types import Statement


def tenures_said(ctx: SentenceContext) -> Iterator[Statement]:
    """Every statement of the shapes of the module's docstring."""
    yield from governments(ctx)
    yield from tenures(ctx)
    yield from elections(ctx)
    yield from won_from(ctx)
    yield from possessor_titles(ctx)


# Nouns for the government a person leads: `Yeltsin's administration`, `the Merkel government`.
GOVERNMENTS = {"administration", "government", "cabinet", "regime"}
# Nouns of a contest that gives no office to its winner: `lost the nomination for governor to Y`.
CONTESTS = {"nomination", "primary", "primaries", "candidacy", "ticket", "selection"}
# Nouns of seeking an office, not holding it: `her nomination as ambassador`, `his bid as chairman`.
SEEKING = CONTESTS | {"bid", "campaign", "run", "race", "offer", "proposal"}
# Nouns of leaving an office: `his resignation as prime minister` (held before).
LEAVING = {"resignation", "departure", "ouster", "removal", "dismissal", "exit", "retirement", "sacking"}


# Nouns for holding an office, and the title each is of: `during the presidency of Ronald Reagan`.
TENURES = {"presidency": "president", "premiership": "prime minister", "chancellorship": "chancellor",
           "reign": "monarch", "kingship": "king", "governorship": "governor", "mayoralty": "mayor"}


def tenures(ctx: SentenceContext) -> Iterator[Statement]:
    """`the presidency of Ronald Reagan`, `Thatcher's premiership`, `the Reagan presidency`: the person
    holds the office, of the country or place the noun names (`his presidency of Peru`), else of their
    own country, else (a national office) of the one the document is about."""
    for noun in ctx.having(TENURES):
        title = TENURES.get(noun.lower_) if noun.i not in ctx.mentions else None
        if title is None:
            continue
        named = [t for c in noun.children for t in ([c] if c.dep_ in ("poss", "compound", "amod") else
                 [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "of" else [])]
        people = [m for t in named if (m := ctx.mention_at(t)) and well_named(m)]
        places = [m for t in named if (m := ctx.mentions.get(t.i)) and m.type in ("Country", *PLACES)]
        score = confidence.TENURE
        holder = places[0] if places else None
        for person in people[:1]:
            holder = holder or country_mention(ctx.ontology, ctx.state.country_of(person), "title")
            if holder is None and title not in ctx.ontology.local_titles:
                holder = country_mention(ctx.ontology, ctx.state.subject_country(), "document")
                score *= confidence.TITLE_FROM_DOCUMENT
            if holder is None:
                continue
            office = Office(ctx.ontology.titles[title], noun.text, title, holder,
                            former=former_word(ctx, [t for t in noun.lefts if t.i not in ctx.mentions]))
            for relation, place in offices(ctx, office, holder):
                yield ctx.statement(ctx.state.person(person), relation, place, score,
                                    role=title if relation == "official_of" else None, trigger=noun.text, at=noun,
                                    office=True, former=office.former)


# Adjectives of an election, and the title its winner takes: `won the presidential election`.
ELECTIONS = {"presidential": "president", "mayoral": "mayor", "gubernatorial": "governor"}


def elections(ctx: SentenceContext) -> Iterator[Statement]:
    """`X won the 2004 presidential election in Chile`, `X won Chile's presidential election`: the
    winner holds the office, of the country or place named, else of their own country (not a round
    or a primary: only the election itself)."""
    for verb in ctx.having(("win",)):
        if verb.lemma_.lower() != "win" or verb.pos_ != "VERB":
            continue
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ("election", "vote")):
            title = next((ELECTIONS[c.lower_] for c in noun.children if c.lower_ in ELECTIONS), None)
            named = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")] + \
                [p for word in (noun, verb) for c in word.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                 for p in c.children if p.dep_ == "pobj"]
            places = [m for t in named if (m := ctx.mentions.get(t.i)) and m.type in ("Country", *PLACES)]
            winners, factor = subject_of(ctx, verb)
            for winner in (m for m in winners if m.type == "Person") if title else ():
                holder = places[0] if places else None if title in ctx.ontology.local_titles else \
                    country_mention(ctx.ontology, ctx.state.country_of(winner), "title")
                if holder is None:
                    continue
                office = Office(ctx.ontology.titles[title], title, title, holder)
                for relation, place in offices(ctx, office, holder):
                    yield ctx.statement(winner, relation, place, confidence.ELECTION_WON * factor,
                                        modality(ctx.ontology, verb), role=title if relation == "official_of" else None,
                                        trigger=verb.text, at=verb, office=True)


def governments(ctx: SentenceContext) -> Iterator[Statement]:
    """`Yeltsin's administration`, `the Merkel government`: a person the gazetteer knows, or named in
    full, leads the government of their country (else of the one the document is about) — as its head
    of state when the gazetteer or the document knows them as one (a president's administration),
    else as its head of government."""
    for noun in ctx.having(GOVERNMENTS):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in GOVERNMENTS or noun.i in ctx.mentions:
            continue
        named = [c for c in noun.children if c.dep_ in ("poss", "compound")] + \
            [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        for child in named:  # `Kohl's cabinet`, `the Kohl cabinet`, `the second cabinet of Helmut Kohl`
            person = ctx.mention_at(child)
            if person is None or not well_named(person):
                continue
            score = confidence.GOVERNMENT_OF
            country = country_mention(ctx.ontology, ctx.state.country_of(person), "title")
            if country is None:
                country = country_mention(ctx.ontology, ctx.state.subject_country(), "document")
                score *= confidence.TITLE_FROM_DOCUMENT
            if country is None:
                continue
            relation = "head_of_state" if heads_state(ctx, person) else "head_of_government"
            yield ctx.statement(ctx.state.person(person), relation, country, score, modality(ctx.ontology, noun),
                                trigger=noun.text, at=noun, office=True,
                                former=former_word(ctx, [t for t in noun.lefts if t.i not in ctx.mentions]))


def well_named(mention: Mention) -> bool:
    """A person the gazetteer knows or named in full: one word it does not know before `government` or
    `presidency` is more often a place's (`the Chattisgarh government`)."""
    return mention.type == "Person" and (mention.key is not None or " " in mention.label)


def heads_state(ctx: SentenceContext, person: Mention) -> bool:
    """Whether the gazetteer's title of the person, or one the document gave them, is a head of state's."""
    entry = ctx.ontology.entries.get(person.key) if person.key else None
    known = [entry.title.lower().removeprefix("former ")] if entry and entry.title else []
    known += [title for (label, title) in ctx.state.holders if label == person.label]
    return entry is not None and entry.role == "head_of_state" or \
        any(ctx.ontology.titles.get(title) == "head_of_state" for title in known)


def won_from(ctx: SentenceContext) -> Iterator[Statement]:
    """`X ran for Governor of Maryland, losing to Y`, `X's bid to stay as chairman of the AU, losing out
    to Y`: the one a candidate lost the office to holds it (not a nomination or a primary)."""
    for verb in ctx.having(("lose",)):
        if verb.lemma_.lower() != "lose" or verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "conj"):
            continue
        winners = [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "to"
                   for t in prep.children if t.dep_ == "pobj" and (m := ctx.mention_at(t)) and m.type == "Person"]
        sought = [t for t in verb.head.subtree if t.dep_ == "pobj" and t.head.lower_ in ("for", "as")
                  and not verb.left_edge.i <= t.i <= verb.right_edge.i]
        for noun in sought if winners else ():
            path = [noun, *noun.ancestors][:6]
            found = match_title(ctx, title_words(ctx, noun) + hyphenated(noun), noun)
            if found is None or found.holder is None or found.former or \
                    any(t.lemma_.lower() in CONTESTS for t in path + list(noun.lefts)):
                continue
            for winner in winners:
                for relation, place in offices(ctx, found, found.holder):
                    yield ctx.statement(ctx.state.person(winner), relation, place, confidence.WON_FROM,
                                        role=found.role if relation == "official_of" else None, trigger=verb.text,
                                        at=verb.head, office=True)
            break


def possessor_titles(ctx: SentenceContext) -> Iterator[Statement]:
    """`her first trip to Asia as Secretary of State`, `his role as envoy of the AU`: a noun's possessor
    holds the title given by `as` after it (a pronoun's: the person it stands for)."""
    for prep in ctx.having(("as",)):
        noun = prep.head
        if prep.lower_ != "as" or prep.dep_ != "prep" or noun.pos_ != "NOUN" or noun.lemma_.lower() in SEEKING:
            continue
        left = noun.text if noun.lemma_.lower() in LEAVING else None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        people = [m for o in owners for m in (antecedent(ctx, o, actors) if o.pos_ == "PRON" else
                                                [ctx.mention_at(o)]) if m and m.type == "Person"]
        score = confidence.TITLE_OF_POSSESSOR * (confidence.RESOLVED_ARGUMENT if owners and
                                                  owners[0].pos_ == "PRON" else 1)
        for title in (c for c in prep.children if c.dep_ == "pobj" and people):
            found = match_title(ctx, title_words(ctx, title) + hyphenated(title), title)
            if found is None or found.holder is None:
                continue
            for relation, place in offices(ctx, found, found.holder):
                yield ctx.statement(people[0], relation, place, score,
                                    role=found.role if relation == "official_of" else None, trigger=found.role,
                                    at=prep, office=True, former=found.former or left)
