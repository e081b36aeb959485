"""SPARQL over graph files and stores: example questions, refusals, safe loading, result formats."""

from __future__ import annotations

import csv
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg import store as store_module
from kg.cli import app
from kg.errors import InputError, QueryError
from kg.ontology import ontology_dir
from kg.query import format_result, run_query, term_text
from kg.rdf import document_iri, to_graphs
from kg.store import export, write_store

QUERIES = ontology_dir() / "queries"
KGO = "PREFIX kgo: <https://w3id.org/kg/ontology#>\n"


@pytest.fixture(scope="module")
def sources(seeds_build, tmp_path_factory):
    """The seeds' build as TriG, JSON-LD and an on-disk store."""
    result, out = seeds_build
    folder = tmp_path_factory.mktemp("query-sources")
    jsonld = export(out / "graph.trig", folder / "graph.jsonld")
    store = write_store(to_graphs(result.documents, result.statements), folder / "store")
    return {"trig": out / "graph.trig", "jsonld": jsonld, "store": store, "ttl": out / "graph.ttl"}


def rows(path: Path, query: str) -> list[tuple[str, ...]]:
    _, found = run_query(path, query)
    return [tuple(term_text(t) for t in row) for row in found]


def example(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["pledges", "us_china", "meetings", "actors", "timeline"])
def test_example_queries_answer_alike_from_trig_jsonld_and_the_store(sources, name):
    answers = {kind: rows(sources[kind], example(name)) for kind in ("trig", "jsonld", "store")}
    assert answers["trig"]
    assert answers["jsonld"] == answers["trig"]
    assert answers["store"] == answers["trig"]


def test_who_pledged_money_to_whom(sources):
    found = rows(sources["trig"], example("pledges"))
    assert ("Japan", "pledged_investment", "United States", "550000000000", "USD") in [r[:5] for r in found]
    sentence = next(r[6] for r in found if r[0] == "Japan")
    assert "$550 billion" in sentence


def test_what_the_united_states_did_to_china_by_modality(sources):
    found = rows(sources["store"], example("us_china"))
    assert ("asserted", "United States", "in_dispute_with", "China") in [r[:4] for r in found]
    assert [r[0] for r in found] == sorted(r[0] for r in found)
    assert {r[0] for r in found} <= {"asserted", "planned", "possible", "negated"}


def test_who_met_whom(sources):
    found = rows(sources["jsonld"], example("meetings"))
    assert ("Donald Trump", "met_with", "Naruhito", "asserted") in [r[:4] for r in found]


def test_most_active_actors(sources):
    found = rows(sources["trig"], example("actors"))
    assert {r[0] for r in found[:3]} == {"United States", "Japan", "Donald Trump"}
    assert ("Japan", "Country") == found[[r[0] for r in found].index("Japan")][:2]
    assert "http://www.wikidata.org/entity/Q17" in [r[4] for r in found if r[0] == "Japan"]


def test_cli_query_on_turtle_finds_the_pledge(sources):
    query = KGO + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?s ?r ?o ?amount WHERE { ?st kgo:subject/skos:prefLabel ?s ; kgo:object/skos:prefLabel ?o ;
        kgo:value/<https://schema.org/value> ?amount . ?st kgo:relation ?rel BIND(STRAFTER(STR(?rel), "#") AS ?r) }"""
    result = CliRunner().invoke(app, ["query", str(sources["ttl"]), query])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if "pledged_investment" in line)
    assert line.split()[:4] == ["Japan", "pledged_investment", "United", "States"]
    assert "550000000000" in line


@pytest.fixture()
def http_server():
    """A local HTTP server that records every request made to it."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "http://schema.org/name"}}')

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


REFUSED = [
    ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * WHERE { OPTIONAL { SERVICE SILENT <{url}/sparql> { ?s ?p ?o } } }", "SERVICE is not allowed"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}/x> { ?s ?p ?o } } }", "SERVICE is not allowed"),
    ("SELECT * WHERE { \\u0053ERVICE <{url}/x> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("PREFIX e: <{url}/> SELECT * WHERE { service e:x { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * FROM <{url}/data.ttl> WHERE { ?s ?p ?o }", "is not a graph of the loaded data"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "is not a graph of the loaded data"),
    ("PREFIX e: <{url}/> CONSTRUCT { ?s ?p ?o } FROM e:g WHERE { ?s ?p ?o }", "is not a graph of the loaded data"),
    ("LOAD <{url}/data.ttl>", "LOAD is an update"),
    ("LOAD <file:///etc/passwd> INTO GRAPH <urn:x>", "LOAD is an update"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT DATA is an update"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE is an update"),
    ("CLEAR ALL", "CLEAR is an update"),
    ("DROP SILENT DEFAULT", "DROP is an update"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE/INSERT is an update"),
]


@pytest.mark.parametrize(("query", "message"), REFUSED)
def test_refused_queries_touch_neither_network_nor_files(sources, http_server, query, message):
    url, hits = http_server
    with pytest.raises(QueryError, match=message):
        run_query(sources["trig"], query.replace("{url}", url))
    assert hits == []


def test_the_refusal_reads_as_one_line_from_the_cli(sources):
    result = CliRunner().invoke(app, ["query", str(sources["trig"]), "CLEAR ALL"])
    assert result.exit_code == 1
    assert result.output.strip() == ("kg: error: query refused: CLEAR is an update; only read-only queries run")


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p "SERVICE LOAD INSERT DROP FROM <http://x>" }',
    "SELECT ?s WHERE { ?s <http://example.org/none> ?o } # SERVICE <http://x> { } LOAD <http://x>",
    "SELECT ?s WHERE { ?s <http://example.org/SERVICE/LOAD> ?o }",
    "PREFIX load: <http://example.org/> SELECT ?s WHERE { ?s load:drop ?service }",
    "SELECT ?s WHERE { ?s ?p '''FROM NAMED <http://x>\nSERVICE''' }",
])
def test_keywords_in_strings_comments_iris_and_names_are_data(sources, query):
    assert run_query(sources["trig"], query) == (["s"], [])


def test_from_a_loaded_graph_reads_only_that_graph(sources):
    doc = document_iri("003_4b7e92986d6aa487.txt")
    count = "SELECT (COUNT(?st) AS ?n) {from} WHERE {{ ?st a kgo:Statement }}"
    (everywhere,), = rows(sources["trig"], KGO + count.format(**{"from": ""}))
    (in_doc,), = rows(sources["trig"], KGO + count.format(**{"from": f"FROM {doc}"}))
    assert 0 < int(in_doc) < int(everywhere)


def test_invalid_sparql_names_the_place(sources):
    with pytest.raises(QueryError, match="invalid SPARQL at line 2, column"):
        run_query(sources["trig"], "SELECT ?s\nWHERE { ?s ?p }")


def test_kgs_prefixes_are_declared_and_a_query_may_declare_its_own(sources):
    label = "SELECT ?l WHERE { kg:country\\/USA skos:prefLabel ?l }"
    assert rows(sources["trig"], label) == [("United States",)]
    assert rows(sources["trig"], "PREFIX kg: <urn:other:>\n" + label) == []
    assert rows(sources["trig"], example("pledges"))


def test_syntax_errors_name_the_place_in_the_query_as_written(sources):
    with pytest.raises(QueryError, match="line 1, column 19: .*cannot hold '/'"):
        run_query(sources["trig"], "SELECT ?l WHERE { kg:country/USA skos:prefLabel ?l }")
    with pytest.raises(QueryError, match="invalid SPARQL at line 2, column 28: "):  # found by the engine
        run_query(sources["trig"], "SELECT * {\n ?s ?p ?o . BIND(1 AS ?s) }")


def test_the_table_fits_the_terminal_and_other_formats_are_untouched(sources):
    args = ["query", str(sources["trig"]), "--file", str(QUERIES / "pledges.rq")]
    wide = CliRunner().invoke(app, args, env={"COLUMNS": None})  # not a terminal: nothing cut
    assert max(len(line) for line in wide.stdout.splitlines()) > 100
    table = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100 and len(lines) == len(wide.stdout.splitlines())
    assert lines[1].startswith("Japan") and "…" in lines[1]
    for fmt in ("csv", "tsv", "json"):
        cut = CliRunner().invoke(app, [*args, "--format", fmt], env={"COLUMNS": "40"})
        assert cut.stdout == CliRunner().invoke(app, [*args, "--format", fmt], env={"COLUMNS": None}).stdout


def test_jsonld_never_fetches_a_remote_context(tmp_path, http_server):
    url, hits = http_server
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": "http://example.org/a", "name": "A"}))
    with pytest.raises(InputError, match="remote @context, which is never fetched"):
        run_query(path, "SELECT * WHERE { ?s ?p ?o }")
    assert hits == []


RDF_XML = """<?xml version="1.0"?>
{doctype}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:name>{value}</ex:name></rdf:Description>
</rdf:RDF>"""
LAUGHS = ('<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n')


def test_rdf_xml_loads_within_bounds_and_is_refused_beyond(tmp_path, monkeypatch):
    plain = tmp_path / "plain.rdf"
    plain.write_text(RDF_XML.format(doctype="", value="A"))
    assert rows(plain, "SELECT ?n WHERE { ?s <http://example.org/name> ?n }") == [("A",)]
    laughs = tmp_path / "laughs.rdf"
    laughs.write_text(RDF_XML.format(doctype=LAUGHS, value="&c;"))
    with pytest.raises(InputError, match="DTD or entity declarations is refused"):
        run_query(laughs, "SELECT * WHERE { ?s ?p ?o }")
    monkeypatch.setattr(store_module, "MAX_RDF_XML", 100)
    with pytest.raises(InputError, match="RDF/XML larger than"):
        run_query(plain, "SELECT * WHERE { ?s ?p ?o }")


def test_unknown_formats_and_bad_files_are_clear_errors(tmp_path):
    (tmp_path / "g.xyz").write_text("x")
    with pytest.raises(InputError, match="unknown RDF format"):
        run_query(tmp_path / "g.xyz", "ASK {}")
    (tmp_path / "bad.ttl").write_text("<a> <b> .")
    with pytest.raises(InputError, match="bad.ttl: not valid ttl"):
        run_query(tmp_path / "bad.ttl", "ASK {}")


def result_of_each_kind():
    names = ["iri", "text", "lang", "number", "blank", "unbound"]
    row = [ox.NamedNode("http://example.org/a"), ox.Literal("say \"hi\",\tthen\nleave"),
           ox.Literal("Tōkyō", language="ja"), ox.Literal("550000000000", datatype=ox.NamedNode(
               "http://www.w3.org/2001/XMLSchema#decimal")), ox.BlankNode("b0"), None]
    return names, [row]


def test_json_results_follow_sparql_results_json():
    data = json.loads(format_result(result_of_each_kind(), "json"))
    assert data["head"]["vars"] == ["iri", "text", "lang", "number", "blank", "unbound"]
    assert data["results"]["bindings"] == [{
        "iri": {"type": "uri", "value": "http://example.org/a"},
        "text": {"type": "literal", "value": "say \"hi\",\tthen\nleave"},
        "lang": {"type": "literal", "value": "Tōkyō", "xml:lang": "ja"},
        "number": {"type": "literal", "value": "550000000000",
                   "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
        "blank": {"type": "bnode", "value": "b0"}}]
    assert json.loads(format_result(True, "json")) == {"head": {}, "boolean": True}


def test_csv_tsv_and_table_results():
    result = result_of_each_kind()
    assert list(csv.reader(io.StringIO(format_result(result, "csv")))) == [
        ["iri", "text", "lang", "number", "blank", "unbound"],
        ["http://example.org/a", "say \"hi\",\tthen\nleave", "Tōkyō", "550000000000", "_:b0", ""]]
    header, line = format_result(result, "tsv").split("\n")
    assert header == "?iri\t?text\t?lang\t?number\t?blank\t?unbound"
    assert line.split("\t") == ["<http://example.org/a>", '"say \\"hi\\",\\tthen\\nleave"', '"Tōkyō"@ja',
                                '"550000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>', "_:b0", ""]
    table = format_result((["text"], [[ox.Literal("red \x1b[31m alert\u202e")]]), "table")
    assert "\x1b" not in table and "\u202e" not in table
    assert table.splitlines()[1] == "red \\x1b[31m alert\\u202e"
