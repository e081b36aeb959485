"""Event verbs from the converted CAMEO dictionary and group actors, on sentences written for these tests."""

from __future__ import annotations

import pytest
from extract_helpers import statements, triples


@pytest.mark.parametrize("sentence, expected", [
    ("Venezuela denounced Colombia over the border incident.", ("Venezuela", "criticized", "Colombia", "asserted")),
    ("Georgia was shelled by Russia overnight.", ("Russia", "attacked", "Georgia", "asserted")),
    ("Kenya called on Tanzania to reopen the border.", ("Kenya", "demanded", "Tanzania", "asserted")),
    ("Peru struck a deal with Chile on fishing rights.", ("Peru", "signed_agreement_with", "Chile", "asserted")),
    ("Ghana blamed Togo for the unrest.", ("Ghana", "accused", "Togo", "asserted")),
    ("Sweden warned Belarus against moving troops to the frontier.",
     ("Sweden", "threatened", "Belarus", "asserted")),
])
def test_cameo_verbs_and_patterns(sentence, expected, nlp, ontology):
    found = triples(sentence, nlp, ontology)
    reverse = (expected[2], expected[1], expected[0], expected[3])
    assert expected in found or ontology.relations[expected[1]].symmetric and reverse in found, found


def test_a_pattern_overrides_its_verb_strike_a_deal_is_no_attack(nlp, ontology):
    found = triples("Peru struck a deal with Chile on fishing rights.", nlp, ontology)
    assert not [t for t in found if t[1] == "attacked"], found


def test_a_converted_verb_with_two_subjects_pairs_no_one(nlp, ontology):
    assert triples("Canada and Norway funded the new hospital.", nlp, ontology) == set()


def test_urged_x_to_act_gives_x_as_the_actor(nlp, ontology):
    found = triples("Egypt accused Sudan of sending weapons to Libya.", nlp, ontology)
    assert ("Egypt", "accused", "Sudan", "asserted") in found
    assert not [t for t in found if t[0] == "Egypt" and t[2] == "Libya"], found


def test_group_actor_resolves_to_its_country_with_its_kind(nlp, ontology):
    [st] = [s for s in statements("Ethiopian troops attacked Eritrea on Sunday.", nlp, ontology)
            if s.relation == "attacked"]
    assert (st.subject.label, st.object.label, st.subject_kind) == ("Ethiopia", "Eritrea", "military")
    assert st.to_record()["subject_kind"] == "military"


def test_group_actor_located_in_a_country(nlp, ontology):
    found = {(s.subject.label, s.relation, s.object.label, s.subject_kind)
             for s in statements("Police in Kenya arrested Ugandan activists.", nlp, ontology)}
    assert ("Kenya", "coerced", "Uganda", "police") in found


def test_an_administration_is_its_leaders_country(nlp, ontology):
    found = {(s.subject.label, s.relation, s.object.label, s.subject_kind)
             for s in statements("The Obama administration criticized Venezuela.", nlp, ontology)}
    assert ("United States", "criticized", "Venezuela", "government") in found


def test_rebels_in_a_country_are_not_that_country(nlp, ontology):
    found = triples("Rebels in Mali attacked a convoy from Niger.", nlp, ontology)
    assert not [t for t in found if t[0] == "Mali"], found


def test_a_named_armed_group_is_itself_the_actor(nlp, ontology):
    found = triples("Islamist militants Boko Haram attacked Cameroon.", nlp, ontology)
    assert not [t for t in found if t[0] == "Nigeria"], found


@pytest.mark.parametrize("sentence, relation, obj, amount, unit", [
    ("Qatar pledged $40 billion in investment in Morocco.", "pledged_investment", "Morocco", 40e9, "USD"),
    ("Singapore will invest $12 billion in Indonesia.", "pledged_investment", "Indonesia", 12e9, "USD"),
    ("Sweden gave 3 billion euros in aid to Moldova.", "provided_aid_to", "Moldova", 3e9, "EUR"),
])
def test_money_in_its_usual_forms(sentence, relation, obj, amount, unit, nlp, ontology):
    [st] = [s for s in statements(sentence, nlp, ontology) if s.relation == relation]
    assert (st.object.label, st.value.amount, st.value.unit) == (obj, amount, unit)
    assert st.modality == ("asserted" if relation == "provided_aid_to" else "planned")


def test_money_without_a_pledge_is_no_pledged_investment(nlp, ontology):
    found = triples("Singapore invested $12 billion in Indonesia last year.", nlp, ontology)
    assert not [t for t in found if t[1] == "pledged_investment"], found


def test_a_countrys_army_named_as_one_body_is_the_country(nlp, ontology):
    found = {(s.subject.label, s.relation, s.object.label, s.subject_kind)
             for s in statements("The Ugandan Army attacked Rwanda at dawn.", nlp, ontology)}
    assert ("Uganda", "attacked", "Rwanda", "military") in found


def test_an_attack_in_a_foreign_city_is_aimed_at_its_country(nlp, ontology):
    [st] = [s for s in statements("Syrian jets bombed targets in Mosul.", nlp, ontology) if s.relation == "attacked"]
    assert (st.subject.label, st.object.label) == ("Syria", "Iraq")
    assert st.confidence < 0.6


def test_an_event_in_the_actors_own_country_has_no_place_target(nlp, ontology):
    found = triples("Turkish police arrested dozens of students in Ankara.", nlp, ontology)
    assert not [t for t in found if t[2] == "Turkey"], found


@pytest.mark.parametrize("sentence, expected", [
    ("Ukraine's shelling of Russian border towns continued.", ("Ukraine", "attacked", "Russia")),
    ("Egypt's blockade of Libya lasted a month.", ("Egypt", "coerced", "Libya")),
    ("Estonia is a fierce critic of Russia.", ("Estonia", "criticized", "Russia")),
])
def test_nominal_events(sentence, expected, nlp, ontology):
    found = {(s.subject.label, s.relation, s.object.label) for s in statements(sentence, nlp, ontology)}
    assert expected in found, found


def test_the_south_and_the_north_in_a_korea_story(nlp, ontology):
    text = "North Korea tested a missile on Monday.\nOn Friday the North shelled the South again."
    found = triples(text, nlp, ontology)
    assert ("North Korea", "attacked", "South Korea", "asserted") in found, found


def test_the_south_of_a_country_is_no_half_of_korea(nlp, ontology):
    found = triples("South Korea hosted talks.\nProtesters from the South of Italy attacked France.", nlp, ontology)
    assert not [t for t in found if t[0] == "South Korea" and t[1] == "attacked"], found


def test_a_verb_that_rules_out_its_object_wins_over_its_auxiliary(nlp, ontology):
    found = triples("Chile would halt all aid to Bolivia.", nlp, ontology)
    assert ("Chile", "provided_aid_to", "Bolivia", "negated") in found, found


def test_a_ban_that_is_an_event_of_its_own_is_not_also_aid_denied(nlp, ontology):
    found = triples("Chile would prohibit all aid to Bolivia.", nlp, ontology)
    assert found == {("Chile", "imposed_sanctions_on", "Bolivia", "possible")}, found


@pytest.mark.parametrize("sentence, expected", [
    ("Russia dismissed the claim from Poland as groundless.", ("Russia", "rejected", "Poland", "asserted")),
    ("Peru is a loyal supporter of Ecuador.", ("Peru", "endorsed", "Ecuador", "asserted")),
])
def test_lexicon_rows_for_rejections_and_supporters(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


def test_an_adjective_passes_its_subject_to_the_verb_it_governs(nlp, ontology):
    found = triples("Denmark is willing to send equipment to help defend Estonia.", nlp, ontology)
    assert [t for t in found if t[0] == "Denmark" and t[2] == "Estonia" and t[3] == "possible"], found


def test_a_passive_verb_without_agent_takes_no_subject_from_above(nlp, ontology):
    found = triples("Kenya's president could not travel because the Nairobi airport was ordered closed.", nlp, ontology)
    assert not [t for t in found if t[1] == "coerced"], found


def test_one_reading_per_event_a_cameo_pattern_naming_the_noun_wins(nlp, ontology):
    """`lodged a protest with`: the hand noun `protest` and CAMEO's `lodge ... protest` give the same pair once."""
    found = [(s.subject.label, s.relation, s.object.label, s.modality)
             for s in statements("Chile lodged a protest with Peru over the border.", nlp, ontology)]
    assert found == [("Chile", "criticized", "Peru", "asserted")], found


def test_the_carrier_verb_reading_of_another_pair_stays(nlp, ontology):
    found = triples("Chile lodged a protest with Peru and threatened Bolivia.", nlp, ontology)
    assert {("Chile", "criticized", "Peru", "asserted"), ("Chile", "threatened", "Bolivia", "asserted")} <= found
    assert ("Chile", "protested", "Peru", "asserted") not in found, found


def test_the_most_specific_lexicon_row_of_a_word_wins(nlp, ontology):
    assert triples("Sweden expelled the Belarusian ambassador.", nlp, ontology) == {
        ("Sweden", "reduced_relations_with", "Belarus", "asserted")}
    assert triples("Sweden expelled three Belarusian students.", nlp, ontology) == {
        ("Sweden", "coerced", "Belarus", "asserted")}


def test_who_condemns_an_attack_did_not_attack(nlp, ontology):
    found = triples("Egypt condemned the attack on Libya.", nlp, ontology)
    assert not [t for t in found if t[1] == "attacked"], found


def test_a_reporting_speaker_is_no_actor_of_the_event_reported(nlp, ontology):
    found = triples("Kenyan officials said the killing of a Somali trader was a crime.", nlp, ontology)
    assert not [t for t in found if t[0] == "Kenya"], found


def test_a_passive_clause_gives_its_adjuncts_the_passive_subject(nlp, ontology):
    found = triples("Libyan smugglers were detained by Greek coast guards after attacking Malta.", nlp, ontology)
    assert not [t for t in found if t[0] == "Greece" and t[1] == "attacked"], found


def test_a_group_in_apposition_is_one_party_of_a_joint_verb(nlp, ontology):
    found = triples("Chile and the bloc's three members — Peru, Bolivia, and Ecuador — have been negotiating a treaty.",
                    nlp, ontology)
    pairs = {frozenset((s, o)) for s, r, o, _ in found if r == "negotiated_with"}
    assert pairs == {frozenset(("Chile", c)) for c in ("Peru", "Bolivia", "Ecuador")}, found


def test_a_possessive_after_a_comma_is_an_apposition_not_a_list(nlp, ontology):
    found = triples("Qatar, Egypt's main rival, invited the leaders of Sudan.", nlp, ontology)
    assert ("Qatar", "invited", "Sudan", "asserted") in found
    assert not [t for t in found if t[0] == "Egypt"], found


@pytest.mark.parametrize("sentence, expected", [
    ("Peru received military aid from Brazil.", ("Brazil", "provided_aid_to", "Peru", "asserted")),
    ("Armenia obtained a loan from Russia.", ("Russia", "provided_aid_to", "Armenia", "asserted")),
    ("Nepal got tanks from India.", ("India", "provided_aid_to", "Nepal", "asserted")),
])
def test_a_recipient_as_subject_receives_the_event_from_the_giver(sentence, expected, nlp, ontology):
    found = triples(sentence, nlp, ontology)
    assert expected in found and (expected[2], expected[1], expected[0], expected[3]) not in found, found


def test_a_receipt_without_a_giver_names_no_giver(nlp, ontology):
    assert not [t for t in triples("Armenia obtained a loan last year.", nlp, ontology)
                if t[1] == "provided_aid_to"]


@pytest.mark.parametrize("sentence, expected", [
    ("Oman launched a mediation effort between Egypt and Sudan.", ("Oman", "mediated_between", "Sudan", "asserted")),
    ("Russia began a bombing campaign against Georgia.", ("Russia", "attacked", "Georgia", "asserted")),
])
def test_an_event_noun_framed_by_effort_or_campaign_keeps_its_arguments(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


def test_a_frame_noun_alone_is_no_event(nlp, ontology):
    assert triples("Russia began a publicity campaign.", nlp, ontology) == set()


@pytest.mark.parametrize("sentence, expected", [
    ("Kenya hoped to keep the chairmanship, which was backed by Uganda.", ("Uganda", "endorsed", "Kenya", "asserted")),
    ("Chile kept a strict border policy, which Bolivia criticized.", ("Bolivia", "criticized", "Chile", "asserted")),
    ("Egypt signed the accord, which Libya rejected.", ("Libya", "rejected", "Egypt", "asserted")),
])
def test_a_relative_pronoun_stands_for_its_noun_and_the_nouns_holder(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


def test_a_relative_clause_on_an_event_gives_its_verb_no_part_in_the_event(nlp, ontology):
    found = triples("The attack, which Mali condemned, killed ten soldiers.", nlp, ontology)
    assert not [t for t in found if t[0] == "Mali" and t[1] == "attacked"], found


@pytest.mark.parametrize("sentence, expected", [
    ("A car bomb in Kabul killed three German soldiers.", ("Afghanistan", "attacked", "Germany", "asserted")),
    ("A roadside bombing near the town of Kandahar killed two Canadian soldiers.",
     ("Afghanistan", "attacked", "Canada", "asserted")),
    ("Two Danish aid workers were arrested in Eritrea on Monday.", ("Eritrea", "coerced", "Denmark", "asserted")),
])
def test_violence_or_coercion_by_no_one_named_comes_from_the_place_it_happens_in(sentence, expected, nlp, ontology):
    [st] = [s for s in statements(sentence, nlp, ontology) if s.relation == expected[1]]
    assert (st.subject.label, st.relation, st.object.label, st.modality) == expected
    assert st.confidence < 0.5


@pytest.mark.parametrize("sentence", [
    "Three Afghan police were killed in Kabul.",  # the place is the victims' own country
    "Two Danish aid workers were arrested by Swedish police in Eritrea.",  # the doer is named
])
def test_no_place_source_for_a_home_victim_or_a_named_doer(sentence, nlp, ontology):
    found = triples(sentence, nlp, ontology)
    assert not [t for t in found if t[0] in ("Afghanistan", "Eritrea")], found


def test_a_noun_event_during_another_act_keeps_that_acts_subject(nlp, ontology):
    found = triples("Ukrainian students threw stones during protests against Russian rule.", nlp, ontology)
    assert ("Ukraine", "protested", "Russia", "asserted") in found


@pytest.mark.parametrize("sentence", ["Canada accuses Iran — along with its ally Syria — of arming the militias.",
                                      "Canada accuses Iran, together with Syria, of arming the militias."])
def test_an_object_named_along_with_another_shares_the_event(sentence, nlp, ontology):
    found = triples(sentence, nlp, ontology)
    assert {("Canada", "accused", c, "asserted") for c in ("Iran", "Syria")} <= found, found


def test_a_companion_of_the_subject_is_no_object(nlp, ontology):
    found = triples("Canada, along with Norway, accused Iran of arming the militias.", nlp, ontology)
    assert not [t for t in found if t[2] == "Norway"], found


def test_prepared_to_act_is_planned(nlp, ontology):
    assert ("China", "imposed_sanctions_on", "Taiwan", "planned") in triples(
        "China is prepared to impose sanctions on Taiwan.", nlp, ontology)


@pytest.mark.parametrize("sentence, expected", [
    ("Thousands of Kenyans protested outside the Ugandan embassy in Nairobi.",
     ("Kenya", "protested", "Uganda", "asserted")),
    ("Turkey deployed troops to the border with Syria.", ("Turkey", "exhibited_force_toward", "Syria", "asserted")),
])
def test_a_place_that_belongs_to_a_country_names_it(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


def test_the_protesters_own_city_is_no_target(nlp, ontology):
    assert not [t for t in triples("Thousands of Kenyans protested outside the parliament in Nairobi.", nlp, ontology)
                if t[1] == "protested"]


def test_a_pattern_narrowed_by_a_second_word_is_not_read_as_the_general_one(nlp, ontology):
    found = triples("The Bolivian president held telephone talks with Peru's president.", nlp, ontology)
    assert [t for t in found if t[1] == "negotiated_with"] and not [t for t in found if t[1] == "cooperates_with"]


def test_unnamed_protesters_in_a_city_protest_for_its_country(nlp, ontology):
    [st] = [s for s in statements("Tens of thousands marched in Caracas to protest against the United States.",
                                  nlp, ontology) if s.relation == "protested"]
    assert (st.subject.label, st.object.label, st.modality) == ("Venezuela", "United States", "asserted")
    assert st.confidence < 0.5


def test_a_name_right_before_a_coordinated_verb_is_its_subject(nlp, ontology):
    found = triples("Egypt has strong links to the bloc that dominates the government and the U.S. accuses Iran "
                    "of arming it.", nlp, ontology)
    assert ("United States", "accused", "Iran", "asserted") in found
    assert not [t for t in found if t[0] == "Egypt" and t[1] == "accused"], found


def test_a_coordinated_verb_after_and_keeps_the_first_subject(nlp, ontology):
    assert ("Egypt", "criticized", "Libya", "asserted") in triples(
        "Egypt recalled its envoy and condemned Libya.", nlp, ontology)


@pytest.mark.parametrize("sentence, expected", [
    ("Hungary received a loan from the Asian Development Bank.",
     ("Asian Development Bank", "provided_aid_to", "Hungary", "asserted")),
    ("Georgia has received military assistance from Turkey.", ("Turkey", "provided_aid_to", "Georgia", "asserted")),
    ("Japan extended a $2 billion credit line to India.", ("Japan", "provided_aid_to", "India", "asserted")),
])
def test_aid_received_comes_from_its_giver(sentence, expected, nlp, ontology):
    found = triples(sentence, nlp, ontology)
    assert expected in found and (expected[2], expected[1], expected[0], expected[3]) not in found, found


@pytest.mark.parametrize("sentence, expected", [
    ("Bolivia said it would not attend talks with Chile.", ("Bolivia", "cancelled_meeting_with", "Chile", "asserted")),
    ("Bolivia won't provide aid to Chile.", ("Bolivia", "rejected", "Chile", "asserted")),
    ("Bolivia did not meet Chile's foreign minister.", ("Bolivia", "met_with", "Chile", "negated")),
])
def test_will_not_is_a_refusal_did_not_a_negation(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


@pytest.mark.parametrize("sentence, expected", [
    ("The Chilean plan was condemned in a joint statement by Peru.", ("Peru", "criticized", "Chile", "asserted")),
    ("Two Syrian soldiers were killed in an air strike by Israel.", ("Israel", "attacked", "Syria", "asserted")),
])
def test_a_passive_verbs_agent_named_in_what_it_happened_in(sentence, expected, nlp, ontology):
    assert expected in triples(sentence, nlp, ontology)


def test_a_noun_after_following_is_no_event_of_the_clause_subject(nlp, ontology):
    found = triples("Kenyan police raided the camp following the killing of a Somali trader.", nlp, ontology)
    assert not [t for t in found if t[1] == "attacked"], found


def test_an_object_slot_that_names_nothing_the_relation_accepts_gives_way(nlp, ontology):
    assert ("China", "criticized", "United States", "asserted") in triples(
        "China lodged a protest with the United States over the arms sales.", nlp, ontology)


def test_who_is_blamed_for_an_attack_is_accused_not_recorded_as_attacking(nlp, ontology):
    found = triples("Ghanaians blamed Togo for the bombing of a market in Accra.", nlp, ontology)
    assert ("Ghana", "accused", "Togo", "asserted") in found
    assert not [t for t in found if t[1] == "attacked"], found


def test_weapons_that_hit_a_place_attack_it(nlp, ontology):
    found = triples("Russian missiles hit Kyiv overnight.", nlp, ontology)
    assert ("Russia", "attacked", "Ukraine", "asserted") in found
    assert triples("The recession hit Greece hard.", nlp, ontology) == set()


def test_calling_someone_a_name_of_the_dictionary_criticizes_them(nlp, ontology):
    found = {(s.subject.label, s.relation, s.object.country) for s in statements(
        "Venezuela called the Colombian president a dictator.", nlp, ontology)}
    assert ("Venezuela", "criticized", "COL") in found
    assert not [t for t in triples("Venezuela called the Colombian president a friend.", nlp, ontology)
                if t[1] == "criticized"]


def test_calling_for_sanctions_against_a_country_disapproves_of_it(nlp, ontology):
    found = triples("The archbishop of Nairobi called for sanctions against Uganda after the vote.", nlp, ontology)
    assert ("Kenya", "criticized", "Uganda", "asserted") in found
    assert not [t for t in triples("Sweden called for an end to sanctions against Belarus.", nlp, ontology)
                if t[1] == "criticized"]


def test_ruling_out_lifting_sanctions_rejects_the_country(nlp, ontology):
    found = triples("Canada ruled out lifting sanctions on Iran.", nlp, ontology)
    assert ("Canada", "rejected", "Iran", "asserted") in found
    assert not [t for t in found if t[1] == "eased_sanctions_on"], found


@pytest.mark.parametrize("sentence, expected", [
    ("Demonstrators in Asmara demanded independence from Ethiopian rule.",
     ("Eritrea", "protested", "Ethiopia", "asserted")),
    ("Eritrean protesters condemned Ethiopia.", ("Eritrea", "protested", "Ethiopia", "asserted")),
    ("Eritrean officials condemned Ethiopia.", ("Eritrea", "criticized", "Ethiopia", "asserted")),
])
def test_what_protesters_demand_or_denounce_is_their_protest(sentence, expected, nlp, ontology):
    found = triples(sentence, nlp, ontology)
    assert expected in found
    assert len({t[1] for t in found if t[0] == "Eritrea"}) == 1, found


def test_an_act_said_to_be_out_of_the_question_is_refused_by_the_speaker(nlp, ontology):
    found = triples("Canada said removing the sanctions on Iran was out of the question.", nlp, ontology)
    assert ("Canada", "rejected", "Iran", "asserted") in found
    assert not [t for t in found if t[1] == "eased_sanctions_on"], found
    assert ("Canada", "eased_sanctions_on", "Iran", "asserted") in triples(
        "Canada removed sanctions on Iran in May.", nlp, ontology)


def test_an_act_only_weighed_as_a_clause_subject_is_no_event(nlp, ontology):
    assert triples("Attacking Iran would be a mistake, Israel said.", nlp, ontology) == set()


def test_who_calls_for_an_end_to_an_event_is_not_its_actor(nlp, ontology):
    assert not [t for t in triples("Uruguay called for an end to raids on Paraguay.", nlp, ontology)
                if t[1] == "attacked"]
    assert not [t for t in triples("Ecuador demanded an end to the boycott of Colombia.", nlp, ontology)
                if t[1] == "imposed_sanctions_on"]
    assert not [t for t in triples("Ecuador demanded the lifting of the embargo on Colombia.", nlp, ontology)
                if t[1] == "imposed_sanctions_on"]
    found = triples("Uruguay called for a halt to Argentina's attacks on Paraguay.", nlp, ontology)
    assert [t[:3] for t in found if t[1] == "attacked"] == [("Argentina", "attacked", "Paraguay")], found


def test_the_one_called_on_to_act_is_its_actor_and_the_act_is_planned(nlp, ontology):
    found = triples("Iceland called on the EU to impose sanctions on Serbia.", nlp, ontology)
    assert ("Iceland", "demanded", "European Union", "asserted") in found
    assert ("European Union", "imposed_sanctions_on", "Serbia", "planned") in found
    assert not [t for t in found if t[0] == "Iceland" and t[1] == "imposed_sanctions_on"], found
    found = triples("Iceland urged Norway to impose sanctions on Serbia.", nlp, ontology)
    assert ("Iceland", "demanded", "Norway", "asserted") in found
    assert ("Norway", "imposed_sanctions_on", "Serbia", "planned") in found


def test_not_ruling_out_a_meeting_leaves_it_possible(nlp, ontology):
    found = triples("Estonia did not rule out a meeting with Lithuania.", nlp, ontology)
    assert {t for t in found if t[0] == "Estonia"} == {("Estonia", "met_with", "Lithuania", "possible")}, found
    found = triples("Estonia ruled out a meeting with Lithuania.", nlp, ontology)
    assert ("Estonia", "cancelled_meeting_with", "Lithuania", "asserted") in found
    assert not [t for t in found if t[1] == "met_with"], found


def test_urging_or_demanding_sanctions_on_a_country_disapproves_of_it(nlp, ontology):
    assert ("Latvia", "criticized", "Belarus", "asserted") in triples(
        "Latvia urged sanctions on Belarus.", nlp, ontology)
    assert ("Latvia", "criticized", "Belarus", "asserted") in triples(
        "Latvia demanded an embargo on Belarus.", nlp, ontology)
    found = triples("Latvia urged Finland to impose sanctions on Belarus.", nlp, ontology)
    assert ("Latvia", "demanded", "Finland", "asserted") in found
    assert not [t for t in found if t[1] == "criticized"], found
    assert not [t for t in triples("Latvia demanded an end to sanctions on Belarus.", nlp, ontology)
                if t[1] == "criticized"]


def test_a_name_the_parse_hung_under_a_leading_date_is_the_verbs_subject(nlp, ontology):
    assert ("Recep Tayyip Erdogan", "met_with", "Vladimir Putin", "asserted") in triples(
        "On Friday Erdogan met with Putin in Sochi.", nlp, ontology)
    assert triples("On Friday the talks with Erdogan resumed in Sochi.", nlp, ontology) == set()


def test_coordinated_objects_satisfy_a_trigger_word(nlp, ontology):
    found = triples("Sudanese forces launched mortar, tank and rocket fire against Chadian border posts.",
                    nlp, ontology)
    assert ("Sudan", "attacked", "Chad", "asserted") in found
    assert not [t for t in triples("Sudanese forces launched mortar, tank and rocket production in Chad.",
                                   nlp, ontology) if t[1] == "attacked"]


def test_upgrading_or_restoring_diplomatic_ties_is_support_both_ways(nlp, ontology):
    assert triples("Chile and Bolivia restored diplomatic relations after a long break.", nlp, ontology) == {
        ("Chile", "endorsed", "Bolivia", "asserted"), ("Bolivia", "endorsed", "Chile", "asserted")}
    assert triples("Chile upgraded its ties with Bolivia to ambassadorial level.", nlp, ontology) == {
        ("Chile", "endorsed", "Bolivia", "asserted"), ("Bolivia", "endorsed", "Chile", "asserted")}
    assert triples("Chile restored the old palace of Bolivia's consul.", nlp, ontology) == set()


def test_pushing_for_a_country_to_act_demands_it_and_the_act_is_planned(nlp, ontology):
    found = triples("Ireland is pushing hard for Germany to lift its sanctions on Iran.", nlp, ontology)
    assert ("Ireland", "demanded", "Germany", "asserted") in found
    assert ("Germany", "eased_sanctions_on", "Iran", "planned") in found
    assert ("Ireland", "demanded", "Germany", "asserted") in triples(
        "Ireland pressed for Germany to back the plan.", nlp, ontology)
    assert not [t for t in triples("Ireland pushed the cart for Germany.", nlp, ontology) if t[1] == "demanded"]


def test_handing_over_wanted_people_is_planned_cooperation_when_offered(nlp, ontology):
    [st] = [s for s in statements("Peru has offered to hand over to Chile two of its citizens wanted for fraud.",
                                  nlp, ontology)]
    assert ({st.subject.label, st.object.label}, st.relation, st.modality) == (
        {"Peru", "Chile"}, "cooperates_with", "planned")
    assert ("Peru", "released", "Chile", "asserted") in triples(
        "Peru handed over three Chilean soldiers to Chile.", nlp, ontology)
    assert triples("Peru handed the keys to Chile.", nlp, ontology) == set()


def test_ethnic_cleansing_in_a_country_attacks_it_and_civilians_belong_where_they_live(nlp, ontology):
    found = triples("Sudanese militias carried out ethnic cleansing in Chad against the Nigerien population of the "
                    "region.", nlp, ontology)
    assert found == {("Sudan", "attacked", "Chad", "asserted")}
    assert ("Rwanda", "attacked", "Democratic Republic of the Congo", "asserted") in triples(
        "Rwandan troops attacked the Hutu population of Goma.", nlp, ontology)
    assert triples("Sudanese militias denied any cleansing of the records.", nlp, ontology) == set()


def test_a_verb_coordinated_after_an_object_is_its_own_act_by_the_same_subject(nlp, ontology):
    assert triples("Bolivia denies the claims and accuses Chile of spreading lies.", nlp, ontology) == {
        ("Bolivia", "accused", "Chile", "asserted")}
    assert triples("Bolivia denied the report and attacked Chile.", nlp, ontology) == {
        ("Bolivia", "attacked", "Chile", "asserted")}
    assert triples("Bolivia denied attacking Chile.", nlp, ontology) == {("Bolivia", "attacked", "Chile", "negated")}


@pytest.mark.parametrize("sentence, expected", [
    ("The Chilean foreign minister credited Peru's efforts in the talks.", ("CHL", "endorsed", "PER")),
    ("Chile's proposal was quickly seconded by Peru.", ("PER", "endorsed", "CHL")),
    ("Chile's envoy expressed his strong objection to Peru's decision.", ("CHL", "criticized", "PER")),
    ("Chile expressed concern at Peru's military buildup.", ("CHL", "criticized", "PER")),
    ("The Chilean objection to Peru's plan was rejected.", ("CHL", "criticized", "PER")),
])
def test_verbs_of_credit_seconding_and_objection(sentence, expected, nlp, ontology):
    found = {(s.subject.country, s.relation, s.object.country, s.modality) for s in statements(sentence, nlp, ontology)}
    assert (*expected, "asserted") in found, found


def test_credit_and_objection_need_an_actor_to_point_at(nlp, ontology):
    assert triples("The bank credited the account on Monday.", nlp, ontology) == set()
    assert triples("Chile's objection to the plan was noted.", nlp, ontology) == set()
    assert triples("Chile expressed concern at the weather.", nlp, ontology) == set()


def test_boycotting_meetings_cancels_them_and_a_call_for_war_threatens(nlp, ontology):
    assert triples("Chile plans to boycott meetings of the Peruvian-led forum.", nlp, ontology) == {
        ("Chile", "cancelled_meeting_with", "Peru", "planned")}
    assert ("Chile", "protested", "Peru", "asserted") in triples("Chile boycotted Peruvian goods.", nlp, ontology)
    found = triples("Osama bin Laden called for a holy war against Peru.", nlp, ontology)
    assert {t[:3] for t in found} == {("Osama bin Laden", "threatened", "Peru")}
    assert not [t for t in triples("Chile waged a war against Peru.", nlp, ontology) if t[1] == "threatened"]


@pytest.mark.parametrize("sentence", [
    "Fighting between Sudan and Chad resumed on Monday.",
    "Heavy fighting broke out between Sudan and Chad on Monday.",
    "Clashes erupted between Sudan and Chad overnight.",
])
def test_a_nominal_event_takes_its_parties_from_an_ing_noun_or_from_its_verb(sentence, nlp, ontology):
    found = {(s, o) for s, relation, o, modality in triples(sentence, nlp, ontology)
             if relation == "fought_with" and modality == "asserted"}
    assert found & {("Chad", "Sudan"), ("Sudan", "Chad")}, found


def test_an_ing_form_with_an_object_of_its_own_stays_a_verb(nlp, ontology):
    found = triples("Talks on fighting smugglers between Sudan and Chad resumed on Monday.", nlp, ontology)
    assert not [t for t in found if t[1] == "fought_with"], found


def test_a_by_phrase_the_parse_hung_on_the_verb_names_who_made_its_object(nlp, ontology):
    assert triples("Chile rejected the proposal by Peru.", nlp, ontology) == {("Chile", "rejected", "Peru", "asserted")}
    assert triples("Chile rejected the proposal by a wide margin.", nlp, ontology) == set()


def test_a_verb_that_requires_its_noun_is_the_event_not_the_noun(nlp, ontology):
    assert triples("Turkey agreed to lift its embargo on Armenia.", nlp, ontology) == {
        ("Turkey", "eased_sanctions_on", "Armenia", "planned")}
    assert triples("Turkey imposed an embargo on Armenia.", nlp, ontology) == {
        ("Turkey", "imposed_sanctions_on", "Armenia", "asserted")}


def test_armed_forces_firing_on_someone_attack_them(nlp, ontology):
    assert triples("Sri Lankan navy fired on Indian fishing boats.", nlp, ontology) == {
        ("Sri Lanka", "attacked", "India", "asserted")}
    assert triples("Fatah fired back on the Lebanese prime minister's ultimatum.", nlp, ontology) == set()
    assert triples("The Kenyan company fired its manager in India.", nlp, ontology) == set()


def test_responsibility_or_blame_for_an_event_says_it_happened(nlp, ontology):
    assert ("Taliban", "attacked", "Afghanistan", "asserted") in triples(
        "The Taliban claimed responsibility for the attack on the Afghan army base.", nlp, ontology)
    assert ("Taliban", "attacked", "Afghanistan", "negated") in triples(
        "The Taliban denied responsibility for the attack on the Afghan army base.", nlp, ontology)
    assert ("Kenya", "negotiated_with", "Uganda", "planned") in triples(
        "Uganda called for talks with Kenya.", nlp, ontology)
