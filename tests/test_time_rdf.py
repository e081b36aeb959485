"""Time in the RDF: standard terms by granularity, shapes that check them, the timeline and
head-of-state questions, and times read back from a written graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdf_helpers import node, to_dataset, union_graph, write
from rdflib import RDF, Literal, Namespace
from rdflib.namespace import DCTERMS

from kg.ontology import ontology_dir
from kg.query import run_query, term_text
from kg.rdf import KGO_NS, TIME
from kg.rdf import document_iri as document_term
from kg.rdf import statement_iri as statement_term
from kg.readback import read_statements
from kg.types import Document, Entity, Evidence, Statement, Time
from kg.validate import read_shapes, to_violations, validate

KGO, TIME = Namespace(KGO_NS), Namespace(TIME)

def document_iri(doc_id: str):
    return node(document_term(doc_id))


def statement_iri(st: Statement):
    return node(statement_term(st))


USA = Entity("kg:country/USA", "United States", "Country", "USA")
JAPAN = Entity("kg:country/JPN", "Japan", "Country", "JPN")
TRUMP = Entity("kg:person/donald-trump", "Donald Trump", "Person", "USA")
OBAMA = Entity("kg:person/barack-obama", "Barack Obama", "Person", "USA")
BUSH = Entity("kg:person/george-w-bush", "George W. Bush", "Person", "USA")
DOCS = [Document("a.txt", "", date="2025-10-28", date_source="dateline"), Document("b.txt", "")]


def statement(doc, subject, relation, obj, start, time=None, **kw) -> Statement:
    return Statement(doc, subject, relation, obj, Evidence(f"sentence {start}", start, start + 10), time=time, **kw)


VISIT = statement("a.txt", TRUMP, "visited", JAPAN, 0, Time("on Monday", value="2025-10-27", relative=True))
MET = statement("a.txt", TRUMP, "met_with", JAPAN, 20, Time("in October 2019", value="2019-10"))
PLAN = statement("a.txt", TRUMP, "visited", USA, 40)  # no time of its own: the document's date
OFFICE = statement("b.txt", OBAMA, "head_of_state", USA, 0, Time("from 2009 to 2017", start="2009", end="2017"))
FORMER = statement("a.txt", OBAMA, "head_of_state", USA, 60, Time("former", ended=True, relative=True))
NOW = statement("a.txt", TRUMP, "head_of_state", USA, 80)
THEN = statement("a.txt", BUSH, "head_of_state", USA, 100, Time("in 2005", value="2005", ended=True))
ELECTED = statement("a.txt", BUSH, "head_of_state", USA, 120, Time("in 2001", start="2001", ended=True))
STATEMENTS = [VISIT, MET, PLAN, OFFICE, FORMER, NOW, THEN, ELECTED]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("time") / "graph.trig", DOCS, STATEMENTS)


def test_a_point_in_time_is_a_dct_date_typed_by_granularity():
    dataset = to_dataset(DOCS, STATEMENTS)
    graph = dataset.graph(document_iri("a.txt"))
    assert graph.value(statement_iri(VISIT), DCTERMS.date) == Literal("2025-10-27", datatype=ns.XSD.date)
    assert graph.value(statement_iri(VISIT), KGO.timeText) == Literal("on Monday")
    assert graph.value(statement_iri(VISIT), KGO.relativeTime) == Literal(True)
    assert graph.value(statement_iri(MET), DCTERMS.date) == Literal("2019-10", datatype=ns.XSD.gYearMonth)
    assert graph.value(statement_iri(MET), KGO.relativeTime) is None
    assert graph.value(statement_iri(PLAN), DCTERMS.date) == Literal("2025-10-28", datatype=ns.XSD.date)
    assert graph.value(statement_iri(PLAN), KGO.timeText) is None
    assert graph.value(document_iri("a.txt"), KGO.dateSource) == Literal("dateline")


def test_a_span_has_owl_time_instants_and_former_is_ended():
    dataset = to_dataset(DOCS, STATEMENTS)
    office = statement_iri(OFFICE)
    graph = dataset.graph(document_iri("b.txt"))
    begin, end = graph.value(office, TIME.hasBeginning), graph.value(office, TIME.hasEnd)
    assert (begin, RDF.type, TIME.Instant) in graph
    assert graph.value(begin, TIME.inXSDgYear) == Literal("2009", datatype=ns.XSD.gYear)
    assert graph.value(end, TIME.inXSDgYear) == Literal("2017", datatype=ns.XSD.gYear)
    assert graph.value(office, DCTERMS.date) is None
    former = dataset.graph(document_iri("a.txt"))
    assert former.value(statement_iri(FORMER), KGO.ended) == Literal(True)
    assert former.value(statement_iri(FORMER), DCTERMS.date) is None


def test_times_conform_to_the_shapes_and_a_broken_instant_does_not(graph_file):
    assert validate(graph_file) == []
    graph = union_graph(DOCS, STATEMENTS)
    begin = graph.value(statement_iri(OFFICE), TIME.hasBeginning)
    graph.add((begin, TIME.inXSDDate, Literal("2009-01-20", datatype=ns.XSD.date)))
    graph.set((statement_iri(MET), KGO.ended, Literal("yes")))
    found = sorted(v.path for v in to_violations(graph, *read_shapes()))
    assert found == ["", "kgo:ended"]


def test_times_read_back_from_a_written_graph(graph_file):
    _, statements = read_statements(graph_file)
    times = {(s.doc, s.evidence.start): s.time for s in statements}
    assert times == {(s.doc, s.evidence.start): s.time for s in STATEMENTS}


def answers(path: Path, name: str) -> list[tuple[str, ...]]:
    _, found = run_query(path, (ontology_dir() / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    return [tuple(term_text(t) if t is not None else "" for t in row) for row in found]


def test_the_timeline_lists_one_actors_statements_by_date(graph_file):
    found = answers(graph_file, "timeline")
    assert [(r[0], r[1], r[3]) for r in found] == [
        ("2019-10", "in October 2019", "met_with"),
        ("2025-10-27", "on Monday", "visited"),
        ("2025-10-28", "", "head_of_state"),
        ("2025-10-28", "", "visited"),
    ]


@pytest.mark.parametrize(("day", "people"), [
    ("2012-06-01", ["Barack Obama"]),
    ("2017-12-31", ["Barack Obama"]),
    ("2025-11-15", ["Donald Trump"]),  # the former holders were out of office by the document's date
    ("2005-06-01", ["George W. Bush"]),
    ("1999-01-01", []),
])
def test_who_was_head_of_state_on_a_day(graph_file, day, people):
    query = (ontology_dir() / "queries" / "head_of_state_on.rq").read_text(encoding="utf-8")
    _, found = run_query(graph_file, query.replace('"2025-10-28"', f'"{day}"'))
    assert sorted({term_text(row[0]) for row in found}) == people
