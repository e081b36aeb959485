"""The text spaCy parses: paragraphs of the cleaned text, headlines recognised and lower-cased."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.ontology import Ontology

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

HEADLINE_MIN_WORDS = 4
SENTENCE_ENDS = (".", "?", "!", "”", '"', ":")


def paragraphs(text: str, limit: int = 10_000) -> Iterator[tuple[int, str]]:
    """(offset, line) for every non-empty line of the cleaned text.

    A line longer than `limit` characters comes in pieces, cut after a sentence end, else at a
    space, else anywhere: spaCy refuses texts over `nlp.max_length` and needs memory by length.

    >>> list(paragraphs("Japan and the US met.\\n\\nThey agreed."))
    [(0, 'Japan and the US met.'), (23, 'They agreed.')]
    >>> list(paragraphs("One. Two. Three.", limit=8))
    [(0, 'One.'), (5, 'Two.'), (10, 'Three.')]
    """
    offset = 0
    for line in text.split("\n"):
        start = 0
        while len(line) - start > limit:
            window = line[start:start + limit + 1]
            cut = max(window.rfind(f"{mark} ") for mark in ".!?") + 1
            if cut < limit // 2:
                cut = window.rfind(" ")
            if cut <= 0:
                cut = limit
            if window[:cut].strip():
                yield offset + start, window[:cut]
            start += cut
            while start < len(line) and line[start] == " ":
                start += 1
        if line[start:].strip():
            yield offset + start, line[start:]
        offset += len(line) + 1


def is_title_line(line: str) -> bool:
    """A line without final punctuation: a title, in title case or not.

    >>> is_title_line("Chile threatens Peru over river"), is_title_line("Chile threatened Peru.")
    (True, False)
    """
    return not line.rstrip().endswith(SENTENCE_ENDS)


def is_title_span(span: Doc | Span) -> bool:
    """`is_title_line` of a parsed text, read from its last word (a word holds no white space) without
    joining its text."""
    return not next((t.text for t in reversed(span) if not t.is_space), "").endswith(SENTENCE_ENDS)


def is_headline(line: str) -> bool:
    """A title-case line without final punctuation.

    >>> is_headline("Trump Solidifies Alliances With Japan"), is_headline("Trump met Takaichi in Tokyo.")
    (True, False)
    """
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(words) < HEADLINE_MIN_WORDS or not is_title_line(line):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


def parse_text(line: str, ontology: Ontology) -> str:
    """The text spaCy parses: headlines get ordinary words lower-cased, same length."""
    if not is_headline(line):
        return line
    known = ontology.name_words

    def lower(m: re.Match) -> str:
        word = m.group(0)
        bare = re.sub(r"['’]s$", "", word)
        return word if bare in known or m.start() == 0 else word.lower()

    return re.sub(r"[A-Za-z][\w'’-]*", lower, line)
