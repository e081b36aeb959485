"""Read articles from files and folders: `.txt`, `.md`, `.html`/`.htm` and `.jsonl`.

`read_documents` yields a `Document` per usable article and a `Skipped` per input it
could not use (or could use only after repairing it), so one bad file never stops a build.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.clean import clean_text, normalize_space, scrub
from kg.types import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff")
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig"))


def cannot_read(error: OSError) -> str:
    return f"cannot read ({error.strerror or error})"


def first_time(info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    key = (info.st_dev, info.st_ino)
    new = key not in seen
    seen.add(key)
    return new


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Input files under `paths`, in sorted order; each file and folder once, whatever symlinks lead to it."""
    seen: set[tuple[int, int]] = set()
    for path in map(Path, paths):
        try:
            info = path.stat()
        except OSError as e:
            yield Skipped(str(path), "no such file or folder" if isinstance(e, FileNotFoundError) else cannot_read(e))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walk(path, seen)
        elif path.suffix.lower() not in SUFFIXES:
            yield Skipped(str(path), "unsupported file type")
        elif first_time(info, seen):
            yield path


def walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Skipped]:
    """The input files in `folder`, following symlinks; unreadable folders are reported."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=errors.append):
        if not first_time(os.stat(root), seen):
            dirs[:] = []
            continue
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix.lower() in SUFFIXES:
                try:
                    if first_time(os.stat(Path(root) / name), seen):
                        yield Path(root) / name
                except OSError as e:
                    yield Skipped(str(Path(root) / name), cannot_read(e))
    yield from (Skipped(e.filename or str(folder), cannot_read(e)) for e in errors)


def read_bytes(path: Path) -> bytes | None:
    """The content of a regular file, or None for anything else (a FIFO is not waited on)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as f:
        return f.read() if stat.S_ISREG(os.fstat(fd).st_mode) else None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of `data` (UTF-8, or UTF-16/32 with a byte-order mark) and a warning when it had to be repaired."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as e:
        name = encoding.upper().removesuffix("-SIG")
        return data.decode(encoding, errors="replace"), f"invalid {name} at byte {e.start}, replaced with U+FFFD"


def read_file(path: Path) -> Iterator[Document | Skipped]:
    """The documents in one file."""
    try:
        data = read_bytes(path)
    except OSError as e:
        yield Skipped(str(path), cannot_read(e))
        return
    if data is None:
        yield Skipped(str(path), "not a regular file")
        return
    if not data.strip():
        yield Skipped(str(path), "empty file")
        return
    if data.startswith(BINARY_MAGIC):
        yield Skipped(str(path), "binary file")
        return
    text, warning = decode(data)
    if "\x00" in text[:4096]:
        yield Skipped(str(path), "binary file (NUL bytes)")
        return
    if warning:
        yield Skipped(str(path), warning + " (document kept)")
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(text, str(path))
        return
    cleaned = clean_text(text, is_html=path.suffix.lower() in HTML_SUFFIXES or None)
    if not cleaned:
        yield Skipped(str(path), "no text after cleaning")
        return
    yield Document(id=scrub(path.name), text=cleaned, source=str(path))


def parse_json(line: str) -> tuple[object, str | None]:
    """The value of one JSON text, or why it is not one."""
    try:
        return json.loads(line), None
    except json.JSONDecodeError as e:
        return None, f"not JSON ({e.msg} at column {e.colno})"
    except ValueError as e:
        return None, f"not JSON ({str(e).splitlines()[0]})"
    except RecursionError:
        return None, "not JSON (nested too deeply)"


def read_jsonl(text: str, source: str) -> Iterator[Document | Skipped]:
    """One article per line: `id`, `text`, optional `title`, `date`, `url` (all strings; `id` may be a number)."""
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        record, problem = parse_json(line)
        if problem or not isinstance(record, dict):
            yield Skipped(source, problem or "not a JSON object", n)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(source, "missing or non-string 'text'", n)
            continue
        meta = {k: record.get(k) for k in ("title", "date", "url")}
        bad = [k for k, v in meta.items() if v is not None and not isinstance(v, str)]
        if bad:
            yield Skipped(source, f"'{bad[0]}' is not a string", n)
            continue
        doc_id = record.get("id")
        doc_id = normalize_space(str(doc_id)) if type(doc_id) in (str, int) else ""
        cleaned = clean_text(body)
        if cleaned:
            yield Document(id=doc_id or f"{Path(source).name}:{n}", text=cleaned, source=source,
                           **{k: normalize_space(v) if v else None for k, v in meta.items()})
        else:
            yield Skipped(source, "no text after cleaning", n)


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Every document under `paths`, interleaved with what was skipped and why."""
    for item in find_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item)
