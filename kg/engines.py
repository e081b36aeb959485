"""Extraction engines: waves of documents in, each document with its statements out, in order.

Every engine runs `kg.worker.extract_batch`: `LocalEngine` in this process, `PoolEngine` in
`jobs` worker processes (a Spark build runs it on the executors: `kg.spark`). Wrappers with the same
protocol add to an engine: `kg.cache.CachedEngine` extracts only what the cache lacks,
`Observed` reports each document extracted.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from kg.errors import KGError
from kg.types import Document, Statement

Extracted = tuple[Document, list[Statement]]  # a document with its statements, as engines return it

CHUNK_DOCUMENTS = 4  # documents a pool worker takes at a time: small, so no worker idles at a wave's end


class Engine(Protocol):
    """Extracts waves of documents.

    `extract` yields one list per wave, even an empty one: the wave's documents with their
    statements, in order. It may read the next wave before yielding this one's, never further.
    """

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Extraction in this process; `on_document` is told of each document as soon as it is extracted."""

    def __init__(self, model: str, batch_size: int, on_document: Callable[[Document], None] | None = None):
        self.model, self.batch_size, self.on_document = model, batch_size, on_document

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]:
        for wave in waves:
            yield list(zip(wave, self.statements(wave), strict=True))

    def statements(self, wave: list[Document]) -> list[list[Statement]]:
        if not wave:
            return []
        from kg.worker import extract_batch  # spaCy is imported only when there is something to extract

        return extract_batch(wave, self.model, self.batch_size, self.on_document)

    def close(self) -> None:
        pass


class PoolEngine:
    """`jobs` worker processes; the next wave is handed out before this one's results are read.

    The pool starts with the first wave that has documents to extract. Where processes can be forked
    (Linux), this process loads the pipeline first and the workers start with it, sharing its memory;
    elsewhere each worker loads its own on its first batch.
    A worker that dies (killed by the OOM killer, say) ends the build with a one-line error:
    the pool notices at once (concurrent.futures' BrokenProcessPool) instead of waiting forever.
    """

    def __init__(self, model: str, batch_size: int, jobs: int):
        self.model, self.batch_size, self.jobs = model, batch_size, jobs
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, chunk: list[Document]) -> Future:
        from kg.worker import extract_batch, worker_pipeline  # spaCy: only when there is something to extract

        if self.pool is None:
            forking = sys.platform == "linux"
            if forking:
                worker_pipeline(self.model)
            context = multiprocessing.get_context("fork" if forking else "spawn")
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=context)
        return self.pool.submit(extract_batch, chunk, self.model, self.batch_size)

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]:
        """The waves' results in order; a broken pool (seen on submitting or on reading) is one KGError."""
        pending = deque()
        try:
            for wave in waves:
                jobs = [self.submit(chunk)
                        for chunk in chunks(wave, max(4 * self.jobs, len(wave) // CHUNK_DOCUMENTS))]
                pending.append((wave, jobs))
                if len(pending) > 1:
                    yield self.results(*pending.popleft())
            while pending:
                yield self.results(*pending.popleft())
        except BrokenProcessPool:
            raise KGError("a worker process ended abruptly (killed, or out of memory); the build stopped and "
                          "the previous outputs are left as they were") from None

    @staticmethod
    def results(wave: list[Document], jobs: list[Future]) -> list[Extracted]:
        found = [statements for job in jobs for statements in job.result()]
        return list(zip(wave, found, strict=True))

    def close(self) -> None:
        if self.pool is None:
            return
        for worker in list((getattr(self.pool, "_processes", None) or {}).values()):
            worker.terminate()
        # Waiting for the pool's manager thread, which sees the workers gone at once, keeps it from closing its
        # wake-up pipe while the interpreter's exit hook writes to it (an "Exception ignored" traceback on stderr).
        self.pool.shutdown(wait=True, cancel_futures=True)


def free_cores() -> int:
    """The cores this process may use that other work is not using now (by the 1-minute load average), at least 1."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(usable, round(usable - os.getloadavg()[0])))


def chunks(items: list, n: int) -> list[list]:
    """`items` in at most `n` runs of equal size."""
    size = max(1, -(-len(items) // n))
    return [items[i:i + size] for i in range(0, len(items), size)]


class Observed:
    """An engine that calls `on_document` for every document it has extracted."""

    def __init__(self, engine: Engine, on_document: Callable[[Document], None]):
        self.engine, self.on_document = engine, on_document

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]:
        for wave in self.engine.extract(waves):
            for document, _ in wave:
                self.on_document(document)
            yield wave

    def close(self) -> None:
        self.engine.close()


def open_engine(model: str, batch_size: int, jobs: int = 1,
                on_document: Callable[[Document], None] | None = None) -> Engine:
    """A local engine, a pool when `jobs` is more than one.

    `on_document` is told of each document extracted: at once in this process, per wave in a pool.
    """
    if jobs == 1:
        return LocalEngine(model, batch_size, on_document)
    engine = PoolEngine(model, batch_size, jobs)
    return Observed(engine, on_document) if on_document else engine
