/* govgraph viz: draws the graph embedded in the page (<script type="application/json" id="govgraph-data">)
   with Cytoscape.js. Colour by kind (or by membership of a group), size by degree, labels, a tooltip with the
   IRI and the sources, a legend that is also the filter by kind, filters by group and by declaration, a
   search box. Clicking a node opens its page when the page was written with a link base (govgraph serve);
   in a standalone file it pins the tooltip. Nothing is fetched: all text goes into the page with
   textContent, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("govgraph-data").textContent);
  var nodeCount = data.elements.nodes.length;
  var large = nodeCount > 2000;

  /* The 2D canvas by default: it works everywhere, and without a GPU it redraws faster than Cytoscape.js's
     (experimental) WebGL renderer on Chromium's software WebGL (bench/viz_bench.py). data.webgl: true asks
     for WebGL where the browser has it. */
  function hasWebGL() {
    try {
      var canvas = document.createElement("canvas");
      return !!(canvas.getContext("webgl2") || canvas.getContext("webgl"));
    } catch (e) {
      return false;
    }
  }
  var webgl = data.webgl === true && hasWebGL();
  var maxWeight = 1;
  data.elements.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.data.weight || 1); });

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  var edgeWidth = maxWeight > 1 ? "mapData(weight, 1, " + maxWeight + ", 1, 6)" : 1.5;
  var style = [
    { selector: "node", style: {
      "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
      "label": "data(short)", "font-size": 10, "min-zoomed-font-size": large ? 9 : 6,
      "text-valign": "bottom", "text-margin-y": 2, "color": "#222",
      "border-width": large ? 0 : 1, "border-color": "#ffffff" } },
    { selector: "edge", style: {
      "width": edgeWidth, "line-color": "data(color)", "opacity": large ? 1 : 0.75,
      "curve-style": large ? "haystack" : "straight" } },
    { selector: "node.gv-member", style: { "background-color": data.groupColours.member } },
    { selector: "node.gv-nonmember", style: { "background-color": data.groupColours.other } },
    { selector: ".gv-faded", style: { "opacity": 0.12 } },
    { selector: "node.gv-match", style: { "border-width": 3, "border-color": "#000000", "z-index": 10 } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#0b5cad" } },
    { selector: ".gv-off", style: { "display": "none" } }
  ];
  if (data.directed && !large) {
    style.push({ selector: "edge", style: { "target-arrow-shape": "triangle", "target-arrow-color": "data(color)",
                                            "arrow-scale": 0.8 } });
  }

  var cy = cytoscape({
    container: $("gv-graph"),
    elements: data.elements,
    layout: { name: "preset", fit: true, padding: 30 },
    style: style,
    minZoom: 0.01,
    maxZoom: 10,
    boxSelectionEnabled: false,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    hideLabelsOnViewport: large,
    motionBlur: false,
    pixelRatio: large ? 1 : "auto",
    webgl: webgl
  });

  /* ---------------------------------------------------------------- state and filters */
  var kindOn = {};
  var group = "";
  var declaration = "";
  var colourGroup = "";
  var query = "";

  function shownNodes() { return cy.nodes().not(".gv-off"); }

  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var d = n.data();
        var show = kindOn[d.kind] !== false;
        if (show && group && Array.isArray(d.groups)) { show = d.groups.indexOf(group) >= 0; }
        if (show && declaration) { show = (d.declarations || []).indexOf(declaration) >= 0; }
        if (n.hasClass("gv-off") === show) { n.toggleClass("gv-off", !show); }
      });
      cy.edges().forEach(function (e) {
        var ds = e.data("declarations");
        var show = !declaration || !ds || ds.length === 0 || ds.indexOf(declaration) >= 0;
        if (e.hasClass("gv-off") === show) { e.toggleClass("gv-off", !show); }
      });
    });
    $("gv-status").textContent = shownNodes().length + " of " + nodeCount + " nodes shown, " +
      cy.edges().filter(function (e) { return e.visible(); }).length + " edges";
  }

  function applyColour() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var groups = n.data("groups");
        var actor = Array.isArray(groups);
        n.toggleClass("gv-member", !!colourGroup && actor && groups.indexOf(colourGroup) >= 0);
        n.toggleClass("gv-nonmember", !!colourGroup && actor && groups.indexOf(colourGroup) < 0);
      });
    });
    var box = $("gv-colour-legend");
    box.textContent = "";
    if (colourGroup) {
      box.appendChild(legendItem(data.groupColours.member, "member of " + colourGroup));
      box.appendChild(legendItem(data.groupColours.other, "not a member"));
    }
  }

  function applySearch() {
    var q = query.trim().toLowerCase();
    var status = $("gv-search-status");
    cy.batch(function () {
      cy.elements().removeClass("gv-match gv-faded");
      if (!q) { return; }
      var matches = cy.nodes().filter(function (n) {
        var d = n.data();
        return String(d.label || "").toLowerCase().indexOf(q) >= 0 || String(d.id).toLowerCase().indexOf(q) >= 0;
      });
      matches.addClass("gv-match");
      cy.elements().not(matches).not(matches.connectedEdges()).addClass("gv-faded");
    });
    if (!q) { status.textContent = ""; return; }
    var count = cy.nodes(".gv-match").length;
    status.textContent = count === 1 ? "1 match" : count + " matches";
  }

  function legendItem(colour, text, count, line) {
    var li = el("li");
    var swatch = el("span", null, line ? "gv-line" : "gv-swatch");
    swatch.style.background = colour;
    li.appendChild(swatch);
    li.appendChild(el("span", text));
    if (count !== undefined) { li.appendChild(el("span", count, "gv-count")); }
    return li;
  }

  /* ---------------------------------------------------------------- controls */
  var kinds = $("gv-kinds");
  Object.keys(data.kindColours).forEach(function (kind) {
    var li = el("li");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = kind;
    box.id = "gv-kind-" + kind.replace(/[^a-z0-9]+/gi, "-");
    box.setAttribute("data-kind", kind);
    box.addEventListener("change", function () { kindOn[kind] = box.checked; applyFilters(); });
    var label = el("label");
    label.htmlFor = box.id;
    label.appendChild(el("span", kind));
    var swatch = el("span", null, "gv-swatch");
    swatch.style.background = data.kindColours[kind];
    li.appendChild(box);
    li.appendChild(swatch);
    li.appendChild(label);
    li.appendChild(el("span", data.kindCounts[kind], "gv-count"));
    kinds.appendChild(li);
  });

  var edges = $("gv-edges");
  data.edgeLegend.forEach(function (entry) {
    edges.appendChild(legendItem(entry[1], entry[0], undefined, true));
  });

  function fillSelect(select, entries, box) {
    entries.forEach(function (entry) {
      var option = el("option", entry[1]);
      option.value = entry[0];
      select.appendChild(option);
    });
    if (!entries.length) { $(box).classList.add("gv-hidden"); }
  }
  var groupEntries = Object.keys(data.groups).map(function (g) {
    return [g, g === data.groups[g] ? g : g + " (" + data.groups[g] + ")"];
  });
  fillSelect($("gv-group"), groupEntries, "gv-group-box");
  fillSelect($("gv-colour"), groupEntries.map(function (g) { return [g[0], "members of " + g[1]]; }), "gv-colour-groups");
  fillSelect($("gv-declaration"), Object.keys(data.declarations).map(function (d) {
    return [d, data.declarations[d]];
  }), "gv-declaration-box");

  $("gv-group").addEventListener("change", function (e) { group = e.target.value; applyFilters(); });
  $("gv-declaration").addEventListener("change", function (e) { declaration = e.target.value; applyFilters(); });
  $("gv-colour").addEventListener("change", function (e) { colourGroup = e.target.value; applyColour(); });
  var searchTimer = null;
  $("gv-search").addEventListener("input", function (e) {
    query = e.target.value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applySearch, large ? 200 : 0);
  });
  $("gv-search").addEventListener("keydown", function (e) {
    if (e.key !== "Enter") { return; }
    query = e.target.value;
    applySearch();
    var matches = cy.nodes(".gv-match").not(".gv-off");
    if (matches.length) { cy.fit(matches, 80); }
  });

  /* ---------------------------------------------------------------- tooltip and clicks */
  var tip = $("gv-tip");
  var pinned = false;

  function linkFor(iri) {
    if (!data.link || !iri || iri.indexOf(data.link.iriBase) !== 0) { return null; }
    return data.link.base + iri.slice(data.link.iriBase.length);
  }

  function line(label, value) {
    var p = el("div");
    p.appendChild(el("span", label + ": "));
    p.appendChild(el("span", value));
    return p;
  }

  function showTip(target, event) {
    var d = target.data();
    tip.textContent = "";
    if (target.isNode()) {
      tip.appendChild(el("strong", d.label));
      tip.appendChild(el("div", d.type && d.type !== d.kind ? d.kind + " (" + d.type + ")" : d.kind));
      if (d.iri) { tip.appendChild(el("div", d.iri, "gv-iri")); }
      if (d.totalLabel) { tip.appendChild(line("amount", d.totalLabel)); }
      if (d.nameAsWritten) { tip.appendChild(line("name as written", d.nameAsWritten)); }
      if (d.groups && d.groups.length) { tip.appendChild(line("member of", d.groups.join(", "))); }
      tip.appendChild(line("links", d.degree));
    } else {
      var source = cy.getElementById(d.source).data("label");
      var target2 = cy.getElementById(d.target).data("label");
      tip.appendChild(el("strong", source + " → " + target2));
      tip.appendChild(el("div", d.relation));
      if (d.stance) { tip.appendChild(line("stance", d.stance)); }
      if (d.label && d.label !== d.stance) { tip.appendChild(line("amount", d.label)); }
      if (d.role) { tip.appendChild(line("role", d.role)); }
      if (d.weight > 1) { tip.appendChild(line("weight", d.weight)); }
    }
    var sources = d.sources || [];
    if (sources.length) {
      tip.appendChild(el("div", sources.length === 1 ? "source:" : "sources:"));
      var list = el("ul");
      sources.forEach(function (s) {
        var item = el("li", data.sources[s] || s);
        item.title = s;
        list.appendChild(item);
      });
      tip.appendChild(list);
    }
    var x = event.originalEvent ? event.originalEvent.clientX : 0;
    var y = event.originalEvent ? event.originalEvent.clientY : 0;
    tip.style.display = "block";
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x + 14, window.innerWidth - width - 8)) + "px";
    tip.style.top = Math.max(4, Math.min(y + 14, window.innerHeight - height - 8)) + "px";
  }

  function hideTip() {
    if (!pinned) { tip.style.display = "none"; }
  }

  cy.on("mouseover", "node, edge", function (e) { if (!pinned) { showTip(e.target, e); } });
  cy.on("mouseout", "node, edge", hideTip);
  cy.on("tap", "node", function (e) {
    var url = linkFor(e.target.data("iri"));
    if (url) { window.location.assign(url); return; }
    pinned = false;
    showTip(e.target, e);
    pinned = true;
    tip.classList.add("gv-pinned");
  });
  cy.on("tap", function (e) {
    if (e.target === cy) { pinned = false; tip.classList.remove("gv-pinned"); hideTip(); }
  });

  applyFilters();
  window.govgraphViz = {
    cy: cy,
    data: data,
    shownNodes: function () { return shownNodes().length; },
    applyFilters: applyFilters,
    linkFor: linkFor,
    webgl: webgl,
    ready: true
  };
  document.documentElement.setAttribute("data-govgraph-ready", "true");
}());
