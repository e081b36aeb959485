"""The one orchestrator: documents in, statements, entities and output files out.

Documents stream from disk in waves of `Settings.wave` through an engine (`kg.engines`: this
process or a pool of `jobs` processes), wrapped in the cache (`kg.cache.CachedEngine`)
so that only documents it does not know are extracted; statements come back in input order.
They go to disk as they come (`kg.spill`) and the outputs stream them back from there; only the
documents' metadata (texts dropped once extracted) and the entities stay in memory.
With the spark engine, the executors extract, render and write the outputs' pieces, the driver keeps the entity
table, and a Spark job merges the people (`kg.spark`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import TextIO

import networkx as nx

from kg.cache import Cache, CachedEngine
from kg.engines import open_engine
from kg.errors import ExportError, InputError
from kg.files import atomic_files
from kg.graph import edge_attributes, node_attributes
from kg.html import connected_top, left_out, to_html
from kg.ingest import read_documents
from kg.nlp import default_model
from kg.rdf import as_triples, by_document, dataset, serialize, write_turtle
from kg.spark import SparkStatements
from kg.spill import Spill, Spilled, json_line
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
            engine = CachedEngine(engine, cache, cache.stamp(model))
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
    docs = documents_only(read_documents(paths, settings.exclude), skipped, settings.strict, on_skip)

    def kept(document: Document) -> None:
        documents.append(replace(document, text=""))
        if on_document:
            on_document(document)

    try:
        if settings.engine == "spark":
            from kg.spark import spark_build

            statements = spark_build(waves(docs, settings.wave), model, settings.batch_size, settings.spark_master,
                                     cache, on_parsed, kept)
        else:
            spill = Spill()
            for document, found in extracted(docs, settings, model, cache, on_parsed):
                spill.add(document, found)
                kept(document)
            statements = spill.finish()
        if cache and cache.damaged:
            repaired = Skipped(str(cache.path), f"{cache.damaged} damaged entries, extracted again and rewritten")
            skipped.append(repaired)
            if on_skip:
                on_skip(repaired)
    finally:
        if cache:
            cache.close()
    return BuildResult(tuple(documents), statements, tuple(statements.entities), tuple(skipped))


def triples_jsonl(statements: Iterable[Statement]) -> Iterator[str]:
    """The JSON Lines records of spec/triples.md."""
    if isinstance(statements, (Spilled, SparkStatements)):
        yield from statements.records()
        return
    for st in statements:
        yield json_line(st)


def grouped(result: BuildResult) -> Iterator[tuple[Document, Iterable[Statement]]]:
    """The documents of `result` with their statements, in order of the document's IRI."""
    if isinstance(result.statements, (Spilled, SparkStatements)):
        return result.statements.by_document()
    return by_document(result.documents, result.statements)


def write_rdf_and_records(statements: Spilled | SparkStatements, trig: TextIO, ttl: TextIO, jsonl: TextIO) -> None:
    """graph.trig, graph.ttl (the union of its graphs) and triples.jsonl of a build's statements, streamed to open
    files from the text rendered as they were spilled (a Spark build's: from its part folder). triples.jsonl and the
    default graph's text are read on threads of their own, beside the documents' graphs (reading the spill and
    writing files mostly run without the interpreter's lock)."""
    if isinstance(statements, SparkStatements):
        statements.write_rdf_and_records(trig, ttl, jsonl)
        return
    with ThreadPoolExecutor(2) as pool:
        records = pool.submit(jsonl.writelines, statements.records())
        default = pool.submit(list, statements.default_turtle())

        def texts() -> Iterator[tuple[str, str]]:
            yield from statements.named_turtle()
            yield from ((text, text) for text in default.result())

        write_turtle(texts(), trig, ttl)
        records.result()


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
            write_store(as_triples(dataset(grouped(result))), store)
        write_rdf_and_records(result.statements, trig, ttl, jsonl)
        html.write(page(result, max_nodes or PAGE_NODES))
        for out, (_, text) in zip(part_outs, part_files, strict=True):
            out.writelines(text)
    for old in stale:
        old.unlink(missing_ok=True)
    return paths + ([Path(store)] if store else [])


def page(result: BuildResult, max_nodes: int) -> str:
    """graph.html: the most connected `max_nodes` entities (`kg.html.connected_top`) with their statements,
    saying what it leaves out. The statements drawn stream through once (`kg.html.network` keeps a few
    sentences per edge); besides them only who is linked to whom is held in memory."""
    statements = result.statements
    pairs = statements.pairs() if isinstance(statements, (Spilled, SparkStatements)) else \
        ((s.subject.id, s.object.id) for s in statements)
    links = nx.MultiDiGraph()
    links.add_nodes_from(e.id for e in result.entities)
    links.add_edges_from(pairs)
    shown = set(connected_top(links, max_nodes)) if links.number_of_nodes() > max_nodes else set(links)
    view = nx.MultiDiGraph(links.subgraph(shown))
    for entity in result.entities:
        if entity.id in shown:
            view.nodes[entity.id].update(node_attributes(entity))
    dates = document_dates(result)
    among = statements.among(shown) if isinstance(statements, SparkStatements) else \
        (st for st in statements if st.subject.id in shown and st.object.id in shown)
    drawn = ((st.subject.id, st.object.id, edge_attributes(st, dates.get(st.doc))) for st in among)
    return to_html(view, documents={d.id: d for d in result.documents}, note=left_out(links, view), statements=drawn)


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
    texts = result.statements.nquads(PART_DOCUMENTS) if isinstance(result.statements, SparkStatements) else \
        (serialize(part, "nq") for part in waves(as_triples(dataset(grouped(result))), PART_DOCUMENTS))
    files = [(folder / name, chain.from_iterable(islice(texts, 1))) for name in names]
    files.append((manifest, "".join(name + "\n" for name in names)))
    return files, [folder / name for name in sorted(previous - set(names))]
