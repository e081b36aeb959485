"""The interactive page: pyvis builds the network data, our autoescaped template renders it.

The page is one self-contained file: vis-network is inlined from the copy pyvis ships, the
data is embedded as JSON that cannot close its script element, and a Content-Security-Policy
forbids every network request.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"


def safe_json(data) -> str:
    """JSON that is inert inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def network_data(graph: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """Nodes and edges as pyvis lays them out, merged per (subject, relation, object)."""
    net = Network(directed=True)
    degree = dict(graph.degree())
    for node, attrs in sorted(graph.nodes(data=True)):
        net.add_node(node, label=attrs["label"], group=attrs["type"], value=degree.get(node, 1),
                     kind=attrs["type"], country=attrs["country"])
    merged: dict[tuple[str, str, str], list[dict]] = {}
    for s, o, attrs in graph.edges(data=True):
        merged.setdefault((s, attrs["relation"], o), []).append(attrs)
    for (s, relation, o), occurrences in sorted(merged.items()):
        evidence = [{"doc": a["doc"], "text": a["evidence"], "modality": a["modality"], "value": a["value"]}
                    for a in occurrences]
        net.add_edge(s, o, label=relation, relation=relation, count=len(occurrences), evidence=evidence,
                     modality=occurrences[0]["modality"])
    return net.nodes, net.edges


def to_html(graph: nx.MultiDiGraph, title: str = "kg graph") -> str:
    """The page for `graph` as a string."""
    nodes, edges = network_data(graph)
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(files("kg").joinpath("templates/graph.html").read_text(encoding="utf-8"))
    return template.render(title=title, data=safe_json({"nodes": nodes, "edges": edges}),
                           vis_js=VIS_JS.read_text(encoding="utf-8"))
