"""What `kg.extract` reads in one text, for the tests of its readers."""

from __future__ import annotations

from kg.extract import extract
from kg.types import Document, Statement


def statements(text: str, nlp, ontology, date: str | None = None) -> list[Statement]:
    [(_, found)] = extract([Document(id="t", text=text, date=date)], nlp, ontology)
    return found


def triples(text: str, nlp, ontology) -> set[tuple[str, str, str, str]]:
    """(subject, relation, object, modality) of each statement, by label."""
    return {(s.subject.label, s.relation, s.object.label, s.modality) for s in statements(text, nlp, ontology)}
