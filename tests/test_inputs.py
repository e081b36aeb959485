"""Bounded inputs and unique document ids: an oversized file, line or field is skipped on one line
(the good records still kept), a repeated id is reported, never merged, and a build never reads
its own outputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
from cli_helpers import GOOD, OTHER, kg

from kg.ingest import MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_LINE_BYTES, read_documents
from kg.types import Document, Skipped

ROOT = Path(__file__).resolve().parent.parent
DCT_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


def read(*paths) -> tuple[list[Document], list[str]]:
    items = list(read_documents(paths))
    return [d for d in items if isinstance(d, Document)], [str(s) for s in items if isinstance(s, Skipped)]


def record(**fields) -> str:
    return json.dumps(fields) + "\n"


def test_a_file_over_the_limit_is_skipped_by_its_size_without_being_read(tmp_path):
    with open(tmp_path / "huge.txt", "wb") as f:  # sparse: 1 GB on disk costs nothing
        f.truncate(2**30)
    (tmp_path / "good.txt").write_text(GOOD)
    docs, skipped = read(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    assert skipped == [f"{tmp_path / 'huge.txt'}: file of 1024.0 MB exceeds the limit of "
                       f"{MAX_FILE_BYTES / 2**20:.1f} MB"]


def test_a_json_lines_line_over_the_limit_is_skipped_and_the_other_lines_kept(tmp_path):
    path = tmp_path / "a.jsonl"
    with open(path, "wb") as f:
        f.write(record(id="first", text=GOOD + " " * 5000).encode())  # the head of the file is text
        f.write(b'{"id": "big", "text": "')
        f.seek(MAX_LINE_BYTES + 10, os.SEEK_CUR)  # a hole: no newline in it
        f.write(b'"}\n' + record(id="last", text=OTHER).encode())
    docs, skipped = read(path)
    assert [d.id for d in docs] == ["first", "last"]
    assert skipped == [f"{path}:2: line of {(MAX_LINE_BYTES + 36) / 2**20:.1f} MB exceeds the limit of "
                       f"{MAX_LINE_BYTES / 2**20:.1f} MB"]


def test_a_metadata_field_over_the_limit_skips_its_record_only(tmp_path):
    path = tmp_path / "a.jsonl"
    long = "x" * (MAX_FIELD_CHARS + 1)
    path.write_text(record(id="a", text=GOOD, title=long) + record(id=long, text=GOOD) +
                    record(id="b", text=OTHER, title="Sanctions"), encoding="utf-8")
    status, _, stderr = kg("build", path, "-o", tmp_path / "out")
    assert status == 3
    assert stderr.splitlines() == [
        f"kg: skipped {path}:1: 'title' of {MAX_FIELD_CHARS + 1} characters exceeds the limit of {MAX_FIELD_CHARS}",
        f"kg: skipped {path}:2: 'id' of {MAX_FIELD_CHARS + 1} characters exceeds the limit of {MAX_FIELD_CHARS}"]
    assert {json.loads(line)["doc"] for line in (tmp_path / "out" / "triples.jsonl").read_text().splitlines()} \
        == {"b"}


def test_invalid_utf8_in_a_json_lines_line_is_reported_on_that_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(record(id="a", text=GOOD).encode() + b'{"id": "b", "text": "Japan \xff met China."}\n')
    docs, skipped = read(path)
    assert [(d.id, d.text) for d in docs] == [("a", GOOD), ("b", "Japan \ufffd met China.")]
    assert skipped == [f"{path}:2: invalid UTF-8 at byte 27 of the line, replaced with U+FFFD (record kept)"]


def test_same_named_files_in_two_folders_are_two_documents(tmp_path):
    for folder, text in (("d1", GOOD), ("d2", OTHER)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "a.txt").write_text(text)
    docs, skipped = read(tmp_path / "in")
    assert ([d.id for d in docs], skipped) == (["d1/a.txt", "d2/a.txt"], [])
    docs, skipped = read(tmp_path / "in" / "d1", tmp_path / "in" / "d2")
    assert ([d.id for d in docs], skipped) == (["a.txt", str(tmp_path / "in" / "d2" / "a.txt")], [])
    status, _, stderr = kg("build", tmp_path / "in", "-o", tmp_path / "out", "--store", tmp_path / "store", "-q")
    assert (status, stderr) == (0, "")
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert sorted(q.object.value for q in store.quads_for_pattern(None, DCT_IDENTIFIER, None)) == \
        ["d1/a.txt", "d2/a.txt"]


def test_seed_ids_stay_their_file_names():
    docs, _ = read(ROOT / "seeds")
    assert [d.id for d in docs] == sorted(p.name for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")


def test_a_repeated_json_lines_id_is_reported_not_merged(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(record(id="same", text=GOOD) + record(id="same", text=OTHER) + record(id=7, text=OTHER) +
                    record(id="7", text=GOOD), encoding="utf-8")
    status, _, stderr = kg("build", path, "-o", tmp_path / "out")
    assert status == 3
    assert stderr.splitlines() == [f"kg: skipped {path}:2: id 'same' repeats the document of {path}:1",
                                   f"kg: skipped {path}:4: id '7' repeats the document of {path}:3"]
    assert kg("validate", tmp_path / "out" / "graph.trig")[0] == 0
    records = [json.loads(line) for line in (tmp_path / "out" / "triples.jsonl").read_text().splitlines()]
    assert {(r["doc"], r["relation"]) for r in records} == {("same", "signed_agreement_with"),
                                                            ("7", "imposed_sanctions_on")}


def test_a_build_does_not_read_its_own_output_folder(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    for _ in range(2):
        status, stdout, stderr = kg("build", tmp_path, "-o", tmp_path / "out")
        assert (status, stderr) == (0, "")
        assert "documents 1 " in stdout
