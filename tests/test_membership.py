"""member_of from the shapes `kg.extract.membership` reads, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.types import Document


def members(text: str, nlp, ontology) -> set[tuple[str, str, str]]:
    [(_, statements)] = extract([Document(id="t", text=text)], nlp, ontology)
    return {(s.subject.label, s.object.label, s.modality) for s in statements if s.relation == "member_of"}


@pytest.mark.parametrize("text, expected", [
    ("The NATO-member Norway sent two frigates to the exercise.", {("Norway", "NATO", "asserted")}),
    ("EU states France and Spain opposed the levy.",
     {("France", "European Union", "asserted"), ("Spain", "European Union", "asserted")}),
    ("Fatah leaders Omar Haddad and Layla Nasser rejected the plan.",
     {("Omar Haddad", "Fatah", "asserted"), ("Layla Nasser", "Fatah", "asserted")}),
    ("Member states of the African Union such as Kenya and Ghana backed the plan.",
     {("Kenya", "African Union", "asserted"), ("Ghana", "African Union", "asserted")}),
    ("Several members of NATO, including Norway and Spain, objected.",
     {("Norway", "NATO", "asserted"), ("Spain", "NATO", "asserted")}),
    ("Chad withdrew from the African Union in protest.", {("Chad", "African Union", "negated")}),
    ("Qatar left OPEC after decades.", {("Qatar", "OPEC", "negated")}),
])
def test_membership_shapes(text, expected, nlp, ontology):
    assert members(text, nlp, ontology) == expected


@pytest.mark.parametrize("text", [
    "Ann Lee quit as a Member of Parliament on Friday.",
    "Troops withdrew from the border town after the talks.",
    "Ann Lee urged NATO members to spend more on defence.",
])
def test_not_membership(text, nlp, ontology):
    assert members(text, nlp, ontology) == set()


@pytest.mark.parametrize("text, expected", [
    ("Norway is not a member of the African Union.", {("Norway", "African Union", "negated")}),
    ("Peru is a member of OPEC.", {("Peru", "OPEC", "asserted")}),
])
def test_copular_membership_keeps_its_clause_modality(text, expected, nlp, ontology):
    assert members(text, nlp, ontology) == expected
