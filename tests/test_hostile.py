"""Hostile input: every bad input is named on one line and skipped, nothing crashes, no output is lost.

Builds run in-process through the CLI (the spaCy model loads once); only the kill and
closed-pipe tests start a `kg` process.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from cli_helpers import GOOD, OTHER, kg
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.extract import paragraphs
from kg.ingest import read_documents
from kg.normalize import entity_id
from kg.pipeline import OUTPUTS
from kg.rdf import FORMATS, entity_iri
from kg.types import Document, Entity

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
RDF_PARSERS = {"ttl": ("turtle", ox.RdfFormat.TURTLE), "nt": ("nt", ox.RdfFormat.N_TRIPLES),
               "trig": ("trig", ox.RdfFormat.TRIG), "nq": ("nquads", ox.RdfFormat.N_QUADS),
               "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}
# An IRI any RDF parser accepts; the ones kg mints are ASCII too.
VALID_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`]*")
KG_IRI = re.compile(r"https://w3id\.org/kg/[A-Za-z0-9._~:/#%-]+")


def triples(out: Path) -> set[tuple[str, frozenset[str]]]:
    """(relation, {subject, object}) of the built triples: symmetric relations come in either order."""
    records = [json.loads(line) for line in (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    return {(r["relation"], frozenset((r["subject"]["label"], r["object"]["label"]))) for r in records}


SIGNED = ("signed_agreement_with", frozenset(("Japan", "China")))
SANCTIONS = ("imposed_sanctions_on", frozenset(("Germany", "Russia")))


def fifo(path: Path) -> None:
    os.mkfifo(path)


def broken_link(path: Path) -> None:
    path.symlink_to(path.with_name("missing.txt"))


def link_loop(path: Path) -> None:
    path.symlink_to(path)


def folder_loop(path: Path) -> None:
    path.symlink_to(".")


JSONL = "\n".join([json.dumps({"id": "ok", "text": OTHER}), "{broken", json.dumps({"id": "no text"}),
                   json.dumps({"id": "n", "text": ["a list"]}), json.dumps({"text": OTHER, "title": 5})])

# name: (files beside good.txt, what stderr says after "kg: ": skipped or repaired IN/..., a triple the case adds)
CASES: dict[str, tuple[dict[str, bytes | Callable[[Path], None]], list[str], tuple | None]] = {
    "empty file": ({"bad.txt": b""}, ["skipped bad.txt: empty file"], None),
    "PDF": ({"bad.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"}, ["skipped bad.txt: binary file"], None),
    "PNG": ({"bad.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, ["skipped bad.txt: binary file"], None),
    "gzip": ({"bad.txt": gzip.compress(OTHER.encode())}, ["skipped bad.txt: binary file"], None),
    "NUL bytes": ({"bad.md": OTHER.encode() + b"\x00\x00\x07"}, ["skipped bad.md: binary file (NUL bytes)"], None),
    "invalid UTF-8": ({"bad.txt": OTHER.encode() + b"\n\xc3\x28"},
                      ["repaired bad.txt: invalid UTF-8 at byte 37, replaced with U+FFFD (document kept)"],
                      SANCTIONS),
    "UTF-16 with BOM": ({"utf16.txt": OTHER.encode("utf-16")}, [], SANCTIONS),
    "JSON Lines": ({"a.jsonl": JSONL.encode()},
                   ["skipped a.jsonl:2: not JSON (Expecting property name enclosed in double quotes at column 2)",
                    "skipped a.jsonl:3: missing or non-string 'text'",
                    "skipped a.jsonl:4: missing or non-string 'text'",
                    "skipped a.jsonl:5: 'title' is not a string"], SANCTIONS),
    "FIFO": ({"pipe.txt": fifo}, ["skipped pipe.txt: not a regular file"], None),
    "broken symlink": ({"gone.txt": broken_link}, ["skipped gone.txt: cannot read (No such file or directory)"], None),
    "symlink to itself": ({"self.txt": link_loop},
                          ["skipped self.txt: cannot read (Too many levels of symbolic links)"], None),
    "folder symlink loop": ({"loop": folder_loop}, [], None),
    "odd names": ({"q\"uote's [bold]x[red] <b>&amp; \U0001f600 \u05e9\u05dc\u05d5\u05dd.txt": OTHER.encode(),
                   "[link=mailto:x]click[red].txt": b""},
                  ["skipped [link=mailto:x]click[red].txt: empty file"], SANCTIONS),
    "control characters in names": ({"esc\x1b[2J\u202e.txt": b""},
                                    ["skipped esc\\x1b[2J\\u202e.txt: empty file"], None),
    "undecodable name": ({os.fsdecode(b"bad\xff.txt"): b""}, ["skipped bad\\udcff.txt: empty file"], None),
}


@pytest.mark.parametrize("case", CASES)
def test_each_bad_input_is_one_line_on_stderr_and_the_rest_is_used(tmp_path, case):
    files, skipped, adds = CASES[case]
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        content(folder / name) if callable(content) else (folder / name).write_bytes(content)
    status, stdout, stderr = kg("build", folder, "-o", out)
    assert status == (3 if skipped else 0)
    assert stderr.splitlines() == [f"kg: {line.replace(' ', f' {folder}/', 1)}" for line in skipped]
    assert SIGNED in triples(out)
    assert adds is None or adds in triples(out)
    repaired = sum(line.startswith("repaired ") for line in skipped)
    assert f"skipped inputs {len(skipped) - repaired}  repaired {repaired}" in stdout


def test_extract_reports_bad_input_the_same_way(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x1f\x8b\x08")
    status, stdout, stderr = kg("extract", tmp_path)
    assert (status, stderr) == (3, f"kg: skipped {tmp_path / 'b.txt'}: binary file\n")
    assert [json.loads(line)["doc"] for line in stdout.splitlines()] == ["a.txt"]


def test_html_scripts_styles_and_deep_nesting(tmp_path):
    page = ("<html><head><style>p { color: red }</style><script>document.write('" + GOOD + "')</script></head>"
            "<body>" + "<div><span>" * 20_000 + f"<p>{OTHER}</p>" + "</span></div>" * 20_000 +
            "<script>var s = '<p>France signed a trade agreement with Italy.</p>';</script></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    status, _, stderr = kg("build", tmp_path / "page.html", "-o", tmp_path / "out")
    assert (status, stderr) == (0, "")
    assert triples(tmp_path / "out") == {SANCTIONS}


def test_strict_makes_the_first_bad_input_fatal(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    status, stdout, stderr = kg("build", tmp_path, "-o", tmp_path / "out", "--strict")
    assert (status, stdout, stderr) == (1, "", f"kg: error: {tmp_path / 'b.txt'}: empty file\n")
    assert not any((tmp_path / "out" / name).exists() for name in OUTPUTS)


def test_a_build_with_no_usable_article_keeps_the_previous_outputs(seeds_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_build[1], out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    (tmp_path / "empty.txt").write_bytes(b"")
    status, _, stderr = kg("build", tmp_path / "empty.txt", tmp_path / "typo", "-o", out)
    assert status == 1
    assert stderr.splitlines() == [f"kg: skipped {tmp_path / 'empty.txt'}: empty file",
                                   f"kg: skipped {tmp_path / 'typo'}: no such file or folder",
                                   "kg: error: no article could be read; the previous outputs are left as they were"]
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_debug_shows_the_error_itself(tmp_path):
    from kg.errors import InputError

    (tmp_path / "b.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["--debug", "build", str(tmp_path), "-o", str(tmp_path / "out"), "--strict"])
    assert isinstance(result.exception, InputError)


def test_an_unexpected_error_is_one_line_unless_debugging(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug\nin two lines")

    monkeypatch.setattr("kg.ingest.clean_text", broken)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    status, stdout, stderr = kg("build", tmp_path, "-o", tmp_path / "out")
    assert (status, stdout) == (1, "")
    assert stderr == "kg: error: unexpected ValueError: a bug\\nin two lines (kg --debug shows where)\n"
    result = CliRunner().invoke(app, ["--debug", "build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert isinstance(result.exception, ValueError)


def test_a_20_mb_single_line_is_processed_in_pieces_with_true_offsets(tmp_path):
    filler = ("x" * 4998 + ". ") * 4000
    text = f"{GOOD} {filler}{OTHER}"
    assert "\n" not in text and len(text) > 20_000_000 > 1_000_000  # spaCy's nlp.max_length
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    status, _, stderr = kg("build", tmp_path / "long.txt", "-o", tmp_path / "out")
    assert (status, stderr) == (0, "")
    records = [json.loads(line) for line in (tmp_path / "out" / "triples.jsonl").read_text().splitlines()]
    assert triples(tmp_path / "out") >= {SIGNED, SANCTIONS}
    [document] = [d for d in read_documents([tmp_path / "long.txt"]) if isinstance(d, Document)]
    for r in records:
        assert document.text[r["evidence"]["start"]:r["evidence"]["end"]] == r["evidence"]["text"]


@given(st.text(st.sampled_from("ab .!?\n"), max_size=400), st.integers(min_value=2, max_value=40))
@example("Aa. " * 30, 20)
def test_long_lines_come_in_pieces_at_true_offsets(text, limit):
    pieces = list(paragraphs(text, limit))
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
        assert len(piece) <= limit and "\n" not in piece and piece.strip()
    assert "".join("".join(p.split()) for _, p in pieces) == "".join(text.split())


def test_a_long_line_is_cut_after_a_sentence():
    line = "One two three. Four five six seven. Eight"
    assert list(paragraphs(line, 20)) == [(0, "One two three."), (15, "Four five six seven."), (36, "Eight")]


@given(st.text(max_size=80), st.sampled_from(["Person", "Organization", "Location", "Commodity"]))
@example('Acme <Corp> & "Sons" \u202e', "Organization")
def test_minted_ids_are_ascii_safe_and_stable(label, type_):
    minted = entity_id(None, label, type_)
    assert minted == entity_id(None, label, type_)
    assert re.fullmatch(r"kg:[a-z]+/[a-z0-9-]+", minted)
    assert KG_IRI.fullmatch(entity_iri(Entity(minted, label, type_))[1:-1])


def test_minted_ids_are_the_same_in_every_run():
    assert entity_id(None, "Acme Corp", "Organization") == "kg:organization/acme-corp"
    assert entity_id(None, 'Acme <Corp> & "Sons"', "Organization") == "kg:organization/acme-corp-sons-de6f879d"


HOSTILE = ['q"uote\'s <script>alert(1)</script>', "[bold]x[/bold] [link=https://e.org]y[/link]",
           "emoji \U0001f600 \u05e9\u05dc\u05d5\u05dd \u202eevil", "back\\slash\nnew line \ud800", "{}|^`%20"]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    records = [{"id": name, "title": name, "url": name, "date": name,
                "text": f"{GOOD} Acme <Corp> & \"Sons\" [bold]Holdings[/bold] signed an agreement with France."}
               for name in HOSTILE]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    status, _, stderr = kg("build", folder / "a.jsonl", "-o", folder / "out")
    assert (status, stderr) == (0, "")
    return folder / "out"


def parsed(path: Path, fmt: str) -> tuple[int, set[str]]:
    """Statements of an RDF file as rdflib and Oxigraph read it (they must agree), and its IRIs."""
    rdflib_format, ox_format = RDF_PARSERS[fmt]
    dataset = rdflib.Dataset()
    dataset.parse(path, format=rdflib_format)
    quads = list(ox.parse(path=path, format=ox_format))
    assert len(set(dataset.quads())) == len(quads)
    iris = {str(t.value) for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    return len(quads), iris


def test_hostile_names_keep_every_iri_valid_and_every_output_parses(hostile_build):
    records = (hostile_build / "triples.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) >= len(HOSTILE)
    for fmt in ("ttl", "trig"):
        _, iris = parsed(hostile_build / f"graph.{fmt}", fmt)
        assert all(VALID_IRI.fullmatch(iri) for iri in iris)
        assert all(KG_IRI.fullmatch(iri) for iri in iris if iri.startswith("https://w3id.org/kg/"))
    statements = [q for q in ox.parse(path=hostile_build / "graph.trig", format=ox.RdfFormat.TRIG)
                  if q.object == ox.NamedNode("https://w3id.org/kg/ontology#Statement")]
    assert len(statements) == len(records)
    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_format_parses_back_to_the_same_statements(hostile_build, tmp_path, fmt):
    quads, _ = parsed(hostile_build / "graph.trig", "trig")
    union = len({(q.subject, q.predicate, q.object) for q in
                 ox.parse(path=hostile_build / "graph.trig", format=ox.RdfFormat.TRIG)})
    status, _, stderr = kg("export", hostile_build / "graph.trig", "-o", tmp_path / f"g.{fmt}")
    assert (status, stderr) == (0, "")
    count, _ = parsed(tmp_path / f"g.{fmt}", fmt)
    assert count == (quads if fmt in ("trig", "nq", "jsonld") else union)


def test_markup_and_escapes_in_data_are_printed_literally(tmp_path):
    nasty = "[bold]x[/bold] [link=https://e.org]y[/link] :smile: \x1b[31mred\x1b]8;;https://e.org\x07"
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("https://e.org/s"), rdflib.RDFS.label, rdflib.Literal(nasty)))
    graph.serialize(tmp_path / "g.ttl", format="turtle")
    status, stdout, _ = kg("query", tmp_path / "g.ttl", "SELECT ?l WHERE { ?s ?p ?l }")
    assert status == 0
    assert "[bold]x[/bold] [link=https://e.org]y[/link] :smile: \\x1b[31mred\\x1b]8;;https://e.org\\x07" \
        in stdout.splitlines()
    assert "\x1b" not in stdout


@pytest.fixture
def http_server():
    """A local HTTP server that records what is fetched from it."""
    fetched: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "https://schema.org/name"}}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", fetched
    server.shutdown()


@pytest.mark.parametrize("command", ["query", "validate", "viz"])
def test_a_remote_json_ld_context_is_never_fetched(tmp_path, http_server, command):
    base, fetched = http_server
    path = tmp_path / "g.jsonld"
    path.write_text(json.dumps({"@context": f"{base}/context.jsonld", "@id": "https://e.org/x", "name": "X"}))
    options = {"query": ["ASK { ?s ?p ?o }"], "validate": [], "viz": ["-o", tmp_path / "page.html"]}[command]
    status, _, stderr = kg(command, path, *options)
    assert status == 1 and stderr.startswith("kg: error: ") and stderr.count("\n") == 1
    assert fetched == []


def entity_bomb(levels: int) -> str:
    entities = ['<!ENTITY e0 "' + "ha" * 50 + '">']
    entities += [f'<!ENTITY e{n} "' + f"&e{n - 1};" * 10 + '">' for n in range(1, levels)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://e.org/">'
            f'<rdf:Description rdf:about="https://e.org/x"><ex:p>&e{levels - 1};</ex:p></rdf:Description></rdf:RDF>')


@pytest.mark.parametrize("command", [["query", "SELECT (STRLEN(?o) AS ?n) { ?s ?p ?o }"], ["validate"]])
def test_rdf_xml_entity_expansion_and_size_are_refused(tmp_path, command):
    from kg.store import MAX_RDF_XML

    (tmp_path / "bomb.rdf").write_text(entity_bomb(6), encoding="utf-8")  # 10 MB once expanded
    (tmp_path / "bomb16.rdf").write_text(entity_bomb(6).replace('"1.0"?>', '"1.0" encoding="UTF-16"?>'),
                                         encoding="utf-16")
    (tmp_path / "big.rdf").write_bytes(b"<!--" + b" " * MAX_RDF_XML + b"-->")
    for name in ("bomb.rdf", "bomb16.rdf", "big.rdf"):
        status, stdout, stderr = kg(command[0], tmp_path / name, *command[1:])
        assert (status, stdout) == (1, "")
        assert stderr.startswith(f"kg: error: {tmp_path / name}: ") and stderr.count("\n") == 1


KILLED_BUILD = """
import os, sys, time
from kg.cli import main
from kg.pipeline import OUTPUTS

fsync = os.fsync

def fsync_then_wait(fd):
    # Once the last output's temporary file is on disk, wait to be killed.
    fsync(fd)
    if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(f".{OUTPUTS[-1]}."):
        print("staged", file=sys.stderr, flush=True)
        time.sleep(600)

os.fsync = fsync_then_wait
sys.argv[0] = "kg"
main()
"""


def test_a_build_killed_while_writing_leaves_the_previous_outputs(seeds_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_build[1], out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "more", "text": f"{GOOD} {OTHER}"}), encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, "build", str(SEEDS), str(tmp_path / "more.jsonl"),
                              "-o", str(out), "-q"], stderr=subprocess.PIPE, text=True)
    try:
        assert build.stderr.readline() == "staged\n"
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
    assert build.returncode == -signal.SIGKILL
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    left = sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS and p.name != ".kg-cache")
    temporary = re.compile(r"\.({})\..+\.tmp".format("|".join(map(re.escape, OUTPUTS))))
    assert left and all(temporary.fullmatch(name) for name in left)


def test_a_closed_pipe_ends_quietly(tmp_path):
    # 600 triples (270 kB): far more than a pipe holds, so kg is still writing when the reader leaves
    (tmp_path / "a.txt").write_text("\n".join([GOOD] * 600), encoding="utf-8")
    done = subprocess.Popen([sys.executable, "-m", "kg", "extract", str(tmp_path / "a.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.stdout.readline().startswith(b"{")
    done.stdout.close()
    assert done.wait(timeout=300) == 1
    assert done.stderr.read() == b""
