"""The graph of entities and relations as a networkx MultiDiGraph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from kg.timex import parse_date
from kg.types import Entity, Statement


def statement_dates(st: Statement, document_date: str | None) -> tuple[str, str]:
    """The first and last ISO dates (day, month or year) a statement holds at: its own point or span
    (`since 2019` has no last date), else its document's date; none for a former office without dates."""
    time = st.time
    if time and (time.value or time.start or time.end):
        return time.value or time.start or time.end, time.value or time.end or ""
    day = parse_date(document_date) if not (time and time.ended) else None
    return (day.isoformat(), day.isoformat()) if day else ("", "")


def node_attributes(entity: Entity) -> dict:
    return {"label": entity.label, "type": entity.type, "country": entity.country or "",
            "wikidata": entity.wikidata or ""}


def edge_attributes(st: Statement, document_date: str | None = None) -> dict:
    """What an edge of the graph holds of a statement; `document_date` dates it when its text does not."""
    first, last = statement_dates(st, document_date)
    return {"relation": st.relation, "doc": st.doc, "modality": st.modality, "confidence": st.confidence,
            "evidence": st.evidence.text, "value": st.value.text if st.value else "",
            "amount": st.value.amount if st.value else None, "unit": st.value.unit if st.value else "",
            "when": st.time.text if st.time else "", "date": first, "until": last, "trigger": st.trigger}


def to_graph(entities: Iterable[Entity], statements: Iterable[Statement],
             dates: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """Nodes are entity ids with their attributes; one edge per statement, keyed by relation.
    `dates` gives the documents' dates by id."""
    dates = dates or {}
    graph = nx.MultiDiGraph()
    for entity in entities:
        graph.add_node(entity.id, **node_attributes(entity))
    for st in statements:
        graph.add_edge(st.subject.id, st.object.id, key=None, **edge_attributes(st, dates.get(st.doc)))
    return graph
