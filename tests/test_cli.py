"""The command line's conventions: help, version, usage errors, output paths, the page's filters."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from typer.testing import CliRunner

from kg.cli import app

COMMANDS = ("build", "extract", "query", "export", "validate", "push", "viz")


def page_data(page) -> dict:
    text = page.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)[1])


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], prog_name="kg")


def test_version_and_short_help():
    version = run("--version")
    assert version.exit_code == 0 and re.fullmatch(r"kg \d+\.\d+\.\d+\S*\n", version.stdout)
    assert run("-h").stdout == run("--help").stdout
    assert "-h, --help" in run("-h").stdout
    for command in COMMANDS:
        assert run(command, "-h").stdout == run(command, "--help").stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_not_python_types(command):
    text = run(command, "--help").stdout
    assert not re.search(r"<(path|str|int|float|bool|list)[^>]*>|\{\w+\}|list\[|\bstr\b|\bint\b", text), text
    usage = text.splitlines()[0]
    assert re.fullmatch(r"Usage: kg \w+ \[OPTIONS\]( [A-Z]+(\.\.\.)?| \[[A-Z]+\])*", usage), usage


def test_choices_are_shown_and_checked_as_choices(seeds_build):
    _, out = seeds_build
    assert "--format [table|csv|tsv|json]" in run("query", "--help").stdout
    assert "--format [ttl|nt|trig|nq|jsonld]" in run("export", "--help").stdout
    assert "--engine [local|spark]" in run("build", "--help").stdout
    bad = run("query", out / "graph.trig", "ASK {?s ?p ?o}", "--format", "xml")
    assert bad.exit_code == 2 and "'xml' is not one of 'table', 'csv', 'tsv', 'json'" in bad.output


def test_an_output_without_a_known_suffix_is_bad_usage_naming_the_accepted_ones(seeds_build, tmp_path):
    _, out = seeds_build
    export = run("export", out / "graph.trig", "-o", tmp_path / "graph")
    assert export.exit_code == 2 and "does not end in .ttl, .nt, .trig, .nq or .jsonld" in export.output
    page = run("viz", out / "graph.trig", "-o", tmp_path / "page.png")
    assert page.exit_code == 2 and "page.png does not end in .html or .htm" in page.output
    assert not list(tmp_path.iterdir())


def test_viz_writes_beside_its_input_by_default(seeds_build, tmp_path):
    _, out = seeds_build
    shutil.copy(out / "graph.trig", tmp_path / "seeds.trig")
    result = run("viz", tmp_path / "seeds.trig")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {tmp_path / 'seeds.html'} (")
    assert (tmp_path / "seeds.html").stat().st_size > 0


def test_viz_filters_that_leave_nothing_say_so_and_write_nothing(seeds_build, tmp_path):
    _, out = seeds_build
    result = run("viz", out / "graph.trig", "-o", tmp_path / "page.html", "--min-confidence", "0.999")
    assert result.exit_code == 1
    assert result.output.startswith(f"kg: error: no statement of {out / 'graph.trig'} is left by the filters")
    assert not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("country", ["USA", "US", "us", "United States", "United States of America"])
def test_viz_country_takes_alpha2_alpha3_codes_names_and_aliases(seeds_build, tmp_path, country):
    _, out = seeds_build
    expected = run("viz", out / "graph.trig", "-o", tmp_path / "usa.html", "--country", "USA").stdout.split("(")[1]
    result = run("viz", out / "graph.trig", "-o", tmp_path / "page.html", "--country", country)
    assert result.exit_code == 0, result.output
    assert result.stdout.split("(")[1] == expected
    assert run("viz", out / "graph.trig", "-o", tmp_path / "x.html", "--country", "XK").exit_code == 1


def test_a_repaired_document_is_said_repaired_and_counted_apart(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"Japan signed an agreement with India on Monday.\n\xc3\x28\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    result = run("build", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert f"kg: repaired {tmp_path / 'in' / 'a.txt'}: invalid UTF-8" in result.output
    assert f"kg: skipped {tmp_path / 'in' / 'b.txt'}: empty file" in result.output
    assert "skipped inputs 1  repaired 1" in result.output


def test_viz_names_each_evidence_by_its_documents_title_and_web_address(tmp_path):
    article = tmp_path / "news.jsonl"
    article.write_text(json.dumps({"id": "n1", "title": "Talks in Tokyo", "url": "https://example.org/n1",
                                   "text": "Japan signed an agreement with India on Monday."}) + "\n", encoding="utf-8")
    assert run("build", article, "-o", tmp_path / "out", "-q").exit_code == 0
    assert run("viz", tmp_path / "out" / "graph.trig", "-o", tmp_path / "page.html").exit_code == 0
    for page in (tmp_path / "out" / "graph.html", tmp_path / "page.html"):  # from the build and from the RDF
        data = page_data(page)
        sources = {(v["title"], v["url"]) for e in data["edges"] for v in e["evidence"]}
        assert sources == {("Talks in Tokyo", "https://example.org/n1")}


def test_viz_max_nodes_keeps_no_node_without_an_edge(seeds_build, tmp_path):
    _, out = seeds_build
    for size in (3, 8, 15):
        result = run("viz", out / "graph.trig", "-o", tmp_path / "page.html", "--max-nodes", size)
        assert result.exit_code == 0, result.output
        data = page_data(tmp_path / "page.html")
        ends = {end for e in data["edges"] for end in (e["from"], e["to"])}
        assert {n["id"] for n in data["nodes"]} == ends and len(data["nodes"]) <= size
