"""A damaged cache entry is a miss, said once; a damaged store is one error line naming it and the fix."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_helpers import GOOD, OTHER, kg

from kg.pipeline import OUTPUTS


@pytest.mark.parametrize("damage", ["{", "[{}]", "[" * 100_000 + "]" * 100_000, "[1]", "null", '[{"subject": 5}]'])
def test_a_damaged_cache_entry_is_extracted_again_and_reported_once(tmp_path, damage):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "b.txt").write_text(OTHER)
    assert kg("build", tmp_path / "in", "-o", tmp_path / "fresh", "-q")[0] == 0
    cache = tmp_path / "fresh" / ".kg-cache" / "cache.sqlite"
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE entries SET statements = ?", (damage,))
    status, stdout, stderr = kg("build", tmp_path / "in", "-o", tmp_path / "out", "--cache", cache.parent, "-q")
    assert (status, stdout) == (3, "")
    assert stderr == f"kg: skipped {cache}: 2 damaged entries, extracted again and rewritten\n"
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert kg("build", tmp_path / "in", "-o", tmp_path / "out", "--cache", cache.parent, "-q") == (0, "", "")


def damaged_store(path: Path) -> Path:
    """A store as a build killed while creating it may leave one: its manifest cut short."""
    (path.parent / "a.txt").write_text(GOOD)
    assert kg("build", path.parent / "a.txt", "-o", path.parent / "out", "--store", path, "-q")[0] == 0
    for manifest in path.glob("MANIFEST-*"):
        manifest.write_bytes(manifest.read_bytes()[:100])
    return path


@pytest.mark.parametrize("command", [["query", "ASK { ?s ?p ?o }"], ["export", "-o", "g.nq"], ["validate"]])
def test_a_damaged_store_is_one_line_naming_it(tmp_path, command):
    store = damaged_store(tmp_path / "store")
    status, stdout, stderr = kg(command[0], store, *command[1:])
    assert (status, stdout) == (1, "")
    assert stderr.startswith(f"kg: error: {store}: cannot open the store (")
    assert stderr.endswith("; if a build was killed while writing it, remove the folder and build again\n")
    assert stderr.count("\n") == 1
