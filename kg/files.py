"""Atomic file writing: a build killed mid-way leaves the previous outputs intact.

Each output goes to a hidden temporary file beside it (`.NAME.XXXX.tmp`), is flushed and
fsynced, and only then renamed over its path; `atomic_write_all` renames a whole set of
outputs only once every one of them is written. Only regular files are replaced: a destination
that is a device, FIFO, socket or folder (or a symlink to one) is refused before anything is written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from kg.errors import ExportError

Text = Iterable[str] | str
BUFFER_BYTES = 2**20  # an output's write buffer: large outputs go out in few large writes


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def open_temporary(path: Path) -> tuple[Path, TextIO]:
    """A new temporary file beside `path`, open for writing text, with the permissions of a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~umask())
        return Path(tmp), os.fdopen(fd, "w", BUFFER_BYTES, encoding="utf-8", newline="\n")
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise


def sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable, where the platform can fsync a folder."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_destination(path: Path) -> None:
    """Refuse a destination that is not a regular file (nor missing): kg never replaces a device or FIFO."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as e:
        raise ExportError(f"{path}: cannot write ({e.strerror or e})") from e
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{path}: cannot write (a folder)")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(f"{path}: not a regular file; kg only replaces regular files")


@contextmanager
def atomic_files(paths: Iterable[str | Path]) -> Iterator[list[TextIO]]:
    """Temporary files for `paths`, open for writing; renamed over the paths together when the block ends.

    Each is flushed and fsynced first. An error (or a kill) before the renames leaves every
    previous file as it was.
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        check_destination(path)
    staged: list[tuple[Path, TextIO, Path]] = []
    path = Path()
    try:
        for path in paths:
            staged.append((*open_temporary(path), path))
        path = Path(os.path.commonpath([p for _, _, p in staged])) if staged else path  # which file failed is unknown
        yield [f for _, f, _ in staged]
        for _, f, _ in staged:
            f.flush()
            os.fsync(f.fileno())
            f.close()
        for tmp, _, path in staged:
            os.replace(tmp, path)
    except OSError as e:
        raise ExportError(f"{path}: cannot write ({e.strerror or e})") from e
    finally:
        for tmp, f, _ in staged:
            f.close()
            tmp.unlink(missing_ok=True)
    for folder in {path.parent for _, _, path in staged}:
        sync_folder(folder)


def atomic_write_all(outputs: Iterable[tuple[str | Path, Text]]) -> list[Path]:
    """Write every (path, text) to a temporary file, then rename them all over their paths."""
    outputs = [(Path(p), [c] if isinstance(c, str) else c) for p, c in outputs]
    with atomic_files(p for p, _ in outputs) as files:
        for f, (_, chunks) in zip(files, outputs, strict=True):
            f.writelines(chunks)
    return [p for p, _ in outputs]


def atomic_write(path: str | Path, chunks: Text) -> Path:
    """Write text to a temporary file beside `path`, fsync it, then rename it over `path`."""
    return atomic_write_all([(path, chunks)])[0]
