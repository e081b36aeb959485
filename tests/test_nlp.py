"""kg's spaCy pipeline: the same annotations as the model as shipped, with the ontology's names as entities."""

from __future__ import annotations

import spacy

from kg.nlp import TokenRules, default_model

TEXTS = ["I told them it isn't over, and they're gonna wait till the vote since nobody gets a say.",
         "There are talks, but Let's see whether that ends it: Chile said the deal was not done.",
         "Those who did not vote had their say; the minister's aides did what they could."]


def test_token_rules_find_the_attribute_rulers_own_matches():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([
        {"patterns": [[{"LOWER": {"IN": ["not", "n't"]}}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
        {"patterns": [[{"ORTH": "is"}], [{"LOWER": {"REGEX": "^(wa|i)s$"}}]], "attrs": {"LEMMA": "be"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True}]], "attrs": {"TAG": "X"}},
        {"patterns": [[{"TEXT": "not"}]], "attrs": {"POS": "ADV"}},  # a later rule wins on the same token
    ])
    rules = TokenRules(ruler)
    for text in TEXTS * 2:  # the second time from what the rules kept
        assert rules(nlp.make_doc(text)) == ruler.match(nlp.make_doc(text))
    ruler.match = rules
    doc = nlp("It is not gonna pass.")
    assert [(t.tag_, t.pos_, t.lemma_) for t in doc] == [
        ("X", "", ""), ("X", "", "be"), ("X", "ADV", "not"), ("X", "", ""), ("X", "", "to"), ("X", "", ""),
        ("", "", "")]


def test_the_pipeline_annotates_words_as_the_model_does(nlp):
    shipped = spacy.load(default_model(), exclude=["senter"])
    for text in TEXTS:
        ours, theirs = nlp(text), shipped(text)
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in ours] == \
            [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in theirs]
