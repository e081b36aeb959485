"""Modality: whether a relation is asserted, negated, refused, planned, possible ... by the words above it."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.arguments import for_clause, verb_after_object
from kg.extract.context import CARRIER_PREPS
from kg.ontology import Ontology

# Dependencies along which modality cues are inherited ("expected to meet", "plans a visit").
MODAL_PATH = {"xcomp", "dobj", "acl", "pobj", "prep", "pcomp", "advcl", "conj", "attr", "compound", "nsubjpass",
              "csubj"}
NEGATIONS = {"not", "n't", "never", "no"}
REFUSING_AUX = {"will", "would", "wo", "shall"}
CHARGE_PREPS = {"of", "for"}


def modality(ontology: Ontology, token: Token, clause: bool = True) -> str:
    """The nearest modality cue on the way up the parse; a refusal or negation above it wins.

    Without `clause`, only the word's own modifiers count: a state named by a noun
    (`those tensions`, `the alliance`) is presupposed whatever the clause around it says.
    """
    found = None
    head, via, word = token, "", ""
    for step in range(5 if clause else 1):
        found_here = cue(ontology, head, step, token.pos_ == "NOUN", via)
        if found_here in ("negated", "refused"):
            return found_here
        if clause and denied(ontology, head):
            return "negated"
        # `accused X of shelling Y`, `arrested for spying for Y`: what one is charged with is only alleged
        if via == "prep" and word in CHARGE_PREPS and ("charge", head.lemma_.lower()) in ontology.modality:
            found_here = found_here or ontology.modality[("charge", head.lemma_.lower())]
        found = found or found_here
        if head.dep_ not in MODAL_PATH or head.head is head or \
                head.dep_ == "prep" and head.lower_ not in CARRIER_PREPS:
            break
        head, via, word = head.head, head.dep_, head.lower_
        if via == "conj" and verb_after_object(head):
            head = head.head  # `denies the claims and accuses X`: the verb coordinated with `denies`
    return found or "asserted"


def cue(ontology: Ontology, head: Token, step: int, nominal: bool, via: str) -> str | None:
    """The modality one word of the path carries: its auxiliaries, negation, cue word or modifiers.

    A cue verb counts for its complement or object (`plans to meet`, `plans a visit`), not for
    what hangs from its prepositions (`agreed to a ceasefire` is the agreement itself).
    """
    cues = ontology.modality
    children = list(head.children)
    if negated(head):
        if leaves_open(head):
            return "possible"
        # `will not attend the talks`, `won't meet`: a refusal, not only an absence
        refusal = head.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in REFUSING_AUX for c in children)
        return "refused" if refusal else "negated"
    lemma = head.lemma_.lower()
    # `ruled out lifting sanctions`: a phrasal verb is a cue of its own
    phrasal = [f"{lemma} {c.lower_}" for c in children if c.dep_ == "prt"]
    lemma = next((p for p in phrasal if ("verb", p) in cues), lemma)
    # `would prohibit all aid`: a verb that rules out its object does so whatever its auxiliary says
    # (a verb coordinated with it is an act of its own: `denied the charges and accused X`)
    if step and via not in ("prep", "conj") and head.pos_ == "VERB" and \
            cues.get(("verb", lemma)) in ("negated", "refused"):
        return cues[("verb", lemma)]
    for child in children:
        if child.dep_ in ("aux", "auxpass") and ("aux", child.lower_) in cues:
            return cues[("aux", child.lower_)]
        if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
            return "possible"
        if child.dep_ in ("amod", "acomp", "advmod") and ("adj", child.lower_) in cues:
            return cues[("adj", child.lower_)]
        if child.dep_ == "prep" and ("adj", phrase := " ".join(t.lower_ for t in child.subtree)) in cues:
            return cues[("adj", phrase)]  # `lifting sanctions is out of the question`
    if step and via not in ("prep", "conj") and head.pos_ in ("VERB", "ADJ") and ("verb", lemma) in cues:
        return cues[("verb", lemma)]
    # `pledged to send aid`, `pledged $2 billion in aid` - but `offered a pledge` is the pledge itself
    if (via in ("xcomp", "ccomp") or step > 1 and via == "dobj") and head.pos_ == "VERB" and \
            ("commit", lemma) in cues:
        return cues[("commit", lemma)]
    # `called on the EU to impose sanctions`, `urged Iran to stop`, `pressed for Iran to stop`: the act
    # asked for is only planned
    if (via == "xcomp" or via == "advcl" and any(map(for_clause, children))) and head.pos_ == "VERB" and \
            ("demand", lemma) in cues:
        return cues[("demand", lemma)]
    if step and head.pos_ == "NOUN" and ("noun", lemma) in cues:
        return cues[("noun", lemma)]
    if step and head.pos_ == "ADJ" and ("adj", head.lower_) in cues:
        return cues[("adj", head.lower_)]
    if via == "pcomp" and head.lower_ == "against":
        return "possible"  # `warned X against attacking Y`: an attack only feared
    if nominal and head.dep_ == "pobj" and head.head.lower_ == "for":
        # `plans for talks` are planned; `responsibility for the attack`, `condemned for the raid`: it happened
        return cues.get(("done", head.head.head.lemma_.lower()), "planned")
    return None


def denied(ontology: Ontology, clause: Token) -> bool:
    """What a verb of denial says is not so: its that-clause (`denied that it had attacked X`) or the
    claims it rejects (`rejected claims that it supplied arms`, `dismissed reports that ...`)."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return False
    verb = clause.head
    if clause.dep_ == "acl" and verb.dep_ == "dobj":
        verb = verb.head
    elif clause.dep_ != "ccomp":
        return False
    return ("denial", verb.lemma_.lower()) in ontology.modality


def leaves_open(verb: Token) -> bool:
    """`did not rule out a meeting`: what is not ruled out stays possible, and nothing is refused."""
    return verb.lemma_ == "rule" and any(c.lower_ == "out" for c in verb.children) and negated(verb)


def negated(head: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det") for c in head.children)
