"""The Spark engine: executors extract and keep the statements; entity merging is a Spark job.

`spark_build` sends the documents to the executors a wave at a time. Each partition extracts
with a pipeline loaded once per Python worker (`kg.worker.extract_batch`), writes its
statements to a part file of the build's part folder and returns only its entity table (each
id's first-known entity). `merged_entities` is the Spark job over those tables: each id's
first-known entity across the partitions in input order, then people grouped by their keys
(`kg.normalize.person_keys`), the rules of `kg.normalize.resolve`. The driver keeps the
documents' metadata and the merged entity table; the statements are read back from the parts,
merged, while the outputs are written (`SparkStatements`).

The part folder is a temporary folder of the driver's (under TMPDIR): on a cluster, one every
executor can write to.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from operator import itemgetter
from pathlib import Path
from tempfile import TemporaryDirectory

from kg.errors import KGError
from kg.normalize import first_known, merge_group, merged_statements, person_keys, used_entities
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


def extract_partition(model: str, batch_size: int, folder: str, wave: int, index: int,
                      documents: Iterable[Document]) -> Iterator[tuple[str, list[Entity]]]:
    """Extract one partition, write its statements (a list per document) to a part file; yield
    the file's path and the partition's entity table."""
    found = extract_batch(list(documents), model, batch_size)
    path = Path(folder) / f"part-{wave:05d}-{index:05d}.pickle"
    with open(path, "wb") as f:
        pickle.dump(found, f, protocol=pickle.HIGHEST_PROTOCOL)
    table = first_known(entity for statements in found for st in statements for entity in (st.subject, st.object))
    yield str(path), list(table.values())


def merged_entities(sc, tables: list[list[Entity]]) -> tuple[dict[str, Entity], dict[str, Entity]]:
    """A Spark job over the partitions' entity tables, in input order: each id's first-known
    entity, and the people merged (single-word names to the one full name of their key)."""
    rows = sc.parallelize([(e.id, (n, e)) for n, table in enumerate(tables) for e in table])
    known = rows.groupByKey().map(
        lambda row: first_known(e for _, e in sorted(row[1], key=itemgetter(0)))[row[0]]).cache()
    merged = (known.flatMap(lambda e: [(key, (e, is_full)) for key, is_full in person_keys(e)])
              .groupByKey().flatMap(lambda group: merge_group(group[1]).items()).collectAsMap())
    return known.keyBy(lambda e: e.id).collectAsMap(), merged


class SparkStatements:
    """The statements of a Spark build, read from its part files with the entities merged, each
    time they are iterated; the part folder is removed with this object."""

    def __init__(self, folder: TemporaryDirectory, parts: list[str], entities: dict[str, Entity],
                 merged: dict[str, Entity]):
        self.folder, self.parts, self.entities, self.merged = folder, parts, entities, merged
        self.count = sum(1 for _ in self)

    def __iter__(self) -> Iterator[Statement]:
        for part in self.parts:
            with open(part, "rb") as f:
                found: list[list[Statement]] = pickle.load(f)
            yield from merged_statements((st for statements in found for st in statements), self.entities, self.merged)

    def __len__(self) -> int:
        return self.count


def spark_build(waves: Iterable[list[Document]], model: str, batch_size: int, master: str,
                on_parsed: Callable[[Document], None] | None = None
                ) -> tuple[list[Document], SparkStatements, list[Entity]]:
    """Extract and merge on Spark: the documents (without their texts), the statements and the entities.

    `on_parsed` is told of each document once its wave is extracted.
    """
    folder = TemporaryDirectory(prefix="kg-spark-")
    documents: list[Document] = []
    parts: list[str] = []
    tables: list[list[Entity]] = []
    with spark_context(master) as sc:
        for n, wave in enumerate(waves):
            rdd = sc.parallelize(wave, min(len(wave), PARTITIONS_PER_CORE * sc.defaultParallelism))
            try:
                results = rdd.mapPartitionsWithIndex(partial(extract_partition, model, batch_size, folder.name, n))
                for path, table in results.collect():
                    parts.append(path)
                    tables.append(table)
            except Exception as e:
                raise KGError(f"spark: extraction failed: {worker_error(e)}") from e
            for document in wave:
                documents.append(replace(document, text=""))
                if on_parsed:
                    on_parsed(document)
        entities, merged = merged_entities(sc, tables)
    statements = SparkStatements(folder, parts, entities, merged)
    return documents, statements, used_entities(statements)


def worker_error(error: Exception) -> str:
    """The last line of a worker's traceback, which names the real error."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    python = [line for line in lines if "Error:" in line and not line.startswith(("at ", "py4j", "org.apache"))]
    return (python or lines or [type(error).__name__])[-1]
