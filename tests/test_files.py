"""Atomic writes: a file is replaced whole or not at all, and no temporary file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.files import atomic_write, atomic_write_all


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_text_and_chunks(tmp_path):
    atomic_write(tmp_path / "sub" / "a.txt", "é\n")
    atomic_write(tmp_path / "b.txt", (f"{n}\n" for n in range(3)))
    assert (tmp_path / "sub" / "a.txt").read_bytes() == "é\n".encode()
    assert (tmp_path / "b.txt").read_text() == "0\n1\n2\n"
    assert listing(tmp_path) == ["b.txt", "sub"]


def test_new_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o027)
    try:
        path = atomic_write(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o640


def failing_chunks():
    yield "partial"
    raise RuntimeError("disk on fire")


def test_an_error_mid_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    (tmp_path / "a.txt").write_text("old")
    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "a.txt", failing_chunks())
    assert (tmp_path / "a.txt").read_text() == "old"
    assert listing(tmp_path) == ["a.txt"]


def test_a_set_of_outputs_is_renamed_only_once_all_are_written(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / name).write_text("old " + name)
    with pytest.raises(RuntimeError):
        atomic_write_all([(tmp_path / "a", "new a"), (tmp_path / "b", "new b"), (tmp_path / "c", failing_chunks())])
    assert [(tmp_path / n).read_text() for n in "abc"] == ["old a", "old b", "old c"]
    assert listing(tmp_path) == ["a", "b", "c"]
    assert atomic_write_all([(tmp_path / "a", "new a"), (tmp_path / "b", "new b")]) == [tmp_path / "a", tmp_path / "b"]
    assert [(tmp_path / n).read_text() for n in "abc"] == ["new a", "new b", "old c"]


def test_an_unwritable_path_is_an_export_error(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(ExportError, match="taken: cannot write"):
        atomic_write(tmp_path / "taken", "x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        atomic_write(tmp_path / "file" / "below.txt", "x")
    assert listing(tmp_path) == ["file", "taken"]
