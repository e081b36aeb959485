"""Outputs never clobber: only regular files are replaced, only kg's own part files are removed, and a
build that cannot write its store or parts replaces none of its outputs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_helpers import GOOD, OTHER, kg

from kg.pipeline import OUTPUTS


@pytest.fixture
def built(tmp_path) -> Path:
    """A build of one article in tmp_path/out, and a second article beside it."""
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(OTHER)
    assert kg("build", tmp_path / "a.txt", "-o", tmp_path / "out", "-q")[0] == 0
    return tmp_path / "out"


def contents(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to_null(path: Path) -> Path:
    path.symlink_to("/dev/null")
    return path


@pytest.mark.parametrize("make", [fifo, link_to_null])
@pytest.mark.parametrize("command", [["export", "-o"], ["viz", "-o"], ["extract-to", "-o"]])
def test_a_device_or_fifo_destination_is_refused_untouched(built, make, command):
    name, option = command
    target = make(built.parent / {"export": "target.ttl", "viz": "target.html", "extract-to": "target.jsonl"}[name])
    args = ["extract", built.parent / "a.txt", option, target] if name == "extract-to" else \
        [name, built / "graph.trig", option, target]
    status, stdout, stderr = kg(*args)
    assert (status, stdout) == (1, "")
    assert stderr == f"kg: error: {target}: not a regular file; kg only replaces regular files\n"
    assert stat.S_ISFIFO(target.lstat().st_mode) if make is fifo else target.is_symlink()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in built.parent.iterdir() if p.name.startswith(".target")) == []


def test_a_build_output_that_is_a_fifo_is_refused_before_anything_is_replaced(built):
    before = contents(built)
    (built / "graph.html").unlink()
    fifo(built / "graph.html")
    status, _, stderr = kg("build", built.parent / "a.txt", built.parent / "b.txt", "-o", built, "-q")
    assert (status, stderr) == (1, f"kg: error: {built / 'graph.html'}: not a regular file; kg only replaces "
                                   "regular files\n")
    assert {n: (built / n).read_bytes() for n in OUTPUTS if n != "graph.html"} == \
        {n: b for n, b in before.items() if n != "graph.html"}


@pytest.mark.parametrize("where", ["store", "parts"])
def test_an_unusable_store_or_parts_folder_fails_before_the_outputs_are_replaced(built, where):
    before = contents(built)
    blocker = built.parent / "blocker"
    blocker.write_text("a file where a folder should be\n")
    option = "--store" if where == "store" else "--nquads-parts"
    status, stdout, stderr = kg("build", built.parent / "a.txt", built.parent / "b.txt", "-o", built, option,
                                blocker, "-q")
    assert (status, stdout) == (1, "")
    assert stderr.startswith("kg: error: ") and str(blocker) in stderr and stderr.count("\n") == 1
    assert contents(built) == before
    assert blocker.read_text() == "a file where a folder should be\n"


def test_a_part_file_kg_did_not_write_is_never_replaced(built):
    before = contents(built)
    parts = built.parent / "parts"
    parts.mkdir()
    (parts / "part-00000.nq").write_text("someone else's\n")
    status, _, stderr = kg("build", built.parent / "a.txt", "-o", built, "--nquads-parts", parts, "-q")
    assert status == 1
    assert stderr == (f"kg: error: {parts / 'part-00000.nq'}: not written by kg (not in {parts / '.kg-parts'}); "
                      "remove it or give another --nquads-parts folder\n")
    assert (parts / "part-00000.nq").read_text() == "someone else's\n"
    assert contents(built) == before


NASTY = "x\x1b]8;;https:e.org\x07link\x1b]8;;\x07\x1b[2J"


def test_file_names_reach_the_terminal_escaped(built):
    folder = built.parent / NASTY
    folder.mkdir()
    runs = [kg("build", built.parent / "a.txt", "-o", folder),
            kg("export", built / "graph.trig", "-o", folder / "g.nq"),
            kg("validate", folder / "graph.trig"),
            kg("viz", folder / "graph.trig", "-o", folder / "page.html")]
    escaped = str(folder).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    for status, stdout, stderr in runs:
        assert status == 0
        assert "\x1b" not in stdout + stderr and "\x07" not in stdout + stderr
        assert escaped in stdout
