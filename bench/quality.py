"""Extraction quality on the seeds' gold and on PLOVER-style event sentences; time coverage.

Usage: python bench/quality.py [--eval ../shared/eval] [--relations ../shared/spec/relations.tsv]
                               [--sample N]

Builds the seeds with `kg build`, prints the scorer's lines, a per-relation table, and the
precision of the triples at confidence >= 0.8; then builds the event sentences (text only)
and prints the event scorer's line; then the news articles' precision, overall and at confidence
>= 0.8. Last, for every development set (seeds, news articles,
event sentences, Wikipedia sentences), the share of statements that carry a time of their own
(a date or a span read from the sentence), those read against the document's date and the former
offices; with --sample N, N random statements with a time (seeded, so the same ones each run) with
their sentence and document date, to read by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.query import run_query, term_text

ROOT = Path(__file__).resolve().parent.parent


def kg_build(inputs: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "kg", "build", str(inputs), "-o", str(out)], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return out / "triples.jsonl"


def score(eval_dir: Path, relations: Path, pred: Path, gold: Path | None = None,
          entities: Path | None = None) -> dict:
    names = ["--entities", str(entities)] if entities else []
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), "--gold",
                          str(gold or eval_dir / "seeds.gold.jsonl"), "--pred", str(pred), "--relations",
                          str(relations), "--json", *names], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def keep_confident(pred: Path, out: Path, threshold: float = 0.8) -> tuple[Path, list[str]]:
    """The triples of `pred` at or above `threshold` confidence, written to `out`."""
    lines = [line for line in pred.read_text().splitlines() if json.loads(line)["confidence"] >= threshold]
    out.write_text("".join(line + "\n" for line in lines))
    return out, lines


def texts_only(source: Path, out: Path) -> Path:
    """A JSON Lines file of the records' ids and texts (what the event and stative sets give kg)."""
    with open(source, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as dest:
        for record in map(json.loads, f):
            dest.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    return out


DOCUMENT_DATES = """PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?id ?date WHERE { GRAPH ?doc { ?doc dct:identifier ?id ; dct:date ?date } }"""


def document_dates(pred: Path) -> dict[str, str]:
    """Each document's date in the graph built beside `pred`."""
    _, rows = run_query(pred.parent / "graph.trig", DOCUMENT_DATES)
    return {term_text(doc): term_text(day) for doc, day in rows}


def time_report(preds: dict[str, Path], sample: int) -> None:
    """Per set: statements, documents with a date, the share of statements with an event time of their own
    (a date or a span read from the sentence), those of them read against the document's date, former offices
    (ended by the document's date) and the relative times left unresolved (their document has no date)."""
    print(f"\n{'set':8} {'statements':>10} {'dated docs':>10} {'with time':>10} {'share':>6} {'relative':>8} "
          f"{'former':>6} {'unresolved':>10}")
    dated = []
    for name, pred in preds.items():
        records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
        days = document_dates(pred)
        timed = [r for r in records if any(k in r.get("time", {}) for k in ("value", "start", "end"))]
        relative = sum(r["time"]["relative"] for r in timed)
        former = sum(r.get("time", {}).get("ended", False) for r in records)
        unresolved = sum("time" in r and not r["time"].get("ended") for r in records) - \
            sum(not r["time"].get("ended") for r in timed)
        print(f"{name:8} {len(records):>10} {len(days):>10} {len(timed):>10} {len(timed) / max(len(records), 1):>6.1%} "
              f"{relative:>8} {former:>6} {unresolved:>10}")
        dated += [(name, days.get(r["doc"], "none"), r) for r in records if "time" in r]
    for name, day, r in random.Random(14).sample(dated, min(sample, len(dated))):
        print(f"\n[{name}] {r['doc']} (document date {day}): {r['subject']['label']} {r['relation']} "
              f"{r['object']['label']} ({r['modality']})\n  time {json.dumps(r['time'])}\n  {r['evidence']['text']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--relations", type=Path, default=ROOT.parent / "shared" / "spec" / "relations.tsv")
    parser.add_argument("--sample", type=int, default=0, help="print this many random statements with a time")
    args = parser.parse_args()
    needed = [args.eval / "score.py", args.eval / "seeds.gold.jsonl", args.eval / "plover.dev.jsonl", args.relations]
    if missing := [path for path in needed if not path.is_file()]:
        print(f"quality.py: {missing[0]} not found: give the evaluation folder with --eval DIR (and --relations "
              "FILE); it is not part of kg", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pred = kg_build(ROOT / "seeds", tmp / "seeds")
        subprocess.run([sys.executable, str(args.eval / "score.py"), "--gold", str(args.eval / "seeds.gold.jsonl"),
                        "--pred", str(pred), "--relations", str(args.relations)], check=True)
        result = score(args.eval, args.relations, pred)
        print(f"\n{'relation':26} {'gold':>4} {'hit':>4} {'fp':>4}")
        for name, row in sorted(result["per_relation"].items()):
            print(f"{name:26} {row['gold']:>4} {row['hit']:>4} {row['fp']:>4}")
        confident, lines = keep_confident(pred, tmp / "confident.jsonl")
        high = score(args.eval, args.relations, confident)
        print(f"\nprecision overall {result['precision']:.3f} ({len(pred.read_text().splitlines())} triples); "
              f"at confidence >= 0.8 {high['precision']:.3f} ({len(lines)} triples)")

        seeds = pred
        pred = kg_build(texts_only(args.eval / "plover.dev.jsonl", tmp / "events.jsonl"), tmp / "events")
        print()
        for label, triples in (("all triples", pred), ("confidence >= 0.8", keep_confident(pred, tmp / "ev.jsonl")[0])):
            print(label, end=": ", flush=True)
            subprocess.run([sys.executable, str(args.eval / "score_events.py"), str(args.eval / "plover.dev.jsonl"),
                            str(triples), str(args.relations)])
        news = kg_build(args.eval / "news.dev" / "articles", tmp / "news")
        gold = (args.eval / "news.dev" / "gold.jsonl", args.eval / "news.dev" / "entities.tsv")
        result = score(args.eval, args.relations, news, *gold)
        confident, lines = keep_confident(news, tmp / "news-confident.jsonl")
        high = score(args.eval, args.relations, confident, *gold)
        print(f"\nnews.dev precision {result['precision']:.3f} recall {result['recall']:.3f} "
              f"({len(news.read_text().splitlines())} triples); "
              f"at confidence >= 0.8 {high['precision']:.3f} ({len(lines)} triples)")
        stative = kg_build(texts_only(args.eval / "redocred.dev.jsonl", tmp / "stative.jsonl"), tmp / "stative")
        time_report({"seeds": seeds, "news": news, "plover": pred, "stative": stative}, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
