"""Statements kept on disk while a build runs, rendered as they come, so that memory does not grow
with the corpus and writing the outputs only streams text.

A `Spill` is a private temporary SQLite database (`Scratch`, deleted when closed). For each document it
takes (`Spill.add`, as the document is extracted) it stores one `documents` row: the document's
graph IRI, its metadata and statements as marshalled plain values (entities by id), and the text
rendered from them: its graph as graph.trig and graph.ttl have it (`kg.rdf.framed`) and its
statements' JSON Lines records. Beside them are the direct edges of the statements (`edges`, each once, the
entities by integer key) and which entities each document names (`uses`). The entities stay in
memory, one per id (`kg.normalize.first_known`); they are few beside the statements.
Rendering is a plain function (`pack`), so a document can be rendered where it was extracted (a
Spark executor) and only stored here (`Spill.store`).

`Spill.finish` merges the people (`kg.normalize.merge_people`) and gives `Spilled`: the
documents naming an entity that was merged, or rendered as another entity of the same id than
other documents were (one with a country, say), are rendered again with the final entities; the
direct edges take their entities from the merge as they are read. Statements come back in input
order, or a document at a time in order of the document's IRI. Reads take a connection of their own,
so that the outputs' writers read the spill side by side (one connection runs one query at a time).
"""

from __future__ import annotations

import json
import marshal
import queue
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from json.encoder import encode_basestring
from pathlib import Path

from kg.normalize import first_known, merge_people
from kg.ontology import Relation, load_ontology
from kg.rdf import (
    describe_entity,
    direct_edges,
    document_blocks,
    document_iri,
    framed,
    graph_body,
    id_iri,
    turtle_term,
    verb,
)
from kg.types import Document, Entity, Evidence, Statement, Time, Value

STORE_CACHE_KIB = 8 * 1024  # the spill's page cache while documents are stored: appended rows need few pages
CACHE_KIB = 128 * 1024  # its page cache from `Spill.finish` on, which also bounds the memory its sorts take
FIELDS = [f.name for f in fields(Statement)]
SUBJECT, OBJECT, EVIDENCE, VALUE, TIME = (FIELDS.index(name) for name in ("subject", "object", "evidence", "value",
                                                                           "time"))
NESTED = {EVIDENCE: Evidence, VALUE: Value, TIME: Time}

READERS = 3  # connections reading the spill at once: for graph.trig/.ttl, triples.jsonl and the default graph
PAGE_BYTES = 65536  # the spill's page size: a document's text on one or two pages, not a chain of small ones
DEFAULT_GRAPH_ROWS = 65536  # the default graph's triples written as one piece of text
# A triple of the default graph (`turtle_terms`): its N-Triples terms, the Turtle terms of its subject and object, and
# its Turtle text after a triple of the same subject (`pair`), made as it is stored.
INSERT_EDGE = "INSERT INTO edges VALUES (?1, ?2, ?3, ?4, ?6, ' ;\n\t' || ?5 || ' ' || ?6)"
# The default graph's triples of a range of rows (sorted) as one piece of Turtle text, each triple beside the one
# before: the layout of `kg.rdf.turtle`.
DEFAULT_GRAPH_TURTLE = """
    SELECT group_concat(piece, '') FROM (
        SELECT CASE WHEN t.s IS NOT b.s THEN iif(b.s IS NULL, '', ' .\n') || t.subject_term || ' ' || substr(t.pair, 5)
                    WHEN t.p IS NOT b.p THEN t.pair ELSE ' , ' || t.object_term END AS piece
        FROM default_graph t LEFT JOIN default_graph b ON b.rowid = t.rowid - 1 WHERE t.rowid BETWEEN ? AND ?
        ORDER BY t.rowid)"""


def turtle_terms(triple: tuple[str, str, str]) -> tuple[str, str, str, str, str, str]:
    """A triple's N-Triples terms and its Turtle terms."""
    s, p, o = triple
    return s, p, o, turtle_term(s), verb(p), turtle_term(o)


def encode(st: Statement) -> tuple:
    """A statement as plain values: its entities' ids, its evidence, value and time as tuples."""
    values = list(vars(st).values())
    values[SUBJECT], values[OBJECT] = st.subject.id, st.object.id
    for index in NESTED:
        if values[index] is not None:
            values[index] = tuple(vars(values[index]).values())
    return tuple(values)


def decode(values: tuple, entities: Mapping[str, Entity]) -> Statement:
    """The statement of `encode`, its entities by id from `entities`."""
    values = list(values)
    values[SUBJECT], values[OBJECT] = entities[values[SUBJECT]], entities[values[OBJECT]]
    for index, kind in NESTED.items():
        if values[index] is not None:
            values[index] = kind(*values[index])
    return Statement(*values)


def entity_json(entity: Entity) -> str:
    return json.dumps(entity.to_record(), ensure_ascii=False)


def record_parts(st: Statement) -> tuple[str, str, str]:
    """A statement's record of spec/triples.md but its subject and object: the text before, between and after them."""
    return (f'{{"doc": {encode_basestring(st.doc)}, "subject": ',
            f', "relation": {encode_basestring(st.relation)}, "object": ',
            f', {json.dumps(st.qualifiers(), ensure_ascii=False)[1:]}\n')


def json_line(st: Statement) -> str:
    """A statement's record of spec/triples.md as one JSON line."""
    head, middle, tail = record_parts(st)
    return f"{head}{entity_json(st.subject)}{middle}{entity_json(st.object)}{tail}"


@dataclass(frozen=True)
class Rendered:
    """The text of a document's graph and records (`render`), with the entities it names and its direct edges."""

    name: str  # the graph's IRI
    body: str  # its Turtle blocks (`kg.rdf.graph_body`)
    kept: int  # the statements not about themselves, each a JSON line of `records`
    records: str
    uses: tuple[str, ...]
    edges: tuple[tuple[str, str, str, str, str, str], ...]  # `turtle_terms` of each


@dataclass(frozen=True)
class Packed:
    """A document as a `Spill` stores it (`pack`): its metadata (text dropped) and statements (`encode`d) marshalled,
    the entities its text was rendered with and that text."""

    document: bytes
    statements: bytes
    entities: tuple[Entity, ...]
    text: Rendered


def render(document: Document, statements: list[Statement], relations: Mapping[str, Relation],
           known: Mapping[str, Entity]) -> Rendered:
    """The graph and records of a document and its statements, each entity as `known` has it by id; a statement
    about itself is left out."""
    kept = [st for st in statements if st.subject.id != st.object.id]
    uses = {e.id for st in kept for e in (st.subject, st.object)}
    json_of = {entity_id: entity_json(known[entity_id]) for entity_id in uses}
    records = "".join([f"{head}{json_of[st.subject.id]}{middle}{json_of[st.object.id]}{tail}"
                       for st in kept for head, middle, tail in (record_parts(st),)])
    edges = tuple(turtle_terms(edge) for st in kept for edge in direct_edges(st, relations))
    return Rendered(document_iri(document.id), graph_body(document_blocks(document, kept, relations)), len(kept),
                    records, tuple(uses), edges)


def pack(document: Document, statements: list[Statement], relations: Mapping[str, Relation],
         known: Mapping[str, Entity] | None = None) -> Packed:
    """A document with its statements rendered (`render`), each entity as `known` has it: by default as first known
    in the document (`kg.normalize.first_known`), which is all an executor knows."""
    named = {e.id for st in statements for e in (st.subject, st.object)}
    if known is None:
        known = first_known(e for st in statements for e in (st.subject, st.object))
    return Packed(marshal.dumps({**vars(document), "text": ""}), marshal.dumps([encode(st) for st in statements]),
                  tuple(known[entity_id] for entity_id in named), render(document, statements, relations, known))


def rerender(document: bytes, statements: bytes, final: Mapping[str, Entity],
             relations: Mapping[str, Relation]) -> Rendered:
    """A packed document's text (`Packed.document`, `Packed.statements`) rendered again, each entity as `final` has
    it by id (merged people, an entity with the country another document gave)."""
    return render(Document(**marshal.loads(document)), [decode(v, final) for v in marshal.loads(statements)],
                  relations, final)


def kept_statements(rows: list, final: Mapping[str, Entity]) -> Iterator[Statement]:
    """The `encode`d statements `rows` with each entity as `final` has it; one whose two ends became one is left out."""
    for values in rows:
        if final[values[SUBJECT]].id != final[values[OBJECT]].id:
            yield decode(values, final)


class EntityTable:
    """A build's entities, one per id (`kg.normalize.first_known`), and the ids that documents were rendered with as
    another entity than documents before them were (one without the country a later document gives): stale."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.rendered: dict[str, Entity] = {}  # each id's entity as documents were rendered with it
        self.stale: set[str] = set()

    def know(self, entities: Iterable[Entity]) -> None:
        """The entities a document was rendered with."""
        entities = tuple(entities)
        first_known(entities, self.entities)
        rendered, stale = self.rendered, self.stale
        for entity in entities:
            before = rendered.get(entity.id)
            if before != entity:
                if before is not None:
                    stale.add(entity.id)
                rendered[entity.id] = entity

    def final(self, merged: Mapping[str, Entity]) -> dict[str, Entity]:
        """Each id's entity once the people are merged (`merged`: the merge of `entities`)."""
        return {key: merged.get(key) or entity for key, entity in self.entities.items()}

    def changed(self, merged: Mapping[str, Entity]) -> set[str]:
        """The ids whose documents must be rendered again with the `final` entities."""
        return {*self.stale, *merged}


class Scratch:
    """A private SQLite database, written by one connection (`db`, with no journal: a scratch database is never rolled
    back) and read side by side by `READERS` more. Its file is removed as soon as they are all open, as SQLite removes
    its own temporary databases (where the system cannot remove an open file: once the database is no longer used),
    so that even a killed build leaves nothing behind."""

    def __init__(self):
        folder = tempfile.mkdtemp(prefix="kg-spill-")
        path = Path(folder) / "spill.sqlite"
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        readers = [sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
                   for _ in range(READERS)]
        self.readers = queue.SimpleQueue()
        for reader in readers:
            self.readers.put(reader)
        weakref.finalize(self, close_and_remove, [self.db, *readers], folder)
        shutil.rmtree(folder, ignore_errors=True)

    def read(self, query: str, parameters: tuple = ()) -> Iterator[tuple]:
        """The rows of `query` on the committed database, through a reader of their own while one is free (else
        through `db`, which runs one query at a time)."""
        try:
            reader = self.readers.get_nowait()
        except queue.Empty:
            yield from self.db.execute(query, parameters)
            return
        try:
            yield from reader.execute(query, parameters)
        finally:
            self.readers.put(reader)


def close_and_remove(connections: list[sqlite3.Connection], folder: str) -> None:
    for db in connections:
        db.close()
    shutil.rmtree(folder, ignore_errors=True)


class Spill:
    """Statements on disk, a document at a time; `finish` when all are in."""

    def __init__(self, relations: Mapping[str, Relation] | None = None):
        self.relations = load_ontology().relations if relations is None else relations
        self.scratch = Scratch()
        self.db = self.scratch.db
        self.db.executescript(f"""
            PRAGMA page_size = {PAGE_BYTES};
            PRAGMA cache_size = -{STORE_CACHE_KIB};
            CREATE TABLE documents (seq INTEGER PRIMARY KEY, document BLOB, statements BLOB);
            CREATE TABLE graphs (seq INTEGER PRIMARY KEY, name TEXT, trig TEXT, turtle TEXT);
            CREATE INDEX graphs_by_name ON graphs (name);
            CREATE TABLE records (seq INTEGER PRIMARY KEY, kept INTEGER, text TEXT);
            CREATE TABLE uses (entity TEXT, doc INTEGER);
            CREATE TABLE edges (subject TEXT, predicate TEXT, object TEXT, subject_term TEXT, object_term TEXT,
                                pair TEXT);""")
        self.table = EntityTable()
        self.entities = self.table.entities

    def add(self, document: Document, statements: list[Statement]) -> None:
        """The document (its text dropped) with its statements, rendered with the entities as the build knows them."""
        first_known((entity for st in statements for entity in (st.subject, st.object)), self.entities)
        self.store(pack(document, statements, self.relations, self.entities))

    def store(self, packed: Packed) -> None:
        """A document packed where it was extracted (`pack`); its entities join the table (`EntityTable.know`)."""
        self.table.know(packed.entities)
        seq = self.db.execute("INSERT INTO documents VALUES (NULL, ?, ?)",
                              (packed.document, packed.statements)).lastrowid
        self.write(seq, packed.text)

    def write(self, seq: int, text: Rendered) -> None:
        """The graph and records of document `seq`, the entities it names and its direct edges."""
        db = self.db
        db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?)", (seq, text.name, *framed(text.name, text.body)))
        db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?)", (seq, text.kept, text.records))
        db.executemany("INSERT INTO uses VALUES (?, ?)", [(entity_id, seq) for entity_id in text.uses])
        db.executemany(INSERT_EDGE, text.edges)

    def finish(self, merged: Mapping[str, Entity] | None = None) -> Spilled:
        """The statements, with the people merged: by `merged` when given (`merge_people` of `entities`)."""
        merged = merge_people(self.entities.values()) if merged is None else merged
        final = self.table.final(merged)
        db = self.db
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.executescript("CREATE TEMPORARY TABLE stale (entity TEXT PRIMARY KEY);"
                         "CREATE TEMPORARY TABLE renamed (old TEXT PRIMARY KEY, new TEXT, term TEXT);")
        db.executemany("INSERT OR IGNORE INTO stale VALUES (?)", [(key,) for key in self.table.changed(merged)])
        db.executemany("INSERT INTO renamed VALUES (?, ?, ?)",
                       [(id_iri(key), id_iri(final[key].id), turtle_term(id_iri(final[key].id))) for key in merged])
        for seq, in db.execute("SELECT DISTINCT doc FROM uses WHERE entity IN (SELECT entity FROM stale)").fetchall():
            data, values = db.execute("SELECT document, statements FROM documents WHERE seq = ?", (seq,)).fetchone()
            db.execute("DELETE FROM uses WHERE doc = ?", (seq,))
            self.write(seq, rerender(data, values, final, self.relations))
        used = [final[key] for key, in db.execute("SELECT DISTINCT entity FROM uses ORDER BY entity")]
        entries = load_ontology().entries
        db.executemany(INSERT_EDGE, [turtle_terms(triple) for entity in used
                                     for triple in describe_entity(entity, entries)])
        db.executescript("""
            CREATE TABLE default_graph AS
                SELECT coalesce(a.new, subject) AS s, predicate AS p, coalesce(b.new, object) AS o,
                       coalesce(a.term, subject_term) AS subject_term,
                       coalesce(b.term, object_term) AS object_term,
                       iif(b.term IS NULL, pair, substr(pair, 1, length(pair) - length(edges.object_term)) || b.term)
                           AS pair
                FROM edges LEFT JOIN renamed a ON a.old = subject LEFT JOIN renamed b ON b.old = object
                WHERE s != o GROUP BY s, p, o ORDER BY s, p, o;
            DROP TABLE edges;""")
        db.commit()
        return Spilled(self.scratch, final, used)


class Spilled(Collection):
    """The statements of a `Spill` with merged entities; a statement whose two ends were merged into one is left out.

    `entities` are the merged entities statements name, sorted by id.
    """

    def __init__(self, scratch: Scratch, final: dict[str, Entity], entities: list[Entity]):
        self.scratch, self.final, self.entities = scratch, final, entities
        (self.count,), = scratch.read("SELECT coalesce(sum(kept), 0) FROM records")

    def kept(self, rows: list) -> Iterator[Statement]:
        return kept_statements(rows, self.final)

    def __len__(self) -> int:
        return self.count

    def __contains__(self, st: object) -> bool:
        return any(st == known for known in self)

    def __iter__(self) -> Iterator[Statement]:
        for (values,) in self.scratch.read("SELECT statements FROM documents ORDER BY seq"):
            yield from self.kept(marshal.loads(values))

    def pairs(self) -> Iterator[tuple[str, str]]:
        """The ids of each statement's subject and object."""
        final = self.final
        for (values,) in self.scratch.read("SELECT statements FROM documents ORDER BY seq"):
            for v in marshal.loads(values):
                subject, obj = final[v[SUBJECT]].id, final[v[OBJECT]].id
                if subject != obj:
                    yield subject, obj

    def records(self) -> Iterator[str]:
        """The statements' JSON Lines records (`json_line`) in input order, a document's at a time."""
        for (text,) in self.scratch.read("SELECT text FROM records ORDER BY seq"):
            yield text

    def by_document(self) -> Iterator[tuple[Document, list[Statement]]]:
        """Each document with its statements, in order of the document's IRI."""
        query = "SELECT document, statements FROM graphs JOIN documents USING (seq) ORDER BY name"
        for data, values in self.scratch.read(query):
            yield Document(**marshal.loads(data)), list(self.kept(marshal.loads(values)))

    def named_turtle(self) -> Iterator[tuple[str, str]]:
        """Each document's graph as graph.trig and graph.ttl have it, in order of the document's IRI."""
        return self.scratch.read("SELECT trig, turtle FROM graphs ORDER BY name")

    def default_turtle(self) -> Iterator[str]:
        """The default graph's Turtle text (entities' descriptions and direct edges, as `kg.rdf.default_graph` gives
        them), a piece per `DEFAULT_GRAPH_ROWS` triples."""
        (rows,), = self.scratch.read("SELECT coalesce(max(rowid), 0) FROM default_graph")
        for first in range(1, rows + 1, DEFAULT_GRAPH_ROWS):
            (text,), = self.scratch.read(DEFAULT_GRAPH_TURTLE, (first, first + DEFAULT_GRAPH_ROWS - 1))
            yield text + " .\n" if first + DEFAULT_GRAPH_ROWS > rows else text
