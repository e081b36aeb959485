"""Who does an event and how sure it is, read from the clause around it (sentences written for these tests)."""

from __future__ import annotations

from extract_helpers import triples


def test_what_someone_is_warned_against_doing_is_theirs_and_only_possible(nlp, ontology):
    found = triples("Chile warned Bolivia against hosting Peruvian troops.", nlp, ontology)
    assert ("Bolivia", "hosted", "Peru", "possible") in found
    assert not [t for t in found if t[0] == "Chile" and t[1] == "hosted"], found


def test_who_protests_against_an_act_does_not_do_it(nlp, ontology):
    found = triples("Chile protested against hosting Peruvian troops in Bolivia.", nlp, ontology)
    assert not [t for t in found if t[1] == "hosted"], found


def test_a_protest_made_to_a_country(nlp, ontology):
    assert ("Chile", "protested", "Peru", "asserted") in triples(
        "Chile protested to Peru over the fishing boats.", nlp, ontology)


def test_a_bid_or_an_application_to_join_is_no_membership_yet(nlp, ontology):
    assert ("Moldova", "member_of", "European Union", "planned") in triples(
        "Romania backed Moldova's bid to join the European Union.", nlp, ontology)
    assert ("Moldova", "member_of", "European Union", "asserted") in triples(
        "Moldova joined the European Union.", nlp, ontology)


def test_officials_in_a_city_act_for_its_country(nlp, ontology):
    assert ("Kenya", "accused", "Uganda", "asserted") in triples(
        "Officials in Nairobi accused Uganda of arming the rebels.", nlp, ontology)


def test_a_ban_on_a_countrys_imports_or_flights_sanctions_it(nlp, ontology):
    assert ("Kenya", "imposed_sanctions_on", "Uganda", "asserted") in triples(
        "Kenya imposed a ban on Ugandan sugar imports.", nlp, ontology)
    assert triples("Kenya imposed a ban on smoking in public.", nlp, ontology) == set()


def test_an_officer_of_a_state_acts_for_it_not_on_it(nlp, ontology):
    found = triples("The Chilean president, Jorge Ramos, said that Chile and Peru must respect the treaty.",
                    nlp, ontology)
    assert ("Jorge Ramos", "demanded", "Peru", "asserted") in found
    assert not [t for t in found if t[0] == "Jorge Ramos" and t[2] == "Chile" and t[1] != "head_of_state"], found


def test_someone_of_a_country_holding_no_office_of_it_may_act_on_it(nlp, ontology):
    assert ("Ivan Petrov", "criticized", "Russia", "asserted") in triples(
        "Russian dissident Ivan Petrov criticized Russia over the trials.", nlp, ontology)
