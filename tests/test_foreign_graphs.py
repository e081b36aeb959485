"""Graphs kg did not write: odd statement values, huge literals and deep RDF/XML are one error line
naming the file; JSON Lines dates are typed only when they are valid XSD dates."""

from __future__ import annotations

import json
import re

import pytest
import rdflib
from cli_helpers import GOOD, kg

from kg.store import MAX_RDF_XML_DEPTH, MAX_TERM_MB

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('kgo:modality "asserted"', 'kgo:modality "rumoured"',
     "kgo:modality 'rumoured' is not one of asserted, planned, possible, negated"),
    (re.compile(r"kgo:confidence [0-9.]+"), 'kgo:confidence "high"', "could not convert string to float: 'high'"),
    (re.compile(r"kgo:confidence [0-9.]+"), "kgo:confidence 7.5", "kgo:confidence '7.5' is not between 0 and 1"),
])
def test_a_statement_kg_would_not_write_is_one_error_line_in_viz(seeds_build, tmp_path, old, new, problem):
    text = (seeds_build[1] / "graph.trig").read_text(encoding="utf-8")
    text = old.sub(new, text, count=1) if isinstance(old, re.Pattern) else text.replace(old, new, 1)
    (tmp_path / "g.trig").write_text(text, encoding="utf-8")
    status, stdout, stderr = kg("viz", tmp_path / "g.trig", "-o", tmp_path / "page.html")
    assert (status, stdout) == (1, "")
    assert re.fullmatch(rf"kg: error: {re.escape(str(tmp_path / 'g.trig'))}: statement <[^>]+> is not as kg "
                        rf"writes it \({re.escape(problem)}\)\n", stderr)
    assert not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("command", [["query", "ASK { ?s ?p ?o }"], ["validate"], ["viz", "-o", "page.html"]])
def test_a_literal_over_the_parser_buffer_is_one_line_naming_file_and_limit(tmp_path, command):
    path = tmp_path / "big.nt"
    path.write_text('<https://e.org/s> <https://e.org/p> "' + "x" * (MAX_TERM_MB * 2**20 + 10) + '" .\n')
    status, stdout, stderr = kg(command[0], path, *command[1:])
    assert (status, stdout) == (1, "")
    assert stderr.startswith(f"kg: error: {path}: cannot load a literal or IRI over {MAX_TERM_MB} MB (")
    assert stderr.count("\n") == 1


def nested_rdf_xml(depth: int) -> str:
    inner = "<ex:v>end</ex:v>"
    for n in range(depth // 2):
        inner = f'<ex:p><rdf:Description rdf:about="https://e.org/n{n}">{inner}</rdf:Description></ex:p>'
    return (f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="https://e.org/"><rdf:Description rdf:about="https://e.org/top">'
            f"{inner}</rdf:Description></rdf:RDF>")


def test_deeply_nested_rdf_xml_is_refused_and_shallower_loads(tmp_path):
    (tmp_path / "deep.rdf").write_text(nested_rdf_xml(10_000))
    status, stdout, stderr = kg("query", tmp_path / "deep.rdf", "ASK { ?s ?p ?o }")
    assert (status, stdout, stderr) == (1, "", f"kg: error: {tmp_path / 'deep.rdf'}: RDF/XML nested deeper than "
                                               f"{MAX_RDF_XML_DEPTH} elements is refused\n")
    (tmp_path / "ok.rdf").write_text(nested_rdf_xml(MAX_RDF_XML_DEPTH - 4))
    assert kg("query", tmp_path / "ok.rdf", "ASK { ?s ?p ?o }")[:2] == (0, "true\n")


def test_only_valid_xsd_dates_are_typed_and_the_build_prints_nothing(tmp_path):
    dates = {"a": "20240101", "b": "2024-01-01", "c": "2024-02-30", "d": "2024-01-01T09:30:00", "e": "2024-W01-1"}
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": k, "text": GOOD, "date": v}) + "\n"
                                              for k, v in dates.items()))
    status, _, stderr = kg("build", tmp_path / "a.jsonl", "-o", tmp_path / "out", "-q")
    assert (status, stderr) == (0, "")
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    typed = {str(o): o.datatype for _, _, o, _ in dataset.quads((None, rdflib.DCTERMS.date, None, None))}
    xsd = rdflib.XSD
    assert typed == {"20240101": None, "2024-01-01": xsd.date, "2024-02-30": None,
                     "2024-01-01T09:30:00": xsd.dateTime, "2024-W01-1": None}
    assert kg("validate", tmp_path / "out" / "graph.trig")[0] == 0
