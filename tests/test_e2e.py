"""End to end: the `kg` command on the sample articles, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from kg.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KGO = "https://w3id.org/kg/ontology#"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "out"
    done = kg("build", str(SEEDS), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "documents 5" in done.stdout
    return out


def test_build_writes_the_four_outputs(built):
    for name in ("triples.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (built / name).stat().st_size > 0, name


def test_triples_carry_evidence_from_the_cleaned_text(built):
    records = [json.loads(line) for line in (built / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    pledge = [r for r in records if r["relation"] == "pledged_investment" and r["subject"]["label"] == "Japan"
              and r["object"]["label"] == "United States"]
    assert pledge and pledge[0]["value"] == {"amount": 550000000000.0, "unit": "USD", "text": "$550 billion"}
    assert "$550 billion investment pledge" in pledge[0]["evidence"]["text"]
    texts = " ".join(r["evidence"]["text"] for r in records)
    assert "Advertisement" not in texts and "Sign up" not in texts and "D.o.n.a.l.d" not in texts


def test_sparql_finds_the_pledge_and_its_amount(built):
    query = f"""PREFIX kgo: <{KGO}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?who ?whom WHERE {{ ?s kgo:pledged_investment ?o .
      ?s skos:prefLabel ?who . ?o skos:prefLabel ?whom }}"""
    done = kg("query", str(built / "graph.ttl"), query, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(done.stdout)["results"]["bindings"]]
    assert {"who": "Japan", "whom": "United States"} in rows
    amount = kg("query", str(built / "graph.ttl"),
                "ASK { ?v <https://schema.org/value> ?a FILTER(?a = 550000000000) }")
    assert amount.stdout.strip() == "true"


def test_extract_prints_json_lines(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Iran detained two British nationals in Tehran on Monday.\n", encoding="utf-8")
    done = kg("extract", str(article))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["subject"]["label"], r["relation"], r["object"]["label"]) for r in records] == [
        ("Iran", "coerced", "United Kingdom")]


def test_every_command_has_help_with_an_example():
    commands = sorted(typer.main.get_command(app).commands)
    assert {"build", "extract", "query", "viz", "export", "validate", "push"} <= set(commands)
    for command in commands:
        done = kg(command, "--help")
        assert done.returncode == 0 and "Example: kg " + command in done.stdout, command


def test_help_loads_no_rdf_or_sparql_library():
    """`kg --help` starts fast: the RDF and SPARQL libraries load only for the commands that use them."""
    code = ("import sys\nfrom kg.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n"
            "    print(*sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage:" in done.stdout
    loaded = set(done.stderr.split())
    assert "kg.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("rdflib", "pyoxigraph", "pyshacl", "spacy")}
