"""Arguments: the entities a word of the parse stands for, and the subjects and objects of a verb.

`actors` follows names, pronouns, role nouns, owners (`Japan's decision`), prepositions
(`the leaders of France and Egypt`) and coordination (`Japan, South Korea and India`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.context import (
    ARMED_KINDS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    OWNER_DEPS,
    PASSIVE_SUBJECTS,
    PRONOUNS,
    SUBJECTS,
    Mention,
    SentenceContext,
    country_mention,
)
from kg.extract.coref import antecedent, named_pair, role_noun
from kg.extract.text import is_title_span
from kg.ontology import Relation

# Dependencies along which a verb inherits the subject of the word it hangs from.
INHERIT_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "ccomp", "acomp", "csubj"}
OWNER_PREPS = {"of", "for", "as", "including", "from", "by"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
LIST_OPENERS = {"both", "namely", "including", "notably", "especially"}  # `its allies, both A and B`
OWNER_PRONOUNS = frozenset(PRONOUNS | FIRST_PERSON | {"latter"})
NON_STATE_KINDS = {"rebels", "armed group", "criminals"}  # the place they are in is not their country


def actors(ctx: SentenceContext, token: Token, depth: int = 0) -> list[Mention]:
    """The entities an argument word stands for, following coordination."""
    if depth > 3:
        return []
    found = actor(ctx, token, depth)
    for conj in token.conjuncts:
        if conj.i > token.i:
            found += [m for m in actor(ctx, conj, depth) if m not in found]
    return found + [m for m in listed_after(ctx, token) if m not in found]


def listed_after(ctx: SentenceContext, token: Token) -> list[Mention]:
    """Names of the same kind that follow a name in a comma list: `Japan, South Korea and India`."""
    mentions, end = ctx.mentions, ctx.sent.end
    first = mentions.get(token.i)
    listed: list[Mention] = []
    i = token.i + 1
    while first and i + 1 < end:
        while i < end and mentions.get(i) is mentions.get(i - 1) and i > token.i + 1:
            i += 1
        while i < end and mentions.get(i) is first:
            i += 1
        if i + 1 >= end or ctx.sent.doc[i].text not in (",", "and"):
            break
        nxt = mentions.get(i + 1)
        if nxt is None or nxt.type != first.type or possessive(ctx, nxt):
            break  # `Qatar, Egypt's rival`: an apposition about Qatar, not a list
        listed.append(nxt)
        first, i = nxt, i + 2
    return listed


def possessive(ctx: SentenceContext, mention: Mention) -> bool:
    return any(ctx.sent.doc[i].dep_ == "poss" for i, m in ctx.mentions.items() if m is mention)


def apposed_to(ctx: SentenceContext, mention: Mention) -> int | None:
    """The noun a listed name stands in apposition to: `members` in `three members — Peru, Bolivia and Ecuador`."""
    span = [i for i, m in ctx.mentions.items() if m == mention]
    token = next((ctx.sent.doc[i] for i in span if ctx.sent.doc[i].head.i not in span), None)
    while token is not None and token.dep_ == "conj":
        token = token.head
    return token.head.i if token is not None and token.dep_ == "appos" else None


# `US-led`, `British-flagged`, `Chinese-owned`: a participle whose modifier names who the noun is of
OWNING_PARTICIPLES = {"led", "flagged", "owned", "registered", "operated", "run"}


def owners(ctx: SentenceContext, token: Token, pronouns: frozenset[str] = OWNER_PRONOUNS) -> list[Mention]:
    """Entities modifying a noun: `US officials`, `Japan's decision`, `French and Egyptian warships`;
    `pronouns`: the possessive pronouns that count (`its` only where the noun names its own relation)."""
    found: list[Mention] = []
    for child in token.children:
        if child.dep_ in OWNER_DEPS and (ctx.mention_at(child) or child.lower_ in pronouns):
            found += [m for m in actors(ctx, child) if m not in found]
            found += [m for c in child.children if (c.dep_ == "compound" or hyphened(c, child)) and
                      (m := ctx.mention_at(c)) and m not in found]
        elif child.dep_ == "amod" and child.lower_ in OWNING_PARTICIPLES:
            found += [m for c in child.children if (m := ctx.mention_at(c)) and m not in found]
    return found


def hyphened(word: Token, head: Token) -> bool:
    """`Turkish-Libyan`: a modifier joined to its head by a hyphen names a party beside it."""
    return word.dep_ in ("amod", "npadvmod") and word.i + 2 == head.i and word.nbor().text == "-"


def actor(ctx: SentenceContext, token: Token, depth: int) -> list[Mention]:
    """The entities one word stands for, without its conjuncts."""
    mention = ctx.mention_at(token)
    if mention:
        return [mention, *owners(ctx, token)] if mention.type == "Commodity" else [mention]
    if token.lower_ in PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON:
        return antecedent(ctx, token, actors)
    pair = named_pair(ctx, token)
    if pair:
        return pair
    if token.lower_ == "latter" and token.pos_ == "NOUN":  # `X wrote to Y criticising the latter's remarks`: Y
        named = [m for i, m in sorted(ctx.mentions.items()) if i < token.i and
                 m.type in ("Person", "Country", "Organization")]
        return [ctx.state.person(named[-1], "pronoun") if named[-1].type == "Person" else named[-1]] if named else []
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return actors(ctx, token.head.head, depth + 1) or holder(ctx, token.head.head)
    named = apposed_names(ctx, token, depth)
    if named:
        return named
    if token.pos_ in ("NOUN", "PROPN"):
        person = role_noun(ctx, token)
        if person:
            return [ctx.state.person(person)]
    kind = agent_kind(ctx, token)
    if kind:
        return group_actor(ctx, token, kind, depth)
    found = owners(ctx, token)
    if found:
        return found
    preps = OWNER_PREPS | {"in", "near", "with"} if token.lemma_.lower() in ctx.ontology.places else OWNER_PREPS
    owned = [c for c in token.children if c.dep_ == "prep" and c.lower_ in preps]
    if token.dep_ == "dobj":  # `rejected the proposal by France`: the parse hung the noun's `by` on the verb
        owned += [c for c in token.head.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > token.i]
    for child in owned:
        for pobj in child.children:
            if pobj.dep_ == "pobj":
                found = actors(ctx, pobj, depth + 1)
                if found:
                    return found
    return []


def apposed_names(ctx: SentenceContext, noun: Token, depth: int = 0) -> list[Mention]:
    """The names a noun stands in apposition to: `its ally Syria`; a list after a comma, which the parse
    may hang anywhere: `its allies, both Chile and Peru`, `our partners there, namely A and B`."""
    named = [m for c in noun.children if c.dep_ == "appos" for m in actors(ctx, c, depth + 1)]
    # `critics, which include X`
    named += [m for c in noun.children if c.dep_ == "relcl" and c.lemma_ in ("include", "comprise")
              for obj in c.children if obj.dep_ == "dobj" for m in actors(ctx, obj, depth + 1)]
    doc, end = noun.doc, ctx.sent.end
    i = noun.i + 1
    if not named and noun.pos_ == "NOUN" and i < end and (first := ctx.mentions.get(i)) and \
            ctx.mentions.get(doc[i].head.i) is not first and doc[i].head.i != noun.i:
        # `Iran and its ally Syria criticized X`: the name right after the noun, which the parse hung elsewhere
        return actors(ctx, next(t for t in doc[i:end] if ctx.mentions.get(t.head.i) is not first), depth + 1)
    while i < end and doc[i].pos_ == "ADV":
        i += 1  # `allies there`
    if named or noun.pos_ != "NOUN" or i + 1 >= end or doc[i].text != ",":
        return named
    i += 1 + (doc[i + 1].lower_ in LIST_OPENERS)
    i += i < end and doc[i].lower_ == "the"
    first = ctx.mentions.get(i) if i < end else None
    root = next((t for t in doc[i:end] if ctx.mentions.get(t.i) is first and
                 ctx.mentions.get(t.head.i) is not first), None) if first else None
    if root is None or root.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OWNER_DEPS:
        return []  # `Iran criticized its allies, Israel said`; `..., the Israeli embassy said`
    return actors(ctx, root, depth + 1)


def second_subject(ctx: SentenceContext, subject: Token) -> list[Mention]:
    """A name the parse gave as a verb's second subject, right after a list the first ends
    (`Iran and its ally Syria criticized X`: Syria, parsed beside `its ally`)."""
    verb = subject.head
    found = [m for c in verb.children if c.dep_ == subject.dep_ and c.i > subject.i and c.left_edge.i ==
             subject.right_edge.i + 1 and c.i in ctx.mentions for m in actors(ctx, c)]
    if is_title_span(ctx.sent):  # `Putin, Modi discuss trade`: a title's comma for `and`, the first name apart
        found += [m for c in verb.children if c.i < subject.i and c.right_edge.i + 2 == subject.left_edge.i and
                  c.doc[c.right_edge.i + 1].text == "," and c.i in ctx.mentions for m in actors(ctx, c)]
    return found


def holder(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """Whose a thing named by no actor is: the subject of the verb that has it (`Chile kept a policy,
    which Peru criticized`: Chile's policy)."""
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return [replace(m, via="owner") for m in subject_of(ctx, noun.head)[0]]
    return []


def agent_kind(ctx: SentenceContext, token: Token) -> str | None:
    """The actor kind a group noun names: `troops` military, `security forces` security forces."""
    if token.pos_ not in ("NOUN", "PROPN") or token.i in ctx.mentions:
        return None
    agents = ctx.ontology.agents
    lefts = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod") and t.i not in ctx.mentions]
    for start in range(len(lefts)):
        kind = agents.get(" ".join([*lefts[start:], token.lower_]))
        if kind:
            return kind
    # `navy sailors`, `army officers`: people of no kind of their own take the kind of the armed body naming them
    return agents.get(token.lower_) or agents.get(token.lemma_.lower()) or \
        next((agents[w] for w in lefts[-1:] if agents.get(w) in ARMED_KINDS and token.tag_ == "NNS"), None)


def group_actor(ctx: SentenceContext, token: Token, kind: str, depth: int) -> list[Mention]:
    """`Israeli tanks`, `security forces in Guinea`, `the Bush administration`: the country or
    organization a group belongs to, with its kind. An organization named beside the noun
    (`Islamist rebels Al-Shabaab`) is itself the actor, not its country."""
    named = [m for c in token.children if c.dep_ in ("appos", "compound") and (m := ctx.mention_at(c))
             and m.type == "Organization"]
    for near in (token.head if token.dep_ == "compound" else None,
                 token.doc[token.i + 1] if token.i + 1 < ctx.sent.end else None):
        if near is not None and (m := ctx.mention_at(near)) and m.type == "Organization":
            named.append(m)
    if named:
        return [replace(m, kind=kind) for m in named]
    # `the Russian population of Narva`: civilians belong where they are said to live, not to their demonym
    located = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "of", "at")]
    found = [] if kind == "civilians" and located else owners(ctx, token)
    if not found and kind not in NON_STATE_KINDS:  # militants in Iraq are not Iraq's
        for child in located:
            found = [m for pobj in child.children if pobj.dep_ == "pobj" for m in actors(ctx, pobj, depth + 1)]
            if found:
                break
    group = []
    for mention in found:
        if mention.type in ("Person", "City", "Location"):  # a leader's administration, a city's police
            country = ctx.state.country_of(mention) if mention.type == "Person" else mention.country
            mention = country_mention(ctx.ontology, country, "group")
        if mention and mention.type in ("Country", "Organization") and mention not in group:
            group.append(replace(mention, kind=kind))
    return group


def prep_object(ctx: SentenceContext, prep: Token) -> list[Mention]:
    """Actors governed by a preposition; when the parse left it dangling, the next noun."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "dobj")]
    if not objects:
        objects = [t for t in prep.doc[prep.i + 1:min(prep.i + 7, ctx.sent.end)]
                   if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"][:1]
    return [m for obj in objects for m in actors(ctx, obj)]


def subject_of(ctx: SentenceContext, verb: Token, passive: bool = False) -> tuple[list[Mention], float]:
    """The actors doing what `verb` says, climbing xcomp/conj/advcl chains, and the confidence factor.

    With `passive`, a passive subject counts when no agent is named (`Egypt was locked in a dispute`).
    """
    head, via = verb, ""
    factor = 1.0
    for _ in range(5):
        for child in head.children:
            if child.lower_ in RELATIVE_PRONOUNS or via == "csubj" and child.dep_ == "csubj":
                continue  # `lifting sanctions is ruled out`: the clause the verb is the subject of is no doer
            if via and child.dep_ in PASSIVE_SUBJECTS:  # `X is expected to visit`, `X was held after attacking`
                return actors(ctx, child), factor
            if child.dep_ in SUBJECTS or passive and child.dep_ in PASSIVE_SUBJECTS and not any(
                    c.dep_ == "agent" for c in head.children):
                return actors(ctx, child) + second_subject(ctx, child), factor
            if child.dep_ == "agent":
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                if pobjs:
                    return actors(ctx, pobjs[0]), factor
        if head is verb and not passive and is_passive(head):
            # `was condemned in a statement by X`, `were killed in a strike by X`: the agent of what it happened in;
            # a passive conjunct (`X is under sanctions and was condemned`) does not take its subject as doer
            return [m for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "in"
                    for pobj in prep.children if pobj.dep_ == "pobj"
                    for by in pobj.children if by.dep_ == "prep" and by.lower_ == "by"
                    for m in prep_object(ctx, by)], factor
        if head is verb and (head.dep_ == "conj" or head.dep_ == "ROOT" and finite(head)) and \
                (before := named_before(ctx, head)):
            return before, factor  # `... and the U.S. accuses Iran`, `On Monday X will meet`: the name parsed elsewhere
        if head.dep_ == "relcl":
            return actors(ctx, head.head), factor * confidence.RELATIVE_CLAUSE_SUBJECT
        if head.dep_ not in INHERIT_SUBJECT or head.head is head:
            break
        preposition = head.head.lower_ if head.dep_ == "pcomp" else None
        warned_against = preposition == "against"
        controlled = head.dep_ == "xcomp" or preposition in ("of", "for", "against")
        head, via = head.head, head.dep_
        if via == "pcomp" and controlled:
            head, via = head.head, "prep"
        factor *= confidence.INHERITED_SUBJECT_STEP
        if via == "conj" and verb_after_object(head):
            head = head.head  # `denies the claims and accuses X`: the parse coordinated the verb with an object
        if head.pos_ in ("NOUN", "PROPN"):  # `a policy of turning boats away`: the policy's holder turns them
            return actor(ctx, head, 0) or (holder(ctx, head) if controlled else []), factor
        if controlled and head.pos_ == "VERB":  # `urged Iran to stop`, `called on Iran to`, `accused Iran of`
            found = [m for c in head.children if c.dep_ == "dobj" for m in actors(ctx, c)] or \
                [m for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and via == "xcomp"
                 for m in prep_object(ctx, c)]
            if found:
                return found, factor
            if warned_against:
                break  # `protested against hosting troops`: who protests does not host them
    return [], factor


def finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.i < verb.i for c in verb.children)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def shared_subject(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """What a passive conjunct without a subject of its own is done to: the subject of the verb it is
    conjoined to (`Chad is under sanctions and was condemned by X`: Chad)."""
    if verb.dep_ != "conj" or not is_passive(verb) or any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS
                                                          for c in verb.children):
        return []
    return [m for c in verb.head.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for m in actors(ctx, c)]


def relative_object(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """The noun a relative clause is about, when the clause has a subject of its own and the parse gave
    the relative pronoun as a second one (`a policy which Peru and Chile have criticised`)."""
    if verb.dep_ != "relcl":
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return [m for c in subjects if c.lower_ in RELATIVE_PRONOUNS and len(subjects) > 1 for m in actors(ctx, c)]


def verb_after_object(noun: Token) -> bool:
    """A verb's object that the parse made the head of a verb coordinated with its own verb."""
    return noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "dobj" and noun.head.pos_ == "VERB"


def named_before(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """The name right before a verb (and its auxiliaries) that has no subject, when the parse hung it elsewhere."""
    start = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i])
    if start == ctx.sent.start:
        return []
    before = verb.doc[start - 1]
    return actors(ctx, before) if ctx.mention_at(before) and before.head.i != verb.i else []


def sentence_subject(ctx: SentenceContext) -> list[Mention]:
    """The subject of the sentence's main verb, unless it only reports (`X said the attack ...`)."""
    root = ctx.sent.root
    if root.lemma_.lower() in ctx.ontology.statement_verbs:
        return []
    return [m for c in root.children if c.dep_ in SUBJECTS for m in actors(ctx, c)]


def slot(ctx: SentenceContext, token: Token, name: str, anchors: list[Token]) -> list[Mention]:
    """Actors in one object slot: `dobj`, `iobj`, `complement`, or a preposition such as `with`."""
    found: list[Mention] = []
    shared = shares_objects(token)
    objects = [c for v in (token, *shared) for c in v.children if c.dep_ == "dobj" and c not in anchors]
    if name == "between" and token.dep_ == "nsubj":
        objects.append(token.head)  # `Fighting broke out between X and Y`: the event's parties hang from its verb
    if name not in ("dobj", "iobj", "complement"):
        # `fought alongside X against Y`, `sanctions imposed by X on Y`: the parse hung the preposition on X
        objects += [o for p in token.children if p.dep_ == "agent" or p.dep_ == "prep" and
                    p.lower_ in ("alongside", "beside") for o in p.children if o.dep_ == "pobj"]
    for head in [token, *anchors, *shared, *(objects if name not in ("dobj", "iobj", "complement") else ())]:
        for child in head.children:
            if name == "dobj" and (child.dep_ == "dobj" or child.dep_ in PASSIVE_SUBJECTS):
                found += actors(ctx, child) + companions(ctx, child)
            elif name == "iobj" and child.dep_ == "dative":
                found += actors(ctx, child)
            elif name == "complement" and (child.dep_ in ("ccomp", "xcomp") or for_clause(child)):
                found += [m for c in child.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS
                          for m in actors(ctx, c)]
            elif name == "target" and child.dep_ in ("ccomp", "xcomp"):
                found += target(ctx, child)
            elif name == "relcl" and child.dep_ == "relcl" and head is not token:
                found += [m for obj in child.children if obj.dep_ == "dobj" for m in actors(ctx, obj)]
            elif child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ == name:
                found += prep_object(ctx, child)
        if name == "dobj" and not found and head is token:
            found += shared_subject(ctx, token) + relative_object(ctx, token)
        if name == "dobj" and not found:
            found += [m for prt in head.children if prt.dep_ == "prt"
                      for prep in prt.children if prep.dep_ == "prep" for m in prep_object(ctx, prep)]
        if found:
            break
    return found


def for_clause(clause: Token) -> bool:
    """`pushed for Germany to back the plan`: a clause of what is asked for, its doer as its subject."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def shares_objects(verb: Token) -> list[Token]:
    """The verb coordinated right after a verb with no objects of its own, whose objects are both's
    (`donated and delivered goods to X`)."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "dative", "prep", "ccomp", "xcomp") for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and
            not any(s.dep_ in SUBJECTS | PASSIVE_SUBJECTS for s in c.children)][:1]


def companions(ctx: SentenceContext, obj: Token) -> list[Mention]:
    """Who a verb's object is named with, right after it: `accuses Iran — along with its ally Syria — of`."""
    found: list[Mention] = []
    for prep in obj.head.children:
        words = [prep.lower_, *(c.lower_ for c in prep.children if c.dep_ in ("prep", "advmod"))]
        if prep.dep_ == "prep" and {"along", "together"} & set(words) and \
                obj.right_edge.i < prep.left_edge.i <= obj.right_edge.i + 2:
            found += [m for w in prep.subtree if w.dep_ == "pobj" for m in actors(ctx, w)]
    return found


def target(ctx: SentenceContext, clause: Token) -> list[Mention]:
    """Whom a threatened action is aimed at: the first actor among the complement's objects."""
    for token in clause.subtree:
        if token.dep_ in ("dobj", "pobj", "dative") and token.i > clause.i:
            found = actors(ctx, token)
            if found:
                return found
    return []


def recipients(ctx: SentenceContext, verb: Token) -> list[Mention]:
    """Whom a verb is addressed to: `invited X for talks`, `extended an invitation to X for a visit`."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "to"
                for m in prep_object(ctx, prep)]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            found = actors(ctx, child) or [m for prep in child.children if prep.dep_ == "prep"
                                           and prep.lower_ == "to" for m in prep_object(ctx, prep)]
            if found:
                return found
    return []


def other_actor(ctx: SentenceContext, subjects: list[Mention], relation: Relation) -> list[Mention]:
    """The one other actor of the sentence, when a relation names no object."""
    keys = {(m.key, m.label) for m in subjects}
    subject_countries = {m.country for m in subjects}
    others = []
    for mention in dict.fromkeys(ctx.mentions.values()):
        mention = fit(ctx, mention, relation, "object")
        if mention and (mention.key, mention.label) not in keys and mention not in others and \
                not (mention.type == "Country" and mention.country in subject_countries):
            others.append(mention)
    return others if len(others) == 1 else []


def fit(ctx: SentenceContext, mention: Mention, relation: Relation, side: str) -> Mention | None:
    """The mention as the relation's domain or range allows: cities and people may stand for countries."""
    if mention.type in ("City", "Location") and relation.accepts(side, mention.type):
        return mention
    if mention.type in ("City", "Location", "Person") and not relation.accepts(side, mention.type):
        country = ctx.state.country_of(mention) if mention.type == "Person" else mention.country
        return country_mention(ctx.ontology, country, mention.type.lower()) if relation.accepts(
            side, "Country") else None
    return mention if relation.accepts(side, mention.type) else None
