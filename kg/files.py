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
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from kg.errors import ExportError

Text = Iterable[str] | str


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_temporary(path: Path, chunks: Text) -> Path:
    """`chunks` written and fsynced to a new temporary file beside `path`, with the permissions of a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for chunk in [chunks] if isinstance(chunks, str) else chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


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


def atomic_write_all(outputs: Iterable[tuple[str | Path, Text]]) -> list[Path]:
    """Write every (path, text) to a temporary file, then rename them all over their paths.

    An error (or a kill) before the renames leaves every previous file as it was.
    """
    outputs = [(Path(p), c) for p, c in outputs]
    for path, _ in outputs:
        check_destination(path)
    staged: list[tuple[Path, Path]] = []
    path = Path()
    try:
        for path, chunks in outputs:
            staged.append((write_temporary(path, chunks), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as e:
        raise ExportError(f"{path}: cannot write ({e.strerror or e})") from e
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    for folder in {path.parent for _, path in staged}:
        sync_folder(folder)
    return [path for _, path in staged]


def atomic_write(path: str | Path, chunks: Text) -> Path:
    """Write text to a temporary file beside `path`, fsync it, then rename it over `path`."""
    return atomic_write_all([(path, chunks)])[0]
