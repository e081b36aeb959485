"""`kg build --engine spark` against the local engine, and the Spark driver's memory as the corpus grows.

    .venv/bin/python bench/spark.py [--articles 2000] [--small 500] [--master local[2]]

Builds corpora of seed paragraphs (`make_corpus` of bench/scale.py) and prints, in one run:
the wall time of `kg build` with the local engine (--jobs 1 and 2) and on Spark (`--master`)
on the small corpus, whether the triples are the same, and the peak RSS of the Spark driver's
own process (not the JVM or the executors) on the small and the full corpus. Every build writes
to a fresh folder, so nothing comes from the cache.
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
    Path(report).write_text(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))
"""


def spark_build(corpus: Path, out: Path, master: str) -> tuple[float, int]:
    """Wall seconds of `kg build --engine spark` and the driver process's peak RSS (MiB)."""
    report = out.with_suffix(".rss")
    wall, _, _ = run([sys.executable, "-c", DRIVER, str(report), "build", str(corpus), "-o", str(out), "-q",
                      "--engine", "spark", "--spark-master", master])
    return wall, int(report.read_text())


def triples(out: Path) -> list[str]:
    return sorted((out / "triples.jsonl").read_text(encoding="utf-8").splitlines())


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
        one, _, _ = kg_build(tmp / "small", tmp / "local1", jobs=1)
        two, _, _ = kg_build(tmp / "small", tmp / "local2", jobs=2)
        spark, rss_small = spark_build(tmp / "small", tmp / "spark-small", args.master)
        same = triples(tmp / "spark-small") == triples(tmp / "local1")
        spark_full, rss_full = spark_build(tmp / "corpus", tmp / "spark-full", args.master)

        print(f"\nspeed on the small corpus ({args.small} articles), whole commands:")
        print(f"  local engine --jobs 1:   {words / one:7.0f} words/s  ({one:.1f} s)")
        print(f"  local engine --jobs 2:   {words / two:7.0f} words/s  ({two:.1f} s)")
        print(f"  spark {args.master}:      {words / spark:7.0f} words/s  ({spark:.1f} s)   "
              f"{one / spark:.2f}x --jobs 1, {two / spark:.2f}x --jobs 2; same triples as local: "
              f"{'yes' if same else 'NO'}")
        print(f"  spark {args.master} on {args.articles} articles: {full_words / spark_full:7.0f} words/s  "
              f"({spark_full:.1f} s)")
        print("\nmemory, the Spark driver's process:")
        print(f"  peak RSS {args.small} articles: {rss_small:6d} MiB   {args.articles} articles: {rss_full:6d} MiB   "
              f"ratio {rss_full / rss_small:.2f} (target: flat, <= 1.1)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
