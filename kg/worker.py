"""The extraction worker: what every engine runs, in whichever process it runs.

A process loads the ontology and the spaCy pipeline once, on its first batch (a forked worker
starts with its parent's: `kg.engines.PoolEngine`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, lru_cache

from kg.extract import extract
from kg.nlp import load_pipeline
from kg.ontology import Ontology, load_ontology
from kg.types import Document, Statement


@lru_cache(maxsize=1)
def worker_pipeline(model: str):
    """The ontology and spaCy pipeline of this process, loaded on first use; the ontology's tables built on
    first use are built here too, so that workers forked from this process find them made, not each its own."""
    ontology = load_ontology()
    for name, attribute in vars(Ontology).items():
        if isinstance(attribute, cached_property):
            getattr(ontology, name)
    return ontology, load_pipeline(ontology, model)


def extract_batch(documents: list[Document], model: str, batch_size: int,
                  on_document: Callable[[Document], None] | None = None) -> list[list[Statement]]:
    """The statements of each document, in order; `on_document` is told of each as it is done.

    No documents (all from the cache, say) loads no pipeline.
    """
    if not documents:
        return []
    ontology, nlp = worker_pipeline(model)
    results = []
    for document, found in extract(documents, nlp, ontology, batch_size):
        results.append(found)
        if on_document:
            on_document(document)
    return results
