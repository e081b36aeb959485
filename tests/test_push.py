"""`kg push` into a real Oxigraph server over the SPARQL 1.1 Graph Store Protocol."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ExportError
from kg.ontology import ontology_dir
from kg.push import push
from kg.query import run_query, term_text
from kg.rdf import PREFIXES

DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never via a proxy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An Oxigraph server on 127.0.0.1, stopped when the tests are done."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                DIRECT.open(url + "/", timeout=1).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def remote(url: str, query: str, union: bool = True) -> list[tuple[str, ...]]:
    """Rows of a SELECT run by the server, over HTTP; the default graph is the union of its graphs,
    or (`union=False`) the server's own default graph, as a plain `oxigraph serve` has it."""
    request = urllib.request.Request(f"{url}/query" + "?union-default-graph" * union, data=query.encode(),
                                     method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with DIRECT.open(request, timeout=30) as response:
        data = json.load(response)
    names = data["head"]["vars"]
    return [tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]]


COUNT = """SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {
  { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"""


def local(path: Path, query: str) -> list[tuple[str, ...]]:
    _, rows = run_query(path, query)
    return [tuple(term_text(t) for t in row) for row in rows]


def test_push_then_query_the_server_over_http(server, seeds_build):
    _, out = seeds_build
    trig = out / "graph.trig"
    result = CliRunner().invoke(app, ["push", str(trig), "--endpoint", f"{server}/store"])
    assert result.exit_code == 0, result.output
    graphs, triples = push(trig, f"{server}/store")  # again: replaces, duplicates nothing
    assert result.output.strip() == f"pushed {graphs} graphs, {triples} triples"
    assert graphs == 6
    assert remote(server, COUNT) == [(str(triples), "5")]
    pledges = (ontology_dir() / "queries" / "pledges.rq").read_text(encoding="utf-8")
    assert remote(server, pledges) == local(trig, pledges)
    assert ("Japan", "pledged_investment", "United States", "550000000000", "USD") in [
        r[:5] for r in remote(server, pledges)]


def test_push_refuses_what_is_not_http_and_reports_a_closed_port(tmp_path, seeds_build):
    _, out = seeds_build
    with pytest.raises(ExportError, match="is not an http\\(s\\) URL"):
        push(out / "graph.trig", "file:///tmp/store")
    with pytest.raises(ExportError, match="cannot connect"):
        push(out / "graph.trig", f"http://127.0.0.1:{free_port()}/store")


def test_a_server_error_is_reported(server, tmp_path):
    bad = tmp_path / "g.trig"
    bad.write_text("<urn:a> <urn:b> <urn:c> .", encoding="utf-8")
    with pytest.raises(ExportError, match="HTTP 404"):
        push(bad, f"{server}/no-such-endpoint")


ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SEEDS = ROOT / "seeds"


def readme_sparql() -> tuple[str, list[str]]:
    """The README's PREFIX block and its other SPARQL snippets."""
    prefixes, *queries = re.findall(r"```sparql\n(.*?)```", README, re.DOTALL)
    return prefixes, queries


def test_the_readme_prefix_block_is_kgs_prefixes():
    prefixes, _ = readme_sparql()
    assert prefixes.splitlines() == [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()]


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory):
    """The seeds and one dated article (the seeds carry no dates, which some example queries ask about)."""
    folder = tmp_path_factory.mktemp("dated")
    article = folder / "dated.jsonl"
    article.write_text(json.dumps({"id": "dated-1", "date": "2025-10-27", "text": "US President Donald Trump met "
                                   "Japan's prime minister in Tokyo on Monday."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SEEDS), str(article), "-o", str(folder / "out"), "-q"])
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_readme_and_example_queries_answer_alike_with_kg_query_and_on_a_plain_server(server, dated_build):
    """As the README says: `kg query` as written; a server as started by the README (no union
    default graph) after `kg push`, with the README's PREFIX block first."""
    trig = dated_build / "graph.trig"
    assert CliRunner().invoke(app, ["push", str(trig), "--endpoint", f"{server}/store"]).exit_code == 0
    prefixes, snippets = readme_sparql()
    examples = [path.read_text(encoding="utf-8") for path in sorted((ontology_dir() / "queries").glob("*.rq"))]
    assert len(snippets) >= 3 and len(examples) >= 4
    assert "oxigraph serve --location" in README and "--union-default-graph" not in README
    for query, on_server in [(q, prefixes + q) for q in snippets] + [(q, q) for q in examples]:
        result = CliRunner().invoke(app, ["query", str(trig), query, "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        names = data["head"]["vars"]
        here = [tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]]
        assert here, query
        assert sorted(remote(server, on_server, union=False)) == sorted(here), query
