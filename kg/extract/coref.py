"""Within-document coreference: people by full and short name, role nouns, pronouns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from kg.extract.context import (
    FIRST_PERSON,
    GROUP_PRONOUNS,
    OWNER_DEPS,
    PRONOUNS,
    SUBJECTS,
    DocState,
    Mention,
    SentenceContext,
    country_mention,
    from_entry,
)
from kg.ontology import GazetteerEntry


def resolve_person(state: DocState, text: str, title: str | None = None,
                   countries: frozenset[str] = frozenset()) -> Mention | None:
    """A person's name without its titles (`title`: the one written before it, if none is inside);
    a single word is a person named before in full; `countries`: those its own phrase names."""
    words = text.split()
    while words and words[0].lower() in state.ontology.titles:
        title, words = words[0].lower(), words[1:]  # the title nearest the name
    return person_named(state, " ".join(words), title, countries) if words else None


def person_named(state: DocState, name: str, title: str | None, countries: frozenset[str]) -> Mention:
    """The person `name` names: one named before in full (`Rice` after `Condoleezza Rice`), else the
    gazetteer's holder of a known or titled name (`holder`), else a new person of that name; a
    name of several words the gazetteer knows as an organization's is that organization."""
    if " " not in name:
        for full, mention in state.people.items():
            if full.split()[-1] == name or full.split()[0] == name:
                return mention
    hit = state.ontology.lookup(name)
    if hit and hit[1].type == "Organization" and " " in name:
        return from_entry(hit[1])  # `Ansar al-Islam`, which the recognizer took for a person's name
    exact = hit[1] if hit and hit[1].type == "Person" else None
    entry = holder(state, name, exact, title, countries) if exact or title else None
    mention = from_entry(entry) if entry else Mention(None, name, "Person")
    if mention.key and mention.label not in state.ontology.surfaces:
        mention = replace(mention, label=name)  # a generated name (from upper case): as the text writes it
    remember_person(state, mention)
    return mention


def holder(state: DocState, name: str, exact: GazetteerEntry | None, title: str | None,
           countries: frozenset[str]) -> GazetteerEntry | None:
    """The gazetteer person a name stands for, `exact` the one it names exactly (if any): among the
    people one of whose names begins or ends with its first and last words, those of `countries`
    (else of the countries the document named) and in office on the document's date: the exact
    one if among them, else, narrowed to those holding `title` when some do, the one left
    (`King Abdullah` in a story about Saudi Arabia, `George Bush` in 2008) when a single word is
    `attested` too; of several none (no guess); of none the exact one."""
    places = countries or frozenset(state.named_countries)
    named = state.ontology.people_named(name)
    fits = [p for p in named + [exact] * (exact not in named) if p and (not places or p.country in places)
            and in_office(p, state.date)]
    if exact in fits:
        return exact
    if title:
        fits = [p for p in fits if p.title and title in p.title.lower()] or fits
    if len(fits) == 1 and (exact or " " in name or attested(fits[0], title, state.date)):
        return fits[0]
    return exact if not fits else None


def attested(person: GazetteerEntry, title: str | None, day: date | None) -> bool:
    """Whether more than a single name points to the person: the title they held, or a term known
    to span the document's date (`Crown Prince Sultan` in 2006; not `Secretary Taft`, undated)."""
    return bool(title and person.title and title in person.title.lower()) or \
        day is not None and bool(person.start or person.end) and in_office(person, day)


def in_office(person: GazetteerEntry, day: date | None) -> bool:
    """Whether `day` falls inside the person's known term (always, when either is unknown)."""
    if day is None or not (person.start or person.end):
        return True
    return (person.start or "") <= day.isoformat() <= (person.end or "9999")


def remember_person(state: DocState, mention: Mention) -> None:
    if len(mention.label.split()) > 1 or mention.key:
        state.people.setdefault(mention.label, mention)
    if mention.country:
        state.countries.setdefault(mention.label, mention.country)


def role_noun(ctx: SentenceContext, token: Token) -> Mention | None:
    """`the president`, `Japan's new prime minister`: the person holding that role."""
    ontology = ctx.ontology
    words = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod") and t.i not in ctx.mentions]
    phrases = (" ".join([*words, token.lower_][start:]) for start in range(len(words) + 1))
    title = next((phrase for phrase in phrases if phrase in ontology.titles), None)
    if title is None:
        return None
    holder = next((ctx.mentions[c.i] for c in token.children
                   if c.dep_ in OWNER_DEPS and c.i in ctx.mentions), None)
    person = ctx.state.roles.get(title)
    if holder is None:
        return replace(person, via="role") if person else None
    if person and ctx.state.country_of(person) == holder.country:
        return person
    then = held_then(ctx.state, holder.country, title)
    key = ontology.leaders.get((holder.country, ontology.titles[title]))
    return from_entry(then) if then else from_entry(ontology.entries[key]) if key else None


def held_then(state: DocState, country: str | None, title: str) -> GazetteerEntry | None:
    """The one person who held `title` in `country` (`former President`) in a term that began
    before the document's date and ended after it: `the US president` of a story from 2008."""
    if state.date is None:
        return None
    held = [p for p in state.ontology.title_holders.get((country, title), ()) if p.end and in_office(p, state.date)]
    return held[0] if len(held) == 1 else None


def antecedent(ctx: SentenceContext, pronoun: Token,
               actors: Callable[[SentenceContext, Token], list[Mention]]) -> list[Mention]:
    """What a pronoun stands for: the speaker in `X said it would ...`, else the last person
    (he, she) or the last country or organization named before it in the sentence (it, they).

    `actors` reads the speaker's subject (`kg.extract.arguments.actors`).
    """
    clause = pronoun.head
    while clause.dep_ not in ("ccomp", "ROOT") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ == "ccomp" and pronoun.lower_ in FIRST_PERSON:
        return speaker_side(ctx, clause.head, actors)
    if clause.dep_ == "ccomp":
        speakers = [m for c in clause.head.children if c.dep_ in SUBJECTS for m in actors(ctx, c)
                    if c.lower_ not in PRONOUNS | GROUP_PRONOUNS]
        if speakers and (pronoun.lower_ in GROUP_PRONOUNS) == (speakers[0].type != "Person"):
            return [ctx.state.person(m, "pronoun") for m in speakers]
    if pronoun.lower_ in FIRST_PERSON:
        return []
    kinds = ("Person",) if pronoun.lower_ in PRONOUNS else ("Country", "Organization")
    earlier = [m for t in ctx.named if t.i < pronoun.i and (m := ctx.mentions[t.i]).type in kinds]
    last = earlier[-1] if earlier else ctx.state.last_person if kinds == ("Person",) else None
    return [ctx.state.person(last, "pronoun")] if last else []


def speaker_side(ctx: SentenceContext, verb: Token,
                 actors: Callable[[SentenceContext, Token], list[Mention]]) -> list[Mention]:
    """Whom `we` and `our` stand for in what a speaker says: the speaker's country, or the speaker's
    organization or country itself."""
    side: list[Mention] = []
    for mention in (m for c in verb.children if c.dep_ in SUBJECTS and c.lower_ not in FIRST_PERSON
                    for m in actors(ctx, c)):
        country = ctx.state.country_of(mention) if mention.type == "Person" else None
        found = country_mention(ctx.ontology, country, "pronoun") if mention.type == "Person" else \
            replace(mention, via="pronoun")
        if found and found not in side:
            side.append(found)
    return side


def note_named(ctx: SentenceContext) -> None:
    """The sentence's last person becomes the document's last person named, for `he` and `she` later;
    its actors join the document's actors named, for `the two leaders` later."""
    named = ctx.state.named_actors
    for token in ctx.named:
        mention = ctx.mentions.get(token.i)
        if mention and mention.type == "Person":
            ctx.state.last_person = mention
        if mention and mention.type in ("Person", "Country", "Organization"):
            if mention in named:
                named.remove(mention)
            named.append(mention)


# Plural nouns that `two` or `both` make stand for the last two actors of a kind: `the two leaders met`.
PAIR_NOUNS = {"leaders": ("Person",), "presidents": ("Person",), "ministers": ("Person",), "premiers": ("Person",),
              "countries": ("Country",), "nations": ("Country",), "neighbours": ("Country",),
              "neighbors": ("Country",), "governments": ("Country",), "sides": ("Country", "Organization")}


def named_pair(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """`the two leaders`, `both countries`: the last two actors of that kind named before the noun."""
    kinds = PAIR_NOUNS.get(noun.lower_)
    if not kinds or not any(c.dep_ == "nummod" and c.lower_ == "two" or c.dep_ in ("det", "predet") and
                            c.lower_ == "both" for c in noun.children):
        return []
    before = [ctx.mentions[t.i] for t in ctx.named if t.i < noun.i]
    found: list[Mention] = []
    for mention in reversed([*ctx.state.named_actors, *before]):
        if mention.type in kinds and all((m.key, m.label) != (mention.key, mention.label) for m in found):
            found.append(mention)
        if len(found) == 2:
            return [ctx.state.person(m, "pronoun") if m.type == "Person" else replace(m, via="pronoun")
                    for m in reversed(found)]
    return []
