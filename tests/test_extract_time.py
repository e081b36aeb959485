"""Each statement gets the time its own sentence gives it, read against the document's date."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from kg.extract import extract
from kg.extract.time import statement_time
from kg.types import Document, Time

DATE = "2019-03-06"  # a Wednesday


def times(text: str, nlp, ontology, date: str | None = DATE) -> dict[tuple[str, str, str], Time | None]:
    [(_, statements)] = list(extract([Document("t.txt", text, date=date)], nlp, ontology))
    return {(s.subject.label, s.relation, s.object.label): s.time for s in statements}


@pytest.mark.parametrize(("text", "triple", "value"), [
    ("Japan signed a trade agreement with China on Monday.", ("China", "signed_agreement_with", "Japan"),
     "2019-03-04"),
    ("In 2017, Russia imposed sanctions on Ukraine.", ("Russia", "imposed_sanctions_on", "Ukraine"), "2017"),
    ("Officials said Thursday that China had criticized Japan.", ("China", "criticized", "Japan"), "2019-02-28"),
    ("Shinzo Abe will visit France on Friday.", ("Shinzo Abe", "visited", "France"), "2019-03-08"),
])
def test_the_sentences_time_is_the_statements(nlp, ontology, text, triple, value):
    assert times(text, nlp, ontology)[triple].value == value


def test_each_clause_keeps_its_own_time(nlp, ontology):
    found = times("Japan criticized China last month, and South Korea met the United States yesterday.", nlp, ontology)
    assert found[("Japan", "criticized", "China")].value == "2019-02"
    assert found[("South Korea", "met_with", "United States")].value == "2019-03-05"


def test_a_plan_points_forward(nlp, ontology):
    found = times("China will impose tariffs on Japan next week.", nlp, ontology)
    time = found[("China", "imposed_tariffs_on", "Japan")]
    assert (time.start, time.end, time.relative) == ("2019-03-11", "2019-03-17", True)


def test_without_a_time_in_the_sentence_there_is_none(nlp, ontology):
    assert set(times("Japan criticized China over its export controls.", nlp, ontology).values()) == {None}


def test_without_a_document_date_relative_times_keep_their_text_only(nlp, ontology):
    time = times("Japan criticized China on Monday.", nlp, ontology, date=None)[("Japan", "criticized", "China")]
    assert time == Time("on Monday", relative=True)


def test_an_office_takes_its_own_time_not_the_clauses(nlp, ontology):
    found = times("U.S. President Donald Trump will visit Japan next week.", nlp, ontology)
    assert found[("Donald Trump", "head_of_state", "United States")] is None
    found = times("The newly elected President of France, Emmanuel Macron, met Angela Merkel.", nlp, ontology)
    assert found[("Emmanuel Macron", "head_of_state", "France")] == Time("newly elected", start=DATE, relative=True)


@pytest.mark.parametrize(("text", "triple", "time"), [
    ("Former President Jorge Ramos of Chile visited Lima on Tuesday.", ("Jorge Ramos", "head_of_state", "Chile"),
     Time("Former", relative=True, ended=True)),
    ("Jorge Ramos, the former president of Chile, visited Lima.", ("Jorge Ramos", "head_of_state", "Chile"),
     Time("former", relative=True, ended=True)),
    ("Ex-President Luis Vega of Peru was arrested.", ("Luis Vega", "head_of_state", "Peru"),
     Time("Ex", relative=True, ended=True)),
    ("The late King Abdullah of Jordan was mourned.", ("Abdullah", "head_of_state", "Jordan"),
     Time("late", relative=True, ended=True)),
    ("Former Finance Minister Ana Vidal of Chile resigned.", ("Ana Vidal", "official_of", "Chile"),
     Time("Former", relative=True, ended=True)),
    # `then-`: held when its clause happened, over by the document's date
    ("Then-Prime Minister Erik Holm of Norway met the envoy in 2005.", ("Erik Holm", "head_of_government", "Norway"),
     Time("in 2005", value="2005", ended=True)),
    ("Luis Vega met Russia's then president, Boris Yeltsin, in 1995.", ("Boris Yeltsin", "head_of_state", "Russia"),
     Time("in 1995", value="1995", ended=True)),
    # `then` that only orders the names says nothing of the office
    ("Luis Vega met the envoy and then President Pavel Orlov of Russia.", ("Pavel Orlov", "head_of_state", "Russia"),
     None),
    # a span the sentence gives stays
    ("Anna Lind, a former Prime Minister of Sweden who served from 1994 to 1998, spoke.",
     ("Anna Lind", "head_of_government", "Sweden"), Time("from 1994 to 1998", start="1994", end="1998", ended=True)),
])
def test_a_former_office_ended_by_the_document_date(nlp, ontology, text, triple, time):
    assert times(text, nlp, ontology)[triple] == time


def test_a_former_holder_is_not_the_president_named_later(nlp, ontology):
    found = times("Former President Luis Vega of Peru arrived in Lima. The president criticized Chile.", nlp, ontology)
    assert ("Luis Vega", "criticized", "Chile") not in found


def test_an_office_span_and_its_start(nlp, ontology):
    found = times("Barack Obama served as President of the United States from 2009 to 2017.", nlp, ontology)
    time = found[("Barack Obama", "head_of_state", "United States")]
    assert (time.text, time.start, time.end) == ("from 2009 to 2017", "2009", "2017")
    found = times("Erik Holm was Prime Minister of Norway in 1990-1992.", nlp, ontology)
    assert found[("Erik Holm", "head_of_government", "Norway")] == Time("in 1990-1992", start="1990", end="1992")
    found = times("The current president of the Rockefeller Foundation is Stephen Heintz, who was appointed to the "
                  "post in 2000.", nlp, ontology)
    assert found[("Stephen Heintz", "official_of", "Rockefeller Foundation")] == Time("in 2000", start="2000")


def test_an_aside_after_an_office_is_its_term_not_after_the_name(nlp, ontology):
    found = times("Erik Holm, Prime Minister of Norway (2001–2005), met Anna Lind.", nlp, ontology)
    assert found[("Erik Holm", "head_of_government", "Norway")] == Time("2001–2005", start="2001", end="2005")
    found = times("Erik Holm (1931–2005) was Prime Minister of Norway.", nlp, ontology)
    assert found[("Erik Holm", "head_of_government", "Norway")] is None


def test_asides_and_birth_dates_are_nobodys_time(nlp, ontology):
    found = times("Japanese Prime Minister Shinzo Abe (born 21 September 1954) met Xi Jinping.", nlp, ontology)
    assert set(found.values()) == {None}


@pytest.mark.parametrize("text", [
    "In 2012, Japan boycotted the summit because of the Chinese invasion of Vietnam.",
    "On Tuesday, Japan condemned the Chinese attack on Vietnam.",
])
def test_an_event_named_in_another_time_does_not_take_the_clauses(nlp, ontology, text):
    found = times(text, nlp, ontology)
    assert ("China", "attacked", "Vietnam") in found
    assert found[("China", "attacked", "Vietnam")] is None


def test_a_time_after_before_or_after_is_not_the_statements(nlp, ontology):
    assert times("Japan criticized China before Sunday.", nlp, ontology)[("Japan", "criticized", "China")] is None


def test_a_clause_hanging_from_a_time_happened_then(nlp, ontology):
    found = times("Protests have grown since Monday, when China attacked Vietnam.", nlp, ontology)
    assert found[("China", "attacked", "Vietnam")] == Time("since Monday", value="2019-03-04", relative=True)


def verb_time(nlp, words: list[str], heads: list[int], deps: list[str], pos: list[str], verb: int) -> Time | None:
    """The time of the asserted statement of the `verb`-th word in a sentence parsed as given."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    return statement_time(doc[:], doc[verb], "asserted", date.fromisoformat(DATE))


def test_a_time_the_parse_hangs_from_a_name_is_its_verbs(nlp):
    found = verb_time(nlp, ["The", "United", "Nations", "on", "Tuesday", "condemned", "Syria", "."],
                      heads=[2, 2, 5, 2, 3, 5, 5, 5],
                      deps=["det", "compound", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"],
                      pos=["DET", "PROPN", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"], verb=5)
    assert found == Time("on Tuesday", value="2019-03-05", relative=True)


def test_a_time_modifies_through_a_preposition_it_left_out(nlp):
    found = verb_time(nlp, ["On", "last", "Tuesday", ",", "Japan", "criticized", "China", "."],
                      heads=[5, 2, 0, 5, 5, 5, 5, 5],
                      deps=["prep", "amod", "pobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
                      pos=["ADP", "ADJ", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN", "PUNCT"], verb=5)
    assert found == Time("last Tuesday", value="2019-03-05", relative=True)


def test_an_office_does_not_take_a_time_set_in_another_time(nlp, ontology):
    found = times("President Luis Vega of Peru, the last guest before his return to Lima on Friday, spoke.", nlp,
                  ontology)
    assert found[("Luis Vega", "head_of_state", "Peru")] is None


@pytest.mark.parametrize(("text", "triple"), [
    ("Outgoing President Luis Vega of Peru met the envoy.", ("Luis Vega", "head_of_state", "Peru")),
    ("The outgoing prime minister of Norway, Erik Holm, spoke to reporters.",
     ("Erik Holm", "head_of_government", "Norway")),
])
def test_an_outgoing_holder_still_holds_the_office(nlp, ontology, text, triple):
    [(_, statements)] = list(extract([Document("t.txt", text, date=DATE)], nlp, ontology))
    office = next(s for s in statements if (s.subject.label, s.relation, s.object.label) == triple)
    assert (office.modality, office.time) == ("asserted", None)


def test_an_outgoing_holder_is_the_president_named_later(nlp, ontology):
    found = times("Outgoing President Luis Vega of Peru arrived in Lima. The president criticized Chile.", nlp,
                  ontology)
    assert ("Luis Vega", "criticized", "Chile") in found


@pytest.mark.parametrize(("text", "triple", "time"), [
    ("Erik Holm resigned as Prime Minister of Norway in 2005.", ("Erik Holm", "head_of_government", "Norway"),
     Time("in 2005", end="2005", ended=True)),
    ("Erik Holm stepped down as Prime Minister of Norway on Monday.", ("Erik Holm", "head_of_government", "Norway"),
     Time("on Monday", end="2019-03-04", relative=True, ended=True)),
    ("Luis Vega was ousted as president of Peru.", ("Luis Vega", "head_of_state", "Peru"),
     Time("ousted", relative=True, ended=True)),
    ("Anna Lind, who quit as Prime Minister of Sweden last year, spoke.", ("Anna Lind", "head_of_government", "Sweden"),
     Time("last year", end="2018", relative=True, ended=True)),
])
def test_an_office_left_ends_at_the_time_given_else_by_the_document_date(nlp, ontology, text, triple, time):
    found = times(text, nlp, ontology)
    assert found[triple] == time
    assert not any(relation == "provided_aid_to" for _, relation, _ in found)


@pytest.mark.parametrize("text", [
    "Luis Vega did not resign as president of Peru.",
    "Luis Vega will resign as president of Peru next week.",
    "Luis Vega stepped in as a mediator between Peru and Chile.",
])
def test_no_office_ended_where_none_was_left(nlp, ontology, text):
    assert not any(relation == "head_of_state" for _, relation, _ in times(text, nlp, ontology))


def test_a_time_after_a_phrasal_verb_is_not_its_particle(nlp, ontology):
    assert ("Erik Holm", "provided_aid_to", "Norway") in times("Erik Holm stepped in to help Norway.", nlp, ontology)
    assert ("Erik Holm", "provided_aid_to", "Norway") not in times(
        "Erik Holm stepped down as Prime Minister of Norway in March.", nlp, ontology)


def test_a_deadline_is_the_end_of_a_plan(nlp, ontology):
    found = times("Japan will lift its sanctions on Russia by 2025.", nlp, ontology)
    assert found[("Japan", "eased_sanctions_on", "Russia")] == Time("by 2025", end="2025")
    found = times("Japan imposed sanctions on Russia in 2025.", nlp, ontology)
    assert found[("Japan", "imposed_sanctions_on", "Russia")] == Time("in 2025", value="2025")


def test_an_iso_year_and_month_is_a_month(nlp, ontology):
    found = times("Japan imposed sanctions on Russia in 2016-07.", nlp, ontology)
    assert found[("Japan", "imposed_sanctions_on", "Russia")] == Time("in 2016-07", value="2016-07")
