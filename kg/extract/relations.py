"""Relations named by trigger words (`ontology/lexicon/triggers.tsv`), with their arguments.

A verb or noun whose lemma is a trigger names a relation; its subjects and objects are read
along the parse (`kg.extract.arguments`), its modality from the words above it, its value
(an amount, a share) from the money and percent spans near it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.arguments import (
    actors,
    apposed_names,
    apposed_to,
    fit,
    for_clause,
    other_actor,
    owners,
    prep_object,
    recipients,
    sentence_subject,
    slot,
    subject_of,
)
from kg.extract.cameo import cameo_trigger, receives
from kg.extract.context import (
    CARRIER_PREPS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    PASSIVE_SUBJECTS,
    PRONOUNS,
    SUBJECTS,
    Mention,
    SentenceContext,
    country_mention,
)
from kg.extract.modality import leaves_open, modality
from kg.ontology import Ontology, Relation, Trigger
from kg.types import Statement
from kg.values import parse_value

# Dependencies along which a noun trigger reaches the verb that carries it ("X offered a pledge").
CARRIER = {"dobj", "attr", "oprd", "pobj", "prep", "conj", "appos", "compound", "npadvmod"}
Pair = tuple[Mention, Mention]
# CAMEO families of events aimed at the country they happen in when no target is named:
# demands, disapproval, protest, force, coercion, assault, fighting (`protesters marched in Lagos`).
AIMED_AT_PLACE = {"10", "11", "14", "15", "17", "18", "19", "20"}
# CAMEO families of events that, when no one is named as doing them, the side holding the place they
# happen in did: protest, coercion and violence (`a bomb in Kabul killed German soldiers`, `X was arrested
# in Y`, `thousands marched in Caracas to protest against X`).
DONE_BY_PLACE = {"14", "17", "18", "19", "20"}
PLACE_PREPS = {"in", "at", "near", "inside", "into", "across", "outside"}
# CAMEO families of what protesters voice that is their protest (CAMEO 14, `demonstrators demanded independence`).
VOICED_BY_PROTEST = {"10", "11"}
# The possessive pronouns that own a relation noun named beside its other side (`its ally Syria`).
POSSESSIVES = frozenset(PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON)
# Prepositions after which a noun is what a verb is about (`accused X of the attack`, `blamed X for`).
TOPIC_PREPS = {"of", "for", "over", "about", "on"}
# Prepositions after which a noun is another event, the setting of the clause (`raided the camp after the attack`).
SETTING_PREPS = {"after", "following", "before", "amid", "despite", "since", "because"}
# Verbs whose agent is the doer of the event noun they follow: `the attack conducted by X` (not `seen by X`).
DOING_VERBS = {"conduct", "carry", "launch", "stage", "mount", "commit", "perpetrate", "order", "organize",
               "organise", "execute", "claim", "lead", "plan"}
# Nouns that only frame the event named before them: `a mediation effort between`, `a bombing campaign against`.
FRAME_NOUNS = {"effort", "campaign", "operation", "mission", "bid", "drive", "initiative", "package", "programme",
               "program"}


def place_targets(ctx: SentenceContext, heads: list[Token], others: list[Mention]) -> list[Mention]:
    """The country of the place an event happens in (`an attack in Mosul`, `near the town of Mosul` -> Iraq;
    `outside the Ugandan embassy` -> Uganda), unless it is the country of the event's other side."""
    own = {ctx.state.country_of(m) for m in others}
    found: list[Mention] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                named = next((c for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of"
                              for c in p.children if c.dep_ == "pobj"), None)
                if named is not None and pobj.lemma_.lower() in ctx.ontology.places:
                    pobj = named
                place = ctx.mention_at(pobj)
                # `the Ugandan embassy`, `Uganda's embassy`: a building named by its country
                holders = [m for c in pobj.children if c.dep_ in ("amod", "poss", "compound") and
                           (m := ctx.mention_at(c)) and (c.dep_ != "compound" or m.via == "demonym")]
                for mention in [place] if place else [] if named else holders:
                    if mention.type not in ("City", "Location", "Country"):
                        continue
                    country = country_mention(ctx.ontology, mention.country, "place")
                    if country and country.country not in own and country not in found:
                        found.append(country)
    return found


def relations(ctx: SentenceContext) -> Iterator[Statement]:
    """The statements of every trigger word of the sentence, one reading per event: when a hand noun
    trigger and the CAMEO reading of its carrier verb give the same pair of arguments, a CAMEO pattern
    that names the noun wins (`lodged a protest with`: a diplomatic protest, CAMEO's criticism), else
    the noun does (`launched an attack`: the attack, not the bare verb's code). A hand verb trigger that
    requires the noun is the event (`lifted its embargo on X`: the lifting, not the embargo)."""
    found = list(readings(ctx))
    cameo = {(token.i, pair(st)): trigger.names for token, trigger, st in found if trigger.converted}
    required = {(token.i, pair(st)): trigger.requires for token, trigger, st in found
                if trigger.pos == "VERB" and not trigger.converted}
    made = {(token.i, pair(st)) for token, _, st in found}
    dropped = set()
    for token, trigger, st in found:
        carrier = carrier_verb(token) if trigger.pos == "NOUN" and not trigger.converted else None
        if carrier is None:
            continue
        key = (carrier.i, pair(st))
        if {token.lemma_.lower(), token.lower_} & required.get(key, set()):
            dropped.add((token.i, pair(st)))
        elif key in cameo:
            named = {token.lemma_.lower(), token.lower_} & cameo[key]
            dropped.add((token.i, pair(st)) if named else key)
        elif st.modality == "negated" and key in made:  # `would prohibit aid to X`: the ban, not aid denied
            dropped.add((token.i, pair(st)))
    for token, _, st in found:
        if (token.i, pair(st)) not in dropped:
            yield st


def gerund_noun(token: Token) -> bool:
    """An -ing form standing as a noun, without a subject or object of its own (`Fighting between X and Y resumed`)."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and \
        not any(c.dep_ in ("nsubj", "dobj", "aux", "mark") for c in token.children)


def pair(statement: Statement) -> frozenset[str]:
    return frozenset((statement.subject.id, statement.object.id))


def readings(ctx: SentenceContext) -> Iterator[tuple[Token, Trigger, Statement]]:
    """Each trigger word of the sentence, its trigger and each statement it makes."""
    for token in ctx.having(ctx.ontology.trigger_words):
        pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") or gerund_noun(token) else \
            "VERB" if token.pos_ in ("VERB", "AUX") else None
        if pos is None or token.i in ctx.mentions or pos == "NOUN" and token.dep_ == "compound" and \
                token.head.lemma_.lower() not in FRAME_NOUNS or not may_trigger(ctx.ontology, token, pos):
            continue
        if pos == "NOUN" and names_actor(ctx, token):
            continue
        specific, bare = hand_rows(token, pos, ctx)
        # a row whose required words are near wins, unless it finds no arguments (`urged X to impose sanctions`)
        made = [(token, t, st) for t in specific for st in apply(ctx, token, t)] or \
            [(token, t, st) for t in bare for st in apply(ctx, token, t)]
        yield from made
        if not specific and not bare and pos == "VERB" and not leaves_open(token):
            trigger = cameo_trigger(ctx.ontology, token)
            if trigger:
                yield from ((token, trigger, st) for st in apply(ctx, token, trigger))


def may_trigger(ontology: Ontology, token: Token, pos: str) -> bool:
    """Whether the word has hand rows or (a verb) a CAMEO entry: a look-up before the parse is walked."""
    lemma = token.lemma_.lower()
    return bool(ontology.triggers_for(lemma, pos) or ontology.triggers_for(token.lower_, pos) or
                pos == "VERB" and lemma in ontology.cameo_verbs)


def hand_triggers(token: Token, pos: str, ctx: SentenceContext) -> list[Trigger]:
    """The hand lexicon's triggers a word matches; rows whose required words are near it win over
    the word's bare rows (`expelled the ambassador` reduces relations, `expelled` alone coerces)."""
    specific, bare = hand_rows(token, pos, ctx)
    return specific or bare


def hand_rows(token: Token, pos: str, ctx: SentenceContext) -> tuple[list[Trigger], list[Trigger]]:
    """The hand lexicon's rows a word matches: those whose required words are near it, and its bare rows."""
    near = None  # the words near the token, gathered once and only when a trigger requires them
    found = []
    for lemma in dict.fromkeys((token.lemma_.lower(), token.lower_)):
        for trigger in ctx.ontology.triggers_for(lemma, pos):
            if trigger.requires and not names_both_sides(ctx, token, trigger):
                near = context_words(token, pos) if near is None else near
                if not trigger.requires & near:
                    continue
            found.append(trigger)
    return [t for t in found if t.requires], [t for t in found if not t.requires]


def names_both_sides(ctx: SentenceContext, token: Token, trigger: Trigger) -> bool:
    """A noun of a relation between two sides that names them both needs no verb to carry it
    (`the pact between A and B`)."""
    topic = token.dep_ == "pobj" and token.head.lower_ in TOPIC_PREPS - {"of"} | {"toward", "towards"}  # talks on
    # `close relations between A and B`: a modifier that other relations' rows require gives the noun their sense
    other_sense = any(c.dep_ == "amod" and trigger.relation not in
                      ctx.ontology.required_by.get(c.lemma_.lower(), {trigger.relation}) for c in token.children)
    return trigger.pos == "NOUN" and "between" in trigger.objects and not topic and not other_sense and \
        len(slot(ctx, token, "between", [])) >= 2


def context_words(token: Token, pos: str) -> set[str]:
    """Words that satisfy a trigger's `requires`: objects, modifiers, the governing verb."""
    near = list(token.children) + [token.head]
    for child in token.children:
        if child.dep_ in ("prep", "dobj", "nsubjpass", "attr", "xcomp", "acomp", "ccomp"):
            near += list(child.children) + list(child.conjuncts)  # `launched artillery, mortar and rocket fire`
        elif for_clause(child):
            near += [c for c in child.children if c.dep_ == "mark"]  # `pushed for Germany to back`
    # `handed over two of its citizens`, also when the parse hung the number on a name (`to Chile two of`)
    near += [o for word in list(near) for n in (word, *word.children) if n.pos_ == "NUM"
             for p in n.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if pos == "NOUN":
        near += [verb] if (verb := carrier_verb(token)) is not None else []
        near += list(token.lefts)
        near += [token.head, token.head.head] if token.dep_ != "ROOT" else []
        for left in token.lefts:
            near += list(left.subtree)
    words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    for left in token.lefts:
        words.add("".join(t.lower_ for t in left.subtree))
    return words


def names_actor(ctx: SentenceContext, token: Token) -> bool:
    """The noun begins the name of a kind of actor (`a member of parliament`), not a relation."""
    return " ".join(t.lower_ for t in ctx.sent.doc[token.i:token.right_edge.i + 1]) in ctx.ontology.agents


def names_members(token: Token) -> bool:
    """A group's noun that names its members: `Japan, an APEC member`, `Japan is an APEC member`."""
    return token.dep_ in ("attr", "oprd", "appos") or any(c.dep_ == "appos" for c in token.children)


def apply(ctx: SentenceContext, token: Token, trigger: Trigger) -> Iterator[Statement]:
    """The statements one trigger word makes, one per pair of arguments the relation accepts."""
    relation = ctx.ontology.relations[trigger.relation]
    carrier = carrier_verb(token) if trigger.pos == "NOUN" else None
    objects = [d for d in token.children if d.dep_ in ("dobj", "nsubjpass")]
    objects += [o for d in token.children if d.dep_ == "prep" for o in d.children if o.dep_ == "pobj"]  # `called for`
    anchors = [c for d in objects for c in (d, *d.conjuncts) if c.lemma_.lower() in trigger.requires]
    if framed(token):
        anchors.append(token.head)
    if carrier is not None:
        anchors.append(carrier)
    pairs, score = argument_pairs(ctx, token, trigger, relation, carrier, anchors)
    if trigger.reversed:
        pairs = [(obj, subject) for subject, obj in pairs]
    if not pairs:
        return
    # a noun that a copula says (`X is not a member of Y`) takes its clause's modality
    copular = token.dep_ in ("attr", "oprd") and token.head.lemma_ in ("be", "become", "remain")
    mood = modality(ctx.ontology, token, clause=trigger.pos == "VERB" or bool(relation.cameo) or copular)
    if trigger.modality and mood == "asserted":
        mood = trigger.modality
    if token.dep_ == "csubj" and mood not in ("refused", "negated"):
        return  # `attacking Iran would be a mistake`: an act only weighed, neither done nor ruled out
    if mood == "refused":
        relation = ctx.ontology.relations.get(relation.refused_as, relation)
        mood = "asserted" if relation.name != trigger.relation else "negated"
    amount = value(ctx, token, anchors, relation)
    for subject, obj in pairs:
        if same_entity(subject, obj):
            continue  # `Rice ended her tour`: her own country is no object of hers
        subject = fit(ctx, subject, relation, "subject")
        obj = fit(ctx, obj, relation, "object")
        if subject is None or obj is None or same_entity(subject, obj):
            continue
        if subject.type == "Person" and obj.type == "Country" and obj.country and \
                ctx.state.serves(subject) == obj.country:
            continue  # `President Hu said China and Japan must act`: an officer of a state acts for it, not on it
        resolved = bool({"pronoun", "role", "owner"} & {subject.via, obj.via})
        penalty = confidence.RESOLVED_ARGUMENT if resolved else 1.0
        protest = subject.kind == "protesters" and relation.cameo[:2] in VOICED_BY_PROTEST
        name = "protested" if protest else relation.name
        yield ctx.statement(subject, name, obj, score * penalty, mood, amount, trigger=token.text, at=token)


def same_entity(one: Mention, other: Mention) -> bool:
    return one.key == other.key and one.label == other.label


def argument_pairs(ctx: SentenceContext, token: Token, trigger: Trigger, relation: Relation,
                   carrier: Token | None, anchors: list[Token]) -> tuple[list[Pair], float]:
    """(subject, object) pairs of a trigger word, and their confidence before the arguments are fitted."""
    score = trigger.confidence * (confidence.HEADLINE if ctx.headline else 1.0)
    if "between" in trigger.objects:
        between = slot(ctx, token, "between", anchors)
        if len(between) >= 2 and relation.symmetric:
            factor = confidence.BOTH_SIDES_NAMED if trigger.requires and carrier is None else 1.0
            return list(combinations(between, 2)), score * factor
    setting = token.head.dep_ == "prep" and token.head.head == carrier and token.head.lower_ in PLACE_PREPS
    if carrier is not None and trigger.pos == "NOUN" and not setting and receives(ctx.ontology, carrier, relation.name):
        # `Hungary received a loan from the bank`: the bank lends, Hungary receives
        givers = slot(ctx, token, "from", anchors)
        receivers, factor = subject_of(ctx, carrier)
        return [(g, r) for g in givers for r in receivers], score * factor
    subjects, factor = trigger_subjects(ctx, token, trigger, carrier)
    objects: list[Mention] = []
    for name in trigger.objects:  # the first slot naming what the relation accepts (not `over the arms sales`)
        objects = [m for m in slot(ctx, token, name, anchors) if fit(ctx, m, relation, "object")]
        if objects:
            break
    if not objects and trigger.pos == "NOUN" and trigger.modifiers == "subject" and relation.symmetric and \
            (named := [m for m in apposed_names(ctx, token) if fit(ctx, m, relation, "object")]) and \
            (owned := owners(ctx, token, POSSESSIVES)):  # `its ally Syria`, `our allies, both A and B`
        subjects, objects, factor = owned, named, 1.0
    if not objects and trigger.modifiers in ("object", "group"):
        objects = owners(ctx, token)
        if objects and trigger.modifiers == "group" and not names_members(token):
            return [], score  # `urged NATO members to spend`: the members are not named
    # `A and B upgraded their ties`, `A upgraded its ties with B`: what each does toward the other
    mutual = "mutual" in trigger.objects and not trigger.converted
    if not objects and (relation.symmetric or mutual) and len(subjects) >= 2 and not trigger.converted:
        pairs = [(a, b) for a, b in combinations(subjects, 2) if not same_group(ctx, a, b)]
        pairs += [(b, a) for a, b in pairs] if mutual else []
        return pairs, score * factor * confidence.JOINT_SUBJECTS
    if mutual:
        return [p for s in subjects for o in objects for p in ((s, o), (o, s))], score * factor
    if not subjects and objects and trigger.pos == "NOUN" and not names_subject(carrier) and \
            not any(t.lower_ in SETTING_PREPS for t in token.ancestors):
        subjects, factor = sentence_subject(ctx), confidence.SENTENCE_SUBJECT
    if objects and not subjects and relation.cameo[:2] in DONE_BY_PLACE and not relation.symmetric:
        heads = [token, *anchors, *(c for c in token.children if c.dep_ in SUBJECTS)]
        heads += [token.head] if token.dep_ in ("xcomp", "advcl") else []  # `marched in X to protest`
        subjects, factor = place_targets(ctx, heads, objects), factor * confidence.PLACE_SOURCE
    if subjects and not objects and relation.cameo[:2] in AIMED_AT_PLACE:
        heads = [token, *anchors, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
        objects, factor = place_targets(ctx, heads, subjects), factor * confidence.PLACE_TARGET
    if subjects and not objects and relation.counterpart:
        objects, factor = other_actor(ctx, subjects, relation), factor * confidence.OTHER_ACTOR
    return [(s, o) for s in subjects for o in objects], score * factor


def same_group(ctx: SentenceContext, a: Mention, b: Mention) -> bool:
    """Both are listed as one party: `the bloc's three members — Peru, Bolivia and Ecuador — negotiated`."""
    group = apposed_to(ctx, a)
    return group is not None and group == apposed_to(ctx, b)


def framed(token: Token) -> bool:
    """An event noun framed by the noun it modifies: `mediation` in `Qatar's mediation effort`."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in FRAME_NOUNS


def names_subject(verb: Token | None) -> bool:
    """The verb has a subject of its own, known or not: `N. Korea should return to talks`."""
    return verb is not None and any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in verb.children)


def trigger_subjects(ctx: SentenceContext, token: Token, trigger: Trigger, carrier: Token | None
                     ) -> tuple[list[Mention], float]:
    """Who does what a trigger says; in a headline without one, its first name."""
    found, factor = parsed_subjects(ctx, token, trigger, carrier)
    if not found and ctx.headline:
        first = next((ctx.mentions[t.i] for t in ctx.named if t.i < token.i), None)
        return ([first], confidence.HEADLINE_FIRST_NAME) if first else ([], 1.0)
    return found, factor


def parsed_subjects(ctx: SentenceContext, token: Token, trigger: Trigger, carrier: Token | None
                    ) -> tuple[list[Mention], float]:
    if trigger.pos == "VERB":
        return subject_of(ctx, token)
    found = owners(ctx, token.head if framed(token) else token) if trigger.modifiers == "subject" else []
    found = [m for m in found if m.type != "Commodity"]  # `oil talks`, `gas deal`: what it is about
    if found:
        return found, 1.0
    if token.dep_ == "appos":
        return actors(ctx, token.head), confidence.APPOSITION_SUBJECT
    named = [m for c in token.children if c.dep_ == "appos" for m in actors(ctx, c)]
    if named:
        return named, confidence.APPOSITION_SUBJECT
    done_by = participle_agents(ctx, token)
    if done_by:
        return done_by, confidence.PARTICIPLE_AGENT
    if carrier is None or ended(ctx, token):
        return [], 1.0
    if token.head.lower_ == "for" and not any(ctx.ontology.relations[t.relation].stance == "conflict"
                                               for t in own_triggers(ctx, token.head.head)):
        found = recipients(ctx, token.head.head)  # `invited X for talks`; who is `blamed for the bombing` is accused
        if found:
            return found, confidence.RECIPIENT_SUBJECT
    if comments_on(ctx, carrier, token.head if framed(token) else token, trigger) or done_by_event(ctx, carrier):
        return [], 1.0
    found, factor = subject_of(ctx, carrier, passive=True)
    return found, factor * confidence.CARRIER_SUBJECT


def participle_agents(ctx: SentenceContext, noun: Token) -> list[Mention]:
    """Who an event noun was done by, named by a participle after it: `the attack carried out by X`,
    `the raid, reportedly conducted by X` (which the parse may hang from the clause's verb)."""
    after = [c for c in noun.children if c.dep_ == "acl"]
    after += [c for c in noun.head.head.children if c.dep_ == "advcl" and noun.head.dep_ == "prep" and
              c.left_edge.i in (noun.right_edge.i + 1, noun.right_edge.i + 2) and
              ctx.sent.doc[noun.right_edge.i + 1].text == ","]
    return [m for verb in after if verb.tag_ == "VBN" and verb.lemma_.lower() in DOING_VERBS
            for agent in verb.children if agent.dep_ == "agent" for m in prep_object(ctx, agent)]


def done_by_event(ctx: SentenceContext, verb: Token) -> bool:
    """The verb's subject is an event, not an actor: whoever did `the strike` that `ruined talks with X`
    is no party to the talks."""
    return any(c.dep_ in SUBJECTS and c.pos_ == "NOUN" and c.i not in ctx.mentions and
               hand_triggers(c, "NOUN", ctx) for c in verb.children)


def ended(ctx: SentenceContext, noun: Token) -> bool:
    """`called for an end to attacks on Y`, `the lifting of the boycott`: who calls for the end of an
    event is not the one doing it."""
    ender = noun.head.head
    return noun.dep_ == "pobj" and noun.head.lower_ in ("to", "of") and \
        any(("end", word) in ctx.ontology.modality for word in (ender.lemma_.lower(), ender.lower_))


def own_triggers(ctx: SentenceContext, verb: Token) -> list[Trigger]:
    """The events a verb names itself: its hand rows, else its CAMEO reading."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return hand_triggers(verb, "VERB", ctx) or [t for t in [cameo_trigger(ctx.ontology, verb)] if t]


def comments_on(ctx: SentenceContext, verb: Token, noun: Token, trigger: Trigger) -> bool:
    """The verb is an event of another kind, the noun (its object, or what it is `for` or `over`) only
    its topic: who `condemned the attack` did not attack; who `threw stones during protests` protested.
    Verbs of intent (`threatened sanctions`) and verbs that go with the noun (`struck a deal`, `held
    talks`: one names the other) carry the noun's event."""
    lemma = verb.lemma_.lower()
    cues = ctx.ontology.modality
    topic = noun.head.i == verb.i or noun.head.head.i == verb.i and noun.head.lower_ in TOPIC_PREPS
    if not topic or ("verb", lemma) in cues or ("commit", lemma) in cues or lemma in trigger.requires:
        return False
    own = own_triggers(ctx, verb)
    if noun.head.lower_ == "for" and any(t.relation == "visited" for t in own):
        return False  # `flew to Lima for talks with Peru`: a journey's purpose is its traveller's
    words = {noun.lemma_.lower(), noun.lower_}
    return bool(own) and all(t.relation != trigger.relation and not (t.requires | t.names) & words for t in own)


def carrier_verb(token: Token) -> Token | None:
    """The verb a noun trigger hangs from: `offered` in `Japan had offered a pledge`."""
    head = token
    for _ in range(4):
        if head.dep_ not in CARRIER or head.head is head:
            return None
        if head.dep_ == "prep" and head.lower_ not in CARRIER_PREPS or \
                head.dep_ == "pobj" and head.head.pos_ == "VERB":  # `following the killing`: a preposition
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def value(ctx: SentenceContext, token: Token, anchors: list[Token], relation: Relation):
    """The amount or share a relation carries, from the nearest money or percent span that parses."""
    if not relation.value:
        return None
    heads = [token, *anchors]
    spans = [e for e in ctx.ents if e.label_ in ("MONEY", "PERCENT")]
    # `2 billion euros`: a number the tagger left without its currency word
    spans += [ctx.sent.doc[e.start:e.end + 1] for e in ctx.ents
              if e.label_ in ("CARDINAL", "MONEY") and e.end < ctx.sent.end]
    near = [e for e in spans if any(e.root.is_ancestor(h) or h.is_ancestor(e.root) or e.root.head == h
                                    for h in heads)]
    for ent in sorted(near, key=lambda e: abs(e.start - token.i)):
        parsed = parse_value(ent.text, relation.value)
        if parsed:
            return parsed
    return None
