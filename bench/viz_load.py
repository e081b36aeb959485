"""How long the page of a large graph takes to become usable in headless Chromium.

Generates a synthetic graph (default 5,000 nodes, 10,000 statements; hubs by preferential
attachment), writes its page, loads it and prints the time until the layout has stabilized,
physics has stopped and the graph is drawn.

    .venv/bin/python bench/viz_load.py [--nodes 5000] [--statements 10000] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.files import atomic_write
from kg.graph import to_graph
from kg.html import to_html
from kg.ontology import load_ontology
from kg.types import MODALITIES, Entity, Evidence, Statement

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CLASSES = [("Country", 0.05), ("Person", 0.5), ("Organization", 0.3), ("City", 0.1), ("Commodity", 0.05)]


def synthetic(nodes: int, statements: int, seed: int = 1) -> tuple[list[Entity], list[Statement]]:
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(max(1, nodes // 20))]
    entities = []
    for i in range(nodes):
        kind = rng.choices([c for c, _ in CLASSES], [w for _, w in CLASSES])[0]
        entities.append(Entity(f"kg:{kind.lower()}/n{i}", f"{kind} {i}", kind, rng.choice(countries)))
    relations = sorted(load_ontology().relations)
    ends = [0]  # every statement adds its ends again: preferential attachment
    found = []
    for i in range(1, statements + 1):
        s, o = (i, rng.choice(ends)) if i < nodes else (rng.choice(ends), rng.choice(ends))
        if s == o:
            continue
        ends += [s, o]
        subject, obj = entities[s], entities[o]
        relation = rng.choice(relations)
        text = f"{subject.label} {relation.replace('_', ' ')} {obj.label} in sentence {i}."
        found.append(Statement(f"doc{i % 500}", subject, relation, obj, Evidence(text, 0, len(text)),
                               rng.choice(MODALITIES), round(rng.uniform(0.3, 0.95), 2)))
    return entities, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=10000)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    entities, statements = synthetic(args.nodes, args.statements)
    start = time.perf_counter()
    graph = to_graph(entities, statements)
    page = to_html(graph, title="synthetic graph")
    built = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = atomic_write(Path(tmp) / "page.html", page)
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.goto(path.as_uri())
        tab.wait_for_function("() => window.kg && window.kg.ready", timeout=600_000, polling=100)
        ready_ms = tab.evaluate("window.kg.readyAt")
        shown = tab.evaluate("[window.kg.nodes.length, window.kg.edges.length]")
        start = time.perf_counter()
        tab.evaluate("""() => new Promise(done => {
            window.kg.network.once("afterDrawing", () => done());
            window.kg.network.moveTo({scale: 1.5});
        })""")
        redraw = time.perf_counter() - start
        start = time.perf_counter()
        tab.evaluate("""() => new Promise(done => {
            window.kg.network.once("afterDrawing", () => done());
            document.querySelector("#classes input").click();
        })""")
        refiltered = time.perf_counter() - start
        browser.close()
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} statements, "
          f"{shown[1]} merged edges drawn")
    print(f"page: {len(page.encode()) / 1e6:.1f} MB, built in {built:.2f} s")
    print(f"load until stabilized and drawn: {ready_ms / 1000:.2f} s (navigation start to first draw, physics off)")
    print(f"then zoom and redraw: {redraw * 1000:.0f} ms; hide a class (filter) and redraw: {refiltered * 1000:.0f} ms")
    print(f"console errors: {len(errors)}")


if __name__ == "__main__":
    main()
