"""Extraction quality on the seeds' gold and on PLOVER-style event sentences.

Usage: python bench/quality.py [--eval ../shared/eval] [--relations ../shared/spec/relations.tsv]

Builds the seeds with `kg build`, prints the scorer's lines, a per-relation table, and the
precision of the triples at confidence >= 0.8; then builds the event sentences (text only)
and prints the event scorer's line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kg_build(inputs: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "kg", "build", str(inputs), "-o", str(out)], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return out / "triples.jsonl"


def score(eval_dir: Path, relations: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), "--gold", str(eval_dir / "seeds.gold.jsonl"),
                          "--pred", str(pred), "--relations", str(relations), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def keep_confident(pred: Path, out: Path, threshold: float = 0.8) -> tuple[Path, list[str]]:
    """The triples of `pred` at or above `threshold` confidence, written to `out`."""
    lines = [line for line in pred.read_text().splitlines() if json.loads(line)["confidence"] >= threshold]
    out.write_text("".join(line + "\n" for line in lines))
    return out, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--relations", type=Path, default=ROOT.parent / "shared" / "spec" / "relations.tsv")
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

        events = tmp / "events.jsonl"
        with open(args.eval / "plover.dev.jsonl", encoding="utf-8") as f, open(events, "w", encoding="utf-8") as out:
            for record in map(json.loads, f):
                out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
        pred = kg_build(events, tmp / "events")
        print()
        for label, triples in (("all triples", pred), ("confidence >= 0.8", keep_confident(pred, tmp / "ev.jsonl")[0])):
            print(label, end=": ", flush=True)
            subprocess.run([sys.executable, str(args.eval / "score_events.py"), str(args.eval / "plover.dev.jsonl"),
                            str(triples), str(args.relations)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
