"""The vocabulary's class and relation parts, the shapes and `kg.kgo` are what the ontology's tables give."""

from __future__ import annotations

import shutil
import subprocess
import sys

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg import kgo
from kg.ontology import ontology_dir
from kg.vocab import GENERATED, generated_files


def test_the_committed_files_are_the_generated_ones():
    for path, text in generated_files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m kg.vocab"
    done = subprocess.run([sys.executable, "-m", "kg.vocab", "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_new_table_row_reaches_the_vocabulary_shapes_and_terms(tmp_path):
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    with open(folder / "relations.tsv", "a", encoding="utf-8") as f:
        f.write("praised\tActor\tCountry|City\tno\t051\tSUPPORT\tpraises\tA praised B -> (A, praised, B)"
                "\t\t\t\ttrigger\tcooperation\n")
    with open(folder / "classes.tsv", "a", encoding="utf-8") as f:
        f.write("Region\tLocation\tPlace\tGPE\tellipse\t#76b7b2\tregion\ta region of a country\n")
    files = {path.name: text for path, text in generated_files(folder).items()}
    assert files["vocabulary.ttl"].count(GENERATED) == 1
    vocabulary = Graph().parse(data=files["vocabulary.ttl"], format="turtle")
    praised, region = URIRef(kgo.NAMESPACE + "praised"), URIRef(kgo.NAMESPACE + "Region")
    assert (praised, RDF.type, OWL.ObjectProperty) in vocabulary
    assert (region, RDFS.subClassOf, URIRef(kgo.NAMESPACE + "Location")) in vocabulary
    assert "the object of praised must be a Country or a City" in files["shapes.ttl"]
    Graph().parse(data=files["shapes.ttl"], format="turtle")
    assert '"praised",' in files["kgo.py"] and '"Region",' in files["kgo.py"]


def test_the_terms_module_lists_every_term_by_kind():
    vocabulary = Graph().parse(ontology_dir() / "vocabulary.ttl")
    classes = {str(c).removeprefix(kgo.NAMESPACE) for c in vocabulary.subjects(RDF.type, OWL.Class)
               if str(c).startswith(kgo.NAMESPACE)}
    relations = {str(r).removeprefix(kgo.NAMESPACE)
                 for r in vocabulary.subjects(RDF.type, URIRef(kgo.NAMESPACE + "Relation"))}
    assert set(kgo.CLASSES) == classes
    assert set(kgo.RELATIONS) == relations
    assert not set(kgo.PROPERTIES) & (classes | relations)
