"""Confidence ranks statements: the less certain readings fall below 0.8, on sentences written for these tests."""

from __future__ import annotations

from kg.extract import extract
from kg.types import Document


def scored(text: str, nlp, ontology) -> list[tuple[str, str, str, str, float]]:
    [(_, found)] = extract([Document(id="t", text=text)], nlp, ontology)
    return [(s.subject.label, s.relation, s.object.label, s.modality, s.confidence) for s in found]


def test_a_title_line_statement_ranks_below_the_same_statement_in_the_body(nlp, ontology):
    found = scored("Chile threatens Peru over river dispute\n\nChile threatened Peru over the river dispute on Monday.",
                   nlp, ontology)
    threats = sorted(c for s, r, o, m, c in found if (s, r, o, m) == ("Chile", "threatened", "Peru", "asserted"))
    assert len(threats) == 2 and threats[0] < 0.8 <= threats[1], found


def test_a_planned_meeting_ranks_below_a_held_one(nlp, ontology):
    [planned] = scored("Chile will meet Peru in Lima next week.", nlp, ontology)
    [held] = scored("Chile met Peru in Lima on Monday.", nlp, ontology)
    assert planned[:4] == ("Chile", "met_with", "Peru", "planned") and planned[4] < 0.8, planned
    assert held[:4] == ("Chile", "met_with", "Peru", "asserted") and held[4] >= 0.8, held


def test_pairs_of_joint_subjects_rank_below_a_named_partner(nlp, ontology):
    joint = scored("Chile, Peru and Bolivia negotiated a trade pact.", nlp, ontology)
    [named] = scored("Chile negotiated a trade pact with Peru.", nlp, ontology)
    assert {frozenset((s, o)) for s, r, o, m, c in joint if r == "negotiated_with"} == \
        {frozenset(p) for p in (("Chile", "Peru"), ("Chile", "Bolivia"), ("Peru", "Bolivia"))}, joint
    assert all(c < 0.8 for *_, c in joint), joint
    assert named[:4] == ("Chile", "negotiated_with", "Peru", "asserted") and named[4] >= 0.8, named
