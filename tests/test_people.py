"""People named in part: resolved among the gazetteer's people by country and date, else kept as written."""

from __future__ import annotations

from extract_helpers import statements


def one(found, relation):
    [statement] = [s for s in found if s.relation == relation]
    return statement


def test_a_name_two_presidents_share_is_the_one_in_office_on_the_documents_date(nlp, ontology):
    text = "US President George Bush landed in Brasilia for talks on ethanol."
    later = one(statements(text, nlp, ontology, "2007-03-09"), "visited")
    earlier = one(statements(text, nlp, ontology, "1991-06-02"), "visited")
    assert (later.subject.label, later.subject.id) == ("George W. Bush", "kg:person/george-w-bush")
    assert earlier.subject.id == "kg:person/george-h-w-bush"


def test_a_titled_first_name_is_the_holder_from_the_country_its_phrase_names(nlp, ontology):
    saudi = one(statements("Saudi King Abdullah received the Pakistani delegation in Jeddah.", nlp, ontology),
                "head_of_state")
    jordanian = one(statements("Jordan's King Abdullah received the Pakistani delegation in Amman.", nlp, ontology),
                    "head_of_state")
    assert (saudi.subject.id, saudi.object.label) == ("kg:person/abdullah-bin-abdulaziz-al-saud", "Saudi Arabia")
    assert (jordanian.subject.id, jordanian.object.label) == ("kg:person/abdullah-ii", "Jordan")


def test_a_titled_name_two_countries_of_the_story_could_give_stays_as_written(nlp, ontology):
    text = "Jordan and Saudi Arabia opened a new border crossing. King Abdullah met the Iraqi delegation on Sunday."
    met = one(statements(text, nlp, ontology), "met_with")
    assert {(e.label, e.id) for e in (met.subject, met.object)} == {("Abdullah", "kg:person/abdullah"),
                                                                    ("Iraq", "kg:country/IRQ")}


def test_a_title_after_a_title_is_a_name(nlp, ontology):
    found = statements("Dick Cheney met the Saudi Crown Prince Sultan in Jeddah.", nlp, ontology, "2006-11-25")
    met = one(found, "met_with")
    sultan = ("Sultan", "kg:person/sultan-bin-abd-al-aziz-al-saud")
    assert sultan in {(e.label, e.id) for e in (met.subject, met.object)}
    assert "kg:person/salman-bin-abdulaziz-al-saud" not in {s.object.id for s in found}


def test_a_title_of_two_words_is_no_name(nlp, ontology):
    found = statements("Karnataka Chief Minister Ravi Gowda criticised the new dam.", nlp, ontology)
    assert "Minister" not in {e.label for s in found for e in (s.subject, s.object)}


def test_the_source_gives_hand_kept_people_the_dates_of_their_terms(ontology):
    bush = ontology.entries["person/george-w-bush"]
    assert (bush.start, bush.end) == ("2001-01-20", "2009-01-20")
    assert "person/hamad-bin-khalifa-al-thani" in {p.key for p in ontology.people_named("Hamad bin Khalifa")}
    assert "person/bandar-bin-sultan" not in {p.key for p in ontology.people_named("Sultan")}  # a father's name


def test_a_role_noun_of_a_dated_story_is_who_held_the_title_then(nlp, ontology):
    text = "The American president met Jiang Zemin in Beijing."
    then = one(statements(text, nlp, ontology, "1998-06-27"), "met_with")
    undated = one(statements(text, nlp, ontology), "met_with")
    assert "kg:person/bill-clinton" in {then.subject.id, then.object.id}
    assert "kg:person/bill-clinton" not in {undated.subject.id, undated.object.id}  # today's holder


def test_a_full_name_the_gazetteer_knows_is_that_person_even_when_a_title_fits_another(nlp, ontology):
    found = statements("Qatar's emir, Sheikh Hamad bin Khalifa, hosted talks between Sudan and Chad.", nlp, ontology)
    people = {e.id for s in found for e in (s.subject, s.object) if e.type == "Person"}
    assert people == {"kg:person/hamad-bin-khalifa-al-thani"}


def test_a_surname_alone_is_not_given_to_the_one_gazetteer_person_bearing_it(nlp, ontology):
    found = statements("The United States protested. Secretary Taft met the Japanese envoy in Tokyo.", nlp, ontology)
    assert "kg:person/robert-a-taft" not in {e.id for s in found for e in (s.subject, s.object)}
