"""The interactive page: pyvis builds the network data and options, our autoescaped template renders it.

The page is one self-contained file: vis-network is inlined from the copy pyvis ships, the
data is embedded as JSON that cannot close its script element, and a Content-Security-Policy
forbids every network request and every script but the page's own (by hash). Article text
reaches the page only as JSON data, shown with DOM text nodes.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from kg.errors import KGError
from kg.normalize import PREFIX
from kg.ontology import Ontology, load_ontology, ontology_dir, read_tsv
from kg.types import MODALITIES, Document

VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"

OTHER = ("star", "#bab0ac")  # the (vis shape, colour) of a node whose class classes.tsv does not draw
STANCES = {"cooperation": "#2e8540", "conflict": "#d62728", "neutral": "#8c8c8c"}
SPRING = 110
# Solid: it happened; long dashes: planned; dash-dot: possible; dots: negated.
DASHES = {"asserted": False, "planned": [12, 6], "possible": [7, 4, 1, 4], "negated": [1, 4]}
EVIDENCE_PER_EDGE = 20  # sentences an edge of the page embeds, its most confident; it counts all
WEB_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def safe_json(data) -> str:
    """JSON that is inert inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=1)
def country_table() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """From the gazetteer's country table: alpha-2 code (casefolded) -> alpha-3 code, and
    alpha-3 code -> the capital and seats of government that stand for the country."""
    rows = read_tsv(ontology_dir() / "entities" / "countries.tsv")
    return ({row["iso2"].casefold(): row["iso3"] for row in rows if row["iso2"]},
            {row["iso3"]: tuple(n for n in (row["capital"], *row["seats"].split("|")) if n) for row in rows})


def country_code(wanted: str, ontology: Ontology) -> str | None:
    """The alpha-3 code a user means by an alpha-2 or alpha-3 code, a name or an alias of a country."""
    if code := country_table()[0].get(wanted.casefold()):
        return code
    hit = ontology.lookup(wanted)
    return hit[1].country if hit and hit[1].type == "Country" else wanted.upper()


def limit_view(graph: nx.MultiDiGraph, *, relations: Iterable[str] = (), countries: Iterable[str] = (),
               min_confidence: float = 0.0, max_nodes: int | None = None,
               ontology: Ontology | None = None) -> nx.MultiDiGraph:
    """The part of `graph` to show.

    Statements are kept when their relation is one of `relations`, one end is in one of
    `countries` (ISO 3166 alpha-2 or alpha-3 code, a country's name or alias) and their confidence is at least
    `min_confidence`; with any of these given, only nodes with a kept statement remain. Then
    `max_nodes` nodes stay, a connected selection (see `connected_top`). Raises KGError for a
    relation unknown to the ontology or a country not in the graph.
    """
    relations = set(relations)
    ontology = ontology or load_ontology()
    if unknown := sorted(relations - ontology.relations.keys()):
        raise KGError(f"unknown relation {unknown[0]!r} (see ontology/relations.tsv)")
    codes: set[str] = set()
    for wanted in countries:
        code = country_code(wanted, ontology)
        found = {a["country"] for _, a in graph.nodes(data=True) if a["country"] and (a["country"] == code or
                 a["type"] == "Country" and a["label"].casefold() == wanted.casefold())}
        if not found:
            raise KGError(f"no country {wanted!r} in the graph")
        codes |= found

    def kept(s: str, o: str, attrs: dict) -> bool:
        return ((not relations or attrs["relation"] in relations)
                and (not codes or graph.nodes[s]["country"] in codes or graph.nodes[o]["country"] in codes)
                and attrs["confidence"] >= min_confidence)

    view = nx.MultiDiGraph()
    if not (relations or codes or min_confidence > 0):
        view.add_nodes_from(graph.nodes(data=True))
    for s, o, key, attrs in graph.edges(keys=True, data=True):
        if kept(s, o, attrs):
            view.add_node(s, **graph.nodes[s])
            view.add_node(o, **graph.nodes[o])
            view.add_edge(s, o, key=key, **attrs)
    if max_nodes is not None and view.number_of_nodes() > max_nodes:
        view = view.subgraph(connected_top(view, max_nodes)).copy()
    return view


def connected_top(graph: nx.MultiDiGraph, size: int) -> list[str]:
    """`size` nodes, grown from the most connected one by always adding the most connected
    neighbour of the selection (ties by id), so every node kept has an edge among them; when a
    part is used up, the next starts from the most connected node left, if two places remain.
    A graph of nodes without edges keeps its first `size` nodes by id."""
    degree = dict(graph.degree())
    order = sorted(graph, key=lambda n: (-degree[n], n))
    if not graph.number_of_edges():
        return order[:size]
    chosen: set[str] = set()
    for start in order:
        if size - len(chosen) < 2:
            break
        if start in chosen or not degree[start]:
            continue
        frontier = [(-degree[start], start)]
        while frontier and len(chosen) < size:
            _, node = heapq.heappop(frontier)
            if node not in chosen:
                chosen.add(node)
                for neighbour in set(nx.all_neighbors(graph, node)) - chosen:
                    heapq.heappush(frontier, (-degree[neighbour], neighbour))
    return sorted(chosen)


def spread(edges: list[tuple[str, str]], spring: float) -> list[dict]:
    """Per edge, options that fan parallel edges apart: a bend each and longer springs."""
    total = Counter(frozenset(pair) for pair in edges)
    index: Counter[frozenset[str]] = Counter()
    options = []
    for s, o in edges:
        pair = frozenset((s, o))
        step = min(0.25, 1 / max(total[pair] - 1, 1))
        offset = (index[pair] - (total[pair] - 1) / 2) * step * (1 if s < o else -1)
        index[pair] += 1
        extra: dict = {"length": spring * (1 + 0.3 * (total[pair] - 1))} if total[pair] > 1 else {}
        if offset and s != o:
            extra["smooth"] = {"enabled": True, "type": "curvedCW" if offset > 0 else "curvedCCW",
                               "roundness": abs(offset)}
        options.append(extra)
    return options


def shapes(ontology: Ontology) -> dict[str, tuple[str, str]]:
    """Entity class -> (vis shape, colour), for the classes classes.tsv draws, in its order."""
    return {c.name: (c.shape, c.colour) for c in ontology.classes.values() if c.shape}


def names_of(graph: nx.MultiDiGraph, ontology: Ontology) -> dict[str, list[str]]:
    """Per node, the names the text may call it: its label, the gazetteer's names and demonyms
    for it, a country's capital and seats of government, a person's surname; longest first."""
    surfaces: dict[str, set[str]] = {}
    for surface, (_, key) in ontology.surfaces.items():
        surfaces.setdefault(PREFIX + key, set()).add(surface)
    names = {}
    for node, attrs in graph.nodes(data=True):
        found = surfaces.get(node, set()) | {attrs["label"]}
        if attrs["type"] == "Country":
            found |= set(country_table()[1].get(attrs["country"], ()))
        if attrs["type"] == "Person" and len(attrs["label"].split()) > 1:
            found.add(attrs["label"].split()[-1])
        names[node] = sorted((n for n in found if n.strip()), key=lambda n: (-len(n), n))
    return names


def utf16(text: str, index: int) -> int:
    """A Python string index as a JavaScript one (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


@lru_cache(maxsize=65536)
def name_pattern(name: str) -> re.Pattern:
    """A name as a whole word, in any case (made once per name: a page has more names than `re` keeps compiled)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def marks(text: str, parts: Iterable[tuple[str, Iterable[str]]]) -> list[list]:
    """`[start, end, role]` spans (JavaScript offsets) where `text` names each part: the first
    role wins, then the longest name; spans never overlap."""
    found = []
    for rank, (role, names) in enumerate(parts):
        for name in names:
            for match in name_pattern(name).finditer(text):
                found.append((rank, -len(name), match.start(), match.end(), role))
    taken: list[tuple[int, int]] = []
    spans = []
    for _, _, start, end, role in sorted(found):
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            spans.append([utf16(text, start), utf16(text, end), role])
    return sorted(spans)


def source(document: Document | None, doc_id: str) -> dict:
    """How the page names a document: its title (else its id) and its URL when it is a web address."""
    title = document.title if document and document.title else doc_id
    url = document.url if document and document.url and WEB_URL.fullmatch(document.url) else ""
    return {"title": title, "url": url}


class Merged:
    """One drawn edge while the statements stream by: their number, a tally of the (modality,
    confidence, date, until) the page's filters read, and the EVIDENCE_PER_EDGE most confident
    statements (ties: the earlier first)."""

    def __init__(self):
        self.count = 0
        self.tally: Counter[tuple[str, float, str, str]] = Counter()
        self.top: list[tuple[float, int, dict]] = []

    def add(self, seq: int, attrs: dict) -> None:
        self.count += 1
        confidence = round(attrs["confidence"], 3)
        self.tally[(attrs["modality"], confidence, attrs.get("date", ""), attrs.get("until", ""))] += 1
        item = (attrs["confidence"], -seq, attrs)
        if len(self.top) < EVIDENCE_PER_EDGE:
            heapq.heappush(self.top, item)
        else:
            heapq.heappushpop(self.top, item)


def network(graph: nx.MultiDiGraph, ontology: Ontology, documents: Mapping[str, Document] | None = None,
            statements: Iterable[tuple[str, str, dict]] | None = None) -> Network:
    """The pyvis network: styled nodes, edges merged per (subject, relation, object), options.

    `statements` (subject, object, attributes), read once, stand for the edges of `graph` when
    given; `graph` then only says who is linked to whom. Both directions of a symmetric relation
    (`met_with`) are one edge, without an arrow. An edge counts all its statements (`tally`: how
    many of each modality, confidence and dates, for the filters) and embeds the sentences of
    the EVIDENCE_PER_EDGE most confident; each carries its document's title and web address
    and the spans that name the subject, the object and the trigger.
    """
    documents = documents or {}
    names = names_of(graph, ontology)
    net = Network(directed=True)
    degree = dict(graph.degree())
    for node, attrs in sorted(graph.nodes(data=True)):
        shape, color = shapes(ontology).get(attrs["type"], OTHER)
        net.add_node(node, label=attrs["label"] or node, shape=shape, color=color, value=degree[node],
                     kind=attrs["type"], country=attrs["country"], wikidata=attrs["wikidata"])
    merged: dict[tuple[str, str, str], Merged] = {}
    for seq, (s, o, attrs) in enumerate(graph.edges(data=True) if statements is None else statements):
        known = ontology.relations.get(attrs["relation"])
        if known and known.symmetric and o < s:
            s, o = o, s
        merged.setdefault((s, attrs["relation"], o), Merged()).add(seq, attrs)
    keys = sorted(merged)
    for n, ((s, relation, o), extra) in enumerate(zip(keys, spread([(s, o) for s, _, o in keys], SPRING), strict=True)):
        edge = merged[(s, relation, o)]
        known = ontology.relations.get(relation)
        side = known.stance if known else "neutral"
        modalities = [m for m in MODALITIES if any(key[0] == m for key in edge.tally)]
        evidence = sorted(({"doc": a["doc"], "text": a["evidence"], "modality": a["modality"],
                            "value": a["value"], "confidence": round(a["confidence"], 3),
                            "when": a.get("when", ""), "date": a.get("date", ""), "until": a.get("until", ""),
                            "marks": marks(a["evidence"], [("trigger", [a["trigger"]] if a.get("trigger") else []),
                                                           ("subject", names[s]), ("object", names[o])]),
                            **source(documents.get(a["doc"]), a["doc"])} for _, _, a in edge.top),
                          key=lambda e: (e["doc"], e["text"], e["modality"], e["value"]))
        tally = [{"modality": m, "confidence": c, "date": d, "until": u, "n": k}
                 for (m, c, d, u), k in sorted(edge.tally.items())]
        net.add_edge(s, o, id=f"e{n}", label=relation, relation=relation, count=edge.count,
                     confidence=max(t["confidence"] for t in tally), name=relation.replace("_", " "),
                     value=edge.count, evidence=evidence, tally=tally, modalities=modalities, stance=side,
                     dates=sorted({t["date"] for t in tally if t["date"]}),
                     plover=known.plover if known else "", dashes=DASHES.get(modalities[0], False),
                     color={"color": STANCES[side], "highlight": STANCES[side], "hover": STANCES[side]},
                     arrows={"to": {"enabled": not (known and known.symmetric), "scaleFactor": 0.6}},
                     **extra)
    configure(net)
    return net


def configure(net: Network) -> None:
    """Physics that stabilizes once and stops, with a budget that keeps large graphs usable."""
    large = len(net.nodes) > 500
    net.force_atlas_2based(gravity=-130, central_gravity=0.01, spring_length=SPRING, spring_strength=0.06,
                           damping=0.5, overlap=0 if large else 0.6)
    # Coarser Barnes-Hut and fewer iterations on large graphs; a high velocity cap lets nodes
    # travel from vis-network's initial ring without the square artefacts of a low one.
    net.options.physics.forceAtlas2Based.theta = 1.0 if large else 0.5
    net.options.physics.maxVelocity = 300
    net.options.physics.minVelocity = 1.5
    net.options.physics.stabilization.iterations = 60 if large else 600
    net.options.physics.stabilization.updateInterval = 20
    net.set_edge_smooth("continuous")
    net.options.edges.color.inherit = False
    net.options.edges.font = {"size": 11, "color": "#444444", "strokeWidth": 3, "strokeColor": "#ffffff",
                              "align": "middle"}
    net.options.edges.scaling = {"min": 1, "max": 6, "label": {"enabled": False}}
    net.options.edges.selectionWidth = 2
    # Node borders cost a third of a redraw of a large graph in software rendering.
    net.options.nodes = {"borderWidth": 0 if large else 1, "borderWidthSelected": 3,
                         "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                         "scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 12, "max": 20,
                                                                    "drawThreshold": 6}},
                         "widthConstraint": {"maximum": 180}}
    net.options.layout = {"randomSeed": 7, "improvedLayout": not large}
    net.toggle_hide_edges_on_drag(large)
    net.options.interaction.hideEdgesOnZoom = large
    net.options.interaction.hover = not large  # a hover redraws the whole graph
    net.options.interaction.multiselect = False


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def left_out(graph: nx.MultiDiGraph, view: nx.MultiDiGraph) -> str:
    """What a page of `view` says of the rest of `graph` ("" when it shows all of it)."""
    if (view.number_of_nodes(), view.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges()):
        return ""
    return (f"Showing {view.number_of_nodes():,} of {graph.number_of_nodes():,} entities and "
            f"{view.number_of_edges():,} of {graph.number_of_edges():,} statements; "
            "kg viz GRAPH --max-nodes N draws more, and its filters other parts.")


def to_html(graph: nx.MultiDiGraph, title: str = "kg graph", ontology: Ontology | None = None,
            documents: Mapping[str, Document] | None = None, note: str = "",
            statements: Iterable[tuple[str, str, dict]] | None = None) -> str:
    """The page for `graph` (its edges: `statements` when given, see `network`) as a string;
    `documents` (by id) give the evidence its titles and links, `note` says what the page leaves out."""
    ontology = ontology or load_ontology()
    net = network(graph, ontology, documents, statements)
    dates = sorted({d for e in net.edges for d in e["dates"]})
    legend = {"classes": {name: {"shape": shape, "color": color} for name, (shape, color) in
                          [*shapes(ontology).items(), ("other", OTHER)]},
              "stances": STANCES, "dashes": DASHES, "modalities": list(MODALITIES),
              "dates": [dates[0], dates[-1]] if dates else []}
    data = {"nodes": net.nodes, "edges": net.edges, "options": json.loads(net.options.to_json()), "legend": legend}
    templates = files("kg").joinpath("templates")
    scripts = [VIS_JS.read_text(encoding="utf-8"), templates.joinpath("graph.js").read_text(encoding="utf-8")]
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(templates.joinpath("graph.html").read_text(encoding="utf-8"))
    return template.render(title=title, note=note, data=safe_json(data), scripts=scripts,
                           script_hashes=" ".join(csp_hash(s) for s in scripts))
