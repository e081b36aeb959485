"""Common shapes of news sentences, each with a near miss that must not give the same triple
(sentences written for these tests)."""

from __future__ import annotations

from extract_helpers import triples


def test_joining_a_group_noun_written_after_the_organization_is_membership(nlp, ontology):
    assert ("Finland", "member_of", "NATO", "asserted") in triples(
        "Finland joined the NATO alliance in 2023.", nlp, ontology)
    assert not [t for t in triples("Chad joined the AU summit.", nlp, ontology) if t[1] == "member_of"]


def test_a_flag_or_an_owner_written_before_a_ship_is_whose_it_is(nlp, ontology):
    assert ("Iran", "coerced", "United Kingdom", "asserted") in triples(
        "Iran seized a British-flagged tanker in the Gulf.", nlp, ontology)
    assert ("Houthis", "attacked", "Greece", "asserted") in triples(
        "Houthi rebels attacked a Greek-owned cargo ship.", nlp, ontology)


def test_what_a_veto_stops_does_not_happen(nlp, ontology):
    found = triples("Hungary vetoed the EU's aid package for Ukraine.", nlp, ontology)
    assert ("European Union", "provided_aid_to", "Ukraine", "negated") in found
    assert ("European Union", "provided_aid_to", "Ukraine", "asserted") not in found


def test_a_journey_for_talks_is_the_travellers_talks(nlp, ontology):
    found = triples("The Chilean foreign minister, Maria Gonzalez, flew to Lima for talks with her Peruvian "
                    "counterpart.", nlp, ontology)
    assert ("Maria Gonzalez", "visited", "Lima", "asserted") in found
    assert {(s, o, m) for s, r, o, m in found if r == "negotiated_with"} == {("Peru", "Maria Gonzalez", "planned")}
    assert not [t for t in triples("Maria Gonzalez condemned Peru for the talks with Bolivia.", nlp, ontology)
                if t[1] == "negotiated_with" and "Maria Gonzalez" in (t[0], t[2])]


def test_a_counterpart_holds_the_office_of_the_titled_name_before_it_in_its_own_country(nlp, ontology):
    found = triples("The Chilean foreign minister, Maria Gonzalez, met her Peruvian counterpart, Carlos Ortega.",
                    nlp, ontology)
    assert {("Maria Gonzalez", "official_of", "Chile", "asserted"),
            ("Carlos Ortega", "official_of", "Peru", "asserted")} <= found
    assert not [t for t in triples("Maria Gonzalez met her counterpart, Carlos Ortega.", nlp, ontology)
                if t[0] == "Carlos Ortega" and t[1] == "official_of"]


def test_a_title_given_to_he_or_she_is_the_persons_the_pronoun_stands_for(nlp, ontology):
    assert ("Maria Gonzalez", "official_of", "Chile", "asserted") in triples(
        "Maria Gonzalez studied law in Santiago. She was appointed foreign minister of Chile in 2020.", nlp, ontology)
    assert not [t for t in triples("Maria Gonzalez met the president of Chile. She is a lawyer.", nlp, ontology)
                if t[0] == "Maria Gonzalez" and t[1] in ("official_of", "head_of_state")]


def test_a_titles_comma_joins_the_names_doing_it(nlp, ontology):
    assert ("Narendra Modi", "negotiated_with", "Vladimir Putin", "asserted") in triples(
        "Putin, Modi discuss trade in phone call\n\nThe talks went well.", nlp, ontology)
    assert not [t for t in triples("In Moscow, Putin discussed border trade.", nlp, ontology)
                if t[1] == "negotiated_with"]


def test_countries_founding_an_intergovernmental_body_are_its_members(nlp, ontology):
    found = triples("Brazil and India established BRICS in 2009.", nlp, ontology)
    assert {("Brazil", "member_of", "BRICS", "asserted"), ("India", "member_of", "BRICS", "asserted")} <= found
    assert not [t for t in triples("Iran created Hezbollah in the 1980s.", nlp, ontology) if t[1] == "member_of"]


def test_its_capital_is_the_capital_of_the_country_named_before(nlp, ontology):
    assert ("Tbilisi", "capital_of", "Georgia", "asserted") in triples(
        "Tbilisi is Georgia's largest city and its capital.", nlp, ontology)
    assert ("Lyon", "capital_of", "France", "negated") in triples(
        "France is a big country; Lyon is not its capital.", nlp, ontology)


def test_a_person_joins_a_party_as_a_member_but_a_company_as_staff(nlp, ontology):
    assert ("Maria Gonzalez", "member_of", "Socialist Party", "asserted") in triples(
        "Maria Gonzalez joined the Socialist Party in 1990.", nlp, ontology)
    assert not [t for t in triples("Carlos Ortega joined Google as an engineer.", nlp, ontology)
                if t[1] == "member_of"]


def test_a_title_whose_last_word_the_parse_put_into_the_name(nlp, ontology):
    assert ("Bola Tinubu", "head_of_government", "Nigeria", "asserted") in triples(
        "Nigerian head of government Bola Tinubu spoke.", nlp, ontology)
    assert not [t for t in triples("The head of the delegation Carlos Ortega spoke.", nlp, ontology)
                if t[0] == "Carlos Ortega"]


def test_whom_troops_fight_against_beside_an_ally(nlp, ontology):
    found = triples("North Korean soldiers are fighting alongside Russian forces against Ukraine.", nlp, ontology)
    assert ("North Korea", "fought_with", "Ukraine", "asserted") in found
    assert not [t for t in found if t[1] == "fought_with" and "Russia" in (t[0], t[2])]


def test_what_an_agent_does_to_whom_where_the_parse_hung_the_target_on_the_agent(nlp, ontology):
    assert ("European Union", "imposed_sanctions_on", "Russia", "asserted") in triples(
        "The sanctions imposed by the EU on Russia hurt its economy.", nlp, ontology)


def test_countries_at_odds_or_feuding_are_in_dispute(nlp, ontology):
    assert ("Chile", "in_dispute_with", "Peru", "asserted") in triples(
        "Chile is at odds with Peru over fishing.", nlp, ontology)
    assert not [t for t in triples("The odds are against Chile.", nlp, ontology) if t[1] == "in_dispute_with"]


def test_supplying_a_country_with_arms_is_aid(nlp, ontology):
    assert ("Germany", "provided_aid_to", "Ukraine", "planned") in triples(
        "Germany will supply Ukraine with more air defence systems.", nlp, ontology)


def test_what_a_country_denies_having_done_is_negated(nlp, ontology):
    assert ("Chile", "attacked", "Peru", "negated") in triples("Chile denied that it had attacked Peru.", nlp, ontology)
    assert ("Turkey", "provided_aid_to", "Azerbaijan", "negated") in triples(
        "Turkey rejected claims that it supplied weapons to Azerbaijan.", nlp, ontology)
    assert ("Chile", "attacked", "Peru", "asserted") in triples("Chile said that it had attacked Peru.", nlp, ontology)


def test_someone_a_demonym_names_joins_a_club_not_their_country(nlp, ontology):
    assert not [t for t in triples("The Nigerian striker joined Chelsea from Napoli.", nlp, ontology)
                if t[1] == "member_of"]
    assert ("Nigeria", "member_of", "African Union", "asserted") in triples(
        "The Nigerian government joined the African Union.", nlp, ontology)


def test_the_two_leaders_are_the_last_two_people_named(nlp, ontology):
    found = triples("Joe Biden received a phone call from Abdel Fattah el-Sisi on Monday. The two leaders "
                    "discussed the situation in Gaza.", nlp, ontology)
    assert ("Abdel Fattah el-Sisi", "negotiated_with", "Joe Biden", "asserted") in found
    assert not [t for t in triples("The two countries discussed trade.", nlp, ontology) if t[1] == "negotiated_with"]


def test_relations_between_two_sides_named_closer_are_no_dispute(nlp, ontology):
    assert not [t for t in triples("Russia and Japan sought close personal relations between the two leaders.",
                                   nlp, ontology) if t[1] == "in_dispute_with"]
    assert ("Chile", "in_dispute_with", "Peru", "asserted") in triples(
        "Relations between Chile and Peru are tense.", nlp, ontology)
