"""The Spark engine on a local[2] master gives the local engine's outputs, byte for byte."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg import pipeline
from kg.cache import FILE
from kg.cli import app
from kg.errors import KGError
from kg.normalize import entity_id, merge_people, resolve
from kg.ontology import load_ontology
from kg.pipeline import Settings, build, write_rdf_and_records
from kg.rdf import serialize, to_graphs
from kg.spark import merged_people, spark_conf, spark_context
from kg.spill import Spill, json_line, pack
from kg.types import Document, Entity, Evidence, Statement

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OUTPUTS = ("triples.jsonl", "graph.ttl", "graph.trig")
# Articles naming a person by surname in one and in full in another, and a person whose country only a later
# article gives: documents an executor renders before the build knows the final entities.
ARTICLES = {
    "a.txt": "Border talks resume\nHaddad met Omar Farouk in Amman on Monday to discuss the border crossings.\n"
             "Haddad also visited Syria last month.\n",
    "b.txt": "Beirut and Amman sign a water accord\nLebanese Foreign Minister Lina Haddad signed a water agreement "
             "with Jordan on Tuesday.\n",
    "c.txt": "Aid pledge\nJordan pledged $20 million to Lebanon for refugee housing.\n",
    "d.txt": "Ministers meet again\nOmar Farouk, Jordan's foreign minister, met Lina Haddad in Beirut.\n",
}


def kg_build(corpus: Path, out: Path, *options: str) -> str:
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def same_outputs(one: Path, other: Path, names: tuple[str, ...] = OUTPUTS) -> None:
    for name in names:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


def write_articles(corpus: Path) -> Path:
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def test_local_masters_stay_on_the_loopback_without_a_web_ui():
    conf = spark_conf("local[2]")
    assert conf["spark.ui.enabled"] == "false"
    assert conf["spark.driver.host"] == conf["spark.driver.bindAddress"] == "127.0.0.1"
    assert "spark.driver.host" not in spark_conf("spark://cluster:7077")


def test_spark_build_gives_the_local_outputs_and_fills_the_cache(seeds_build, tmp_path):
    _, local = seeds_build
    out, parts = tmp_path / "out", tmp_path / "parts"
    spark = ("--engine", "spark", "--spark-master", "local[2]", "--nquads-parts", str(parts))
    assert "parsed 5  from cache 0" in kg_build(SEEDS, out, *spark)
    same_outputs(out, local)
    assert "parsed 0  from cache 5" in kg_build(SEEDS, out, *spark)
    same_outputs(out, local)
    assert len((local / "triples.jsonl").read_text(encoding="utf-8").splitlines()) > 20
    store = ox.Store()
    store.bulk_load(path=str(parts / "part-00000.nq"), format=ox.RdfFormat.N_QUADS)
    trig = ox.Store()
    trig.bulk_load(path=str(local / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert set(store) == set(trig)


def test_documents_rendered_on_executors_before_people_merge_give_the_local_outputs(tmp_path):
    corpus = write_articles(tmp_path / "corpus")
    kg_build(corpus, tmp_path / "local")
    kg_build(corpus, tmp_path / "spark", "--engine", "spark", "--spark-master", "local[2]")
    same_outputs(tmp_path / "spark", tmp_path / "local", (*OUTPUTS, "graph.html"))
    records = (tmp_path / "spark" / "triples.jsonl").read_text(encoding="utf-8")
    assert "kg:person/lina-haddad" in records and "kg:person/haddad" not in records  # Haddad merged
    people = {json.dumps(record[end]) for record in map(json.loads, records.splitlines())
              for end in ("subject", "object") if record[end]["type"] == "Person"}
    assert people == {json.dumps(person(name, country).to_record())
                      for name, country in (("Lina Haddad", "LBN"), ("Omar Farouk", "JOR"))}


def spilled_text(spill: Spill) -> tuple[str, str, str]:
    trig, ttl, jsonl = io.StringIO(), io.StringIO(), io.StringIO()
    write_rdf_and_records(spill.finish(), trig, ttl, jsonl)
    return trig.getvalue(), ttl.getvalue(), jsonl.getvalue()


def test_text_packed_with_each_documents_own_entities_is_stored_as_the_build_would_write_it():
    haddad, lina = person("Haddad"), person("Lina Haddad", "LBN")
    farouk, farouk_jor = person("Omar Farouk"), person("Omar Farouk", "JOR")
    jordan = Entity("kg:country/JOR", "Jordan", "Country", "JOR")
    said, again = Evidence("They met.", 0, 9), Evidence("Again.", 10, 16)
    found = {  # Haddad is Lina Haddad; Omar Farouk has a country in b.txt only
        Document("a.txt", ""): [Statement("a.txt", haddad, "met_with", farouk, said),
                                Statement("a.txt", haddad, "met_with", lina, again)],  # about herself once merged
        Document("c.txt", ""): [Statement("c.txt", farouk, "official_of", jordan, said)],
        Document("b.txt", "", date="2025-03-04"): [Statement("b.txt", lina, "met_with", farouk_jor, said),
                                                   Statement("b.txt", farouk, "visited", jordan, again)],
        Document("d.txt", ""): [Statement("d.txt", farouk, "met_with", jordan, said)],  # on its own, no country
    }
    local, executors = Spill(), Spill()
    relations = load_ontology().relations
    for document, statements in found.items():
        local.add(document, statements)
        executors.store(pack(document, statements, relations))
    merged, _ = resolve([st for statements in found.values() for st in statements])
    trig, ttl, jsonl = spilled_text(executors)
    assert jsonl == "".join(json_line(st) for st in merged)
    assert (trig, ttl) == tuple("".join(serialize(to_graphs(found, merged), fmt)) for fmt in ("trig", "ttl"))
    assert (trig, ttl, jsonl) == spilled_text(local)
    assert len(merged) == 5 and {st.subject for st in merged} == {lina, farouk_jor}
    assert "kg:person\\/haddad" not in trig


def test_a_worker_error_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS / "001_22749be4b06f8346.txt"), "-o", str(tmp_path),
                                      "--engine", "spark", "--spark-master", "local[1]", "--model", "no_such_model"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("kg: error: spark: extraction failed: ")
    assert "no_such_model" in line


def person(label: str, country: str | None = None) -> Entity:
    return Entity(entity_id(None, label, "Person"), label, "Person", country)


def test_the_merge_job_gives_the_local_merge():
    people = [person("Lina Haddad", "LBN"), person("Haddad"), person("Omar"), person("Omar Said"),
              person("Omar Farouk"), person("Farouk"), Entity("kg:country/JOR", "Jordan", "Country", "JO")]
    with spark_context("local[2]") as sc:
        merged = merged_people(sc, people)
    assert merged == merge_people(people) == {person("Haddad").id: person("Lina Haddad", "LBN"),
                                              person("Farouk").id: person("Omar Farouk")}


def test_small_waves_on_spark_give_the_local_statements_in_order_and_fill_the_cache(seeds_build, tmp_path):
    local, _ = seeds_build
    build([SEEDS / "002_8adea112954ff67f.txt"], Settings(cache=tmp_path))
    parsed: list[str] = []
    spark = build([SEEDS], Settings(engine="spark", spark_master="local[2]", wave=2, cache=tmp_path),
                  on_parsed=lambda d: parsed.append(d.id))
    assert [st.to_record() for st in spark.statements] == [st.to_record() for st in local.statements]
    assert spark.entities == local.entities and len(spark.statements) == len(local.statements)
    assert [d.id for d in spark.documents] == [d.id for d in local.documents]
    assert len(parsed) == 4 and "002_8adea112954ff67f.txt" not in parsed
    parsed.clear()
    again = build([SEEDS], Settings(cache=tmp_path), on_parsed=lambda d: parsed.append(d.id))
    assert parsed == [] and [st.to_record() for st in again.statements] == [st.to_record() for st in local.statements]


def test_nquads_parts_and_store_written_from_spark_are_the_local_engines(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PART_DOCUMENTS", 2)  # four articles: two parts of two graphs, the default graph last
    corpus = write_articles(tmp_path / "corpus")
    for engine in ("local", "spark"):
        kg_build(corpus, tmp_path / engine, "--engine", engine, "--spark-master", "local[2]",
                 "--nquads-parts", str(tmp_path / engine / "parts"), "--store", str(tmp_path / engine / "store"))
    names = sorted(path.name for path in (tmp_path / "local" / "parts").iterdir())
    assert names == [".kg-parts", "part-00000.nq", "part-00001.nq", "part-00002.nq"]
    assert sorted(path.name for path in (tmp_path / "spark" / "parts").iterdir()) == names
    same_outputs(tmp_path / "spark" / "parts", tmp_path / "local" / "parts", tuple(names))
    last = list(ox.parse(path=str(tmp_path / "spark" / "parts" / "part-00002.nq"), format=ox.RdfFormat.N_QUADS))
    assert last and all(isinstance(quad.graph_name, ox.DefaultGraph) for quad in last)
    local, spark = (set(ox.Store(str(tmp_path / engine / "store"))) for engine in ("local", "spark"))
    assert spark == local and len(local) > 50


def test_a_cached_document_the_executors_cannot_render_fails_in_one_line_and_keeps_the_outputs(tmp_path):
    corpus, out = write_articles(tmp_path / "corpus"), tmp_path / "out"
    kg_build(corpus, out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    cache = sqlite3.connect(out / ".kg-cache" / FILE)
    cache.execute("UPDATE entries SET statements = replace(statements, '\"met_with\"', '\"chatted_with\"')")
    cache.commit()
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(out), "--engine", "spark",
                                      "--spark-master", "local[2]"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("kg: error: spark: ") and "'chatted_with' is not in relations.tsv" in line
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert [path.name for path in out.iterdir() if path.name.endswith(".tmp")] == []


def test_a_part_lost_before_the_outputs_are_written_is_a_one_line_error_and_leaves_no_part_folder(tmp_path,
                                                                                                 monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    corpus = write_articles(tmp_path / "corpus")

    def lose_the_parts(_):  # told once a wave's parts are written: as if shared storage lost them
        for part in (tmp_path / "tmp").glob("kg-spark-*/part-*"):
            part.unlink()

    with pytest.raises(KGError) as error:
        build([corpus], Settings(engine="spark", spark_master="local[2]"), on_parsed=lose_the_parts)
    [line] = str(error.value).splitlines()
    assert line.startswith("spark: writing the outputs failed: ") and "part-00000-" in line
    assert list((tmp_path / "tmp").glob("kg-spark-*")) == []
