"""The extraction cache: statements of a document, keyed by a hash of its cleaned text and date.

A key also covers everything else extraction depends on (`fingerprint`): the spaCy
pipeline's name and version, the ontology data files and the source of the extraction worker
and of every kg module it imports (`extraction_sources`), so editing a lexicon, a reader or
upgrading the model makes every old entry miss, and editing the page or the RDF writer does not.
Entries live in one SQLite file, beside the last fingerprint taken (`Cache.stamp`: remembered by the
names, sizes and modification times of the files it reads, so a rebuild does not read them again); an
entry that cannot be read back (damaged) is a miss, counted in `Cache.damaged`, and rewritten.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import json
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.ontology import ontology_dir
from kg.types import Document, Entity, Evidence, Statement, Time, Value

if TYPE_CHECKING:
    from kg.engines import Engine, Extracted

FILE = "cache.sqlite"
NESTED_FIELDS = ("subject", "object", "evidence", "value", "time")  # a statement's fields that are dataclasses


EXTRACTION_ROOTS = ("kg.worker",)  # where extraction starts: the worker, which imports `kg.extract`


def hash_files(digest, root: Path, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


def module_path(name: str) -> Path | None:
    """The source file of the kg module `name` (`kg.extract` is its `__init__.py`), or None."""
    base = Path(__file__).resolve().parent.joinpath(*name.split(".")[1:])
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


def extraction_sources(roots: Iterable[str] = EXTRACTION_ROOTS) -> set[Path]:
    """The source files of `roots` and of every kg module they import, read from their import statements."""
    todo, found = list(roots), set()
    while todo:
        path = module_path(todo.pop())
        if path is None or path in found:
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                todo += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                todo += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        todo = [name for name in todo if name.startswith("kg.")]
    return found


def package_version(name: str) -> str | None:
    """The installed version of a package, read from its metadata (a warm build never imports spaCy)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def model_digest(model: str):
    """A sha256 begun with the model's name and version and spaCy's version."""
    return hashlib.sha256(f"{model}\0{package_version(model)}\0{package_version('spacy')}\0".encode())


def fingerprint(model: str) -> str:
    """A hash of what extraction depends on besides the text: model, ontology data, the extraction code."""
    digest = model_digest(model)
    ontology = ontology_dir()
    hash_files(digest, ontology, (p for p in ontology.rglob("*") if p.is_file()))
    this = Path(__file__).resolve()  # the statements' codec
    hash_files(digest, this.parent, extraction_sources() | {this})
    return digest.hexdigest()


def file_stamps(model: str) -> str:
    """A hash of the model's name and versions and of the name, size and modification time of every file
    `fingerprint` may read (the ontology's and kg's sources): the same while none of them changes."""
    digest = model_digest(model)
    for root, pattern in ((ontology_dir(), "*"), (Path(__file__).resolve().parent, "*.py")):
        for path in sorted(root.rglob(pattern)):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def cache_key(fingerprint: str, text: str, date: str | None = None) -> str:
    """The key of a document's statements: its text and date (times are read against it)."""
    return hashlib.sha256(f"{fingerprint}\0{date or ''}\0{text}".encode()).hexdigest()


def to_json(statements: list[Statement]) -> str:
    """The statements without their document id, which the cached text does not determine."""
    records = []
    for st in statements:
        record = dict(vars(st))  # the fields as `dataclasses.asdict` gives them, without its deep copies
        del record["doc"]
        for name in NESTED_FIELDS:
            if record[name] is not None:
                record[name] = vars(record[name])
        records.append(record)
    return json.dumps(records, ensure_ascii=False)


def from_json(data: str, doc: str) -> list[Statement]:
    statements = []
    for r in json.loads(data):
        subject = Entity(**{**r["subject"], "aliases": tuple(r["subject"]["aliases"])})
        obj = Entity(**{**r["object"], "aliases": tuple(r["object"]["aliases"])})
        value = Value(**r["value"]) if r["value"] else None
        time = Time(**r["time"]) if r.get("time") else None
        statements.append(Statement(**{**r, "doc": doc, "subject": subject, "object": obj, "value": value,
                                       "evidence": Evidence(**r["evidence"]), "time": time}))
    return statements


class Cache:
    """Statements by cache key, in `folder/cache.sqlite`; `put`s are saved by `commit`."""

    def __init__(self, folder: str | Path):
        self.path = Path(folder) / FILE
        self.damaged = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise KGError(f"{self.path.parent}: cannot create the cache folder ({e.strerror or e})") from e
        self.db = self.guard(sqlite3.connect, self.path)
        self.guard(self.db.executescript, """
            CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, statements TEXT);
            CREATE TABLE IF NOT EXISTS stamps (files TEXT PRIMARY KEY, fingerprint TEXT);""")

    def guard(self, call, *args):
        """`call(*args)`, with an SQLite error (a locked, damaged or foreign file) as a one-line KGError."""
        try:
            return call(*args)
        except sqlite3.Error as e:
            raise KGError(f"{self.path}: cannot use as a cache ({e}); remove it or give another --cache") from e

    def stamp(self, model: str) -> str:
        """`fingerprint(model)`, taken again only when a file it reads has changed (`file_stamps`)."""
        files = file_stamps(model)
        row = self.guard(self.db.execute, "SELECT fingerprint FROM stamps WHERE files = ?", (files,)).fetchone()
        if row:
            return row[0]
        found = fingerprint(model)
        self.guard(self.db.execute, "DELETE FROM stamps")
        self.guard(self.db.execute, "INSERT INTO stamps VALUES (?, ?)", (files, found))
        return found

    def get(self, key: str, doc: str) -> list[Statement] | None:
        row = self.guard(self.db.execute, "SELECT statements FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return from_json(row[0], doc)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.damaged += 1
            return None

    def put(self, key: str, statements: list[Statement]) -> None:
        self.put_json(key, to_json(statements))

    def put_json(self, key: str, text: str) -> None:
        """`put` of statements already made `to_json` (where they were extracted)."""
        self.guard(self.db.execute, "INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, text))

    def commit(self) -> None:
        self.guard(self.db.commit)

    def close(self) -> None:
        self.db.close()


class CachedEngine:
    """An engine (`kg.engines.Engine`) that extracts only the documents `cache` does not hold.

    The statements it extracts are put in the cache and committed a wave at a time.
    """

    def __init__(self, engine: Engine, cache: Cache, stamp: str):
        self.engine, self.cache, self.stamp = engine, cache, stamp

    def extract(self, waves: Iterable[list[Document]]) -> Iterator[list[Extracted]]:
        looked_up: deque[list[tuple[Document, str, list[Statement] | None]]] = deque()

        def misses() -> Iterator[list[Document]]:
            for wave in waves:
                keys = [cache_key(self.stamp, d.text, d.date) for d in wave]
                looked_up.append([(d, k, self.cache.get(k, d.id)) for d, k in zip(wave, keys, strict=True)])
                yield [d for d, _, hit in looked_up[-1] if hit is None]

        for fresh in self.engine.extract(misses()):
            found = iter(fresh)
            wave = []
            for document, key, hit in looked_up.popleft():
                if hit is None:
                    _, hit = next(found)
                    self.cache.put(key, hit)
                wave.append((document, hit))
            self.cache.commit()
            yield wave

    def close(self) -> None:
        self.engine.close()
