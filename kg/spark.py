"""The Spark engine: each wave of documents is spread over partitions, and every partition
extracts with a pipeline loaded once per Python worker (`kg.worker.extract_batch`)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial

from kg.errors import KGError
from kg.types import Document, Statement
from kg.worker import Extracted, extract_batch


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


def extract_partition(model: str, batch_size: int, documents: Iterable[Document]) -> list[list[Statement]]:
    return extract_batch(list(documents), model, batch_size)


class SparkEngine:
    """An engine (`kg.engines.Engine`) running on the Spark master `master`."""

    def __init__(self, model: str, batch_size: int, master: str):
        self.stack = ExitStack()
        self.sc = self.stack.enter_context(spark_context(master))
        self.work = partial(extract_partition, model, batch_size)

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]:
        for wave in waves:
            if not wave:
                yield []
                continue
            rdd = self.sc.parallelize(wave, min(len(wave), self.sc.defaultParallelism))
            try:
                results = rdd.mapPartitions(self.work).collect()
            except Exception as e:
                raise KGError(f"spark: extraction failed: {worker_error(e)}") from e
            yield list(zip(wave, results, strict=True))

    def close(self) -> None:
        self.stack.close()


def worker_error(error: Exception) -> str:
    """The last line of a worker's traceback, which names the real error."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    python = [line for line in lines if "Error:" in line and not line.startswith(("at ", "py4j", "org.apache"))]
    return (python or lines or [type(error).__name__])[-1]
