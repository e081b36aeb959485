"""What a newcomer runs first: the README's quick start and the benchmark scripts outside the project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1).splitlines()


def test_the_quick_start_test_command_sets_up_what_the_tests_need():
    build, tests = quick_start()
    assert build.endswith(".venv/bin/kg build seeds -o out")
    assert tests == "bash .ci/run"
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "need_apt+=(chromium)" in script and "need_apt+=(default-jre-headless)" in script
    assert script.rstrip().endswith('.venv/bin/pip install -q ".[test]" && .venv/bin/python -m pytest "$@"')
    done = subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    words = " ".join(README.split())
    assert "open `out/graph.html`" in words and "activate the environment (`. .venv/bin/activate`)" in words


def test_the_quality_bench_without_the_evaluation_folder_says_so_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--eval", str(tmp_path / "eval")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"quality.py: {tmp_path / 'eval' / 'score.py'} not found")
