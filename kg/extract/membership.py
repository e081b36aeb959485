"""Membership read from a noun between an organization and names (`NATO-member Norway`, `EU states
France and Spain`, `Labour leaders Ann Lee and Bob Fox`, `members of NATO such as Norway`), and
membership ended by a verb (`X withdrew from Y`, `X left Y`): a country or person is no longer a
member, so the statement is negated.
`X is a member of Y` and `X joined Y` are trigger words (`ontology/lexicon/triggers.tsv`)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.context import SUBJECTS, Mention, SentenceContext
from kg.types import Statement

# Nouns that name the members of an organization written before them, by the kind of member.
MEMBER_NOUNS = {"member": "Country|Person", "members": "Country|Person", "state": "Country", "states": "Country",
                "nation": "Country", "nations": "Country", "country": "Country", "countries": "Country",
                "leader": "Person", "leaders": "Person"}
ENDING_VERBS = {"withdraw", "leave", "quit", "exit"}
LIST_WORDS = {",", "and", "the"}
EXAMPLE_PREPS = {"as", "including", "like"}  # `such as`


def membership(ctx: SentenceContext) -> Iterator[Statement]:
    """member_of from `Y member(s) X (and Z)`, `members of Y such as X`; negated from `X withdrew from Y`."""
    for token in ctx.sent:
        if token.i in ctx.mentions:
            continue
        if token.lower_ in MEMBER_NOUNS:
            org = organization_before(ctx, token) or organization_of(ctx, token)
            if org is not None:
                types = MEMBER_NOUNS[token.lower_].split("|")
                for member in named_after(ctx, token, types) + examples(ctx, token, types):
                    yield ctx.statement(member, "member_of", org, confidence.MEMBER_BEFORE_NAME,
                                        trigger=token.text, at=token)
        elif token.pos_ == "VERB" and token.lemma_.lower() in ENDING_VERBS:
            yield from ended(ctx, token)


def organization_before(ctx: SentenceContext, noun: Token) -> Mention | None:
    """The organization written right before the noun (`NATO member`, `NATO-member`, `the CPI's leaders`)."""
    i = noun.i - 1
    while i >= ctx.sent.start and ctx.sent.doc[i].text in ("-", "'s", "’s"):
        i -= 1
    mention = ctx.mentions.get(i) if i >= ctx.sent.start else None
    return mention if mention is not None and mention.type == "Organization" else None


def organization_of(ctx: SentenceContext, noun: Token) -> Mention | None:
    """`member states of the African Union`."""
    return next((m for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for c in prep.children if (m := ctx.mentions.get(c.i)) and m.type == "Organization"), None)


def examples(ctx: SentenceContext, noun: Token, types: list[str]) -> list[Mention]:
    """The members a noun gives as examples: `member states of the AU such as Kenya and Ghana`, `including X`."""
    return [m for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in EXAMPLE_PREPS
            for c in prep.children if c.dep_ == "pobj"
            for t in (c, *c.conjuncts) if (m := ctx.mention_at(t)) and m.type in types]


def named_after(ctx: SentenceContext, noun: Token, types: list[str]) -> list[Mention]:
    """The names right after the noun, and those listed with them: `leaders Ann Lee and Bob Fox`."""
    found: list[Mention] = []
    last = None  # the mention of the previous token: a name's tokens share one
    for token in ctx.sent.doc[noun.i + 1:ctx.sent.end]:
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention is last:
            continue
        last = mention
        if mention is not None and mention.type in types:
            found.append(ctx.mention_at(token))
        elif mention is not None or token.lower_ not in LIST_WORDS or not found and token.lower_ != "the":
            break
    return found


def ended(ctx: SentenceContext, verb: Token) -> Iterator[Statement]:
    """`Chad withdrew from the African Union`, `Chad left the AU`: not a member now."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "from"
                for p in prep.children if p.dep_ == "pobj"]
    orgs = [m for c in objects if (m := ctx.mentions.get(c.i)) and m.type == "Organization"]
    members = [m for c in verb.children if c.dep_ in SUBJECTS
               for t in (c, *c.conjuncts) if (m := ctx.mention_at(t)) and m.type in ("Country", "Person")]
    for member in members:
        for org in orgs:
            yield ctx.statement(member, "member_of", org, confidence.MEMBERSHIP_ENDED, "negated",
                                trigger=verb.text, at=verb)
