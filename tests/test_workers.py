"""A worker process that dies ends a `--jobs` build with one error line, within seconds, instead of a hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_helpers import GOOD

from kg.pipeline import OUTPUTS


def workers(pid: int) -> list[int]:
    """The extraction workers among a process's children (not multiprocessing's resource tracker)."""
    found = []
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            found.append(int(child))
    return found


def test_a_killed_worker_ends_the_build_with_one_error_line(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(40):
        (tmp_path / "in" / f"{n:02d}.txt").write_text(f"{GOOD} Article {n}.")
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                              "--jobs", "2", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            found = workers(build.pid)
            if found or build.poll() is not None:
                break
            time.sleep(0.1)
        assert found, "no worker started"
        os.kill(found[0], signal.SIGKILL)  # as the OOM killer would
        stdout, stderr = build.communicate(timeout=120)
    finally:
        build.kill()
    assert (build.returncode, stdout) == (1, "")
    assert stderr == ("kg: error: a worker process ended abruptly (killed, or out of memory); the build stopped "
                      "and the previous outputs are left as they were\n")
    assert not any((tmp_path / "out" / name).exists() for name in OUTPUTS)
