"""The one orchestrator: documents in, statements, entities and output files out.

Documents stream from disk in waves of `Settings.wave` through an engine (`kg.engines`: this
process or a pool of `jobs` processes), wrapped in the cache (`kg.cache.CachedEngine`)
so that only documents it does not know are extracted; statements come back in input order.
Only the graph (statements and document metadata) is kept; texts are dropped once extracted.
With the spark engine, the executors extract, keep the statements and merge the entities (`kg.spark`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import TextIO

from kg.cache import Cache, CachedEngine, fingerprint
from kg.engines import open_engine
from kg.errors import ExportError, InputError
from kg.files import atomic_files
from kg.graph import to_graph
from kg.html import left_out, limit_view, to_html
from kg.ingest import read_documents
from kg.nlp import default_model
from kg.normalize import resolve
from kg.rdf import serialize, serialize_all, to_graphs
from kg.store import write_store
from kg.types import BuildResult, Document, Skipped, Statement

OUTPUTS = ("triples.jsonl", "graph.ttl", "graph.trig", "graph.html")
PART_DOCUMENTS = 1000
PAGE_NODES = 500  # entities drawn on a build's page: the most connected part (kg viz draws more)
PARTS_MANIFEST = ".kg-parts"  # the part files kg wrote in an --nquads-parts folder, one name a line
PART_NAME = re.compile(r"part-[0-9]{5}\.nq")

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


def waves(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while wave := list(islice(items, size)):
        yield wave


def extracted(documents: Iterable[Document], settings: Settings, model: str, cache: Cache | None,
              on_parsed: Callable[[Document], None] | None) -> Iterator[tuple[Document, list[Statement]]]:
    """Each document with its statements, in input order: from the cache, else from the engine."""
    engine = open_engine(model, settings.batch_size, settings.jobs, on_parsed)
    with closing(engine):
        if cache:
            engine = CachedEngine(engine, cache, fingerprint(model))
        for wave in engine.extract(waves(documents, settings.wave)):
            yield from wave


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
    if settings.engine == "spark":
        from kg.spark import spark_build

        def parsed(document: Document) -> None:
            for call in (on_parsed, on_document):
                if call:
                    call(document)

        documents, spark_statements, entities = spark_build(
            waves(docs, settings.wave), model, settings.batch_size, settings.spark_master, parsed)
        return BuildResult(tuple(documents), spark_statements, tuple(entities), tuple(skipped))
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


def write_rdf_and_records(result: BuildResult, trig: TextIO, ttl: TextIO, jsonl: TextIO) -> None:
    """graph.trig, graph.ttl (the union of its graphs) and triples.jsonl of `result`, streamed to open files."""
    jsonl.writelines(triples_jsonl(result.statements))
    for trig_text, ttl_text in serialize_all(to_graphs(result.documents, result.statements), ("trig", "ttl")):
        trig.write(trig_text)
        ttl.write(ttl_text)


def document_dates(result: BuildResult) -> dict[str, str]:
    return {d.id: d.date for d in result.documents if d.date}


def write_outputs(result: BuildResult, outdir: str | Path, store: str | Path | None = None,
                  parts: str | Path | None = None, max_nodes: int | None = None) -> list[Path]:
    """Write the four outputs of `kg build` (and N-Quads parts in `parts`), add the graph to `store`.

    The page draws the most connected `max_nodes` entities (PAGE_NODES if not given) and says how much
    it leaves out.

    Every destination is checked before anything is written, the store is written before any file
    is replaced, and the files are renamed into place together once all are written: a build that
    cannot write one of them replaces none. The RDF is streamed to the files a graph at a time.
    """
    paths = [Path(outdir) / name for name in OUTPUTS]
    part_files, stale = nquads_parts(result, Path(parts)) if parts else ([], [])
    paths += [path for path, _ in part_files]
    with atomic_files(paths) as (jsonl, ttl, trig, html, *part_outs):
        if store:
            write_store(to_graphs(result.documents, result.statements), store)
        write_rdf_and_records(result, trig, ttl, jsonl)
        graph = to_graph(result.entities, result.statements, document_dates(result))
        view = limit_view(graph, max_nodes=max_nodes or PAGE_NODES)
        html.write(to_html(view, documents={d.id: d for d in result.documents}, note=left_out(graph, view)))
        for out, (_, text) in zip(part_outs, part_files, strict=True):
            out.writelines(text)
    for old in stale:
        old.unlink(missing_ok=True)
    return paths + ([Path(store)] if store else [])


def nquads_parts(result: BuildResult, folder: Path) -> tuple[list[tuple[Path, Iterable[str]]], list[Path]]:
    """The dataset as N-Quads files of `PART_DOCUMENTS` graphs each (`part-00000.nq`, ..., the default graph last) for a
    store's bulk loader, with the manifest PARTS_MANIFEST naming them, and the parts an earlier build
    wrote that are no longer needed. A part file kg did not write (not in the manifest) is an error."""
    manifest = folder / PARTS_MANIFEST
    try:
        listed = manifest.read_text(encoding="utf-8").split() if manifest.is_file() else []
    except (OSError, UnicodeDecodeError) as e:
        raise ExportError(f"{manifest}: cannot read ({getattr(e, 'strerror', None) or e})") from e
    previous = {name for name in listed if PART_NAME.fullmatch(name)}
    names = [f"part-{n:05d}.nq" for n in range(-(-(len(result.documents) + 1) // PART_DOCUMENTS))]
    for name in names:
        if name not in previous and os.path.lexists(folder / name):
            raise ExportError(f"{folder / name}: not written by kg (not in {manifest}); remove it or give "
                              "another --nquads-parts folder")
    texts = (serialize(part, "nq") for part in waves(to_graphs(result.documents, result.statements), PART_DOCUMENTS))
    files = [(folder / name, chain.from_iterable(islice(texts, 1))) for name in names]
    files.append((manifest, "".join(name + "\n" for name in names)))
    return files, [folder / name for name in sorted(previous - set(names))]
