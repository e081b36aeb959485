"""RDF export: entities, direct relation edges, and one statement node per occurrence.

Terms come from the vocabulary in `ontology/vocabulary.ttl` (`KGO`, a closed namespace: a term
missing there is an error). Each extracted relation occurrence is a `kgo:Statement` node
(W3C n-ary relation pattern) naming its relation with `kgo:relation`, its participants with
`kgo:subject` / `kgo:object`, with modality, confidence, optional value, role and date, and
`prov:wasDerivedFrom` a `kgo:Mention` that holds the sentence and its offsets.

Layout (`to_dataset`): each document has a named graph of its own (the document's IRI) holding
its metadata, statements, mentions and values; the default graph holds what is true across
documents: the entities (labels, class, country code, Wikidata match) and the direct edges
subject -relation-> object beside the statements (Wikidata's "truthy" edges; a symmetric
relation's edge in both directions, its statement once). No triple is in
two graphs, so the union of the graphs is a plain merge; Turtle and N-Triples get that union
(`union_graph`).

IRIs: entities `kg:` + their id when the id is plain ASCII (`kg:country/JPN`), otherwise an
ASCII slug plus a short hash of the id; documents a slug of their id plus a hash; statements a
hash of what identifies them. All are stable across runs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, SDO, SKOS, DefinedNamespace

from kg import kgo
from kg.errors import ExportError, InputError
from kg.files import atomic_write
from kg.normalize import PREFIX
from kg.ontology import GazetteerEntry, Relation, load_ontology, slug
from kg.types import GRANULARITY, MODALITIES, Document, Entity, Evidence, Statement, Time, Value

BASE = "https://w3id.org/kg/"
KGR = Namespace(BASE + "id/")
KGC = Namespace(BASE + "concept/")
WD = Namespace("http://www.wikidata.org/entity/")
TIME = Namespace("http://www.w3.org/2006/time#")
# A time value's datatype and the OWL-Time property of an instant that holds it, by granularity.
TIME_TYPES = {"day": (XSD.date, TIME.inXSDDate), "month": (XSD.gYearMonth, TIME.inXSDgYearMonth),
              "year": (XSD.gYear, TIME.inXSDgYear)}
FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
DATASET_FORMATS = ("trig", "nq", "jsonld")
PREFIXES = {"kgo": BASE + "ontology#", "kg": str(KGR), "kgc": str(KGC), "schema": str(SDO), "wd": str(WD),
            "skos": str(SKOS), "prov": str(PROV), "dct": str(DCTERMS), "rdfs": str(RDFS), "xsd": str(XSD),
            "owl": str(OWL), "time": str(TIME)}
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
XSD_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
XSD_DATE_TIME = re.compile(XSD_DATE.pattern + r"T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?")


class KGO(DefinedNamespace):
    """The vocabulary terms kg writes: those of ontology/vocabulary.ttl (`kg.kgo`), closed."""

    _NS = Namespace(kgo.NAMESPACE)
    _fail = True
    __annotations__ = dict.fromkeys((*kgo.CLASSES, *kgo.PROPERTIES), URIRef)


# What describe_entity says about an entity (a store replaces these when an entity comes again).
ENTITY_PROPERTIES = (RDF.type, SKOS.prefLabel, RDFS.label, SKOS.altLabel, KGO.country, SKOS.exactMatch)


def bind(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)


def digest(text: str, size: int = 10) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:size]


def mint(kind: str, key: str) -> URIRef:
    """`kg:kind/slug-hash`: ASCII, valid for any parser, and the same for the same key."""
    base = slug(key)[:48].strip("-")
    return KGR[f"{kind}/{base}-{digest(key)}" if base else f"{kind}/{digest(key)}"]


def entity_iri(entity: Entity) -> URIRef:
    local = entity.id.removeprefix(PREFIX)
    return KGR[local] if SAFE_ID.fullmatch(local) else mint("entity", entity.id)


def document_iri(doc_id: str) -> URIRef:
    """The document node, also the name of the graph holding its statements."""
    return mint("doc", doc_id)


def mention_iri(st: Statement) -> URIRef:
    return URIRef(f"{document_iri(st.doc)}/mention/{st.evidence.start}-{st.evidence.end}")


def statement_iri(st: Statement) -> URIRef:
    value = f"{st.value.amount}|{st.value.unit}" if st.value else ""
    key = f"{st.doc}|{st.evidence.start}|{st.relation}|{st.subject.id}|{st.object.id}|{value}|{st.role or ''}"
    return KGR[f"statement/{digest(key, 16)}"]


def relation_iri(name: str, relations: Mapping[str, Relation]) -> URIRef:
    if name not in relations:
        raise ExportError(f"relation {name!r} is not in relations.tsv")
    return URIRef(str(KGO._NS) + name)


def class_iri(entity: Entity) -> URIRef:
    try:
        return KGO[entity.type]
    except AttributeError:
        raise ExportError(f"entity {entity.id!r} has type {entity.type!r}, not a class of the vocabulary") from None


def decimal(number: float) -> Literal:
    """An xsd:decimal in plain notation (never `1E+20`)."""
    text = format(Decimal(repr(float(number))), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def date_literal(text: str) -> Literal:
    """xsd:date or xsd:dateTime when the text is one in XSD's own form (`2024-01-01`,
    `2024-01-01T09:30:00Z`) and a real day, else the text as written (`20240101`, `2024-02-30`)."""
    for kind, form, datatype in ((date, XSD_DATE, XSD.date), (datetime, XSD_DATE_TIME, XSD.dateTime)):
        if form.fullmatch(text):
            try:
                kind.fromisoformat(text)
                return Literal(text, datatype=datatype)
            except ValueError:
                break
    return Literal(text)


def describe_entity(graph: Graph, entity: Entity, entries: Mapping[str, GazetteerEntry]) -> URIRef:
    """Class, labels, country code and Wikidata match; aliases and Wikidata id from the gazetteer."""
    node = entity_iri(entity)
    entry = entries.get(entity.id.removeprefix(PREFIX))
    graph.add((node, RDF.type, class_iri(entity)))
    graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="en")))
    graph.add((node, RDFS.label, Literal(entity.label, lang="en")))
    for alias in entity.aliases or (entry.names if entry else ()):
        if alias != entity.label:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))
    if entity.country:
        graph.add((node, KGO.country, Literal(entity.country)))
    wikidata = entity.wikidata or (entry.wikidata if entry else None)
    if wikidata and WIKIDATA_ID.fullmatch(wikidata):
        graph.add((node, SKOS.exactMatch, WD[wikidata]))
    return node


def describe_document(graph: Graph, document: Document) -> None:
    node = document_iri(document.id)
    graph.add((node, RDF.type, KGO.Document))
    graph.add((node, DCTERMS.identifier, Literal(document.id)))
    if document.title:
        graph.add((node, DCTERMS.title, Literal(document.title)))
    if document.date:
        graph.add((node, DCTERMS.date, date_literal(document.date)))
    if document.date_source:
        graph.add((node, KGO.dateSource, Literal(document.date_source)))
    if document.url:
        graph.add((node, SDO.url, Literal(document.url, datatype=XSD.anyURI)))


def time_literal(value: str) -> Literal:
    """`2019-03-06` as xsd:date, `2019-03` as xsd:gYearMonth, `2019` as xsd:gYear."""
    return Literal(value, datatype=TIME_TYPES[GRANULARITY[len(value)]][0])


def describe_time(graph: Graph, node: URIRef, time: Time) -> None:
    """`dct:date` for a point in time; OWL-Time `time:hasBeginning` / `time:hasEnd` instants for a span."""
    graph.add((node, KGO.timeText, Literal(time.text)))
    if time.value:
        graph.add((node, DCTERMS.date, time_literal(time.value)))
    for point, link, name in ((time.start, TIME.hasBeginning, "begin"), (time.end, TIME.hasEnd, "end")):
        if point:
            instant = URIRef(f"{node}/{name}")
            graph.add((node, link, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            graph.add((instant, TIME_TYPES[GRANULARITY[len(point)]][1], time_literal(point)))
    if time.relative:
        graph.add((node, KGO.relativeTime, Literal(True)))
    if time.ended:
        graph.add((node, KGO.ended, Literal(True)))


def describe_statement(graph: Graph, default: Graph, st: Statement, document: Document,
                       relations: Mapping[str, Relation]) -> None:
    """The statement in its document's `graph`, its direct edge in `default` (its entities are described there once)."""
    node, relation = statement_iri(st), relation_iri(st.relation, relations)
    subject, obj = entity_iri(st.subject), entity_iri(st.object)
    default.add((subject, relation, obj))
    if relations[st.relation].symmetric:
        default.add((obj, relation, subject))
    graph.add((node, RDF.type, KGO.Statement))
    graph.add((node, KGO.relation, relation))
    graph.add((node, KGO.subject, subject))
    graph.add((node, KGO.object, obj))
    graph.add((node, KGO.modality, Literal(st.modality)))
    graph.add((node, KGO.confidence, decimal(round(st.confidence, 3))))
    if st.role:
        graph.add((node, KGO.role, Literal(st.role)))
    if st.subject_kind:
        graph.add((node, KGO.subjectKind, Literal(st.subject_kind)))
    if st.object_kind:
        graph.add((node, KGO.objectKind, Literal(st.object_kind)))
    if st.time:
        describe_time(graph, node, st.time)
    if document.date and not st.time:
        graph.add((node, DCTERMS.date, date_literal(document.date)))
    if st.value:
        value = URIRef(f"{node}/value")
        graph.add((node, KGO.value, value))
        if st.value.unit == "percent":
            graph.add((value, RDF.type, KGO.Percentage))
            graph.add((value, SDO.unitCode, Literal("P1")))
        else:
            graph.add((value, RDF.type, SDO.MonetaryAmount))
            graph.add((value, SDO.currency, Literal(st.value.unit)))
        graph.add((value, SDO.value, decimal(st.value.amount)))
        graph.add((value, RDFS.label, Literal(st.value.text)))
    mention = mention_iri(st)
    graph.add((node, PROV.wasDerivedFrom, mention))
    graph.add((mention, RDF.type, KGO.Mention))
    graph.add((mention, PROV.value, Literal(st.evidence.text)))
    graph.add((mention, KGO.start, Literal(st.evidence.start)))
    graph.add((mention, KGO.end, Literal(st.evidence.end)))
    graph.add((mention, DCTERMS.source, document_iri(st.doc)))


def to_dataset(documents: Iterable[Document], statements: Iterable[Statement],
               entries: Mapping[str, GazetteerEntry] | None = None,
               relations: Mapping[str, Relation] | None = None) -> Dataset:
    """A named graph per document (metadata, statements), entities and direct edges in the default graph.

    `entries` and `relations` default to the ontology's gazetteer and relations.
    """
    if entries is None or relations is None:
        ontology = load_ontology()
        entries = ontology.entries if entries is None else entries
        relations = ontology.relations if relations is None else relations
    dataset = Dataset()
    bind(dataset)
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    by_doc: dict[str, dict[URIRef, Statement]] = {}
    for st in statements:
        by_doc.setdefault(st.doc, {}).setdefault(statement_iri(st), st)
    described: set[str] = set()
    for document in documents:
        graph = dataset.graph(document_iri(document.id))
        describe_document(graph, document)
        for st in by_doc.get(document.id, {}).values():
            for entity in (st.subject, st.object):
                if entity.id not in described:
                    described.add(entity.id)
                    describe_entity(default, entity, entries)
            describe_statement(graph, default, st, document, relations)
    return dataset


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every graph in one graph (Turtle and N-Triples hold no graphs)."""
    graph = Graph()
    bind(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def serialize(dataset: Dataset, fmt: str) -> str:
    """The dataset as text in one of FORMATS; TriG, N-Quads and JSON-LD keep the named graphs."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r} (use one of {', '.join(FORMATS)})")
    if fmt == "jsonld":  # rdflib's JSON-LD writer puts the default graph in an anonymous graph
        quads = ox.parse(dataset.serialize(format="nquads"), format=ox.RdfFormat.N_QUADS)
        ordered = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        return ox.serialize(ordered, format=ox.RdfFormat.JSON_LD).decode("utf-8")
    target = dataset if fmt in DATASET_FORMATS else union_graph(dataset)
    return target.serialize(format=FORMATS[fmt])


def write_rdf(dataset: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    return atomic_write(path, serialize(dataset, fmt or Path(path).suffix.lstrip(".")))


STATEMENTS_QUERY = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?st ?rel ?s ?o ?modality ?confidence ?role ?skind ?okind ?text ?start ?end ?docid ?amount ?unit ?vtext
       ?ttext ?tvalue ?tstart ?tend ?trelative ?tended ?docdate WHERE {
  ?st a kgo:Statement ; kgo:relation ?rel ; kgo:subject ?s ; kgo:object ?o ;
      kgo:modality ?modality ; kgo:confidence ?confidence ; prov:wasDerivedFrom ?m .
  ?m prov:value ?text ; kgo:start ?start ; kgo:end ?end ; dct:source ?doc .
  OPTIONAL { ?doc dct:identifier ?docid }
  OPTIONAL { ?doc dct:date ?docdate }
  OPTIONAL { ?st kgo:role ?role }
  OPTIONAL { ?st kgo:timeText ?ttext .
             OPTIONAL { ?st dct:date ?tvalue }
             OPTIONAL { ?st time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?tstart }
             OPTIONAL { ?st time:hasEnd/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?tend }
             OPTIONAL { ?st kgo:relativeTime ?trelative } OPTIONAL { ?st kgo:ended ?tended } }
  OPTIONAL { ?st kgo:subjectKind ?skind }
  OPTIONAL { ?st kgo:objectKind ?okind }
  OPTIONAL { ?st kgo:value ?v . ?v schema:value ?amount .
             OPTIONAL { ?v schema:currency ?unit } OPTIONAL { ?v rdfs:label ?vtext } }
}"""
ENTITIES_QUERY = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?type ?label ?country ?wikidata WHERE {
  ?e a ?type ; skos:prefLabel ?label .
  OPTIONAL { ?e kgo:country ?country }
  OPTIONAL { ?e skos:exactMatch ?wikidata }
  FILTER(STRSTARTS(STR(?type), STR(kgo:)))
}"""


def time_of(row) -> Time | None:
    """The Time of a statement row of STATEMENTS_QUERY."""
    if not row["ttext"]:
        return None
    value, start, end = (row[name].value if row[name] else None for name in ("tvalue", "tstart", "tend"))
    return Time(row["ttext"].value, value=value, start=start, end=end,
                relative=bool(row["trelative"]) and row["trelative"].value == "true",
                ended=bool(row["tended"]) and row["tended"].value == "true")


def statement_of(row, subject: Entity, obj: Entity) -> Statement:
    """The Statement of a row of STATEMENTS_QUERY; a ValueError names what kg would not have written."""
    modality, confidence = row["modality"].value, float(row["confidence"].value)
    if modality not in MODALITIES:
        raise ValueError(f"kgo:modality {modality!r} is not one of {', '.join(MODALITIES)}")
    if not 0 <= confidence <= 1:
        raise ValueError(f"kgo:confidence {row['confidence'].value!r} is not between 0 and 1")
    value = None
    if row["amount"]:
        unit = row["unit"].value if row["unit"] else "percent"
        value = Value(float(row["amount"].value), unit, row["vtext"].value if row["vtext"] else "")
    return Statement(
        doc=row["docid"].value if row["docid"] else "", subject=subject,
        relation=row["rel"].value.removeprefix(str(KGO._NS)), object=obj,
        evidence=Evidence(row["text"].value, int(row["start"].value), int(row["end"].value)),
        modality=modality, confidence=confidence, value=value,
        role=row["role"].value if row["role"] else None, time=time_of(row),
        subject_kind=row["skind"].value if row["skind"] else None,
        object_kind=row["okind"].value if row["okind"] else None)


def read_statements(path: str | Path) -> tuple[list[Entity], list[Statement]]:
    """Entities and statements back from a graph file (or store folder) written by kg."""
    entities, statements, _ = read_graph(path)
    return entities, statements


def read_graph(path: str | Path) -> tuple[list[Entity], list[Statement], dict[str, str]]:
    """Entities, statements and the documents' dates by id back from a graph file (or store folder)."""
    from kg.store import read_store

    store = read_store(path)
    entities = {}
    for row in store.query(ENTITIES_QUERY, use_default_graph_as_union=True):
        iri = row["e"].value
        entities[iri] = Entity(id=PREFIX + iri.removeprefix(str(KGR)), label=row["label"].value,
                               type=row["type"].value.removeprefix(str(KGO._NS)),
                               country=row["country"].value if row["country"] else None,
                               wikidata=row["wikidata"].value.removeprefix(str(WD)) if row["wikidata"] else None)
    statements, dates = {}, {}
    for row in store.query(STATEMENTS_QUERY, use_default_graph_as_union=True):
        if row["docid"] and row["docdate"]:
            dates[row["docid"].value] = row["docdate"].value
        subject, obj = entities.get(row["s"].value), entities.get(row["o"].value)
        if subject is None or obj is None:
            continue
        try:
            statements[row["st"].value] = statement_of(row, subject, obj)
        except ValueError as e:
            raise InputError(f"{path}: statement <{row['st'].value}> is not as kg writes it ({e})") from None
    return sorted(entities.values(), key=lambda e: e.id), [statements[k] for k in sorted(statements)], dates
