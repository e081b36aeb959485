"""Writing speed and memory of kg's outputs for synthetic statements, in one run.

    .venv/bin/python bench/write.py [--statements 1000000] [--dir /dev/shm] [--repeat 3]

Makes `--statements` statements (10 per document, 20,000 entities, one in four with a value,
a sentence of evidence each) and puts them on disk as `kg build` does while it extracts
(`kg.spill`, timed apart), then times writing graph.trig, graph.ttl and triples.jsonl exactly as
`kg build` does (`kg.pipeline.write_rdf_and_records`, into temporary files renamed into place),
`--repeat` times (the fastest counts: on a shared machine a write slowed by other work says nothing
of kg), and prints statements/s, the process's peak RSS, and whether pyoxigraph parses the TriG and
Turtle back to as many quads as the N-Quads writer gives for the same statements.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.files import atomic_files
from kg.ontology import load_ontology
from kg.pipeline import grouped, write_rdf_and_records
from kg.rdf import as_triples, dataset, serialize
from kg.spill import Spill
from kg.types import BuildResult, Document, Entity, Evidence, Statement, Value

KINDS = ("Country", "Person", "Organization", "City")


def synthetic(statements: int, seed: int = 5) -> tuple[BuildResult, float, float]:
    """The statements spilled to disk as a build's are, and the CPU seconds of `Spill.add` (rendering each
    document's text, beside extraction in a build) and of `Spill.finish` (merging, sorting the default graph)."""
    rng = random.Random(seed)
    relations = sorted(load_ontology().relations)
    entities = [Entity(f"kg:{KINDS[n % 4].lower()}/entity-{n}", f"Entity {n}", KINDS[n % 4],
                       "USA" if n % 3 else None) for n in range(20_000)]
    documents, spill, spilling = [], Spill(), 0.0
    for d in range(-(-statements // 10)):
        doc = Document(f"article_{d:07d}.txt", "", title=f"Article {d}", date="2025-10-28" if d % 2 else None)
        documents.append(doc)
        found = []
        for k in range(min(10, statements - 10 * d)):
            subject, obj = rng.sample(entities, 2)
            text = f"In article {d}, {subject.label} said on sentence {k} that it would act on {obj.label} soon."
            value = None if k % 4 else Value(float(rng.randrange(1, 10**9)), rng.choice(["USD", "percent"]), "5 bn")
            evidence = Evidence(text, 200 * k, 200 * k + len(text))
            found.append(Statement(doc.id, subject, rng.choice(relations), obj, evidence, confidence=rng.random(),
                                   value=value, role="President" if k % 7 == 0 else None))
        started = time.process_time()
        spill.add(doc, found)
        spilling += time.process_time() - started
    started = time.process_time()
    spilled = spill.finish()
    return BuildResult(tuple(documents), spilled, tuple(spilled.entities)), spilling, time.process_time() - started


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_quads(path: Path, fmt: ox.RdfFormat) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=fmt))


def write(result: BuildResult, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of writing graph.trig, graph.ttl and triples.jsonl into `out` as `kg build` does."""
    started, cpu = time.perf_counter(), time.process_time()
    with atomic_files([out / "graph.trig", out / "graph.ttl", out / "triples.jsonl"]) as (trig, ttl, jsonl):
        write_rdf_and_records(result.statements, trig, ttl, jsonl)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--dir", help="folder for the outputs (default: the system's temporary folder; a RAM disk "
                                      "such as /dev/shm leaves the disk's speed out of the figures)")
    parser.add_argument("--repeat", type=int, default=3, help="writes of the outputs; the fastest counts")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (other processes slow every figure)")
    started = time.process_time()
    result, spilling, finishing = synthetic(args.statements)
    before = peak_rss_mib()
    print(f"{args.statements} synthetic statements in {len(result.documents)} documents made and put on disk "
          f"in {time.process_time() - started:.1f} s CPU; peak RSS: {before:.0f} MiB")
    print(f"  Spill.add, rendering each document's text (in a build: beside extraction): {spilling:.1f} s CPU   "
          f"{args.statements / spilling:,.0f} statements per CPU-second")
    print(f"  Spill.finish, merging people and sorting the default graph (in a build: after extraction): "
          f"{finishing:.1f} s CPU")
    with tempfile.TemporaryDirectory(prefix="kg-bench-write-", dir=args.dir) as tmp:
        out = Path(tmp)
        wall, cpu = min(write(result, out) for _ in range(args.repeat))
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 2**20:.0f} MiB" for p in sorted(out.iterdir()))
        print(f"graph.trig + graph.ttl + triples.jsonl, fastest of {args.repeat}: {wall:.1f} s wall, {cpu:.1f} s CPU   "
              f"{args.statements / wall:,.0f} statements/s (target >= 300,000), "
              f"{args.statements / cpu:,.0f} per CPU-second   ({sizes})")
        print(f"finish + write, the serial end of a build: {finishing + cpu:.1f} s CPU   "
              f"{args.statements / (finishing + cpu):,.0f} statements per CPU-second   (outputs in {out.parent})")
        print(f"peak RSS: {peak_rss_mib():.0f} MiB (target <= 1536; {before:.0f} MiB before writing)")
        expected = sum(chunk.count("\n") for chunk in serialize(as_triples(dataset(grouped(result))), "nq"))
        trig_quads = count_quads(out / "graph.trig", ox.RdfFormat.TRIG)
        ttl_triples = count_quads(out / "graph.ttl", ox.RdfFormat.TURTLE)
        same = trig_quads == ttl_triples == expected
        print(f"parsed back by pyoxigraph: graph.trig {trig_quads} quads, graph.ttl {ttl_triples} triples, "
              f"N-Quads writer {expected}: {'same' if same else 'DIFFERENT'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
