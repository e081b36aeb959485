"""Statements on disk during a build: read back merged, in input order or a document at a time."""

from __future__ import annotations

import io
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor

from kg.normalize import resolve
from kg.pipeline import triples_jsonl, write_rdf_and_records
from kg.rdf import by_document, serialize, to_graphs
from kg.spill import Spill
from kg.types import Document, Entity, Evidence, Statement, Time, Value

LULA = Entity("kg:person/lula-da-silva", "Lula da Silva", "Person", "BRA", aliases=("Lula",))
SILVA = Entity("kg:person/silva", "Silva", "Person")
BRAZIL = Entity("kg:country/BRA", "Brazil", "Country", "BRA", "Q155")
BRAZIL_BARE = Entity("kg:country/BRA", "Brazil", "Country")
CHILE = Entity("kg:country/CHL", "Chile", "Country", "CHL")
DOCS = (Document("b.txt", "", title="Trade talks"), Document("a.txt", "", date="2024-05-02"), Document("c.txt", ""))
STATEMENTS = [
    Statement("b.txt", BRAZIL_BARE, "signed_agreement_with", CHILE,
              Evidence("Brazil signed a copper accord with Chile on Friday.", 0, 52), confidence=0.9,
              time=Time("on Friday", value="2024-05-03", relative=True), trigger="signed"),
    Statement("b.txt", SILVA, "visited", CHILE, Evidence("Silva then flew to Santiago \"for talks\".", 53, 93),
              role="President", object_kind="government"),
    Statement("a.txt", LULA, "pledged_investment", CHILE,
              Evidence("Lula da Silva promised Chile $2 billion for new rail lines.", 0, 58),
              modality="planned", value=Value(2e9, "USD", "$2 billion")),
    Statement("a.txt", SILVA, "head_of_state", LULA, Evidence("Silva, that is Lula da Silva, spoke.", 59, 95)),
    Statement("a.txt", CHILE, "met_with", BRAZIL, Evidence("Chile and Brazil met.", 96, 117)),
]


def spilled():
    spill = Spill()
    for document in DOCS:
        spill.add(document, [st for st in STATEMENTS if st.doc == document.id])
    return spill.finish()


def test_spilled_statements_come_back_merged_as_resolve_gives_them():
    merged, entities = resolve(STATEMENTS)
    statements = spilled()
    assert list(statements) == merged
    assert len(statements) == len(merged) == 4  # Silva is Lula da Silva: his statement about himself is left out
    assert statements.entities == entities
    assert {st.subject for st in statements if st.subject.id == BRAZIL.id} | \
        {st.object for st in statements if st.object.id == BRAZIL.id} == {BRAZIL}  # the one with a country


def test_spilled_records_are_the_statements_records():
    statements = spilled()
    text = "".join(triples_jsonl(statements))
    assert text == "".join(triples_jsonl(list(statements)))
    assert [json.loads(line) for line in text.splitlines()] == [st.to_record() for st in statements]
    assert text.endswith("}\n") and text.count("\n") == len(statements)


def test_spilled_statements_come_a_document_at_a_time_in_order_of_the_documents_iri():
    statements = spilled()
    assert [(d.id, group) for d, group in statements.by_document()] == \
        [(d.id, group) for d, group in by_document(DOCS, list(statements))]
    assert [(d.id, len(group)) for d, group in statements.by_document()] == [("a.txt", 2), ("b.txt", 2),
                                                                                ("c.txt", 0)]


def test_spilled_graphs_are_written_as_the_serializer_writes_their_statements():
    statements = spilled()
    trig, ttl = io.StringIO(), io.StringIO()
    write_rdf_and_records(statements, trig, ttl, io.StringIO())
    for fmt, out in (("trig", trig), ("ttl", ttl)):
        assert out.getvalue() == "".join(serialize(to_graphs(DOCS, list(statements)), fmt))
    assert "kg:person\\/silva" not in trig.getvalue()  # merged into Lula da Silva before it was written
    brazil = ttl.getvalue().split("\nkg:country\\/BRA a ", 1)[1].split(" .\n")[0]
    assert 'kgo:country "BRA"' in brazil  # the Brazil with a country, though first seen without one


def test_direct_edges_to_a_merged_person_are_written_with_the_merged_name():
    spill = Spill()
    documents = (Document("d.txt", ""),)
    found = [Statement("d.txt", CHILE, "visited", SILVA, Evidence("Chile's envoy visited Silva.", 0, 28)),
             Statement("d.txt", LULA, "met_with", CHILE, Evidence("Lula da Silva met Chile's envoy.", 29, 61))]
    spill.add(documents[0], found)
    statements = spill.finish()
    trig, ttl = io.StringIO(), io.StringIO()
    write_rdf_and_records(statements, trig, ttl, io.StringIO())
    assert trig.getvalue() == "".join(serialize(to_graphs(documents, list(statements)), "trig"))
    assert "kgo:visited kg:person\\/lula-da-silva" in ttl.getvalue()


def test_the_spill_is_read_by_threads_side_by_side_and_leaves_no_file_even_while_in_use(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    statements = spilled()
    assert list(tmp_path.iterdir()) == []  # removed once open, so a killed build leaves nothing either
    with ThreadPoolExecutor(2) as pool:
        records, graphs = pool.submit(list, statements.records()), pool.submit(list, statements.named_turtle())
        assert len(list(statements.default_turtle())) == 1 and len(records.result()) == len(graphs.result()) == 3
    nested = [(st, pair) for st in statements for pair in statements.pairs() for _ in statements.records()
              for _ in statements.default_turtle()]  # four reads at once: more than there are readers
    assert len(nested) == 4 * 4 * 3 and list(statements) == [st for st, _ in nested[::12]]
