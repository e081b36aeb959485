"""When a statement happened or held: the sentence's time expression that hangs on its word.

`kg.timex` finds and normalizes the expressions of the sentence's text against the document's
date; here the parse decides which one belongs to a statement. An expression belongs to the
statement's word (the trigger verb or noun) when the word it modifies is that word or one above
it (`met ... on Monday`, `said Thursday that ... agreed`); the nearest wins. An office takes only
its own modifiers (`Obama, president from 2009 to 2017`, `appointed in 2000`: it began then), else
it holds at the document's date; `newly elected`, `new` before a title say it began by then;
`former`, `ex-`, `the late` that it ended by then, and `then-` that it held when its clause happened;
a verb of leaving it (`resigned as President in 2005`) gives its end, else says it ended by then.
Asides in parentheses and birth or death dates are nobody's time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.timex import ended_before, expressions, started_by
from kg.types import Time

RECENT = {"newly", "new"}
TAKING_OFFICE = {"elect", "appoint", "install", "inaugurate", "swear", "name", "choose", "reelect", "re-elect"}
# Verbs (with their particle) by which an office ends: `resigned as`, `stepped down as`, `was ousted as`.
LEAVING_OFFICE = {"resign", "quit", "retire", "oust", "depose", "remove", "step down", "stand down"}
# Words that set what follows in another time than the clause around it.
ELSEWHEN = {"because", "after", "before", "following", "since", "until", "despite", "amid", "ahead", "prior"}
SPAN_WORDS = {"since", "until"}  # below a word they give its own span (`President since 2019`)
# Verbs whose object noun is the event itself: `held talks`, `paid a visit`, `signed an agreement`.
CARRIERS = {"hold", "make", "pay", "conduct", "launch", "carry", "stage", "begin", "start", "have", "give",
            "take", "sign", "reach", "strike", "seal", "offer", "announce", "impose", "open", "resume",
            "continue", "host", "attend", "join", "end", "complete", "extend", "issue", "deliver", "lodge",
            "file", "mount", "wage", "plan", "schedule", "cancel", "postpone", "agree", "propose", "approve",
            "undertake", "renew", "conclude"}
LIFE = {"bear", "die"}  # a birth or death date is not the time of an office or an event
COMPLEMENTS = {"attr", "oprd"}


@lru_cache(maxsize=512)
def sentence_times(text: str, anchor: date | None, planned: bool) -> tuple[tuple[int, int, Time], ...]:
    return tuple(expressions(text, anchor, planned))


def attachments(sent: Span, start: int, end: int) -> list[Token]:
    """The words outside an expression that its words modify: through a preposition left out of it
    (`On last Thursday`, but not `before Sunday`: that is another time); a name has no time of its
    own, so a time the parse hung from one modifies the word above it (`The United Nations on
    Tuesday reduced`)."""
    span = sent.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    heads = [t.head.head if t.dep_ == "pobj" and t.head.lower_ not in ELSEWHEN else t.head
             for t in span if not span.start <= t.head.i < span.end]
    return [head.head if head.pos_ == "PROPN" and head.dep_ in ("nsubj", "nsubjpass") else head for head in heads]


def above(token: Token) -> list[Token]:
    """The token and the words above it whose time is its time, nearest first. The way up stops at
    a word that puts it in another time (`because of the invasion`, `after the talks`) and, from an
    event noun, at a verb that only reacts to it (`condemned the attack`): a noun takes the time of
    a verb it is the subject or predicate of (`the attack killed`, `were a threat`) or that carries it
    (`held talks`)."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        word, head = chain[-1], chain[-1].head
        if head.lower_ in ELSEWHEN and head.dep_ in ("prep", "mark", "advmod") or word.lower_ in ELSEWHEN:
            break
        if word.pos_ == "NOUN" and head.pos_ in ("VERB", "AUX") and word.dep_ not in ("nsubj", "nsubjpass", "attr") \
                and head.lemma_.lower() not in CARRIERS:
            break
        chain.append(head)
    return chain


def office_words(at: Token) -> set[int]:
    """The words whose times an office takes: the title and its relative clauses, or a copular verb
    and its complement (`was Queen of Denmark from 1972 to 2024`, `was appointed in 2000`)."""
    if at.pos_ in ("VERB", "AUX"):
        return {at.i} | {i for c in at.children if c.dep_ in COMPLEMENTS or c.lower_ == "as" for i in own_subtree(c)}
    named = at.head if at.dep_ == "appos" else at  # `the President of France, Emmanuel Macron`
    return own_subtree(named) | {at.i}


def own_subtree(token: Token) -> set[int]:
    """A word's subtree but for the parts set in another time (`before his return on Wednesday`)."""
    words = {token.i}
    for child in token.children:
        if not (child.lower_ in ELSEWHEN - SPAN_WORDS and child.dep_ in ("prep", "mark", "advmod")):
            words |= own_subtree(child)
    return words


def aside(text: str, start: int) -> bool:
    """Inside parentheses: `(born 13 March 1947)`, `(1910 – 1944)`."""
    return text.count("(", 0, start) > text.count(")", 0, start)


def term(heads: list[Token], at: Token, own: set[int]) -> bool:
    """An aside after an office's words, not after the person's name, is its term: `Prime Minister
    of Norway (2001–2005)`, not `Erik Holm (1931–2005)`."""
    return bool(heads) and all(h.i in own and h.i != at.i and h.ent_type_ != "PERSON" for h in heads)


def statement_time(sent: Span, at: Token, modality: str, anchor: date | None, office: bool = False,
                   former: str | None = None) -> Time | None:
    """The time of the statement made at word `at`, or None when the sentence gives it none; an
    office called `former` (the word as written) ended by the document's date."""
    chain = [] if office else [t.i for t in above(at)]
    # an office's own words; an event noun's own modifiers (`the killing of X in an airstrike last week`)
    own = office_words(at) if office else own_subtree(at) if at.pos_ == "NOUN" else set()
    best, distance, taking, leaving, when = None, len(chain) + 1, False, False, False
    for n, (start, end, _) in enumerate(sentence_times(sent.text, anchor, False)):
        heads = attachments(sent, start, end)
        if aside(sent.text, start) and not (office and term(heads, at, own)) or \
                any(h.lemma_.lower() in LIFE or h.lower_ == "born" for h in heads):
            continue
        span = sent.char_span(start, end, alignment_mode="expand")
        # `since Tuesday, when forces killed ...`: the clause hangs from the time itself, and happened then
        inside = [(chain.index(t.i), True) for t in span if t.i in chain] if span is not None else []
        for d, through in [(chain.index(h.i) if h.i in chain else 0 if h.i in own else None, False)
                           for h in heads] + inside:
            if d is not None and d < distance:
                best, distance, when = n, d, through
                taking = any(h.lemma_.lower() in TAKING_OFFICE for h in heads)
                leaving = any(leaving_words(h) for h in heads)
    if best is None and former:  # `then-`: the time of the clause the holder is named in
        verb = next((t for t in [at, *at.ancestors] if t.pos_ in ("VERB", "AUX")), None)
        held = statement_time(sent, verb, modality, anchor) if former.lower() == "then" and verb else None
        return replace(held, ended=True) if held and held.value else \
            ended_before(anchor, former)
    if best is None:
        return started_by(anchor, recent_words(sent, at, own)) if office and recent_words(sent, at, own) else None
    # a plan points forward only from the clause that holds the plan (`said Monday that it will ...` is past)
    planned = modality == "planned" and distance <= 1
    time = sentence_times(sent.text, anchor, planned)[best][2]
    if office and taking and time.value:  # `appointed in 2000`: the office began then
        time = Time(time.text, start=time.value, relative=time.relative)
    elif office and leaving and time.value:  # `resigned in 2005`: the office ended then
        time = Time(time.text, end=time.value, relative=time.relative)
    elif when and not time.value and bool(time.start) != bool(time.end):
        time = Time(time.text, value=time.start or time.end, relative=time.relative)
    return replace(time, ended=True) if former else time


def leaving_words(verb: Token) -> str | None:
    """A verb of leaving an office with its particle, as written (`resigned`, `stepped down`)."""
    lemma = verb.lemma_.lower()
    if lemma in LEAVING_OFFICE:
        return verb.text
    down = next((c for c in verb.children if c.dep_ in ("prt", "advmod") and f"{lemma} {c.lower_}" in LEAVING_OFFICE),
                None)
    return f"{verb.text} {down.text}" if down is not None else None


def recent_words(sent: Span, at: Token, own: set[int]) -> str | None:
    """`newly elected`, `new` before an office's name, as written."""
    word = next((sent.doc[i] for i in sorted(own) if i < at.i and sent.doc[i].lower_ in RECENT), None)
    if word is None:
        return None
    after = sent.doc[word.i + 1] if word.i + 1 < len(sent.doc) else None
    return f"{word.text} {after.text}" if after is not None and after.lemma_ in TAKING_OFFICE else word.text
