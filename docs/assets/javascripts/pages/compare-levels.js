// Compare levels (loaded only on the compare page: overrides/hooks/levels.py). The page is built
// with every adjacent step as static HTML (overrides/partials/levels/compare-step.html); this
// script shows the form instead and renders the one pair the reader picks, the same markup from
// the page's JSON (#hb-compare-data). The pair lives in the address: ?from=marketer&to=senior.
(function () {
  var root = document.getElementById("hb-compare");
  var source = document.getElementById("hb-compare-data");
  var form = document.getElementById("hb-compare-form");
  if (!root || !source || !form) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui;
  var result = root.querySelector("[data-hb-result]");
  var status = root.querySelector(".hb-compare__status");
  var ids = data.levels.map(function (l) { return l.id; });
  var byId = {};
  data.levels.forEach(function (l) { byId[l.id] = l; });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function link(href, text) { return el("a", { href: href }, [text]); }

  // The same structure as compare-step.html.
  function render(lower, upper) {
    var between = ids.slice(ids.indexOf(lower) + 1, ids.indexOf(upper) + 1);
    var clauses = [];
    between.forEach(function (id) { clauses = clauses.concat(data.steps[id]); });
    var stepId = lower + "-" + upper;
    var section = el("section", { "class": "hb-compare__step", id: "hb-chosen-" + stepId, "aria-labelledby": "hb-chosen-title" }, [
      el("h3", { "class": "hb-compare__title", id: "hb-chosen-title" }, [fill(ui.step, { from: byId[lower].title, to: byId[upper].title })])
    ]);
    data.competencies.forEach(function (comp) {
      var adds = el("div", { "class": "hb-compare__col hb-compare__col--adds" });
      between.forEach(function (id) {
        var cell = comp.cells[id];
        adds.appendChild(el("p", { "class": "hb-compare__level" }, [fill(ui.adds, { level: byId[id].title })]));
        adds.appendChild(el("p", {}, [link(cell.url, cell.expectation)]));
        adds.appendChild(el("p", { "class": "hb-compare__label" }, [ui.signals]));
        adds.appendChild(el("ul", {}, cell.signals.map(function (s) { return el("li", {}, [s]); })));
        adds.appendChild(el("p", {}, [el("span", { "class": "hb-compare__label" }, [ui.evidence]), " " + cell.evidence]));
      });
      var row = el("div", { "class": "hb-compare__row" }, [
        el("h4", { "class": "hb-compare__competency" }, [link(comp.url, comp.title)]),
        el("div", { "class": "hb-compare__cols" }, [
          el("div", { "class": "hb-compare__col" }, [
            el("p", { "class": "hb-compare__level" }, [fill(ui.before, { level: byId[lower].title })]),
            el("p", {}, [link(comp.cells[lower].url, comp.cells[lower].expectation)])
          ]),
          adds
        ])
      ]);
      var needs = clauses.filter(function (c) { return c.competencies.indexOf(comp.id) !== -1; });
      if (needs.length) {
        var p = el("p", { "class": "hb-compare__needs" }, [el("span", { "class": "hb-compare__label" }, [ui.clause_needs]), " "]);
        needs.forEach(function (c, i) {
          p.appendChild(link(c.url, c.number));
          p.appendChild(document.createTextNode(i === needs.length - 1 ? "." : ", "));
        });
        row.appendChild(p);
      }
      section.appendChild(row);
    });
    section.appendChild(el("h4", { "class": "hb-compare__clauses-title" }, [ui.clauses]));
    if (clauses.length) {
      section.appendChild(el("ul", { "class": "hb-compare__clauses" }, clauses.map(function (c) {
        return el("li", {}, [link(c.url, c.number + " — " + c.label), " (" + fill(ui.clause_relies, { competencies: c.relies }) + ")"]);
      })));
    } else {
      section.appendChild(el("p", {}, [ui.no_clauses]));
    }
    return section;
  }

  function choice() {
    return { from: form.elements.from.value, to: form.elements.to.value };
  }

  // chosen: the reader changed the form (the address then records the pair; a page opened without
  // one keeps its plain address, which the language switcher carries over as it is)
  function show(chosen) {
    var c = choice();
    result.textContent = "";
    if (chosen) {
      var url = new URL(location.href);
      url.searchParams.set("from", c.from);
      url.searchParams.set("to", c.to);
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    if (c.from === c.to) {
      status.textContent = ui.same;
      return;
    }
    // the lower of the two levels is always "before", whichever box it was picked in
    var pair = ids.indexOf(c.from) < ids.indexOf(c.to) ? [c.from, c.to] : [c.to, c.from];
    result.appendChild(render(pair[0], pair[1]));
    if (chosen) status.textContent = fill(ui.shown, { from: byId[pair[0]].title, to: byId[pair[1]].title });
  }

  var params = new URLSearchParams(location.search);
  var wanted = { from: params.get("from"), to: params.get("to") };
  // a link to a static step (#junior-marketer) picks that step too
  var hash = location.hash.replace(/^#/, "").match(/^([a-z0-9]+)-([a-z0-9]+)$/);
  if (!wanted.from && hash && byId[hash[1]] && byId[hash[2]]) wanted = { from: hash[1], to: hash[2] };
  if (byId[wanted.from]) form.elements.from.value = wanted.from;
  if (byId[wanted.to]) form.elements.to.value = wanted.to;

  root.querySelector("[data-hb-static]").hidden = true;
  form.hidden = false;
  result.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { show(true); });
  show(false);
  // a link from the career ladder lands on the comparison, not on the (now hidden) static step
  if (byId[wanted.from] || byId[wanted.to]) (document.getElementById("compare") || form).scrollIntoView();
})();
