"""Offices: head_of_state, head_of_government and official_of.

Offices come in every common English shape: a title before the name (`U.S. President Donald
Trump`, `President Jorge Ramos of Chile`, `President of Pakistan X`, `Prime Minister of Japan
(Count) X`), two titles one after the other (`AU chairperson President X of Egypt`), an apposition
either way round (`Maria Kovacs, the President of Hungary`, `the Prime Minister of Portugal, João
Silva`), a copular, change-of-state or succession verb, also in a relative clause (`X is / was /
became / served as the first President of Y`, `X, who was Queen of Y`, `X is a politician who
served as Governor of Y`, `X succeeded Y as Prime Minister`, `Y was succeeded by X as Prime
Minister`, `X held the office of President`) or a verb of leaving it (`X resigned / stepped down as
President`: held before), and a verb of leading a body (`X heads the IMF`, `Hamas, led by X`).
The holder is the country, organization, region or city the title names (`of`, `for`, a possessive
or a modifier, the verb's `for`: `appointed envoy for the Quartet`), never the country an
ambassador is sent `to` or an envoy `for`; a title that names none is held where the document gave
the same person the same title, else in the person's own country, else in the country the
document is about, else in the one country its sentence names. Local titles (governor, mayor)
make their holder head of that region's or city's government. A title found here is also
remembered as a role of the document (`the president` later). Offices said by other words
(`Yeltsin's administration`, `the presidency of X`) are read in `kg.extract.tenures`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.arguments import actors
from kg.extract.context import SUBJECTS, Mention, SentenceContext, country_mention
from kg.extract.coref import antecedent
from kg.extract.modality import modality
from kg.extract.tenures import tenures_said
from kg.extract.time import leaving_words
from kg.extract.titles import (
    PLACES,
    Office,
    holder_from,
    hyphenated,
    inner_title,
    match_title,
    offices,
    prep_holder,
    title_words,
)
from kg.types import Statement

# Verbs that give their subject the title in their complement: `X is / became / served as President`.
COPULAS = {"be", "become", "serve", "remain", "elect", "appoint", "name", "swear", "install", "inaugurate",
           "crown", "proclaim", "reelect", "re-elect", "succeed", "replace", "hold", "assume", "take"}
SUCCESSION = {"succeed", "replace"}  # `X succeeded Y as president`
POSTS = {"office", "post", "position", "title", "role", "seat"}  # `held the office of President`
POST_VERBS = {"hold", "assume", "take"}  # give a title only through a post: not `took the president to dinner`
# Prepositions naming where something goes or happens, or with whom: not the country of a bare title.
PLACE_PREPS = {"to", "in", "into", "from", "toward", "towards", "against", "with", "at", "near", "on", "across",
               "over", "between", "for", "by", "via", "through", "within", "inside", "outside"}


# Verbs by which a person is at the head of an organization, and the role each gives: `X heads the IMF`.
LEADING = {"lead": "leader", "head": "head", "chair": "chair"}


def titles(ctx: SentenceContext) -> Iterator[Statement]:
    """A statement for every person of the sentence named with a title or said to lead a body."""
    note_countries(ctx)
    yield from led(ctx)
    yield from tenures_said(ctx)
    seen: dict[int, Office | None] = {}  # the office read for each person's tokens
    for token in ctx.named:
        person = ctx.mentions.get(token.i)
        if not person or person.type != "Person" or token.i in seen:
            continue
        tokens = [token]  # this name: a later one of the same person is read on its own
        while tokens[-1].i + 1 < ctx.sent.end and ctx.mentions.get(tokens[-1].i + 1) is person:
            tokens.append(ctx.sent.doc[tokens[-1].i + 1])
        root = next((t for t in reversed(tokens) if t.head not in tokens), tokens[-1])
        found, score, verb = office_of(ctx, person, tokens, root)
        found = found or plural_title(ctx, root, seen) or counterpart_office(ctx, root, seen)
        for t in tokens:
            seen[t.i] = found
        if not found:
            continue
        for office in (found, found.outer) if found.outer else (found,):
            yield from held(ctx, person, tokens, root, office, score, verb, seen)
    yield from pronoun_offices(ctx, seen)


def pronoun_offices(ctx: SentenceContext, seen: dict[int, Office | None]) -> Iterator[Statement]:
    """`X was released; he later served as President of Y`: a verb giving `he` or `she` a title that
    names its holder gives it to the person the pronoun stands for."""
    for token in ctx.having(("he", "she")):
        if token.lower_ not in ("he", "she") or token.dep_ not in SUBJECTS | {"nsubjpass"}:
            continue
        people = [m for m in antecedent(ctx, token, actors) if m.type == "Person"]
        found, score, verb = office_of(ctx, people[0], [token], token) if people else (None, 0.0, None)
        if found and found.holder and verb is not None:
            yield from held(ctx, people[0], [token], token, found, score * confidence.RESOLVED_ARGUMENT, verb, seen)


def held(ctx: SentenceContext, person: Mention, tokens: list[Token], root: Token, found: Office, score: float,
         verb: Token | None, seen: dict[int, Office | None]) -> Iterator[Statement]:
    """The statements of one office read for a person's name, its holder guessed where the title names none."""
    state = ctx.state
    holder = found.holder or state.holders.get((person.label, found.title))  # `as envoy, X`: the envoy named before
    generic = found.title in ctx.ontology.generic_titles  # leader, spokesman: of whatever body is named
    guessed = False  # the holder is only the country the document or the sentence is about
    if found.holder:
        state.holders.setdefault((person.label, found.title), found.holder)
    elif holder is None and not (generic and found.unnamed):
        holder = country_mention(ctx.ontology, state.country_of(person), "title") or \
            shared_holder(ctx, tokens[0], seen)
        if holder is None and not found.unnamed and not generic:
            guessed = True
            holder, factor = country_mention(ctx.ontology, state.subject_country(), "document"), \
                confidence.TITLE_FROM_DOCUMENT
            if holder is None and found.title not in ctx.ontology.local_titles:
                holder, factor = sentence_country(ctx), confidence.TITLE_FROM_SENTENCE
            score *= factor
    written = " ".join(t.text for t in tokens)
    if holder and person.key and person.country and holder.country != person.country and \
            holder.type == "Country" and found.relation != "official_of" and written != person.label:
        return  # a short name of a known head of another state: it stands for someone else here
    if not found.former:  # `the president` later is the one in office
        state.roles[found.role.lower().split()[-1]] = person
        state.roles[found.role.lower()] = person
    if holder is None or holder.type == "Organization" and found.role.lower().endswith("leaders"):
        return  # `CPI leaders X and Y` are among its leading members (`membership`), not its leader
    if holder.type == "Country":
        state.countries.setdefault(person.label, holder.country)
        if found.title in ctx.ontology.national_titles and not guessed:
            state.offices.setdefault(person.label, holder.country)
    mood = modality(ctx.ontology, verb) if verb is not None else "asserted"
    for relation, place in offices(ctx, found, holder):
        yield ctx.statement(state.person(person), relation, place, score, mood,
                            role=found.role if relation == "official_of" else None, trigger=found.role,
                            at=root if verb is None else verb, office=True, former=found.former)


def sentence_country(ctx: SentenceContext) -> Mention | None:
    """The one country the sentence names, if not as a place something goes to or happens in
    (`King X granted the people of Norway a constitution`, `President X agreed the American position`)."""
    found = {m.key: m for t in ctx.named if (m := ctx.mentions[t.i]).type == "Country" and m.key
             and not (t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS)}
    return next(iter(found.values())) if len(found) == 1 else None


def led(ctx: SentenceContext) -> Iterator[Statement]:
    """official_of from `X leads / heads / chairs Y`, `X, who heads Y`, `Y, led by X`, `Y is led by X`."""
    for verb in ctx.having(LEADING):
        role = LEADING.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
        if role is None:
            continue
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:  # `Y, led by X`, `Y is led by X`
            people, bodies = agents, [verb.head] if verb.dep_ == "acl" else \
                [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            people = [c for c in verb.children if c.dep_ in SUBJECTS]
            if verb.dep_ == "relcl" and any(p.lower_ in ("who", "that") for p in people):
                people = [verb.head]
            bodies = [c for c in verb.children if c.dep_ == "dobj"]
        orgs = [m for t in bodies if (m := ctx.mentions.get(t.i)) and m.type == "Organization"]
        for person in (m for t in people if (m := ctx.mention_at(t)) and m.type == "Person"):
            for org in orgs:
                yield ctx.statement(person, "official_of", org, confidence.LEADS, modality(ctx.ontology, verb),
                                    role=role, trigger=verb.text, at=verb, office=True)


def plural_title(ctx: SentenceContext, root: Token, seen: dict[int, Office | None]) -> Office | None:
    """`Presidents X of Nigeria and Y of Benin`: a plural title covers the conjoined names."""
    first = seen.get(root.head.i) if root.dep_ == "conj" else None
    if first and first.role.split()[-1].lower() != first.title.split()[-1]:
        return replace(first, holder=prep_holder(ctx, root))
    return None


def counterpart_office(ctx: SentenceContext, root: Token, seen: dict[int, Office | None]) -> Office | None:
    """`Kenyan President X and his Tanzanian counterpart Y`: a counterpart holds the office of the titled
    name before it, in the country its modifier names."""
    noun = root.head if root.dep_ == "appos" else None
    if noun is None or noun.lemma_.lower() != "counterpart":
        return None
    country = next((m for c in noun.children if c.dep_ in ("amod", "compound") and (m := ctx.mention_at(c))
                    and m.type == "Country"), None)
    before = [office for i, office in sorted(seen.items()) if i < noun.i and office and office.holder and
              office.holder.type == "Country"]
    if country is None or not before or before[-1].holder.key == country.key:
        return None
    return replace(before[-1], holder=country, role=before[-1].title, former=None, outer=None)


def shared_holder(ctx: SentenceContext, first: Token, seen: dict[int, Office | None]) -> Mention | None:
    """`Cypriot president X and energy minister Y`: a title without a holder, listed right after
    another titled name, shares that title's holder."""
    i = first.i - 1
    while i > ctx.sent.start and first.i - i <= 5 and i not in ctx.mentions and \
            ctx.sent.doc[i].lower_ not in (",", "and"):
        i -= 1
    before = seen.get(i - 1) if ctx.sent.doc[i].lower_ in (",", "and") else None
    return before.holder if before else None


def office_of(ctx: SentenceContext, person: Mention, tokens: list[Token], root: Token
              ) -> tuple[Office | None, float, Token | None]:
    """The office a person's name is given, the confidence of the way it was given, and the verb
    that gave it (for `is not the president`, `will become president`)."""
    before = match_title(ctx, title_words(ctx, root), root) or inner_title(ctx, tokens, root) or \
        match_title(ctx, just_before(ctx, tokens[0]), root) or title_of_holder(ctx, person, root)
    if before and before.holder:
        return before, confidence.TITLE_BEFORE_NAME, None
    for noun in apposed(ctx, root):  # `Major General X, spokesman for the army`: the title that names a holder
        found = match_title(ctx, title_words(ctx, noun) + hyphenated(noun), noun)
        if found and (found.holder or not before):
            return found, confidence.TITLE_IN_APPOSITION, None
    if before:
        return before, confidence.TITLE_BEFORE_NAME, None
    # `X is / became President`, `X, who served as President`, `X is a politician who served as President`
    described = [c for c in root.head.children if c.dep_ == "attr"] if root.dep_ in SUBJECTS and \
        root.head.lemma_ == "be" else []
    relative = [c for noun in (root, *described) for c in noun.children if c.dep_ == "relcl" and any(
        w.lower_ in ("who", "that") and w.dep_ in SUBJECTS | {"nsubjpass"} for w in c.children)]
    agent = [(root.head.head, "agent")] if root.dep_ == "pobj" and root.head.dep_ == "agent" else []
    for verb, dep in [(root.head, root.dep_), *((c, "nsubj") for c in relative), *agent]:
        if verb.dep_ in ("aux", "auxpass") and verb.head.lemma_.lower() in COPULAS:
            verb = verb.head  # `X was re-elected as Mayor`: the parse hung the subject on the auxiliary
        leaving = leaving_words(verb)  # `X resigned as President`: held until then
        if leaving and modality(ctx.ontology, verb) != "asserted":
            continue  # `X will resign as President`, `X did not resign`: no office that ended
        lemma = verb.lemma_.lower()
        if lemma not in COPULAS and not leaving or dep == "nsubjpass" and lemma in SUCCESSION:
            continue  # `Y was succeeded by X as president`: Y held it before
        if dep in SUBJECTS | {"nsubjpass"} or dep == "agent" and lemma in SUCCESSION:
            nouns = complements(verb)  # `Y was succeeded by X as president`: X holds it
        elif dep == "attr":  # `the governor of X is Y`
            nouns = [c for c in verb.children if c.dep_ in SUBJECTS]
        else:
            nouns = []
        for noun in nouns:
            found = match_title(ctx, title_words(ctx, noun) + hyphenated(noun), noun)
            if found:  # `was appointed envoy to the region for the Quartet`: the verb's `for` names the holder
                holder = found.holder or prep_holder(ctx, verb, sent=found.title in ctx.ontology.envoy_titles)
                return replace(found, holder=holder, former=found.former or leaving), confidence.TITLE_BY_VERB, verb
    return None, confidence.TITLE_BEFORE_NAME, None


def title_of_holder(ctx: SentenceContext, person: Mention, root: Token) -> Office | None:
    """`President of Pakistan Asif Ali Zardari`: the parse hangs the name from the title's `of`, the
    holder's name before it; or the title's own last word (`Ghanaian head of state X`)."""
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return None
    title = root.head.head
    owner = next((m for t in root.lefts if (m := ctx.mentions.get(t.i)) and m is not person
                  and m.type in ("Country", "Organization", *PLACES)), None)
    words = title_words(ctx, title) + hyphenated(title)
    if owner is None:  # `Ghanaian head of state X`: the title's last word parsed into the name
        rest = [t for t in root.lefts if t.dep_ == "compound" and t.i not in ctx.mentions]
        found = match_title(ctx, words + [root.head, *rest], title) if rest else None
        return found if found and found.title.endswith(" ".join(t.lower_ for t in rest)) else None
    found = match_title(ctx, words, title)
    return replace(found, holder=holder_from(ctx, owner)) if found else None


def just_before(ctx: SentenceContext, first: Token) -> list[Token]:
    """The nouns and adjectives right before a name, however the parse hung them:
    `Presidents X of Nigeria and Y of Benin`, `X and energy minister Y`, `Prime Minister of Japan (Count) X`."""
    words: list[Token] = []
    i = first.i - 1
    while i >= ctx.sent.start and i not in ctx.mentions and ctx.sent.doc[i].ent_type_ == "PERSON" and \
            ctx.sent.doc[i].lower_ not in ctx.ontology.title_words:
        i -= 1  # the start of a name its mention lost: `Minister Chaudhry Nisar Ali Khan`
    i = before_parenthesis(ctx, i)
    while i >= ctx.sent.start and len(words) < 4:
        token = ctx.sent.doc[i]
        if token.lower_ == "of" and words and (m := ctx.mentions.get(words[0].i)) and m.type != "Person":
            i -= 1  # `Prime Minister of Japan Katsura Taro`, however the parse hung it: the holder is among the words
            continue
        if token.i in ctx.mentions and ctx.mentions[token.i].type == "Person" or token.i not in ctx.mentions and \
                token.pos_ not in ("NOUN", "PROPN", "ADJ", "DET", "PART") and token.dep_ != "case":
            break  # a name is a name whatever the tagger took it for (`IAEA chief X`, IAEA tagged a verb)
        words.insert(0, token)
        i -= 1
    return words


def before_parenthesis(ctx: SentenceContext, i: int) -> int:
    """The word before a rank or honorific in parentheses that ends at `i` (`Prime Minister (Count) X`), else `i`."""
    doc = ctx.sent.doc
    if i < ctx.sent.start or doc[i].text != ")":
        return i
    start = next((j for j in range(i - 1, max(i - 4, ctx.sent.start - 1), -1) if doc[j].text == "("), None)
    if start is None or start == i - 1 or not all(t.is_title and t.i not in ctx.mentions for t in doc[start + 1:i]):
        return i
    return start - 1


def apposed(ctx: SentenceContext, root: Token) -> list[Token]:
    """Nouns in apposition to a name, either way round: `X, the president`, `the president, X`,
    `the leader of Hamas, X` (the parse hangs X from Hamas), `X, Korea's envoy` (hung as a modifier)."""
    nouns = [c for c in root.children if c.dep_ == "appos" and c.i not in ctx.mentions]
    head = root.head
    if root.dep_ == "appos" and head.i in ctx.mentions and head.dep_ == "pobj" and head.head.dep_ == "prep":
        nouns.append(head.head.head)
    elif root.dep_ == "appos" or root.dep_ in ("nmod", "compound", "poss") and comma_between(ctx, root, head):
        nouns.append(head)
    return nouns + phrase_before_comma(ctx, root.left_edge)


def phrase_before_comma(ctx: SentenceContext, first: Token) -> list[Token]:
    """`the leader of the Democratic People's Republic of Korea, Kim ...` however the parse hung the
    name: the nouns above the word right before the comma, up to the verb, innermost first."""
    comma = first.i if first.text == "," else first.i - 1  # the parse may hang the comma from the name
    if comma - 1 < ctx.sent.start or ctx.sent.doc[comma].text != ",":
        return []
    nouns, token = [], ctx.sent.doc[comma - 1]
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        if token.pos_ in ("NOUN", "PROPN") and token.i not in ctx.mentions:
            nouns.append(token)
        token = token.head
    return nouns


def comma_between(ctx: SentenceContext, a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == "," for t in ctx.sent.doc[low:high])


def complements(verb: Token) -> list[Token]:
    """The nouns a copular verb gives its subject: `is the president`, `served as premier`."""
    found = [c for c in verb.children if c.dep_ in ("attr", "oprd", "dobj") and c.pos_ in ("NOUN", "PROPN")]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("as", "to"):  # `served as premier`, `appointed to the post`
            found += [c for c in prep.children if c.dep_ == "pobj" and (prep.lower_ == "as" or c.lemma_ in POSTS)]
    for comp in verb.children:  # `was sworn in as president`, `was elected to be president`
        if comp.dep_ in ("prt", "xcomp"):
            found += complements(comp)
    # `held the office of President`, `the post of Prime Minister`
    posts = [t for c in found if c.lemma_ in POSTS for prep in c.children if prep.dep_ == "prep"
             and prep.lower_ == "of" for t in prep.children if t.dep_ == "pobj"]
    return posts if verb.lemma_ in POST_VERBS else found + posts


def note_countries(ctx: SentenceContext) -> None:
    """Count the countries the document names, for titles that name none."""
    seen = set()
    for mention in ctx.mentions.values():
        if mention.type == "Country" and mention.via in ("name", "demonym") and id(mention) not in seen:
            seen.add(id(mention))
            ctx.state.named_countries[mention.country] += 1
