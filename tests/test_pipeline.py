"""The orchestrator: streaming waves, worker processes, N-Quads parts, and the build command's options."""

from __future__ import annotations

import json
import os
import re
import shutil
from itertools import count, islice
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.engines import free_cores
from kg.nlp import default_model
from kg.pipeline import PAGE_NODES, Settings, build, extracted, triples_jsonl, write_outputs
from kg.rdf import serialize, to_graphs
from kg.types import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SENTENCE = "Japan pledged a $550 billion investment in the United States."


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_stream_through_the_engine_in_waves(jobs):
    """Results come while the input is still being read: documents are read a few waves ahead at most."""
    def endless():
        for n in count():
            assert n < 20, "read far ahead of the results"
            yield Document(id=f"doc{n}", text=SENTENCE)

    first = list(islice(extracted(endless(), Settings(wave=2, jobs=jobs), default_model(), None, None), 3))
    assert [d.id for d, _ in first] == ["doc0", "doc1", "doc2"]
    assert all(found and found[0].doc == d.id for d, found in first)
    assert {st.relation for _, found in first for st in found} == {"pledged_investment"}


def test_texts_are_dropped_once_extracted(seeds_build):
    result, _ = seeds_build
    assert len(result.documents) == 5
    assert all(d.text == "" for d in result.documents)


def test_two_jobs_give_the_same_output_in_the_same_order(seeds_build):
    result, _ = seeds_build
    parsed = []
    two = build([SEEDS], Settings(jobs=2, wave=3), on_parsed=parsed.append)
    assert len(parsed) == 5
    assert [d.id for d in two.documents] == [d.id for d in result.documents]
    assert list(triples_jsonl(two.statements)) == list(triples_jsonl(result.statements))
    assert two.entities == result.entities


def test_the_graph_files_hold_each_quad_once_and_export_writes_the_same_text(seeds_build, tmp_path):
    result, out = seeds_build
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert trig.count("@prefix kgo:") == ttl.count("@prefix kgo:") == 1
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    assert len(quads) == len(set(quads)) > 500
    expected = "".join(serialize(to_graphs(result.documents, result.statements), "nq"))
    assert set(quads) == set(ox.parse(expected, format=ox.RdfFormat.N_QUADS))
    triples = list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(set(triples)) == len(quads)
    assert {q.triple for q in triples} == {q.triple for q in quads}
    for source in (out / "graph.trig", out / "graph.ttl"):
        for fmt in ("trig", "ttl", "nq"):
            assert CliRunner().invoke(app, ["export", str(source), "-o", str(tmp_path / f"x.{fmt}")]).exit_code == 0
        if source.suffix == ".trig":
            assert (tmp_path / "x.trig").read_text(encoding="utf-8") == trig
            assert (tmp_path / "x.ttl").read_text(encoding="utf-8") == ttl
        assert CliRunner().invoke(app, ["export", str(tmp_path / "x.nq"), "-o", str(tmp_path / "y.ttl")]).exit_code == 0
        assert (tmp_path / "y.ttl").read_text(encoding="utf-8") == (tmp_path / "x.ttl").read_text(encoding="utf-8")


def test_nquads_parts_hold_the_same_quads_as_the_trig(seeds_build, tmp_path, monkeypatch):
    result, out = seeds_build
    monkeypatch.setattr("kg.pipeline.PART_DOCUMENTS", 1)
    parts = tmp_path / "parts"
    write_outputs(result, tmp_path / "out", parts=parts)
    (parts / "part-00099.nq").write_text("not kg's\n")
    monkeypatch.setattr("kg.pipeline.PART_DOCUMENTS", 2)
    written = write_outputs(result, tmp_path / "out", parts=parts)
    names = ["part-00000.nq", "part-00001.nq", "part-00002.nq"]
    assert [p.name for p in written if p.parent == parts] == [*names, ".kg-parts"]
    assert sorted(p.name for p in parts.iterdir()) == [".kg-parts", *names, "part-00099.nq"]  # only kg's removed
    assert (parts / ".kg-parts").read_text() == "".join(n + "\n" for n in names)
    loaded = ox.Store()
    for name in names:
        loaded.bulk_load(path=str(parts / name), format=ox.RdfFormat.N_QUADS)
    trig = ox.Store()
    trig.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert len(loaded) > 100
    assert set(loaded) == set(trig)


def test_build_command_quiet_jobs_and_summary(tmp_path):
    runner = CliRunner()
    shutil.copy(SEEDS / "003_4b7e92986d6aa487.txt", tmp_path / "a.txt")
    quiet = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == ""
    assert (tmp_path / "out" / "triples.jsonl").read_text()
    again = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")])
    assert again.exit_code == 0, again.output
    assert "parsed 0  from cache 1" in again.stdout
    bad = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--jobs", "0"])
    assert bad.exit_code == 2
    auto = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--jobs", "auto", "-q"])
    assert auto.exit_code == 0, auto.output


def test_auto_jobs_are_the_cores_free_now(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    for load, jobs in ((0.2, 4), (1.4, 3), (3.9, 1), (12.0, 1)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load))
        assert free_cores() == jobs


def test_skipped_file_names_are_printed_as_they_are(tmp_path):
    name = "[bold red]x[blink] :smile:.pdf"
    (tmp_path / name).write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(app, ["build", str(tmp_path / name), str(SEEDS / "001_22749be4b06f8346.txt"),
                                      "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 3
    assert f"kg: skipped {tmp_path / name}: unsupported file type" in result.stderr


def test_the_page_of_a_large_build_draws_the_most_connected_part_and_says_what_it_leaves_out(seeds_build, tmp_path):
    result, out = seeds_build
    write_outputs(result, tmp_path, max_nodes=4)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert len(data["nodes"]) == 4
    note = re.search(r'<p id="left-out">Showing 4 of ([0-9,]+) entities and ([0-9,]+) of ([0-9,]+) statements', page)
    assert note and note[1] == str(len(result.entities)) and note[3] == str(len(result.statements))
    assert 0 < int(note[2]) < len(result.statements)
    assert "Showing" not in (out / "graph.html").read_text(encoding="utf-8")  # the seeds fit the default
    assert f"default {PAGE_NODES}" in CliRunner().invoke(app, ["build", "--help"]).output
