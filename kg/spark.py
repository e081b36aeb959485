"""The Spark engine: executors extract and render the documents; the people merge is a Spark job.

`spark_build` sends the documents the extraction cache does not hold to the executors, a wave at
a time. Each partition extracts with a pipeline loaded once per Python worker
(`kg.worker.extract_batch`), renders each document's graph and records (`kg.spill.pack`, with
the entities as the document names them) and writes them, with the statements' cache text, to a
part file of the build's part folder, returning only the file's path. The driver reads the
wave's parts back and only stores their text: in the cache and in the build's spill
(`Spill.store`), which renders again only the documents whose entities the whole build knows
otherwise (merged people, an entity that has a country elsewhere); so it never holds more than
two waves and never parses RDF or statements it did not need. `merged_people` is the Spark job
that merges people over the build's entity table, grouped by their keys
(`kg.normalize.person_keys`): the rule of `kg.normalize.merge_people`.

The part folder is a temporary folder of the driver's (under TMPDIR): on a cluster, one every
executor can write to.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

from kg.cache import Cache, cache_key, fingerprint, to_json
from kg.errors import KGError
from kg.normalize import merge_group, person_keys
from kg.ontology import load_ontology
from kg.spill import Packed, Spill, pack
from kg.types import Document, Entity, Statement
from kg.worker import extract_batch

PARTITIONS_PER_CORE = 4  # small partitions, so no executor idles long at a wave's end


def spark_conf(master: str) -> dict[str, str]:
    """No web UI or console progress; a local master binds the driver to 127.0.0.1."""
    conf = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    if master.startswith("local"):
        conf.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    return conf


@contextmanager
def spark_context(master: str):
    """A SparkContext whose JVM logs nothing to the terminal; local workers run this Python."""
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.java_gateway import launch_gateway
    except ImportError:
        raise KGError("the spark engine needs pyspark (pip install 'kg-geopolitics[spark]')") from None
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
    try:
        yield sc
    finally:
        sc.stop()


def extract_partition(model: str, batch_size: int, folder: str, wave: int, cached: bool, index: int,
                      documents: Iterable[Document]) -> Iterator[str]:
    """Extract the documents of one partition, write each one's `Packed` text (and, if `cached`, its statements'
    cache text) to a part file and yield its path."""
    documents = list(documents)
    relations = load_ontology().relations
    packed = [(pack(document, found, relations), to_json(found) if cached else None)
              for document, found in zip(documents, extract_batch(documents, model, batch_size), strict=True)]
    path = Path(folder) / f"part-{wave:05d}-{index:05d}.pickle"
    with open(path, "wb") as f:
        pickle.dump(packed, f, protocol=pickle.HIGHEST_PROTOCOL)
    yield str(path)


def read_part(path: str) -> list[tuple[Packed, str | None]]:
    with open(path, "rb") as f:
        return pickle.load(f)


def merged_people(sc, entities: Iterable[Entity]) -> dict[str, Entity]:
    """The Spark job of `kg.normalize.merge_people`: people grouped by key, each group merged on an executor."""
    people = sc.parallelize([(key, (e, is_full)) for e in entities for key, is_full in person_keys(e)])
    return people.groupByKey().flatMap(lambda group: merge_group(group[1]).items()).collectAsMap()


def spark_build(waves: Iterable[list[Document]], model: str, batch_size: int, master: str, cache: Cache | None,
                on_parsed: Callable[[Document], None] | None, kept: Callable[[Document], None],
                spill: Spill) -> dict[str, Entity]:
    """Extract on Spark, adding each document to `spill` and telling `kept` of it in input order; the people of
    `spill`'s entities merged.

    Only documents `cache` does not hold are extracted, and their statements put in it, a wave at
    a time. The next wave is submitted before this one's results are read, so the executors do
    not wait for the driver. `on_parsed` is told of each document extracted, once its wave is done.
    """
    stamp = fingerprint(model) if cache else ""

    def hand_on(items: list[tuple[Document, list[Statement] | None]], keys: list[str], job: Future | None) -> None:
        try:
            parts = job.result() if job else []
        except Exception as e:
            raise KGError(f"spark: extraction failed: {worker_error(e)}") from e
        fresh = (found for part in parts for found in read_part(part))
        for (document, known), key in zip(items, keys, strict=True):
            if known is None:
                packed, cache_text = next(fresh)
                spill.store(packed)
                if cache:
                    cache.put_json(key, cache_text)
                if on_parsed:
                    on_parsed(document)
            else:
                spill.add(document, known)
            kept(document)
        if cache:
            cache.commit()
        for part in parts:
            os.unlink(part)

    with TemporaryDirectory(prefix="kg-spark-") as folder, ThreadPoolExecutor(2) as jobs, \
            spark_context(master) as sc:
        pending: deque = deque()
        for n, wave in enumerate(waves):
            keys = [cache_key(stamp, d.text, d.date) for d in wave] if cache else [""] * len(wave)
            items = [(d, cache.get(key, d.id) if cache else None) for d, key in zip(wave, keys, strict=True)]
            misses = [d for d, known in items if known is None]
            job = None
            if misses:
                rdd = sc.parallelize(misses, min(len(misses), PARTITIONS_PER_CORE * sc.defaultParallelism))
                job = jobs.submit(rdd.mapPartitionsWithIndex(
                    partial(extract_partition, model, batch_size, folder, n, bool(cache))).collect)
            pending.append((items, keys, job))
            if len(pending) > 1:
                hand_on(*pending.popleft())
        while pending:
            hand_on(*pending.popleft())
        return merged_people(sc, spill.entities.values())


def worker_error(error: Exception) -> str:
    """The last line of a worker's traceback, which names the real error."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    python = [line for line in lines if "Error:" in line and not line.startswith(("at ", "py4j", "org.apache"))]
    return (python or lines or [type(error).__name__])[-1]
