"use strict";
// The page's behaviour. Every string from the data is shown through textContent or a DOM
// text node, never parsed as HTML.
(() => {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const legend = data.legend;
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const edgeById = new Map(data.edges.map(e => [e.id, e]));
  const edgesOf = new Map(data.nodes.map(n => [n.id, []]));
  for (const e of data.edges) { edgesOf.get(e.from).push(e); if (e.to !== e.from) edgesOf.get(e.to).push(e); }
  const $ = id => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function svg(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  const POINTS = {
    triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13", diamond: "7,0 14,7 7,14 0,7",
    hexagon: "3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7", star: "7,0 9,5 14,5 10,8.5 11.5,14 7,10.5 2.5,14 4,8.5 0,5 5,5",
  };
  function shapeIcon(shape, color) {
    const box = svg("svg", {width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true"});
    if (shape === "dot") svg("circle", {cx: 7, cy: 7, r: 6, fill: color}, box);
    else if (shape === "square") svg("rect", {x: 1, y: 1, width: 12, height: 12, fill: color}, box);
    else svg("polygon", {points: POINTS[shape] || POINTS.star, fill: color}, box);
    return box;
  }
  function lineIcon(color, dashes) {
    const box = svg("svg", {width: 26, height: 10, viewBox: "0 0 26 10", "aria-hidden": "true"});
    const line = svg("line", {x1: 1, y1: 5, x2: 25, y2: 5, stroke: color, "stroke-width": 2}, box);
    if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
    return box;
  }
  function checkbox(parent, label, icon, count, onChange) {
    const row = el("label");
    const input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.addEventListener("change", () => onChange(input.checked));
    row.append(input, icon, el("span", label, "name"));
    if (count !== undefined) row.appendChild(el("span", String(count), "count"));
    parent.appendChild(row);
    return input;
  }
  const count = values => values.reduce((m, v) => m.set(v, (m.get(v) || 0) + 1), new Map());
  const sorted = map => [...map.keys()].sort((a, b) => a.localeCompare(b));

  // Filter state: a node shows when its class is on; an edge when its relation and one of its
  // modalities are on, both ends show, and (with a country chosen) one end is of that country.
  const classStyle = kind => Object.hasOwn(legend.classes, kind) ? legend.classes[kind] : legend.classes.other;
  const classCounts = count(data.nodes.map(n => n.kind));
  const relationCounts = count(data.edges.map(e => e.relation));
  const countryCounts = count(data.nodes.map(n => n.country).filter(Boolean));
  const countryNames = new Map(data.nodes.filter(n => n.kind === "Country" && n.country).map(n => [n.country, n.label]));
  const state = {classes: new Set(classCounts.keys()), relations: new Set(relationCounts.keys()),
                 modalities: new Set(legend.modalities), country: "", from: "", to: "", confidence: 0};

  const nodes = new vis.DataSet(data.nodes.map(n => ({...n, label: undefined})));
  const edges = new vis.DataSet(data.edges);
  const container = $("graph");
  const status = $("status");
  const network = new vis.Network(container, {nodes, edges}, data.options);
  window.kg = {network, nodes, edges, data, ready: false, labels: []};

  // Labels: vis-network draws none; the page draws them at one size on screen: the selection's,
  // its neighbours' and the hovered node's, then the most connected nodes' as many as fit
  // without overlapping, recomputed on every frame (zooming in shows more of them).
  const byDegree = [...data.nodes].sort((a, b) => (b.value || 0) - (a.value || 0) || a.id.localeCompare(b.id));
  const shownNodeIds = new Set(data.nodes.map(n => n.id));
  const labelWidths = new Map();
  let hovered = null;
  function drawLabels(ctx) {
    const canvas = ctx.canvas, ratio = canvas.width / canvas.clientWidth;
    const wanted = new Set();
    for (const id of network.getSelectedNodes()) {
      wanted.add(id);
      for (const e of edgesOf.get(id) || []) if (!edges.get(e.id).hidden) { wanted.add(e.from); wanted.add(e.to); }
    }
    for (const e of network.getSelectedEdges().map(id => edgeById.get(id))) if (e) { wanted.add(e.from); wanted.add(e.to); }
    if (hovered) wanted.add(hovered);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.fillStyle = "#1d1d1d";
    const placed = [];
    const GAP = 4;  // free space kept around each label
    const free = box => placed.every(b => box.x + box.w + GAP <= b.x || b.x + b.w + GAP <= box.x
                                          || box.y + box.h + GAP <= b.y || b.y + b.h + GAP <= box.y);
    const order = [...byDegree.filter(n => wanted.has(n.id)), ...byDegree.filter(n => !wanted.has(n.id))];
    for (const n of order) {
      if (!shownNodeIds.has(n.id)) continue;
      const forced = wanted.has(n.id);
      const bounds = network.getBoundingBox(n.id);
      const low = network.canvasToDOM({x: (bounds.left + bounds.right) / 2, y: bounds.bottom});
      const high = network.canvasToDOM({x: bounds.right, y: bounds.top});
      if (low.x < 0 || low.y < -20 || low.x > canvas.clientWidth || high.y > canvas.clientHeight + 20) continue;
      ctx.font = forced ? "600 13px system-ui, sans-serif" : "12px system-ui, sans-serif";
      const key = (forced ? "b" : "") + n.label;
      if (!labelWidths.has(key)) labelWidths.set(key, ctx.measureText(n.label).width);
      const w = Math.min(labelWidths.get(key), 220) + 6, h = 16, middle = (low.y + high.y) / 2;
      // Below the node, else above it, else to its right.
      const boxes = [{x: low.x - w / 2, y: low.y + 2}, {x: low.x - w / 2, y: high.y - h - 2},
                     {x: high.x + 3, y: middle - h / 2}].map(b => ({id: n.id, ...b, w, h}));
      const box = boxes.find(free) || (forced ? boxes[0] : null);
      if (!box) continue;
      placed.push(box);
      ctx.lineWidth = 3;
      ctx.strokeText(n.label, box.x + w / 2, box.y + 1, 220);
      ctx.fillText(n.label, box.x + w / 2, box.y + 1, 220);
    }
    ctx.restore();
    window.kg.labels = placed;
  }
  network.on("afterDrawing", drawLabels);
  network.on("hoverNode", params => { hovered = params.node; network.redraw(); });
  network.on("blurNode", () => { hovered = null; network.redraw(); });

  // A sentence holds from its date to its last date (`until`; none: open, `since 2019`). It meets the range
  // when that span overlaps it, dates of any granularity (2019, 2019-03, 2019-03-06) compared with the
  // bounds cut to their length.
  const inRange = v => (!state.to || v.date <= state.to.slice(0, v.date.length))
    && (!state.from || !v.until || v.until >= state.from.slice(0, v.until.length));
  // A statement counts when its modality is on, it is confident enough and (with a time range set)
  // dated in the range; an edge shows when one of its statements counts and its relation, classes
  // and country are on. An edge embeds only its most confident sentences: its tally (how many
  // statements of each modality, confidence and dates) stands for all of them.
  const evidenceShown = v => state.modalities.has(v.modality) && v.confidence >= state.confidence
    && (!state.from && !state.to || Boolean(v.date) && inRange(v));
  function edgeShown(e) {
    const a = byId.get(e.from), b = byId.get(e.to);
    return state.relations.has(e.relation) && e.tally.some(evidenceShown)
      && state.classes.has(a.kind) && state.classes.has(b.kind)
      && (!state.country || a.country === state.country || b.country === state.country);
  }
  function refresh() {
    const shownEdges = new Set(data.edges.filter(edgeShown).map(e => e.id));
    const shownNodes = new Set();
    for (const e of data.edges) if (shownEdges.has(e.id)) { shownNodes.add(e.from); shownNodes.add(e.to); }
    for (const n of data.nodes) {
      if (!edgesOf.get(n.id).length && state.classes.has(n.kind) && (!state.country || n.country === state.country)) shownNodes.add(n.id);
    }
    shownNodeIds.clear();
    for (const id of shownNodes) shownNodeIds.add(id);
    const nodeChanges = data.nodes.filter(n => Boolean(nodes.get(n.id).hidden) === shownNodes.has(n.id))
      .map(n => ({id: n.id, hidden: !shownNodes.has(n.id)}));
    const edgeChanges = data.edges.filter(e => Boolean(edges.get(e.id).hidden) === shownEdges.has(e.id))
      .map(e => ({id: e.id, hidden: !shownEdges.has(e.id)}));
    if (nodeChanges.length || edgeChanges.length) {
      // vis-network redraws after each update; its internal switch makes that one redraw for both.
      network.emit("_blockRedraw");
      nodes.update(nodeChanges);
      edges.update(edgeChanges);
      network.emit("_allowRedraw");
      if (window.kg.ready && shownNodes.size) network.fit({nodes: [...shownNodes], animation: false});
      network.redraw();
    }
    $("stats").textContent = `${shownNodes.size} of ${data.nodes.length} nodes · ${shownEdges.size} of ${data.edges.length} edges`;
    showSelected();
  }
  function toggle(set, value) { return on => { if (on) set.add(value); else set.delete(value); refresh(); }; }

  for (const kind of sorted(classCounts)) {
    const style = classStyle(kind);
    checkbox($("classes"), kind, shapeIcon(style.shape, style.color), classCounts.get(kind), toggle(state.classes, kind));
  }
  for (const m of legend.modalities) {
    checkbox($("modalities"), m, lineIcon("#555", legend.dashes[m]), undefined, toggle(state.modalities, m));
  }
  const relationBoxes = [];
  for (const relation of sorted(relationCounts)) {
    const stance = data.edges.find(e => e.relation === relation).stance;
    const box = checkbox($("relations"), relation.replaceAll("_", " "), lineIcon(legend.stances[stance], false),
                         relationCounts.get(relation), toggle(state.relations, relation));
    relationBoxes.push([box, relation]);
  }
  function setAllRelations(on) {
    for (const [box, relation] of relationBoxes) { box.checked = on; if (on) state.relations.add(relation); else state.relations.delete(relation); }
    refresh();
  }
  $("all-relations").addEventListener("click", () => setAllRelations(true));
  $("no-relations").addEventListener("click", () => setAllRelations(false));
  for (const [name, color] of Object.entries(legend.stances)) {
    const item = el("span");
    item.append(lineIcon(color, false), document.createTextNode(name));
    $("stance-legend").appendChild(item);
  }
  const countryLabel = code => countryNames.has(code) ? `${countryNames.get(code)} (${code})` : code;
  const select = $("country");
  select.appendChild(el("option", `all countries (${countryCounts.size})`)).value = "";
  for (const code of [...countryCounts.keys()].sort((a, b) => countryLabel(a).localeCompare(countryLabel(b)))) {
    select.appendChild(el("option", `${countryLabel(code)} · ${countryCounts.get(code)}`)).value = code;
  }
  select.addEventListener("change", () => { state.country = select.value; refresh(); });
  if (legend.dates.length) {
    $("time-filter").hidden = false;
    for (const [key, input] of [["from", $("date-from")], ["to", $("date-to")]]) {
      input.addEventListener("change", () => { state[key] = input.value; refresh(); });
    }
  }
  const slider = $("confidence");
  slider.addEventListener("input", () => {
    state.confidence = Number(slider.value);
    $("confidence-value").textContent = state.confidence.toFixed(2);
    refresh();
  });

  // Details panel: it shows the selection as the filters leave it.
  let selected = null;  // {node: id} or {edge: id}
  function field(list, name, value) {
    if (value === "" || value === undefined || value === null) return;
    list.append(el("dt", name), el("dd", String(value)));
  }
  function hiddenNotice(box, what) {
    box.appendChild(el("p", `This ${what} is hidden by the filters.`, "muted"));
  }
  function showNode(id) {
    selected = {node: id};
    const n = byId.get(id);
    const box = $("details");
    box.replaceChildren(el("h3", n.label));
    const list = el("dl");
    field(list, "class", n.kind);
    field(list, "country", n.country && countryLabel(n.country));
    field(list, "id", n.id);
    field(list, "wikidata", n.wikidata);
    field(list, "statements", edgesOf.get(id).reduce((s, e) => s + e.count, 0));
    box.appendChild(list);
    if (nodes.get(id).hidden) return hiddenNotice(box, "node");
    const links = edgesOf.get(id).filter(e => !edges.get(e.id).hidden);
    if (links.length) box.appendChild(el("h2", `relations (${links.length})`));
    for (const e of links) {
      const out = e.from === id;
      const other = byId.get(out ? e.to : e.from).label;
      const arrow = !e.arrows.to.enabled ? "—" : out ? "→" : "←";
      const button = el("button", `${arrow} ${e.relation} ${arrow} ${other}${e.count > 1 ? " ×" + e.count : ""}`, "link");
      button.type = "button";
      button.addEventListener("click", () => { network.selectEdges([e.id]); showEdge(e.id); });
      box.appendChild(button);
    }
  }
  // A sentence as text nodes, the spans naming the subject, object and trigger in <mark>s.
  function sentence(v) {
    const quote = el("blockquote");
    let at = 0;
    for (const [start, end, role] of v.marks) {
      if (start < at) continue;
      quote.append(document.createTextNode(v.text.slice(at, start)), el("mark", v.text.slice(start, end), role));
      at = end;
    }
    quote.append(document.createTextNode(v.text.slice(at)));
    return quote;
  }
  function documentLine(v) {
    const meta = el("div", "", "meta");
    if (/^https?:\/\//i.test(v.url)) {
      const link = el("a", v.title);
      link.href = v.url;
      link.rel = "noopener noreferrer nofollow";
      link.target = "_blank";
      meta.appendChild(link);
    } else {
      meta.appendChild(el("span", v.title, "doc"));
    }
    const dates = !v.date || v.until === v.date ? v.date : `${v.date} – ${v.until}`.trim();
    const when = v.when ? `${v.when}${dates ? " (" + dates + ")" : ""}` : dates;
    const rest = [when, v.modality, v.value && "value " + v.value, "confidence " + v.confidence].filter(Boolean);
    meta.appendChild(document.createTextNode(" · " + rest.join(" · ")));
    return meta;
  }
  function showEdge(id) {
    selected = {edge: id};
    const e = edgeById.get(id);
    const box = $("details");
    box.replaceChildren(el("h3", `${byId.get(e.from).label} — ${e.relation} ${e.arrows.to.enabled ? "→" : "—"} ${byId.get(e.to).label}`));
    const list = el("dl");
    field(list, "relation", e.relation);
    field(list, "stance", e.plover ? `${e.stance} (${e.plover})` : e.stance);
    field(list, "statements", e.count);
    field(list, "modality", e.modalities.join(", "));
    field(list, "subject", e.from);
    field(list, "object", e.to);
    box.appendChild(list);
    if (edges.get(id).hidden) return hiddenNotice(box, "edge");
    const shown = e.evidence.filter(evidenceShown);
    const counted = e.tally.filter(evidenceShown).reduce((sum, t) => sum + t.n, 0);
    box.appendChild(el("h2", counted < e.count ? `evidence (${counted} of ${e.count})` : `evidence (${e.count})`));
    for (const v of shown) box.append(sentence(v), documentLine(v));
    if (counted > shown.length) box.appendChild(el("p", `and ${counted - shown.length} more in triples.jsonl`, "muted more"));
  }
  function showSelected() {
    if (selected && selected.node) showNode(selected.node);
    else if (selected && selected.edge) showEdge(selected.edge);
  }
  network.on("click", params => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // Search by name.
  const search = $("search");
  function select_node(id) {
    network.selectNodes([id]);
    if (!nodes.get(id).hidden) network.focus(id, {scale: Math.max(network.getScale(), 1), animation: {duration: 300}});
    showNode(id);
  }
  function matches() {
    const q = search.value.trim().toLocaleLowerCase();
    return q ? data.nodes.filter(n => n.label.toLocaleLowerCase().includes(q)) : [];
  }
  search.addEventListener("input", () => {
    const found = matches();
    $("results").replaceChildren(...found.slice(0, 12).map(n => {
      const button = el("button", n.label + (nodes.get(n.id).hidden ? " (filtered out)" : ""));
      button.type = "button";
      button.addEventListener("click", () => select_node(n.id));
      return button;
    }));
    if (found.length > 12) $("results").appendChild(el("div", `… ${found.length - 12} more`, "muted"));
  });
  search.addEventListener("keydown", event => {
    const found = matches();
    if (event.key === "Enter" && found.length) select_node(found[0].id);
  });

  // Physics lays the graph out once, then stops so large graphs stay responsive.
  function ready() {
    network.setOptions({physics: {enabled: false}});
    if (network.getScale() > 1.2) network.moveTo({scale: 1.2});
    status.textContent = data.nodes.length ? "" : "This graph has no relations.";
    status.hidden = !status.textContent;
    network.once("afterDrawing", () => { window.kg.ready = true; window.kg.readyAt = performance.now(); });
    network.redraw();
  }
  network.on("stabilizationProgress", p => { status.textContent = `Laying out… ${Math.round(100 * p.iterations / p.total)}%`; });
  refresh();
  if (data.nodes.length) network.once("stabilizationIterationsDone", ready);
  else ready();
})();
