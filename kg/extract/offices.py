"""Offices: head_of_state, head_of_government and official_of from titles and appositions.

`U.S. President Donald Trump`, `Vice Premier He Lifeng`, `Donald Trump, the U.S. president`.
A title found here is also remembered as a role of the document (`the president` later).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.context import Mention, SentenceContext, country_mention
from kg.types import Statement

NOT_TITLES = {"former", "ex", "late", "then", "outgoing", "deputy-to-be"}

Office = tuple[str, str, Mention | None]  # (relation, role as written, country or organization)


def titles(ctx: SentenceContext) -> Iterator[Statement]:
    """A statement for every person of the sentence named with a title."""
    seen = set()
    for token in ctx.sent:
        person = ctx.mentions.get(token.i)
        if not person or person.type != "Person" or token.i in seen:
            continue
        tokens = [t for t in ctx.sent if ctx.mentions.get(t.i) is person]
        seen.update(t.i for t in tokens)
        found, score = office_of(ctx, person, tokens)
        if not found:
            continue
        relation, role, holder = found
        state = ctx.state
        holder = holder or country_mention(ctx.ontology, state.country_of(person), "title")
        state.roles[role.lower().split()[-1]] = person
        state.roles[role.lower()] = person
        if holder and holder.type == "Country":
            state.countries.setdefault(person.label, holder.country)
        if holder:
            yield ctx.statement(state.person(person), relation, holder, score,
                                role=role if relation == "official_of" else None, trigger=role)


def office_of(ctx: SentenceContext, person: Mention, tokens: list[Token]) -> tuple[Office | None, float]:
    """The office a person's name is given, and the confidence of the way it was given."""
    root = next((t for t in reversed(tokens) if t.head not in tokens), tokens[-1])
    found = match_title(ctx, title_words(ctx, root))
    if found:
        return found, confidence.TITLE_BEFORE_NAME
    found = inner_title(ctx, person, tokens)
    if found:
        return found, confidence.TITLE_BEFORE_NAME
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "appos" and c.i not in ctx.mentions]
    for noun in nouns:
        found = match_title(ctx, title_words(ctx, noun) + [noun])
        if found:
            return found, confidence.TITLE_IN_APPOSITION
    return None, confidence.TITLE_BEFORE_NAME


def title_words(ctx: SentenceContext, token: Token) -> list[Token]:
    """Title-like modifiers to the left of a name: `U.S. President`, `China's Vice Premier`."""
    words = []
    own = ctx.mentions.get(token.i)
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "case", "det", "punct") and \
                (own is None or ctx.mentions.get(child.i) is not own):
            words.extend(child.subtree)
    return sorted(set(words), key=lambda t: t.i)


def match_title(ctx: SentenceContext, words: list[Token]) -> Office | None:
    """(relation, role text, country or organization) for a run of title words."""
    plain = [t for t in words if not ctx.is_known(t) and t.dep_ not in ("case", "det", "punct")]
    if any(t.lower_ in NOT_TITLES for t in words):
        return None
    best = title_of(ctx, plain)
    if best is None:
        return None
    holder = None
    for t in words:
        mention = ctx.mentions.get(t.i)
        if mention and ctx.is_known(t) and mention.type in ("Country", "Organization", "City"):
            # a city, or a national body such as a ministry, stands for its country
            national = mention.type == "City" or mention.type == "Organization" and mention.country
            holder = country_mention(ctx.ontology, mention.country, "title") if national else mention
    if holder and holder.type == "Organization" and best[0] != "official_of":
        best = ("official_of", best[1])
    return best[0], best[1], holder


def title_of(ctx: SentenceContext, words: list[Token]) -> tuple[str, str] | None:
    """(relation, title as written) for title words: the longest known title ending them."""
    known = ctx.ontology.titles
    lowered = [t.lower_ for t in words]
    for start in range(len(lowered)):
        if " ".join(lowered[start:]) in known:
            return known[" ".join(lowered[start:])], " ".join(t.text for t in words)
    return None


def inner_title(ctx: SentenceContext, person: Mention, tokens: list[Token]) -> Office | None:
    """A title inside a known name, `Vice Premier He Lifeng`, held in the person's own country."""
    country = country_mention(ctx.ontology, ctx.state.country_of(person), "title")
    words = ctx.ontology.title_words
    prefix = [t for t in tokens[:next((i for i, t in enumerate(tokens) if t.lower_ not in words),
                                      len(tokens))]]
    found = title_of(ctx, prefix) if country else None
    return (*found, country) if found else None
