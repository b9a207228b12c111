/* policykg graph page: filters, search and the detail panel over vis-network.
   Every text from the data is put in the DOM with textContent (never as HTML). */
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("policykg-data").textContent);
  const meta = DATA.meta;
  const TEXTS = DATA.texts || [];  // the sentences of citations, referred to by index
  const byId = new Map();
  const outEdges = new Map();
  const inEdges = new Map();
  const push = (m, k, v) => { let a = m.get(k); if (!a) { a = []; m.set(k, a); } a.push(v); };
  DATA.nodes.forEach((n) => byId.set(n.id, n));
  DATA.edges.forEach((e) => { push(outEdges, e.from, e); push(inEdges, e.to, e); });
  const kindLabel = {};
  meta.node_kinds.forEach((k) => { kindLabel[k.kind] = k.label; });
  const allYears = meta.years.slice();
  const state = { years: new Set(allYears), kinds: new Set(meta.node_kinds.map((k) => k.kind)), included: null };
  const timings = {};

  // ------------------------------------------------------------ filters
  const overlaps = (ys, sel) => ys.some((y) => sel.has(y));
  const edgeYearOk = (e, sel) => !e.years || overlaps(e.years, sel);

  /* Nodes shown for the selected years: the timed nodes of those years and
     everything reached from them along edges of those years (relations between
     works both ways).  kg.html.filter_graph does the same in Python. */
  function closure(sel) {
    const inc = new Set();
    const stack = [];
    const visit = (id) => {
      if (inc.has(id)) return;
      const n = byId.get(id);
      if (!n || (n.years && !overlaps(n.years, sel))) return;
      inc.add(id);
      stack.push(id);
    };
    DATA.nodes.forEach((n) => { if (n.years && overlaps(n.years, sel)) visit(n.id); });
    while (stack.length) {
      const id = stack.pop();
      (outEdges.get(id) || []).forEach((e) => { if (edgeYearOk(e, sel)) visit(e.to); });
      (inEdges.get(id) || []).forEach((e) => { if (e.both) visit(e.from); });
    }
    return inc;
  }
  const nodeOk = (n) => state.kinds.has(n.kind) && (state.included === null || state.included.has(n.id));
  const edgeOk = (e) => nodeOk(byId.get(e.from)) && nodeOk(byId.get(e.to)) &&
    (state.included === null || edgeYearOk(e, state.years));

  const nodes = new vis.DataSet(DATA.nodes);
  const edges = new vis.DataSet(DATA.edges);
  const nodesView = new vis.DataView(nodes, { filter: nodeOk });
  const edgesView = new vis.DataView(edges, { filter: edgeOk });
  const container = document.getElementById("graph");
  const network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, DATA.options);

  function applyFilters() {
    state.included = state.years.size === allYears.length ? null : closure(state.years);
    nodesView.refresh();
    edgesView.refresh();
    updateStatus();
  }

  // ------------------------------------------------------------ DOM helpers
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function nodeName(n) {
    const i = n.info || {};
    if (n.kind === "work" || n.kind === "law") return i.title || i.number || i.label || n.id;
    if (n.kind === "project_year") return (i.name || i.label) + " (" + i.year + ")";
    return i.label || n.label || n.id;
  }
  function link(id, text) {
    const n = byId.get(id);
    if (!n) return el("span", text || id);
    const b = el("button", text || (n.kind === "work" && n.info.number ? n.info.number + " " + (n.info.title || "") : nodeName(n)), "link");
    b.type = "button";
    b.addEventListener("click", () => select(id));
    return b;
  }
  function badge(text, cls) { return el("span", text, "badge " + cls); }
  function fields(rows) {
    const dl = el("dl");
    rows.forEach(([name, value]) => {
      if (value === undefined || value === null || value === "") return;
      dl.append(el("dt", name));
      const dd = el("dd");
      if (value instanceof Node) dd.append(value); else dd.textContent = String(value);
      dl.append(dd);
    });
    return dl;
  }
  function list(items) {
    const ul = el("ul", null, "items");
    items.forEach((x) => { const li = el("li"); li.append(x); ul.append(li); });
    return ul;
  }
  function orgLinks(names) {
    const span = el("span");
    names.split(" | ").filter(Boolean).forEach((name, i) => {
      if (i) span.append("、");
      span.append(byId.has("org:" + name) ? link("org:" + name, name) : name);
    });
    return span;
  }
  /* The sentence with every quote of the citation marked. */
  function quoted(sentence, quotes) {
    const bq = el("blockquote");
    const qs = quotes.filter((q) => q).sort((a, b) => b.length - a.length);
    let i = 0;
    while (i < sentence.length) {
      let at = -1;
      let hit = "";
      qs.forEach((q) => { const j = sentence.indexOf(q, i); if (j >= 0 && (at < 0 || j < at)) { at = j; hit = q; } });
      if (at < 0) { bq.append(sentence.slice(i)); break; }
      if (at > i) bq.append(sentence.slice(i, at));
      bq.append(el("mark", hit));
      i = at + hit.length;
    }
    return bq;
  }
  function amount(v) { return v === null || v === undefined || v < 0 ? "not stated" : v.toLocaleString("en") + " 万元"; }

  /* One citing entity's mentions: who (year), section, the sentences. */
  function citationBlock(item, cited) {
    const div = el("div", null, "citation");
    const head = el("div");
    const who = () => (byId.has(item.citing) ? link(item.citing, item.label) : el("strong", item.label));
    if (cited) {
      head.append(link(cited));
      if (meta.aggregated) head.append(" · ", who());
    } else head.append(who());
    if (item.article) head.append(" · 第" + item.article + "条");
    (item.sections || []).forEach((s) => head.append(s === "立项依据" ? badge(s, "basis") : badge(s, "muted-badge")));
    div.append(head);
    const sentences = (item.sentences || []).map((s) => (typeof s === "number" ? TEXTS[s] : s));
    if (sentences.length) sentences.forEach((s) => div.append(quoted(s, item.quotes || [])));
    else (item.quotes || []).forEach((q) => div.append(quoted(q, [q])));
    return div;
  }
  function staleBlock(item, cited) {
    const div = el("div", null, "citation");
    div.append(badge("stale", "stale"), " ");
    div.append(cited ? link(cited) : (byId.has(item.citing) ? link(item.citing, item.label) : el("strong", item.label)));
    const why = [item.year ? "budget year " + item.year : "", item.reason || "", item.replaced_by ? "replaced by " + item.replaced_by : ""];
    div.append(el("div", why.filter(Boolean).join("; "), "muted"));
    return div;
  }
  const relationText = {
    out: { forwards: "Forwards", promulgates: "Promulgates", replaces: "Replaces", repeals: "Repeals" },
    in: { forwards: "Forwarded by", promulgates: "Promulgated by", replaces: "Replaced by", repeals: "Repealed by" },
  };

  // ------------------------------------------------------------ detail panel
  const details = document.getElementById("details");
  function showDetails(id) {
    const n = byId.get(id);
    if (!n) return;
    const i = n.info || {};
    const outs = outEdges.get(id) || [];
    const ins = inEdges.get(id) || [];
    details.replaceChildren();
    details.dataset.node = id;
    details.append(el("h3", nodeName(n)));
    const sub = el("p", kindLabel[n.kind] || n.kind, "muted");
    if (i.replaced_by) sub.append(badge("replaced", "replaced"));
    if (ins.some((e) => e.kind === "stale")) sub.append(badge("stale citations", "stale"));
    details.append(sub);
    if (!nodeOk(n)) details.append(el("p", "Hidden by the current filters.", "note"));

    if (n.kind === "work" || n.kind === "law") {
      details.append(fields([
        ["Number", i.number], ["Title", i.title], ["Other titles", i.alt_titles],
        ["Issued by", i.issuers ? orgLinks(i.issuers) : ""], ["Adopted", i.adopted], ["In force from", i.in_force],
        ["No longer in force", i.no_longer_in_force], ["Replaced by", i.replaced_by], ["Level", i.level],
      ]));
      const rel = [];
      outs.forEach((e) => { if (relationText.out[e.kind]) { const s = el("span", relationText.out[e.kind] + " "); s.append(link(e.to)); rel.push(s); } });
      ins.forEach((e) => { if (relationText.in[e.kind]) { const s = el("span", relationText.in[e.kind] + " "); s.append(link(e.from)); rel.push(s); } });
      if (rel.length) { details.append(el("h4", "Relations")); details.append(list(rel)); }
      const articles = ins.filter((e) => e.kind === "part_of" && byId.get(e.from).kind === "article").map((e) => e.from);
      if (articles.length) { details.append(el("h4", "Articles cited")); details.append(list(articles.map((a) => link(a)))); }
      const cites = ins.filter((e) => e.kind === "cites");
      articles.forEach((a) => (inEdges.get(a) || []).forEach((e) => { if (e.kind === "cites") cites.push(e); }));
      const items = [];
      cites.forEach((e) => e.info.items.forEach((it) => items.push(it)));
      items.sort((a, b) => (a.year || 0) - (b.year || 0) || String(a.label).localeCompare(String(b.label)));
      const citing = new Set(items.map((it) => it.citing));
      const projects = i.cited_by || [...citing].filter((c) => c.startsWith("project:")).length;
      const documents = [...citing].filter((c) => c.startsWith("source:")).length;
      const plural = (k, word) => k + " " + word + (k === 1 ? "" : "s");
      details.append(el("h4", "Cited by " + plural(projects, "project-year") + (documents ? " and " + plural(documents, "document") : "")));
      items.forEach((it) => details.append(citationBlock(it)));
      staleItems(ins).forEach((it) => details.append(staleBlock(it)));
    } else if (n.kind === "project_year") {
      const src = outs.find((e) => e.kind === "part_of");
      const ser = outs.find((e) => e.kind === "of_series");
      details.append(fields([
        ["Budget year", i.year], ["Unit", i.unit ? orgLinks(i.unit) : ""], ["Amount", amount(i.amount_wan)],
        ["Disclosure", src ? link(src.to) : i.source], ["Project no.", i.no], ["Series", ser ? link(ser.to) : ""],
      ]));
      citationsOut(outs);
    } else if (n.kind === "series") {
      details.append(fields([["Bureau", i.issuer], ["Budget years", (n.years || []).join(", ")]]));
      details.append(el("h4", "Project-years"));
      if (i.projects) {
        details.append(list(i.projects.map((p) => p.year + " · " + p.name + " · " + (p.unit || "") + " · " + amount(p.amount_wan))));
      } else {
        details.append(list(ins.filter((e) => e.kind === "of_series").map((e) => {
          const p = byId.get(e.from);
          const s = el("span");
          s.append(link(e.from), " · " + amount(p.info.amount_wan));
          return s;
        })));
      }
      citationsOut(outs);
    } else if (n.kind === "disclosure" || n.kind === "document") {
      details.append(fields([["File", i.name], ["Budget year", i.year || ""], ["Published by", i.issuer ? orgLinks(i.issuer) : ""], ["SHA-256", i.sha256]]));
      const projects = ins.filter((e) => e.kind === "part_of").map((e) => link(e.from));
      if (projects.length) { details.append(el("h4", projects.length + " project-years")); details.append(list(projects)); }
      citationsOut(outs);
    } else if (n.kind === "org") {
      details.append(fields([["Level", i.level]]));
      [["issued_by", "Issued"], ["implemented_by", "Implements"], ["published_by", "Published"]].forEach(([k, h]) => {
        const xs = ins.filter((e) => e.kind === k).map((e) => link(e.from));
        if (xs.length) { details.append(el("h4", h + " (" + xs.length + ")")); details.append(list(xs)); }
      });
    } else if (n.kind === "budget_year") {
      const ds = ins.filter((e) => e.kind === "in_year").map((e) => e.from);
      const projects = ds.reduce((s, d) => s + (inEdges.get(d) || []).filter((e) => e.kind === "part_of").length, 0);
      details.append(fields([["Disclosures", ds.length], ["Project-years", projects]]));
      details.append(list(ds.map((d) => link(d))));
    } else if (n.kind === "article") {
      const law = outs.find((e) => e.kind === "part_of");
      details.append(fields([["Law", law ? link(law.to) : i.law], ["Article", "第" + i.article + "条"]]));
      const items = [];
      ins.forEach((e) => { if (e.kind === "cites") e.info.items.forEach((it) => items.push(it)); });
      details.append(el("h4", "Cited by " + items.length));
      items.forEach((it) => details.append(citationBlock(it)));
    }
  }
  function staleItems(es) {
    const items = [];
    es.forEach((e) => { if (e.kind === "stale") e.info.items.forEach((it) => items.push(it)); });
    return items;
  }
  function citationsOut(outs) {
    const cites = outs.filter((e) => e.kind === "cites");
    details.append(el("h4", cites.length ? "Cites " + cites.length : "Cites nothing"));
    cites.forEach((e) => e.info.items.forEach((it) => details.append(citationBlock(it, e.to))));
    outs.forEach((e) => { if (e.kind === "stale") e.info.items.forEach((it) => details.append(staleBlock(it, e.to))); });
  }
  function showEdge(eid) {
    const e = edges.get(eid);
    if (!e) return;
    details.replaceChildren();
    details.dataset.node = "";
    details.append(el("h3", e.kind.replace("_", " ")));
    const p = el("p");
    p.append(link(e.from), " → ", link(e.to));
    details.append(p);
    const i = e.info || {};
    details.append(fields([["Origin", i.origin], ["Confidence", i.confidence], ["Evidence", i.evidence], ["Reason", i.reason],
      ["Replaced by", i.replaced_by], ["Budget years", (e.years || []).join(", ")]]));
    if (e.kind === "cites") i.items.forEach((it) => details.append(citationBlock(it)));
    if (e.kind === "stale") i.items.forEach((it) => details.append(staleBlock(it)));
  }

  function select(id) {
    const n = byId.get(id);
    if (!n) return false;
    if (nodesView.get(id)) {
      network.selectNodes([id]);
      const closeUp = DATA.nodes.length > 400 ? 0.7 : 1.0;
      network.focus(id, { scale: Math.max(network.getScale(), closeUp), animation: { duration: 300 } });
    } else {
      network.unselectAll();
    }
    showDetails(id);
    return true;
  }

  // ------------------------------------------------------------ controls
  function glyph(shape, color) {
    const c = document.createElement("canvas");
    c.width = 18; c.height = 18;
    const g = c.getContext("2d");
    const x = 9, y = 9, r = 7;
    g.fillStyle = color; g.strokeStyle = "#555"; g.lineWidth = 1;
    g.beginPath();
    if (shape === "dot") g.arc(x, y, r, 0, 2 * Math.PI);
    else if (shape === "square") g.rect(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2);
    else if (shape === "diamond") { g.moveTo(x, y - r); g.lineTo(x + r, y); g.lineTo(x, y + r); g.lineTo(x - r, y); }
    else if (shape === "triangle") { g.moveTo(x, y - r); g.lineTo(x + r, y + r - 2); g.lineTo(x - r, y + r - 2); }
    else if (shape === "triangleDown") { g.moveTo(x, y + r); g.lineTo(x + r, y - r + 2); g.lineTo(x - r, y - r + 2); }
    else if (shape === "hexagon") for (let k = 0; k < 6; k++) { const a = Math.PI / 3 * k; g.lineTo(x + r * Math.cos(a), y + r * Math.sin(a)); }
    else if (shape === "star") for (let k = 0; k < 10; k++) { const a = -Math.PI / 2 + Math.PI / 5 * k, rr = k % 2 ? r * 0.45 : r; g.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a)); }
    else g.ellipse(x, y, r + 1, r * 0.6, 0, 0, 2 * Math.PI);
    g.closePath(); g.fill(); g.stroke();
    return c;
  }
  function lineGlyph(color, dashes, width) {
    const c = document.createElement("canvas");
    c.width = 36; c.height = 12;
    const g = c.getContext("2d");
    g.strokeStyle = color; g.fillStyle = color; g.lineWidth = Math.min(width, 3.5);
    g.setLineDash(dashes ? [5, 3] : []);
    g.beginPath(); g.moveTo(1, 6); g.lineTo(28, 6); g.stroke();
    g.setLineDash([]);
    g.beginPath(); g.moveTo(35, 6); g.lineTo(27, 2); g.lineTo(27, 10); g.closePath(); g.fill();
    return c;
  }
  function checkbox(text, checked, onChange, icon) {
    const label = el("label", null, "row");
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box);
    if (icon) label.append(icon);
    label.append(el("span", text));
    return label;
  }
  const yearsDiv = document.getElementById("years");
  const yearBoxes = [];
  allYears.forEach((y) => {
    const row = checkbox(String(y), true, (on) => { if (on) state.years.add(y); else state.years.delete(y); applyFilters(); });
    row.dataset.year = y;
    yearBoxes.push(row.querySelector("input"));
    yearsDiv.append(row);
  });
  if (!allYears.length) yearsDiv.append(el("span", "no budget years", "muted"));
  else {
    const allBtn = el("button", "all years", "link small");
    allBtn.type = "button";
    allBtn.addEventListener("click", () => setYears(allYears));
    yearsDiv.append(allBtn);
  }
  const kindsDiv = document.getElementById("kinds");
  meta.node_kinds.forEach((k) => {
    const row = checkbox(k.label, true, (on) => { if (on) state.kinds.add(k.kind); else state.kinds.delete(k.kind); applyFilters(); }, glyph(k.shape, k.color));
    row.dataset.kind = k.kind;
    kindsDiv.append(row);
  });
  const edgeDiv = document.getElementById("edge-legend");
  meta.edge_kinds.forEach((k) => {
    const row = el("div", null, "edge-row");
    row.append(lineGlyph(k.color, k.dashes, k.width), el("span", k.label));
    edgeDiv.append(row);
  });
  const marks = document.getElementById("marks");
  marks.append(el("span", "Red dashed border: replaced or repealed work. ", "muted"), el("span", "Orange border: work with stale citations.", "muted"));

  const searchBox = document.getElementById("search");
  const results = document.getElementById("results");
  const searchKey = new Map();
  DATA.nodes.forEach((n) => {
    const i = n.info || {};
    searchKey.set(n.id, [n.label, i.number, i.title, i.alt_titles, i.name, i.label].filter(Boolean).join("\n").toLowerCase().replace(/[ \u3000]/g, ""));
  });
  function search(q) {
    q = q.trim().toLowerCase().replace(/[ \u3000]/g, "");
    const hits = [];
    if (!q) return hits;
    for (const n of DATA.nodes) {
      if (searchKey.get(n.id).includes(q)) { hits.push(n.id); if (hits.length >= 50) break; }
    }
    return hits;
  }
  function showResults() {
    results.replaceChildren();
    search(searchBox.value).forEach((id) => {
      const n = byId.get(id);
      const li = el("li");
      li.append(link(id, n.label.replace("\n", " ") + (n.info.title && n.info.title !== n.label ? " — " + n.info.title : "")));
      li.append(el("span", " " + (kindLabel[n.kind] || n.kind), "muted"));
      results.append(li);
    });
    if (searchBox.value.trim() && !results.childElementCount) results.append(el("li", "nothing found", "muted"));
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const hits = search(searchBox.value); if (hits.length) select(hits[0]); }
  });

  const status = document.getElementById("status");
  function updateStatus() {
    status.textContent = "Showing " + nodesView.length.toLocaleString("en") + " of " + DATA.nodes.length.toLocaleString("en") +
      " nodes and " + edgesView.length.toLocaleString("en") + " of " + DATA.edges.length.toLocaleString("en") + " edges.";
  }

  function setYears(ys) {
    state.years = new Set(ys.map(Number).filter((y) => allYears.includes(y)));
    yearBoxes.forEach((b, k) => { b.checked = state.years.has(allYears[k]); });
    applyFilters();
  }
  function setKinds(ks) {
    state.kinds = new Set(ks);
    kindsDiv.querySelectorAll("label.row").forEach((row) => { row.querySelector("input").checked = state.kinds.has(row.dataset.kind); });
    applyFilters();
  }

  network.on("click", (p) => {
    if (p.nodes.length) showDetails(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("dragEnd", (p) => {
    if (p.nodes.length) {
      const pos = network.getPositions(p.nodes);
      nodes.update(p.nodes.map((id) => ({ id: id, x: pos[id].x, y: pos[id].y })));
    }
  });
  const api = {
    network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView, meta: meta,
    timings: timings, ready: false, select: select, setYears: setYears, setKinds: setKinds, search: search,
    drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
    shown: () => ({ nodes: nodesView.length, edges: edgesView.length }),
  };
  window.policykg = api;
  updateStatus();

  function settled() {
    if (meta.physics) {
      network.setOptions({ physics: { enabled: false } });
      const pos = network.getPositions();
      nodes.update(Object.keys(pos).map((id) => ({ id: id, x: pos[id].x, y: pos[id].y })));
      network.fit();
    }
    timings.stable = performance.now();
    api.ready = true;
    document.body.dataset.ready = "1";
  }
  network.once("afterDrawing", () => {
    timings.firstDraw = performance.now();
    if (!meta.physics) settled();
  });
  if (!DATA.nodes.length) {  // vis draws nothing, so no event would come
    container.append(el("p", "Nothing to draw.", "note"));
    timings.firstDraw = performance.now();
    meta.physics = false;
    settled();
  } else if (meta.physics) network.once("stabilizationIterationsDone", () => setTimeout(settled, 0));
})();
