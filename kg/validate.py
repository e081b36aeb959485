"""SHACL validation of a graph against ontology/shapes.ttl, with the vocabulary mixed in.

The graph is validated as the union of its graphs, together with the vocabulary (so sh:class
follows rdfs:subClassOf and finds the relations typed kgo:Relation). Both go into a new graph:
the one given is never changed. Violations are returned, not raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg.errors import OntologyError
from kg.ontology import ontology_dir
from kg.rdf import PREFIXES, quad_graphs, serialize
from kg.store import read_quads


@dataclass(frozen=True, order=True)
class Violation:
    """One validation result: where (`focus` node, `path`) and what is wrong."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        return f"{self.severity}: {where}: {self.message}"


def read_shapes(folder: Path | None = None) -> tuple[Graph, Graph]:
    """The SHACL shapes and the vocabulary they rely on (for rdfs:subClassOf)."""
    folder = folder or ontology_dir()
    graphs = []
    for name in ("shapes.ttl", "vocabulary.ttl"):
        try:
            graphs.append(Graph().parse(folder / name, format="turtle"))
        except (OSError, SyntaxError) as e:
            raise OntologyError(f"{folder / name}: cannot read ({e})") from e
    return graphs[0], graphs[1]


def to_violations(graph: Graph, shapes: Graph, vocabulary: Graph) -> list[Violation]:
    """Every way `graph` breaks the shapes, sorted; empty when it conforms."""
    from pyshacl import validate

    _, report, _ = validate(graph + vocabulary, shacl_graph=shapes, inference="none", allow_warnings=True,
                            do_owl_imports=False)
    names = graph.namespace_manager
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        violations.append(Violation(
            focus=report.value(result, SH.focusNode).n3(names),
            path=path.n3(names) if path is not None else "",
            message=messages[0] if messages else "does not conform",
            severity=report.value(result, SH.resultSeverity).removeprefix(str(SH))))
    return sorted(set(violations))


def read_union(path: str | Path) -> Graph:
    """The union of the graphs of a graph file or store folder, as an rdflib graph."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(data="".join(serialize(quad_graphs(read_quads(path), union=True), "nt")), format="nt")


def validate(path: str | Path) -> list[Violation]:
    """The violations of a graph file or store folder."""
    return to_violations(read_union(path), *read_shapes())
