"""Plain typed data passed between the pipeline stages."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

MODALITIES = ("asserted", "planned", "possible", "negated")


@dataclass(frozen=True)
class Document:
    """One article: its id (file name or JSON Lines `id`) and cleaned text."""

    id: str
    text: str
    source: str = ""
    title: str | None = None
    date: str | None = None
    url: str | None = None
    date_source: str | None = None  # json, dateline, html-meta, html-time


@dataclass(frozen=True)
class Entity:
    """A normalized entity with a stable id."""

    id: str
    label: str
    type: str
    country: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()

    def to_record(self) -> dict:
        record = {"id": self.id, "label": self.label, "type": self.type}
        if self.country:
            record["country"] = self.country
        if self.wikidata:
            record["wikidata"] = self.wikidata
        return record


@dataclass(frozen=True)
class Value:
    """A quantity qualifier: money (ISO 4217 unit) or a percentage (unit `percent`)."""

    amount: float
    unit: str
    text: str


@dataclass(frozen=True)
class Evidence:
    """The sentence a statement came from, with offsets into the cleaned text."""

    text: str
    start: int
    end: int


GRANULARITY = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True)
class Time:
    """When a statement happened (`value`) or held (`start`, `end`): ISO 8601 dates cut to their
    granularity (`2019-03-06` day, `2019-03` month, `2019` year). `text` is the expression as written;
    `relative` when it was read against the document's date; `ended` when the state was over by then
    (`former`, `then-`), its end unknown but at latest the document's date."""

    text: str
    value: str | None = None
    start: str | None = None
    end: str | None = None
    relative: bool = False
    ended: bool = False

    def to_record(self) -> dict:
        record: dict = {"text": self.text}
        for name in ("value", "start", "end"):
            point = getattr(self, name)
            if point:
                record[name] = point
                record[f"{name}_granularity" if name != "value" else "granularity"] = GRANULARITY[len(point)]
        record["relative"] = self.relative
        if self.ended:
            record["ended"] = True
        return record


@dataclass(frozen=True)
class Statement:
    """One extracted relation occurrence between two entities."""

    doc: str
    subject: Entity
    relation: str
    object: Entity
    evidence: Evidence
    modality: str = "asserted"
    confidence: float = 0.5
    value: Value | None = None
    role: str | None = None
    trigger: str = ""
    subject_kind: str | None = None  # the group actor named: `Israeli troops` -> military
    object_kind: str | None = None
    time: Time | None = None

    def to_record(self) -> dict:
        """The JSON Lines record of spec/triples.md."""
        return {"doc": self.doc, "subject": self.subject.to_record(), "relation": self.relation,
                "object": self.object.to_record(), **self.qualifiers()}

    def qualifiers(self) -> dict:
        """The fields of the record after its object."""
        record = {
            "modality": self.modality,
            "confidence": round(self.confidence, 3),
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end},
        }
        if self.value is not None:
            record["value"] = {"amount": self.value.amount, "unit": self.value.unit, "text": self.value.text}
        if self.role:
            record["role"] = self.role
        if self.trigger:
            record["trigger"] = self.trigger
        if self.subject_kind:
            record["subject_kind"] = self.subject_kind
        if self.object_kind:
            record["object_kind"] = self.object_kind
        if self.time is not None:
            record["time"] = self.time.to_record()
        return record


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why; `repaired`: used, but only after replacing bad bytes."""

    path: str
    reason: str
    line: int | None = None
    repaired: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    documents: tuple[Document, ...]
    statements: Collection[Statement]  # a build's stay on disk (`kg.spill.Spilled`, `kg.spark.SparkStatements`)
    entities: tuple[Entity, ...]
    skipped: tuple[Skipped, ...] = field(default=())
