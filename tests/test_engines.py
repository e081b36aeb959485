"""Engines behind one protocol: the cache wraps any engine and hands it only what it lacks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.cache import Cache, CachedEngine
from kg.engines import Engine, Extracted, LocalEngine, Observed, PoolEngine, chunks
from kg.types import Document, Entity, Evidence, Statement


class Recording:
    """An engine that makes one statement per document and remembers the waves it was given."""

    def __init__(self):
        self.waves: list[list[str]] = []
        self.closed = False

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]:
        for wave in waves:
            self.waves.append([d.id for d in wave])
            yield [(d, [statement(d)]) for d in wave]

    def close(self) -> None:
        self.closed = True


def statement(document: Document) -> Statement:
    japan = Entity(id="kg:country/JPN", label="Japan", type="Country", country="JPN")
    usa = Entity(id="kg:country/USA", label="United States", type="Country", country="USA")
    return Statement(document.id, japan, "met_with", usa, Evidence(document.text, 0, len(document.text)))


def docs(*texts: str) -> list[Document]:
    return [Document(id=f"d{n}", text=text) for n, text in enumerate(texts)]


def test_the_cache_hands_the_engine_only_new_texts(tmp_path):
    inner = Recording()
    engine: Engine = CachedEngine(inner, Cache(tmp_path), "stamp")
    first = [wave for wave in engine.extract([docs("a", "b"), docs("c")])]
    assert inner.waves == [["d0", "d1"], ["d0"]]
    assert [[d.id for d, _ in wave] for wave in first] == [["d0", "d1"], ["d0"]]

    inner.waves.clear()
    again = list(CachedEngine(inner, Cache(tmp_path), "stamp").extract([docs("b", "new", "a")]))
    assert inner.waves == [["d1"]]
    [wave] = again
    assert [(d.id, found[0].doc, found[0].evidence.text) for d, found in wave] == [
        ("d0", "d0", "b"), ("d1", "d1", "new"), ("d2", "d2", "a")]


def test_a_wave_the_cache_holds_whole_still_yields_one_result(tmp_path):
    cache = Cache(tmp_path)
    list(CachedEngine(Recording(), cache, "stamp").extract([docs("a")]))
    inner = Recording()
    assert [len(w) for w in CachedEngine(inner, cache, "stamp").extract([docs("a"), docs("b")])] == [1, 1]
    assert inner.waves == [[], ["d0"]]


def test_wrappers_pass_close_to_the_engine_and_report_extracted_documents(tmp_path):
    inner, seen = Recording(), []
    engine = CachedEngine(Observed(inner, lambda d: seen.append(d.text)), Cache(tmp_path), "stamp")
    list(engine.extract([docs("a", "b")]))
    list(engine.extract([docs("a", "c")]))
    assert seen == ["a", "b", "c"]
    engine.close()
    assert inner.closed


def test_chunks_are_even_and_keep_order():
    assert chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunks([], 4) == []


def test_a_wave_the_cache_holds_whole_loads_no_pipeline(tmp_path):
    cache = Cache(tmp_path)
    list(CachedEngine(Recording(), cache, "stamp").extract([docs("a")]))
    engine = CachedEngine(LocalEngine("no_such_model", 8), cache, "stamp")
    assert [[d.id for d, _ in wave] for wave in engine.extract([docs("a")])] == [["d0"]]


def test_a_pool_with_nothing_to_extract_loads_no_model_and_starts_no_worker():
    engine = PoolEngine("no_such_model", 64, 2)  # loading it would fail
    try:
        assert list(engine.extract([[], []])) == [[], []]
    finally:
        engine.close()
