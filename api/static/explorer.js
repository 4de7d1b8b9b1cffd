/* InnoGraph explorer: search actors, draw their ego network with cytoscape.js, show evidence.
 *
 * Talks only to this server's JSON API (same origin). Every text from the graph is inserted with
 * textContent / text nodes, never as HTML. The page object is exposed as window.explorer so
 * that tests (and curious users in the console) can reach the cytoscape instance.
 */
(function () {
  "use strict";

  const ACTOR_TYPES = ["City", "District", "Enterprise", "University", "ResearchInstitute", "Platform",
    "GovernmentAgency", "Policy", "Programme"];
  const REL_TYPES = ["CO_BUILDS", "COOPERATES_WITH", "LOCATED_IN", "FUNDED_BY", "INTRODUCES", "ISSUED_BY",
    "PART_OF", "MEMBER_OF"];
  const TYPE_INFO = {
    City: { color: "#d62728", zh: "城市" },
    District: { color: "#ff7f0e", zh: "区县" },
    Enterprise: { color: "#1f77b4", zh: "企业" },
    University: { color: "#2ca02c", zh: "高校" },
    ResearchInstitute: { color: "#9467bd", zh: "科研院所" },
    Platform: { color: "#17becf", zh: "平台" },
    GovernmentAgency: { color: "#8c564b", zh: "政府部门" },
    Policy: { color: "#7f7f7f", zh: "政策" },
    Programme: { color: "#bcbd22", zh: "计划/项目" },
  };
  const REL_INFO = {
    CO_BUILDS: { color: "#e45756", zh: "共建" },
    COOPERATES_WITH: { color: "#4c78a8", zh: "合作" },
    LOCATED_IN: { color: "#9d755d", zh: "位于" },
    FUNDED_BY: { color: "#54a24b", zh: "资助" },
    INTRODUCES: { color: "#f58518", zh: "引进" },
    ISSUED_BY: { color: "#79706e", zh: "印发" },
    PART_OF: { color: "#b279a2", zh: "隶属" },
    MEMBER_OF: { color: "#72b7b2", zh: "成员" },
  };
  const SYMMETRIC = new Set(["COOPERATES_WITH"]);
  const CJK_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", ' +
    '"WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
  const RANK_EDGE_LIMIT = 5000;
  const RANK_ROWS = 20;
  const EXPORT_FORMATS = ["gexf", "graphml", "pajek", "ucinet", "csv-nodes", "csv-edges", "json"];

  const KEY_STORE = "innograph-api-key"; // sessionStorage: kept for this browser tab only
  const $ = (sel) => document.querySelector(sel);
  const state = {
    centre: null,
    cues: {},
    serverCentrality: false, // the server has GET /analysis/centrality (graph.analysis on the whole graph)
    metricCache: new Map(), // "filters|metric" -> Promise<{values: Map, names: Map, note: string}>
    clientMetrics: null, // "filters" -> Promise of cytoscape-computed metrics (fallback)
    exportPath: null,
    exportFormats: [],
    lastNetwork: null,
    draws: 0, // networks drawn so far (tests wait on it)
    curation: false, // the server has GET/POST /curation
    decisions: 0, // decisions recorded from this page (tests wait on it)
    panel: 0, // detail panel requests so far: only the latest fills the panel
    pendingWrite: null, // a decision refused for want of the write key, recorded once it is entered
  };

  // ---- small DOM helpers -----------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Replace the children of ``box``; null / undefined / false children are left out. */
  function fill(box, ...children) {
    box.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  }

  function typeBadge(type) {
    const info = TYPE_INFO[type] || { color: "#555", zh: "" };
    return el("span", { class: "badge type", style: `background:${info.color}`, title: info.zh, text: type || "?" });
  }

  function relBadge(type) {
    const info = REL_INFO[type] || { color: "#555", zh: "" };
    return el("span", { class: "badge rel", style: `background:${info.color}`, title: info.zh, text: type });
  }

  function modalityBadge(modality) {
    if (!modality) return null;
    return el("span", { class: `badge mod-${modality}`, text: modality === "plan" ? "plan 规划" : "fact 事实" });
  }

  function fmt(value) {
    if (value === null || value === undefined || Number.isNaN(value)) return "–";
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 0.01 ? value.toFixed(3) : value.toExponential(2);
  }

  // ---- API -------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(path, params, body) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value === null || value === undefined || value === "") continue;
      if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
      else url.searchParams.set(key, value);
    }
    const headers = { Accept: "application/json" };
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) headers["X-API-Key"] = key;
    const init = { headers };
    if (body !== undefined) {
      init.method = "POST";
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    if (response.status === 401) {
      $("#keybar").hidden = false;
      $("#keybar-why").textContent = body !== undefined ? "this change needs the write key:" : "reads need a key:";
      throw new ApiError(401, body !== undefined
        ? "recording a decision needs the write key (X-API-Key): enter it at the top, then try again"
        : "this server needs an API key for reads: enter it at the top");
    }
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (_) { /* not JSON */ }
      throw new ApiError(response.status, message);
    }
    const type = response.headers.get("content-type") || "";
    return type.includes("json") ? response.json() : response.blob();
  }

  function filters() {
    const checked = (box) => [...document.querySelectorAll(`${box} input:checked`)].map((i) => i.value);
    const allOf = (box) => document.querySelectorAll(`${box} input`).length;
    const types = checked("#actor-types");
    const rels = checked("#rel-types");
    return {
      types: types.length === allOf("#actor-types") ? [] : types,
      rel_types: rels.length === allOf("#rel-types") ? [] : rels,
      noTypes: types.length === 0,
      noRels: rels.length === 0,
      year_from: $("#year-from").value,
      year_to: $("#year-to").value,
      modality: $("#modality").value,
    };
  }

  function filterParams(f) {
    return { types: f.types, rel_types: f.rel_types, year_from: f.year_from, year_to: f.year_to, modality: f.modality };
  }

  // ---- cytoscape -------------------------------------------------------------------------------
  const cy = cytoscape({
    container: $("#cy"),
    minZoom: 0.1,
    maxZoom: 4,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          width: "data(size)",
          height: "data(size)",
          label: "data(name)",
          "font-family": CJK_FONT,
          "font-size": 11,
          color: "#1f2937",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-outline-color": "#fff",
          "text-outline-width": 2,
          "border-width": 1,
          "border-color": "#fff",
        },
      },
      { selector: "node.centre", style: { "border-width": 4, "border-color": "#111827", "font-weight": "bold", "font-size": 13 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
      {
        selector: "edge",
        style: {
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          width: "data(width)",
          "curve-style": "bezier",
          opacity: 0.8,
        },
      },
      { selector: "edge.directed", style: { "target-arrow-shape": "triangle", "arrow-scale": 0.8 } },
      { selector: "edge.plan", style: { "line-style": "dashed" } },
      { selector: "edge:selected", style: { "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", opacity: 1 } },
    ],
  });

  function edgeId(e) { return `${e.source}|${e.type}|${e.target}`; }

  /** Degree (distinct neighbours), strength (evidence), betweenness and PageRank, computed by
   *  cytoscape.js on the network with parallel relations merged into one undirected tie per pair. */
  function computeMetrics(network) {
    const pairs = new Map();
    for (const e of network.edges) {
      if (e.source === e.target) continue;
      const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
      const key = `${a}|${b}`;
      const pair = pairs.get(key) || { a, b, weight: 0 };
      pair.weight += e.weight || 0;
      pairs.set(key, pair);
    }
    const degree = new Map();
    const strength = new Map();
    for (const n of network.nodes) { degree.set(n.id, 0); strength.set(n.id, 0); }
    for (const p of pairs.values()) {
      for (const v of [p.a, p.b]) {
        degree.set(v, (degree.get(v) || 0) + 1);
        strength.set(v, (strength.get(v) || 0) + p.weight);
      }
    }
    const h = cytoscape({ headless: true, styleEnabled: false });
    h.add(network.nodes.map((n) => ({ group: "nodes", data: { id: n.id } })));
    h.add([...pairs.values()].map((p, i) => ({ group: "edges", data: { id: `p${i}`, source: p.a, target: p.b, weight: p.weight } })));
    const lazy = {};
    const metrics = {
      degree, weighted_degree: strength,
      get betweenness() {
        if (!lazy.betweenness) {
          const bc = h.elements().betweennessCentrality({ directed: false });
          lazy.betweenness = new Map(h.nodes().map((n) => [n.id(), bc.betweennessNormalized(n)]));
        }
        return lazy.betweenness;
      },
      get pagerank() {
        if (!lazy.pagerank) {
          const pr = h.elements().pageRank();
          lazy.pagerank = new Map(h.nodes().map((n) => [n.id(), pr.rank(n)]));
        }
        return lazy.pagerank;
      },
    };
    return metrics;
  }

  const SERVER_MEASURES = ["degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank", "core"];
  const CLIENT_MEASURES = ["degree", "weighted_degree", "betweenness", "pagerank"];
  const MEASURE_LABEL = { weighted_degree: "weighted degree (evidence)", pagerank: "PageRank", core: "k-core" };

  function filterKey(f) {
    return JSON.stringify(filterParams(f));
  }

  /** Values of one centrality measure for the whole (filtered) network: from the server's
   *  /analysis/centrality (top 1000) when it exists, else computed here by cytoscape.js from
   *  /network (its strongest RANK_EDGE_LIMIT relations). */
  function metricValues(metric) {
    const f = filters();
    const key = `${filterKey(f)}|${metric}`;
    if (!state.metricCache.has(key)) {
      const promise = state.serverCentrality ? serverMetric(f, metric) : clientMetric(f, metric);
      promise.catch(() => state.metricCache.delete(key));
      state.metricCache.set(key, promise);
    }
    return state.metricCache.get(key);
  }

  async function serverMetric(f, metric) {
    const params = { ...filterParams(f), measure: metric, top: 1000 };
    if (metric === "betweenness") {
      const probe = await metricValues("degree");
      if (probe.nodes > 3000) params.k = 500; // sampled betweenness on large graphs
    }
    const res = await api("/analysis/centrality", params);
    const values = new Map(res.top.map((r) => [r.id, r.value]));
    const names = new Map(res.top.map((r) => [r.id, r]));
    const how = res.method === "sampled" ? `sampled k=${res.sampled_k}` : res.method;
    return { values, names, nodes: res.nodes,
      note: `${res.nodes} actors, ${res.edges} ties; graph.analysis on the server (${res.backend}, ${how})` };
  }

  async function clientMetric(f, metric) {
    const key = filterKey(f);
    if (!state.clientMetrics || state.clientMetrics.key !== key) {
      state.clientMetrics = { key, promise: api("/network", { ...filterParams(f), limit: RANK_EDGE_LIMIT })
        .then((network) => ({ network, metrics: computeMetrics(network) })) };
    }
    const { network, metrics } = await state.clientMetrics.promise;
    return { values: metrics[metric], names: new Map(network.nodes.map((n) => [n.id, n])), nodes: network.nodes.length,
      note: `${network.nodes.length} actors, ${network.edges.length} relations` +
        (network.truncated ? ` (the ${RANK_EDGE_LIMIT} strongest)` : "") + "; computed in the browser (cytoscape.js)" };
  }

  async function applySizes() {
    if (cy.nodes().empty()) return;
    const f = filters();
    if (f.noTypes || f.noRels) return;
    let values = new Map();
    try {
      values = (await metricValues($("#size-metric").value)).values;
    } catch (err) {
      // fall back to the drawn subgraph's own degree
      values = computeMetrics(state.lastNetwork || { nodes: [], edges: [] }).degree;
    }
    const drawn = cy.nodes().map((n) => values.get(n.id()) || 0);
    const max = Math.max(...drawn, 0);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const v = values.has(n.id()) ? values.get(n.id()) : null;
        n.data("metric", v);
        n.data("size", 16 + (max > 0 && v ? 34 * Math.sqrt(Math.max(0, v) / max) : 0));
      });
    });
  }

  function draw(raw) {
    // one element per (source, type, target): the API may list a relationship twice
    const seen = new Set();
    const network = { ...raw, edges: raw.edges.filter((e) => !seen.has(edgeId(e)) && seen.add(edgeId(e))) };
    state.lastNetwork = network;
    state.draws += 1;
    const maxWeight = Math.max(1, ...network.edges.map((e) => e.weight || 0));
    cy.batch(() => {
      cy.elements().remove();
      cy.add(network.nodes.map((n) => ({
        group: "nodes",
        data: { ...n, color: (TYPE_INFO[n.type] || { color: "#555" }).color, size: 20 },
        classes: n.id === network.centre ? "centre" : "",
      })));
      cy.add(network.edges.map((e) => ({
        group: "edges",
        data: { ...e, id: edgeId(e), color: (REL_INFO[e.type] || { color: "#999" }).color,
                width: 1.5 + 5 * Math.sqrt((e.weight || 0) / maxWeight) },
        classes: [SYMMETRIC.has(e.type) ? "" : "directed", e.fact_weight ? "" : "plan"].join(" ").trim(),
      })));
    });
    applySizes();
    const layout = cy.layout({ name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: false,
      idealEdgeLength: () => 110, nodeRepulsion: () => 60000, gravity: 0.3, padding: 25 });
    layout.run();
    const centreNode = network.centre ? cy.getElementById(network.centre) : null;
    $("#graph-title").textContent = centreNode && centreNode.nonempty()
      ? `${centreNode.data("name")} · ${$("#hops").value}-hop ego network` : "network";
    $("#graph-count").textContent = `${network.nodes.length} actors, ${network.edges.length} relations` +
      (network.truncated ? " (truncated: strongest shown)" : "");
  }

  // ---- loading -----------------------------------------------------------------------------------
  async function loadActor(id) {
    state.centre = id;
    if (window.location.hash !== `#actor=${id}`) history.replaceState(null, "", `#actor=${encodeURIComponent(id)}`);
    const f = filters();
    if (f.noTypes || f.noRels) {
      $("#graph-title").textContent = "Select at least one actor type and one relation type.";
      cy.elements().remove();
      return null;
    }
    try {
      const network = await api("/network", { ...filterParams(f), actor: id, hops: $("#hops").value, limit: 1000 });
      draw(network);
      showActor(id);
      return network;
    } catch (err) {
      $("#graph-title").textContent = `Could not load the network: ${err.message}`;
      return null;
    }
  }

  async function search(q) {
    const list = $("#results");
    list.replaceChildren();
    const status = $("#search-status");
    if (!q.trim()) { status.textContent = ""; return []; }
    status.textContent = "searching…";
    try {
      const page = await api("/actors", { q: q.trim(), limit: 30 });
      status.textContent = page.total ? `${page.total} actor${page.total > 1 ? "s" : ""}` +
        (page.total > page.items.length ? ` (first ${page.items.length})` : "") : "no actor matches";
      for (const a of page.items) {
        const aka = (a.aliases || []).filter((x) => x !== a.name).slice(0, 3).join("、");
        const item = el("li", { tabindex: 0, "data-id": a.id, title: a.id },
          typeBadge(a.type), el("span", { class: "name", text: a.name }),
          aka ? el("span", { class: "aka", text: `(${aka})` }) : null);
        const open = () => loadActor(a.id);
        item.addEventListener("click", open);
        item.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
        list.append(item);
      }
      return page.items;
    } catch (err) {
      status.textContent = err.message;
      status.className = "error";
      return [];
    }
  }

  // ---- details: actor ----------------------------------------------------------------------------
  async function showActor(id) {
    const box = $("#details");
    const token = ++state.panel; // a later click (or a redraw) wins over an answer still on its way
    fill(box, el("p", { class: "muted", text: "loading…" }));
    try {
      const a = await api(`/actors/${encodeURIComponent(id)}`);
      if (token !== state.panel) return;
      const node = cy.getElementById(id);
      const dl = el("dl", {},
        el("dt", { text: "type" }), el("dd", {}, typeBadge(a.type), a.subtype ? ` ${a.subtype}` : ""),
        a.level ? [el("dt", { text: "level" }), el("dd", { text: a.level })] : null,
        a.region ? [el("dt", { text: "region" }), el("dd", { text: a.region })] : null,
        (a.aliases || []).length ? [el("dt", { text: "aliases" }), el("dd", { text: a.aliases.join("、") })] : null,
        el("dt", { text: "id" }), el("dd", { text: a.id }),
        node.nonempty() ? [el("dt", { text: $("#size-metric").value }), el("dd", { text: fmt(node.data("metric")) })] : null,
        node.nonempty() ? [el("dt", { text: "ties shown" }), el("dd", { text: String(node.connectedEdges().length) })] : null,
      );
      const docs = el("ul", { class: "docs" }, (a.documents || []).map((d) => el("li", {},
        el("a", { href: `/documents/${encodeURIComponent(d.id)}/text`, target: "_blank", rel: "noopener", text: d.title || d.id }),
        el("span", { class: "muted", text: ` ${d.date || d.year || ""} · ${d.mentions} mention${d.mentions === 1 ? "" : "s"}${d.implicit ? " (implicit)" : ""}` }))));
      const curated = (a.curation || []).length
        ? [el("dt", { text: "curated" }), el("dd", { class: "curated" }, a.curation.map((c) => el("div", { text: c })))] : null;
      if (curated) dl.append(...curated);
      fill(box, 
        el("div", { class: "title", text: a.name }), dl,
        id !== state.centre ? el("button", { type: "button", onclick: () => loadActor(id), text: "Centre the network here" }) : null,
        el("h2", { text: `Documents 文件 (${(a.documents || []).length}${a.documents_truncated ? "+" : ""})` }), docs,
        state.curation ? actorCuration(a) : null);
    } catch (err) {
      fill(box, el("p", { class: "error", text: err.message }));
    }
  }

  // ---- details: relation with evidence -----------------------------------------------------------
  function highlight(text, cues, names) {
    const terms = [...new Set([...cues, ...names].filter((t) => t && t.length > 0))].sort((a, b) => b.length - a.length);
    if (!terms.length) return [document.createTextNode(text)];
    const nameSet = new Set(names);
    const pattern = new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
    const out = [];
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
      out.push(nameSet.has(m[0]) ? el("span", { class: "ent", text: m[0] }) : el("mark", { class: "cue", text: m[0] }));
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(document.createTextNode(text.slice(last)));
    return out;
  }

  async function findRelation(edge) {
    const match = (r) => r.rel_type === edge.type && r.head.id === edge.source && r.tail.id === edge.target;
    for (const end of [edge.source, edge.target]) {
      const page = await api(`/actors/${encodeURIComponent(end)}/relations`, { type: edge.type, limit: 200, evidence_limit: 50 });
      const found = page.items.find(match);
      if (found) return found;
    }
    return null;
  }

  async function showRelation(edge) {
    const box = $("#details");
    const token = ++state.panel;
    fill(box, el("p", { class: "muted", text: "loading evidence…" }));
    try {
      const r = await findRelation(edge);
      if (token !== state.panel) return;
      if (!r) { fill(box, el("p", { class: "error", text: "this relation is no longer in the graph" })); return; }
      const arrow = SYMMETRIC.has(r.rel_type) ? " ⟷ " : " → ";
      const years = r.first_year ? (r.first_year === r.last_year ? `${r.first_year}` : `${r.first_year}–${r.last_year}`) : "undated";
      const names = [r.head.name, r.tail.name].filter(Boolean);
      const cues = state.cues[r.rel_type] || [];
      const items = r.evidence.map((e) => el("li", {},
        el("div", { class: "sentence" }, highlight(e.text || "", cues, names)),
        el("div", { class: "source" },
          el("a", { href: `/documents/${encodeURIComponent(e.doc_id)}/text`, target: "_blank", rel: "noopener", text: e.title || e.doc_id }),
          ` · ${e.date || e.year || "undated"} · `, modalityBadge(e.modality),
          e.rule ? ` rule ${e.rule}` : "", e.confidence !== null && e.confidence !== undefined ? ` · conf ${e.confidence}` : "")));
      fill(box, 
        el("div", { class: "title" }, relBadge(r.rel_type), " ", r.head.name || r.head.id, arrow, r.tail.name || r.tail.id),
        el("dl", {},
          el("dt", { text: "evidence" }), el("dd", { text: `${r.weight} sentence${r.weight === 1 ? "" : "s"} (fact ${r.fact_weight}, plan ${r.plan_weight})` }),
          el("dt", { text: "years" }), el("dd", { text: years }),
          el("dt", { text: "modality" }), el("dd", {}, modalityBadge(r.modality))),
        el("h2", { text: "Evidence 证据句" }),
        el("ul", { class: "evidence" }, items),
        r.evidence.length < r.weight ? el("p", { class: "muted", text: `first ${r.evidence.length} of ${r.weight} shown` }) : null,
        state.curation ? relationCuration(r) : null);
    } catch (err) {
      fill(box, el("p", { class: "error", text: err.message }));
    }
  }

  // ---- curation: decisions recorded from the detail panel (POST /curation, write key) ---------------
  const keyOf = (a) => ({ name: a.name, type: a.type });
  const sameKey = (k, a) => k && a && k.name === a.name && k.type === a.type;

  function relationKeyOf(r) {
    return { type: r.rel_type, head: keyOf(r.head), tail: keyOf(r.tail) };
  }

  function sameRelation(k, r) {
    if (!k || k.type !== r.type) return false;
    if (sameKey(k.head, r.head) && sameKey(k.tail, r.tail)) return true;
    return SYMMETRIC.has(r.type) && sameKey(k.head, r.tail) && sameKey(k.tail, r.head);
  }

  function describe(d) {
    const rel = (k) => `${k.type} ${k.head.name} → ${k.tail.name}`;
    switch (d.op) {
      case "merge": return `merged ${d.actor.name} into ${d.into.name}`;
      case "split": return `split ${d.alias} off ${d.actor.name}`;
      case "retype": return `retyped ${d.actor.name} ${d.actor.type} → ${d.new_type}`;
      case "rename": return `renamed ${d.actor.name} → ${d.new_name}`;
      case "reject": return `rejected ${rel(d.relation)}`;
      case "add": return `added ${rel(d.relation)}`;
      case "review": return `reviewed ${rel(d.relation)}`;
      default: return d.op;
    }
  }

  /** Record a decision, then redraw: the network, the ranking and the panel (``after`` says what to show). */
  async function decide(decision, status, after) {
    status.className = "muted";
    status.textContent = "recording…";
    const body = { note: $("#cur-note") ? $("#cur-note").value : "", author: "explorer", ...decision };
    const run = async () => {
      const res = await api("/curation", null, body);
      state.decisions += 1;
      status.textContent = `#${res.decision.id} recorded (${res.documents_rederived} document(s) re-derived)`;
      state.metricCache.clear();
      state.clientMetrics = null;
      const next = await (after ? after(res.decision) : null);
      if (next && state.centre === next.from) state.centre = next.to;
      loadRanking();
      if (state.centre) await loadActor(state.centre);
      if (next && next.show) await next.show();
      return res;
    };
    try {
      return await run();
    } catch (err) {
      if (err.status === 401) state.pendingWrite = () => decide(decision, status, after);
      status.className = "error";
      status.textContent = err.status === 403
        ? "writes are disabled on this server (no INNOGRAPH_API_KEY is configured)" : err.message;
      return null;
    }
  }

  /** The id of the actor with this name and type (after a rename or retype the id changes). */
  async function findActorId(name, type) {
    const page = await api("/actors", { q: name, type, limit: 50 });
    const hit = page.items.find((x) => x.name === name && x.type === type);
    return hit ? hit.id : null;
  }

  async function decisionsAbout(names) {
    const res = await api("/curation", { actor: names });
    return res.items;
  }

  function decisionList(decisions, status) {
    return el("ul", { class: "decisions" }, decisions.map((d) => el("li", { "data-id": d.id, class: `op-${d.op}` },
      el("span", { class: "badge cur", text: `#${d.id} ${d.op}` }), " ", describe(d),
      d.note ? el("div", { class: "note", text: `“${d.note}”` }) : null,
      el("div", { class: "source", text: `${d.author} · ${d.at}` }),
      el("button", { type: "button", class: "undo", onclick: () => decide({ op: "undo", undoes: d.id }, status), text: "undo" }))));
  }

  function actorCuration(a) {
    const status = el("p", { id: "cur-status", class: "muted", "aria-live": "polite" });
    const me = keyOf(a);
    const reshow = (name, type) => async () => {
      const id = await findActorId(name, type);
      return id ? { from: a.id, to: id, show: () => showActor(id) } : null;
    };
    const typeSel = el("select", { id: "cur-type", "aria-label": "new type" },
      ACTOR_TYPES.map((t) => el("option", { value: t, text: `${t} ${(TYPE_INFO[t] || {}).zh || ""}`, selected: t === a.type })));
    const nameIn = el("input", { id: "cur-name", type: "text", value: a.name, maxlength: 200, "aria-label": "new name" });
    const mergeIn = el("input", { id: "cur-merge-q", type: "search", placeholder: "find the actor it is…", maxlength: 200, "aria-label": "merge with" });
    const mergeHits = el("ul", { id: "cur-merge-hits", class: "results" });
    const findTargets = async () => {
      mergeHits.replaceChildren();
      const q = mergeIn.value.trim();
      if (!q) return;
      const page = await api("/actors", { q, limit: 20 });
      for (const b of page.items.filter((x) => x.id !== a.id)) {
        const li = el("li", { tabindex: 0, "data-id": b.id, title: `merge ${a.name} into ${b.name}` },
          typeBadge(b.type), el("span", { class: "name", text: b.name }));
        const pick = () => {
          if (!window.confirm(`Merge ${a.name} into ${b.name}? Every mention of ${a.name} becomes ${b.name}.`)) return;
          decide({ op: "merge", actor: me, into: keyOf(b) }, status,
            async () => ({ from: a.id, to: b.id, show: () => showActor(b.id) }));
        };
        li.addEventListener("click", pick);
        li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") pick(); });
        mergeHits.append(li);
      }
      if (!mergeHits.children.length) mergeHits.append(el("li", { class: "muted", text: "no other actor matches" }));
    };
    const box = el("section", { id: "curate", class: "curate" },
      el("h2", { text: "Curate 校正" }),
      el("label", { class: "row" }, "note", el("input", { id: "cur-note", type: "text", maxlength: 2000, placeholder: "why (kept with the decision)" })),
      el("div", { class: "row" }, typeSel, el("button", { type: "button", id: "cur-retype", text: "Retype",
        onclick: () => typeSel.value !== a.type && decide({ op: "retype", actor: me, new_type: typeSel.value }, status, reshow(a.name, typeSel.value)) })),
      el("div", { class: "row" }, nameIn, el("button", { type: "button", id: "cur-rename", text: "Rename",
        onclick: () => nameIn.value.trim() && nameIn.value.trim() !== a.name &&
          decide({ op: "rename", actor: me, new_name: nameIn.value.trim() }, status, reshow(nameIn.value.trim(), a.type)) })),
      el("form", { class: "row", id: "cur-merge", onsubmit: (ev) => { ev.preventDefault(); findTargets(); } },
        mergeIn, el("button", { type: "submit", text: "Merge with…" })),
      mergeHits, status,
      el("h2", { text: "Decisions 校正记录" }), el("div", { id: "cur-decisions" }, el("p", { class: "muted", text: "loading…" })));
    decisionsAbout([a.name, ...(a.aliases || [])]).then((ds) => {
      const rejected = ds.filter((d) => d.op === "reject");
      const others = ds.filter((d) => d.op !== "reject");
      fill($("#cur-decisions") || el("div"),
        ds.length ? null : el("p", { class: "muted", text: "no decision concerns this actor" }),
        rejected.length ? [el("h3", { text: "Rejected relations 已驳回 (no longer in the graph)" }), decisionList(rejected, status)] : null,
        others.length ? decisionList(others, status) : null);
    }).catch((err) => fill($("#cur-decisions") || el("div"), el("p", { class: "error", text: err.message })));
    return box;
  }

  function relationCuration(r) {
    const status = el("p", { id: "cur-status", class: "muted", "aria-live": "polite" });
    const key = relationKeyOf(r);
    const reviewed = el("div", { id: "cur-reviewed" });
    decisionsAbout([r.head.name, r.tail.name]).then((ds) => {
      const mine = ds.filter((d) => d.op === "review" && sameRelation(d.relation, key));
      fill(reviewed, mine.length ? [el("p", { class: "reviewed", text: "✓ reviewed 已审核" }), decisionList(mine, status)] : null);
    }).catch(() => {});
    return el("section", { id: "curate", class: "curate" },
      el("h2", { text: "Curate 校正" }),
      el("label", { class: "row" }, "note", el("input", { id: "cur-note", type: "text", maxlength: 2000, placeholder: "why (kept with the decision)" })),
      el("div", { class: "row" },
        el("button", { type: "button", id: "cur-reject", text: "Reject 驳回",
          onclick: () => decide({ op: "reject", relation: key }, status, async () => ({ show: () => showActor(r.head.id) })) }),
        el("button", { type: "button", id: "cur-review", text: "Mark reviewed 已审核",
          onclick: () => decide({ op: "review", relation: key }, status, async () => ({ show: () => showRelation({ type: r.rel_type, source: r.head.id, target: r.tail.id }) })) })),
      status, reviewed);
  }

  cy.on("tap", "node", (ev) => showActor(ev.target.id()));
  cy.on("tap", "edge", (ev) => showRelation(ev.target.data()));
  cy.on("dbltap", "node", (ev) => loadActor(ev.target.id()));

  // ---- ranking -----------------------------------------------------------------------------------
  async function loadRanking() {
    const f = filters();
    const note = $("#rank-note");
    const body = $("#ranking tbody");
    if (f.noTypes || f.noRels) { body.replaceChildren(); note.textContent = ""; return; }
    const metric = $("#rank-metric").value;
    note.className = "muted";
    note.textContent = "computing…";
    try {
      const { values, names, note: how } = await metricValues(metric);
      if (metric !== $("#rank-metric").value) return; // the user chose another measure meanwhile
      note.textContent = how;
      const rows = [...values.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, RANK_ROWS);
      body.replaceChildren(...rows.map(([id, v], i) => {
        const n = names.get(id) || { name: id };
        const tr = el("tr", { "data-id": id, title: "draw this actor's network" },
          el("td", { text: String(i + 1) }), el("td", { class: "name", text: n.name || id }),
          el("td", {}, typeBadge(n.type)), el("td", { class: "num", text: fmt(v) }));
        tr.addEventListener("click", () => loadActor(id));
        return tr;
      }));
    } catch (err) {
      note.textContent = err.message;
      note.className = "error";
    }
  }

  function measureOptions() {
    const measures = state.serverCentrality ? SERVER_MEASURES : CLIENT_MEASURES;
    for (const sel of ["#size-metric", "#rank-metric"]) {
      $(sel).replaceChildren(...measures.map((m) => el("option", { value: m, text: MEASURE_LABEL[m] || m })));
    }
  }

  // ---- exports (only when the server has an /export endpoint) ------------------------------------
  async function detectFeatures() {
    try {
      const spec = await api("/openapi.json");
      const paths = spec.paths || {};
      state.serverCentrality = Boolean(paths["/analysis/centrality"] && paths["/analysis/centrality"].get);
      state.curation = Boolean(paths["/curation"] && paths["/curation"].post);
      const exportPath = Object.keys(paths).find((p) => p === "/export" || p === "/analysis/export");
      if (!exportPath || !paths[exportPath].get) return;
      const param = (paths[exportPath].get.parameters || []).find((p) => p.name === "format");
      let formats = EXPORT_FORMATS;
      const schema = param && param.schema;
      const enumOf = (s) => (s && s.enum) || (s && s.$ref && ((spec.components || {}).schemas || {})[s.$ref.split("/").pop()] || {}).enum;
      const found = enumOf(schema) || (schema && (schema.anyOf || []).map(enumOf).find(Boolean));
      if (found && found.length) formats = found;
      state.exportPath = exportPath;
      state.exportFormats = formats;
      $("#export-buttons").replaceChildren(...formats.map((fmtName) =>
        el("button", { type: "button", "data-format": fmtName, onclick: () => download(fmtName), text: fmtName })));
      $("#exports").hidden = false;
    } catch (_) {
      /* no OpenAPI document: keep the export buttons hidden */
    }
  }

  async function download(format) {
    const f = filters();
    try {
      const blob = await api(state.exportPath, { ...filterParams(f), format });
      const url = URL.createObjectURL(blob instanceof Blob ? blob : new Blob([JSON.stringify(blob)], { type: "application/json" }));
      const ext = { "csv-nodes": "nodes.csv", "csv-edges": "edges.csv", pajek: "net", ucinet: "dl" }[format] || format;
      el("a", { href: url, download: `innograph.${ext}` }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      $("#rank-note").textContent = `export failed: ${err.message}`;
    }
  }

  // ---- set-up ------------------------------------------------------------------------------------
  function checkboxes(box, names, info) {
    $(box).replaceChildren(...names.map((name) => el("label", { title: (info[name] || {}).zh || "" },
      el("input", { type: "checkbox", value: name, checked: true }),
      el("span", { class: box === "#rel-types" ? "swatch line" : "swatch", style: `background:${(info[name] || { color: "#555" }).color}` }),
      `${name} ${(info[name] || {}).zh || ""}`)));
  }

  function refresh() {
    state.metricCache.clear();
    loadRanking();
    if (state.centre) loadActor(state.centre);
  }

  async function init() {
    let actorTypes = ACTOR_TYPES;
    let relTypes = REL_TYPES;
    try {
      const [stats, cues] = await Promise.all([api("/stats"), api("/static/cues.json")]);
      state.cues = cues.relations || {};
      const present = Object.keys(stats.actors_by_type || {});
      actorTypes = ACTOR_TYPES.filter((t) => present.includes(t)).concat(present.filter((t) => !ACTOR_TYPES.includes(t)));
      const relPresent = Object.keys(stats.relationships_by_type || {}).filter((t) => t !== "MENTIONS" && t !== "HAS_EVIDENCE");
      // only the relation types between actors: the graph's other links (STATES, OF, …) are not network filters
      relTypes = REL_TYPES.filter((t) => relPresent.includes(t));
      $("#stats").textContent = `${stats.actors} actors · ${stats.relationships} relations · ${stats.documents} documents` +
        (stats.first_year ? ` · ${stats.first_year}–${stats.last_year}` : "");
      if (stats.first_year) {
        for (let y = stats.first_year; y <= stats.last_year; y++) {
          $("#year-from").append(el("option", { value: y, text: y }));
          $("#year-to").append(el("option", { value: y, text: y }));
        }
      }
    } catch (err) {
      $("#stats").textContent = err.message;
    }
    checkboxes("#actor-types", actorTypes.length ? actorTypes : ACTOR_TYPES, TYPE_INFO);
    checkboxes("#rel-types", relTypes.length ? relTypes : REL_TYPES, REL_INFO);
    for (const sel of ["#hops", "#modality", "#year-from", "#year-to"]) $(sel).addEventListener("change", refresh);
    $("#actor-types").addEventListener("change", refresh);
    $("#rel-types").addEventListener("change", refresh);
    $("#size-metric").addEventListener("change", applySizes);
    $("#rank-metric").addEventListener("change", loadRanking);
    $("#fit").addEventListener("click", () => cy.fit(undefined, 30));
    $("#search-form").addEventListener("submit", (ev) => { ev.preventDefault(); search($("#search").value); });
    $("#keybar").addEventListener("submit", (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(KEY_STORE, $("#apikey").value);
      if (state.pendingWrite) { // the key was asked for by a decision: record it now, no reload
        const retry = state.pendingWrite;
        state.pendingWrite = null;
        $("#keybar").hidden = true;
        retry();
        return;
      }
      window.location.reload();
    });
    await detectFeatures();
    measureOptions();
    await loadRanking();
    const m = window.location.hash.match(/^#actor=(.+)$/);
    if (m) await loadActor(decodeURIComponent(m[1]));
    explorer.ready = true;
    document.body.dataset.ready = "1";
  }

  const explorer = { cy, state, search, loadActor, showActor, showRelation, loadRanking, decide, ready: false };
  window.explorer = explorer;
  init();
})();

/* Indicator panel (issue 17): a time series of one jurisdiction's stated figures for one
 * concept, drawn as a small SVG chart by this file (no chart library).
 *
 * Menus come from GET /indicators/facets, the points from GET /indicators?region=&concept=. One series is
 * drawn at a time: figures of one measure and one unit (a stock 总数 is not a flow 新增, 万元 is not 亿元),
 * chosen in the third menu. Actuals are filled dots joined by a line, targets hollow dots joined by a dashed
 * line; a figure stated by several documents is one dot (its tooltip lists the documents). Every text is
 * inserted as text, never as HTML. window.indicatorPanel is exposed for tests.
 */
(function () {
  "use strict";

  // the SVG namespace: an identifier, never fetched (written in parts so that no URL appears in the page's files)
  const SVG = ["http:", "", "www.w3.org", "2000", "svg"].join("/");
  const KEY_STORE = "innograph-api-key";
  const W = 560;
  const H = 210;
  const PAD = { left: 58, right: 14, top: 12, bottom: 28 };
  const $ = (sel) => document.querySelector(sel);
  const panel = { facets: [], rows: [], points: [], loads: 0, ready: false };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function option(value, text) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  async function get(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    const headers = { Accept: "application/json" };
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) headers["X-API-Key"] = key;
    const response = await fetch(url, { headers });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (_) { /* not JSON */ }
      throw new Error(message);
    }
    return response.json();
  }

  function note(text) {
    $("#ind-note").textContent = text;
  }

  function num(v) {
    if (Number.isInteger(v)) return String(v);
    return String(Math.round(v * 1000) / 1000);
  }

  /** Round "nice" tick values covering [lo, hi]. */
  function ticks(lo, hi, count) {
    if (lo === hi) { lo = lo === 0 ? 0 : lo * 0.9; hi = hi === 0 ? 1 : hi * 1.1; }
    const raw = (hi - lo) / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    const out = [];
    for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.round(t / step) * step);
    if (out[out.length - 1] < hi) out.push(out[out.length - 1] + step);
    return out;
  }

  function seriesKey(r) { return `${r.measure} · ${r.unit}`; }

  function fillJurisdictions() {
    const names = [...new Set(panel.facets.map((f) => f.jurisdiction))];
    $("#ind-region").replaceChildren(...names.map((n) => option(n, n)));
  }

  function fillConcepts() {
    const region = $("#ind-region").value;
    const own = panel.facets.filter((f) => f.jurisdiction === region);
    // concepts with a meaning first (most figures first), `other` last
    own.sort((a, b) => (a.concept === "other") - (b.concept === "other") || b.indicators - a.indicators);
    $("#ind-concept").replaceChildren(...own.map((f) => option(f.concept, `${f.concept} (${f.indicators})`)));
  }

  function fillSeries() {
    const counts = new Map();
    for (const r of panel.rows) if (r.year !== null) counts.set(seriesKey(r), (counts.get(seriesKey(r)) || 0) + 1);
    const keys = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
    $("#ind-series").replaceChildren(...keys.map((k) => option(k, `${k} (${counts.get(k)})`)));
  }

  /** The dots of the chosen series: one per (year, kind, value), with every document that states it. */
  function pointsOf(series) {
    const byKey = new Map();
    for (const r of panel.rows) {
      if (r.year === null || seriesKey(r) !== series) continue;
      const key = `${r.year}|${r.kind}|${r.value}`;
      if (!byKey.has(key)) byKey.set(key, { year: r.year, kind: r.kind, value: r.value, unit: r.unit, rows: [] });
      byKey.get(key).rows.push(r);
    }
    return [...byKey.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind) || a.value - b.value);
  }

  function draw() {
    const box = $("#ind-chart");
    const series = $("#ind-series").value;
    const points = pointsOf(series);
    panel.points = points;
    box.replaceChildren();
    if (!points.length) {
      note(panel.rows.length ? "no dated figure in this series" : "no indicators for this choice");
      return;
    }
    const years = points.map((p) => p.year);
    const values = points.map((p) => p.value);
    let y0 = Math.min(...years) - 0.5;
    let y1 = Math.max(...years) + 0.5;
    const vt = ticks(Math.min(0, ...values), Math.max(...values), 4);
    const v0 = vt[0];
    const v1 = vt[vt.length - 1];
    const x = (year) => PAD.left + ((year - y0) / (y1 - y0)) * (W - PAD.left - PAD.right);
    const y = (v) => H - PAD.bottom - ((v - v0) / (v1 - v0 || 1)) * (H - PAD.top - PAD.bottom);
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${$("#ind-region").value} ${$("#ind-concept").value} ${series}` });
    for (const t of vt) {
      chart.append(svg("line", { class: "grid", x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t) }));
      chart.append(svg("text", { class: "tick", x: PAD.left - 6, y: y(t) + 4, "text-anchor": "end" }, num(t)));
    }
    const step = Math.max(1, Math.ceil((y1 - y0) / 12));
    for (let yr = Math.ceil(y0); yr <= y1; yr += step) {
      chart.append(svg("text", { class: "tick", x: x(yr), y: H - PAD.bottom + 16, "text-anchor": "middle" }, String(yr)));
    }
    chart.append(svg("text", { class: "unit", x: 4, y: PAD.top + 2 }, points[0].unit));
    for (const kind of ["actual", "target"]) {
      const own = points.filter((p) => p.kind === kind);
      // one value per year for the line: the largest of the year's dots
      const perYear = new Map();
      for (const p of own) perYear.set(p.year, Math.max(perYear.get(p.year) ?? -Infinity, p.value));
      const path = [...perYear.entries()].sort((a, b) => a[0] - b[0]).map(([yr, v]) => `${x(yr)},${y(v)}`);
      if (path.length > 1) chart.append(svg("polyline", { class: `line ${kind}`, points: path.join(" ") }));
    }
    for (const p of points) {
      const dot = svg("circle", {
        class: `point ${p.kind}`, cx: x(p.year), cy: y(p.value), r: 4.5,
        "data-year": p.year, "data-kind": p.kind, "data-value": p.value, "data-unit": p.unit,
        "data-docs": p.rows.length,
      });
      const docs = p.rows.map((r) => `${r.doc_title || r.doc_id}: ${r.evidence || r.name}`).join("\n");
      dot.append(svg("title", {}, `${p.year} ${p.kind} ${num(p.value)}${p.unit}\n${docs}`));
      chart.append(dot);
    }
    box.append(chart);
    const actual = points.filter((p) => p.kind === "actual").length;
    note(`${actual} actual · ${points.length - actual} target · hover a dot for its documents`);
  }

  async function loadSeries() {
    const region = $("#ind-region").value;
    const concept = $("#ind-concept").value;
    if (!region || !concept) return;
    const load = ++panel.loads;
    try {
      const body = await get("/indicators", { region, concept, limit: 200 });
      if (load !== panel.loads) return; // a later choice has been made meanwhile
      panel.rows = body.items.filter((r) => r.concept === concept); // not the deeper keys of a prefix
      panel.truncated = body.count >= 200;
      fillSeries();
      draw();
      if (panel.truncated) note(`${$("#ind-note").textContent} · the first 200 figures only`);
    } catch (err) {
      note(`indicators failed: ${err.message}`);
    } finally {
      if (load === panel.loads) document.body.dataset.indicators = String(load);
    }
  }

  /** Show the chart of ``region`` (and ``concept`` when given); returns when it is drawn. */
  async function show(region, concept) {
    if (![...$("#ind-region").options].some((o) => o.value === region)) return false;
    $("#ind-region").value = region;
    fillConcepts();
    if (concept) $("#ind-concept").value = concept;
    await loadSeries();
    return true;
  }

  async function init() {
    if (!$("#indicator-box")) return;
    try {
      const body = await get("/indicators/facets");
      panel.facets = body.items;
    } catch (err) {
      note(`indicators unavailable: ${err.message}`);
    }
    if (panel.facets.length) {
      $("#indicator-box").hidden = false;
      fillJurisdictions();
      fillConcepts();
      $("#ind-region").addEventListener("change", () => { fillConcepts(); loadSeries(); });
      $("#ind-concept").addEventListener("change", loadSeries);
      $("#ind-series").addEventListener("change", draw);
      await loadSeries();
    }
    panel.ready = true;
    document.body.dataset.indicatorsReady = "1";
  }

  panel.show = show;
  window.indicatorPanel = panel;
  init();
})();
