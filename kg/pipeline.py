"""The one orchestrator: documents in, statements, entities and output files out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import InputError
from kg.extract import extract
from kg.files import atomic_write
from kg.graph import to_graph
from kg.html import to_html
from kg.ingest import read_documents
from kg.nlp import load_pipeline
from kg.normalize import resolve
from kg.ontology import load_ontology
from kg.rdf import to_dataset, write_rdf
from kg.store import write_store
from kg.types import BuildResult, Document, Skipped, Statement

OUTPUTS = ("triples.jsonl", "graph.ttl", "graph.trig", "graph.html")


@dataclass(frozen=True)
class Settings:
    """Everything a build can be told; built once by the CLI and passed down."""

    model: str | None = None
    strict: bool = False
    batch_size: int = 64


def documents_only(items: Iterable[Document | Skipped], skipped: list[Skipped], strict: bool,
                   on_skip: Callable[[Skipped], None] | None) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Document):
            yield item
            continue
        if strict:
            raise InputError(str(item))
        skipped.append(item)
        if on_skip:
            on_skip(item)


def build(paths: Iterable[str | Path], settings: Settings = Settings(),
          on_skip: Callable[[Skipped], None] | None = None,
          on_document: Callable[[Document], None] | None = None) -> BuildResult:
    """Read, extract and normalize every article under `paths`."""
    ontology = load_ontology()
    nlp = load_pipeline(ontology, settings.model)
    skipped: list[Skipped] = []
    documents: list[Document] = []
    statements: list[Statement] = []
    docs = documents_only(read_documents(paths), skipped, settings.strict, on_skip)
    for document, found in extract(docs, nlp, ontology, settings.batch_size):
        documents.append(replace(document, text=""))
        statements.extend(found)
        if on_document:
            on_document(document)
    merged, entities = resolve(statements)
    return BuildResult(tuple(documents), tuple(merged), tuple(entities), tuple(skipped))


def triples_jsonl(statements: Iterable[Statement]) -> Iterator[str]:
    for st in statements:
        yield json.dumps(st.to_record(), ensure_ascii=False) + "\n"


def write_outputs(result: BuildResult, outdir: str | Path, store: str | Path | None = None) -> list[Path]:
    """Write the four outputs of `kg build`, each atomically, and add the graph to `store` if given."""
    outdir = Path(outdir)
    dataset = to_dataset(result.documents, result.statements)
    graph = to_graph(result.entities, result.statements)
    return [
        atomic_write(outdir / "triples.jsonl", triples_jsonl(result.statements)),
        write_rdf(dataset, outdir / "graph.ttl"),
        write_rdf(dataset, outdir / "graph.trig"),
        atomic_write(outdir / "graph.html", to_html(graph)),
    ] + ([write_store(dataset, store)] if store else [])
