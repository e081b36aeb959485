"""A long article on one line vs the same text split into lines, in one run.

    .venv/bin/python bench/one_line.py [--sentences 10000]

Writes `--sentences` short sentences (about 24 characters each, named countries and people) as
one article on a single line and as the same article with one sentence a line, builds each with
`kg build` (whole commands, model load included, fresh output folders) and prints both times and
their ratio (target: the one-line article within 2x of the split one).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = Path(sys.executable).with_name("kg")
NAMES = ["Japan", "China", "France", "Brazil", "India", "Kenya", "Chile", "Peru", "Iran", "Egypt"]
TEMPLATES = ["{a} met {b} today.", "{a} visited {b} again.", "{a} criticized {b}.", "{a} hosted {b} in May.",
             "{a} signed a deal with {b}."]


def sentences(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(TEMPLATES).format(a=a, b=b) for a, b in (rng.sample(NAMES, 2) for _ in range(count))]


def build_seconds(article: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(KG), "build", str(article), "-o", str(out), "-q"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (other processes slow every figure)")
    text = sentences(args.sentences)
    with tempfile.TemporaryDirectory(prefix="kg-bench-line-") as tmp:
        tmp = Path(tmp)
        (tmp / "one-line.txt").write_text(" ".join(text) + "\n", encoding="utf-8")
        (tmp / "lines.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
        print(f"{args.sentences} sentences, {len(' '.join(text))} characters")
        split = build_seconds(tmp / "lines.txt", tmp / "out-lines")
        one = build_seconds(tmp / "one-line.txt", tmp / "out-one")
        counts = [sum(1 for _ in (tmp / name / "triples.jsonl").open()) for name in ("out-lines", "out-one")]
    print(f"one sentence a line: {split:.1f} s   one line: {one:.1f} s   ratio {one / split:.2f} (target <= 2)   "
          f"triples {counts[0]} vs {counts[1]}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
