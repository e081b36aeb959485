"""The page as a string and the view limits, without a browser (tests/test_browser.py runs it)."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from kg.errors import KGError
from kg.graph import to_graph
from kg.html import EVIDENCE_PER_EDGE, limit_view, marks, network, safe_json, spread, to_html
from kg.types import Document, Entity, Evidence, Statement, Value

JPN = Entity("kg:country/JPN", "Japan", "Country", "JPN")
USA = Entity("kg:country/USA", "United States", "Country", "USA")
CHN = Entity("kg:country/CHN", "China", "Country", "CHN")
PM = Entity("kg:person/sanae-takaichi", "Sanae Takaichi", "Person", "JPN")
HOSTILE = '<img src=x onerror="window.pwned=1">'


def st(subject, relation, obj, text="It happened.", modality="asserted", confidence=0.8, doc="a.txt", value=None):
    return Statement(doc, subject, relation, obj, Evidence(text, 0, len(text)), modality, confidence, value)


STATEMENTS = [
    st(JPN, "pledged_investment", USA, "Japan pledged $550 billion.", value=Value(5.5e11, "USD", "$550 billion")),
    st(JPN, "pledged_investment", USA, "Japan will invest more.", "planned", 0.6, doc="b.txt"),
    st(USA, "criticized", CHN, "Washington criticized Beijing.", confidence=0.5),
    st(PM, "head_of_government", JPN, "Japan's prime minister, Sanae Takaichi.", confidence=0.9),
    st(JPN, "met_with", CHN, "Japan did not meet China.", "negated", 0.4),
    st(CHN, "met_with", JPN, "China met Japan.", "asserted", 0.7),
]
GRAPH = to_graph([JPN, USA, CHN, PM], STATEMENTS)


class Page(HTMLParser):
    """Script bodies and every element's attributes."""

    def __init__(self, text: str):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.attributes: list[tuple[str, dict]] = []
        self._script: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.attributes.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None

    def handle_endtag(self, tag):
        self._script = None


def page_data(text: str) -> dict:
    return json.loads(next(body for attrs, body in Page(text).scripts if attrs.get("id") == "kg-data"))


def test_edges_are_merged_per_triple_with_count_and_all_evidence(ontology):
    edges = network(GRAPH, ontology).edges
    pledge = [e for e in edges if e["relation"] == "pledged_investment"]
    assert len(pledge) == 1 and pledge[0]["count"] == 2
    assert [(v["doc"], v["text"], v["modality"], v["value"]) for v in pledge[0]["evidence"]] == [
        ("a.txt", "Japan pledged $550 billion.", "asserted", "$550 billion"),
        ("b.txt", "Japan will invest more.", "planned", "")]
    assert pledge[0]["modalities"] == ["asserted", "planned"]
    assert len(edges) == 4


def test_an_edge_embeds_its_most_confident_sentences_and_counts_all_its_statements(ontology):
    many = [st(JPN, "criticized", USA, f"Japan criticized Washington, part {n}.", confidence=0.5 + n / 100,
               doc=f"{n:02d}.txt") for n in range(EVIDENCE_PER_EDGE + 5)]
    many.append(st(JPN, "criticized", USA, "Japan may criticize Washington.", "possible", 0.3, doc="late.txt"))
    few = [st(USA, "criticized", CHN, f"Washington criticized Beijing, part {n}.") for n in range(3)]
    edges = {e["to"]: e for e in network(to_graph([JPN, USA, CHN], many + few), ontology).edges}
    kept = edges[USA.id]["evidence"]
    assert len(kept) == EVIDENCE_PER_EDGE and edges[USA.id]["count"] == EVIDENCE_PER_EDGE + 6
    assert {v["doc"] for v in kept} == {f"{n:02d}.txt" for n in range(5, EVIDENCE_PER_EDGE + 5)}
    tally = edges[USA.id]["tally"]
    assert sum(t["n"] for t in tally) == EVIDENCE_PER_EDGE + 6  # the filters see the left-out statements too
    assert {"modality": "possible", "confidence": 0.3, "date": "", "until": "", "n": 1} in tally
    assert edges[USA.id]["modalities"] == ["asserted", "possible"]
    assert len(edges[CHN.id]["evidence"]) == edges[CHN.id]["count"] == 3
    assert edges[CHN.id]["tally"] == [{"modality": "asserted", "confidence": 0.8, "date": "", "until": "", "n": 3}]


def test_equally_confident_sentences_are_kept_in_their_order(ontology):
    same = [st(JPN, "criticized", USA, f"Japan criticized Washington, part {n}.", doc=f"{n:02d}.txt")
            for n in range(EVIDENCE_PER_EDGE + 2)]
    (edge,) = network(to_graph([JPN, USA], reversed(same)), ontology).edges
    assert [v["doc"] for v in edge["evidence"]] == [f"{n:02d}.txt" for n in range(2, EVIDENCE_PER_EDGE + 2)]


def test_edge_colour_follows_plover_stance_and_style_follows_modality(ontology):
    edges = {e["relation"]: e for e in network(GRAPH, ontology).edges}
    assert edges["pledged_investment"]["stance"] == "cooperation"  # AGREE
    assert edges["criticized"]["stance"] == "conflict"  # DISAPPROVE
    assert edges["head_of_government"]["stance"] == "neutral"
    assert len({edges[r]["color"]["color"] for r in ("pledged_investment", "criticized", "head_of_government")}) == 3
    assert edges["met_with"]["count"] == 2 and edges["met_with"]["modalities"] == ["asserted", "negated"]
    assert edges["met_with"]["arrows"]["to"]["enabled"] is False  # symmetric: both directions, one edge
    styles = {m: network(to_graph([JPN, USA], [st(JPN, "criticized", USA, modality=m)]), ontology).edges[0]["dashes"]
              for m in ("asserted", "planned", "possible", "negated")}
    assert styles["asserted"] is False and len({str(v) for v in styles.values()}) == 4  # each its own line style
    assert edges["pledged_investment"]["dashes"] is False
    assert edges["criticized"]["arrows"]["to"]["enabled"] is True


def test_nodes_are_styled_by_class_and_sized_by_degree(ontology):
    nodes = {n["id"]: n for n in network(GRAPH, ontology).nodes}
    assert nodes[JPN.id]["value"] == 5 and nodes[PM.id]["value"] == 1
    assert nodes[JPN.id]["shape"] != nodes[PM.id]["shape"]
    assert nodes[JPN.id]["color"] == nodes[USA.id]["color"] != nodes[PM.id]["color"]
    assert (nodes[PM.id]["kind"], nodes[PM.id]["country"]) == ("Person", "JPN")


def test_parallel_edges_bend_apart_and_lone_edges_stay_plain():
    options = spread([("a", "b"), ("b", "a"), ("a", "b"), ("a", "c")], 100)
    bends = [(o["smooth"]["type"], o["smooth"]["roundness"]) if "smooth" in o else None for o in options[:3]]
    assert len(set(bends)) == 3
    assert all(o["length"] > 100 for o in options[:3]) and options[3] == {}


def test_limit_view_by_relation_country_and_confidence():
    view = limit_view(GRAPH, relations=["pledged_investment", "criticized"])
    assert sorted(a["relation"] for _, _, a in view.edges(data=True)) == ["criticized"] + ["pledged_investment"] * 2
    assert set(view) == {JPN.id, USA.id, CHN.id}
    by_name = limit_view(GRAPH, countries=["china"])
    assert set(by_name) == {USA.id, JPN.id, CHN.id} and by_name.number_of_edges() == 3
    assert set(limit_view(GRAPH, countries=["JPN"])) == {JPN.id, USA.id, CHN.id, PM.id}
    confident = limit_view(GRAPH, min_confidence=0.7)
    assert sorted(a["confidence"] for _, _, a in confident.edges(data=True)) == [0.7, 0.8, 0.9]
    assert limit_view(GRAPH).number_of_edges() == len(STATEMENTS)


def test_limit_view_keeps_the_most_connected_nodes():
    view = limit_view(GRAPH, max_nodes=2)
    assert set(view) == {JPN.id, CHN.id}  # degree 5, then 3 (China before United States by id)
    assert view.number_of_edges() == 2


def test_limit_view_keeps_a_connected_selection():
    leaves = [Entity(f"kg:person/p{i}", f"P{i}", "Person", "JPN") for i in range(4)]
    pair = [Entity("kg:country/AAA", "A", "Country", "AAA"), Entity("kg:country/BBB", "B", "Country", "BBB")]
    graph = to_graph([*leaves, *pair], [*(st(PM, "head_of_government", JPN) for _ in range(3)),
                                        *(st(JPN, "criticized", p) for p in leaves),
                                        *(st(pair[0], "criticized", pair[1]) for _ in range(3))])
    for size in range(2, graph.number_of_nodes()):
        view = limit_view(graph, max_nodes=size)
        assert view.number_of_nodes() in (size, size - 1)  # one place left over rather than a lone node
        assert all(view.degree(n) for n in view), size
    assert set(limit_view(graph, max_nodes=3)) == {JPN.id, PM.id, "kg:person/p0"}  # grown from Japan, busiest first


def test_evidence_names_its_document_and_marks_its_parts(ontology):
    text = "Washington criticized Beijing, and the Chinese answered."
    graph = to_graph([USA, CHN], [Statement("a.txt", USA, "criticized", CHN, Evidence(text, 0, len(text)),
                                            trigger="criticized")])
    documents = {"a.txt": Document("a.txt", "", title="Trade war", url="ftp://example.org/a")}
    (evidence,) = network(graph, ontology, documents).edges[0]["evidence"]
    assert (evidence["title"], evidence["url"]) == ("Trade war", "")  # only http(s) addresses become links
    assert [(text[a:b], role) for a, b, role in evidence["marks"]] == [
        ("Washington", "subject"), ("criticized", "trigger"), ("Beijing", "object"), ("Chinese", "object")]
    assert marks("🙂 Japan", [("subject", ["Japan"])]) == [[3, 8, "subject"]]  # JavaScript string offsets
    assert network(graph, ontology).edges[0]["evidence"][0]["title"] == "a.txt"


def test_limit_view_rejects_unknown_relations_and_countries():
    with pytest.raises(KGError, match="unknown relation 'likes'"):
        limit_view(GRAPH, relations=["likes"])
    with pytest.raises(KGError, match="no country 'Atlantis' in the graph"):
        limit_view(GRAPH, countries=["Atlantis"])


def test_safe_json_cannot_close_its_script_element():
    text = safe_json({"x": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script> & <!--"}


def test_page_is_self_contained_with_a_csp_allowing_only_its_own_scripts():
    text = to_html(GRAPH, title="seeds")
    page = Page(text)
    csp = next(a["content"] for tag, a in page.attributes if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    code = [body for attrs, body in page.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2  # vis-network and the page's own
    for body in code:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert not [(tag, a) for tag, a in page.attributes if {"src", "href"} & a.keys() or tag in ("link", "iframe")]
    assert len(page_data(text)["nodes"]) == 4 and len(page_data(text)["edges"]) == 4


def test_hostile_strings_reach_the_page_only_as_json_data():
    evil = Entity("kg:person/evil", HOSTILE, "Person", "</script>")
    doc = "<script>window.pwned=2</script>.txt"
    said = f"{HOSTILE} said 'javascript:x' \"q\""
    text = to_html(to_graph([evil, JPN], [st(evil, "criticized", JPN, said, doc=doc)]), title="<b>title</b>")
    page = Page(text)
    assert len(page.scripts) == 3 and "<" not in page.scripts[0][1]  # the data cannot close its element
    markup = text
    for _, body in page.scripts:
        markup = markup.replace(body, "")
    assert "<img" not in markup and "window.pwned" not in markup and "&lt;b&gt;title&lt;/b&gt;" in markup
    data = page_data(text)
    assert {n["label"] for n in data["nodes"]} == {HOSTILE, "Japan"}
    assert data["edges"][0]["evidence"][0]["doc"] == doc


def test_empty_graph_gives_a_page():
    assert page_data(to_html(to_graph([], [])))["nodes"] == []


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_kg_viz_limits_the_view(seeds_build, tmp_path):
    graph_file, page = seeds_build[1] / "graph.ttl", tmp_path / "page.html"
    done = kg("viz", str(graph_file), "-o", str(page), "--country", "China", "--min-confidence", "0.5",
              "--max-nodes", "4")
    assert done.returncode == 0, done.stderr
    data = page_data(page.read_text(encoding="utf-8"))
    countries = {n["id"]: n["country"] for n in data["nodes"]}
    assert 2 <= len(countries) <= 4 and data["edges"]
    assert all("CHN" in (countries[e["from"]], countries[e["to"]]) for e in data["edges"])
    assert all(v["confidence"] >= 0.5 for e in data["edges"] for v in e["evidence"])
    bad = kg("viz", str(graph_file), "-o", str(tmp_path / "bad.html"), "--relation", "likes")
    assert bad.returncode == 1
    assert bad.stderr.strip() == "kg: error: unknown relation 'likes' (see ontology/relations.tsv)"
    assert not (tmp_path / "bad.html").exists()
