/* kg network page: search, filters, legend, details and neighbourhood highlight.
   The data is one JSON block; every string from an article is set with
   textContent, never parsed as HTML. State for tests and scripts is on <body>:
   data-state (loading|stable), data-nodes, data-edges, data-visible-nodes,
   data-hits, data-selected; window.kg holds the network for the console.
   `#q=NAME` in the address searches for NAME once the layout settles. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var body = document.body;
  var byId = function (id) { return document.getElementById(id); };
  var INK = "#1d1d1f", EDGE_INK = "#555555";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function tipElement(tip) {
    var box = el("div", "tip"), list = el("dl");
    box.dir = "auto";
    box.appendChild(el("div", "tip-head", tip[0])).dir = "auto";
    tip[1].forEach(function (row) {
      list.appendChild(el("dt", null, row[0]));
      list.appendChild(el("dd", null, row[1])).dir = "auto";
    });
    box.appendChild(list);
    return box;
  }

  // Arabic matching form, as kg/normalise.py: no diacritics or tatweel, one alef, one yeh.
  function norm(text) {
    return String(text)
      .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627").replace(/[\u0649\u06cc\u0626]/g, "\u064a")
      .replace(/\u0629/g, "\u0647").replace(/\u06a9/g, "\u0643").replace(/\u0624/g, "\u0648")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    n.title = tipElement(n.tip);
    return n;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    if (e.tip) e.title = tipElement(e.tip);
    return e;
  }));
  var linked = new Set();
  data.edges.forEach(function (e) { linked.add(e.from); linked.add(e.to); });
  var shownNodes = new Set(), shownEdges = new Set();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownEdges.has(e.id); } });

  // ---- filters: relation types and a date range (undated facts fall outside any range)
  var relationBoxes = {};
  Object.keys(data.relations).forEach(function (rel) {
    var label = el("label"), box = el("input"), swatch = el("span", "swatch");
    box.type = "checkbox";
    box.value = rel;
    box.checked = true;
    box.addEventListener("change", applyFilters);
    swatch.style.borderColor = data.relations[rel][2];
    if (rel === "article") swatch.className += " dashed";
    label.append(box, swatch, data.relations[rel][0] + " ", el("span", "en", data.relations[rel][1]));
    byId("relations").appendChild(label);
    relationBoxes[rel] = box;
  });
  var since = byId("since"), until = byId("until");
  if (data.meta.dates) {
    [since, until].forEach(function (input) {
      input.min = data.meta.dates[0];
      input.max = data.meta.dates[1];
      input.addEventListener("change", applyFilters);
    });
  } else {
    byId("dates").hidden = true;
  }

  function applyFilters() {
    var lo = since.value, hi = until.value, spoken = new Set();
    var inRange = function (dates) {
      return (!lo && !hi) || dates.some(function (d) { return (!lo || d >= lo) && (!hi || d <= hi); });
    };
    var on = function (e) { return relationBoxes[e.rel].checked && inRange(e.dates); };
    shownEdges = new Set();
    data.edges.forEach(function (e) {
      if (e.rel !== "article" && on(e)) {
        shownEdges.add(e.id);
        if (e.rel === "said") spoken.add(e.to);
      }
    });
    data.edges.forEach(function (e) {  // an article is shown through a shown claim
      if (e.rel === "article" && spoken.has(e.from) && on(e)) shownEdges.add(e.id);
    });
    shownNodes = new Set();
    data.nodes.forEach(function (n) { if (!linked.has(n.id)) shownNodes.add(n.id); });
    data.edges.forEach(function (e) {
      if (shownEdges.has(e.id)) { shownNodes.add(e.from); shownNodes.add(e.to); }
    });
    nodeView.refresh();
    edgeView.refresh();
    body.dataset.visibleNodes = shownNodes.size;
    byId("counts").textContent = "عقد " + shownNodes.size + " · صلات " + shownEdges.size +
      (shownNodes.size < data.nodes.length ? " (من " + data.nodes.length + ")" : "");
  }

  function resetFilters() {
    since.value = until.value = "";
    Object.keys(relationBoxes).forEach(function (rel) { relationBoxes[rel].checked = true; });
    applyFilters();
  }
  byId("reset").addEventListener("click", resetFilters);
  applyFilters();

  // ---- legend: each kind's shape and colour, drawn as the network draws it
  function drawShape(shape, colour) {
    var c = el("canvas"), g = c.getContext("2d"), pts = [], i, r;
    c.width = c.height = 16;
    g.fillStyle = colour;
    g.beginPath();
    if (shape === "dot") g.arc(8, 8, 6.5, 0, 2 * Math.PI);
    else if (shape === "square") g.rect(2, 2, 12, 12);
    else {
      if (shape === "triangle") pts = [[8, 1.5], [15, 14], [1, 14]];
      if (shape === "triangleDown") pts = [[1, 2], [15, 2], [8, 14.5]];
      if (shape === "diamond") pts = [[8, 0.5], [15.5, 8], [8, 15.5], [0.5, 8]];
      for (i = 0; shape === "hexagon" && i < 6; i++) {
        pts.push([8 + 7.5 * Math.cos(i * Math.PI / 3), 8 + 7.5 * Math.sin(i * Math.PI / 3)]);
      }
      for (i = 0; shape === "star" && i < 10; i++) {
        r = i % 2 ? 3.3 : 7.8;
        pts.push([8 + r * Math.sin(i * Math.PI / 5), 8 - r * Math.cos(i * Math.PI / 5)]);
      }
      pts.forEach(function (p, j) { if (j) g.lineTo(p[0], p[1]); else g.moveTo(p[0], p[1]); });
      g.closePath();
    }
    g.fill();
    return c;
  }
  Object.keys(data.kinds).forEach(function (kind) {
    var k = data.kinds[kind], item = el("li");
    item.append(drawShape(k[2], k[3]), k[0] + " ", el("span", "en", k[1]));
    byId("legend").appendChild(item);
  });
  if (data.meta.note) {
    byId("note").textContent = data.meta.note;
    byId("note").hidden = false;
  }
  if (data.meta.selection) {
    byId("selection").textContent = "kg viz " + data.meta.selection;
    byId("selection").hidden = false;
  }
  body.dataset.nodes = data.nodes.length;
  body.dataset.edges = data.edges.length;

  // ---- the network; physics stops once the layout settles
  var network = new vis.Network(byId("network"), { nodes: nodeView, edges: edgeView }, data.options);
  var settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: false });
    // fit() frames the nodes, not their labels: step back so edge labels stay in view.
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.92 });
    byId("loading").hidden = true;
    body.dataset.state = "stable";
    searchFromAddress();
  }
  network.on("stabilizationProgress", function (p) {
    byId("loading").textContent = "جارٍ ترتيب الشبكة… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  if (!data.nodes.length) settle();

  // ---- selection: highlight the neighbourhood, show details
  function highlight(id) {
    var near = new Set(id === null ? [] : [id].concat(network.getConnectedNodes(id)));
    var nodeChanges = [], edgeChanges = [];
    nodes.forEach(function (n) {
      var dim = id !== null && !near.has(n.id);
      if (dim !== Boolean(n.dim)) {
        nodeChanges.push({ id: n.id, dim: dim, opacity: dim ? 0.15 : 1,
          font: { color: dim ? "rgba(29,29,31,0.2)" : INK } });
      }
    });
    edges.forEach(function (e) {
      var dim = id !== null && e.from !== id && e.to !== id;
      if (dim !== Boolean(e.dim)) {
        edgeChanges.push({ id: e.id, dim: dim,
          color: { color: e.base, highlight: e.base, hover: e.base, opacity: dim ? 0.08 : 1 },
          font: { color: dim ? "rgba(85,85,85,0.1)" : EDGE_INK } });
      }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
  }

  function showDetails(item) {
    var box = byId("details"), near;
    box.textContent = "";
    if (!item) {
      box.appendChild(el("p", "hint", "انقر على عقدة لإبراز جوارها · click a node"));
      return;
    }
    box.appendChild(tipElement(item.tip));
    if (item.from === undefined) {
      near = el("div", "near");
      network.getConnectedNodes(item.id).forEach(function (id) {
        var b = el("button", null, nodes.get(id).label);
        b.type = "button";
        b.dir = "auto";
        b.addEventListener("click", function () { focusNode(id); });
        near.appendChild(b);
      });
      box.appendChild(near);
    }
  }

  function select(id) {
    highlight(id);
    showDetails(id === null ? null : nodes.get(id));
    body.dataset.selected = id === null ? "" : id;
  }

  function focusNode(id) {
    if (!shownNodes.has(id)) resetFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    select(id);
  }

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length && edges.get(p.edges[0]).tip) showDetails(edges.get(p.edges[0]));
    else select(null);
  });

  // ---- search: labels and aliases, ignoring diacritics and hamza spelling
  // Failing that, the consonant skeleton: دي مستورا finds دي ميستورا, ستافان finds استيفان.
  var skeleton = function (key) { return key.replace(/[\u0627\u0648\u064a]/g, ""); };
  var index = data.nodes.map(function (n) {
    var keys = n.find.map(norm);
    return { id: n.id, keys: keys, bones: keys.map(skeleton),
      rank: n.kind === "claim" || n.kind === "article" ? 10 : 0 };
  });

  function rankOf(keys, q, offset) {
    var best = -1;
    keys.forEach(function (key) {
      var at = key.indexOf(q), r = key === q ? 0 : at === 0 ? 1 : at > 0 ? 2 : -1;
      if (r >= 0 && (best < 0 || r < best)) best = r;
    });
    return best < 0 ? -1 : best + offset;
  }

  function search(query) {
    var q = norm(query), bones = skeleton(q), hits = [];
    if (!q) return [];
    index.forEach(function (item) {
      var best = rankOf(item.keys, q, 0);
      if (best < 0 && bones.length > 2) best = rankOf(item.bones, bones, 3);
      if (best >= 0) hits.push({ id: item.id, rank: best + item.rank, label: nodes.get(item.id).label });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.label.localeCompare(b.label, "ar"); });
    return hits.slice(0, 12).map(function (h) { return h.id; });
  }

  function showHits(ids, query) {
    var list = byId("hits");
    list.textContent = "";
    ids.forEach(function (id) {
      var node = nodes.get(id), item = el("li"), b = el("button");
      b.type = "button";
      b.append(el("bdi", null, node.label), el("span", "kind", data.kinds[node.kind][0]));
      b.addEventListener("click", function () { list.hidden = true; focusNode(id); });
      item.appendChild(b);
      list.appendChild(item);
    });
    if (!ids.length && query) list.appendChild(el("li", "hint", "لا نتائج · no match"));
    list.hidden = !list.childNodes.length;
    body.dataset.hits = ids.length;
  }

  byId("q").addEventListener("input", function () { showHits(search(this.value), this.value); });
  byId("search").addEventListener("submit", function (ev) {
    var query = byId("q").value, ids = search(query);
    ev.preventDefault();
    showHits(ids, query);
    if (ids.length) focusNode(ids[0]);
    if (query) history.replaceState(null, "", "#q=" + encodeURIComponent(query));
  });
  document.addEventListener("click", function (ev) {
    if (!byId("search").contains(ev.target)) byId("hits").hidden = true;
  });

  function searchFromAddress() {
    var m = /^#q=(.*)$/.exec(location.hash);
    if (!m) return;
    try {
      byId("q").value = decodeURIComponent(m[1]);
    } catch (err) {
      return;  // a malformed address: no search
    }
    byId("search").requestSubmit();
  }
  window.addEventListener("hashchange", function () { if (settled) searchFromAddress(); });
  window.kg = { network: network, nodes: nodes, edges: edges, search: search };  // for the console
})();
