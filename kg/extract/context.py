"""What every reader sees: mentions, the document's state, and the frozen context of one sentence.

A reader is a plain function over a `SentenceContext`. The context is frozen: the mention
index is built once per sentence (`kg.extract.mentions.read_sentence`); only the document's
state (`DocState`: people by name and role, the last person named) grows as sentences are read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from spacy.tokens import Span, Token

from kg.extract import confidence
from kg.extract.time import statement_time
from kg.normalize import entity_id
from kg.ontology import GazetteerEntry, Ontology
from kg.types import Entity, Evidence, Statement

# Parse labels and words shared by the readers.
SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OWNER_DEPS = {"poss", "amod", "compound", "nmod"}
PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
# A country's forces named as one body are the country acting (ministries stay organizations).
ARMED_KINDS = {"military", "police", "security forces"}
FIRST_PERSON = {"we", "us", "our"}  # the speaker's side: `X said "we will defend our allies"`
# Prepositions along which a noun reaches the verb or cue above it ("a pledge of aid", "plans for a visit").
CARRIER_PREPS = {"in", "into", "for", "on", "of", "to", "during", "at"}


@dataclass(frozen=True)
class Mention:
    """An entity mention: a gazetteer entry, or a name the gazetteer does not know."""

    key: str | None
    label: str
    type: str
    country: str | None = None
    via: str = "name"  # name, demonym, seat, pronoun, role, fallback, fuzzy (a misspelled name)
    kind: str | None = None  # the kind of group actor it was named by: military, police, protesters ...

    def entity(self) -> Entity:
        return Entity(id=entity_id(self.key, self.label, self.type), label=self.label, type=self.type,
                      country=self.country)


@dataclass
class DocState:
    """What one document has told so far: people by name and role, the last person named."""

    ontology: Ontology
    date: date | None = None  # the document's date, that times are read against
    people: dict[str, Mention] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    roles: dict[str, Mention] = field(default_factory=dict)
    last_person: Mention | None = None
    named_actors: list[Mention] = field(default_factory=list)  # people, countries, organizations named, latest last
    named: set[str] = field(default_factory=set)  # labels of the countries named so far
    acronyms: dict[str, Mention] = field(default_factory=dict)  # initials -> an unknown organization named
    holders: dict[tuple[str, str], Mention] = field(default_factory=dict)  # (person, title) -> the title's holder
    named_countries: Counter[str] = field(default_factory=Counter)  # country -> sentences naming it, in order
    offices: dict[str, str] = field(default_factory=dict)  # person -> the country they were read to hold an office of

    def subject_country(self) -> str | None:
        """The country the document is about: the first it names (in the headline or the lead),
        once it has named it again."""
        first = next(iter(self.named_countries), None)
        return first if first and self.named_countries[first] > 1 else None

    def country_of(self, mention: Mention) -> str | None:
        return mention.country or self.countries.get(mention.label)

    def serves(self, mention: Mention) -> str | None:
        """The country whose state a person holds (or held) an office of, as this document or the gazetteer says."""
        known = self.ontology.state_offices.get(mention.key) if mention.key else None
        return self.offices.get(mention.label) or known

    def person(self, mention: Mention, via: str | None = None) -> Mention:
        """The mention with the country learnt for it in this document (and how it was reached)."""
        return replace(mention, country=self.country_of(mention), via=via or mention.via)


def word_index(sent: Span) -> dict[str, list[Token]]:
    """The sentence's tokens by lower-cased text and by lower-cased lemma, each list in sentence order."""
    index: dict[str, list[Token]] = {}
    for token in sent:
        lower, lemma = token.lower_, token.lemma_.lower()
        index.setdefault(lower, []).append(token)
        if lemma != lower:
            index.setdefault(lemma, []).append(token)
    return index


def having(index: dict[str, list[Token]], *words: Collection[str]) -> list[Token]:
    """The tokens of `index` (`word_index`) whose word or lemma is one of `words`, in sentence order."""
    found = {}
    for some in words:
        for word in some if len(some) < len(index) else [word for word in index if word in some]:
            for token in index.get(word, ()):
                found[token.i] = token
    return [found[i] for i in sorted(found)]


def from_entry(entry: GazetteerEntry, kind: str = "entity") -> Mention:
    """A mention of a gazetteer entry; demonyms and seats of government stand for the country."""
    if kind in ("demonym", "seat"):
        return Mention(entry.key, entry.label, "Country", entry.country, kind)
    return Mention(entry.key, entry.label, entry.type, entry.country)


def country_mention(ontology: Ontology, iso3: str | None, via: str) -> Mention | None:
    entry = ontology.entries.get(f"country/{iso3}") if iso3 else None
    return Mention(entry.key, entry.label, "Country", iso3, via) if entry else None


@dataclass(frozen=True)
class SentenceContext:
    """One sentence as the readers see it: its parse, the mention of each token, where it stands."""

    sent: Span
    ents: tuple[Span, ...]  # the sentence's named-entity spans
    state: DocState
    mentions: dict[int, Mention]  # token index -> mention; the tokens of one name share one object
    offset: int  # the paragraph's offset in the document's text
    doc_id: str
    headline: bool
    words: dict[str, list[Token]]  # the sentence's tokens by word and by lemma (`word_index`)

    @property
    def ontology(self) -> Ontology:
        return self.state.ontology

    def having(self, *words: Collection[str]) -> list[Token]:
        """The tokens whose lower-cased text or lemma is one of `words`, in sentence order: the only ones a reader
        looking for those words needs to visit."""
        return having(self.words, *words)

    @cached_property
    def text(self) -> str:
        return self.sent.text

    @cached_property
    def named(self) -> tuple[Token, ...]:
        """The tokens of the sentence's mentions, in sentence order."""
        doc, sent = self.sent.doc, self.sent
        return tuple(doc[i] for i in sorted(self.mentions) if sent.start <= i < sent.end)

    def mention_at(self, token: Token) -> Mention | None:
        """The token's mention; a person with the country learnt for them in this document."""
        mention = self.mentions.get(token.i)
        return self.state.person(mention) if mention and mention.type == "Person" else mention

    def is_known(self, token: Token) -> bool:
        mention = self.mentions.get(token.i)
        return mention is not None and mention.key is not None

    def statement(self, subject: Mention, relation: str, obj: Mention, score: float,
                  modality: str = "asserted", value=None, role: str | None = None,
                  trigger: str = "", at: Token | None = None, office: bool = False,
                  former: str | None = None) -> Statement:
        """A statement with this sentence as its evidence, and the time the sentence gives the word `at`."""
        start = self.offset + self.sent.start_char
        evidence = Evidence(self.text, start, start + len(self.text))
        time = statement_time(self.sent, at, modality, self.state.date, office, former) if at is not None else None
        if "fuzzy" in (subject.via, obj.via):
            score *= confidence.NEAR_NAME
        if modality in ("planned", "possible"):
            score *= confidence.UNREALIZED
        return Statement(self.doc_id, subject.entity(), relation, obj.entity(), evidence, modality,
                         round(min(score, confidence.CEILING), 3), value, role, trigger, subject.kind, obj.kind,
                         time)
