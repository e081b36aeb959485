"""The page in a real browser: headless Chromium (Debian's package) driven by Playwright.

Every page must load with no console error and no network request, show the graph's nodes,
and show evidence on a click; a hostile article's markup must stay text.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from kg.files import atomic_write
from kg.graph import to_graph
from kg.html import EVIDENCE_PER_EDGE, to_html
from kg.pipeline import build
from kg.types import Document, Entity, Evidence, Statement, Value

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Each payload, if it ever ran, would set window.pwned and the document title.
IMG = "<img src=x onerror=\"window.pwned=1;document.title='pwned'\">"
ARTICLE_TXT = f"""Japan criticized China over the {IMG} export controls on Tuesday.

South Korea signed an agreement with the United States on '"><img src=x onerror=window.pwned=2> shipbuilding.

The Acme<img src=x onerror=window.pwned=3> Corporation accused the United States of dumping steel.

Japan's prime minister, Sanae Takaichi, said Japan will invest "$550 billion" in the United States \
<svg onload="window.pwned=4"> next year, javascript:window.pwned=5 officials said.
"""
ARTICLE_HTML = """<html><body><p>China accused Japan of provocations \
&lt;script&gt;window.pwned=6;document.title="pwned"&lt;/script&gt; near the islands.</p></body></html>
"""


@dataclass
class Opened:
    page: Page
    url: str
    requests: list[str]
    errors: list[str]

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Browser, path: Path) -> Opened:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = Opened(page, path.resolve().as_uri(), [], [])
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.goto(opened.url)
    page.wait_for_function("() => window.kg && window.kg.ready", timeout=60_000)
    return opened


def assert_clean(opened: Opened) -> None:
    """No console error, no request but the page itself, no payload ran."""
    assert opened.errors == []
    assert [u for u in opened.requests if u != opened.url and not u.startswith(("data:", "about:"))] == []
    assert opened.js("window.pwned") is None
    assert opened.page.title() != "pwned"


def details(opened: Opened) -> dict:
    return opened.js("""() => {
        const box = document.getElementById("details");
        return {title: box.querySelector("h3")?.textContent,
                fields: [...box.querySelectorAll("dd")].map(d => d.textContent),
                evidence: [...box.querySelectorAll("blockquote")].map(b => b.textContent),
                links: [...box.querySelectorAll("button")].map(b => b.textContent),
                markup: box.querySelectorAll("img, script, svg, a, iframe, object").length};
    }""")


def click_canvas(opened: Opened, point: dict) -> None:
    box = opened.page.locator("#graph canvas").bounding_box()
    opened.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


@pytest.fixture(scope="module")
def seeds(seeds_build) -> tuple[Path, list[dict]]:
    out = seeds_build[1]
    records = [json.loads(line) for line in (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    return out / "graph.html", records


def edge_key(subject: str, relation: str, obj: str, ontology) -> tuple[str, str, str]:
    """The page's edge for a statement: ends in id order for a symmetric relation."""
    if ontology.relations[relation].symmetric:
        subject, obj = sorted((subject, obj))
    return subject, relation, obj


def triple(record: dict, ontology) -> tuple[str, str, str]:
    return edge_key(record["subject"]["id"], record["relation"], record["object"]["id"], ontology)


def test_seeds_page_shows_every_entity_and_triple_offline(browser, seeds, ontology):
    path, records = seeds
    opened = open_page(browser, path)
    entities = {r[end]["id"] for r in records for end in ("subject", "object")}
    triples = {triple(r, ontology) for r in records}
    assert set(opened.js("window.kg.nodes.getIds()")) == entities
    assert opened.js("JSON.parse(document.getElementById('kg-data').textContent).nodes.length") == len(entities)
    assert set(map(tuple, opened.js("window.kg.edges.get().map(e => [e.from, e.relation, e.to])"))) == triples
    assert opened.page.locator("#stats").text_content() == (
        f"{len(entities)} of {len(entities)} nodes · {len(triples)} of {len(triples)} edges")
    positions = opened.js("window.kg.network.getPositions()")
    opened.page.wait_for_timeout(300)
    assert opened.js("window.kg.network.getPositions()") == positions  # physics has stopped
    assert_clean(opened)


def test_clicking_an_edge_shows_every_evidence_sentence(browser, seeds, ontology):
    path, records = seeds
    opened = open_page(browser, path)
    # The busiest edge whose midpoint is free of nodes and other edges.
    target = opened.js("""() => {
        const net = window.kg.network;
        const free = window.kg.edges.get().map(e => {
            const at = net.canvasToDOM(net.body.edges[e.id].edgeType.getPoint(0.5));
            return {id: e.id, at, count: e.count};
        }).filter(c => net.getEdgeAt(c.at) === c.id && net.getNodeAt(c.at) === undefined);
        return free.sort((a, b) => b.count - a.count)[0];
    }""")
    click_canvas(opened, target["at"])
    edge = opened.js("id => window.kg.edges.get(id)", target["id"])
    expected = sorted(r["evidence"]["text"] for r in records
                      if triple(r, ontology) == (edge["from"], edge["relation"], edge["to"]))
    shown = details(opened)
    assert edge["relation"] in shown["title"]
    assert sorted(shown["evidence"]) == expected and expected
    assert_clean(opened)


def test_clicking_a_node_shows_its_details_and_relations(browser, seeds, ontology):
    path, records = seeds
    opened = open_page(browser, path)
    japan = opened.js("id => window.kg.network.canvasToDOM(window.kg.network.getPositions([id])[id])", "kg:country/JPN")
    click_canvas(opened, japan)
    shown = details(opened)
    assert shown["title"] == "Japan"
    assert {"Country", "Japan (JPN)", "kg:country/JPN"} <= set(shown["fields"])
    touching = {triple(r, ontology) for r in records if "kg:country/JPN" in (r["subject"]["id"], r["object"]["id"])}
    assert len(shown["links"]) == len(touching)
    opened.page.locator("#details button", has_text="pledged_investment").first.click()
    assert any("$550 billion" in text for text in details(opened)["evidence"])
    assert_clean(opened)


def test_search_and_filters(browser, seeds):
    path, _ = seeds
    opened = open_page(browser, path)
    page = opened.page
    page.locator("#search").fill("takai")
    page.locator("#results button", has_text="Sanae Takaichi").click()
    assert details(opened)["title"] == "Sanae Takaichi"

    shown_nodes = "() => window.kg.nodes.get({filter: n => !n.hidden})"
    shown_edges = "() => window.kg.edges.get({filter: e => !e.hidden})"
    page.locator("#classes label", has_text="Person").locator("input").uncheck()
    kinds = {n["kind"] for n in opened.js(shown_nodes)}
    assert "Person" not in kinds and "Country" in kinds
    page.locator("#classes label", has_text="Person").locator("input").check()

    page.locator("#country").select_option("CHN")
    edges = opened.js(shown_edges)
    countries = {n["id"]: n["country"] for n in opened.js("window.kg.data.nodes")}
    assert edges and all("CHN" in (countries[e["from"]], countries[e["to"]]) for e in edges)
    page.locator("#country").select_option("")

    page.locator("#modalities label", has_text="asserted").locator("input").uncheck()
    assert all(set(e["modalities"]) - {"asserted"} for e in opened.js(shown_edges))
    page.locator("#modalities label", has_text="asserted").locator("input").check()

    page.locator("#relation-filter summary").click()
    page.locator("#no-relations").click()
    assert opened.js(shown_edges) == []
    page.locator("#relations label", has_text="criticized").locator("input").check()
    assert {e["relation"] for e in opened.js(shown_edges)} == {"criticized"}
    assert_clean(opened)


def hostile_graph(tmp_path: Path):
    """The hostile articles through the real pipeline, plus entities whose every field is hostile."""
    (tmp_path / "hostile.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (tmp_path / "hostile.html").write_text(ARTICLE_HTML, encoding="utf-8")
    result = build([tmp_path])
    assert sum(tag in s.evidence.text for s in result.statements for tag in ("<img", "<script", "<svg")) >= 3
    evil = Entity("kg:person/evil", f"Mr {IMG} \"quoted\" 'single'", "Person", "<script>window.pwned=7</script>")
    org = Entity("kg:organization/<svg onload=window.pwned=8>", "</script><script>window.pwned=9</script>",
                 "<b onmouseover=window.pwned=10>Org</b>")
    link = Entity("kg:country/XXX", '<a href="javascript:window.pwned=11">click</a>', "Country", "XXX")
    said = f"{IMG} said <script>window.pwned=12</script> and <a href='javascript:window.pwned=13'>this</a>"
    made = [Statement(f"doc{IMG}.txt", evil, "threatened", org, Evidence(said, 0, len(said)), "possible", 0.7,
                      Value(1e9, "USD", f"$1 billion{IMG}")),
            Statement("doc2", link, "met_with", evil, Evidence(f"'\"{IMG}", 0, 5), "negated", 0.5)]
    entities = {e.id: e for e in (*result.entities, evil, org, link)}
    return to_graph(entities.values(), [*result.statements, *made]), [*result.statements, *made]


def test_hostile_article_stays_text(browser, tmp_path, ontology):
    graph, statements = hostile_graph(tmp_path)
    path = atomic_write(tmp_path / "hostile-page.html", to_html(graph))
    opened = open_page(browser, path)
    assert opened.js("window.kg.nodes.length") == graph.number_of_nodes()
    assert_clean(opened)
    labels = dict(graph.nodes(data="label"))
    for node in labels:
        opened.js("id => window.kg.network.emit('click', {nodes: [id], edges: []})", node)
        shown = details(opened)
        assert shown["title"] == labels[node] and shown["markup"] == 0
    evidence = {}
    for s in statements:
        evidence.setdefault(edge_key(s.subject.id, s.relation, s.object.id, ontology), []).append(s.evidence.text)
    for edge in opened.js("window.kg.edges.get()"):
        opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", edge["id"])
        shown = details(opened)
        assert sorted(shown["evidence"]) == sorted(evidence[(edge["from"], edge["relation"], edge["to"])])
        assert shown["markup"] == 0
    opened.page.locator("#search").fill("<img")
    assert any(IMG in text for text in opened.page.locator("#results button").all_text_contents())
    assert opened.js("document.querySelectorAll('#panel img, #panel script, #panel a').length") == 0
    assert_clean(opened)


def scale_free_graph(size: int):
    """`size` people with made-up names, each linked to two earlier ones, the earliest the busiest."""
    pick = random.Random(5)
    syllables = ["ka", "lo", "mi", "ra", "tu", "ven", "sor", "dal", "ne", "vo", "ri", "sa", "bel", "tor"]
    people = [Entity(f"kg:person/p{i}", " ".join("".join(pick.choice(syllables) for _ in range(3)).capitalize()
                                                  for _ in range(2)), "Person", "XXX") for i in range(size)]
    statements, ends = [], [0, 1]
    for i in range(2, size):
        for j in {pick.choice(ends), pick.choice(ends)}:
            text = f"{people[i].label} met {people[j].label}."
            statements.append(Statement("d", people[i], "met_with", people[j], Evidence(text, 0, len(text))))
            ends += [i, j]
    return to_graph(people, statements)


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for n, a in enumerate(boxes) for b in boxes[n + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


def test_the_most_connected_nodes_are_labelled_at_overview_without_overlap(browser, tmp_path):
    graph = scale_free_graph(300)
    opened = open_page(browser, atomic_write(tmp_path / "big.html", to_html(graph)))
    busiest = sorted(graph, key=lambda n: (-graph.degree(n), n))
    labels = opened.js("window.kg.labels")
    assert 30 <= len(labels) < 300
    assert set(busiest[:10]) <= {b["id"] for b in labels}
    assert overlapping(labels) == []
    width, height = opened.js("[document.querySelector('#graph canvas').clientWidth, "
                              "document.querySelector('#graph canvas').clientHeight]")
    assert all(0 <= b["x"] + b["w"] / 2 <= width and -20 <= b["y"] <= height for b in labels)
    quiet = busiest[-1]  # the least connected: unlabelled until selected, then with its neighbours
    neighbours = set(graph.successors(quiet)) | set(graph.predecessors(quiet))
    opened.js("id => { window.kg.network.selectNodes([id]); window.kg.network.redraw(); }", quiet)
    opened.page.wait_for_timeout(100)
    assert {quiet, *neighbours} <= {b["id"] for b in opened.js("window.kg.labels")}
    opened.page.screenshot(path=str(tmp_path / "big.png"))
    assert_clean(opened)


def test_the_panel_follows_the_filters_and_the_view_refits(browser, seeds):
    path, records = seeds
    opened = open_page(browser, path)
    page = opened.page
    edge = opened.js("window.kg.edges.get().sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))[0]")
    opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", edge["id"])
    assert len(details(opened)["evidence"]) == edge["count"]
    page.locator("#relation-filter summary").click()
    row = page.locator("#relations label", has_text=edge["relation"].replace("_", " "))
    assert row.locator(".count").text_content() == str(sum(1 for e in opened.js("window.kg.edges.get()")
                                                           if e["relation"] == edge["relation"]))
    row.locator("input").uncheck()
    assert opened.js("id => window.kg.edges.get(id).hidden", edge["id"]) is True
    assert details(opened)["evidence"] == []
    assert "hidden by the filters" in page.locator("#details").text_content()
    row.locator("input").check()
    assert len(details(opened)["evidence"]) == edge["count"]

    page.locator("#confidence").fill("0.8")
    shown = opened.js("() => window.kg.edges.get({filter: e => !e.hidden})")
    hidden = opened.js("() => window.kg.edges.get({filter: e => e.hidden})")
    assert shown and hidden
    assert all(max(v["confidence"] for v in e["evidence"]) >= 0.8 for e in shown)
    assert all(max(v["confidence"] for v in e["evidence"]) < 0.8 for e in hidden)
    evidence = details(opened)["evidence"]
    assert len(evidence) == sum(v["confidence"] >= 0.8 for v in edge["evidence"])
    page.locator("#confidence").fill("0")

    page.locator("#country").select_option("KOR")
    inside = opened.js("""() => {
        const net = window.kg.network, canvas = document.querySelector('#graph canvas');
        return window.kg.nodes.get({filter: n => !n.hidden}).map(n => net.canvasToDOM(net.getPositions([n.id])[n.id]))
            .every(p => p.x >= 0 && p.y >= 0 && p.x <= canvas.clientWidth && p.y <= canvas.clientHeight);
    }""")
    assert inside
    assert opened.js("window.kg.network.getScale()") > 0.5  # fitted to the few nodes left, not the whole graph
    assert_clean(opened)


def test_evidence_marks_its_entities_and_trigger_as_text_and_names_its_document(browser, tmp_path):
    japan = Entity("kg:country/JPN", "Japan", "Country", "JPN")
    evil = Entity("kg:person/evil", f"Mr {IMG}", "Person", "XXX")
    text = f"Tokyo criticized Mr {IMG} after Japanese officials met him."
    statements = [Statement("a.txt", japan, "criticized", evil, Evidence(text, 0, len(text)), trigger="criticized"),
                  Statement("b.txt", evil, "met_with", japan, Evidence("Mr X met Japan.", 0, 15))]
    documents = {"a.txt": Document("a.txt", "", title=f"Title {IMG}", url="https://example.org/a?b=<i>"),
                 "b.txt": Document("b.txt", "", title="Second", url="javascript:window.pwned=14")}
    page = to_html(to_graph([japan, evil], statements), documents=documents)
    opened = open_page(browser, atomic_write(tmp_path / "marks.html", page))
    edge = opened.js("window.kg.edges.get({filter: e => e.relation === 'criticized'})[0]")
    opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", edge["id"])
    marks = opened.js("[...document.querySelectorAll('#details blockquote mark')]"
                      ".map(m => [m.className, m.textContent])")
    assert marks == [["subject", "Tokyo"], ["trigger", "criticized"], ["object", f"Mr {IMG}"], ["subject", "Japanese"]]
    assert details(opened)["evidence"] == [text]
    links = opened.js("[...document.querySelectorAll('#details a')].map(a => [a.textContent, a.href])")
    assert links == [[f"Title {IMG}", "https://example.org/a?b=%3Ci%3E"]]
    assert opened.js("document.querySelectorAll('#details img, #details script, #details svg').length") == 0
    other = opened.js("window.kg.edges.get({filter: e => e.relation === 'met_with'})[0]")
    opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", other["id"])
    assert opened.js("document.querySelectorAll('#details a').length") == 0
    assert "Second" in opened.page.locator("#details .meta").first.text_content()
    assert_clean(opened)


def test_an_edge_with_more_statements_than_it_embeds_says_how_many_more_and_filters_count_them(browser, tmp_path):
    japan = Entity("kg:country/JPN", "Japan", "Country", "JPN")
    china = Entity("kg:country/CHN", "China", "Country", "CHN")
    texts = [f"Japan criticized China, part {n}." for n in range(EVIDENCE_PER_EDGE + 4)]
    texts.append("Japan may criticize China.")
    statements = [Statement(f"{n:02d}.txt", japan, "criticized", china, Evidence(text, 0, len(text)),
                            "possible" if "may" in text else "asserted", 0.9 - n / 100) for n, text in enumerate(texts)]
    opened = open_page(browser, atomic_write(tmp_path / "many.html", to_html(to_graph([japan, china], statements))))
    edge = opened.js("window.kg.edges.get()[0]")
    opened.js("id => window.kg.network.emit('click', {nodes: [], edges: [id]})", edge["id"])
    panel = opened.page.locator("#details")
    assert len(details(opened)["evidence"]) == EVIDENCE_PER_EDGE
    assert f"evidence ({len(texts)})" in panel.text_content()
    assert panel.locator(".more").text_content() == "and 5 more in triples.jsonl"
    opened.page.locator("#modalities label", has_text="asserted").locator("input").uncheck()
    assert not opened.js("id => window.kg.edges.get(id).hidden", edge["id"])  # its left-out statement counts
    assert details(opened)["evidence"] == []
    assert f"evidence (1 of {len(texts)})" in panel.text_content()
    assert panel.locator(".more").text_content() == "and 1 more in triples.jsonl"
    assert_clean(opened)
