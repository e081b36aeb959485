"""`kg build --engine spark` against the local engine, and the Spark driver's memory as the corpus grows.

    .venv/bin/python bench/spark.py [--articles 2000] [--small 500] [--master local[2]]

Builds corpora of seed paragraphs (`make_corpus` of bench/scale.py) and prints, in one run:
the wall time of `kg build` with the local engine (--jobs 1 and 2) and on Spark (`--master`)
on the small corpus, whether the four outputs are byte for byte the local engine's, and the peak
RSS and CPU time of the Spark driver's own process (not the JVM or the executors, which extract,
render and write the outputs' pieces) on the small and the full corpus. Every build writes to a
fresh folder, so nothing comes from the cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from scale import kg_build, make_corpus, run

DRIVER = """
import resource, sys
from pathlib import Path
from kg.cli import main
report, sys.argv = sys.argv[1], ["kg", *sys.argv[2:]]
try:
    main()
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    Path(report).write_text(f"{usage.ru_maxrss // 1024} {usage.ru_utime + usage.ru_stime}")
"""
OUTPUTS = ("triples.jsonl", "graph.ttl", "graph.trig", "graph.html")


def spark_build(corpus: Path, out: Path, master: str) -> tuple[float, int, float]:
    """Wall seconds of `kg build --engine spark`, the driver process's peak RSS (MiB) and CPU seconds."""
    report = out.with_suffix(".rss")
    wall, _, _ = run([sys.executable, "-c", DRIVER, str(report), "build", str(corpus), "-o", str(out), "-q",
                      "--engine", "spark", "--spark-master", master])
    rss, cpu = report.read_text().split()
    return wall, int(rss), float(cpu)


def same_outputs(one: Path, other: Path) -> bool:
    return all((one / name).read_bytes() == (other / name).read_bytes() for name in OUTPUTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    print(f"cores (os.cpu_count): {os.cpu_count()}   load average before: {os.getloadavg()[0]:.2f} "
          "(other processes slow every figure)")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        words = make_corpus(tmp / "small", args.small)
        full_words = make_corpus(tmp / "corpus", args.articles)
        print(f"small corpus: {args.small} articles, {words} words; full corpus: {args.articles} articles, "
              f"{full_words} words")
        one, one_cpu, one_rss = kg_build(tmp / "small", tmp / "local1", jobs=1)
        two, _, _ = kg_build(tmp / "small", tmp / "local2", jobs=2)
        spark, rss_small, cpu_small = spark_build(tmp / "small", tmp / "spark-small", args.master)
        same = same_outputs(tmp / "spark-small", tmp / "local1")
        lines = (tmp / "local1" / "triples.jsonl").read_bytes().count(b"\n")
        spark_full, rss_full, cpu_full = spark_build(tmp / "corpus", tmp / "spark-full", args.master)
        full_lines = (tmp / "spark-full" / "triples.jsonl").read_bytes().count(b"\n")

        print(f"\nspeed on the small corpus ({args.small} articles, {lines} triples), whole commands:")
        print(f"  local engine --jobs 1:   {words / one:7.0f} words/s  ({one:.1f} s)")
        print(f"  local engine --jobs 2:   {words / two:7.0f} words/s  ({two:.1f} s)")
        print(f"  spark {args.master}:      {words / spark:7.0f} words/s  ({spark:.1f} s)   "
              f"{one / spark:.2f}x --jobs 1, {two / spark:.2f}x --jobs 2")
        print(f"  spark {args.master} outputs ({', '.join(OUTPUTS)}) byte for byte the local engine's: "
              f"{'yes' if same else 'NO'}")
        print(f"  spark {args.master} on {args.articles} articles ({full_lines} triples): "
              f"{full_words / spark_full:7.0f} words/s  ({spark_full:.1f} s)")
        print("\nthe Spark driver's process (extraction, rendering and the outputs' pieces run on the executors):")
        print(f"  peak RSS   {args.small} articles: {rss_small:6d} MiB   {args.articles} articles: {rss_full:6d} MiB   "
              f"ratio {rss_full / rss_small:.2f} (target: flat, <= 1.1)")
        print(f"  CPU        {args.small} articles: {cpu_small:6.1f} s     {args.articles} articles: {cpu_full:6.1f} s")
        print(f"  for scale, local engine --jobs 1 on {args.small} articles: peak RSS {one_rss:.0f} MiB, "
              f"CPU {one_cpu:.1f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
