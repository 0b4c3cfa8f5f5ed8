// The self-assessment (loaded only on its page: overrides/hooks/levels.py; after state-file.js).
// The form is rendered at build time and hidden; this script shows it and, on every change, writes
// the whole state into the address (?analytics=marketer&…&target=senior: shareable, sent nowhere),
// then shows the result: the level of each competency, the gap to the target with the cells still
// to close and their evidence, a small SVG chart. The live region announces the summary; focus
// stays where it is. Saving to / loading from a JSON file: state-file.js.
(function () {
  var root = document.getElementById("hb-assess");
  var source = document.getElementById("hb-assess-data");
  var form = document.getElementById("hb-assess-form");
  if (!root || !source || !form || !window.hbStateFile) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui, NONE = data.none, fill = window.hbStateFile.fill;
  var result = document.getElementById("hb-assess-result");
  var status = root.querySelector(".hb-assess__status");
  var actions = root.querySelector("[data-hb-actions]");
  var summary = result.querySelector("[data-hb-summary]");
  var chart = result.querySelector("[data-hb-chart]");
  var rows = result.querySelector("[data-hb-rows]");
  var target = form.elements.target;
  var levelIds = data.levels.map(function (l) { return l.id; });
  var byId = {};
  data.levels.forEach(function (l) { byId[l.id] = l; });
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, children, ns) {
    var node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  // 0 = below the first level, 1 … n = the levels; -1 = not rated
  function rank(value) { return value === NONE ? 0 : levelIds.indexOf(value) + 1; }
  function validLevel(value) { return value === NONE || levelIds.indexOf(value) !== -1; }

  function read() {
    var ratings = {};
    data.competencies.forEach(function (c) {
      var picked = form.querySelector("input[name='" + c.id + "']:checked");
      if (picked) ratings[c.id] = picked.value;
    });
    return { ratings: ratings, target: target.value || null };
  }
  function write(state) {
    data.competencies.forEach(function (c) {
      form.querySelectorAll("input[name='" + c.id + "']").forEach(function (input) {
        input.checked = state.ratings[c.id] === input.value;
      });
    });
    target.value = state.target || "";
  }
  function fromAddress() {
    var params = new URLSearchParams(location.search), ratings = {};
    data.competencies.forEach(function (c) {
      var v = params.get(c.id);
      if (v && validLevel(v)) ratings[c.id] = v;
    });
    var t = params.get("target");
    return { ratings: ratings, target: byId[t] ? t : null };
  }
  function toAddress(state) {
    var params = new URLSearchParams();
    data.competencies.forEach(function (c) { if (state.ratings[c.id]) params.set(c.id, state.ratings[c.id]); });
    if (state.target) params.set("target", state.target);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function levelName(value) {
    return value === NONE ? fill(ui.none, { level: data.levels[0].title }) : byId[value].title;
  }
  function gapText(n) { return fill(n === 1 ? ui.gap_one : ui.gap_few, { n: n }); }

  function drawChart(state) {
    var left = 230, col = 130, rowH = 26, top = 10, n = data.levels.length;
    var width = left + col * n + 70, height = top + rowH * data.competencies.length + 36;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "hb-chart-title hb-chart-desc",
                          "class": "hb-assess__svg", width: width, height: height }, [
      el("title", { id: "hb-chart-title" }, [ui.chart], SVG),
      el("desc", { id: "hb-chart-desc" }, [ui.chart_desc], SVG)
    ], SVG);
    var axis = top + rowH * data.competencies.length;
    for (var i = 0; i <= n; i++) {
      svg.appendChild(el("line", { x1: left + col * i, x2: left + col * i, y1: top, y2: axis, "class": "hb-chart__grid" }, [], SVG));
    }
    data.levels.forEach(function (level, i) {
      var words = level.title.split(" ");
      // under its grid line (where a bar of that level ends), on two lines
      var label = el("text", { x: left + col * (i + 1), y: axis + 14, "text-anchor": "middle", "class": "hb-chart__axis" }, [], SVG);
      [words[0], words.slice(1).join(" ")].forEach(function (part, k) {
        if (part) label.appendChild(el("tspan", { x: left + col * (i + 1), dy: k ? 12 : 0 }, [part], SVG));
      });
      svg.appendChild(label);
    });
    data.competencies.forEach(function (c, i) {
      var y = top + rowH * i;
      svg.appendChild(el("text", { x: left - 8, y: y + rowH / 2 + 4, "text-anchor": "end", "class": "hb-chart__label" }, [c.title], SVG));
      var value = state.ratings[c.id];
      if (!value) {
        svg.appendChild(el("text", { x: left + 6, y: y + rowH / 2 + 4, "class": "hb-chart__none" }, ["—"], SVG));
        return;
      }
      var r = rank(value), below = state.target && r < rank(state.target);
      svg.appendChild(el("rect", { x: left, y: y + 5, width: Math.max(col * r, 3), height: rowH - 10,
                                   "class": "hb-chart__bar" + (below ? " hb-chart__bar--below" : "") }, [], SVG));
    });
    if (state.target) {
      var x = left + col * rank(state.target);
      svg.appendChild(el("line", { x1: x, x2: x, y1: top - 6, y2: axis, "class": "hb-chart__target" }, [], SVG));
    }
    chart.textContent = "";
    chart.appendChild(svg);
  }

  function drawRows(state) {
    rows.textContent = "";
    var t = state.target ? rank(state.target) : null;
    data.competencies.forEach(function (c) {
      var value = state.ratings[c.id];
      var gap = el("td"), show = el("td");
      if (!value || t === null) {
        gap.textContent = "—";
      } else if (rank(value) >= t) {
        gap.textContent = ui.reached;
      } else {
        gap.textContent = gapText(t - rank(value));
        var steps = levelIds.slice(rank(value), t);
        var links = el("p", {}, []);
        steps.forEach(function (id, i) {
          links.appendChild(el("a", { href: c.cells[id].url, title: c.cells[id].expectation }, [byId[id].title]));
          if (i < steps.length - 1) links.appendChild(document.createTextNode(", "));
        });
        show.appendChild(links);
        show.appendChild(el("p", { "class": "hb-assess__evidence" }, [ui.evidence + " " + c.cells[steps[0]].evidence]));
      }
      if (!show.childNodes.length) show.textContent = "—";
      rows.appendChild(el("tr", {}, [
        el("th", { scope: "row" }, [el("a", { href: c.url }, [c.title])]),
        el("td", {}, [value ? levelName(value) : ui.not_rated]),
        gap, show
      ]));
    });
  }

  function summaryText(state) {
    var rated = Object.keys(state.ratings).length;
    if (!state.target) return fill(ui.summary, { rated: rated, total: data.competencies.length });
    var below = Object.keys(state.ratings).filter(function (id) { return rank(state.ratings[id]) < rank(state.target); }).length;
    return fill(ui.summary_target, { rated: rated, total: data.competencies.length, target: byId[state.target].title, below: below });
  }

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("hb-assess__status--error", !!error);
  }

  // opening: the page's address is left as it is (a plain one stays plain for the language switcher)
  function update(announce, opening) {
    var state = read();
    if (!opening) toAddress(state);
    summary.textContent = summaryText(state);
    drawChart(state);
    drawRows(state);
    if (announce) say(summary.textContent);
  }

  window.hbStateFile.attach(actions, {
    ui: ui, page: data.page, lang: data.lang, version: data.version, fileName: ui.file_name,
    collect: function () { var s = read(); return { ratings: s.ratings, target: s.target }; },
    accept: function (file) {
      var ratings = file.ratings, t = file.target;
      if (!ratings || typeof ratings !== "object" || Array.isArray(ratings)) return null;
      if (!(t === null || t === undefined || byId[t])) return null;
      var known = {};
      data.competencies.forEach(function (c) { known[c.id] = true; });
      var ok = Object.keys(ratings).every(function (id) { return known[id] && typeof ratings[id] === "string" && validLevel(ratings[id]); });
      if (!ok) return null;
      return { apply: function () { write({ ratings: ratings, target: t || null }); update(false); } };
    },
    say: say
  });
  actions.querySelector("[data-hb-action=clear]").addEventListener("click", function () {
    write({ ratings: {}, target: null });
    update(false);
    say(ui.cleared);
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { update(true); });
  write(fromAddress());
  root.querySelector("[data-hb-nojs]").hidden = true;
  form.hidden = false;
  actions.hidden = false;
  result.hidden = false;
  update(false, true);
})();
