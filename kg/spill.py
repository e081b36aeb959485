"""Statements kept on disk while a build runs, so that its memory does not grow with the corpus.

A `Spill` is a private temporary SQLite database (deleted when closed) that takes each document's
statements as they are extracted: one row per document, marshalled plain values with the entities
by id, and the JSON of each record's qualifiers. The entities stay in memory, one per id (they are
few beside the statements). `Spill.finish` merges them (`kg.normalize.merge_people`) and gives
`Spilled`, which reads the statements back rewritten with the merged entities: in input order, or
a document at a time in order of the document's IRI.
"""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import fields
from json.encoder import encode_basestring

from kg.normalize import first_known, merge_people
from kg.rdf import document_iri
from kg.types import Document, Entity, Evidence, Statement, Time, Value

FIELDS = [f.name for f in fields(Statement)]
DOC, SUBJECT, RELATION, OBJECT, EVIDENCE, VALUE, TIME = (
    FIELDS.index(name) for name in ("doc", "subject", "relation", "object", "evidence", "value", "time"))
NESTED = {EVIDENCE: Evidence, VALUE: Value, TIME: Time}


def encode(st: Statement) -> tuple:
    """A statement as plain values: its entities' ids, its evidence, value and time as tuples."""
    values = list(vars(st).values())
    values[SUBJECT], values[OBJECT] = st.subject.id, st.object.id
    for index in NESTED:
        if values[index] is not None:
            values[index] = tuple(vars(values[index]).values())
    return tuple(values)


def decode(values: tuple, entity: Callable[[str], Entity]) -> Statement:
    """The statement of `encode`, its entities by id from `entity`."""
    values = list(values)
    values[SUBJECT], values[OBJECT] = entity(values[SUBJECT]), entity(values[OBJECT])
    for index, kind in NESTED.items():
        if values[index] is not None:
            values[index] = kind(*values[index])
    return Statement(*values)


def json_line(doc: str, subject: str, relation: str, obj: str, qualifiers: str) -> str:
    """A record of spec/triples.md from the JSON of its parts (`qualifiers`: of `Statement.qualifiers`)."""
    return f'{{"doc": {doc}, "subject": {subject}, "relation": {relation}, "object": {obj}, {qualifiers[1:]}\n'


def entity_json(entity: Entity) -> str:
    return json.dumps(entity.to_record(), ensure_ascii=False)


def qualifiers_json(st: Statement) -> str:
    return json.dumps(st.qualifiers(), ensure_ascii=False)


class Spill:
    """Statements on disk, a document at a time; `finish` when all are in."""

    def __init__(self):
        self.db = sqlite3.connect("")  # a private temporary database, deleted when closed
        self.db.execute("CREATE TABLE documents (seq INTEGER PRIMARY KEY, graph TEXT, statements BLOB)")
        self.entities: dict[str, Entity] = {}

    def add(self, doc: str, statements: list[Statement]) -> None:
        """The statements of the document `doc`."""
        if statements:
            first_known((entity for st in statements for entity in (st.subject, st.object)), self.entities)
            rows = [(encode(st), qualifiers_json(st)) for st in statements]
            self.db.execute("INSERT INTO documents (graph, statements) VALUES (?, ?)",
                            (document_iri(doc), marshal.dumps(rows)))

    def finish(self, merged: Mapping[str, Entity] | None = None) -> Spilled:
        """The statements, with the people merged: by `merged` when given (`merge_people` of `entities`)."""
        merged = merge_people(self.entities.values()) if merged is None else merged
        return Spilled(self.db, {key: merged.get(key) or entity for key, entity in self.entities.items()})


class Spilled(Collection):
    """The statements of a `Spill` with merged entities; a statement whose two ends were merged into one is left out.

    `entities` are the merged entities statements name, sorted by id.
    """

    def __init__(self, db: sqlite3.Connection, final: dict[str, Entity]):
        self.db, self.final = db, final
        used: set[str] = set()
        self.count = 0
        for subject, obj in self.pairs():
            used.update((subject, obj))
            self.count += 1
        self.entities = [final[k] for k in sorted(used)]

    def rows(self, order: str = "seq") -> Iterator[tuple[str, list]]:
        for graph, data in self.db.execute(f"SELECT graph, statements FROM documents ORDER BY {order}, seq"):
            yield graph, marshal.loads(data)

    def pairs(self) -> Iterator[tuple[str, str]]:
        """The ids of each statement's subject and object."""
        final = self.final
        for _, rows in self.rows():
            for values, _ in rows:
                subject, obj = final[values[SUBJECT]].id, final[values[OBJECT]].id
                if subject != obj:
                    yield subject, obj

    def kept(self, rows: list) -> Iterator[tuple[tuple, str]]:
        final = self.final
        for values, qualifiers in rows:
            if final[values[SUBJECT]].id != final[values[OBJECT]].id:
                yield values, qualifiers

    def __len__(self) -> int:
        return self.count

    def __contains__(self, st: object) -> bool:
        return any(st == known for known in self)

    def __iter__(self) -> Iterator[Statement]:
        entity = self.final.__getitem__
        for _, rows in self.rows():
            for values, _ in self.kept(rows):
                yield decode(values, entity)

    def records(self) -> Iterator[str]:
        """The statements as JSON Lines records (`kg.pipeline.triples_jsonl`), in input order."""
        final, entities, texts = self.final, {}, {}

        def text(value: str) -> str:
            found = texts.get(value)
            if found is None:
                found = texts[value] = encode_basestring(value)
            return found

        def entity(entity_id: str) -> str:
            found = entities.get(entity_id)
            if found is None:
                found = entities[entity_id] = entity_json(final[entity_id])
            return found

        for _, rows in self.rows():
            for values, qualifiers in self.kept(rows):
                yield json_line(text(values[DOC]), entity(values[SUBJECT]), text(values[RELATION]),
                                entity(values[OBJECT]), qualifiers)

    def by_document(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        """Each document with its statements, in order of the document's IRI."""
        entity = self.final.__getitem__
        rows = self.rows("graph")
        graph, found = next(rows, (None, []))
        name, statements = None, []
        for document in sorted(documents, key=lambda d: document_iri(d.id)):
            if document_iri(document.id) != name:  # two documents of one id share its statements
                name, statements = document_iri(document.id), []
                while graph is not None and graph <= name:
                    if graph == name:
                        statements += [decode(values, entity) for values, _ in self.kept(found)]
                    graph, found = next(rows, (None, []))
            yield document, statements
