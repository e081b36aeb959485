"""Membership read from the shapes that name an organization's members:

- a noun between an organization and names (`NATO-member Norway`, `EU states France and Spain`,
  `Labour leaders Ann Lee and Bob Fox`, `members of NATO such as Norway`, `Belgium and the other
  NATO members`);
- what an organization is made of (`The Contact Group is made up of A, B and C`, `Mercosur
  comprises A and B`, `The G7 is a group of seven countries, A, B ...`);
- a state within it (`Fiji became a republic within the Commonwealth`);
- a verb that begins or ends membership: `X joined Y` (the body itself, not `the Y summit`; a person
  joins a party or a movement, not `Google`), and
  `X withdrew from Y`, `X left Y` (no longer a member: the statement is negated), and countries
  founding an intergovernmental body or an alliance (`A, B and C established Y`).

`X is a member of Y` is a trigger word (`ontology/lexicon/triggers.tsv`)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.arguments import subject_of
from kg.extract.context import PASSIVE_SUBJECTS, SUBJECTS, Mention, SentenceContext
from kg.extract.modality import modality
from kg.types import Statement

MEMBERS = ("Country", "Person")  # the domain of member_of
# Nouns that name the members of an organization written before them, by the kind of member.
MEMBER_NOUNS = {"member": "Country|Person", "members": "Country|Person", "state": "Country", "states": "Country",
                "nation": "Country", "nations": "Country", "country": "Country", "countries": "Country",
                "realm": "Country", "realms": "Country", "leader": "Person", "leaders": "Person",
                "politician": "Person", "politicians": "Person"}
# Verbs that begin or end membership, and where they name the organization.
JOINING_VERBS = {"join": ("dobj",), "rejoin": ("dobj",), "accede": ("to",)}
# Verbs by which countries found an intergovernmental body, its first members: `A, B and C formed the Benelux union`.
FOUNDING_VERBS = {"found": ("dobj",), "co-found": ("dobj",), "form": ("dobj",), "establish": ("dobj",),
                  "create": ("dobj",)}
FOUNDED_KINDS = {"IGO", "alliance"}  # the gazetteer's kinds of organizations of states
# What a person joins as a member: a party or a movement (not `joined Google`: a job).
PARTY_WORDS = {"party", "movement", "front", "congress", "league", "alliance", "coalition", "union"}
ENDING_VERBS = {"withdraw": ("dobj", "from"), "leave": ("dobj", "from"), "quit": ("dobj", "from"),
                "exit": ("dobj", "from")}
# Verbs that say what an organization is made of, and where they list the members:
# `is made up of`, `is composed of`, `consists of`, `comprises`, `includes`.
MADE_OF = {"make": "of", "compose": "of", "consist": "of", "comprise": "dobj", "include": "dobj"}
# Nouns an organization is, whose `of` names its members: `a group of seven countries`.
GROUP_NOUNS = {"group", "alliance", "bloc", "union", "association", "organization", "organisation", "coalition",
               "grouping", "club", "forum", "federation", "league", "partnership", "community"}
# Nouns for a state that a copula puts `within` an organization: `a republic within the Commonwealth`.
STATE_NOUNS = {"republic", "realm", "kingdom", "monarchy", "state", "member", "nation", "country", "dominion"}
LIST_WORDS = {",", "and", "the", ":"}
EXAMPLE_PREPS = {"as", "including", "like"}  # `such as`
COPULAS = ("be", "become", "remain")


def membership(ctx: SentenceContext) -> Iterator[Statement]:
    """member_of from the shapes of the module's docstring."""
    for token in ctx.having(MEMBER_NOUNS, JOINING_VERBS, ENDING_VERBS, FOUNDING_VERBS, MADE_OF, COPULAS):
        if token.i in ctx.mentions:
            continue
        lemma = token.lemma_.lower()
        if token.lower_ in MEMBER_NOUNS and not (token.dep_ == "compound" and token.head.lower_ in MEMBER_NOUNS):
            yield from member_noun(ctx, token)
        if token.pos_ == "VERB" and lemma in JOINING_VERBS | ENDING_VERBS | FOUNDING_VERBS:
            yield from joined_or_left(ctx, token)
        elif token.pos_ == "VERB" and lemma in MADE_OF:
            yield from made_of(ctx, token)
        elif token.lemma_ in COPULAS and token.pos_ in ("AUX", "VERB"):
            yield from copula(ctx, token)


def member_noun(ctx: SentenceContext, noun: Token) -> Iterator[Statement]:
    """`Y member(s) X (and Z)`, `members of Y such as X`, `X and the other Y members`, `X is a member
    state of Y`, `X, a Y politician`, `Y has 55 member states, including X`, `Y's members include X`."""
    having = noun.dep_ == "dobj" and noun.head.lemma_ == "have"
    org = organization_before(ctx, noun) or organization_of(ctx, noun) or \
        (organization_among(ctx, noun.head, SUBJECTS) if having else None)
    if org is None:
        return
    types = MEMBER_NOUNS[noun.lower_].split("|")
    found = named_after(ctx, noun, types) + examples(ctx, noun, types)
    if noun.dep_ == "conj" and any(c.lower_ == "other" for c in noun.children):
        found += [m for t in (noun.head, *noun.head.conjuncts) if (m := ctx.mention_at(t)) and m.type in types]
    verb = noun.head
    if noun.dep_ in ("attr", "oprd") and verb.lemma_ in ("be", "become", "remain"):
        described = [c for c in verb.children if c.dep_ in SUBJECTS]
    elif noun.dep_ in SUBJECTS and verb.lemma_ in ("be", "include"):  # `Y's members include X`
        described = [c for c in verb.children if c.dep_ in ("attr", "dobj")]
    else:
        described = [verb] if noun.dep_ == "appos" else []
    found += [m for t in described for t in (t, *t.conjuncts) if (m := ctx.mention_at(t)) and m.type in types]
    mood = modality(ctx.ontology, noun.head) if noun.dep_ in ("attr", "oprd") else "asserted"
    for member in found:
        yield ctx.statement(member, "member_of", org, confidence.MEMBER_BEFORE_NAME, mood, trigger=noun.text, at=noun)


def organization_before(ctx: SentenceContext, noun: Token) -> Mention | None:
    """The organization written right before the noun (`NATO member`, `NATO-member`, `the CPI's leaders`,
    `EU member states`)."""
    i = noun.i - 1
    while i >= ctx.sent.start and (ctx.sent.doc[i].text in ("-", "'s", "’s") or ctx.sent.doc[i].lower_ == "member"):
        i -= 1  # `EU member states`
    mention = ctx.mentions.get(i) if i >= ctx.sent.start else None
    return mention if mention is not None and mention.type == "Organization" else None


def organization_of(ctx: SentenceContext, noun: Token, prep: str = "of") -> Mention | None:
    """`member states of the African Union`, `a republic within the Commonwealth`."""
    return next((m for p in noun.children if p.dep_ == "prep" and p.lower_ == prep
                 for c in p.children if (m := ctx.mentions.get(c.i)) and m.type == "Organization"), None)


def examples(ctx: SentenceContext, noun: Token, types: list[str]) -> list[Mention]:
    """The members a noun gives as examples: `member states of the AU such as Kenya and Ghana`, `including X`."""
    return [m for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in EXAMPLE_PREPS
            for c in prep.children if c.dep_ == "pobj"
            for t in (c, *c.conjuncts) if (m := ctx.mention_at(t)) and m.type in types]


def named_after(ctx: SentenceContext, token: Token, types: list[str] | tuple[str, ...]) -> list[Mention]:
    """The names listed right after a word, of the given types: `leaders Ann Lee and Bob Fox`,
    `made up of the UN, the EU, the United States and Russia` (a name of another type is listed too)."""
    found: list[Mention] = []
    last = None  # the mention of the previous token: a name's tokens share one
    listed = False
    for t in ctx.sent.doc[token.i + 1:ctx.sent.end]:
        mention = ctx.mentions.get(t.i)
        if mention is not None and mention is last:
            continue
        last = mention
        if mention is not None:
            listed = True
            if mention.type in types:
                found.append(ctx.mention_at(t))
        elif t.lower_ not in LIST_WORDS or not listed and t.lower_ == "and":
            break
    return found


def joined_or_left(ctx: SentenceContext, verb: Token) -> Iterator[Statement]:
    """`Chad joined the African Union` (not `joined the AU summit`: a meeting); `Chad withdrew from
    the African Union`, `Chad left the AU`: not a member now."""
    lemma = verb.lemma_.lower()
    slots = JOINING_VERBS.get(lemma) or ENDING_VERBS.get(lemma) or FOUNDING_VERBS[lemma]
    heads = [c for c in verb.children if c.dep_ == "dobj" and "dobj" in slots]
    heads += [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in slots
              for p in prep.children if p.dep_ == "pobj"]
    # `joined the BRICS group`: a group noun the organization's name is written before stands for it
    named = [t for c in heads for t in (c, *c.conjuncts)]
    named += [n for t in named if t.lower_ in GROUP_NOUNS for n in t.children if n.dep_ == "compound"]
    orgs = [m for t in named if (m := ctx.mentions.get(t.i)) and m.type == "Organization"]
    founded = lemma in FOUNDING_VERBS
    if founded:
        orgs = [m for m in orgs if intergovernmental(ctx, m)]
    if not orgs:
        return
    members, factor = subject_of(ctx, verb)
    if lemma in ENDING_VERBS:
        score, mood = confidence.MEMBERSHIP_ENDED, "negated"
    else:
        score, mood = confidence.MEMBERSHIP_BEGUN, modality(ctx.ontology, verb)
    for member in members:
        for org in orgs:
            if member.type == "Country" and (member.via != "demonym" or intergovernmental(ctx, org)) or \
                    member.type == "Person" and not founded and party(ctx, org):
                yield ctx.statement(member, "member_of", org, score * factor, mood, trigger=verb.text, at=verb)


def kind_of(ctx: SentenceContext, org: Mention) -> str | None:
    """The kind the gazetteer gives an organization (IGO, party, armed group ...), if it knows it."""
    entry = ctx.ontology.entries.get(org.key) if org.key else None
    return entry.kind if entry else None


def intergovernmental(ctx: SentenceContext, org: Mention) -> bool:
    """An organization the gazetteer knows as one of states (`the Nigerian government joined the AU`;
    not `the Nigerian striker joined Chelsea`)."""
    return kind_of(ctx, org) in FOUNDED_KINDS


def party(ctx: SentenceContext, org: Mention) -> bool:
    """The organization is a party or a movement: by the gazetteer's kind, else by its name's last word."""
    kind = kind_of(ctx, org)
    return kind == "party" if kind else org.label.split()[-1].lower() in PARTY_WORDS


def made_of(ctx: SentenceContext, verb: Token) -> Iterator[Statement]:
    """`The Contact Group is made up of A, B and C`, `Mercosur comprises A and B`."""
    slot = MADE_OF[verb.lemma_.lower()]
    if verb.lemma_.lower() == "make" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return
    org = organization_among(ctx, verb, SUBJECTS | PASSIVE_SUBJECTS if slot == "of" else SUBJECTS)
    if slot == "dobj":
        members = [m for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)
                   if (m := ctx.mention_at(t)) and m.type in MEMBERS]
    else:
        members = [m for p in verb.children if p.dep_ == "prep" and p.lower_ == "of"
                   for m in named_after(ctx, p, MEMBERS)]
    for member in members if org else []:
        yield ctx.statement(member, "member_of", org, confidence.MEMBERS_LISTED, modality(ctx.ontology, verb),
                            trigger=verb.text, at=verb)


def copula(ctx: SentenceContext, verb: Token) -> Iterator[Statement]:
    """`The G7 is a group of seven countries, A, B ...`; `Fiji became a republic within the Commonwealth`."""
    for attr in (c for c in verb.children if c.dep_ in ("attr", "oprd")):
        lemma = attr.lemma_.lower()
        if lemma in GROUP_NOUNS:
            org = organization_among(ctx, verb, SUBJECTS)
            # `a group of A, B and C`, or listed after the noun counted: `a group of seven countries, A, B ...`
            starts = [prep if p.i in ctx.mentions else p for prep in attr.children
                      if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
            members = [m for start in starts for m in named_after(ctx, start, MEMBERS) + examples(ctx, start, MEMBERS)]
        elif lemma in STATE_NOUNS:
            org = organization_of(ctx, attr, "within") or organization_of(ctx, verb, "within")
            members = [m for c in verb.children
                       if c.dep_ in SUBJECTS and (m := ctx.mention_at(c)) and m.type == "Country"]
        else:
            continue
        for member in members if org else []:
            yield ctx.statement(member, "member_of", org, confidence.MEMBERS_LISTED, modality(ctx.ontology, verb),
                                trigger=attr.text, at=verb)


def organization_among(ctx: SentenceContext, verb: Token, deps: set[str]) -> Mention | None:
    return next((m for c in verb.children if c.dep_ in deps and (m := ctx.mentions.get(c.i))
                 and m.type == "Organization"), None)
