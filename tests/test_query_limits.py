"""`kg query` has bounds: a deadline, a memory limit, Ctrl-C, streamed rows, bounded text and depth,
and an engine crash told on one line. The long-running cases run `kg` as a process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import kg

from kg.query import MAX_NESTING, MAX_OPERATORS, format_result, run_query
from kg.sandbox import MAX_QUERY_BYTES, stream_query

# Four copies of 300 triples joined: 8.1e9 rows, far more than any test waits for.
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "g.nt"
    path.write_text("".join(f'<https://e.org/s{i}> <https://e.org/p> "{i}" .\n' for i in range(300)))
    return path


@pytest.fixture
def kg_process():
    """Start `kg ARGS` as a process; any still running after the test is killed."""
    started: list[subprocess.Popen] = []

    def start(*args) -> subprocess.Popen:
        started.append(subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True))
        return started[-1]

    yield start
    for process in started:
        process.kill()
        process.communicate()


def test_a_query_past_its_timeout_is_stopped_with_its_first_rows_already_printed(graph, kg_process):
    done = kg_process("query", graph, ENDLESS, "--format", "csv", "--timeout", "5")
    stdout, stderr = done.communicate(timeout=120)
    assert done.returncode == 1
    assert stderr == "kg: error: query stopped after 5 s (--timeout SECONDS allows more)\n"
    lines = stdout.splitlines()
    assert lines[0] == "a,b,c,d,e,f,g,h,i,j,k,l" and len(lines) > 1  # streamed, not gathered first


def test_a_query_beyond_its_memory_limit_is_stopped_on_one_line(graph, kg_process):
    query = "SELECT (GROUP_CONCAT(CONCAT(?c, ?f, ?i)) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    done = kg_process("query", graph, query, "--memory", "100", "--timeout", "600")
    stdout, stderr = done.communicate(timeout=900)
    assert (done.returncode, stdout) == (1, "")
    assert stderr.startswith("kg: error: query stopped") and "memory limit of 100 MB" in stderr
    assert stderr.count("\n") == 1


def test_ctrl_c_stops_a_running_query(graph, kg_process):
    done = kg_process("query", graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    time.sleep(3)  # started and evaluating
    assert done.poll() is None
    done.send_signal(signal.SIGINT)
    done.communicate(timeout=10)
    assert done.returncode != 0


def test_the_streamed_output_is_the_gathered_one(graph):
    query = "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 2500"
    for fmt in ("table", "csv", "tsv", "json"):
        pieces = list(stream_query(graph, query, fmt))
        assert len(pieces) > 1 if fmt != "json" else len(pieces) > 2
        assert "".join(pieces) == format_result(run_query(graph, query), fmt)
    assert len(json.loads("".join(stream_query(graph, query, "json")))["results"]["bindings"]) == 2500
    assert "".join(stream_query(graph, "ASK { ?s ?p ?o }", "json")) == '{"head": {}, "boolean": true}'


def test_query_text_is_bounded_and_never_read_whole(graph, tmp_path):
    long = "ASK { }" + " " * MAX_QUERY_BYTES
    status, stdout, stderr = kg("query", graph, long)
    assert (status, stdout, stderr) == (1, "", f"kg: error: query refused: longer than the limit of "
                                               f"{MAX_QUERY_BYTES // 1024} kB\n")
    (tmp_path / "q.rq").write_text(long)
    for path in (tmp_path / "q.rq", Path("/dev/zero")):
        status, stdout, stderr = kg("query", graph, "--file", path)
        assert (status, stdout, stderr) == (1, "", f"kg: error: {path}: query refused: longer than the limit of "
                                                   f"{MAX_QUERY_BYTES // 1024} kB\n")


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000,
     f"query refused: nested 3000 levels deep, over the limit of {MAX_NESTING}"),
    ("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }",  # 9,999 UNION and a *
     f"query refused: 10000 operators (UNION, OPTIONAL, ||, + ...), over the limit of {MAX_OPERATORS}"),
    ("SELECT (" + "+".join(["1"] * 10_000) + " AS ?x) WHERE { }",
     f"query refused: 9999 operators (UNION, OPTIONAL, ||, + ...), over the limit of {MAX_OPERATORS}"),
    ("SELECT * WHERE " + "{ " * 40 + "?s ?p ?o " + "} " * 40, f"query refused: nested 40 levels deep, over the "
                                                              f"limit of {MAX_NESTING}"),
])
def test_deep_or_long_queries_are_refused_on_one_line(graph, query, message):
    status, stdout, stderr = kg("query", graph, query)
    assert (status, stdout, stderr) == (1, "", f"kg: error: {message}\n")


def test_the_deepest_allowed_query_runs(graph):
    query = "SELECT * WHERE " + "{ " * (MAX_NESTING - 1) + "?s ?p ?o " + "} " * (MAX_NESTING - 1)
    assert len(run_query(graph, query)[1]) == 300
    query = "SELECT ?s WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * (MAX_OPERATORS + 1)) + " }"
    assert len(run_query(graph, query)[1]) == 300 * (MAX_OPERATORS + 1)


def test_an_engine_crash_is_one_line(graph, monkeypatch):
    monkeypatch.setattr("kg.query.evaluate", lambda *args: os.kill(os.getpid(), signal.SIGSEGV))
    status, stdout, stderr = kg("query", graph, "ASK { }")
    assert (status, stdout, stderr) == (1, "", "kg: error: query failed: the query engine crashed (SIGSEGV)\n")


def test_an_unforeseen_engine_error_is_one_line_not_unexpected(graph, monkeypatch):
    def broken(*args):
        raise RuntimeError("Column family not found")

    monkeypatch.setattr("kg.query.evaluate", broken)
    status, _, stderr = kg("query", graph, "ASK { }")
    assert status == 1
    assert stderr.startswith("kg: error: query failed: RuntimeError: Column family not found") and \
        stderr.count("\n") == 1


def test_the_query_process_ends_with_a_killed_kg(graph, kg_process):
    done = kg_process("query", graph, ENDLESS)
    for _ in range(300):
        children = Path(f"/proc/{done.pid}/task/{done.pid}/children").read_text().split()
        if children:
            break
        time.sleep(0.1)
    [child] = children
    done.kill()
    done.wait(timeout=10)
    for _ in range(100):
        stat = Path(f"/proc/{child}/stat")
        if not stat.exists() or stat.read_text().split()[2] in ("Z", "X"):
            break
        time.sleep(0.1)
    assert not stat.exists() or stat.read_text().split()[2] in ("Z", "X")
