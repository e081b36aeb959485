"""The converter of the PETRARCH2 dictionaries: CAMEO codes to relations, tables in step with it."""

from __future__ import annotations

import csv
import importlib.util

import pytest

from kg.ontology import ontology_dir

spec = importlib.util.spec_from_file_location("petrarch", ontology_dir() / "sources" / "petrarch.py")
petrarch = importlib.util.module_from_spec(spec)
spec.loader.exec_module(petrarch)


@pytest.mark.parametrize("code, relation, modality", [
    ("1123", "accused", ""),          # a sub-code falls back to its parent
    ("193", "attacked", ""),          # conventional force is directed
    ("0233", "demanded", ""),         # appeals are demands (PLOVER DEMAND)
    ("0331", "provided_aid_to", "planned"),  # intent to give aid: aid, planned
    ("036", "invited", ""),
    ("010", "", ""),                  # statements are no event
    ("---", "", ""),
])
def test_cameo_codes_map_to_relations_through_their_family(code, relation, modality):
    codes = petrarch.relation_codes(ontology_dir() / "relations.tsv")
    assert petrarch.relation_for(code, codes) == (relation, modality)


def test_converted_tables_agree_with_the_code_mapping():
    codes = petrarch.relation_codes(ontology_dir() / "relations.tsv")
    with open(ontology_dir() / "lexicon" / "cameo_patterns.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(petrarch.relation_for(r["cameo"], codes) == (r["relation"], r["modality"]) for r in rows)
    assert (ontology_dir() / "lexicon" / "PETRARCH2-LICENSE.txt").read_text().count(petrarch.SOURCE_COMMIT) == 1



def test_a_reversed_cameo_code_and_its_plainly_marked_siblings_read_from_the_target(tmp_path):
    dictionary = tmp_path / "CAMEO.txt"
    dictionary.write_text("---  OBTAIN   [---]  ---\nRECEIVE\n- * LOAN  [:071]\n- * TANKS  [:072]\n"
                          "- * AID  [072]\n- * INVITATION  [036]\n", encoding="utf-8")
    codes = petrarch.relation_codes(ontology_dir() / "relations.tsv")
    verbs, patterns = petrarch.read_verbs(dictionary, {"to", "from"}, codes)
    read = {p[1]: p for p in petrarch.reverse_consistently(patterns)}
    assert read["loan"] == ("obtain", "loan", "", "", "071", "provided_aid_to", "", "yes")
    assert read["aid"][7] == "yes"  # most of the block's aid patterns go from the target
    assert read["invitation"][7] == ""  # another family keeps its direction
