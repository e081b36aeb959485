"""The extraction cache: a rebuild parses only new texts, and gives the same outputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import kg
from kg.cache import Cache, cache_key, extraction_sources, fingerprint, from_json, to_json
from kg.errors import KGError
from kg.nlp import default_model
from kg.ontology import ontology_dir
from kg.pipeline import Settings, build, write_outputs
from kg.types import Entity, Evidence, Statement, Time, Value

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_second_build_parses_only_the_new_article(seeds_build, tmp_path):
    _, fresh = seeds_build
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    new = corpus / "004_ff1d09c6ed7c7c2c.txt"
    held_back = new.read_text(encoding="utf-8")
    new.unlink()
    settings = Settings(cache=tmp_path / "cache")

    parsed: list[str] = []
    build([corpus], settings, on_parsed=lambda d: parsed.append(d.id))
    assert len(parsed) == 4

    new.write_text(held_back, encoding="utf-8")
    (corpus / "copy_of_000.txt").write_bytes((corpus / "000_c63b6df2877294c5.txt").read_bytes())
    parsed.clear()
    seen: list[str] = []
    result = build([corpus], settings, on_document=lambda d: seen.append(d.id), on_parsed=lambda d: parsed.append(d.id))
    assert parsed == ["004_ff1d09c6ed7c7c2c.txt"]
    assert len(seen) == 6
    assert {st.doc for st in result.statements} >= {"copy_of_000.txt", "000_c63b6df2877294c5.txt"}

    (corpus / "copy_of_000.txt").unlink()
    again = build([corpus], settings, on_parsed=lambda d: parsed.append(d.id))
    assert parsed == ["004_ff1d09c6ed7c7c2c.txt"]
    out = tmp_path / "out"
    write_outputs(again, out)
    for name in ("triples.jsonl", "graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_statements_survive_the_cache_with_the_new_document_id():
    country = Entity("kg:country/JPN", "Japan", "Country", "JPN", "Q17")
    other = Entity("kg:person/x-y", "X Y", "Person")
    st = Statement("a.txt", country, "pledged_investment", other, Evidence("Japan pledged.", 3, 17), "planned",
                   0.8, Value(5.5e11, "USD", "$550 billion"), "president", "pledged",
                   subject_kind="military", time=Time("since 2019", start="2019"))
    assert from_json(to_json([st]), "b.txt") == [replace(st, doc="b.txt")]


def test_the_same_text_with_another_date_is_another_entry():
    assert cache_key("f", "Japan met China on Monday.", "2019-03-06") != \
        cache_key("f", "Japan met China on Monday.", "2019-03-13")


def test_a_lexicon_change_changes_the_key(tmp_path, monkeypatch):
    model = default_model()
    before = fingerprint(model)
    copy = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), copy)
    monkeypatch.setattr("kg.cache.ontology_dir", lambda: copy)
    assert fingerprint(model) == before
    with open(copy / "lexicon" / "triggers.tsv", "a", encoding="utf-8") as f:
        f.write("met_with\tVERB\tconfer\t\twith\t0.7\n")
    assert fingerprint(model) != before


def test_the_key_covers_the_extraction_code_not_the_page_or_rdf_code():
    package = Path(kg.__file__).resolve().parent
    sources = {p.relative_to(package).as_posix() for p in extraction_sources()}
    assert {"worker.py", "extract/__init__.py", "extract/relations.py", "nlp.py", "ontology.py"} <= sources
    assert not sources & {"html.py", "rdf.py", "store.py", "cli.py", "pipeline.py", "query.py"}
    loaded = subprocess.run([sys.executable, "-c", "import sys, kg.worker; print(*(m.__file__ for n, m in "
                             "sys.modules.items() if n.startswith('kg.')), sep='\\n')"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert {Path(f).resolve() for f in loaded} <= extraction_sources()


def test_a_file_that_is_not_a_cache_is_a_one_line_error(tmp_path):
    (tmp_path / "cache.sqlite").write_text("not a database, " * 100)
    with pytest.raises(KGError, match="cannot use as a cache"):
        Cache(tmp_path).get("key", "doc")


def test_the_cache_takes_the_fingerprint_again_only_when_a_file_it_reads_changes(tmp_path, monkeypatch):
    model = default_model()
    copy = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), copy)
    monkeypatch.setattr("kg.cache.ontology_dir", lambda: copy)
    cache = Cache(tmp_path / "cache")
    first = cache.stamp(model)
    assert first == fingerprint(model)
    cache.commit()
    cache.close()
    reopened = Cache(tmp_path / "cache")
    monkeypatch.setattr("kg.cache.fingerprint", lambda _: pytest.fail("the files did not change"))
    assert reopened.stamp(model) == first
    monkeypatch.undo()
    monkeypatch.setattr("kg.cache.ontology_dir", lambda: copy)
    with open(copy / "lexicon" / "triggers.tsv", "a", encoding="utf-8") as f:
        f.write("met_with\tVERB\tconfer\t\twith\t0.7\n")
    assert reopened.stamp(model) == fingerprint(model) != first


def test_a_build_from_a_warm_cache_never_loads_spacy(tmp_path):
    cold = build([SEEDS], Settings(cache=tmp_path / "cache"))
    code = ("import sys\nfrom pathlib import Path\nfrom kg.pipeline import Settings, build\n"
            f"result = build([{str(SEEDS)!r}], Settings(cache=Path({str(tmp_path / 'cache')!r})))\n"
            "print(len(result.statements), any(n.split('.')[0] == 'spacy' for n in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [str(len(cold.statements)), "False"]
