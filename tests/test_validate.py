"""SHACL validation: the seeds' build conforms; wrong domains, ranges and statements do not."""

from __future__ import annotations

from rdf_helpers import node as as_node
from rdf_helpers import union_graph, write
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf import KGO_NS, KGR, statement_iri
from kg.types import Document, Entity, Evidence, Statement
from kg.validate import read_shapes, to_violations, validate

JAPAN = Entity("kg:country/JPN", "Japan", "Country", "JPN")
USA = Entity("kg:country/USA", "United States", "Country", "USA")
MEETING = Statement("a.txt", JAPAN, "met_with", USA, Evidence("Japan met the United States.", 0, 28))


KGO, ID = Namespace(KGO_NS), Namespace(KGR)


def relation(name: str) -> URIRef:
    return KGO[name]


def sample() -> Graph:
    return union_graph([Document("a.txt", "")], [MEETING])


def test_the_seeds_build_conforms(seeds_build):
    _, out = seeds_build
    assert validate(out / "graph.trig") == []
    result = CliRunner().invoke(app, ["validate", str(out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{out / 'graph.ttl'}: conforms"


def test_a_wrong_domain_or_range_does_not_conform():
    graph = sample()
    soybeans = ID["commodity/soybeans"]
    graph.add((soybeans, RDF.type, KGO.Commodity))
    graph.add((soybeans, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("soybeans", lang="en")))
    graph.add((soybeans, relation("met_with"), ID["country/JPN"]))
    graph.add((ID["country/JPN"], relation("restricted_exports_of"), ID["country/USA"]))
    found = {(v.focus, v.path, v.message) for v in to_violations(graph, *read_shapes())}
    assert found == {
        ("<https://w3id.org/kg/id/commodity/soybeans>", "", "the subject of met_with must be an Actor"),
        ("<https://w3id.org/kg/id/country/JPN>", "kgo:restricted_exports_of",
         "the object of restricted_exports_of must be a Commodity"),
    }


def test_a_broken_statement_does_not_conform():
    graph = sample()
    node = as_node(statement_iri(MEETING))
    graph.set((node, KGO.modality, Literal("rumoured")))
    graph.remove((node, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    graph.set((node, KGO.relation, KGO.country))
    paths = sorted(v.path for v in to_violations(graph, *read_shapes()))
    assert paths == ["kgo:modality", "kgo:relation", "prov:wasDerivedFrom"]


def test_validation_never_changes_the_graph(tmp_path):
    graph = sample()
    graph.add((ID["country/JPN"], relation("restricted_exports_of"), ID["country/USA"]))
    before = to_isomorphic(graph)
    assert to_violations(graph, *read_shapes())
    assert isomorphic(graph, before)
    path = tmp_path / "bad.ttl"
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    written = path.read_bytes()
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 4
    assert result.output.splitlines() == [
        "Violation: <https://w3id.org/kg/id/country/JPN> kgo:restricted_exports_of: "
        "the object of restricted_exports_of must be a Commodity",
        f"{path}: 1 violations"]
    assert path.read_bytes() == written


def test_a_dataset_file_is_validated_as_the_union_of_its_graphs(tmp_path):
    path = write(tmp_path / "g.trig", [Document("a.txt", "")], [MEETING])
    assert validate(path) == []
