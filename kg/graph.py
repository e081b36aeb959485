"""The graph of entities and relations as a networkx MultiDiGraph."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.types import Entity, Statement


def to_graph(entities: Iterable[Entity], statements: Iterable[Statement]) -> nx.MultiDiGraph:
    """Nodes are entity ids with their attributes; one edge per statement, keyed by relation."""
    graph = nx.MultiDiGraph()
    for entity in entities:
        graph.add_node(entity.id, label=entity.label, type=entity.type, country=entity.country or "",
                       wikidata=entity.wikidata or "")
    for st in statements:
        graph.add_edge(st.subject.id, st.object.id, key=None, relation=st.relation, doc=st.doc,
                       modality=st.modality, confidence=st.confidence, evidence=st.evidence.text,
                       value=st.value.text if st.value else "", amount=st.value.amount if st.value else None,
                       unit=st.value.unit if st.value else "")
    return graph
