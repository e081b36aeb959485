"""Extraction rules on sentences written for these tests (none from the seeds)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from extract_helpers import triples

from kg.extract import READS, extract, is_headline, paragraphs
from kg.types import Document

DATA = Path(__file__).parent / "data"


def rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


POSITIVE = rows("relation_sentences.tsv")
NEGATIVE = rows("negative_sentences.tsv")


@pytest.mark.parametrize("row", POSITIVE, ids=[f"{r['relation']}-{i}" for i, r in enumerate(POSITIVE)])
def test_relation_sentence(row, nlp, ontology):
    found = triples(row["sentence"], nlp, ontology)
    expected = (row["subject"], row["relation"], row["object"], row["modality"])
    symmetric = ontology.relations[row["relation"]].symmetric
    reverse = (row["object"], row["relation"], row["subject"], row["modality"])
    assert expected in found or (symmetric and reverse in found), found


def test_every_relation_has_two_sentences(ontology):
    counts = {name: 0 for name in ontology.relations}
    for row in POSITIVE:
        counts[row["relation"]] += 1
    assert {name for name, n in counts.items() if n < 2} == set()


def test_every_relation_has_a_reader(ontology):
    """A relation is read by triggers (trigger rows), titles (office rows) or a structural reader."""
    triggered = {t.relation for t in ontology.triggers}
    titled = set(ontology.titles.values())
    for relation in ontology.relations.values():
        assert relation.read and set(relation.read) <= set(READS), relation.name
        assert ("trigger" in relation.read) == (relation.name in triggered), relation.name
        assert ("office" in relation.read) == (relation.name in titled), relation.name
    assert [len(ontology.read_as[kind]) for kind in ("visit", "place")] == [1, 1]  # their readers make one each


@pytest.mark.parametrize("row", NEGATIVE, ids=[r["why"] for r in NEGATIVE])
def test_negative_sentence(row, nlp, ontology):
    found = triples(row["sentence"], nlp, ontology)
    if row["relation"] == "*":
        assert found == set()
    else:
        assert not [t for t in found if t[1] == row["relation"] and t[3] == "asserted"], found


def test_evidence_offsets_point_into_the_text(nlp, ontology):
    text = "Officials met on Monday.\nIran detained two British nationals in Tehran."
    [(_, statements)] = extract([Document(id="t", text=text)], nlp, ontology)
    assert statements
    for st in statements:
        assert text[st.evidence.start:st.evidence.end] == st.evidence.text


def test_pronoun_resolves_to_the_last_person(nlp, ontology):
    text = "Turkish President Recep Tayyip Erdogan arrived in Baku. He met Azerbaijan's president on Friday."
    found = triples(text, nlp, ontology)
    pair = {("Recep Tayyip Erdogan", "Ilham Aliyev"), ("Ilham Aliyev", "Recep Tayyip Erdogan")}
    assert {(s, o) for s, r, o, m in found if r == "met_with" and m == "asserted"} & pair


def test_short_name_resolves_to_the_full_name(nlp, ontology):
    text = "German Chancellor Friedrich Merz travelled to Paris. Merz later criticized Hungary."
    found = triples(text, nlp, ontology)
    assert ("Friedrich Merz", "criticized", "Hungary", "asserted") in found


def test_capital_stands_for_its_country_as_actor(nlp, ontology):
    found = triples("Moscow accused Kyiv of sabotage.", nlp, ontology)
    assert ("Russia", "accused", "Ukraine", "asserted") in found


def test_headline_detection():
    assert is_headline("Trump Solidifies Alliances With Japan, South Korea To Counter China")
    assert not is_headline("Trump solidified alliances with Japan on Monday.")


def test_paragraph_offsets():
    text = "First line.\n\nSecond line."
    assert [(o, text[o:o + len(line)]) for o, line in paragraphs(text)] == [(0, "First line."),
                                                                             (13, "Second line.")]


def test_each_sentence_gets_the_entities_span_ents_gives_it(nlp):
    from kg.extract.mentions import sentence_ents

    doc = nlp("Japan met China in Tokyo. The United States paid $5 billion to Brazil. Nothing here. "
              "Prime Minister Sanae Takaichi visited France and Germany.")
    def spans(ents):
        return [(e.start, e.end, e.label_, e.ent_id_) for e in ents]

    found = [(sent.start, spans(ents)) for sent, ents in sentence_ents(doc)]
    assert found == [(sent.start, spans(sent.ents)) for sent in doc.sents]
    assert sum(len(ents) for _, ents in found) >= 8
