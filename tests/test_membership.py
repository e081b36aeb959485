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
    # a plural title over names makes them members, not the leader; an acronym of a body named before
    ("The Communist Party of India held a rally. CPI leaders Ravi Das and Meena Rao spoke.",
     {("Ravi Das", "Communist Party of India", "asserted"), ("Meena Rao", "Communist Party of India", "asserted")}),
    ("Member states of the African Union such as Kenya and Ghana backed the plan.",
     {("Kenya", "African Union", "asserted"), ("Ghana", "African Union", "asserted")}),
    ("Several members of NATO, including Norway and Spain, objected.",
     {("Norway", "NATO", "asserted"), ("Spain", "NATO", "asserted")}),
    ("Belgium and the other NATO members sent troops.", {("Belgium", "NATO", "asserted")}),
    # a member noun said of a name, or counted by the organization
    ("Latvia is a member state of the European Union.", {("Latvia", "European Union", "asserted")}),
    ("Latvia is not a member state of the European Union.", {("Latvia", "European Union", "negated")}),
    ("Latvia, an EU member state, objected.", {("Latvia", "European Union", "asserted")}),
    ("Ann Lee is a Labour Party politician who has served since 2010.", {("Ann Lee", "Labour Party", "asserted")}),
    ("The African Union has 55 member states, including Kenya and Ghana.",
     {("Kenya", "African Union", "asserted"), ("Ghana", "African Union", "asserted")}),
    ("The King was also the monarch of Canada and the other Commonwealth realms.",
     {("Canada", "Commonwealth", "asserted")}),
    ("NATO's members include Norway and Denmark.", {("Norway", "NATO", "asserted"), ("Denmark", "NATO", "asserted")}),
    ("The members of the Arab League are Egypt, Jordan and Syria.",
     {(c, "Arab League", "asserted") for c in ("Egypt", "Jordan", "Syria")}),
    # what an organization is made of
    ("The Contact Group is made up of France, Germany, Italy and Spain.",
     {("France", "Contact Group", "asserted"), ("Germany", "Contact Group", "asserted"),
      ("Italy", "Contact Group", "asserted"), ("Spain", "Contact Group", "asserted")}),
    ("The Quartet is made up of the United Nations, Russia and the United States.",
     {(c, "Quartet on the Middle East", "asserted") for c in ("Russia", "United States")}),
    ("Mercosur comprises Argentina, Brazil, Paraguay and Uruguay.",
     {("Argentina", "Mercosur", "asserted"), ("Brazil", "Mercosur", "asserted"),
      ("Paraguay", "Mercosur", "asserted"), ("Uruguay", "Mercosur", "asserted")}),
    ("The Arab League consists of Egypt, Jordan and 20 other states.",
     {("Egypt", "Arab League", "asserted"), ("Jordan", "Arab League", "asserted")}),
    ("The G7 is a group of seven countries: Canada, France, Germany, Italy, Japan, the United Kingdom and "
     "the United States.", {(c, "G7", "asserted") for c in ("Canada", "France", "Germany", "Italy", "Japan",
                                                            "United Kingdom", "United States")}),
    ("OPEC is an organization of oil-exporting countries, including Iran and Kuwait.",
     {("Iran", "OPEC", "asserted"), ("Kuwait", "OPEC", "asserted")}),
    # a state within it
    ("Fiji became a republic within the Commonwealth in 1987.", {("Fiji", "Commonwealth", "asserted")}),
    # joining and leaving
    ("Japan joined NATO.", {("Japan", "NATO", "asserted")}),
    ("Chile wants to join OPEC.", {("Chile", "OPEC", "planned")}),
    ("Chad withdrew from the African Union in protest.", {("Chad", "African Union", "negated")}),
    ("Qatar left OPEC after decades.", {("Qatar", "OPEC", "negated")}),
])
def test_membership_shapes(text, expected, nlp, ontology):
    assert members(text, nlp, ontology) == expected


@pytest.mark.parametrize("text", [
    "Ann Lee quit as a Member of Parliament on Friday.",
    "Troops withdrew from the border town after the talks.",
    "Ann Lee urged NATO members to spend more on defence.",
    "EU member states met in Brussels.",
    "NATO members are worried about the cost.",
    # a meeting is not the body that holds it
    "Japan joined the G7 summit in Paris.",
    "Japan joined the talks in Geneva.",
    # no organization, no list, no `within`
    "The summit included Japan and China.",
    "The delegation was made up of officials from France.",
    "NATO is an alliance of 32 countries, and Russia opposes it.",
    "Fiji became a republic in 1987.",
])
def test_not_membership(text, nlp, ontology):
    assert members(text, nlp, ontology) == set()


@pytest.mark.parametrize("text, expected", [
    ("Norway is not a member of the African Union.", {("Norway", "African Union", "negated")}),
    ("Peru is a member of OPEC.", {("Peru", "OPEC", "asserted")}),
])
def test_copular_membership_keeps_its_clause_modality(text, expected, nlp, ontology):
    assert members(text, nlp, ontology) == expected
