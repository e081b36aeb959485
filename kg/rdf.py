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
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace

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


def describe_document(node: str, document: Document) -> list[Triple]:
    triples = [(node, TYPE, KGO.Document), (node, IDENTIFIER, literal(document.id))]
    if document.title:
        triples.append((node, TITLE, literal(document.title)))
    if document.date:
        triples.append((node, DATE, date_literal(document.date)))
    if document.date_source:
        triples.append((node, KGO.dateSource, literal(document.date_source)))
    if document.url:
        triples.append((node, URL, literal(document.url, XSD + "anyURI")))
    return triples


def time_literal(value: str) -> str:
    """`2019-03-06` as xsd:date, `2019-03` as xsd:gYearMonth, `2019` as xsd:gYear."""
    return literal(value, TIME_TYPES[GRANULARITY[len(value)]][0])


def describe_time(graph: list[Triple], node: str, time: Time) -> None:
    """`dct:date` for a point in time; OWL-Time `time:hasBeginning` / `time:hasEnd` instants for a span."""
    graph.append((node, KGO.timeText, literal(time.text)))
    if time.value:
        graph.append((node, DATE, time_literal(time.value)))
    for point, link, name in ((time.start, HAS_BEGINNING, "begin"), (time.end, HAS_END, "end")):
        if point:
            instant = f"{node[:-1]}/{name}>"
            graph += [(node, link, instant), (instant, TYPE, INSTANT),
                      (instant, TIME_TYPES[GRANULARITY[len(point)]][1], time_literal(point))]
    if time.relative:
        graph.append((node, KGO.relativeTime, TRUE))
    if time.ended:
        graph.append((node, KGO.ended, TRUE))


def describe_statement(graph: list[Triple], default: set[Triple], node: str, st: Statement, document: Document,
                       relations: Mapping[str, Relation]) -> None:
    """The statement `node` in its document's `graph`, its direct edge in `default`."""
    relation = relation_iri(st.relation, relations)
    subject, obj = entity_iri(st.subject), entity_iri(st.object)
    default.add((subject, relation, obj))
    if relations[st.relation].symmetric:
        default.add((obj, relation, subject))
    mention = mention_iri(st)
    graph += [(node, TYPE, KGO.Statement), (node, KGO.relation, relation), (node, KGO.subject, subject),
              (node, KGO.object, obj), (node, KGO.modality, literal(st.modality)),
              (node, KGO.confidence, decimal(round(st.confidence, 3))), (node, DERIVED_FROM, mention),
              (mention, TYPE, KGO.Mention), (mention, PROV_VALUE, literal(st.evidence.text)),
              (mention, KGO.start, integer(st.evidence.start)), (mention, KGO.end, integer(st.evidence.end)),
              (mention, SOURCE, document_iri(st.doc))]
    if st.role:
        graph.append((node, KGO.role, literal(st.role)))
    if st.subject_kind:
        graph.append((node, KGO.subjectKind, literal(st.subject_kind)))
    if st.object_kind:
        graph.append((node, KGO.objectKind, literal(st.object_kind)))
    if st.time:
        describe_time(graph, node, st.time)
    elif document.date:
        graph.append((node, DATE, date_literal(document.date)))
    if st.value:
        value = node[:-1] + "/value>"
        graph += [(node, KGO.value, value), (value, AMOUNT, decimal(st.value.amount)),
                  (value, LABEL, literal(st.value.text))]
        if st.value.unit == "percent":
            graph += [(value, TYPE, KGO.Percentage), (value, UNIT_CODE, literal("P1"))]
        else:
            graph += [(value, TYPE, MONETARY_AMOUNT), (value, CURRENCY, literal(st.value.unit))]


def to_graphs(documents: Iterable[Document], statements: Iterable[Statement],
              entries: Mapping[str, GazetteerEntry] | None = None,
              relations: Mapping[str, Relation] | None = None) -> Iterator[Graph]:
    """A graph per document (metadata, statements) in order of name, then the default graph
    (entities and direct edges). The triples of each graph come unsorted.

    `entries` and `relations` default to the ontology's gazetteer and relations.
    """
    if entries is None or relations is None:
        ontology = load_ontology()
        entries = ontology.entries if entries is None else entries
        relations = ontology.relations if relations is None else relations
    by_doc: dict[str, dict[str, Statement]] = {}
    for st in statements:
        by_doc.setdefault(st.doc, {}).setdefault(statement_iri(st), st)
    default: set[Triple] = set()
    described: set[str] = set()
    for name, document in sorted(((document_iri(d.id), d) for d in documents), key=lambda pair: pair[0]):
        graph = describe_document(name, document)
        for node, st in by_doc.get(document.id, {}).items():
            for entity in (st.subject, st.object):
                if entity.id not in described:
                    described.add(entity.id)
                    default.update(describe_entity(entity, entries))
            describe_statement(graph, default, node, st, document, relations)
        yield name, graph
    yield "", list(default)


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


PREFIXED = re.compile("<(" + "|".join(map(re.escape, PREFIXES.values())) +
                      r")([A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_/-])?)?>")
PREFIX_OF = {namespace: name for name, namespace in PREFIXES.items()}
BARE = {XSD + "integer": re.compile(r"[+-]?[0-9]+"), XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
        XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
        XSD + "boolean": re.compile(r"true|false")}
HEADER = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in PREFIXES.items())


@lru_cache(maxsize=2**16)
def turtle_term(term: str) -> str:
    """An N-Triples term as Turtle: a prefixed name where one is safe, a bare number or boolean."""
    if term[0] == "<":
        match = PREFIXED.fullmatch(term)
        return f"{PREFIX_OF[match[1]]}:{(match[2] or '').replace('/', chr(92) + '/')}" if match else term
    if term[0] == '"':
        end = term.rindex('"')
        if term.startswith("^^", end + 1):
            bare = BARE.get(term[end + 4:-1])
            if bare and bare.fullmatch(term, 1, end):
                return term[1:end]
            return term[:end + 3] + turtle_term(term[end + 3:])
    return term


VERBS = {TYPE: "a"}


def turtle(triples: list[Triple], indent: str) -> str:
    """Sorted triples as Turtle, one block per subject, each line after `indent`."""
    term, verb = turtle_term, VERBS.get
    out: list[str] = []
    subject = predicate = None
    for s, p, o in triples:
        if s != subject:
            out.append(f"{' .' if subject else ''}\n{indent}{term(s)} {verb(p) or term(p)} {term(o)}")
        elif p != predicate:
            out.append(f" ;\n{indent}\t{verb(p) or term(p)} {term(o)}")
        else:
            out.append(f" , {term(o)}")
        subject, predicate = s, p
    return "".join(out)[1:] + " .\n" if out else ""


def graph_texts(name: str, triples: list[Triple], formats: tuple[str, ...]) -> tuple[str, ...]:
    """One graph's sorted triples in each of `formats` (Turtle and N-Triples drop the graph name)."""
    texts = {}
    if "trig" in formats or "ttl" in formats:
        body = turtle(triples, "\t" if name else "")
        ttl = body[1:].replace("\n\t", "\n") if name else body  # Turtle's lines: one tab less
        texts = {"ttl": ttl, "trig": f"{turtle_term(name)} {{\n{body}}}\n" if name else body}
    if "nq" in formats or "nt" in formats:
        graph = f" {name}" if name else ""
        texts["nq"] = "".join(f"{s} {p} {o}{graph} .\n" for s, p, o in triples)
        texts["nt"] = "".join(f"{s} {p} {o} .\n" for s, p, o in triples) if name else texts["nq"]
    return tuple(texts[fmt] for fmt in formats)


def serialize_all(graphs: Iterable[Graph], formats: Iterable[str]) -> Iterator[tuple[str, ...]]:
    """The text of `graphs` in each of `formats` (ttl, trig, nt, nq), a chunk per graph after the prefixes."""
    formats = tuple(formats)
    for fmt in formats:
        if fmt not in FORMATS or fmt == "jsonld":
            raise ExportError(f"unknown RDF format {fmt!r} (use one of {', '.join(FORMATS)})")
    yield tuple(HEADER if fmt in ("ttl", "trig") else "" for fmt in formats)
    for name, triples in graphs:
        triples = sorted(dict.fromkeys(triples))  # each triple once (statements of one sentence share its mention)
        yield graph_texts(name, triples, formats)


def serialize(graphs: Iterable[Graph], fmt: str) -> Iterator[str]:
    """The text of `graphs` in one of FORMATS; TriG, N-Quads and JSON-LD keep the named graphs."""
    if fmt == "jsonld":
        quads = ox.parse("".join(serialize(graphs, "nq")), format=ox.RdfFormat.N_QUADS)
        yield ox.serialize(quads, format=ox.RdfFormat.JSON_LD).decode("utf-8")
        return
    for (chunk,) in serialize_all(graphs, [fmt]):
        yield chunk
