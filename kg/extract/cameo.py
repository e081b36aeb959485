"""Event verbs of the converted CAMEO dictionary (`ontology/lexicon/cameo_*.tsv`), behind the hand triggers.

A verb of the dictionary codes the event of its most specific pattern whose words head the
verb's object or the named preposition's object (`struck a deal with`, `called on X`), else
its own code; a reversed pattern's event goes from the object to the subject (`received a loan
from X`); when the hand lexicon has rows for the verb, they alone say when the bare verb is an event.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import confidence
from kg.extract.time import sentence_times
from kg.ontology import CameoPattern, Ontology, Trigger

OBJECT_DEPS = {"dobj", "attr", "oprd", "xcomp", "ccomp", "nsubjpass", "acomp"}


def cameo_trigger(ontology: Ontology, token: Token) -> Trigger | None:
    """The trigger a CAMEO verb makes here, or None when it codes no event kg has."""
    lemma = token.lemma_.lower()
    objects: set[str] = set()
    preps: dict[str, set[str]] = {}
    named_preps = ontology.cameo_words.get(lemma, ())  # a preposition none names changes nothing: no time to look for
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            # `called the president a dictator`: what the verb calls its object, right after it (no comma)
            named = [a for a in child.children if a.dep_ == "appos" and a.left_edge.i == child.i + 1]
            objects |= {w for c in (child, *named) for w in (c.lemma_.lower(), c.lower_)}
        elif child.dep_ in ("prep", "prt", "agent", "dative") and \
                (child.lower_ not in named_preps or not names_a_time(child)):
            preps[child.lower_] = {w for c in child.children if c.dep_ in ("pobj", "pcomp")
                                   for w in (c.lemma_.lower(), c.lower_)}
    verbs = [v for v in ontology.cameo_verbs.get(lemma, ()) if v.words <= objects | set(preps)]
    if not verbs:
        return None
    best: tuple[int, CameoPattern] | None = None
    for block in dict.fromkeys(v.block for v in sorted(verbs, key=lambda v: -len(v.words))):
        for pattern in ontology.cameo_patterns.get(block, ()):
            if pattern.preposition:
                if pattern.preposition not in preps or pattern.words and \
                        not pattern.words & preps[pattern.preposition]:
                    continue
            elif not pattern.words & objects:
                continue
            score = 2 * bool(pattern.words) + bool(pattern.preposition)
            if best is None or score > best[0]:
                best = (score, pattern)
    verb = max(verbs, key=lambda v: len(v.words))
    if best:
        relation, modality = best[1].relation, best[1].modality
    elif verb.words or not ontology.triggers_for(lemma, "VERB"):
        relation, modality = verb.relation, verb.modality
    else:
        return None
    if not relation:
        return None
    reversed_ = bool(best and best[1].reversed)
    if reversed_:
        slots: tuple[str, ...] = (best[1].preposition or "from",)  # `received a loan from X`: X gave it
    elif best and best[1].target:
        slots = (best[1].preposition,)
    else:
        slots = ontology.verb_objects.get(relation, ("dobj",))
    base = confidence.CAMEO_PATTERN if best else confidence.CAMEO_VERB
    names = best[1].words if best else verb.words
    return Trigger(relation, "VERB", lemma, frozenset(), slots, base, "subject", modality, converted=True,
                   names=names, reversed=reversed_)


def names_a_time(prep: Token) -> bool:
    """`stepped down in 2005`: a preposition whose object is a time is no particle (`step in`) nor an argument."""
    sent = prep.sent
    objects = [c.idx - sent.start_char for c in prep.children if c.dep_ == "pobj"]
    times = sentence_times(sent.text, None, False)
    return bool(objects) and all(any(start <= at < end for start, end, _ in times) for at in objects)


def receives(ontology: Ontology, verb: Token, relation: str) -> bool:
    """The verb takes the relation's event from someone else: most of its CAMEO patterns coding that
    relation are reversed (`received aid`, `won backing`), so a noun of that event it carries comes
    `from` its doer to the verb's subject."""
    for cameo_verb in ontology.cameo_verbs.get(verb.lemma_.lower(), ()):
        coded = [p.reversed for p in ontology.cameo_patterns.get(cameo_verb.block, ()) if p.relation == relation]
        if sum(coded) > len(coded) / 2:
            return True
    return False
