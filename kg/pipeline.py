"""The one orchestrator: documents in, statements, entities and output files out.

Documents stream from disk in waves of `Settings.wave`; each wave's documents that the
cache does not know go to an engine (this process, a pool of `jobs` processes, or Spark),
which returns their statements in input order. Only the graph (statements and document
metadata) is kept; texts are dropped as soon as they are extracted.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.cache import Cache, cache_key, fingerprint
from kg.errors import InputError
from kg.extract import extract
from kg.files import atomic_write, atomic_write_all
from kg.graph import to_graph
from kg.html import to_html
from kg.ingest import read_documents
from kg.nlp import default_model, load_pipeline
from kg.normalize import resolve
from kg.ontology import load_ontology
from kg.rdf import PREFIXES, serialize, to_dataset
from kg.store import write_store
from kg.types import BuildResult, Document, Skipped, Statement

OUTPUTS = ("triples.jsonl", "graph.ttl", "graph.trig", "graph.html")
PART_DOCUMENTS = 1000
SLICE_DOCUMENTS = 100
PREFIX_LINES = re.compile(r"\A(?:@prefix [^\n]*\n)+")

@dataclass(frozen=True)
class Settings:
    """Everything a build can be told; built once by the CLI and passed down."""

    model: str | None = None
    strict: bool = False
    batch_size: int = 64
    jobs: int = 1
    engine: str = "local"
    spark_master: str = "local[*]"
    cache: Path | None = None
    wave: int = 256
    exclude: tuple[Path, ...] = ()  # folders never read as input: the build's own outputs


def documents_only(items: Iterable[Document | Skipped], skipped: list[Skipped], strict: bool,
                   on_skip: Callable[[Skipped], None] | None) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Document):
            yield item
            continue
        if strict:
            raise InputError(str(item))
        skipped.append(item)
        if on_skip:
            on_skip(item)


@lru_cache(maxsize=1)
def worker_pipeline(model: str):
    """The ontology and spaCy pipeline of this process, loaded on first use."""
    ontology = load_ontology()
    return ontology, load_pipeline(ontology, model)


def extract_batch(documents: list[Document], model: str, batch_size: int) -> list[list[Statement]]:
    """The statements of each document, in order; what every engine runs."""
    ontology, nlp = worker_pipeline(model)
    return [found for _, found in extract(documents, nlp, ontology, batch_size)]


def chunks(items: list, n: int) -> list[list]:
    size = max(1, -(-len(items) // n))
    return [items[i:i + size] for i in range(0, len(items), size)]


@contextmanager
def pool_engine(settings: Settings, model: str):
    """`jobs` worker processes; the next wave is handed out before this one's results are read."""
    with multiprocessing.get_context("spawn").Pool(settings.jobs) as pool:
        def run(waves: Iterable[list[Document]]) -> Iterator[list[list[Statement]]]:
            def results(job) -> list[list[Statement]]:
                return [found for chunk in job.get() for found in chunk]

            pending = deque()
            for wave in waves:
                tasks = [(chunk, model, settings.batch_size) for chunk in chunks(wave, 4 * settings.jobs)]
                pending.append(pool.starmap_async(extract_batch, tasks))
                if len(pending) > 1:
                    yield results(pending.popleft())
            while pending:
                yield results(pending.popleft())

        yield run


@contextmanager
def open_engine(settings: Settings, model: str):
    """An engine: waves of documents in, the statements of each document out, in order."""
    if settings.engine == "spark":
        from kg.spark import spark_engine

        with spark_engine(settings, model) as run:
            yield run
    elif settings.jobs > 1:
        with pool_engine(settings, model) as run:
            yield run
    else:
        yield lambda waves: (extract_batch(wave, model, settings.batch_size) for wave in waves)


def waves(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while wave := list(islice(items, size)):
        yield wave


def extracted(documents: Iterable[Document], settings: Settings, model: str, cache: Cache | None,
              on_parsed: Callable[[Document], None] | None) -> Iterator[tuple[Document, list[Statement]]]:
    """Each document with its statements, in input order: from the cache, else from the engine."""
    stamp = fingerprint(model) if cache else ""
    looked_up: deque[list[tuple[Document, str, list[Statement] | None]]] = deque()

    def misses() -> Iterator[list[Document]]:
        for wave in waves(documents, settings.wave):
            keys = [cache_key(stamp, d.text, d.date) if cache else "" for d in wave]
            looked_up.append([(d, k, cache.get(k, d.id) if cache else None) for d, k in zip(wave, keys, strict=True)])
            yield [d for d, _, hit in looked_up[-1] if hit is None]

    with open_engine(settings, model) as engine:
        for results in engine(misses()):
            fresh = iter(results)
            for document, key, hit in looked_up.popleft():
                if hit is None:
                    hit = next(fresh)
                    if cache:
                        cache.put(key, hit)
                    if on_parsed:
                        on_parsed(document)
                yield document, hit
            if cache:
                cache.commit()


def build(paths: Iterable[str | Path], settings: Settings = Settings(),
          on_skip: Callable[[Skipped], None] | None = None,
          on_document: Callable[[Document], None] | None = None,
          on_parsed: Callable[[Document], None] | None = None) -> BuildResult:
    """Read, extract and normalize every article under `paths`.

    `on_document` is called for every document, `on_parsed` only for those parsed (not cached).
    """
    model = settings.model or default_model()
    cache = Cache(settings.cache) if settings.cache else None
    skipped: list[Skipped] = []
    documents: list[Document] = []
    statements: list[Statement] = []
    docs = documents_only(read_documents(paths, settings.exclude), skipped, settings.strict, on_skip)
    try:
        for document, found in extracted(docs, settings, model, cache, on_parsed):
            documents.append(replace(document, text=""))
            statements.extend(found)
            if on_document:
                on_document(document)
        if cache and cache.damaged:
            repaired = Skipped(str(cache.path), f"{cache.damaged} damaged entries, extracted again and rewritten")
            skipped.append(repaired)
            if on_skip:
                on_skip(repaired)
    finally:
        if cache:
            cache.close()
    merged, entities = resolve(statements)
    return BuildResult(tuple(documents), tuple(merged), tuple(entities), tuple(skipped))


def triples_jsonl(statements: Iterable[Statement]) -> Iterator[str]:
    for st in statements:
        yield json.dumps(st.to_record(), ensure_ascii=False) + "\n"


def slices(result: BuildResult, size: int) -> Iterator[Dataset]:
    """The RDF of `result`, `size` documents at a time; the union of the slices is the whole dataset."""
    by_doc: dict[str, list[Statement]] = {}
    for st in result.statements:
        by_doc.setdefault(st.doc, []).append(st)
    for docs in waves(result.documents, size):
        yield to_dataset(docs, [st for d in docs for st in by_doc.get(d.id, ())])


def rdf_text(result: BuildResult, fmt: str) -> Iterator[str]:
    """graph.trig (`trig`) or graph.ttl (`ttl`: the union of the graphs), written a slice at a time.

    Each quad is written once (entities and direct edges recur across slices) and the quads of
    a slice are sorted, so the text is the same for the same result.
    """
    rdf_format = {"trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE}[fmt]
    seen: set[ox.Quad] = set()
    for n, dataset in enumerate(slices(result, SLICE_DOCUMENTS)):
        quads = [q for q in ox.parse(serialize(dataset, "nq"), format=ox.RdfFormat.N_QUADS) if q not in seen]
        seen.update(q for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
        quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        text = ox.serialize(quads if fmt == "trig" else [q.triple for q in quads], format=rdf_format,
                            prefixes=PREFIXES).decode("utf-8")
        yield text if n == 0 else PREFIX_LINES.sub("", text)


def write_outputs(result: BuildResult, outdir: str | Path, store: str | Path | None = None) -> list[Path]:
    """Write the four outputs of `kg build`, renamed into place together, and add the graph to `store` if given.

    RDF is built and written `SLICE_DOCUMENTS` documents at a time, so memory holds the
    statements and one slice, not the whole graph as RDF.
    """
    outdir = Path(outdir)
    written = atomic_write_all([
        (outdir / "triples.jsonl", triples_jsonl(result.statements)),
        (outdir / "graph.ttl", rdf_text(result, "ttl")),
        (outdir / "graph.trig", rdf_text(result, "trig")),
        (outdir / "graph.html", to_html(to_graph(result.entities, result.statements))),
    ])
    if store:
        for dataset in slices(result, SLICE_DOCUMENTS):
            write_store(dataset, store)
        written.append(Path(store))
    return written


def write_nquads_parts(result: BuildResult, folder: str | Path) -> list[Path]:
    """The dataset as N-Quads files of `PART_DOCUMENTS` documents each, for a store's bulk loader.

    Parts are `part-00000.nq`, ...; older parts beyond the last one written are removed.
    """
    folder = Path(folder)
    written = [atomic_write(folder / f"part-{n:05d}.nq", serialize(dataset, "nq"))
               for n, dataset in enumerate(slices(result, PART_DOCUMENTS))]
    for old in sorted(folder.glob("part-*.nq")):
        if old not in written:
            old.unlink()
    return written
