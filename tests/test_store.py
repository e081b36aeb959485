"""The on-disk store of `kg build --store`: incremental builds add without duplicating."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.pipeline import build, write_outputs
from kg.query import run_query, term_text
from kg.rdf import to_graphs
from kg.store import open_store, read_store, write_store
from kg.types import Document, Entity, Evidence, Statement

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COUNTS = """PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?edge) AS ?edges)
WHERE { { ?st a kgo:Statement } UNION { ?e skos:prefLabel ?label } UNION {
        ?x kgo:relation ?r ; kgo:subject ?s ; kgo:object ?o . ?s ?r ?o
        BIND(CONCAT(STR(?s), STR(?r), STR(?o)) AS ?edge) } }"""


def quads(path) -> set[str]:
    return {str(q) for q in read_store(path)}


def counts(path) -> tuple[int, ...]:
    _, ((statements, entities, edges),) = run_query(path, COUNTS)
    return int(statements.value), int(entities.value), int(edges.value)


def test_building_in_two_steps_equals_building_at_once(seeds_build, tmp_path):
    _, out = seeds_build
    seeds = sorted(SEEDS.glob("*.txt"))
    store = tmp_path / "store"
    for part in (seeds[:3], seeds[3:]):
        write_outputs(build(part), tmp_path / "out", store)
    assert counts(store) == counts(out / "graph.trig")
    assert counts(store)[0] > 50
    assert quads(store) == quads(out / "graph.trig")
    assert {g.value for g in read_store(store).named_graphs()} == {
        g.value for g in read_store(out / "graph.trig").named_graphs()}


JAPAN = Entity("kg:country/JPN", "Japan", "Country", "JPN")
USA = Entity("kg:country/USA", "United States", "Country", "USA")
PLEDGE = Statement("a.txt", JAPAN, "pledged_investment", USA, Evidence("Japan pledged.", 0, 14))
MEETING = Statement("b.txt", USA, "met_with", JAPAN, Evidence("They met.", 0, 9))
DOCS = [Document("a.txt", ""), Document("b.txt", "")]


def test_building_an_article_again_replaces_it(tmp_path):
    store = tmp_path / "store"
    write_store(to_graphs(DOCS, [PLEDGE, MEETING]), store)
    write_store(to_graphs(DOCS, [PLEDGE, MEETING]), store)
    once = tmp_path / "once"
    write_store(to_graphs(DOCS, [PLEDGE, MEETING]), once)
    assert quads(store) == quads(once)
    usa = Entity("kg:country/USA", "United States of America", "Country", "USA")
    again = [Statement("a.txt", JAPAN, "criticized", usa, Evidence("Japan criticized.", 0, 17)),
             Statement("a.txt", usa, "met_with", JAPAN, MEETING.evidence)]
    write_store(to_graphs(DOCS[:1], again), store)
    expected = tmp_path / "expected"
    write_store(to_graphs(DOCS, [*again, Statement("b.txt", usa, "met_with", JAPAN, MEETING.evidence)]), expected)
    assert quads(store) == quads(expected)
    labels = [term_text(r[0]) for r in run_query(store, "SELECT ?l WHERE { <https://w3id.org/kg/id/country/USA> "
                                                        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }")[1]]
    assert labels == ["United States of America"]
    edges = run_query(store, "ASK { ?s <https://w3id.org/kg/ontology#pledged_investment> ?o }")
    assert edges is False


def test_the_cli_builds_into_a_store_and_queries_it(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[3]
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["build", str(seed), "-o", str(tmp_path / "out"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["query", str(store), "PREFIX kgo: <https://w3id.org/kg/ontology#> "
                                      "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Statement }", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert int(result.output.split()[1]) == counts(tmp_path / "out" / "graph.trig")[0] > 0
    result = CliRunner().invoke(app, ["query", str(tmp_path / "out"), "SELECT (COUNT(*) AS ?n) WHERE "
                                      "{ ?s a kgo:Statement }", "--format", "csv"])  # a build folder: its graph.trig
    assert result.exit_code == 0, result.output
    assert int(result.output.split()[1]) == counts(tmp_path / "out" / "graph.trig")[0]


def test_a_folder_that_is_neither_a_store_nor_a_build_says_what_to_pass(tmp_path):
    with pytest.raises(InputError, match="neither a store folder .* nor a build folder with graph.trig; pass a graph"):
        read_store(tmp_path)


def test_a_store_in_use_is_a_clear_error(tmp_path):
    held = ox.Store(str(tmp_path / "store"))
    with pytest.raises(InputError, match="cannot open the store"):
        open_store(tmp_path / "store")
    del held
