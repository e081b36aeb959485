"""When a statement happened or held: the sentence's time expression that hangs on its word.

`kg.timex` finds and normalizes the expressions of the sentence's text against the document's
date; here the parse decides which one belongs to a statement. An expression belongs to the
statement's word (the trigger verb or noun) when the word it modifies is that word or one above
it (`met ... on Monday`, `said Thursday that ... agreed`); the nearest wins. An office takes only
its own modifiers (`Obama, president from 2009 to 2017`), else it holds at the document's date;
`newly elected`, `new` before a title say it began by then.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.timex import expressions, started_by
from kg.types import Time

RECENT = {"newly", "new"}
TAKING_OFFICE = {"elect", "appoint", "install", "inaugurate", "swear", "name", "choose"}


@lru_cache(maxsize=512)
def sentence_times(text: str, anchor: date | None, planned: bool) -> tuple[tuple[int, int, Time], ...]:
    return tuple(expressions(text, anchor, planned))


def attachments(sent: Span, start: int, end: int) -> list[Token]:
    """The words outside an expression that its words modify."""
    span = sent.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t.head for t in span if not span.start <= t.head.i < span.end]


def above(token: Token) -> list[Token]:
    """The token and the words above it, nearest first."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def statement_time(sent: Span, at: Token, modality: str, anchor: date | None, office: bool = False) -> Time | None:
    """The time of the statement made at word `at`, or None when the sentence gives it none."""
    chain = [] if office else [t.i for t in above(at)]
    named = at.head if office and at.dep_ == "appos" else at  # `the President of France, Emmanuel Macron`
    own = {t.i for t in named.subtree} | {at.i} if office else set()
    best, distance = None, len(chain) + 1
    for n, (start, end, _) in enumerate(sentence_times(sent.text, anchor, False)):
        for head in attachments(sent, start, end):
            d = chain.index(head.i) if head.i in chain else 0 if head.i in own else None
            if d is not None and d < distance:
                best, distance = n, d
    if best is None:
        recent = [sent.doc[i] for i in sorted(own) if i < at.i and sent.doc[i].lower_ in RECENT]
        if not recent:
            return None
        word = recent[0]
        after = sent.doc[word.i + 1] if word.i + 1 < len(sent.doc) else None
        text = f"{word.text} {after.text}" if after is not None and after.lemma_ in TAKING_OFFICE else word.text
        return started_by(anchor, text)
    # a plan points forward only from the clause that holds the plan (`said Monday that it will ...` is past)
    planned = modality == "planned" and distance <= 1
    return sentence_times(sent.text, anchor, planned)[best][2]
