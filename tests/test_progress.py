"""Progress on a terminal: the model loading shown, a total counted up front, counts that move."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from kg.ingest import count_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_articles_are_counted_up_front_without_reading_them(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    lines = [json.dumps({"id": str(i), "text": "x"}) for i in range(3)]
    (tmp_path / "b.jsonl").write_text("\n".join([lines[0], "", lines[1], "  ", lines[2]]), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.jsonl")  # never waited on
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "c.txt").write_text("Excluded.", encoding="utf-8")
    assert count_articles([tmp_path], exclude=[tmp_path / "out"]) == 4
    assert count_articles([tmp_path / "b.jsonl", tmp_path / "missing.txt"]) == 3


def test_a_terminal_sees_the_model_load_and_counts_move_within_a_wave(tmp_path):
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    done = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(tmp_path / "out")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert done.wait(timeout=600) == 0
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))
    assert "loading the language model" in text
    counts = {int(n) for n in re.findall(r"(\d+)/5 articles", text)}
    assert 0 in counts and counts & {1, 2, 3, 4}  # five articles are one wave: counted as each is parsed
