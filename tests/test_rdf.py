"""RDF export: the vocabulary files in step with the code, the statement model, IRIs, formats."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib.namespace as ns
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_helpers import node, text, to_dataset, union_graph, write
from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS
from typer.testing import CliRunner

import kg.rdf
from kg.cli import app
from kg.errors import ExportError
from kg.normalize import entity_id
from kg.ontology import ontology_dir
from kg.rdf import (
    KGO_NS,
    decimal,
    document_iri,
    entity_iri,
    literal,
    quad_graphs,
    serialize,
    statement_iri,
)
from kg.readback import read_statements
from kg.store import read_store
from kg.types import Document, Entity, Evidence, Statement, Value

KGO, KGR, KGC, WD = (Namespace(ns) for ns in (KGO_NS, kg.rdf.KGR, kg.rdf.KGC, kg.rdf.WD))

JAPAN = Entity("kg:country/JPN", "Japan", "Country", "JPN")
USA = Entity("kg:country/USA", "United States", "Country", "USA")
TRUMP = Entity("kg:person/donald-trump", "Donald Trump", "Person", "USA")
PLEDGE = Statement("003.txt", JAPAN, "pledged_investment", USA,
                   Evidence("Japan had offered a roughly $550 billion investment pledge.", 1834, 1893),
                   confidence=0.82, value=Value(550_000_000_000, "USD", "$550 billion"))
TARIFF = Statement("004.txt", USA, "imposed_tariffs_on", JAPAN,
                   Evidence("The US imposed 25% tariffs on Japan.", 10, 46), modality="planned",
                   value=Value(25, "percent", "25%"))
OFFICIAL = Statement("004.txt", TRUMP, "head_of_state", USA, Evidence("US President Donald Trump.", 50, 76),
                     role="President")
DOCS = [Document("003.txt", "", title="Japan pledges", date="2025-10-28", url="https://example.org/a?b=1"),
        Document("004.txt", "")]



@pytest.fixture(scope="module")
def vocabulary():
    return Graph().parse(ontology_dir() / "vocabulary.ttl")


@pytest.fixture(scope="module")
def concepts():
    return Graph().parse(ontology_dir() / "concepts.ttl")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(ontology_dir() / "shapes.ttl")


def classes(graph: Graph, node) -> set[str]:
    """The class names a domain or range names: one class or an owl:unionOf list."""
    union = graph.value(node, OWL.unionOf)
    members = graph.items(union) if union is not None else [node]
    return {str(m).removeprefix(KGO_NS) for m in members}


def test_every_code_term_is_defined_in_the_vocabulary(vocabulary):
    terms = vars(kg.rdf.KGO)
    assert len(terms) > 20
    for name in terms:
        assert (KGO[name], RDF.type, None) in vocabulary, name


def test_every_relation_is_a_property_with_its_domain_range_and_definition(vocabulary, ontology):
    for name, relation in ontology.relations.items():
        prop = KGO[name]
        types = set(vocabulary.objects(prop, RDF.type))
        assert {OWL.ObjectProperty, KGO.Relation} <= types, name
        assert (OWL.SymmetricProperty in types) == relation.symmetric, name
        assert classes(vocabulary, vocabulary.value(prop, RDFS.domain)) == set(relation.domain), name
        assert classes(vocabulary, vocabulary.value(prop, RDFS.range)) == set(relation.range), name
        assert str(vocabulary.value(prop, SKOS.definition)) == relation.definition, name
        concept = vocabulary.value(prop, KGO.concept)
        assert concept == (KGC[f"cameo-{relation.cameo}"] if relation.cameo else None), name
    declared = {str(p).removeprefix(KGO_NS) for p in vocabulary.subjects(RDF.type, KGO.Relation)}
    assert declared == set(ontology.relations)


def test_the_concept_scheme_holds_every_cameo_code_under_its_plover_category(concepts, ontology):
    scheme = KGC[""]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in concepts
    for relation in ontology.relations.values():
        if not relation.cameo:
            continue
        cameo, plover = KGC[f"cameo-{relation.cameo}"], KGC[f"plover-{relation.plover}"]
        assert (cameo, SKOS.notation, Literal(relation.cameo)) in concepts
        assert (cameo, SKOS.broader, plover) in concepts
        assert (cameo, SKOS.inScheme, scheme) in concepts
        assert (plover, SKOS.topConceptOf, scheme) in concepts
        assert concepts.value(cameo, SKOS.prefLabel) is not None


def test_every_relation_has_a_shape_for_its_domain_and_range(shapes, ontology, vocabulary):
    def shape_classes(node) -> set[str]:
        alternatives = shapes.value(node, SH["or"])
        members = shapes.items(alternatives) if alternatives is not None else [node]
        return {str(shapes.value(m, SH["class"])).removeprefix(KGO_NS) for m in members}

    for name, relation in ontology.relations.items():
        shape = shapes.value(predicate=SH.targetSubjectsOf, object=KGO[name])
        assert shape is not None, name
        assert shape_classes(shape) == set(relation.domain), name
        prop = shapes.value(shape, SH.property)
        assert shapes.value(prop, SH.path) == KGO[name]
        assert shape_classes(prop) == set(relation.range), name
    for used in shapes.objects(None, SH["class"]):
        if str(used).startswith(KGO_NS):
            assert (used, RDF.type, OWL.Class) in vocabulary, used


def test_a_statement_is_an_event_node_with_value_mention_and_direct_edge():
    dataset = to_dataset(DOCS, [PLEDGE])
    doc = node(document_iri("003.txt"))
    graph = dataset.graph(doc)
    pledge = node(statement_iri(PLEDGE))
    japan, usa = KGR["country/JPN"], KGR["country/USA"]
    assert (japan, KGO.pledged_investment, usa) in dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (pledge, RDF.type, KGO.Statement) in graph
    assert graph.value(pledge, KGO.relation) == KGO.pledged_investment
    assert (graph.value(pledge, KGO.subject), graph.value(pledge, KGO.object)) == (japan, usa)
    assert graph.value(pledge, KGO.modality) == Literal("asserted")
    assert graph.value(pledge, KGO.confidence) == Literal("0.82", datatype=ns.XSD.decimal)
    assert graph.value(pledge, DCTERMS.date) == Literal("2025-10-28", datatype=ns.XSD.date)
    value = graph.value(pledge, KGO.value)
    assert (value, RDF.type, ns.SDO.MonetaryAmount) in graph
    assert graph.value(value, ns.SDO.value) == Literal("550000000000.0", datatype=ns.XSD.decimal)
    assert graph.value(value, ns.SDO.currency) == Literal("USD")
    mention = graph.value(pledge, PROV.wasDerivedFrom)
    assert (mention, RDF.type, KGO.Mention) in graph
    assert graph.value(mention, PROV.value) == Literal(PLEDGE.evidence.text)
    assert (graph.value(mention, KGO.start), graph.value(mention, KGO.end)) == (Literal(1834), Literal(1893))
    assert graph.value(mention, DCTERMS.source) == doc
    assert graph.value(doc, DCTERMS.title) == Literal("Japan pledges")
    assert graph.value(doc, ns.SDO.url) == Literal("https://example.org/a?b=1", datatype=ns.XSD.anyURI)
    assert graph.value(doc, DCTERMS.identifier) == Literal("003.txt")


def test_a_symmetric_relation_has_its_direct_edge_both_ways_and_one_statement():
    meeting = Statement("003.txt", JAPAN, "met_with", USA, Evidence("Japan met the United States.", 0, 28))
    dataset = to_dataset(DOCS, [meeting, PLEDGE])
    default, met = dataset.graph(DATASET_DEFAULT_GRAPH_ID), KGO.met_with
    japan, usa = KGR["country/JPN"], KGR["country/USA"]
    assert (japan, met, usa) in default and (usa, met, japan) in default
    pledge = KGO.pledged_investment
    assert (usa, pledge, japan) not in default
    assert len(list(dataset.graph(node(document_iri("003.txt"))).subjects(RDF.type, KGO.Statement))) == 2


def test_entities_get_labels_codes_and_wikidata_from_the_gazetteer():
    graph = to_dataset(DOCS, [PLEDGE]).graph(DATASET_DEFAULT_GRAPH_ID)
    japan = KGR["country/JPN"]
    assert (japan, RDF.type, KGO.Country) in graph
    assert graph.value(japan, SKOS.prefLabel) == Literal("Japan", lang="en")
    assert graph.value(japan, KGO.country) == Literal("JPN")
    assert graph.value(japan, SKOS.exactMatch) == WD["Q17"]
    assert Literal("United States of America", lang="en") in set(graph.objects(KGR["country/USA"], SKOS.altLabel))
    assert (japan, OWL.sameAs, None) not in graph


def test_each_document_has_its_own_graph_and_no_triple_is_in_two_graphs():
    again = Statement("004.txt", JAPAN, "pledged_investment", USA, Evidence("Japan pledged again.", 0, 20))
    dataset = to_dataset(DOCS, [PLEDGE, TARIFF, OFFICIAL, again])
    names = {g.identifier for g in dataset.graphs()} - {DATASET_DEFAULT_GRAPH_ID}
    assert names == {node(document_iri("003.txt")), node(document_iri("004.txt"))}
    graph = dataset.graph(node(document_iri("004.txt")))
    assert (node(statement_iri(PLEDGE)), None, None) not in graph
    assert (node(statement_iri(again)), None, None) in graph
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == len({(s, p, o) for s, p, o, _ in quads})


def test_percentages_and_roles_are_typed():
    graph = to_dataset(DOCS, [TARIFF, OFFICIAL]).graph(node(document_iri("004.txt")))
    value = graph.value(node(statement_iri(TARIFF)), KGO.value)
    assert (value, RDF.type, KGO.Percentage) in graph
    assert graph.value(value, ns.SDO.value) == Literal("25.0", datatype=ns.XSD.decimal)
    assert graph.value(node(statement_iri(OFFICIAL)), KGO.role) == Literal("President")


def test_unknown_relations_and_types_are_export_errors():
    with pytest.raises(ExportError, match="'likes' is not in relations.tsv"):
        to_dataset(DOCS, [Statement("003.txt", JAPAN, "likes", USA, PLEDGE.evidence)])
    planet = Entity("kg:planet/mars", "Mars", "Planet")
    with pytest.raises(ExportError, match="type 'Planet'"):
        to_dataset(DOCS, [Statement("003.txt", planet, "met_with", USA, PLEDGE.evidence)])


def test_decimals_are_written_in_plain_notation():
    assert decimal(1e20) == '"100000000000000000000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert decimal(0.125) == '"0.125"^^<http://www.w3.org/2001/XMLSchema#decimal>'


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_literals_are_written_as_oxigraph_writes_them(value):
    assert literal(value) == str(ox.Literal(value))
    assert literal(value, lang="en") == str(ox.Literal(value, language="en"))


def test_turtle_and_ntriples_are_the_explicit_union_of_the_graphs():
    dataset = to_dataset(DOCS, [PLEDGE, TARIFF, OFFICIAL])
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(union) > 40
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt")):
        assert isomorphic(Graph().parse(data=text(DOCS, [PLEDGE, TARIFF, OFFICIAL], fmt), format=parser), union)


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_dataset_formats_keep_the_document_graphs(fmt, tmp_path):
    dataset = to_dataset(DOCS, [PLEDGE, TARIFF, OFFICIAL])
    path = write(tmp_path / f"graph.{fmt}", DOCS, [PLEDGE, TARIFF, OFFICIAL])
    store = ox.Store()
    store.load(path=str(path), format={"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
                                       "jsonld": ox.RdfFormat.JSON_LD}[fmt])
    assert {str(g) for g in store.named_graphs()} == {document_iri("003.txt"), document_iri("004.txt")}
    assert len(store) == len(list(dataset.quads((None, None, None, None))))
    default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(default) == len(dataset.graph(DATASET_DEFAULT_GRAPH_ID))


def test_statements_read_back_from_a_written_graph(tmp_path):
    path = write(tmp_path / "graph.trig", DOCS, [PLEDGE, TARIFF, OFFICIAL])
    entities, statements = read_statements(path)
    assert {e.id for e in entities} == {JAPAN.id, USA.id, TRUMP.id}
    assert next(e for e in entities if e.id == JAPAN.id).wikidata == "Q17"
    by_relation = {s.relation: s for s in statements}
    assert set(by_relation) == {"pledged_investment", "imposed_tariffs_on", "head_of_state"}
    pledge = by_relation["pledged_investment"]
    assert (pledge.doc, pledge.subject.label, pledge.object.label) == ("003.txt", "Japan", "United States")
    assert pledge.value == PLEDGE.value and pledge.evidence == PLEDGE.evidence
    assert by_relation["imposed_tariffs_on"].modality == "planned"
    assert by_relation["imposed_tariffs_on"].value.unit == "percent"
    assert by_relation["head_of_state"].role == "President"


ASCII_IRI = re.compile(r"<https://w3id\.org/kg/id/[A-Za-z0-9_./-]+>")
names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40) | st.sampled_from(
    ['"quoted"', "<b>tag</b>", "a>b<c", "{x}", "[x]", "🇯🇵 Japan", "שלום עולם", "مرحبا", "\u202eevil", "a\\b", " "])


@settings(max_examples=60, deadline=None)
@given(name=names, doc=names, kind=st.sampled_from(["Person", "Organization", "Location", "City"]))
def test_minted_iris_are_ascii_stable_and_parse_strictly(name, doc, kind):
    ids = [entity_id(None, name, kind), "kg:" + name]
    entities = [Entity(i, name, kind) for i in ids]
    statements = [Statement(doc, e, "visited" if kind != "City" else "located_in", JAPAN,
                            Evidence(name, 0, len(name))) for e in entities]
    documents = [Document(doc, "", title=name)]
    dataset = to_dataset(documents, statements)
    for iri in [document_iri(doc), *map(entity_iri, entities), *map(statement_iri, statements)]:
        assert ASCII_IRI.fullmatch(iri), iri
    assert [entity_iri(e) for e in entities] == [entity_iri(Entity(i, name, kind)) for i in ids]
    for fmt, ox_fmt in (("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG), ("ttl", ox.RdfFormat.TURTLE)):
        store = ox.Store()
        store.load(text(documents, statements, fmt), ox_fmt)
        assert len(store) == (len(union_graph(documents, statements)) if fmt == "ttl" else len(list(dataset.quads())))
        labels = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(SKOS.prefLabel)), None)}
        assert name in labels


def test_a_dataset_of_nothing_is_empty_but_valid():
    assert len(Graph().parse(data="".join(serialize([], "ttl")), format="turtle")) == 0


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_export_converts_keeping_graphs_or_giving_their_union(fmt, tmp_path):
    source = write(tmp_path / "graph.trig", DOCS, [PLEDGE, TARIFF, OFFICIAL])
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    exported = {str(q) for q in read_store(target)}
    if fmt in ("trig", "nq", "jsonld"):
        assert exported == {str(q) for q in read_store(source)}
    else:
        assert exported == {str(ox.Quad(q.subject, q.predicate, q.object)) for q in read_store(source)}
        assert len(exported) == len(union_graph(DOCS, [PLEDGE, TARIFF, OFFICIAL]))


def test_export_to_an_unknown_format_is_an_error(tmp_path):
    source = write(tmp_path / "graph.trig", DOCS, [PLEDGE])
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 2  # bad usage
    assert "out.txt does not end in .ttl, .nt, .trig, .nq or .jsonld" in result.output
    assert not (tmp_path / "out.txt").exists()


def test_group_actor_kinds_are_statement_terms_and_read_back(tmp_path):
    attack = Statement("004.txt", JAPAN, "attacked", USA, Evidence("Japanese troops fired on US prisoners.", 80, 118),
                       subject_kind="military", object_kind="prisoners")
    attack_node = node(statement_iri(attack))
    assert (attack_node, KGO.subjectKind, Literal("military")) in union_graph(DOCS, [attack])
    assert (attack_node, KGO.objectKind, Literal("prisoners")) in union_graph(DOCS, [attack])
    [back] = read_statements(write(tmp_path / "graph.trig", DOCS, [attack]))[1]
    assert (back.subject_kind, back.object_kind) == ("military", "prisoners")


XSD = "http://www.w3.org/2001/XMLSchema#"
locals_ = st.from_regex(r"(?:[A-Za-z0-9_./~-]|%20){0,12}", fullmatch=True)
iris = st.builds(lambda ns, local: ox.NamedNode(ns + local),
                 st.sampled_from([KGO_NS, kg.rdf.KGR, "http://www.w3.org/2004/02/skos/core#", "http://example.org/"]),
                 locals_)
literals = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12).map(ox.Literal),
    st.builds(lambda v: ox.Literal(v, language="en"), st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)),
    st.builds(lambda v, t: ox.Literal(v, datatype=ox.NamedNode(XSD + t)),
              st.sampled_from(["1", "-0", "+12", "01", "1.", ".5", "0.25", "1e5", "-1.5E-3", "INF", "true", "no", "x"]),
              st.sampled_from(["integer", "decimal", "double", "boolean", "date", "string"])))
quads = st.builds(ox.Quad, iris | st.just(ox.BlankNode("b0")), iris, iris | literals | st.just(ox.BlankNode("b1")),
                  st.sampled_from([ox.DefaultGraph(), ox.NamedNode("http://example.org/g"),
                                   ox.NamedNode(kg.rdf.KGR + "doc/a")]))


@settings(max_examples=150, deadline=None)
@given(st.lists(quads, max_size=12))
def test_the_serializer_writes_any_quads_so_that_they_parse_back(found):
    """Prefixed names, bare numbers and booleans only where they read back as the same term."""
    for fmt, ox_fmt in (("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)):
        written = "".join(serialize(quad_graphs(found), fmt))
        assert set(ox.parse(written, format=ox_fmt)) == set(found), written
    for fmt, ox_fmt in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)):
        written = "".join(serialize(quad_graphs(found, union=True), fmt))
        triples = list(ox.parse(written, format=ox_fmt))
        assert len(triples) == len(set(triples)) == len({q.triple for q in found}), written
        assert {q.triple for q in triples} == {q.triple for q in found}
