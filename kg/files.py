"""Atomic file writing: a build killed mid-way leaves the previous outputs intact."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ExportError


def atomic_write(path: str | Path, chunks: Iterable[str] | str) -> Path:
    """Write text to a temporary file beside `path`, fsync it, then rename it over `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise ExportError(f"{path}: cannot write ({e.strerror})") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for chunk in [chunks] if isinstance(chunks, str) else chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise ExportError(f"{path}: cannot write ({e.strerror})") from e
        raise
    return path
