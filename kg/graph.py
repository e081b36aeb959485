"""The graph of entities and relations as a networkx MultiDiGraph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from kg.timex import parse_date
from kg.types import Entity, Statement


def statement_date(st: Statement, document_date: str | None) -> str:
    """The ISO date (day, month or year) a statement is placed at: its own time, else its document's date."""
    if st.time and (st.time.value or st.time.start or st.time.end):
        return st.time.value or st.time.start or st.time.end
    day = parse_date(document_date)
    return day.isoformat() if day else ""


def to_graph(entities: Iterable[Entity], statements: Iterable[Statement],
             dates: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """Nodes are entity ids with their attributes; one edge per statement, keyed by relation.
    `dates` gives the documents' dates by id."""
    dates = dates or {}
    graph = nx.MultiDiGraph()
    for entity in entities:
        graph.add_node(entity.id, label=entity.label, type=entity.type, country=entity.country or "",
                       wikidata=entity.wikidata or "")
    for st in statements:
        graph.add_edge(st.subject.id, st.object.id, key=None, relation=st.relation, doc=st.doc,
                       modality=st.modality, confidence=st.confidence, evidence=st.evidence.text,
                       value=st.value.text if st.value else "", amount=st.value.amount if st.value else None,
                       unit=st.value.unit if st.value else "", when=st.time.text if st.time else "",
                       date=statement_date(st, dates.get(st.doc)), trigger=st.trigger)
    return graph
