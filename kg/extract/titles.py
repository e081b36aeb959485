"""Title phrases: which office a run of words names, and who holds it.

`U.S. President`, `China's Vice Premier`, `President ... of Chile`, `spokesman for the Egyptian
Foreign Ministry`: the longest title of `titles.tsv` ending the words, and its holder — a country,
organization, region or city named among them or by `of`/`for` after them (a national body stands
for its country). Words such as `opposition` or `elect` mean no office of a state; `former`,
`then-`, `ex-`, `the late` an office held before (`Office.former`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from kg.extract.context import Mention, SentenceContext, country_mention

# Words that say an office was held before, not now: `former president`, `then-prime minister`, `the late king`.
FORMER = {"former", "ex", "late", "then", "onetime", "previous", "erstwhile", "deposed", "ousted"}
# Words that make a title no office of a state now (not `outgoing`: an outgoing president still holds it).
NOT_OFFICES = {"deputy-to-be", "would-be", "exiled", "past", "future", "elect", "president-elect", "next",
              # a leader of these heads no state: `opposition leader`, `rebel leader`
              "opposition", "rebel", "party", "militant", "separatist", "insurgent", "protest", "spiritual",
              "religious", "tribal", "militia", "union", "student", "parliamentary", "majority", "minority"}
NOT_TITLES = FORMER | NOT_OFFICES
HONORIFICS = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame", "prof", "prof."}
# Prepositions naming a title's holder: `President of Chile`, `spokesman for the ministry`.
HOLDER_PREPS = {"of", "for"}
PLACES = ("City", "Location")
# Kinds of organization that act for their country: a ministry's spokesman speaks for the state.
NATIONAL_KINDS = {"agency", "military", "legislature", "state company", "news agency"}
# Nouns for such bodies, known or not: `the Indonesian military`, `the Egyptian Foreign Ministry`.
NATIONAL_BODIES = {"ministry", "department", "government", "army", "navy", "military", "office", "police",
                   "cabinet", "parliament", "embassy", "forces", "agency", "administration", "presidency", "authority"}
# A government's portfolios, which the recognizer may take for bodies: `Treasury Secretary`, `Finance Minister`.
PORTFOLIOS = {"treasury", "finance", "state", "defense", "defence", "interior", "foreign", "trade", "commerce",
              "energy", "health", "education", "justice", "labor", "labour", "agriculture", "transport",
              "home", "economy", "environment", "industry", "culture", "information", "security", "war",
              "navy", "housing", "tourism", "development", "planning", "communications", "foreign affairs",
              "home affairs", "internal affairs", "homeland security"}
# Named entities the recognizer finds but the gazetteer does not know: a title among them is held
# there (`Export-Import Bank president`), so it is not guessed from the document's country.
UNKNOWN_HOLDERS = {"ORG", "GPE", "FAC", "NORP", "LOC"}


@dataclass(frozen=True)
class Office:
    relation: str
    role: str  # the title as written
    title: str  # the title as listed in titles.tsv
    holder: Mention | None  # the country, organization or place the title names
    unnamed: bool = False  # the title words name a holder the gazetteer does not know
    former: str | None = None  # the word saying the office was held before (`former`, `then`), as written
    outer: Office | None = None  # a title written before this one, of another body: `AU chairperson President X`


def hyphenated(noun: Token) -> list[Token]:
    """A title noun with the words hyphenated to its right: `secretary - general`."""
    words = [noun]
    for right in noun.rights:
        if right.i != words[-1].i + 1 or not (right.text == "-" or words[-1].text == "-"):
            break
        words.append(right)
    return words


def title_words(ctx: SentenceContext, token: Token) -> list[Token]:
    """Title-like modifiers to the left of a name: `U.S. President`, `China's Vice Premier`."""
    words = []
    own = ctx.mentions.get(token.i)
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "case", "det", "punct") and \
                (own is None or ctx.mentions.get(child.i) is not own):
            words.extend(t for t in child.subtree if not is_person(ctx, t))
    return sorted(set(words), key=lambda t: t.i)


def is_person(ctx: SentenceContext, token: Token) -> bool:
    mention = ctx.mentions.get(token.i)
    return mention is not None and mention.type == "Person"


def match_title(ctx: SentenceContext, words: list[Token], head: Token) -> Office | None:
    """The office a run of title words names; its holder is named among them or by `of`/`for`
    after the `head` word (`President of Chile`, `spokesman for the ministry`)."""
    if any(t.lower_ in NOT_OFFICES and t.i not in ctx.mentions for t in words):
        return None
    former = former_word(ctx, words)
    plain = plain_words(ctx, words)
    cut = stacked(ctx, words, plain)
    if cut is not None:  # `AU chairperson President X of Egypt`: the inner title, the outer one beside it
        inner = match_title(ctx, [t for t in words if t.i > cut], head)
        outer = match_title(ctx, [t for t in words if t.i <= cut], ctx.sent.doc[cut])
        return replace(inner, outer=outer) if inner else outer
    of_title, own_prep = title_with_of(ctx, plain, head)  # `Secretary of State`: the `of` is the title's own
    best = of_title or title_of(ctx, plain)
    if best is None:
        return None
    relation, role, title = best
    holder, at = None, -1
    for t in words:
        mention = ctx.mentions.get(t.i)
        if mention and (ctx.is_known(t) and mention.type == "Country" or mention.type in PLACES or
                        mention.type == "Organization" and mention.label.lower() not in PORTFOLIOS):
            holder, at = holder_from(ctx, mention), t.i
    body = plain[:-len(title.split())]
    if holder and holder.type == "Country" and body and body[-1].i > at and unknown_body(ctx, body[-1]):
        holder = None  # `Canadian Paralympic Committee CEO`: a body of the country, not the country
    elif holder is None:
        holder = prep_holder(ctx, head, own_prep, sent=title in ctx.ontology.envoy_titles,
                             bodies=title in ctx.ontology.generic_titles)
    if holder is None:
        holder = country_referred(ctx, words)
    if holder and holder.key is None and holder.type == "Organization" and title.endswith("minister"):
        holder = None  # `Minister of Natural Resources`: a portfolio the recognizer took for a body
    unnamed = any(t.i not in ctx.mentions and t.lower_ not in PORTFOLIOS and (
        t.ent_type_ in UNKNOWN_HOLDERS or t.pos_ == "PROPN" and t.lower_ not in ctx.ontology.title_words)
        for t in words)
    if holder and holder.type == "Organization":
        relation = "official_of"
    return Office(relation, role, title, holder, unnamed, former)


def country_referred(ctx: SentenceContext, words: list[Token]) -> Mention | None:
    """`In Chile, Ann Lee, the country's president, said`: the country named last before `the country's`."""
    noun = next((t for t in words if t.lower_ in ("country", "nation") and
                 any(c.tag_ == "POS" for c in t.children)), None)
    named = [m for t in ctx.named if noun is not None and t.i < noun.i and (m := ctx.mentions.get(t.i))
             and m.type == "Country"]
    return named[-1] if named else None


def plain_words(ctx: SentenceContext, words: list[Token]) -> list[Token]:
    """A title's own words: not its holder's name, articles, honorifics or `former`."""
    return [t for t in words if not ctx.is_known(t) and t.dep_ not in ("case", "det", "punct")
            and t.lower_ not in HONORIFICS | FORMER]


def stacked(ctx: SentenceContext, words: list[Token], plain: list[Token]) -> int | None:
    """Where the first of two titles written one after the other ends (`AU chairperson President`),
    when the last title's words are not also the end of a longer one; never across a possessive
    (`the Prime Minister's spokesman` is someone else's)."""
    last = title_of(ctx, plain)
    if last is None or any(t.tag_ == "POS" or t.dep_ == "case" for t in words):
        return None
    body = plain[:-len(last[2].split())]
    return body[-1].i if body and title_of(ctx, body) else None


def former_word(ctx: SentenceContext, words: list[Token]) -> str | None:
    """`former`, `then` among a title's words or right before them, however the parse hung it
    (`then-Prime Minister`, `the ex-president`)."""
    if not words:
        return None
    first = min(t.i for t in words)
    near = [ctx.sent.doc[i] for i in range(max(first - 2, ctx.sent.start), first)]
    if near and near[-1].text != "-":
        near = near[-1:]
    return next((t.text for t in [*near, *words] if t.lower_ in FORMER and t.i not in ctx.mentions and
                 (t.lower_ != "then" or then_of_a_title(t))), None)


def then_of_a_title(then: Token) -> bool:
    """`then-president`, `the then president`, `Russia's then president`; not `and then President X`."""
    doc = then.doc
    return then.i + 1 < len(doc) and doc[then.i + 1].text == "-" or \
        then.i > 0 and (doc[then.i - 1].lower_ == "the" or doc[then.i - 1].tag_ == "POS")


def unknown_body(ctx: SentenceContext, token: Token) -> bool:
    """A name's last word that is not a title's, a portfolio's or a national body's: `Committee`, `Bank`."""
    return token.pos_ == "PROPN" and token.i not in ctx.mentions and token.lower_ not in PORTFOLIOS and \
        token.lower_ not in ctx.ontology.title_words and token.lemma_.lower() not in NATIONAL_BODIES


def title_with_of(ctx: SentenceContext, words: list[Token], head: Token
                  ) -> tuple[tuple[str, str, str] | None, Token | None]:
    """A title whose own words run on with `of` (`Secretary of State`), and that `of`."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found = title_of(ctx, [*words, prep, pobj])
                    if found and found[2].endswith(f"of {pobj.lower_}"):
                        return found, prep
    return None, None


def prep_holder(ctx: SentenceContext, head: Token, own: Token | None = None, sent: bool = False,
                bodies: bool = False) -> Mention | None:
    """The holder named by `of` or `for` after a title or a name (not the title's `own` `of`):
    never the country an ambassador is sent `to`, nor the one an envoy is `sent` for (`the envoy for
    Syria`; `the envoy for the Quartet` is the Quartet's). With `bodies` (a title of whatever body is
    named: director, chairman), a name no one knows is a body's (`director of the Greek Energy Forum`;
    not `Minister of Natural Resources`, a portfolio)."""
    for prep in (c for word in hyphenated(head) for c in word.children):
        if prep.dep_ == "prep" and prep.lower_ in HOLDER_PREPS and (own is None or prep.i != own.i):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                mention = ctx.mentions.get(pobj.i)
                if mention is None and pobj.lemma_.lower() in NATIONAL_BODIES:
                    # `spokesman for the Egyptian Foreign Ministry`: the body's country
                    mention = next((ctx.mentions[c.i] for c in pobj.subtree if c.i in ctx.mentions), None)
                elif mention is None and bodies:
                    mention = unknown_body_named(ctx, pobj)
                if mention and mention.type in ("Country", "Organization", *PLACES) and \
                        mention.label.lower() not in PORTFOLIOS and \
                        not (sent and prep.lower_ == "for" and mention.type != "Organization"):
                    return holder_from(ctx, mention)
    return None


def unknown_body_named(ctx: SentenceContext, pobj: Token) -> Mention | None:
    """`deputy director of the Greek Energy Forum`: a name of capitalized words after a title's `of`
    or `for` that the gazetteer and the recognizer do not know is an organization's (not a portfolio's)."""
    words = [t for t in pobj.subtree if t.dep_ != "det"]
    own = [t.lower_ for t in words if t.i not in ctx.mentions]
    if len(words) < 2 or pobj.right_edge != pobj or pobj.ent_type_ not in ("", "ORG") or \
            not all(t.is_title for t in words) or pobj.lemma_.lower() in NATIONAL_BODIES | PORTFOLIOS or \
            " ".join(own) in PORTFOLIOS or any(w in ctx.ontology.title_words for w in own):
        return None
    return Mention(None, " ".join(t.text for t in words), "Organization")


def holder_from(ctx: SentenceContext, mention: Mention) -> Mention | None:
    """A title's holder: a national body (ministry, army) stands for its country; a party, an armed
    group or an international body for itself."""
    if mention.type == "Organization" and mention.country:
        entry = ctx.ontology.entries.get(mention.key) if mention.key else None
        national = entry.kind in NATIONAL_KINDS if entry else \
            any(w.lower().rstrip("s") in {b.rstrip("s") for b in NATIONAL_BODIES} for w in mention.label.split())
        if national:
            return country_mention(ctx.ontology, mention.country, "title")
    return mention


def title_of(ctx: SentenceContext, words: list[Token]) -> tuple[str, str, str] | None:
    """(relation, title as written, title as listed) for title words: the longest known title ending
    them; a plural counts (`Presidents X of Nigeria and Y of Benin`)."""
    known = ctx.ontology.titles
    lowered = [t.lower_ for t in words]
    if lowered and lowered[-1] not in ctx.ontology.title_words and words[-1].lemma_.lower() in known:
        lowered[-1] = words[-1].lemma_.lower()
    for start in range(len(lowered)):
        title = " ".join(lowered[start:])
        if title in known:
            return known[title], " ".join(t.text for t in words), title
    return None


def inner_title(ctx: SentenceContext, tokens: list[Token], root: Token) -> Office | None:
    """A title inside a name, `Vice Premier He Lifeng`: held by the owner of its words (`China's`),
    or where `of` after the name says (`President Jorge Ramos of Chile`), else in the person's own country."""
    words = ctx.ontology.title_words
    prefix = [t for t in tokens[:next((i for i, t in enumerate(tokens) if t.lower_ not in words),
                                      len(tokens))]]
    if any(t.lower_ in NOT_OFFICES for t in title_words(ctx, root) + prefix):
        return None
    found = title_of(ctx, prefix)
    if not found:
        return None
    owners = [m for t in prefix for c in t.children if c.dep_ in ("poss", "compound", "amod", "nmod")
              and (m := ctx.mentions.get(c.i)) and m.type in ("Country", "Organization", *PLACES)]
    holder = holder_from(ctx, owners[0]) if owners else prep_holder(ctx, root)
    return Office(found[0], found[1], found[2], holder, former=former_word(ctx, title_words(ctx, root) + prefix))


def offices(ctx: SentenceContext, office: Office, holder: Mention) -> list[tuple[str, Mention]]:
    """The relations a title over a holder gives. A local head (governor, mayor) of a region or city
    heads its government and holds the named office; over a country, a local title is an office
    (`a Russian governor`). A city stands for its country in a national office (`Tokyo's envoy`), not
    as the state its head heads (`the Premier of Ontario`, read as the city, is no head of its country);
    a region's premier heads its government, a region's president holds an office in it."""
    ontology = ctx.ontology
    relation = office.relation
    local = office.title in ontology.local_titles
    if holder.type in PLACES and local:
        return [("head_of_government", holder), ("official_of", holder)]
    if holder.type == "City":
        country = country_mention(ontology, holder.country, "title")
        return [(relation, country)] if country and relation == "official_of" else []
    if holder.type == "Location":
        return [(relation if relation == "head_of_government" else "official_of", holder)]
    if local and relation == "head_of_government":
        return [("official_of", holder)]
    return [(relation, holder)]
