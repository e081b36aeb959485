"""Speed and memory figures for `kg build` and kg's SPARQL, measured side by side in one run.

    .venv/bin/python bench/scale.py [--articles 2000] [--small 500] [--jobs-articles 300] [--statements 1000000]
                                    [--repeat 2]

Builds corpora of articles from the seeds' paragraphs (shuffled, fixed random seed) and prints:
words/s of raw spaCy `nlp.pipe` with kg's model vs `kg build` (whole commands, load and output
included); a rebuild of the same corpus with the cache warm vs the cold build; `kg build --jobs 2`
vs `--jobs 1` on `--jobs-articles` articles; peak RSS of `kg build` at the small vs the full
corpus; loading and querying a synthetic graph of `--statements` triples through `kg.query` vs
raw pyoxigraph. Every other `kg build` writes to a fresh folder, so nothing comes from the cache.
Each timed command runs `--repeat` times (the few seconds of the warm rebuild, WARM_RUNS times as
many), the commands compared taking turns, and the fastest run of each counts (the machine is
shared: a run slowed by other work says nothing of kg).
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

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).with_name("kg")
WARM_RUNS = 3  # the warm rebuild's runs per `--repeat`: a slow spell of the machine outlasts a few of them
RAW_SPACY = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[1])
texts = (p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).iterdir()))
for doc in nlp.pipe(texts, batch_size=64):
    pass
"""


def make_corpus(folder: Path, articles: int, seed: int = 7) -> int:
    """`articles` files of 6 to 12 seed paragraphs each; returns the number of words."""
    paragraphs = [line for path in sorted((ROOT / "seeds").glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 3]
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    words = 0
    for n in range(articles):
        text = "\n\n".join(rng.sample(paragraphs, rng.randint(6, 12))) + "\n"
        words += len(text.split())
        (folder / f"article_{n:05d}.txt").write_text(text, encoding="utf-8")
    return words


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (with its child processes) and peak RSS (MiB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        sys.exit(f"failed ({status}): {' '.join(command)}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def kg_build(corpus: Path, out: Path, jobs: int = 1) -> tuple[float, float, float]:
    return run([str(KG), "build", str(corpus), "-o", str(out), "-q", "--jobs", str(jobs)])


def fastest(*commands, repeat: int) -> list[tuple[float, float, float]]:
    """For each command (a function of the run's number), its fastest run (wall, CPU) of `repeat`, the commands
    taking turns, and its highest peak RSS."""
    runs = [[command(n) for command in commands] for n in range(repeat)]
    return [(*min(r[i] for r in runs)[:2], max(r[i][2] for r in runs)) for i in range(len(commands))]


def synthetic_graph(path: Path, triples: int) -> None:
    """N-Triples in kg's vocabulary: a relation edge and 9 triples per statement node, 20,000 entities."""
    from kg.ontology import load_ontology

    relations = sorted(load_ontology().relations)
    kgo, kgr = "https://w3id.org/kg/ontology#", "https://w3id.org/kg/id/"
    rdf, rdfs, xsd = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
                      "http://www.w3.org/2001/XMLSchema#")
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8") as f:
        for n in range(triples // 10):
            s, o, rel = f"<{kgr}e/{rng.randrange(20000)}>", f"<{kgr}e/{rng.randrange(20000)}>", rng.choice(relations)
            st = f"<{kgr}statement/{n}>"
            rows = [(s, f"<{kgo}{rel}>", o), (st, f"<{rdf}type>", f"<{kgo}Statement>"),
                    (st, f"<{kgo}relation>", f"<{kgo}{rel}>"), (st, f"<{kgo}subject>", s),
                    (st, f"<{kgo}object>", o), (st, f"<{kgo}modality>", '"asserted"'),
                    (st, f"<{kgo}confidence>", f'"0.{rng.randrange(100):02d}"^^<{xsd}decimal>'),
                    (st, f"<{kgo}start>", f'"{n}"^^<{xsd}integer>'),
                    (st, f"<{rdfs}label>", f'"statement {n}"'), (st, f"<{kgo}end>", f'"{n + 100}"^^<{xsd}integer>')]
            f.writelines(" ".join(row) + " .\n" for row in rows)


QUERIES = {
    "one relation": "SELECT ?s ?o WHERE { ?s <https://w3id.org/kg/ontology#met_with> ?o }",
    "count by relation": "SELECT ?rel (COUNT(*) AS ?n) WHERE { ?st <https://w3id.org/kg/ontology#relation> ?rel } "
                         "GROUP BY ?rel ORDER BY DESC(?n)",
}


def sparql_figures(path: Path) -> None:
    """Each query through `kg.query.run_query` (which loads the file) vs raw pyoxigraph load + query."""
    import pyoxigraph as ox

    from kg.query import run_query

    started = time.perf_counter()
    raw = ox.Store()
    raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    raw_load = time.perf_counter() - started
    print(f"  raw pyoxigraph bulk_load: {raw_load:.1f} s for {len(raw)} triples")
    for name, sparql in QUERIES.items():
        started = time.perf_counter()
        _, rows = run_query(path, sparql)
        kg_seconds = time.perf_counter() - started
        started = time.perf_counter()
        raw_rows = list(raw.query(sparql, use_default_graph_as_union=True))
        raw_seconds = raw_load + time.perf_counter() - started
        print(f"  {name + ':':18} kg.query.run_query {kg_seconds:5.1f} s   raw load + query {raw_seconds:5.1f} s   "
              f"ratio {kg_seconds / raw_seconds:.2f}   rows {len(rows)} vs {len(raw_rows)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--jobs-articles", type=int, default=300)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each timed command; the fastest counts")
    args = parser.parse_args()
    from kg.nlp import default_model

    model = default_model()
    print(f"cores (os.cpu_count): {os.cpu_count()}   model: {model}   "
          f"load average before: {os.getloadavg()[0]:.2f} (other processes slow every figure)")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        words = make_corpus(tmp / "corpus", args.articles)
        small_words = make_corpus(tmp / "small", args.small)
        jobs_words = make_corpus(tmp / "jobs", args.jobs_articles)
        print(f"corpus: {args.articles} articles, {words} words; small corpus: {args.small} articles, "
              f"{small_words} words; --jobs corpus: {args.jobs_articles} articles, {jobs_words} words")

        repeat = args.repeat
        (raw, raw_cpu, _), (cold, cold_cpu, rss_full) = fastest(
            lambda n: run([sys.executable, "-c", RAW_SPACY, model, str(tmp / "corpus")]),
            lambda n: kg_build(tmp / "corpus", tmp / f"out{n}"), repeat=repeat)
        cold_triples = (tmp / "out0" / "triples.jsonl").read_bytes()
        [(warm, warm_cpu, _)] = fastest(lambda n: kg_build(tmp / "corpus", tmp / "out0"), repeat=WARM_RUNS * repeat)
        rebuilt = (tmp / "out0" / "triples.jsonl").read_bytes() == cold_triples
        _, _, rss_small = kg_build(tmp / "small", tmp / "out-small")
        (one, one_cpu, _), (two, two_cpu, _) = fastest(
            lambda n: kg_build(tmp / "jobs", tmp / f"jobs1-{n}", jobs=1),
            lambda n: kg_build(tmp / "jobs", tmp / f"jobs2-{n}", jobs=2), repeat=repeat)
        same = (tmp / "jobs1-0" / "triples.jsonl").read_bytes() == (tmp / "jobs2-0" / "triples.jsonl").read_bytes()

        print(f"\nspeed, whole commands (interpreter start, model load and outputs included), fastest of {repeat}:")
        print(f"  raw spaCy nlp.pipe:   {words / raw:8.0f} words/s  ({raw:.1f} s wall, {raw_cpu:.1f} s CPU)")
        print(f"  kg build:             {words / cold:8.0f} words/s  ({cold:.1f} s wall, {cold_cpu:.1f} s CPU)   "
              f"ratio to raw spaCy {raw / cold:.2f} (target >= 0.95; by CPU time {raw_cpu / cold_cpu:.2f})")
        print(f"  kg build, cache warm: {warm:8.1f} s wall ({warm_cpu:.1f} s CPU, fastest of {WARM_RUNS * repeat})   "
              f"{warm / cold:.1%} of the cold "
              f"build (target <= 5%; by CPU time {warm_cpu / cold_cpu:.1%}); "
              f"triples.jsonl identical: {'yes' if rebuilt else 'NO'}")
        print(f"  {args.jobs_articles} articles, --jobs 1: {jobs_words / one:8.0f} words/s  ({one:.1f} s wall, "
              f"{one_cpu:.1f} s CPU)")
        print(f"  {args.jobs_articles} articles, --jobs 2: {jobs_words / two:8.0f} words/s  ({two:.1f} s wall, "
              f"{two_cpu:.1f} s CPU)   speed-up {one / two:.2f}x (target >= 1.7x on 2 cores); "
              f"CPU time {two_cpu / one_cpu:.2f}x of --jobs 1; triples.jsonl identical: {'yes' if same else 'NO'}")
        print("\nmemory, kg build --jobs 1:")
        print(f"  peak RSS {args.small} articles: {rss_small:7.0f} MiB   {args.articles} articles: "
              f"{rss_full:7.0f} MiB   ratio {rss_full / rss_small:.2f} (target <= 1.1)")

        print(f"\nSPARQL on a synthetic graph of {args.statements} statements (triples):")
        synthetic_graph(tmp / "graph.nt", args.statements)
        sparql_figures(tmp / "graph.nt")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
