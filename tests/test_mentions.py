"""Mentions: the names of a sentence as the readers see them."""

from __future__ import annotations

from kg.extract import extract
from kg.types import Document


def labels(text: str, nlp, ontology) -> set[tuple[str, str]]:
    [(_, found)] = extract([Document(id="t", text=text)], nlp, ontology)
    return {(e.label, e.id) for s in found for e in (s.subject, s.object)}


def test_a_known_name_continued_by_al_and_a_name_is_another_organization(nlp, ontology):
    named = labels("The Lebanese government sent an ultimatum to Fatah al-Islam.", nlp, ontology)
    assert ("Fatah al-Islam", "kg:organization/fatah-al-islam") in named
    assert "kg:org/FATAH" not in {i for _, i in named}
    assert ("Fatah", "kg:org/FATAH") in labels("Fatah criticized the Israeli government.", nlp, ontology)


def test_religious_farming_and_medical_nouns_name_kinds_of_group_actors(nlp, ontology):
    def kinds(text):
        [(_, found)] = extract([Document(id="t", text=text)], nlp, ontology)
        return {(s.subject.label, s.subject_kind, s.relation, s.object.label, s.object_kind) for s in found}

    assert kinds("Iranian clerics condemned Britain.") == {
        ("Iran", "religious", "criticized", "United Kingdom", None)}
    assert kinds("A Norwegian missionary was arrested by Pakistani police.") == {
        ("Pakistan", "police", "coerced", "Norway", "religious")}
    assert kinds("Egyptian farmers protested against Sudan.") == {("Egypt", "farmers", "protested", "Sudan", None)}


def test_a_known_organization_the_recognizer_took_for_a_person_is_the_organization(nlp, ontology):
    named = labels("Jemaah Islamiyah bombed a hotel in Indonesia.", nlp, ontology)
    assert ("Jemaah Islamiyah", "kg:org/jemaah-islamiyah") in named


def test_an_acronym_stands_for_the_unknown_organization_whose_initials_it_spells(nlp, ontology):
    text = "The gang is called the Eastern Shore Coastguard. The ESC attacked a Greek tanker."
    assert ("Eastern Shore Coastguard", "kg:organization/eastern-shore-coastguard") in labels(text, nlp, ontology)
    assert "ESC" not in {label for label, _ in labels(text, nlp, ontology)}


def test_an_armed_group_of_the_source_acts_as_itself_with_its_country_as_a_qualifier(nlp, ontology):
    [(_, [statement])] = extract([Document(id="t", text="Ansar al-Islam attacked Iraqi soldiers near Mosul.")],
                                 nlp, ontology)
    assert (statement.subject.type, statement.subject.label, statement.subject.country) == (
        "Organization", "Ansar al-Islam", "IRQ")
    assert (statement.relation, statement.object.label, statement.object_kind) == ("attacked", "Iraq", "military")


def test_an_acronym_stands_for_a_known_organization_the_document_named_in_full(nlp, ontology):
    text = "The Communist Party of India met in Delhi. The CPI criticized Pakistan."
    [(_, found)] = extract([Document(id="t", text=text)], nlp, ontology)
    assert ("Communist Party of India", "criticized", "Pakistan") in {
        (s.subject.label, s.relation, s.object.label) for s in found}


def test_given_names_the_recognizer_cut_off_rejoin_the_name_but_no_title_or_honorific(nlp, ontology):
    assert ("Sadiq Khan", "kg:person/sadiq-khan") in labels("Mayor Sadiq Khan of London criticized the policy.",
                                                            nlp, ontology)
    assert "Mr. Khan" not in {label for label, _ in labels("Mayor Sadiq Khan of London criticized the policy. "
                                                           "Mr. Khan met Kenyan President William Ruto.",
                                                           nlp, ontology)}


def test_a_cut_off_title_the_recognizer_took_for_an_organization_is_no_body(nlp, ontology):
    named = labels("The Premier of Quebec, François Legault, announced the plan.", nlp, ontology)
    assert {label for label, _ in named} == {"François Legault", "Quebec"}


def context_of(text: str, nlp, ontology):
    from kg.extract.context import DocState
    from kg.extract.mentions import read_sentence, sentence_ents

    [(sent, ents)] = list(sentence_ents(nlp(text)))
    return read_sentence(sent, ents, DocState(ontology), 0, "t", False)


def test_a_sentence_gives_its_readers_the_tokens_of_a_word_or_lemma_and_of_its_names_in_order(nlp, ontology):
    ctx = context_of("Kenya joined the union after Ghana had joined it and before Peru joins.", nlp, ontology)
    assert [t.text for t in ctx.having({"join"})] == ["joined", "joined", "joins"]
    assert [t.text for t in ctx.having({"it", "union"}, ("before",))] == ["union", "it", "before"]
    assert [t.text for t in ctx.named] == ["Kenya", "Ghana", "Peru"]


def test_a_parsed_line_is_a_title_as_its_text_would_be(nlp):
    from kg.extract.text import is_title_line, is_title_span

    for line in ("Chile threatens Peru over river", "Chile threatened Peru.", "He said: \"No.\"", "Why?  \n",
                 "Talks end  ", "Leaders meet in Lima”", "Agenda:"):
        assert is_title_span(nlp(line)) == is_title_line(line), line
