"""The Spark engine on a local[2] master gives the local engine's triples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.normalize import entity_id, merge_people
from kg.pipeline import Settings, build
from kg.spark import merged_people, spark_conf, spark_context
from kg.types import Entity

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_local_masters_stay_on_the_loopback_without_a_web_ui():
    conf = spark_conf("local[2]")
    assert conf["spark.ui.enabled"] == "false"
    assert conf["spark.driver.host"] == conf["spark.driver.bindAddress"] == "127.0.0.1"
    assert "spark.driver.host" not in spark_conf("spark://cluster:7077")


def test_spark_build_gives_the_local_triples(seeds_build, tmp_path):
    _, local = seeds_build
    out, parts = tmp_path / "out", tmp_path / "parts"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(out), "--engine", "spark",
                                      "--spark-master", "local[2]", "--nquads-parts", str(parts)])
    assert result.exit_code == 0, result.output
    assert "parsed 5  from cache 0" in result.stdout
    again = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(out), "--engine", "spark",
                                     "--spark-master", "local[2]", "--nquads-parts", str(parts)])
    assert again.exit_code == 0, again.output
    assert "parsed 0  from cache 5" in again.stdout

    def lines(folder: Path) -> list[str]:
        return sorted((folder / "triples.jsonl").read_text(encoding="utf-8").splitlines())

    assert len(lines(local)) > 20
    assert lines(out) == lines(local)
    store = ox.Store()
    store.bulk_load(path=str(parts / "part-00000.nq"), format=ox.RdfFormat.N_QUADS)
    trig = ox.Store()
    trig.bulk_load(path=str(local / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert set(store) == set(trig)


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
