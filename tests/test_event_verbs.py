"""Hand event verbs of the lexicon beyond the converted CAMEO dictionary, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.types import Document


def triples(text: str, nlp, ontology) -> set[tuple[str, str, str, str]]:
    [(_, found)] = extract([Document(id="t", text=text)], nlp, ontology)
    return {(s.subject.label, s.relation, s.object.label, s.modality) for s in found}


@pytest.mark.parametrize("sentence, expected", [
    ("Iran agreed to allow UN inspectors to visit its nuclear sites.",
     ("Iran", "cooperates_with", "United Nations", "planned")),
    ("Syria refused to allow UN investigators into the country.", ("Syria", "rejected", "United Nations", "asserted")),
    ("Washington recognized the new government in Kosovo.", ("United States", "endorsed", "Kosovo", "asserted")),
    ("Tokyo protested to Seoul over the islands.", ("Japan", "protested", "South Korea", "asserted")),
    ("Indian troops massed along the Pakistani border.", ("India", "exhibited_force_toward", "Pakistan", "asserted")),
])
def test_allowing_inspectors_recognizing_protesting_to_and_massing(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


@pytest.mark.parametrize("sentence", [
    "Iran allowed its citizens to visit the capital.",
    "Washington recognized the risk in Kosovo.",
    "Crowds massed outside the parliament.",
])
def test_those_verbs_without_their_words_or_a_target_make_no_event(sentence, nlp, ontology):
    assert triples(sentence, nlp, ontology) == set()
