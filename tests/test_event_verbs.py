"""Hand event verbs of the lexicon beyond the converted CAMEO dictionary, on sentences written for these tests."""

from __future__ import annotations

import pytest
from extract_helpers import triples


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


def test_a_commodity_naming_what_talks_are_about_is_not_their_party(nlp, ontology):
    [(subject, relation, obj, modality)] = triples("Sudan and Chad resumed oil talks.", nlp, ontology)
    assert ({subject, obj}, relation, modality) == ({"Sudan", "Chad"}, "negotiated_with", "asserted")
    assert triples("Oil talks resumed on Monday.", nlp, ontology) == set()


def test_calling_someone_to_discuss_is_a_call_and_returning_captives_a_release(nlp, ontology):
    assert ("Barack Obama", "met_with", "Vladimir Putin", "asserted") in triples(
        "Obama called Putin to discuss Ukraine.", nlp, ontology)
    assert not [t for t in triples("Obama called Putin a liar.", nlp, ontology) if t[1] == "met_with"]
    assert triples("Moscow returned the bodies of two Georgian soldiers to Tbilisi.", nlp, ontology) == {
        ("Russia", "released", "Georgia", "asserted")}
    assert triples("Moscow returned the stolen paintings to Tbilisi.", nlp, ontology) == set()


@pytest.mark.parametrize("sentence, expected", [
    ("Chinese coast guard ships rammed a Vietnamese fishing boat.", ("China", "attacked", "Vietnam", "asserted")),
    ("Egypt may cut gas exports to Israel.", ("Egypt", "imposed_sanctions_on", "Israel", "possible")),
    ("The United States cut aid to Egypt.", ("United States", "imposed_sanctions_on", "Egypt", "asserted")),
])
def test_ramming_and_cuts_in_supplies(sentence, expected, nlp, ontology):
    assert triples(sentence, nlp, ontology) == {expected}


@pytest.mark.parametrize("sentence", ["Egypt cut interest rates.", "The ram was sold in Egypt."])
def test_ramming_and_cuts_without_a_target_or_supply_make_no_event(sentence, nlp, ontology):
    assert triples(sentence, nlp, ontology) == set()


def test_contacting_someone_meets_and_recommending_that_others_act_demands_it(nlp, ontology):
    [(subject, _, obj, modality)] = [t for t in triples("John Kerry contacted Thailand's foreign minister on Monday.",
                                                          nlp, ontology) if t[1] == "met_with"]
    assert ({subject, obj}, modality) == ({"John Kerry", "Thailand"}, "asserted")
    assert ("Peru", "demanded", "Chile", "asserted") in triples(
        "Peru's prime minister recommended that the Chilean troops in Peru withdraw.", nlp, ontology)
    assert triples("Police contacted the family.", nlp, ontology) == set()
    assert triples("The Peruvian panel recommended a new tax.", nlp, ontology) == set()


@pytest.mark.parametrize("sentence, expected", [
    ("The Netherlands froze development aid to Suriname.", ("Netherlands", "imposed_sanctions_on", "Suriname")),
    ("Chad suspended aid to Sudan.", ("Chad", "imposed_sanctions_on", "Sudan")),
    ("Zambia banned imports of South African maize.", ("Zambia", "imposed_sanctions_on", "South Africa")),
    ("Chad closed its embassy in Libya.", ("Chad", "reduced_relations_with", "Libya")),
    ("Russian bombers flew near Japanese airspace.", ("Russia", "exhibited_force_toward", "Japan")),
])
def test_frozen_aid_banned_imports_closed_embassies_and_warplanes_near_airspace(sentence, expected, nlp, ontology):
    assert triples(sentence, nlp, ontology) == {(*expected, "asserted")}


@pytest.mark.parametrize("sentence", ["The bank froze the account on Monday.", "Zambia banned smoking in bars.",
                                      "The Kenyan pilot flew over the lake."])
def test_freezing_banning_and_flying_without_their_words_make_no_event(sentence, nlp, ontology):
    assert not [t for t in triples(sentence, nlp, ontology) if t[1] in ("imposed_sanctions_on",
                                                                         "exhibited_force_toward")]


@pytest.mark.parametrize("sentence, expected", [
    ("Ukrainians picketed the Russian consulate in Kharkiv.", ("Ukraine", "protested", "Russia")),
    ("Russia annexed Crimea in 2014.", ("Russia", "attacked", "Ukraine")),
    ("Russia's annexation of Crimea angered Kyiv.", ("Russia", "attacked", "Ukraine")),
])
def test_picketing_protests_and_annexing_a_region_attacks_its_country(sentence, expected, nlp, ontology):
    assert (*expected, "asserted") in triples(sentence, nlp, ontology)


def test_picketing_or_annexing_no_actor_makes_no_event(nlp, ontology):
    assert triples("Workers picketed the factory gates.", nlp, ontology) == set()
    assert triples("The town annexed the farmland nearby.", nlp, ontology) == set()


def test_sending_doctors_is_aid_planned_when_offered(nlp, ontology):
    assert triples("Cuba offered to send doctors to Italy.", nlp, ontology) == {
        ("Cuba", "provided_aid_to", "Italy", "planned")}
    assert triples("Cuba sent its doctors home.", nlp, ontology) == set()


def test_demanding_independence_from_a_country_is_aimed_at_it(nlp, ontology):
    assert ("East Timor", "protested", "Indonesia", "asserted") in triples(
        "Demonstrators in Dili demanded a referendum on independence from Indonesian rule.", nlp, ontology)
    assert triples("Taiwan demanded a referendum on independence from China.", nlp, ontology) == {
        ("Taiwan", "demanded", "China", "asserted")}
    assert triples("Ghana gained independence from Britain in 1957.", nlp, ontology) == set()


def test_what_someone_is_accused_or_arrested_for_is_only_alleged(nlp, ontology):
    found = triples("Iraq accused Iran of shelling Kuwait.", nlp, ontology)
    assert found == {("Iraq", "accused", "Iran", "asserted"), ("Iran", "attacked", "Kuwait", "possible")}
    found = triples("Iran jailed a Canadian blogger for cooperating with Israel.", nlp, ontology)
    assert ("Iran", "coerced", "Canada", "asserted") in found
    assert [t[3] for t in found if t[1] == "cooperates_with"] == ["possible"], found
    assert ("Iraq", "provided_aid_to", "Syria", "asserted") in triples(
        "Iran thanked Iraq for helping Syria.", nlp, ontology)
