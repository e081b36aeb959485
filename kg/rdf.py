"""RDF export: entities, direct relation edges, and one statement node per occurrence.

Terms come from the vocabulary in `ontology/vocabulary.ttl` (`KGO`, closed: a term missing
there is an error). Each extracted relation occurrence is a `kgo:Statement` node (W3C n-ary
relation pattern) naming its relation with `kgo:relation`, its participants with
`kgo:subject` / `kgo:object`, with modality, confidence, optional value, role and date, and
`prov:wasDerivedFrom` a `kgo:Mention` that holds the sentence and its offsets.

Layout (`to_graphs`): each document has a named graph of its own (the document's IRI) holding
its metadata, statements, mentions and values; the default graph holds what is true across
documents: the entities (labels, class, country code, Wikidata match) and the direct edges
subject -relation-> object beside the statements (Wikidata's "truthy" edges; a symmetric
relation's edge in both directions, its statement once). No triple is in two graphs, so the
union of the graphs is a plain merge; Turtle and N-Triples get that union.

Terms are N-Triples text (`<iri>`, `"text"@en`, `"5"^^<...#integer>`) made by plain string
templates, and a graph is a name ("" for the default graph) with a list of (subject,
predicate, object) texts. `serialize` is the one writer of `kg build` and `kg export`: the
named graphs in order of name, then the default graph, each graph's triples sorted, subjects
grouped and known namespaces written as prefixed names, so the same quads give the same text.

IRIs: entities `kg:` + their id when the id is plain ASCII (`kg:country/JPN`), otherwise an
ASCII slug plus a short hash of the id; documents a slug of their id plus a hash; statements a
hash of what identifies them. All are stable across runs.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from operator import itemgetter
from types import SimpleNamespace
from typing import TextIO

import pyoxigraph as ox

from kg import kgo
from kg.errors import ExportError
from kg.normalize import PREFIX
from kg.ontology import GazetteerEntry, Relation, load_ontology, slug
from kg.types import GRANULARITY, Document, Entity, Statement, Time

BASE = "https://w3id.org/kg/"
KGR = BASE + "id/"
KGC = BASE + "concept/"
KGO_NS = kgo.NAMESPACE
WD = "http://www.wikidata.org/entity/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
TIME = "http://www.w3.org/2006/time#"
FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
DATASET_FORMATS = ("trig", "nq", "jsonld")
PREFIXES = {"rdfs": RDFS, "skos": SKOS, "xsd": XSD, "wd": WD, "owl": "http://www.w3.org/2002/07/owl#",
            "kgo": KGO_NS, "kgc": KGC, "time": TIME, "prov": PROV, "dct": DCT, "kg": KGR, "schema": SCHEMA}
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
XSD_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
XSD_DATE_TIME = re.compile(XSD_DATE.pattern + r"T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?")

Triple = tuple[str, str, str]
Graph = tuple[str, list[Triple]]
Props = dict[str, str]  # a subject's predicates, each with its one object
Block = tuple[str, Props]  # a subject of a document's graph and its properties


def iri(value: str) -> str:
    """An IRI as N-Triples text."""
    return f"<{value}>"


# The vocabulary terms kg writes: those of ontology/vocabulary.ttl (`kg.kgo`).
KGO = SimpleNamespace(**{name: iri(KGO_NS + name) for name in (*kgo.CLASSES, *kgo.PROPERTIES)})
TYPE = iri(RDF_NS + "type")
PREF_LABEL, ALT_LABEL, EXACT_MATCH = iri(SKOS + "prefLabel"), iri(SKOS + "altLabel"), iri(SKOS + "exactMatch")
LABEL = iri(RDFS + "label")
IDENTIFIER, TITLE, DATE, SOURCE = (iri(DCT + name) for name in ("identifier", "title", "date", "source"))
DERIVED_FROM, PROV_VALUE = iri(PROV + "wasDerivedFrom"), iri(PROV + "value")
HAS_BEGINNING, HAS_END, INSTANT = (iri(TIME + name) for name in ("hasBeginning", "hasEnd", "Instant"))
URL, MONETARY_AMOUNT, UNIT_CODE, CURRENCY, AMOUNT = (
    iri(SCHEMA + name) for name in ("url", "MonetaryAmount", "unitCode", "currency", "value"))
# A time value's datatype and the OWL-Time property of an instant that holds it, by granularity.
TIME_TYPES = {"day": (XSD + "date", iri(TIME + "inXSDDate")),
              "month": (XSD + "gYearMonth", iri(TIME + "inXSDgYearMonth")),
              "year": (XSD + "gYear", iri(TIME + "inXSDgYear"))}
TRUE = f'"true"^^<{XSD}boolean>'
# What describe_entity says about an entity (a store replaces these when an entity comes again).
ENTITY_PROPERTIES = (TYPE, PREF_LABEL, LABEL, ALT_LABEL, KGO.country, EXACT_MATCH)

ESCAPES = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
           8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\"}
NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal as N-Triples text, escaped as Oxigraph writes it."""
    quoted = '"' + (text.translate(ESCAPES) if NEEDS_ESCAPE.search(text) else text) + '"'
    return f"{quoted}@{lang}" if lang else f"{quoted}^^<{datatype}>" if datatype else quoted


def integer(number: int) -> str:
    return f'"{number}"^^<{XSD}integer>'


def digest(text: str, size: int = 10) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:size]


def mint(kind: str, key: str) -> str:
    """`kg:kind/slug-hash`: ASCII, valid for any parser, and the same for the same key."""
    base = slug(key)[:48].strip("-")
    return iri(f"{KGR}{kind}/{base}-{digest(key)}" if base else f"{KGR}{kind}/{digest(key)}")


def entity_iri(entity: Entity) -> str:
    return id_iri(entity.id)


@lru_cache(maxsize=2**16)
def id_iri(entity_id: str) -> str:
    local = entity_id.removeprefix(PREFIX)
    return iri(KGR + local) if SAFE_ID.fullmatch(local) else mint("entity", entity_id)


@lru_cache(maxsize=2**12)
def document_iri(doc_id: str) -> str:
    """The document node, also the name of the graph holding its statements."""
    return mint("doc", doc_id)


def mention_iri(st: Statement) -> str:
    return f"{document_iri(st.doc)[:-1]}/mention/{st.evidence.start}-{st.evidence.end}>"


def statement_iri(st: Statement) -> str:
    value = f"{st.value.amount}|{st.value.unit}" if st.value else ""
    key = f"{st.doc}|{st.evidence.start}|{st.relation}|{st.subject.id}|{st.object.id}|{value}|{st.role or ''}"
    return iri(f"{KGR}statement/{digest(key, 16)}")


def relation_iri(name: str, relations: Mapping[str, Relation]) -> str:
    if name not in relations:
        raise ExportError(f"relation {name!r} is not in relations.tsv")
    return iri(KGO_NS + name)


def class_iri(entity: Entity) -> str:
    try:
        return getattr(KGO, entity.type)
    except AttributeError:
        raise ExportError(f"entity {entity.id!r} has type {entity.type!r}, not a class of the vocabulary") from None


@lru_cache(maxsize=2**12)
def decimal(number: float) -> str:
    """An xsd:decimal in plain notation (never `1E+20`)."""
    text = format(Decimal(repr(float(number))), "f")
    return literal(text if "." in text else text + ".0", XSD + "decimal")


def date_literal(text: str) -> str:
    """xsd:date or xsd:dateTime when the text is one in XSD's own form (`2024-01-01`,
    `2024-01-01T09:30:00Z`) and a real day, else the text as written (`20240101`, `2024-02-30`)."""
    for kind, form, datatype in ((date, XSD_DATE, "date"), (datetime, XSD_DATE_TIME, "dateTime")):
        if form.fullmatch(text):
            try:
                kind.fromisoformat(text)
                return literal(text, XSD + datatype)
            except ValueError:
                break
    return literal(text)


def describe_entity(entity: Entity, entries: Mapping[str, GazetteerEntry]) -> list[Triple]:
    """Class, labels, country code and Wikidata match; aliases and Wikidata id from the gazetteer."""
    node = entity_iri(entity)
    entry = entries.get(entity.id.removeprefix(PREFIX))
    label = literal(entity.label, lang="en")
    triples = [(node, TYPE, class_iri(entity)), (node, PREF_LABEL, label), (node, LABEL, label)]
    triples += [(node, ALT_LABEL, literal(alias, lang="en"))
                for alias in entity.aliases or (entry.names if entry else ()) if alias != entity.label]
    if entity.country:
        triples.append((node, KGO.country, literal(entity.country)))
    wikidata = entity.wikidata or (entry.wikidata if entry else None)
    if wikidata and WIKIDATA_ID.fullmatch(wikidata):
        triples.append((node, EXACT_MATCH, iri(WD + wikidata)))
    return triples


def describe_document(document: Document) -> Props:
    props = {TYPE: KGO.Document, IDENTIFIER: literal(document.id)}
    if document.title:
        props[TITLE] = literal(document.title)
    if document.date:
        props[DATE] = date_literal(document.date)
    if document.date_source:
        props[KGO.dateSource] = literal(document.date_source)
    if document.url:
        props[URL] = literal(document.url, XSD + "anyURI")
    return props


def time_literal(value: str) -> str:
    """`2019-03-06` as xsd:date, `2019-03` as xsd:gYearMonth, `2019` as xsd:gYear."""
    return literal(value, TIME_TYPES[GRANULARITY[len(value)]][0])


def describe_time(props: Props, node: str, time: Time) -> list[Block]:
    """`dct:date` for a point in time; OWL-Time `time:hasBeginning` / `time:hasEnd` instants for a span
    (the instants' blocks are returned)."""
    props[KGO.timeText] = literal(time.text)
    if time.value:
        props[DATE] = time_literal(time.value)
    instants = []
    for point, link, name in ((time.start, HAS_BEGINNING, "begin"), (time.end, HAS_END, "end")):
        if point:
            instant = props[link] = f"{node[:-1]}/{name}>"
            instants.append((instant, {TYPE: INSTANT, TIME_TYPES[GRANULARITY[len(point)]][1]: time_literal(point)}))
    if time.relative:
        props[KGO.relativeTime] = TRUE
    if time.ended:
        props[KGO.ended] = TRUE
    return instants


def describe_statement(node: str, st: Statement, document: Document, relations: Mapping[str, Relation]) -> list[Block]:
    """The statement `node` (first), its mention, value and time instants: blocks of its document's graph."""
    mention = mention_iri(st)
    props = {TYPE: KGO.Statement, KGO.relation: relation_iri(st.relation, relations),
             KGO.subject: entity_iri(st.subject), KGO.object: entity_iri(st.object),
             KGO.modality: literal(st.modality), KGO.confidence: decimal(round(st.confidence, 3)),
             DERIVED_FROM: mention}
    blocks = [(node, props), (mention, {TYPE: KGO.Mention, PROV_VALUE: literal(st.evidence.text),
                                        KGO.start: integer(st.evidence.start), KGO.end: integer(st.evidence.end),
                                        SOURCE: document_iri(st.doc)})]
    if st.role:
        props[KGO.role] = literal(st.role)
    if st.subject_kind:
        props[KGO.subjectKind] = literal(st.subject_kind)
    if st.object_kind:
        props[KGO.objectKind] = literal(st.object_kind)
    if st.time:
        blocks += describe_time(props, node, st.time)
    elif document.date:
        props[DATE] = date_literal(document.date)
    if st.value:
        value = props[KGO.value] = node[:-1] + "/value>"
        kind = {TYPE: KGO.Percentage, UNIT_CODE: literal("P1")} if st.value.unit == "percent" else \
            {TYPE: MONETARY_AMOUNT, CURRENCY: literal(st.value.unit)}
        blocks.append((value, {AMOUNT: decimal(st.value.amount), LABEL: literal(st.value.text), **kind}))
    return blocks


def direct_edges(st: Statement, relations: Mapping[str, Relation]) -> list[Triple]:
    """A statement's subject -relation-> object, and back if the relation is symmetric."""
    subject, relation, obj = entity_iri(st.subject), relation_iri(st.relation, relations), entity_iri(st.object)
    return [(subject, relation, obj), (obj, relation, subject)] if relations[st.relation].symmetric else \
        [(subject, relation, obj)]


def by_document(documents: Iterable[Document],
                statements: Iterable[Statement]) -> Iterator[tuple[Document, list[Statement]]]:
    """Each document with its statements, in order of the document's IRI."""
    found: dict[str, list[Statement]] = {}
    for st in statements:
        found.setdefault(st.doc, []).append(st)
    for document in sorted(documents, key=lambda d: document_iri(d.id)):
        yield document, found.get(document.id, [])


def document_blocks(document: Document, statements: Iterable[Statement],
                    relations: Mapping[str, Relation]) -> list[Block]:
    """The blocks of a document's graph sorted by subject: the document, and each statement once however
    often it is given, with its mention (statements of one sentence share it), value and time instants."""
    blocks = {document_iri(document.id): describe_document(document)}
    for st in statements:
        node = statement_iri(st)
        if node not in blocks:
            for subject, props in describe_statement(node, st, document, relations):
                blocks.setdefault(subject, props)
    return sorted(blocks.items())


def default_graph(entities: Iterable[Entity], edges: Mapping[str, Iterable[tuple[str, str]]],
                  entries: Mapping[str, GazetteerEntry]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The default graph's subjects sorted, each with its (predicate, object) pairs sorted: the entities'
    descriptions (`describe_entity`) and the direct edges among them (`edges`: each subject's pairs)."""
    for node, entity in sorted(((entity_iri(e), e) for e in entities), key=itemgetter(0)):
        yield node, sorted({*((p, o) for _, p, o in describe_entity(entity, entries)), *edges.get(node, ())})


def dataset(groups: Iterable[tuple[Document, Iterable[Statement]]], entries: Mapping[str, GazetteerEntry] | None = None,
            relations: Mapping[str, Relation] | None = None) -> Iterator[tuple[str, list]]:
    """The dataset of documents with their statements, `groups` in order of the document's IRI (`by_document`):
    per document its IRI and `document_blocks`, then "" and the `default_graph` of the statements' entities.

    `entries` and `relations` default to the ontology's gazetteer and relations.
    """
    entries, relations = ontology_tables(entries, relations)
    entities: dict[str, Entity] = {}
    edges: dict[str, set[tuple[str, str]]] = {}
    for document, statements in groups:
        statements = list(statements)
        for st in statements:
            entities.setdefault(st.subject.id, st.subject)
            entities.setdefault(st.object.id, st.object)
            for s, p, o in direct_edges(st, relations):
                edges.setdefault(s, set()).add((p, o))
        yield document_iri(document.id), document_blocks(document, statements, relations)
    yield "", list(default_graph(entities.values(), edges, entries))


def ontology_tables(entries: Mapping[str, GazetteerEntry] | None = None, relations: Mapping[str, Relation] | None = None
                    ) -> tuple[Mapping[str, GazetteerEntry], Mapping[str, Relation]]:
    """`entries` and `relations`, each the ontology's when not given."""
    if entries is None or relations is None:
        ontology = load_ontology()
        entries = ontology.entries if entries is None else entries
        relations = ontology.relations if relations is None else relations
    return entries, relations


def as_triples(graphs: Iterable[tuple[str, list]]) -> Iterator[Graph]:
    """The graphs of a `dataset` as lists of triples."""
    for name, content in graphs:
        yield name, [(s, p, o) for s, props in content for p, o in (props.items() if name else props)]


def to_graphs(documents: Iterable[Document], statements: Iterable[Statement],
              entries: Mapping[str, GazetteerEntry] | None = None,
              relations: Mapping[str, Relation] | None = None) -> Iterator[Graph]:
    """The `dataset` of `documents` and `statements` as graphs of triples: one per document in
    order of name, then the default graph."""
    return as_triples(dataset(by_document(documents, statements), entries, relations))


def quad_graphs(quads: Iterable[ox.Quad], union: bool = False) -> list[Graph]:
    """Quads as graphs in `to_graphs` order; with `union`, each triple once (in the first graph holding it)."""
    named: dict[str, list[Triple]] = {}
    default: list[Triple] = []
    for q in quads:
        triple = (str(q.subject), str(q.predicate), str(q.object))
        if isinstance(q.graph_name, ox.DefaultGraph):
            default.append(triple)
        else:
            named.setdefault(str(q.graph_name), []).append(triple)
    graphs = [*sorted(named.items()), ("", default)]
    if union:
        seen: set[Triple] = set()
        for _, triples in graphs:
            triples[:] = [t for t in dict.fromkeys(triples) if t not in seen]
            seen.update(triples)
    return graphs


NAMESPACES = sorted(PREFIXES.values())  # none starts another, so an IRI's is the last one not after it
PREFIX_OF = {namespace: name for name, namespace in PREFIXES.items()}
LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_/-])?")  # safe after a prefix, `/` escaped
BARE = {XSD + "integer": re.compile(r"[+-]?[0-9]+"), XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
        XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
        XSD + "boolean": re.compile(r"true|false")}
HEADER = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in PREFIXES.items())


def turtle_term(term: str) -> str:
    """An N-Triples term as Turtle: a prefixed name where one is safe, a bare number or boolean."""
    return term if term[0] == '"' and term[-1] != ">" else turtle_name(term)  # a plain literal is the same


@lru_cache(maxsize=2**16)
def turtle_name(term: str) -> str:
    """An IRI or typed literal as Turtle (`turtle_term`)."""
    if term[0] == "<":
        namespace = NAMESPACES[bisect(NAMESPACES, term[1:]) - 1]
        if term.startswith(namespace, 1) and (len(term) == len(namespace) + 2 or
                                              LOCAL_NAME.fullmatch(term, len(namespace) + 1, len(term) - 1)):
            return f"{PREFIX_OF[namespace]}:{term[len(namespace) + 1:-1].replace('/', chr(92) + '/')}"
        return term
    if term[-1] == ">":  # a typed literal
        end = term.rindex('"')
        bare = BARE.get(term[end + 4:-1])
        if bare and bare.fullmatch(term, 1, end):
            return term[1:end]
        return term[:end + 3] + turtle_term(term[end + 3:])
    return term


VERBS = {TYPE: "a"}


def verb(predicate: str) -> str:
    return VERBS.get(predicate) or turtle_term(predicate)


def block_text(subject: str, pairs: Iterable[tuple[str, str]], indent: str) -> str:
    """A subject's (verb, object) pairs, Turtle terms in order, as one Turtle block after `indent`."""
    out: list[str] = []
    last = None
    for p, o in pairs:
        out.append(f" , {o}" if p == last else f" ;\n{indent}\t{p} {o}" if last else f"{indent}{subject} {p} {o}")
        last = p
    return "".join(out) + " .\n"


def turtle(triples: Iterable[Triple], indent: str) -> str:
    """Sorted triples as Turtle, one block per subject (`block_text`'s layout)."""
    term, out = turtle_term, []
    subject = predicate = None
    for s, p, o in triples:
        if s != subject:
            if subject:
                out.append(" .\n")
            out.append(f"{indent}{term(s)} {verb(p)} {term(o)}")
            subject, predicate = s, p
        elif p != predicate:
            out.append(f" ;\n{indent}\t{verb(p)} {term(o)}")
            predicate = p
        else:
            out.append(f" , {term(o)}")
    return "".join(out) + " .\n" if out else ""


@cache
def block_template(predicates: tuple[str, ...]) -> str:
    """A format string for the block of a subject ({0}) of a named graph with one object ({1}, ...)
    of each of `predicates`: `block_text`'s layout, the predicates sorted."""
    order = sorted(range(len(predicates)), key=predicates.__getitem__)
    return block_text("{0}", [(verb(predicates[i]).replace("{", "{{").replace("}", "}}"), f"{{{i + 1}}}")
                              for i in order], "\t")


def framed(name: str, body: str) -> tuple[str, str]:
    """A graph's TriG and Turtle text from its Turtle blocks (a tab further in for a named graph)."""
    if not name:
        return body, body
    return f"{turtle_term(name)} {{\n{body}}}\n", body[1:].replace("\n\t", "\n")  # Turtle's lines: one tab less


def graph_body(blocks: Iterable[Block]) -> str:
    """A named graph's blocks (`document_blocks`) as the Turtle blocks of its TriG text."""
    term = turtle_term
    return "".join([block_template(tuple(props)).format(term(subject), *map(term, props.values()))
                    for subject, props in blocks])


def write_turtle(texts: Iterable[tuple[str, str]], trig: TextIO, ttl: TextIO) -> None:
    """Graphs' TriG and Turtle text (`framed`), in the order of `serialize`, as TriG to `trig` and their union as
    Turtle to `ttl`: the text `serialize` gives for their triples."""
    trig.write(HEADER)
    ttl.write(HEADER)
    for trig_text, ttl_text in texts:
        trig.write(trig_text)
        ttl.write(ttl_text)


def graph_text(name: str, triples: list[Triple], fmt: str) -> str:
    """One graph's sorted triples in `fmt` (Turtle and N-Triples drop the graph name)."""
    if fmt in ("trig", "ttl"):
        return framed(name, turtle(triples, "\t" if name else ""))[fmt == "ttl"]
    graph = f" {name}" if name and fmt == "nq" else ""
    return "".join(f"{s} {p} {o}{graph} .\n" for s, p, o in triples)


def serialize(graphs: Iterable[Graph], fmt: str) -> Iterator[str]:
    """The text of `graphs` in one of FORMATS, a chunk per graph; TriG, N-Quads and JSON-LD keep the named graphs.

    Each triple is written once per graph (statements of one sentence share its mention), sorted.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r} (use one of {', '.join(FORMATS)})")
    if fmt == "jsonld":
        quads = ox.parse("".join(serialize(graphs, "nq")), format=ox.RdfFormat.N_QUADS)
        yield ox.serialize(quads, format=ox.RdfFormat.JSON_LD).decode("utf-8")
        return
    yield HEADER if fmt in ("ttl", "trig") else ""
    for name, triples in graphs:
        yield graph_text(name, sorted(dict.fromkeys(triples)), fmt)
