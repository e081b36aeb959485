"""The mention index of a sentence: each named-entity span resolved to a gazetteer entry or a new name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.capitals import DIVISIONS
from kg.extract.context import (
    ARMED_KINDS,
    OWNER_DEPS,
    DocState,
    Mention,
    SentenceContext,
    from_entry,
    having,
    word_index,
)
from kg.extract.coref import person_named, resolve_person
from kg.extract.titles import HONORIFICS, NATIONAL_BODIES

# `Western Cambodia`, `southern Lebanon`: a part of a country named by its direction
DIRECTION = re.compile(r"^(?:(?:north|south|east|west)(?:ern)?|central|north-?(?:east|west)(?:ern)?|"
                       r"south-?(?:east|west)(?:ern)?)\s+", re.I)


def sentence_ents(doc: Doc) -> Iterator[tuple[Span, tuple[Span, ...]]]:
    """Each sentence of a parsed piece with the named-entity spans inside it (as `Span.ents` gives them),
    the piece's entities read once: `Span.ents` reads all of them for every sentence."""
    ents, n = doc.ents, 0
    for sent in doc.sents:
        while n < len(ents) and ents[n].start < sent.start:
            n += 1  # a span across the sentence start belongs to no sentence
        first = n
        while n < len(ents) and ents[n].end <= sent.end:
            n += 1
        yield sent, ents[first:n]


def read_sentence(sent: Span, ents: tuple[Span, ...], state: DocState, offset: int, doc_id: str,
                  headline: bool) -> SentenceContext:
    """The sentence's context: every token of a resolved name (`ents`, the sentence's) indexed to its one mention."""
    mentions: dict[int, Mention] = {}
    resolved: list[tuple[Span, Mention | None]] = []
    words = word_index(sent)
    for ent in whole_names(state, sent, ents):
        resolved.append((ent, resolve_entity(state, ent, resolved)))
    for ent, mention in resolved:
        if mention and mention.via == "demonym" and ent.start > sent.start and \
                sent.doc[ent.start - 1].lower_ == "ethnic":
            continue  # `ethnic Albanians` are a people, not the Albanian state
        for token in ent if mention else ():
            mentions[token.i] = mention
    for ent, mention in resolved:
        if mention and mention.key is None and mention.type == "Organization" and titled_name(state, ent) and \
                (person := resolve_person(state, mention.label)):
            for token in ent:
                mentions[token.i] = person
        elif mention and mention.key is None and mention.type == "Organization":
            adopt_country(mentions, ent, mention)
        elif mention and mention.type == "Organization":
            remember_initials(state, mention.label, mention)
    for ent, mention in resolved:  # `Lagos State`, `Tver Oblast`: a division named after its city
        after = sent.doc[ent.end] if ent.end < sent.end else None
        if mention and mention.type in ("City", "Location") and after is not None and after.is_title and \
                after.lower_ in DIVISIONS - {"department"} and after.i not in mentions:  # not `Paris Department of X`
            region = Mention(None, f"{mention.label} {after.text}", "Location", mention.country)
            for token in (*ent, after):
                mentions[token.i] = region
    for token in sent if state.acronyms else ():  # `the CPI` after `the Communist Party of India`, untagged
        if token.i not in mentions and token.is_upper and token.is_alpha and len(token) > 2 and \
                not token.is_stop and token.text in state.acronyms:  # not `IS` in a headline in capitals
            mentions[token.i] = state.acronyms[token.text]
    for token in having(words, state.ontology.titles):
        if token.i not in mentions and token.lower_ in state.ontology.titles and token.pos_ == "PROPN" and \
                token.is_title and token.dep_ != "compound" and (title := title_before(state, token)) and \
                f"{title} {token.lower_}" not in state.ontology.titles:  # `Crown Prince Sultan`: a name
            mentions[token.i] = person_named(state, token.text, title, phrase_countries(token, token.i, resolved))
    state.named.update(m.label for m in mentions.values() if m.type == "Country")
    for token in having(words, ("north", "south")):
        half = divided_half(state, token) if token.text in ("North", "South") else None
        if half and (token.i not in mentions or mentions[token.i].key is None):
            mentions[token.i] = half
    return SentenceContext(sent, ents, state, mentions, offset, doc_id, headline, words)


NAME_PARTICLES = {"wa", "bin", "ibn", "al", "el", "de", "da", "van", "von", "der", "du", "ould", "ben"}


def whole_names(state: DocState, sent: Span, found: tuple[Span, ...]) -> list[Span]:
    """The sentence's entities, a person's name made whole where the recognizer cut it and the
    gazetteer knows the whole (`Bingu` + `wa Mutharika`), an organization's where its name goes on
    (`longer_organization`)."""
    ents = list(found)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if ent.label_ == "PERSON":
            low = max(ent.start - 3, sent.start)
            spans = [(start, ent.end) for start in range(low, ent.start)]  # the longest first
            spans += [(ent.start, end) for end in range(min(ent.end + 3, sent.end), ent.end, -1)]
            for start, end in spans:
                words = [*sent.doc[start:ent.start], *sent.doc[ent.end:end]]
                if sent.doc[start].is_title and sent.doc[end - 1].is_title and \
                        all(w.is_title or w.lower_ in NAME_PARTICLES for w in words) and \
                        (hit := state.ontology.lookup(sent.doc[start:end].text)) and hit[1].type == "Person":
                    ent = Span(sent.doc, start, end, label="PERSON")
                    break
            else:
                ent = Span(sent.doc, given_names_before(state, sent, ent), ent.end, label="PERSON")
        elif ent.label_ == "ORG":
            if ent[-1].pos_ in ("ADP", "DET", "CCONJ"):  # `The Premier of` (Quebec): a cut title, no name
                i += 1
                continue
            ent = longer_organization(sent, ent)
        while i + 1 < len(ents) and ents[i + 1].start < ent.end:
            i += 1  # an entity inside the made-whole name
        while out and out[-1].end > ent.start:
            out.pop()  # `Bingu` taken for a place, before `wa Mutharika`
        out.append(ent)
        i += 1
    return out


def titled_name(state: DocState, ent: Span) -> bool:
    """`a State Department spokesperson, Jane Roe,`, `Jane Roe, the government commissioner`, `trade
    commissioner Jane Roe`: a name of two or three capitalized words, none a body's, that the recognizer
    took for an organization, in apposition to a title or right after one, is a person's."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos" or c.dep_ in ("compound", "nmod") and c.i < ent.start]
    if root.dep_ == "appos":  # `the chairman of the AU Commission, Jane Roe`: the parse hangs her from the body
        nouns += [root.head, root.head.head.head] if root.head.dep_ == "pobj" else [root.head]
    return 2 <= len(ent) <= 3 and all(t.is_title for t in ent) and \
        not any(t.lower_ in state.ontology.agents or t.lemma_.lower() in NATIONAL_BODIES for t in ent) and \
        any(n.lemma_.lower() in state.ontology.titles and not ent.start <= n.i < ent.end for n in nouns)


def given_names_before(state: DocState, sent: Span, ent: Span) -> int:
    """Where a person's name starts when the recognizer cut its given names off (`Sadiq` + `Khan`):
    up to two capitalized words the parse joins to the name, no title's word, honorific or other name."""
    start = ent.start
    while start > max(sent.start, ent.start - 2):
        word = sent.doc[start - 1]
        joined = word.dep_ == "compound" and ent.start <= word.head.i < ent.end
        if not (word.pos_ == "PROPN" and word.is_title and joined and not word.ent_type_
                and word.lower_ not in state.ontology.title_words | HONORIFICS):
            break
        start -= 1
    return start


def longer_organization(sent: Span, ent: Span) -> Span:
    """`Fatah` + `al-Islam`: a known organization's name continued by `al` or `el` and a capitalized
    word is the longer name of another organization."""
    doc, end = sent.doc, ent.end
    if end + 1 < sent.end and doc[end].lower_ in ("al", "el"):
        last = end + 2 if doc[end + 1].text == "-" else end + 1
        if last < sent.end and doc[last].is_title:
            return Span(doc, ent.start, last + 1, label="ORG")
    return ent


def divided_half(state: DocState, token) -> Mention | None:
    """`the South`, `the North` in a story that named North or South Korea (or Sudan): that half."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.i == 0 or token.doc[token.i - 1].lower_ != "the" or after is not None and (
            after.pos_ == "PROPN" or after.lower_ == "of"):
        return None  # `the North Atlantic`, `the South of France`
    for label in sorted(state.named):
        first, _, rest = label.partition(" ")
        if first in ("North", "South") and rest:
            hit = state.ontology.lookup(f"{token.text} {rest}")
            if hit and hit[1].type == "Country":
                return from_entry(hit[1])
    return None


def adopt_country(mentions: dict[int, Mention], ent: Span, mention: Mention) -> None:
    """`US Congress`, `Israeli army`, `Baghdad University`: an unknown organization acts for the country
    modifying it, or the country of the city modifying it."""
    for child in (c for token in ent for c in token.children):
        owner = mentions.get(child.i)
        if child.dep_ in OWNER_DEPS and owner and (owner.type == "Country" or owner.type == "City" and owner.country):
            adopted = replace(mention, country=owner.country)
            for token in ent:
                mentions[token.i] = adopted
            return


def title_before(state: DocState, token) -> str | None:
    """The title written just before a word (`Saudi leader King` Abdullah: `king`), if any."""
    doc = token.doc
    for size in (3, 2, 1):
        phrase = " ".join(t.lower_ for t in doc[max(token.i - size, token.sent.start):token.i])
        if len(phrase.split()) == size and phrase in state.ontology.titles:
            return phrase
    return None


def phrase_countries(root, start: int, resolved: list[tuple[Span, Mention | None]]) -> frozenset[str]:
    """The countries named in a name's own phrase before it: `Saudi Crown Prince` Sultan, `US President` Bush."""
    return frozenset(m.country for e, m in resolved if m and m.type == "Country" and m.country
                     and root.left_edge.i <= e.start < start)


def resolve_entity(state: DocState, ent: Span, before: list[tuple[Span, Mention | None]]) -> Mention | None:
    """The mention a named-entity span stands for (`before`: the sentence's mentions so far), or
    None for spans that name no actor."""
    ontology = state.ontology
    text = re.sub(r"^(the|The)\s+|['’]s?$", "", ent.text).strip()
    if ent.ent_id_ and ent[0].ent_id_ == ent.ent_id_:  # a made-whole name keeps its last part's id: not its own
        kind, key = ent.ent_id_.split(":", 1)
        entry = ontology.entries[key]
        if entry.type != "Person":
            return from_entry(entry, kind)
    if ent.label_ == "PERSON" or ent.ent_id_.startswith("entity:person/"):
        return resolve_person(state, text, title_before(state, ent[0]), phrase_countries(ent.root, ent.start, before))
    hit = ontology.lookup(text) or ontology.lookup(DIRECTION.sub("", text))
    if hit:
        return from_entry(hit[1], hit[0])
    # a misspelled country (`Quatar`), which the recognizer may also take for a one-word organization,
    # or a misspelled organization (`Untied Nations`)
    named = ent.label_ in ("GPE", "LOC") or ent.label_ == "ORG" and " " not in text
    near = ontology.near_country(text) if named and text[:1].isupper() else None
    if ent.label_ == "ORG" and " " in text and text[:1].isupper():
        near = ontology.near_organization(text)
    if near:
        return replace(from_entry(near), via="fuzzy")
    if text.lower() in ontology.titles:
        return None  # `under Sultan Qaboos`: a title the recognizer took for a place or a body
    if ent.label_ in ("GPE", "LOC", "FAC"):
        return Mention(None, text, "Location")
    if ent.label_ == "ORG" and len(text) > 2:
        return state_body(state, text) or unknown_organization(state, text)
    return None


MINOR_WORDS = {"of", "the", "and", "for", "on", "in", "to", "de"}


def unknown_organization(state: DocState, text: str) -> Mention:
    """An organization the gazetteer does not know: the one named before whose initials its capitals
    spell (`CRC` after `Central Regional Coastguard`, `AfCFTA`), else a new one, remembered by its initials."""
    capitals = "".join(c for c in text if c.isupper())
    if " " not in text and len(capitals) >= 2 and capitals in state.acronyms:
        return state.acronyms[capitals]
    mention = Mention(None, text, "Organization")
    remember_initials(state, text, mention)
    return mention


def remember_initials(state: DocState, name: str, mention: Mention) -> None:
    """An organization's name of capitalized words, remembered by its initials for the document."""
    words = [w for w in re.split(r"[\s-]+", name) if w.lower() not in MINOR_WORDS]
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        state.acronyms.setdefault("".join(w[0] for w in words), mention)


def state_body(state: DocState, text: str) -> Mention | None:
    """`the Lebanese Army`, `Turkish Police`: a country's forces or government named as one body."""
    words = text.split()
    for size in (2, 1):
        kind = state.ontology.agents.get(" ".join(words[-size:]).lower())
        if kind in ARMED_KINDS and len(words) > size:
            hit = state.ontology.lookup(" ".join(words[:-size]))
            if hit and hit[1].type == "Country":
                return replace(from_entry(hit[1], "demonym"), kind=kind)
    return None
