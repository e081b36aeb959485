"""A graph kg wrote, read back: its entities, statements and documents (`kg viz` draws them).

The graph file or store is opened by `kg.store.read_store` and read with two SPARQL queries over
the union of its graphs; a statement kg would not have written is an InputError naming it.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.normalize import PREFIX
from kg.rdf import KGO_NS, KGR, WD
from kg.store import read_store
from kg.types import MODALITIES, Document, Entity, Evidence, Statement, Time, Value

STATEMENTS_QUERY = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?st ?rel ?s ?o ?modality ?confidence ?role ?skind ?okind ?text ?start ?end ?docid ?amount ?unit ?vtext
       ?ttext ?tvalue ?tstart ?tend ?trelative ?tended ?docdate ?doctitle ?docurl WHERE {
  ?st a kgo:Statement ; kgo:relation ?rel ; kgo:subject ?s ; kgo:object ?o ;
      kgo:modality ?modality ; kgo:confidence ?confidence ; prov:wasDerivedFrom ?m .
  ?m prov:value ?text ; kgo:start ?start ; kgo:end ?end ; dct:source ?doc .
  OPTIONAL { ?doc dct:identifier ?docid }
  OPTIONAL { ?doc dct:date ?docdate }
  OPTIONAL { ?doc dct:title ?doctitle }
  OPTIONAL { ?doc schema:url ?docurl }
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
        relation=row["rel"].value.removeprefix(KGO_NS), object=obj,
        evidence=Evidence(row["text"].value, int(row["start"].value), int(row["end"].value)),
        modality=modality, confidence=confidence, value=value,
        role=row["role"].value if row["role"] else None, time=time_of(row),
        subject_kind=row["skind"].value if row["skind"] else None,
        object_kind=row["okind"].value if row["okind"] else None)


def read_statements(path: str | Path) -> tuple[list[Entity], list[Statement]]:
    """Entities and statements back from a graph file (or store folder) written by kg."""
    entities, statements, _ = read_graph(path)
    return entities, statements


def read_graph(path: str | Path) -> tuple[list[Entity], list[Statement], dict[str, Document]]:
    """Entities, statements and their documents by id (title, date and URL; no text) back from a
    graph file (or store folder)."""
    store = read_store(path)
    entities = {}
    for row in store.query(ENTITIES_QUERY, use_default_graph_as_union=True):
        iri = row["e"].value
        entities[iri] = Entity(id=PREFIX + iri.removeprefix(KGR), label=row["label"].value,
                               type=row["type"].value.removeprefix(KGO_NS),
                               country=row["country"].value if row["country"] else None,
                               wikidata=row["wikidata"].value.removeprefix(WD) if row["wikidata"] else None)
    statements, documents = {}, {}
    for row in store.query(STATEMENTS_QUERY, use_default_graph_as_union=True):
        if row["docid"] and row["docid"].value not in documents:
            title, date, url = (row[name].value if row[name] else None for name in ("doctitle", "docdate", "docurl"))
            documents[row["docid"].value] = Document(row["docid"].value, "", title=title, date=date, url=url)
        subject, obj = entities.get(row["s"].value), entities.get(row["o"].value)
        if subject is None or obj is None:
            continue
        try:
            statements[row["st"].value] = statement_of(row, subject, obj)
        except ValueError as e:
            raise InputError(f"{path}: statement <{row['st'].value}> is not as kg writes it ({e})") from None
    return sorted(entities.values(), key=lambda e: e.id), [statements[k] for k in sorted(statements)], documents
