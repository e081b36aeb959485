"""Load the ontology data: relations, trigger lexicons, titles, modality cues and the gazetteer.

Everything here is read from the `ontology/` folder (shipped inside the wheel as
`kg/ontology`), so a relation, trigger, alias or entity is added by editing data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process

from kg.errors import OntologyError

FUZZY_MIN_LENGTH = 5  # shorter names are too close to each other (Iran, Iraq, Oman) to guess at
FUZZY_CUTOFF = 90  # rapidfuzz ratio: `Quatar` is 91 from `qatar`, `Granada` 86 from `grenada`
PATRONYMIC = {"bin", "ibn", "bint", "ben"}  # the word after it names a person's father


def ontology_dir() -> Path:
    """The ontology folder: inside the installed package, else beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "relations.tsv").is_file():
            return candidate
    raise OntologyError(f"ontology data not found beside {here}")


PUNCTUATION = re.compile(r"[^\w' -]+")
SPACING = re.compile(r"[\s-]+")


def plain(text: str) -> bool:
    """ASCII letters and digits in words one space apart, as most names are: no regular expression needed."""
    return text.isascii() and text.replace(" ", "").isalnum() and "  " not in text and text.strip() == text


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for name lookups.

    >>> fold("The Côte d’Ivoire")
    "cote d'ivoire"
    >>> fold("U.S.-China")
    'us china'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")
    text = text.casefold().replace(".", "")
    if not plain(text):
        text = SPACING.sub(" ", PUNCTUATION.sub(" ", text)).strip()
    return text[4:] if text.startswith("the ") else text


def split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip() for v in value.split("|") if v.strip())


@dataclass(frozen=True)
class EntityClass:
    """A row of classes.tsv: an entity class, its place in the vocabulary and on the page."""

    name: str
    parent: str  # a class of classes.tsv, or "" for a top class
    schema: str  # the schema.org class it refines
    spacy: str  # the spaCy entity label its gazetteer names are given
    shape: str  # vis-network node shape on the page ("" for classes no entity has)
    colour: str
    label: str
    definition: str


@dataclass(frozen=True)
class Relation:
    """A row of relations.tsv."""

    name: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool
    cameo: str
    plover: str
    definition: str
    example: str
    value: tuple[str, ...]  # the kinds of value it carries: money, percent
    counterpart: bool = False
    refused_as: str = ""
    read: tuple[str, ...] = ()  # how it is read: trigger, office, visit, place (the readers of kg.extract)
    stance: str = "neutral"  # cooperation, conflict or neutral, as the page colours it
    subjects: frozenset[str] = frozenset()  # the domain's classes with their subclasses
    objects: frozenset[str] = frozenset()  # the range's classes with their subclasses

    def accepts(self, slot: str, entity_type: str) -> bool:
        """Whether `entity_type` fits the relation's domain (`subject`) or range (`object`)."""
        return entity_type in (self.subjects if slot == "subject" else self.objects)


@dataclass(frozen=True)
class Trigger:
    relation: str
    pos: str
    lemma: str
    requires: frozenset[str]
    objects: tuple[str, ...]
    confidence: float
    # what `US tariffs`, `Japan's decision` name: the subject, the object, or the group (`NATO members`)
    # whose members the noun names only beside a name or after a copula
    modifiers: str = "subject"
    modality: str = ""  # a modality the word itself carries (`vow to`: planned), else from the parse
    converted: bool = False  # from the CAMEO dictionary rather than the hand lexicon
    names: frozenset[str] = frozenset()  # the words a converted CAMEO pattern names (`lodge a protest`)
    reversed: bool = False  # the event goes from the object to the subject (`received a loan from`)


@dataclass(frozen=True)
class CameoVerb:
    """A verb of the converted CAMEO dictionary: its synonym block and the event it codes alone."""

    block: str
    words: frozenset[str]  # the other words of a multi-word verb (`crack down`, `call off`)
    relation: str  # empty: the verb alone is no event
    modality: str


@dataclass(frozen=True)
class CameoPattern:
    """A CAMEO verb pattern: words near the verb and a preposition that change the event it codes."""

    words: frozenset[str]
    preposition: str
    target: bool  # the preposition's object is the event's target
    relation: str
    modality: str
    reversed: bool = False  # the event goes from the preposition's object to the verb's subject


@dataclass(frozen=True)
class GazetteerEntry:
    """A known entity: `key` is its stable local id (`country/JPN`, `person/donald-trump`)."""

    key: str
    label: str
    type: str
    country: str | None = None
    wikidata: str | None = None
    names: tuple[str, ...] = ()
    role: str | None = None
    title: str | None = None
    start: str | None = None  # ISO dates of an office holder's term, when the source gives them
    end: str | None = None
    kind: str | None = None  # an organization's kind: IGO, party, agency, armed group...


@dataclass(frozen=True)
class Ontology:
    relations: dict[str, Relation]
    triggers: tuple[Trigger, ...]
    titles: dict[str, str]
    modality: dict[tuple[str, str], str]
    entries: dict[str, GazetteerEntry]
    places: frozenset[str]  # nouns for places, which belong to the country they are `in`
    # surface form (as written) -> (kind, entry key); kind is the mention's role:
    # entity, demonym (adjective for a country) or seat (metonym for a government)
    surfaces: dict[str, tuple[str, str]] = field(default_factory=dict)
    # every (name, kind, entry key): the entity ruler's names, then those known to lookups only
    names: tuple[tuple[str, str, str], ...] = ()
    leaders: dict[tuple[str, str], str] = field(default_factory=dict)
    trigger_index: dict[tuple[str, str], tuple[Trigger, ...]] = field(default_factory=dict)
    cameo_verbs: dict[str, tuple[CameoVerb, ...]] = field(default_factory=dict)  # by lemma
    cameo_patterns: dict[str, tuple[CameoPattern, ...]] = field(default_factory=dict)  # by block
    # what a relation's verbs take as objects when a CAMEO row names no preposition
    verb_objects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)  # actor noun -> kind (military, police ...)
    local_titles: frozenset[str] = frozenset()  # governor, mayor: heads of a region's or city's government
    generic_titles: frozenset[str] = frozenset()  # leader, spokesman: held wherever the text says, not guessed
    classes: dict[str, EntityClass] = field(default_factory=dict)
    # verbs of CAMEO's statements (010: `said`, `announced`): whoever does them reports an event, not acts in it
    statement_verbs: frozenset[str] = frozenset()
    envoy_titles: frozenset[str] = frozenset()  # envoy, ambassador: sent `for` a place, held by who sends them

    @cached_property
    def folded(self) -> dict[str, tuple[str, str]]:
        """Folded name (`fold`) -> (kind, entry key), the first name to fold so winning; made on first use
        (a build from the cache makes none)."""
        folded: dict[str, tuple[str, str]] = {}
        for name, kind, key in self.names:
            folded.setdefault(fold(name), (kind, key))
        return folded

    @cached_property
    def read_as(self) -> dict[str, tuple[Relation, ...]]:
        """The relations each reader reads (`visit`: visited), by the `read` column of relations.tsv."""
        found: dict[str, tuple[Relation, ...]] = {}
        for relation in self.relations.values():
            for kind in relation.read:
                found[kind] = (*found.get(kind, ()), relation)
        return found

    @cached_property
    def required_by(self) -> dict[str, frozenset[str]]:
        """The relations whose trigger rows require each word: `close` (a close partnership) is
        allied_with's and cooperates_with's, `strained` (strained relations) in_dispute_with's."""
        found: dict[str, set[str]] = {}
        for trigger in self.triggers:
            for word in trigger.requires:
                found.setdefault(word, set()).add(trigger.relation)
        return {word: frozenset(relations) for word, relations in found.items()}

    @cached_property
    def national_titles(self) -> frozenset[str]:
        """Titles of offices of a country's state: a president, a foreign minister; not a governor, a party
        leader or an envoy."""
        return frozenset(self.titles) - self.local_titles - self.generic_titles - self.envoy_titles

    @cached_property
    def state_offices(self) -> dict[str, str]:
        """Known people who hold or held a national title, by key: the country whose state it is of."""
        return {e.key: e.country for e in self.entries.values() if e.type == "Person" and e.country and e.title
                and e.title.lower().removeprefix("former ") in self.national_titles}

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every word that occurs in a title: `vice`, `premier`, `prime`, `minister`."""
        return frozenset(w for title in self.titles for w in title.split())

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every known name, as written: kept capitalized in headlines."""
        return frozenset(w for name in self.surfaces for w in name.split())

    @cached_property
    def country_names(self) -> dict[str, str]:
        """Folded name -> key of every country name, for near misses of spelling."""
        return {name: key for name, (kind, key) in self.folded.items()
                if kind == "entity" and key.startswith("country/") and len(name) >= FUZZY_MIN_LENGTH}

    @cached_property
    def organization_names(self) -> dict[str, str]:
        """Folded name -> key of the hand-kept organization names of several words (`united nations`),
        for near misses of spelling."""
        return {fold(name): key for name, (kind, key) in self.surfaces.items()
                if key.startswith("org/") and " " in name and len(name) >= 2 * FUZZY_MIN_LENGTH}

    @cached_property
    def cameo_words(self) -> dict[str, frozenset[str]]:
        """CAMEO verb lemma -> the words its entries and their patterns ask for (a preposition among them)."""
        return {lemma: frozenset(w for v in verbs for w in v.words) |
                frozenset(p.preposition for v in verbs for p in self.cameo_patterns.get(v.block, ()))
                for lemma, verbs in self.cameo_verbs.items()}

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        """Every word that may be a trigger: the hand lexicon's, of any part of speech, and the CAMEO verbs."""
        return frozenset(lemma for lemma, _ in self.trigger_index) | frozenset(self.cameo_verbs)

    def near_country(self, text: str) -> GazetteerEntry | None:
        """The country a misspelled name stands for (`Quatar`, `Afganistan`), if one is that close."""
        return self.near(text, self.country_names)

    def near_organization(self, text: str) -> GazetteerEntry | None:
        """The organization a misspelled name of several words stands for (`Untied Nations`)."""
        return self.near(text, self.organization_names) if " " in text else None

    def near(self, text: str, names: dict[str, str]) -> GazetteerEntry | None:
        folded = fold(text)
        if len(folded) < FUZZY_MIN_LENGTH:
            return None
        hit = process.extractOne(folded, names.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self.entries[names[hit[0]]] if hit else None

    @cached_property
    def title_holders(self) -> dict[tuple[str | None, str], tuple[GazetteerEntry, ...]]:
        """(country, title without `former`) -> the people the gazetteer says held it."""
        found: dict[tuple[str | None, str], tuple[GazetteerEntry, ...]] = {}
        for entry in self.entries.values():
            if entry.title:
                key = (entry.country, entry.title.lower().removeprefix("former "))
                found[key] = (*found.get(key, ()), entry)
        return found

    @cached_property
    def person_words(self) -> dict[str, list[str]]:
        """A name's first or last word (not a father's: `bin Sultan`) -> the keys of the people so
        named; built on first use from the folded names."""
        found: dict[str, list[str]] = {}
        for name, (_, key) in self.folded.items():
            if key.startswith("person/"):
                words = name.split()
                found.setdefault(words[0], []).append(key)
                if len(words) > 1 and (len(words) < 3 or words[-2] not in PATRONYMIC):
                    found.setdefault(words[-1], []).append(key)
        return found

    def people_named(self, name: str) -> list[GazetteerEntry]:
        """The people one of whose names begins or ends with each of the first and last words of `name`
        (the first only when the last is a father's)."""
        words = fold(name).split()
        if not words:
            return []
        keys = set(self.person_words.get(words[0], ()))
        if len(words) > 1 and (len(words) < 3 or words[-2] not in PATRONYMIC):
            keys &= set(self.person_words.get(words[-1], ()))
        return [self.entries[key] for key in sorted(keys)]

    def lookup(self, text: str) -> tuple[str, GazetteerEntry] | None:
        """(kind, entry) for a name as written or folded, else None."""
        hit = self.surfaces.get(text) or self.folded.get(fold(text))
        return (hit[0], self.entries[hit[1]]) if hit else None

    def triggers_for(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.trigger_index.get((lemma, pos), ())


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated table with a header line (no quoting); blank lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise OntologyError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from e
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        if line:
            cells = line.split("\t")
            if len(cells) != len(header):
                raise OntologyError(f"{path}:{n}: wrong number of columns")
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII slug of a name.

    >>> slug("Luiz Inácio Lula da Silva")
    'luiz-inacio-lula-da-silva'
    >>> slug("S&P 500")
    's-p-500'
    """
    text = (text if text.isascii() else anyascii(text)).lower()
    return text.replace(" ", "-") if plain(text) else NOT_SLUG.sub("-", text).strip("-")


def generated(folder: Path, name: str) -> list[dict[str, str]]:
    """Rows of an entity table generated from sources (`ontology/sources/gazetteer.py`), if any."""
    path = folder / "generated" / name
    return read_tsv(path) if path.is_file() else []


def tables(folder: Path, name: str) -> list[dict[str, str]]:
    """Rows of an entity table: the hand-kept ones first, so they win every name they share."""
    return read_tsv(folder / name) + generated(folder, name)


def _gazetteer(folder: Path) -> tuple[dict[str, GazetteerEntry], list[tuple[str, str, str]],
                                      list[tuple[str, str, str]]]:
    """Entries, (surface, kind, key) triples for the entity ruler, and (name, kind, key) triples
    known to lookups only: the generated people, cities, regions and organizations, whose names
    spaCy's own recognizer finds (and tells from a surname or a word: `Carlos Mendoza`, `split the bill`)."""
    entries: dict[str, GazetteerEntry] = {}
    names: list[tuple[str, str, str]] = []
    lookups: list[tuple[str, str, str]] = []

    def add(entry: GazetteerEntry, kind: str = "entity", extra: tuple[str, ...] = (), into=names) -> None:
        entries.setdefault(entry.key, entry)
        for name in (entry.label, *entry.names, *extra):
            into.append((name, kind, entry.key))

    for row in tables(folder, "countries.tsv"):
        iso3 = row["iso3"]
        key = f"country/{iso3}"
        add(GazetteerEntry(key, row["name"], "Country", iso3, row["wikidata"] or None,
                           split(row["aliases"])))
        for demonym in split(row["demonyms"]):
            names.append((demonym, "demonym", key))
        for seat in split(row["seats"]):
            names.append((seat, "seat", key))
        if row["capital"]:
            add(GazetteerEntry(f"city/{slug(row['capital'])}-{iso3.lower()}", row["capital"], "City", iso3))
    for rows, into in ((read_tsv(folder / "cities.tsv"), names), (generated(folder, "cities.tsv"), lookups)):
        for row in rows:
            add(GazetteerEntry(f"city/{slug(row['name'])}-{row['country'].lower()}", row["name"], "City",
                               row["country"] or None, row["wikidata"] or None, split(row["aliases"])), into=into)
    for rows, into in ((read_tsv(folder / "regions.tsv"), names), (generated(folder, "regions.tsv"), lookups)):
        for row in rows:
            add(GazetteerEntry(f"region/{slug(row['name'])}-{row['country'].lower()}".rstrip("-"), row["name"],
                               "Location", row["country"] or None, row["wikidata"] or None, split(row["aliases"])),
                into=into)
    hand_orgs = read_tsv(folder / "organizations.tsv")
    for rows, into in ((hand_orgs, names), (generated(folder, "organizations.tsv"), lookups)):
        for row in rows:
            add(GazetteerEntry(f"org/{row['key']}", row["name"], "Organization", row["country"] or None,
                               row["wikidata"] or None, split(row["aliases"]), kind=row["kind"] or None), into=into)
    for rows, into in ((read_tsv(folder / "people.tsv"), names), (generated(folder, "people.tsv"), lookups)):
        for row in rows:
            entry = GazetteerEntry(f"person/{slug(row['name'])}", row["name"], "Person", row["country"] or None,
                                   row["wikidata"] or None, split(row["aliases"]), row["role"] or None,
                                   row["title"] or None, row.get("start") or None, row.get("end") or None)
            known = entries.get(entry.key)
            if known and not known.start:  # a hand row's person: the dates of their terms come from the source
                entries[entry.key] = replace(known, start=entry.start, end=entry.end)
            add(entry, into=into)
    for row in read_tsv(folder / "commodities.tsv"):
        add(GazetteerEntry(f"commodity/{slug(row['name'])}", row["name"], "Commodity", None,
                           row["wikidata"] or None, split(row["aliases"])))
    return entries, names, lookups


@lru_cache(maxsize=4)
def load_ontology(folder: Path | None = None) -> Ontology:
    """Read every ontology table once; raises OntologyError naming a bad file."""
    folder = folder or ontology_dir()
    classes = {row["class"]: EntityClass(row["class"], row["parent"], row["schema"], row["spacy"], row["shape"],
                                         row["colour"], row["label"], row["definition"])
               for row in read_tsv(folder / "classes.tsv")}
    relations = {}
    for row in read_tsv(folder / "relations.tsv"):
        domain, range_ = split(row["domain"]), split(row["range"])
        relations[row["relation"]] = Relation(
            row["relation"], domain, range_, row["symmetric"] == "yes",
            row["cameo"], row["plover"], row["definition"], row["example"], split(row["value"]),
            row["counterpart"] == "implicit", row["refused_as"], split(row["read"]), row["stance"],
            with_subclasses(domain, classes), with_subclasses(range_, classes))
    triggers = []
    for n, row in enumerate(read_tsv(folder / "lexicon" / "triggers.tsv"), 2):
        if row["relation"] not in relations:
            raise OntologyError(f"{folder / 'lexicon' / 'triggers.tsv'}:{n}: unknown relation {row['relation']!r}")
        triggers.append(Trigger(row["relation"], row["pos"], row["lemma"], frozenset(split(row["requires"])),
                                split(row["object"]), float(row["confidence"]), row["modifiers"]))
    title_rows = read_tsv(folder / "lexicon" / "titles.tsv")
    titles = {row["title"]: row["relation"] for row in title_rows}
    modality = {(row["kind"], row["word"]): row["modality"]
                for row in read_tsv(folder / "lexicon" / "modality.tsv")}
    places = frozenset(row["noun"] for row in read_tsv(folder / "lexicon" / "places.tsv"))
    entries, names, lookups = _gazetteer(folder / "entities")
    surfaces: dict[str, tuple[str, str]] = {}
    for name, kind, key in names:
        surfaces.setdefault(name, (kind, key))
    named = {key for _, key in surfaces.values()}  # generated office holders are former ones: not leaders now
    leaders = {(e.country, e.role): e.key for e in entries.values()
               if e.type == "Person" and e.country and e.role and e.key in named}
    index: dict[tuple[str, str], tuple[Trigger, ...]] = {}
    for trigger in triggers:
        index[(trigger.lemma, trigger.pos)] = (*index.get((trigger.lemma, trigger.pos), ()), trigger)
    cameo_verbs, cameo_patterns, statement_verbs = _cameo(folder / "lexicon", relations)
    verb_objects: dict[str, dict[str, int]] = {}
    for trigger in triggers:
        if trigger.pos == "VERB":
            counts = verb_objects.setdefault(trigger.relation, {"dobj": 0})
            for slot in trigger.objects:
                counts[slot] = counts.get(slot, 0) + 1
    agents = {row["noun"]: row["kind"] for name in ("agents.tsv", "agents_hand.tsv")
              for row in read_tsv(folder / "lexicon" / name)}
    return Ontology(relations, tuple(triggers), titles, modality, entries, places, surfaces, (*names, *lookups),
                    leaders, index, cameo_verbs, cameo_patterns,
                    {r: tuple(sorted(c, key=lambda s: -c[s])) for r, c in verb_objects.items()}, agents,
                    frozenset(row["title"] for row in title_rows if row["scope"] == "local"),
                    frozenset(row["title"] for row in title_rows if row["scope"] == "generic"), classes,
                    statement_verbs,
                    frozenset(row["title"] for row in title_rows if row["scope"] == "envoy"))


def with_subclasses(names: tuple[str, ...], classes: dict[str, EntityClass]) -> frozenset[str]:
    """`names` and every class below them in classes.tsv (an Actor may be a Country, Person or Organization)."""
    found = set(names)
    while grown := {c.name for c in classes.values() if c.parent in found} - found:
        found |= grown
    return frozenset(found)


def _cameo(folder: Path, relations: dict[str, Relation]
           ) -> tuple[dict[str, tuple[CameoVerb, ...]], dict[str, tuple[CameoPattern, ...]], frozenset[str]]:
    """The converted CAMEO tables, indexed by verb lemma and by synonym block, and the statement verbs."""
    verbs: dict[str, tuple[CameoVerb, ...]] = {}
    patterns: dict[str, tuple[CameoPattern, ...]] = {}
    for name in ("cameo_verbs.tsv", "cameo_patterns.tsv"):
        for n, row in enumerate(read_tsv(folder / name), 2):
            if row["relation"] and row["relation"] not in relations:
                raise OntologyError(f"{folder / name}:{n}: unknown relation {row['relation']!r}")
    statements = set()
    for row in read_tsv(folder / "cameo_verbs.tsv"):
        verb = CameoVerb(row["block"], frozenset(row["words"].split()), row["relation"], row["modality"])
        verbs[row["lemma"]] = (*verbs.get(row["lemma"], ()), verb)
        if row["cameo"] == "010" and not row["words"]:
            statements.add(row["lemma"])
    for row in read_tsv(folder / "cameo_patterns.tsv"):
        pattern = CameoPattern(frozenset(split(row["words"])), row["preposition"], row["target"] == "yes",
                               row["relation"], row["modality"], row["reversed"] == "yes")
        patterns[row["block"]] = (*patterns.get(row["block"], ()), pattern)
    return verbs, patterns, frozenset(statements)
