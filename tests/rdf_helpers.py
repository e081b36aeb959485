"""kg's RDF as rdflib reads it back, for tests that ask rdflib about single triples."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.files import atomic_write
from kg.rdf import PREFIXES, serialize, to_graphs


def text(documents, statements, fmt: str) -> str:
    return "".join(serialize(to_graphs(documents, statements), fmt))


def to_dataset(documents, statements) -> Dataset:
    """The graphs of the statements, as rdflib reads the N-Quads kg writes."""
    return Dataset().parse(data=text(documents, statements, "nq"), format="nquads")


def union_graph(documents, statements) -> Graph:
    """The union of the graphs, as rdflib reads the N-Triples kg writes (kg's prefixes bound)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(data=text(documents, statements, "nt"), format="nt")


def write(path: Path, documents, statements) -> Path:
    """The statements written to `path` in the format of its suffix."""
    return atomic_write(path, serialize(to_graphs(documents, statements), path.suffix[1:]))


def node(term: str) -> URIRef:
    """An IRI kg gives as N-Triples text, as rdflib's term."""
    return URIRef(term.removeprefix("<").removesuffix(">"))
