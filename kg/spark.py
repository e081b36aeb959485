"""The Spark engine: executors extract, render and write the outputs; the driver keeps the entity table.

Stage one (`spark_build`, a wave at a time): each partition of a wave extracts the documents the
extraction cache does not hold with a pipeline loaded once per Python worker
(`kg.worker.extract_batch`; cached documents come with their statements), renders every
document (`kg.spill.pack`, with the entities as the document names them) and writes them to a
part file of the build's part folder. The driver gets back each document's entities (and, for
the cache, its statements' cache text) and keeps only the entity table (`kg.spill.EntityTable`).
`merged_people` is the Spark job that merges the people over that table, grouped by their keys
(`kg.normalize.person_keys`): the rule of `kg.normalize.merge_people`.

Stage two (`settle`): tasks over the parts render again only the documents that name an entity
the merge or another article changed (the small map of those entities is broadcast) and write,
in the part folder: each part's JSON Lines records, the documents' graph text (TriG and Turtle,
`kg.rdf.framed`) sorted by graph IRI into ranges, and the default graph (entity descriptions and
direct edges) distinct and sorted, in ranges of subjects, so that no subject's Turtle block is
split. The build's statements (`SparkStatements`) are those files: the driver writes graph.trig,
graph.ttl and triples.jsonl by copying their text in order. The tasks also count who links whom
for the page; the statements the page draws, the `--nquads-parts` files and a store's documents
are jobs run when they are asked for, in the context the build left open.

The part folder is a temporary folder of the driver's (under TMPDIR): on a cluster, one every
executor can read and write.
"""

from __future__ import annotations

import marshal
import pickle
import subprocess
import sys
from bisect import bisect
from collections import ChainMap, Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import groupby, repeat, zip_longest
from operator import itemgetter
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TextIO

from kg.cache import Cache, cache_key, to_json
from kg.errors import KGError
from kg.normalize import merge_group, person_keys
from kg.ontology import load_ontology
from kg.rdf import (
    as_triples,
    describe_entity,
    document_blocks,
    document_iri,
    entity_iri,
    framed,
    graph_text,
    serialize,
    write_turtle,
)
from kg.spill import EntityTable, Packed, kept_statements, pack, rerender
from kg.types import Document, Entity, Statement

PARTITIONS_PER_CORE = 4  # small partitions, so no executor idles long at a wave's end
RANGE_DOCUMENTS = 2000  # at most about this many documents' graphs sorted in one range (a task's memory)
SAMPLE_EVERY = 8  # the keys of the sorts' ranges: one in this many
COPY_CHARS = 2**20  # the part folder's text copied to an output a piece at a time


def spark_conf(master: str) -> dict[str, str]:
    """No web UI or console progress; a local master binds the driver to 127.0.0.1."""
    conf = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    if master.startswith("local"):
        conf.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    return conf


def open_context(master: str):
    """The SparkContext of `master` a build left open (its outputs' jobs run in it), or a new one whose JVM logs
    nothing to the terminal; one of another master is stopped. Local workers run this Python."""
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.java_gateway import launch_gateway
    except ImportError:
        raise KGError("the spark engine needs pyspark (pip install 'kg-geopolitics[spark]')") from None
    active = SparkContext._active_spark_context
    if active is not None and active.master == master:
        return active
    if active is not None:
        active.stop()
    conf = SparkConf().setMaster(master).setAppName("kg").setAll(list(spark_conf(master).items()))
    try:
        # One JVM per process: pyspark keeps it after stop() and uses it for the next context.
        gateway = SparkContext._gateway or launch_gateway(
            conf, popen_kwargs={"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL})
        sc = SparkContext(conf=conf, gateway=gateway)
    except Exception as e:
        raise KGError(f"cannot start Spark at {master!r} (it needs Java 17 or later): "
                      f"{str(e).strip().splitlines()[-1]}") from e
    sc.setLogLevel("ERROR")
    if master.startswith("local"):
        sc.pythonExec = sys.executable
    return sc


@contextmanager
def spark_context(master: str):
    """`open_context`, stopped when the block ends."""
    sc = open_context(master)
    try:
        yield sc
    finally:
        sc.stop()


def extract_partition(model: str, batch_size: int, folder: str, wave: int, cached: bool, index: int,
                      items: Iterable[tuple[Document, list[Statement] | None]]) -> Iterator[tuple[str, list]]:
    """Extract the documents of one partition that come without statements, write every document's `Packed` text
    to a part file and yield its path with each document's entities and, if `cached` and it was extracted here,
    its statements' cache text."""
    from kg.worker import extract_batch  # spaCy: on the executors only, never for a build's driver or a warm build

    items = list(items)
    fresh = iter(extract_batch([d for d, known in items if known is None], model, batch_size))
    relations = load_ontology().relations
    packed, found = [], []
    for document, known in items:
        statements = next(fresh) if known is None else known
        packed.append(pack(document, statements, relations))
        found.append((packed[-1].entities, to_json(statements) if cached and known is None else None))
    path = Path(folder) / f"part-{wave:05d}-{index:05d}.pickle"
    write_pickle(path, packed)
    yield str(path), found


def write_pickle(path: Path, value: object) -> None:
    with open(path, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)


def read_pickle(path: str | Path):
    with open(path, "rb") as f:
        return pickle.load(f)


def merged_people(sc, entities: Iterable[Entity]) -> dict[str, Entity]:
    """The Spark job of `kg.normalize.merge_people`: people grouped by key, each group merged on an executor."""
    people = sc.parallelize([(key, (e, is_full)) for e in entities for key, is_full in person_keys(e)])
    return people.groupByKey().flatMap(lambda group: merge_group(group[1]).items()).collectAsMap()


def final_entities(changed: Mapping[str, Entity], packed: Packed) -> Mapping[str, Entity]:
    """Each id's final entity for a packed document: as `changed` (the broadcast map) has it, else as the document
    was rendered with it."""
    return ChainMap(changed, {e.id: e for e in packed.entities})


def final_statements(changed: Mapping[str, Entity], packed: Packed) -> tuple[Document, list[Statement]]:
    """A packed document (text dropped) with its statements, each entity final; one about itself left out."""
    return (Document(**marshal.loads(packed.document)),
            list(kept_statements(marshal.loads(packed.statements), final_entities(changed, packed))))


def settle_part(folder: str, changed, stale, item: tuple[int, str]) -> tuple[int, list, list, list[str]]:
    """Part `item` (index, path) with each document rendered again if it names a `stale` entity, each entity as
    the broadcast `changed` has it: its records written to `records-INDEX.jsonl`, and per document its graph
    IRI, TriG and Turtle text and its triples of the default graph (direct edges; descriptions of the entities
    it names first in the part) to `settled-INDEX.pickle`. Returns the number of statements, the entities they
    name, who links whom (statements per subject and object id) and every `SAMPLE_EVERY`th document's IRI (the
    sorts' ranges are cut at them)."""
    index, path = item
    ontology, changed, stale = load_ontology(), changed.value, stale.value
    relations = ontology.relations
    settled, count, entities, links = [], 0, {}, Counter()
    with open(Path(folder) / f"records-{index:05d}.jsonl", "w", encoding="utf-8", newline="\n") as records:
        for packed in read_pickle(path):
            final = final_entities(changed, packed)
            text = packed.text
            if not stale.isdisjoint(text.uses):
                text = rerender(packed.document, packed.statements, final, relations)
            records.write(text.records)
            count += text.kept
            links.update((st.subject.id, st.object.id)
                         for st in kept_statements(marshal.loads(packed.statements), final))
            first = [final[key] for key in text.uses if key not in entities]
            entities.update((e.id, e) for e in first)
            settled.append((text.name, *framed(text.name, text.body),
                            [*(edge[:3] for edge in text.edges),
                             *(triple for e in first for triple in describe_entity(e, ontology.entries))]))
    write_pickle(Path(folder) / f"settled-{index:05d}.pickle", settled)
    return count, list(entities.values()), list(links.items()), [doc[0] for doc in settled[::SAMPLE_EVERY]]


def write_graphs(folder: str, index: int, graphs: Iterable[tuple[str, tuple[str, str]]]) -> Iterator[int]:
    """A range of documents' graphs, sorted here by IRI, as `graphs-INDEX.trig` and `graphs-INDEX.ttl`."""
    with open(Path(folder) / f"graphs-{index:05d}.trig", "w", encoding="utf-8", newline="\n") as trig, \
            open(Path(folder) / f"graphs-{index:05d}.ttl", "w", encoding="utf-8", newline="\n") as ttl:
        for _, (trig_text, ttl_text) in sorted(graphs, key=itemgetter(0)):
            trig.write(trig_text)
            ttl.write(ttl_text)
    yield index


def write_default(folder: str, index: int, rows: Iterable[tuple[str, tuple[str, str, str]]]) -> Iterator[int]:
    """A range of subjects of the default graph, its triples made distinct and sorted here, as `default-INDEX.ttl`
    and `default-INDEX.nt`."""
    triples = sorted({t for _, t in rows})
    for suffix, fmt in (("ttl", "ttl"), ("nt", "nq")):
        Path(folder, f"default-{index:05d}.{suffix}").write_text(graph_text("", triples, fmt), encoding="utf-8")
    yield index


def document_nquads(changed, packed: Packed) -> tuple[str, str]:
    """A packed document's graph IRI and N-Quads text (`kg.rdf.serialize`), its entities final (`changed`: the
    broadcast map)."""
    document, statements = final_statements(changed.value, packed)
    name = document_iri(document.id)
    return name, "".join(serialize(as_triples([(name, document_blocks(document, statements,
                                                                      load_ontology().relations))]), "nq"))


def write_nquads(folder: str, per_file: int, index: int, graphs: Iterable) -> Iterator[tuple[int, int]]:
    """A range of documents' N-Quads text, in order of graph IRI and numbered (`zipWithIndex`), to segments of the
    files of `per_file` graphs: `nquads-FILE-INDEX.nq`. Yields (file, index) of each segment."""
    for file, texts in groupby(graphs, lambda numbered: numbered[1] // per_file):
        Path(folder, f"nquads-{file:05d}-{index:05d}.nq").write_text("".join(text for (_, text), _ in texts),
                                                                      encoding="utf-8")
        yield file, index


@contextmanager
def failing(what: str):
    """A Spark job's error as one line."""
    try:
        yield
    except KGError:
        raise
    except Exception as e:
        raise KGError(f"spark: {what} failed: {worker_error(e)}") from e


class SparkStatements(Collection):
    """The statements of a Spark build, as the files its tasks wrote in the part folder (`settle`).

    `entities` are the merged entities statements name, sorted by id; iterating reads the parts on
    the driver, in input order.
    """

    def __init__(self, folder: TemporaryDirectory, master: str, parts: list[str], documents: int, changed: dict,
                 count: int, entities: list[Entity], links: list[tuple[tuple[str, str], int]], ranges: int):
        self.folder, self.master, self.parts, self.documents = folder, master, parts, documents
        self.changed, self.count, self.entities, self.links, self.ranges = changed, count, entities, links, ranges

    def file(self, name: str) -> Path:
        return Path(self.folder.name) / name

    def text(self, name: str) -> Iterator[str]:
        """A file of the part folder, a piece at a time."""
        with open(self.file(name), encoding="utf-8", newline="") as f:
            while piece := f.read(COPY_CHARS):
                yield piece

    def __len__(self) -> int:
        return self.count

    def __contains__(self, st: object) -> bool:
        return any(st == known for known in self)

    def __iter__(self) -> Iterator[Statement]:
        for path in self.parts:
            for packed in read_pickle(path):
                yield from final_statements(self.changed, packed)[1]

    def records(self) -> Iterator[str]:
        """The statements' JSON Lines records, in input order."""
        for index in range(len(self.parts)):
            yield from self.text(f"records-{index:05d}.jsonl")

    def write_rdf_and_records(self, trig: TextIO, ttl: TextIO, jsonl: TextIO) -> None:
        """graph.trig, graph.ttl and triples.jsonl: the text of the part folder's files, in order."""
        def texts() -> Iterator[tuple[str, str]]:
            for index in range(self.ranges):
                yield from zip_longest(self.text(f"graphs-{index:05d}.trig"), self.text(f"graphs-{index:05d}.ttl"),
                                       fillvalue="")
            for index in range(self.ranges):
                yield from ((text, text) for text in self.text(f"default-{index:05d}.ttl"))

        write_turtle(texts(), trig, ttl)
        jsonl.writelines(self.records())

    def pairs(self) -> Iterator[tuple[str, str]]:
        """The ids of each statement's subject and object (who links whom, counted by a job), grouped."""
        for pair, count in self.links:
            yield from repeat(pair, count)

    def parts_rdd(self, sc):
        return sc.parallelize(self.parts, max(1, len(self.parts)))

    def among(self, shown: Collection[str]) -> Iterator[Statement]:
        """The statements whose subject and object are both in `shown`, in input order: a job over the parts,
        streamed a part at a time."""
        with failing("the page's statements"):
            sc = open_context(self.master)
            changed, shown = sc.broadcast(self.changed), sc.broadcast(frozenset(shown))
            yield from self.parts_rdd(sc).flatMap(read_pickle).flatMap(
                lambda packed: [st for st in final_statements(changed.value, packed)[1]
                                if st.subject.id in shown.value and st.object.id in shown.value]).toLocalIterator()

    def by_document(self) -> Iterator[tuple[Document, list[Statement]]]:
        """Each document with its statements, in order of the document's IRI: a job over the parts, streamed."""
        with failing("reading the documents"):
            sc = open_context(self.master)
            changed = sc.broadcast(self.changed)
            documents = self.parts_rdd(sc).flatMap(read_pickle).map(lambda packed: final_statements(changed.value,
                                                                                                     packed))
            yield from documents.keyBy(lambda group: document_iri(group[0].id)).sortByKey(
                numPartitions=self.ranges).values().toLocalIterator()

    def nquads(self, per_file: int) -> Iterator[Iterator[str]]:
        """The text of N-Quads files of `per_file` graphs each, in order of graph IRI, the default graph last: a job
        over the parts writes them in pieces, each file's pieces are read in order."""
        with failing("writing N-Quads"):
            sc = open_context(self.master)
            changed, folder = sc.broadcast(self.changed), self.folder.name
            graphs = self.parts_rdd(sc).flatMap(read_pickle).map(partial(document_nquads, changed))
            segments = graphs.sortByKey(numPartitions=self.ranges).zipWithIndex().mapPartitionsWithIndex(
                partial(write_nquads, folder, per_file)).collect()
        files = -(-(self.documents + 1) // per_file)
        for file in range(files):
            pieces = [self.text(f"nquads-{f:05d}-{index:05d}.nq") for f, index in segments if f == file]
            if file == files - 1:
                pieces += [self.text(f"default-{index:05d}.nt") for index in range(self.ranges)]
            yield (text for piece in pieces for text in piece)


def ranges_of(sample: list[str], ranges: int) -> Callable[[str], int]:
    """The range (0 to `ranges` - 1) of a key, the ranges cut at even steps of the sorted `sample` of the keys."""
    sample = sorted(sample)
    return partial(bisect, [sample[len(sample) * n // ranges] for n in range(1, ranges)] if sample else [])


def settle(sc, folder: TemporaryDirectory, master: str, parts: list[str], documents: int, table: EntityTable,
           merged: Mapping[str, Entity]) -> SparkStatements:
    """Stage two: the parts' outputs written in the part folder by tasks (`settle_part`, `write_graphs`,
    `write_default`), each document's entities final; the build's statements."""
    final, stale = table.final(merged), table.changed(merged)
    changed = {key: final[key] for key in (*stale, *(e.id for e in merged.values()))}
    ranges = max(1, min(len(parts), max(PARTITIONS_PER_CORE * sc.defaultParallelism, documents // RANGE_DOCUMENTS)))
    where = folder.name
    with failing("writing the outputs"):
        changed_b, stale_b = sc.broadcast(changed), sc.broadcast(frozenset(stale))
        settled_parts = sc.parallelize(list(enumerate(parts)), max(1, len(parts))).map(
            partial(settle_part, where, changed_b, stale_b)).collect()
        used = {e.id: e for _, entities, _, _ in settled_parts for e in entities}
        entities = [used[key] for key in sorted(used)]
        links = Counter()
        for _, _, pairs, _ in settled_parts:
            links.update(dict(pairs))
        settled = sc.parallelize([Path(where, f"settled-{index:05d}.pickle") for index in range(len(parts))],
                                 max(1, len(parts))).flatMap(read_pickle)
        graphs = settled.map(lambda doc: (doc[0], doc[1:3])).partitionBy(
            ranges, ranges_of([name for *_, names in settled_parts for name in names], ranges))
        default = settled.flatMap(itemgetter(3)).keyBy(itemgetter(0)).partitionBy(
            ranges, ranges_of([entity_iri(e) for e in entities[::SAMPLE_EVERY]], ranges))
        graphs.mapPartitionsWithIndex(partial(write_graphs, where)).collect()
        default.mapPartitionsWithIndex(partial(write_default, where)).collect()
    return SparkStatements(folder, master, parts, documents, changed, sum(c for c, *_ in settled_parts), entities,
                           list(links.items()), ranges)


def spark_build(waves: Iterable[list[Document]], model: str, batch_size: int, master: str, cache: Cache | None,
                on_parsed: Callable[[Document], None] | None, kept: Callable[[Document], None]) -> SparkStatements:
    """Extract on Spark, telling `kept` of each document in input order; the statements, people merged, written
    as the outputs' pieces by the executors (`settle`).

    Only documents `cache` does not hold are extracted, and their statements put in it, a wave at
    a time. The next wave is submitted before this one's results are read, so the executors do
    not wait for the driver. `on_parsed` is told of each document extracted, once its wave is done.
    """
    stamp = cache.stamp(model) if cache else ""
    table, parts = EntityTable(), []
    documents = 0

    def hand_on(items: list[tuple[Document, list[Statement] | None]], keys: list[str], job: Future) -> None:
        with failing("extraction"):
            results = job.result()
        found = (document for _, part in results for document in part)
        parts.extend(path for path, _ in results)
        for (document, known), key in zip(items, keys, strict=True):
            entities, cache_text = next(found)
            table.know(entities)
            if known is None:
                if cache:
                    cache.put_json(key, cache_text)
                if on_parsed:
                    on_parsed(document)
            kept(document)
        if cache:
            cache.commit()

    folder = TemporaryDirectory(prefix="kg-spark-")
    try:
        sc = open_context(master)  # left open for the jobs that write the outputs
        with ThreadPoolExecutor(2) as jobs:
            pending: deque = deque()
            for n, wave in enumerate(waves):
                keys = [cache_key(stamp, d.text, d.date) for d in wave] if cache else [""] * len(wave)
                items = [(d, cache.get(key, d.id) if cache else None) for d, key in zip(wave, keys, strict=True)]
                sent = [(d, None) if known is None else (replace(d, text=""), known) for d, known in items]
                rdd = sc.parallelize(sent, min(len(sent), PARTITIONS_PER_CORE * sc.defaultParallelism))
                pending.append((items, keys, jobs.submit(rdd.mapPartitionsWithIndex(
                    partial(extract_partition, model, batch_size, folder.name, n, bool(cache))).collect)))
                documents += len(wave)
                if len(pending) > 1:
                    hand_on(*pending.popleft())
            while pending:
                hand_on(*pending.popleft())
            return settle(sc, folder, master, parts, documents, table, merged_people(sc, table.entities.values()))
    except BaseException:
        folder.cleanup()
        raise


def worker_error(error: Exception) -> str:
    """The last line of a worker's traceback, which names the real error."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    python = [line for line in lines if "Error:" in line and not line.startswith(("at ", "py4j", "org.apache"))]
    return (python or lines or [type(error).__name__])[-1]
