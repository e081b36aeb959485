"""Relation extraction over spaCy's dependency parse, driven by the ontology's lexicons.

`extract(docs, nlp, ontology)` turns documents into `Statement`s; no spaCy object leaves
this module. The rules are general: a trigger word from `ontology/lexicon/triggers.tsv`
names a relation, and its arguments are found along the parse (subjects, objects,
prepositions, possessives, coordination), then resolved to entities through the gazetteer,
titles, and within-document coreference for pronouns, role nouns and short names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import combinations, groupby

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.normalize import entity_id
from kg.ontology import GazetteerEntry, Ontology, Relation, Trigger
from kg.types import Document, Entity, Evidence, Statement
from kg.values import parse_value

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
# Dependencies along which a verb inherits the subject of the word it hangs from.
INHERIT_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "ccomp"}
# Dependencies along which a noun trigger reaches the verb that carries it ("X offered a pledge").
CARRIER = {"dobj", "attr", "oprd", "pobj", "prep", "conj", "appos", "compound", "npadvmod"}
CARRIER_PREPS = {"in", "into", "for", "on", "of", "to", "during", "at"}
# Dependencies along which modality cues are inherited ("expected to meet", "plans a visit").
MODAL_PATH = {"xcomp", "dobj", "acl", "pobj", "prep", "pcomp", "advcl", "conj", "attr", "compound", "nsubjpass"}
OWNER_DEPS = {"poss", "amod", "compound", "nmod"}
OWNER_PREPS = {"of", "for", "as", "including", "from", "by"}
PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
NOT_TITLES = {"former", "ex", "late", "then", "outgoing", "deputy-to-be"}
HEADLINE_MIN_WORDS = 4
NEGATIONS = {"not", "n't", "never", "no"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# `Western Cambodia`, `southern Lebanon`: a part of a country named by its direction
DIRECTION = re.compile(r"^(?:(?:north|south|east|west)(?:ern)?|central|north-?(?:east|west)(?:ern)?|"
                       r"south-?(?:east|west)(?:ern)?)\s+", re.I)


@dataclass(frozen=True)
class Mention:
    """An entity mention: a gazetteer entry, or a name the gazetteer does not know."""

    key: str | None
    label: str
    type: str
    country: str | None = None
    via: str = "name"  # name, demonym, seat, pronoun, role, fallback

    def entity(self) -> Entity:
        return Entity(id=entity_id(self.key, self.label, self.type), label=self.label, type=self.type,
                      country=self.country)


@dataclass
class DocState:
    """What one document has told so far: people by name and role, the last person named."""

    ontology: Ontology
    people: dict[str, Mention] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    roles: dict[str, Mention] = field(default_factory=dict)
    last_person: Mention | None = None

    def country_of(self, mention: Mention) -> str | None:
        return mention.country or self.countries.get(mention.label)

    def person(self, mention: Mention, via: str | None = None) -> Mention:
        """The mention with the country learnt for it in this document (and how it was reached)."""
        return replace(mention, country=self.country_of(mention), via=via or mention.via)


def from_entry(entry: GazetteerEntry, kind: str = "entity") -> Mention:
    """A mention of a gazetteer entry; demonyms and seats of government stand for the country."""
    if kind in ("demonym", "seat"):
        return Mention(entry.key, entry.label, "Country", entry.country, kind)
    return Mention(entry.key, entry.label, entry.type, entry.country)


def country_mention(ontology: Ontology, iso3: str | None, via: str) -> Mention | None:
    entry = ontology.entries.get(f"country/{iso3}") if iso3 else None
    return Mention(entry.key, entry.label, "Country", iso3, via) if entry else None


class SentenceReader:
    """Mentions, titles and relations of one sentence, with the document's state."""

    def __init__(self, sent: Span, state: DocState, offset: int, doc_id: str, headline: bool):
        self.sent = sent
        self.state = state
        self.ontology = state.ontology
        self.offset = offset
        self.doc_id = doc_id
        self.headline = headline
        self.mentions: dict[int, Mention] = {}
        resolved = [(ent, self.resolve_entity(ent)) for ent in sent.ents]
        for ent, mention in resolved:
            if mention and mention.via == "demonym" and ent.start > sent.start and \
                    sent.doc[ent.start - 1].lower_ == "ethnic":
                continue  # `ethnic Albanians` are a people, not the Albanian state
            for token in ent if mention else ():
                self.mentions[token.i] = mention
        for ent, mention in resolved:
            if mention and mention.key is None and mention.type == "Organization":
                self.adopt_country(ent, mention)

    def adopt_country(self, ent: Span, mention: Mention) -> None:
        """`US Congress`, `Israeli army`: an unknown organization acts for the country modifying it."""
        for child in ent.root.children:
            owner = self.mentions.get(child.i)
            if child.dep_ in OWNER_DEPS and owner and owner.type == "Country":
                adopted = replace(mention, country=owner.country)
                for token in ent:
                    self.mentions[token.i] = adopted
                return

    # -- entities -----------------------------------------------------------------

    def resolve_entity(self, ent: Span) -> Mention | None:
        ontology = self.ontology
        if ent.ent_id_:
            kind, key = ent.ent_id_.split(":", 1)
            entry = ontology.entries[key]
            mention = from_entry(entry, kind)
            if entry.type == "Person":
                self.remember_person(mention)
            return mention
        text = re.sub(r"^(the|The)\s+|['’]s?$", "", ent.text).strip()
        if ent.label_ == "PERSON":
            return self.resolve_person(text)
        hit = ontology.lookup(text) or ontology.lookup(DIRECTION.sub("", text))
        if hit:
            return from_entry(hit[1], hit[0])
        if ent.label_ in ("GPE", "LOC", "FAC"):
            return Mention(None, text, "Location")
        if ent.label_ == "ORG" and len(text) > 2:
            return Mention(None, text, "Organization")
        return None

    def resolve_person(self, text: str) -> Mention | None:
        words = text.split()
        while words and words[0].lower() in self.ontology.titles:
            words = words[1:]
        if not words:
            return None
        name = " ".join(words)
        state = self.state
        if len(words) == 1:
            for full, mention in state.people.items():
                if full.split()[-1] == name or full.split()[0] == name:
                    return mention
        hit = self.ontology.lookup(name)
        mention = from_entry(hit[1]) if hit and hit[1].type == "Person" else Mention(None, name, "Person")
        self.remember_person(mention)
        return mention

    def remember_person(self, mention: Mention) -> None:
        if len(mention.label.split()) > 1 or mention.key:
            self.state.people.setdefault(mention.label, mention)
        if mention.country:
            self.state.countries.setdefault(mention.label, mention.country)

    def mention_at(self, token: Token) -> Mention | None:
        mention = self.mentions.get(token.i)
        return self.state.person(mention) if mention and mention.type == "Person" else mention

    def title_words(self, token: Token) -> list[Token]:
        """Title-like modifiers to the left of a name: `U.S. President`, `China's Vice Premier`."""
        words = []
        own = self.mentions.get(token.i)
        for child in token.lefts:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "case", "det", "punct") and \
                    (own is None or self.mentions.get(child.i) is not own):
                words.extend(child.subtree)
        return sorted(set(words), key=lambda t: t.i)

    def is_known(self, token: Token) -> bool:
        mention = self.mentions.get(token.i)
        return mention is not None and mention.key is not None

    def match_title(self, words: list[Token]) -> tuple[str, str, Mention | None] | None:
        """(relation, role text, country or organization) for a run of title words."""
        plain = [t for t in words if not self.is_known(t) and t.dep_ not in ("case", "det", "punct")]
        if any(t.lower_ in NOT_TITLES for t in words):
            return None
        best = self.title_of(plain)
        if best is None:
            return None
        holder = None
        for t in words:
            mention = self.mentions.get(t.i)
            if mention and self.is_known(t) and mention.type in ("Country", "Organization", "City"):
                # a city, or a national body such as a ministry, stands for its country
                national = mention.type == "City" or mention.type == "Organization" and mention.country
                holder = country_mention(self.ontology, mention.country, "title") if national else mention
        if holder and holder.type == "Organization" and best[0] != "official_of":
            best = ("official_of", best[1])
        return best[0], best[1], holder

    def titles(self) -> Iterator[Statement]:
        """head_of_state / head_of_government / official_of from titles and appositions."""
        seen = set()
        for token in self.sent:
            person = self.mentions.get(token.i)
            if not person or person.type != "Person" or token.i in seen:
                continue
            tokens = [t for t in self.sent if self.mentions.get(t.i) is person]
            root = next((t for t in reversed(tokens) if t.head not in tokens), tokens[-1])
            seen.update(t.i for t in tokens)
            found = self.match_title(self.title_words(root))
            confidence = 0.9
            if not found:
                found = self.inner_title(person, tokens)
            if not found:
                nouns = [root.head] if root.dep_ == "appos" else []
                nouns += [c for c in root.children if c.dep_ == "appos" and c.i not in self.mentions]
                for noun in nouns:
                    found = self.match_title(self.title_words(noun) + [noun])
                    if found:
                        confidence = 0.85
                        break
            if not found:
                continue
            relation, role, holder = found
            holder = holder or country_mention(self.ontology, self.state.country_of(person), "title")
            self.state.roles[role.lower().split()[-1]] = person
            self.state.roles[role.lower()] = person
            if holder and holder.type == "Country":
                self.state.countries.setdefault(person.label, holder.country)
            if holder:
                yield self.statement(self.state.person(person), relation, holder, confidence,
                                     role=role if relation == "official_of" else None, trigger=role)

    def title_of(self, words: list[Token]) -> tuple[str, str] | None:
        """(relation, title as written) for title words: the longest known title ending them."""
        lowered = [t.lower_ for t in words]
        for start in range(len(lowered)):
            if " ".join(lowered[start:]) in self.ontology.titles:
                return self.ontology.titles[" ".join(lowered[start:])], " ".join(t.text for t in words)
        return None

    def inner_title(self, person: Mention, tokens: list[Token]) -> tuple[str, str, Mention | None] | None:
        """A title inside a known name, `Vice Premier He Lifeng`, held in the person's own country."""
        country = country_mention(self.ontology, self.state.country_of(person), "title")
        words = self.ontology.title_words
        prefix = [t for t in tokens[:next((i for i, t in enumerate(tokens) if t.lower_ not in words),
                                          len(tokens))]]
        found = self.title_of(prefix) if country else None
        return (*found, country) if found else None

    def role_noun(self, token: Token) -> Mention | None:
        """`the president`, `Japan's new prime minister`: the person holding that role."""
        words = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod") and t.i not in self.mentions]
        phrases = (" ".join([*words, token.lower_][start:]) for start in range(len(words) + 1))
        title = next((phrase for phrase in phrases if phrase in self.ontology.titles), None)
        if title is None:
            return None
        holder = next((self.mentions[c.i] for c in token.children
                       if c.dep_ in OWNER_DEPS and c.i in self.mentions), None)
        person = self.state.roles.get(title)
        if holder is None:
            return replace(person, via="role") if person else None
        if person and self.state.country_of(person) == holder.country:
            return person
        key = self.ontology.leaders.get((holder.country, self.ontology.titles[title]))
        return from_entry(self.ontology.entries[key]) if key else None

    def actors(self, token: Token, depth: int = 0) -> list[Mention]:
        """The entities an argument word stands for, following coordination."""
        if depth > 3:
            return []
        found = self.actor(token, depth)
        for conj in token.conjuncts:
            if conj.i > token.i:
                found += [m for m in self.actor(conj, depth) if m not in found]
        return found + [m for m in self.listed_after(token) if m not in found]

    def listed_after(self, token: Token) -> list[Mention]:
        """Names of the same kind that follow a name in a comma list: `Japan, South Korea and India`."""
        first = self.mentions.get(token.i)
        listed: list[Mention] = []
        i = token.i + 1
        while first and i + 1 < self.sent.end:
            while i < self.sent.end and self.mentions.get(i) is self.mentions.get(i - 1) and i > token.i + 1:
                i += 1
            while i < self.sent.end and self.mentions.get(i) is first:
                i += 1
            if i + 1 >= self.sent.end or self.sent.doc[i].text not in (",", "and"):
                break
            nxt = self.mentions.get(i + 1)
            if nxt is None or nxt.type != first.type:
                break
            listed.append(nxt)
            first, i = nxt, i + 2
        return listed

    def antecedent(self, pronoun: Token) -> list[Mention]:
        """What a pronoun stands for: the speaker in `X said it would ...`, else the last person
        (he, she) or the last country or organization named before it in the sentence (it, they)."""
        clause = pronoun.head
        while clause.dep_ not in ("ccomp", "ROOT") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ == "ccomp":
            speakers = [m for c in clause.head.children if c.dep_ in SUBJECTS for m in self.actors(c)
                        if c.lower_ not in PRONOUNS | GROUP_PRONOUNS]
            if speakers and (pronoun.lower_ in GROUP_PRONOUNS) == (speakers[0].type != "Person"):
                return [self.state.person(m, "pronoun") for m in speakers]
        kinds = ("Person",) if pronoun.lower_ in PRONOUNS else ("Country", "Organization")
        earlier = [m for t in self.sent if t.i < pronoun.i and (m := self.mentions.get(t.i)) and m.type in kinds]
        last = earlier[-1] if earlier else self.state.last_person if kinds == ("Person",) else None
        return [self.state.person(last, "pronoun")] if last else []

    def owners(self, token: Token) -> list[Mention]:
        """Entities modifying a noun: `US officials`, `Japan's decision`, `French and Egyptian warships`."""
        found: list[Mention] = []
        for child in token.children:
            if child.dep_ in OWNER_DEPS and (self.mention_at(child) or child.lower_ in PRONOUNS):
                found += [m for m in self.actors(child) if m not in found]
                found += [m for c in child.children if c.dep_ == "compound" and (m := self.mention_at(c))
                          and m not in found]
            elif child.dep_ == "amod" and child.lemma_ == "lead":
                found += [m for c in child.children if (m := self.mention_at(c)) and m not in found]
        return found

    def actor(self, token: Token, depth: int) -> list[Mention]:
        mention = self.mention_at(token)
        if mention:
            return [mention, *self.owners(token)] if mention.type == "Commodity" else [mention]
        if token.lower_ in PRONOUNS | GROUP_PRONOUNS:
            return self.antecedent(token)
        named = [m for c in token.children if c.dep_ == "appos" for m in self.actors(c, depth + 1)]
        if named:
            return named
        if token.pos_ in ("NOUN", "PROPN"):
            person = self.role_noun(token)
            if person:
                return [self.state.person(person)]
        owners = self.owners(token)
        if owners:
            return owners
        preps = OWNER_PREPS | {"in", "near"} if token.lemma_.lower() in self.ontology.places else OWNER_PREPS
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actors(pobj, depth + 1)
                        if found:
                            return found
        return []

    # -- relations ----------------------------------------------------------------

    def relations(self) -> Iterator[Statement]:
        for token in self.sent:
            pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
            if pos is None or token.i in self.mentions or pos == "NOUN" and token.dep_ == "compound":
                continue
            context = None  # the words near the token, gathered once and only when a trigger requires them
            for lemma in dict.fromkeys((token.lemma_.lower(), token.lower_)):
                for trigger in self.ontology.triggers_for(lemma, pos):
                    if trigger.requires:
                        context = self.context_words(token, pos) if context is None else context
                        if not trigger.requires & context:
                            continue
                    yield from self.apply(token, trigger)

    def context_words(self, token: Token, pos: str) -> set[str]:
        """Words that satisfy a trigger's `requires`: objects, modifiers, the governing verb."""
        near = list(token.children) + [token.head]
        for child in token.children:
            if child.dep_ in ("prep", "dobj", "nsubjpass", "attr", "xcomp", "acomp", "ccomp"):
                near += list(child.children)
        if pos == "NOUN":
            near += list(token.lefts)
            near += [token.head, token.head.head] if token.dep_ != "ROOT" else []
            for left in token.lefts:
                near += list(left.subtree)
        words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
        for left in token.lefts:
            words.add("".join(t.lower_ for t in left.subtree))
        return words

    def carrier_verb(self, token: Token) -> Token | None:
        """The verb a noun trigger hangs from: `offered` in `Japan had offered a pledge`."""
        head = token
        for _ in range(4):
            if head.dep_ not in CARRIER or head.head is head:
                return None
            if head.dep_ == "prep" and head.lower_ not in CARRIER_PREPS:
                return None
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                return head
        return None

    def subject_of(self, verb: Token, passive: bool = False) -> tuple[list[Mention], float]:
        """The actors doing what `verb` says, climbing xcomp/conj/advcl chains.

        With `passive`, a passive subject counts when no agent is named (`Egypt was locked in a dispute`).
        """
        head, via = verb, ""
        factor = 1.0
        for _ in range(5):
            for child in head.children:
                if child.lower_ in RELATIVE_PRONOUNS:
                    continue
                if via == "xcomp" and child.dep_ in PASSIVE_SUBJECTS:  # `X is expected to visit`
                    return self.actors(child), factor
                if child.dep_ in SUBJECTS or passive and child.dep_ in PASSIVE_SUBJECTS and not any(
                        c.dep_ == "agent" for c in head.children):
                    return self.actors(child), factor
                if child.dep_ == "agent":
                    pobjs = [c for c in child.children if c.dep_ == "pobj"]
                    if pobjs:
                        return self.actors(pobjs[0]), factor
            if head.dep_ == "relcl":
                return self.actors(head.head), factor * 0.9
            if head.dep_ not in INHERIT_SUBJECT or head.head is head:
                break
            head, via = head.head, head.dep_
            factor *= 0.95
            if head.pos_ in ("NOUN", "PROPN"):
                return self.actor(head, 0), factor
        return [], factor

    def slot(self, token: Token, name: str, anchors: list[Token]) -> list[Mention]:
        """Actors in one object slot: `dobj`, `iobj`, `complement`, or a preposition such as `with`."""
        found: list[Mention] = []
        objects = [c for c in token.children if c.dep_ == "dobj" and c not in anchors]
        for head in [token, *anchors, *(objects if name not in ("dobj", "iobj", "complement") else ())]:
            for child in head.children:
                if name == "dobj" and (child.dep_ == "dobj" or child.dep_ in PASSIVE_SUBJECTS):
                    found += self.actors(child)
                elif name == "iobj" and child.dep_ == "dative":
                    found += self.actors(child)
                elif name == "complement" and child.dep_ in ("ccomp", "xcomp"):
                    found += [m for c in child.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS
                              for m in self.actors(c)]
                elif name == "target" and child.dep_ in ("ccomp", "xcomp"):
                    found += self.target(child)
                elif name == "relcl" and child.dep_ == "relcl" and head is not token:
                    found += [m for obj in child.children if obj.dep_ == "dobj" for m in self.actors(obj)]
                elif child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ == name:
                    found += self.prep_object(child)
            if name == "dobj" and not found:
                found += [m for prt in head.children if prt.dep_ == "prt"
                          for prep in prt.children if prep.dep_ == "prep" for m in self.prep_object(prep)]
            if found:
                break
        return found

    def prep_object(self, prep: Token) -> list[Mention]:
        """Actors governed by a preposition; when the parse left it dangling, the next noun."""
        objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "dobj")]
        if not objects:
            objects = [t for t in prep.doc[prep.i + 1:min(prep.i + 7, self.sent.end)]
                       if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"][:1]
        return [m for obj in objects for m in self.actors(obj)]

    def target(self, clause: Token) -> list[Mention]:
        """Whom a threatened action is aimed at: the first actor among the complement's objects."""
        for token in clause.subtree:
            if token.dep_ in ("dobj", "pobj", "dative") and token.i > clause.i:
                found = self.actors(token)
                if found:
                    return found
        return []

    def apply(self, token: Token, trigger: Trigger) -> Iterator[Statement]:
        relation = self.ontology.relations[trigger.relation]
        carrier = self.carrier_verb(token) if trigger.pos == "NOUN" else None
        anchors = [c for d in token.children if d.dep_ in ("dobj", "nsubjpass") for c in (d, *d.conjuncts)
                   if c.lemma_.lower() in trigger.requires]
        if carrier is not None:
            anchors.append(carrier)
        confidence = trigger.confidence * (0.9 if self.headline else 1.0)

        pairs = []
        if "between" in trigger.objects:
            between = self.slot(token, "between", anchors)
            if len(between) >= 2 and relation.symmetric:
                pairs = list(combinations(between, 2))
        if not pairs:
            subjects, factor = self.subjects(token, trigger, carrier)
            objects = []
            for name in trigger.objects:
                objects = self.slot(token, name, anchors)
                if objects:
                    break
            if not objects and trigger.modifiers == "object":
                objects = self.owners(token)
            if not objects and relation.symmetric and len(subjects) >= 2:
                pairs = list(combinations(subjects, 2))
            else:
                if not subjects and objects and trigger.pos == "NOUN":
                    subjects, factor = self.sentence_subject(), 0.6
                if subjects and not objects and relation.counterpart:
                    objects, factor = self.other_actor(subjects, relation), factor * 0.55
                pairs = [(s, o) for s in subjects for o in objects]
            confidence *= factor
        if not pairs:
            return
        modality = self.modality(token, clause=trigger.pos == "VERB" or bool(relation.cameo))
        if modality == "refused":
            relation = self.ontology.relations.get(relation.refused_as, relation)
            modality = "asserted" if relation.name != trigger.relation else "negated"
        value = self.value(token, anchors, relation)
        for subject, obj in pairs:
            subject = self.fit(subject, relation, "subject")
            obj = self.fit(obj, relation, "object")
            if subject is None or obj is None or subject.key == obj.key and subject.label == obj.label:
                continue
            penalty = 0.9 if "pronoun" in (subject.via, obj.via) or "role" in (subject.via, obj.via) else 1.0
            yield self.statement(subject, relation.name, obj, confidence * penalty, modality, value,
                                 trigger=token.text)

    def subjects(self, token: Token, trigger: Trigger, carrier: Token | None) -> tuple[list[Mention], float]:
        found, factor = self.parsed_subjects(token, trigger, carrier)
        if not found and self.headline:
            first = next((self.mentions[t.i] for t in self.sent if t.i < token.i and t.i in self.mentions), None)
            return ([first], 0.8) if first else ([], 1.0)
        return found, factor

    def parsed_subjects(self, token: Token, trigger: Trigger, carrier: Token | None
                        ) -> tuple[list[Mention], float]:
        if trigger.pos == "VERB":
            return self.subject_of(token)
        owners = self.owners(token) if trigger.modifiers == "subject" else []
        if owners:
            return owners, 1.0
        if token.dep_ == "appos":
            return self.actors(token.head), 0.9
        named = [m for c in token.children if c.dep_ == "appos" for m in self.actors(c)]
        if named:
            return named, 0.9
        if carrier is None:
            return [], 1.0
        if token.head.lower_ == "for":
            recipients = self.recipients(token.head.head)
            if recipients:
                return recipients, 0.9
        found, factor = self.subject_of(carrier, passive=True)
        return found, factor * 0.95

    def recipients(self, verb: Token) -> list[Mention]:
        """Whom a verb is addressed to: `invited X for talks`, `extended an invitation to X for a visit`."""
        if verb.pos_ in ("NOUN", "PROPN"):
            return [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "to"
                    for m in self.prep_object(prep)]
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                found = self.actors(child) or [m for prep in child.children if prep.dep_ == "prep"
                                               and prep.lower_ == "to" for m in self.prep_object(prep)]
                if found:
                    return found
        return []

    def sentence_subject(self) -> list[Mention]:
        root = self.sent.root
        return [m for c in root.children if c.dep_ in SUBJECTS for m in self.actors(c)]

    def other_actor(self, subjects: list[Mention], relation: Relation) -> list[Mention]:
        """The one other actor of the sentence, when a relation names no object."""
        keys = {(m.key, m.label) for m in subjects}
        subject_countries = {m.country for m in subjects}
        others = []
        for mention in dict.fromkeys(self.mentions.values()):
            mention = self.fit(mention, relation, "object")
            if mention and (mention.key, mention.label) not in keys and mention not in others and \
                    not (mention.type == "Country" and mention.country in subject_countries):
                others.append(mention)
        return others if len(others) == 1 else []

    def fit(self, mention: Mention, relation: Relation, slot: str) -> Mention | None:
        """The mention as the relation's domain or range allows: cities and people may stand for countries."""
        if mention.type in ("City", "Location") and relation.accepts(slot, mention.type):
            return mention
        if mention.type in ("City", "Location", "Person") and not relation.accepts(slot, mention.type):
            country = self.state.country_of(mention) if mention.type == "Person" else mention.country
            return country_mention(self.ontology, country, mention.type.lower()) if relation.accepts(
                slot, "Country") else None
        return mention if relation.accepts(slot, mention.type) else None

    def modality(self, token: Token, clause: bool = True) -> str:
        """The nearest modality cue on the way up the parse; a refusal or negation above it wins.

        Without `clause`, only the word's own modifiers count: a state named by a noun
        (`those tensions`, `the alliance`) is presupposed whatever the clause around it says.
        """
        found = None
        head, via = token, ""
        for step in range(5 if clause else 1):
            cue = self.cue(head, step, token.pos_ == "NOUN", via)
            if cue in ("negated", "refused"):
                return cue
            found = found or cue
            if head.dep_ not in MODAL_PATH or head.head is head or \
                    head.dep_ == "prep" and head.lower_ not in CARRIER_PREPS:
                break
            head, via = head.head, head.dep_
        return found or "asserted"

    def cue(self, head: Token, step: int, nominal: bool, via: str) -> str | None:
        """The modality one word of the path carries: its auxiliaries, negation, cue word or modifiers.

        A cue verb counts for its complement or object (`plans to meet`, `plans a visit`), not for
        what hangs from its prepositions (`agreed to a ceasefire` is the agreement itself).
        """
        cues = self.ontology.modality
        children = list(head.children)
        if any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det") for c in children):
            ruled_out = head.lemma_ == "rule" and any(c.lower_ == "out" for c in children)
            return "possible" if ruled_out else "negated"
        for child in children:
            if child.dep_ in ("aux", "auxpass") and ("aux", child.lower_) in cues:
                return cues[("aux", child.lower_)]
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return "possible"
            if child.dep_ in ("amod", "acomp", "advmod") and ("adj", child.lower_) in cues:
                return cues[("adj", child.lower_)]
        lemma = head.lemma_.lower()
        if step and via != "prep" and head.pos_ in ("VERB", "ADJ") and ("verb", lemma) in cues:
            return cues[("verb", lemma)]
        # `pledged to send aid`, `pledged $2 billion in aid` - but `offered a pledge` is the pledge itself
        if (via in ("xcomp", "ccomp") or step > 1 and via == "dobj") and head.pos_ == "VERB" and \
                ("commit", lemma) in cues:
            return cues[("commit", lemma)]
        if step and head.pos_ == "NOUN" and ("noun", lemma) in cues:
            return cues[("noun", lemma)]
        if step and head.pos_ == "ADJ" and ("adj", head.lower_) in cues:
            return cues[("adj", head.lower_)]
        if nominal and head.dep_ == "pobj" and head.head.lower_ == "for":
            return "planned"
        return None

    def value(self, token: Token, anchors: list[Token], relation: Relation):
        if not relation.value:
            return None
        heads = [token, *anchors]
        spans = [e for e in self.sent.ents if e.label_ in ("MONEY", "PERCENT")]
        near = [e for e in spans if any(e.root.is_ancestor(h) or h.is_ancestor(e.root) or e.root.head == h
                                        for h in heads)]
        for ent in sorted(near, key=lambda e: abs(e.start - token.i)):
            value = parse_value(ent.text, relation.value)
            if value:
                return value
        return None

    def statement(self, subject: Mention, relation: str, obj: Mention, confidence: float,
                  modality: str = "asserted", value=None, role: str | None = None,
                  trigger: str = "") -> Statement:
        start = self.offset + self.sent.start_char
        evidence = Evidence(self.sent.text, start, start + len(self.sent.text))
        return Statement(self.doc_id, subject.entity(), relation, obj.entity(), evidence, modality,
                         round(min(confidence, 0.99), 3), value, role, trigger)

    def visits(self) -> Iterator[Statement]:
        """A person acting `in` or `at` a place of another country was there: `Trump told reporters in Tokyo`."""
        visited = self.ontology.relations["visited"]
        for token in self.sent:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            people = [m for c in token.children if c.dep_ in SUBJECTS for m in self.actors(c) if m.type == "Person"]
            met = [c for c in token.children if c.dep_ == "dobj" and any(m.type == "Person" for m in self.actors(c))]
            places = [m for head in (token, *met) for c in head.children
                      if c.dep_ == "prep" and c.lower_ in ("in", "at")
                      for m in self.prep_object(c) if m.type in ("City", "Country")]
            for person in people:
                home = self.state.country_of(person)
                for place in places:
                    if home and place.country and place.country != home:
                        yield self.statement(self.state.person(person), visited.name, place, 0.6,
                                             self.modality(token), trigger=token.text)

    def places(self) -> Iterator[Statement]:
        """located_in from `Busan, South Korea` and `Busan in South Korea`."""
        seen = set()
        for token in self.sent:
            city = self.mentions.get(token.i)
            if not city or city.type != "City" or id(city) in seen:
                continue
            seen.add(id(city))
            end = max(i for i, m in self.mentions.items() if m is city) + 1
            if end + 1 >= self.sent.end or self.sent.doc[end].lower_ not in (",", "in"):
                continue
            country = self.mentions.get(end + 1)
            if country and country.type == "Country" and country.via == "name" and \
                    city.country in (None, country.country):
                yield self.statement(city, "located_in", country, 0.8)

    def update_last_person(self) -> None:
        for token in self.sent:
            mention = self.mentions.get(token.i)
            if mention and mention.type == "Person":
                self.state.last_person = mention


def paragraphs(text: str, limit: int = 10_000) -> Iterator[tuple[int, str]]:
    """(offset, line) for every non-empty line of the cleaned text.

    A line longer than `limit` characters comes in pieces, cut after a sentence end, else at a
    space, else anywhere: spaCy refuses texts over `nlp.max_length` and needs memory by length.
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


def is_headline(line: str) -> bool:
    """A title-case line without final punctuation: `Trump Solidifies Alliances With Japan`."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(words) < HEADLINE_MIN_WORDS or line.rstrip().endswith((".", "?", "!", "”", '"', ":")):
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


def extract_doc(document: Document, parsed: Iterable[tuple[int, bool, Doc]], ontology: Ontology
                ) -> Iterator[Statement]:
    """Statements of one document from its parsed paragraphs, in text order."""
    state = DocState(ontology)
    for offset, headline, doc in parsed:
        for sent in doc.sents:
            reader = SentenceReader(sent, state, offset, document.id, headline)
            yield from reader.titles()
            yield from reader.relations()
            yield from reader.visits()
            yield from reader.places()
            reader.update_last_person()


def extract(documents: Iterable[Document], nlp: Language, ontology: Ontology,
            batch_size: int = 64) -> Iterator[tuple[Document, list[Statement]]]:
    """Each document with its statements; the paragraphs of all documents stream through one `nlp.pipe`
    (a paragraph's parse does not depend on the paragraphs batched with it)."""
    def pieces() -> Iterator[tuple[str, tuple[int, Document, int, bool]]]:
        for n, document in enumerate(documents):
            for offset, line in list(paragraphs(document.text)) or [(0, "")]:
                text = parse_text(line, ontology)
                yield text, (n, document, offset, text != line)

    parsed = nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True)
    for _, group in groupby(parsed, key=lambda item: item[1][0]):
        group = list(group)
        document = group[0][1][1]
        found = ((offset, headline, doc) for doc, (_, _, offset, headline) in group)
        yield document, dedupe(extract_doc(document, found, ontology), ontology)


def dedupe(statements: Iterable[Statement], ontology: Ontology) -> list[Statement]:
    """One statement per sentence and (subject, relation, object); symmetric pairs once."""
    best: dict[tuple, Statement] = {}
    for st in statements:
        if ontology.relations[st.relation].symmetric and st.subject.id > st.object.id:
            st = replace(st, subject=st.object, object=st.subject)
        key = (st.evidence.start, st.relation, st.subject.id, st.object.id)
        if key not in best or st.confidence > best[key].confidence:
            best[key] = st
    return list(best.values())

