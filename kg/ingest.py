"""Read articles from files and folders: `.txt`, `.md`, `.html`/`.htm` and `.jsonl`.

`read_documents` yields a `Document` per usable article and a `Skipped` per input it
could not use, so one bad file never stops a build.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.clean import clean_text
from kg.types import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff")


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Input files under `paths`, in sorted order, following no symlinked folder twice."""
    for path in map(Path, paths):
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                stat = os.stat(root)
                if (stat.st_dev, stat.st_ino) in seen:
                    dirs[:] = []
                    continue
                seen.add((stat.st_dev, stat.st_ino))
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield Path(root) / name
        elif path.exists():
            yield path if path.suffix.lower() in SUFFIXES else Skipped(str(path), "unsupported file type")
        else:
            yield Skipped(str(path), "no such file or folder")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of `data` and a warning when it had to be repaired."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return data.decode("utf-8", errors="replace"), f"invalid UTF-8 at byte {e.start}, replaced"


def problem_with(data: bytes) -> str | None:
    """Why `data` is not an article, or None."""
    if not data.strip():
        return "empty file"
    if data.startswith(BINARY_MAGIC):
        return "binary file"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary file (NUL bytes)"
    return None


def read_file(path: Path) -> Iterator[Document | Skipped]:
    """The documents in one file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Skipped(str(path), f"cannot read ({e.strerror or e})")
        return
    problem = problem_with(data)
    if problem:
        yield Skipped(str(path), problem)
        return
    text, warning = decode(data)
    if warning:
        yield Skipped(str(path), warning + " (document kept)")
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(text, str(path))
        return
    cleaned = clean_text(text, is_html=path.suffix.lower() in HTML_SUFFIXES or None)
    if not cleaned:
        yield Skipped(str(path), "no text after cleaning")
        return
    yield Document(id=path.name, text=cleaned, source=str(path))


def read_jsonl(text: str, source: str) -> Iterator[Document | Skipped]:
    """One article per line: `id`, `text`, optional `title`, `date`, `url`."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(source, f"not JSON ({e.msg})", n)
            continue
        if not isinstance(record, dict):
            yield Skipped(source, "not a JSON object", n)
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
        doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and str(doc_id) else f"{Path(source).name}:{n}"
        cleaned = clean_text(body)
        if cleaned:
            yield Document(id=doc_id, text=cleaned, source=source, **meta)
        else:
            yield Skipped(source, "no text after cleaning", n)


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Every document under `paths`, interleaved with what was skipped and why."""
    for item in find_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item)
