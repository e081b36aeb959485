"""Read articles from files and folders: `.txt`, `.md`, `.html`/`.htm` and `.jsonl`.

`read_documents` yields a `Document` per usable article and a `Skipped` per input it
could not use (or could use only after repairing it), so one bad file never stops a build.

Inputs are bounded: an article file over MAX_FILE_BYTES, a JSON Lines line over MAX_LINE_BYTES
and a metadata field over MAX_FIELD_CHARS are skipped (JSON Lines files are read a line at a
time, so only the line is skipped). A document's id is its path relative to the folder given
(its name for a file given directly) or its JSON Lines `id`; an id already used in the build
is reported, never merged: a file's is then qualified by its path, a JSON Lines record skipped.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import count
from pathlib import Path
from typing import BinaryIO

from kg.clean import clean_text, document_date, looks_like_html, normalize_space, scrub
from kg.types import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff")
MAX_FILE_BYTES = 32 * 2**20
MAX_LINE_BYTES = 32 * 2**20
MAX_FIELD_CHARS = 4096
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig"))
WIDE_BOMS = tuple(bom for bom, name in BOMS if name != "utf-8-sig")


def cannot_read(error: OSError) -> str:
    return f"cannot read ({error.strerror or error})"


def size_text(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


def too_large(what: str, size: int, limit: int) -> str:
    return f"{what} of {size_text(size)} exceeds the limit of {size_text(limit)}"


def first_time(info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    key = (info.st_dev, info.st_ino)
    new = key not in seen
    seen.add(key)
    return new


def find_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[tuple[Path, str] | Skipped]:
    """(input file, its name relative to the folder given) under `paths`, in sorted order; each file and folder
    once, whatever symlinks lead to it, and nothing from the folders in `exclude` (a build's own outputs)."""
    seen: set[tuple[int, int]] = set()
    for folder in exclude:
        with suppress(OSError):
            first_time(os.stat(folder), seen)
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
            yield path, path.name


def count_articles(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> int:
    """How many articles `paths` hold at most, without reading them: one per file, one per
    non-blank line of a JSON Lines file (lines only counted, not parsed)."""
    total = 0
    for found in find_files(paths, exclude):
        if isinstance(found, Skipped):
            continue
        path, _ = found
        if path.suffix.lower() != ".jsonl":
            total += 1
            continue
        with suppress(OSError):
            f = open_regular(path)
            if f is not None:
                with f:
                    total += sum(1 for line in f if line.strip())
    return total


def walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[tuple[Path, str] | Skipped]:
    """The input files in `folder`, following symlinks; unreadable folders are reported."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=errors.append):
        if not first_time(os.stat(root), seen):
            dirs[:] = []
            continue
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix.lower() in SUFFIXES:
                path = Path(root) / name
                try:
                    if first_time(os.stat(path), seen):
                        yield path, path.relative_to(folder).as_posix()
                except OSError as e:
                    yield Skipped(str(path), cannot_read(e))
    yield from (Skipped(e.filename or str(folder), cannot_read(e)) for e in errors)


def open_regular(path: Path) -> BinaryIO | None:
    """A regular file opened for reading, or None for anything else (a FIFO is not waited on)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return open(fd, "rb")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of `data` (UTF-8, or UTF-16/32 with a byte-order mark) and a warning when it had to be repaired."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as e:
        name = encoding.upper().removesuffix("-SIG")
        return data.decode(encoding, errors="replace"), f"invalid {name} at byte {e.start}, replaced with U+FFFD"


def unusable(head: bytes) -> str | None:
    """Why a file starting with `head` is not text, if it is not."""
    if head.startswith(BINARY_MAGIC):
        return "binary file"
    if "\x00" in decode(head[:4096])[0]:
        return "binary file (NUL bytes)"
    return None


def read_file(path: Path, name: str, used: dict[str, str]) -> Iterator[Document | Skipped]:
    """The documents in one file; `name` is its path relative to the folder it was found in, `used` the
    document ids taken so far (and where)."""
    try:
        f = open_regular(path)
    except OSError as e:
        yield Skipped(str(path), cannot_read(e))
        return
    if f is None:
        yield Skipped(str(path), "not a regular file")
        return
    with f:
        size, head = os.fstat(f.fileno()).st_size, f.read(4096)
        f.seek(0)
        if path.suffix.lower() == ".jsonl" and not head.startswith(WIDE_BOMS):
            problem = unusable(head)
            yield from [Skipped(str(path), problem)] if problem else read_records(jsonl_lines(f, str(path)),
                                                                                 str(path), name, used)
            return
        if size > MAX_FILE_BYTES:
            yield Skipped(str(path), too_large("file", size, MAX_FILE_BYTES))
            return
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield Skipped(str(path), too_large("file", len(data), MAX_FILE_BYTES))
        return
    problem = "empty file" if not data.strip() else unusable(data[:4096])
    if problem:
        yield Skipped(str(path), problem)
        return
    text, warning = decode(data)
    if warning:
        yield Skipped(str(path), warning + " (document kept)", repaired=True)
    if path.suffix.lower() == ".jsonl":
        yield from read_records(enumerate(text.split("\n"), 1), str(path), name, used)
        return
    is_html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    cleaned = clean_text(text, is_html=is_html)
    if not cleaned:
        yield Skipped(str(path), "no text after cleaning")
        return
    doc_id = scrub(name) if scrub(name) not in used else scrub(str(path))
    if doc_id in used:
        yield Skipped(str(path), f"document id {doc_id!r} is already used by {used[doc_id]}")
        return
    used[doc_id] = str(path)
    yield Document(id=doc_id, text=cleaned, source=str(path), **document_date(text, cleaned, is_html))


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


def jsonl_lines(f: BinaryIO, source: str) -> Iterator[tuple[int, str] | Skipped]:
    """The numbered lines of a UTF-8 JSON Lines file, read one at a time; a line over MAX_LINE_BYTES is
    skipped without being held, invalid UTF-8 is replaced and reported."""
    for n in count(1):
        line = f.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while rest := f.readline(2**20):
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
            yield Skipped(source, too_large("line", size, MAX_LINE_BYTES), n)
            continue
        line = line.removeprefix(BOMS[-1][0]) if n == 1 else line
        try:
            yield n, line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Skipped(source, f"invalid UTF-8 at byte {e.start} of the line, replaced with U+FFFD (record kept)", n,
                          repaired=True)
            yield n, line.decode("utf-8", errors="replace")


def read_records(lines: Iterable[tuple[int, str] | Skipped], source: str, name: str,
                 used: dict[str, str]) -> Iterator[Document | Skipped]:
    """One article per line: `id`, `text`, optional `title`, `date`, `url` (all strings; `id` may be a number).

    A record without an id is `NAME:LINE`; a record whose id is already used is skipped."""
    empty = True
    for item in lines:
        if isinstance(item, Skipped):
            empty = False
            yield item
            continue
        n, line = item
        if not line.strip():
            continue
        empty = False
        record, problem = parse_json(line)
        if problem or not isinstance(record, dict):
            yield Skipped(source, problem or "not a JSON object", n)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(source, "missing or non-string 'text'", n)
            continue
        doc_id = record.get("id")
        meta = {k: record.get(k) for k in ("title", "date", "url")}
        bad = [k for k, v in meta.items() if v is not None and not isinstance(v, str)]
        if bad:
            yield Skipped(source, f"'{bad[0]}' is not a string", n)
            continue
        long = [k for k, v in {"id": doc_id, **meta}.items() if isinstance(v, str) and len(v) > MAX_FIELD_CHARS]
        if long:
            yield Skipped(source, f"'{long[0]}' of {len(record[long[0]])} characters exceeds the limit of "
                                  f"{MAX_FIELD_CHARS}", n)
            continue
        doc_id = (normalize_space(str(doc_id)) if type(doc_id) in (str, int) else "") or f"{name}:{n}"
        if doc_id in used:
            yield Skipped(source, f"id {doc_id!r} repeats the document of {used[doc_id]}", n)
            continue
        cleaned = clean_text(body)
        if cleaned:
            used[doc_id] = f"{source}:{n}"
            meta = {k: normalize_space(v) if v else None for k, v in meta.items()}
            found = {"date_source": "json"} if meta["date"] else document_date(body, cleaned, looks_like_html(body))
            yield Document(id=doc_id, text=cleaned, source=source, **{**meta, **found})
        else:
            yield Skipped(source, "no text after cleaning", n)
    if empty:
        yield Skipped(source, "empty file")


def read_documents(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Document | Skipped]:
    """Every document under `paths` (none from the folders in `exclude`), interleaved with what was skipped and why."""
    used: dict[str, str] = {}
    for item in find_files(paths, exclude):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(*item, used)
