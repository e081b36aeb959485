"""The ontology data covers the relation inventory and is internally consistent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.extract import READS
from kg.ontology import fold, load_ontology, ontology_dir

SPEC = Path(__file__).resolve().parent / "data" / "spec_relations.tsv"  # the inventory the ontology must cover


def test_every_relation_is_read_and_triggered_exactly_when_it_says(ontology):
    triggered = {t.relation for t in ontology.triggers}
    for relation in ontology.relations.values():
        assert relation.read and set(relation.read) <= set(READS), relation.name
        assert ("trigger" in relation.read) == (relation.name in triggered), relation.name


def test_relation_domains_and_ranges_use_known_classes(ontology):
    classes = {"Actor", "Country", "Person", "Organization", "City", "Location", "Commodity"}
    for relation in ontology.relations.values():
        assert set(relation.domain) | set(relation.range) <= classes, relation.name


def test_refusals_and_fallbacks_name_real_relations(ontology):
    for relation in ontology.relations.values():
        assert relation.refused_as in ("", *ontology.relations), relation.name


def test_the_ontology_covers_the_shared_relation_inventory(ontology):
    with open(SPEC, encoding="utf-8", newline="") as f:
        spec = {row["relation"]: row for row in csv.DictReader(f, delimiter="\t")}
    assert set(spec) <= set(ontology.relations)
    for name, row in spec.items():
        assert ontology.relations[name].symmetric == (row["symmetric"] == "yes"), name


def test_gazetteer_resolves_names_aliases_demonyms_and_seats(ontology):
    assert ontology.lookup("U.S.")[1].key == "country/USA"
    assert ontology.lookup("Japanese") == ("demonym", ontology.entries["country/JPN"])
    assert ontology.lookup("the White House")[0] == "seat"
    assert ontology.lookup("Tokyo")[1].type == "City"


def test_folding_ignores_case_accents_dots_and_the():
    assert fold("The U.S.") == fold("us") == "us"
    assert fold("Luiz Inácio Lula") == "luiz inacio lula"


def test_a_malformed_table_is_reported_with_its_file_and_line(tmp_path):
    for path in ontology_dir().rglob("*"):
        target = tmp_path / path.relative_to(ontology_dir())
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    triggers = tmp_path / "lexicon" / "triggers.tsv"
    triggers.write_text(triggers.read_text(encoding="utf-8") + "no_such_relation\tVERB\tx\t\tdobj\t0.5\tsubject\n",
                        encoding="utf-8")
    with pytest.raises(OntologyError, match=r"triggers\.tsv:\d+: unknown relation 'no_such_relation'"):
        load_ontology(tmp_path)
