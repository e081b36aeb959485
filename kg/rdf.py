"""RDF export: entities, direct relation edges, and one statement node per occurrence.

Each document's statements live in a named graph of their own (`to_dataset`); Turtle and
N-Triples get the explicit union (`union_graph`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.files import atomic_write
from kg.normalize import PREFIX
from kg.ontology import slug
from kg.types import Document, Entity, Statement

BASE = "https://w3id.org/kg/"
KGO = Namespace(BASE + "ontology#")
KGR = Namespace(BASE + "id/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


def bind(graph: Graph | Dataset) -> None:
    for prefix, ns in (("kgo", KGO), ("kg", KGR), ("schema", SCHEMA), ("wd", WD), ("skos", SKOS),
                       ("prov", PROV), ("dct", DCTERMS)):
        graph.bind(prefix, ns)


def entity_iri(entity: Entity) -> URIRef:
    return KGR[entity.id.removeprefix(PREFIX)]


def statement_iri(st: Statement) -> URIRef:
    digest = hashlib.sha1(
        f"{st.doc}|{st.evidence.start}|{st.relation}|{st.subject.id}|{st.object.id}".encode()).hexdigest()
    return KGR[f"statement/{digest[:16]}"]


def document_iri(doc_id: str) -> URIRef:
    digest = hashlib.sha1(doc_id.encode()).hexdigest()[:8]
    return KGR[f"doc/{slug(doc_id) or 'doc'}-{digest}"]


def describe_entity(graph: Graph, entity: Entity) -> None:
    node = entity_iri(entity)
    graph.add((node, RDF.type, KGO[entity.type]))
    graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="en")))
    graph.add((node, RDFS.label, Literal(entity.label, lang="en")))
    if entity.country:
        graph.add((node, KGO.country, Literal(entity.country)))
    if entity.wikidata:
        graph.add((node, SKOS.exactMatch, WD[entity.wikidata]))


def describe_statement(graph: Graph, st: Statement) -> None:
    node, subject, obj = statement_iri(st), entity_iri(st.subject), entity_iri(st.object)
    graph.add((subject, KGO[st.relation], obj))
    graph.add((node, RDF.type, KGO.Statement))
    graph.add((node, KGO.relation, KGO[st.relation]))
    graph.add((node, KGO.subject, subject))
    graph.add((node, KGO.object, obj))
    graph.add((node, KGO.modality, Literal(st.modality)))
    graph.add((node, KGO.confidence, Literal(st.confidence, datatype=XSD.decimal)))
    if st.role:
        graph.add((node, KGO.role, Literal(st.role)))
    if st.value:
        value = URIRef(f"{node}/value")
        graph.add((node, KGO.value, value))
        if st.value.unit == "percent":
            graph.add((value, RDF.type, KGO.Percentage))
        else:
            graph.add((value, RDF.type, SCHEMA.MonetaryAmount))
            graph.add((value, SCHEMA.currency, Literal(st.value.unit)))
        graph.add((value, SCHEMA.value, Literal(st.value.amount, datatype=XSD.decimal)))
        graph.add((value, RDFS.label, Literal(st.value.text)))
    mention = URIRef(f"{node}/mention")
    graph.add((node, PROV.wasDerivedFrom, mention))
    graph.add((mention, RDF.type, KGO.Mention))
    graph.add((mention, PROV.value, Literal(st.evidence.text)))
    graph.add((mention, KGO.start, Literal(st.evidence.start)))
    graph.add((mention, KGO.end, Literal(st.evidence.end)))
    graph.add((mention, DCTERMS.source, document_iri(st.doc)))


def to_dataset(documents: Iterable[Document], statements: Iterable[Statement]) -> Dataset:
    """A dataset with one named graph per document holding its statements and entities."""
    dataset = Dataset()
    bind(dataset)
    by_doc: dict[str, list[Statement]] = {}
    for st in statements:
        by_doc.setdefault(st.doc, []).append(st)
    for document in documents:
        graph = dataset.graph(document_iri(document.id))
        doc_node = document_iri(document.id)
        graph.add((doc_node, RDF.type, KGO.Document))
        graph.add((doc_node, DCTERMS.identifier, Literal(document.id)))
        for field, prop in (("title", DCTERMS.title), ("date", DCTERMS.date), ("url", SCHEMA.url)):
            if getattr(document, field):
                graph.add((doc_node, prop, Literal(getattr(document, field))))
        for st in by_doc.get(document.id, ()):
            describe_entity(graph, st.subject)
            describe_entity(graph, st.object)
            describe_statement(graph, st)
    return dataset


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (Turtle and N-Triples hold no graphs)."""
    graph = Graph()
    bind(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def serialize(dataset: Dataset, fmt: str) -> str:
    """The dataset as text in one of FORMATS; graph-less formats get the union."""
    rdflib_format = FORMATS[fmt]
    target = dataset if fmt in ("trig", "nq", "jsonld") else union_graph(dataset)
    return target.serialize(format=rdflib_format)


def write_rdf(dataset: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    fmt = fmt or Path(path).suffix.lstrip(".")
    return atomic_write(path, serialize(dataset, fmt))


STATEMENTS_QUERY = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?st ?rel ?s ?o ?modality ?confidence ?text ?start ?end ?docid ?amount ?unit ?vtext WHERE {
  ?st a kgo:Statement ; kgo:relation ?rel ; kgo:subject ?s ; kgo:object ?o ;
      kgo:modality ?modality ; kgo:confidence ?confidence ; prov:wasDerivedFrom ?m .
  ?m prov:value ?text ; kgo:start ?start ; kgo:end ?end ; dct:source ?doc .
  OPTIONAL { ?doc dct:identifier ?docid }
  OPTIONAL { ?st kgo:value ?v . ?v schema:value ?amount . OPTIONAL { ?v schema:currency ?unit }
             OPTIONAL { ?v <http://www.w3.org/2000/01/rdf-schema#label> ?vtext } }
}"""
ENTITIES_QUERY = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?type ?label ?country WHERE {
  ?e a ?type ; skos:prefLabel ?label . OPTIONAL { ?e kgo:country ?country }
  FILTER(STRSTARTS(STR(?type), STR(kgo:)))
}"""


def read_statements(path: str | Path) -> tuple[list[Entity], list[Statement]]:
    """Entities and statements back from a graph file written by kg."""
    from kg.query import load_store
    from kg.types import Evidence, Value

    store = load_store(path)
    entities = {}
    for row in store.query(ENTITIES_QUERY, use_default_graph_as_union=True):
        iri = row["e"].value
        entities[iri] = Entity(id=PREFIX + iri.removeprefix(str(KGR)), label=row["label"].value,
                               type=row["type"].value.removeprefix(str(KGO)),
                               country=row["country"].value if row["country"] else None)
    statements = {}
    for row in store.query(STATEMENTS_QUERY, use_default_graph_as_union=True):
        subject, obj = entities.get(row["s"].value), entities.get(row["o"].value)
        if subject is None or obj is None:
            continue
        value = None
        if row["amount"]:
            unit = row["unit"].value if row["unit"] else "percent"
            value = Value(float(row["amount"].value), unit, row["vtext"].value if row["vtext"] else "")
        statements[row["st"].value] = Statement(
            doc=row["docid"].value if row["docid"] else "", subject=subject,
            relation=row["rel"].value.removeprefix(str(KGO)), object=obj,
            evidence=Evidence(row["text"].value, int(row["start"].value), int(row["end"].value)),
            modality=row["modality"].value, confidence=float(row["confidence"].value), value=value)
    return sorted(entities.values(), key=lambda e: e.id), [statements[k] for k in sorted(statements)]
