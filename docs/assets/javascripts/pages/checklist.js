// Checklists that remember (loaded only on pages with task lists: overrides/hooks/workflows.py,
// after state-file.js). pymdownx.tasklist renders each "- [ ] step" as li.task-list-item with a
// disabled checkbox; here they become checkable, and the ticks are kept in localStorage per page
// and language, so they survive a reload, and can be saved to a file and loaded from one (in
// another browser). A bar above the first list shows progress, clears the ticks and has the file
// buttons. Printing keeps the ticks (print.css draws a checked box as ✓). Without JavaScript the
// steps read as a plain list. Words: docs/data/levels.yml (#hb-checklist-data, overrides/hooks/levels.py).
(function () {
  var content = document.querySelector(".md-content article") || document.querySelector(".md-content");
  var source = document.getElementById("hb-checklist-data");
  if (!content || !source) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui, fill = window.hbStateFile ? window.hbStateFile.fill : null;
  var STORED_VERSION = 2;  // {v: 2, ticks: {id: true}}; before it, {"<section>:<item text>": true}
  var inputs = [], seen = {}, legacy = {};
  var section = "top";
  // Each item's key: its stable id (`{ #step-… }` under the item in the Markdown), so rewording a
  // step keeps its tick. An item without one falls back to its section and text. `legacy` is the
  // key ticks were stored under before the ids (section id and the item's whole text).
  content.querySelectorAll("h2[id], li.task-list-item > .task-list-control > input[type=checkbox]").forEach(function (el) {
    if (el.tagName === "H2") { section = el.id; return; }
    var item = el.closest("li");
    var old = section + ":" + item.textContent.replace(/\s+/g, " ").trim();
    seen[old] = (seen[old] || 0) + 1;
    if (seen[old] > 1) old += "#" + seen[old];
    var key = item.id || "text:" + old;
    el.setAttribute("data-hb-key", key);
    legacy[key] = old;
    inputs.push(el);
  });
  if (!inputs.length || !fill) return;

  var storageKey = "hb-checklist:" + data.lang + ":" + location.pathname;
  var ticks = {};
  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify({ v: STORED_VERSION, ticks: ticks })); } catch (e) { /* private mode: ticks last until reload */ }
  }
  (function load() {
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { stored = null; }
    if (!stored || typeof stored !== "object") return;
    if (stored.v === STORED_VERSION) { ticks = stored.ticks || {}; return; }
    // Ticks stored by text before the stable ids: carried over to the ids once, then stored anew.
    inputs.forEach(function (input) {
      var key = input.getAttribute("data-hb-key");
      if (stored[legacy[key]] === true) ticks[key] = true;
    });
    save();
  })();

  var bar = document.createElement("div");
  bar.className = "hb-checklist-bar";
  var progress = document.createElement("p");
  progress.className = "hb-checklist-bar__progress";
  progress.setAttribute("role", "status");
  var reset = document.createElement("button");
  reset.type = "button";
  reset.className = "md-button hb-checklist-bar__reset";
  reset.textContent = ui.reset;
  var message = document.createElement("p");
  message.className = "hb-checklist-bar__message";
  message.setAttribute("role", "status");
  bar.appendChild(progress);
  bar.appendChild(reset);
  var firstList = inputs[0].closest("ul, ol");
  firstList.parentNode.insertBefore(bar, firstList);
  firstList.parentNode.insertBefore(message, firstList);

  function count() {
    var done = inputs.filter(function (i) { return i.checked; }).length;
    progress.textContent = fill(ui.progress, { done: done, total: inputs.length });
  }
  function show() {
    inputs.forEach(function (input) {
      var key = input.getAttribute("data-hb-key");
      input.checked = Object.prototype.hasOwnProperty.call(ticks, key) ? !!ticks[key] : input.defaultChecked;
    });
    count();
  }

  inputs.forEach(function (input) {
    var key = input.getAttribute("data-hb-key");
    input.disabled = false;
    input.addEventListener("change", function () {
      if (input.checked) ticks[key] = true; else delete ticks[key];
      save();
      count();
    });
  });
  reset.addEventListener("click", function () {
    ticks = {};
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
    show();
  });

  var known = {};
  inputs.forEach(function (input) { known[input.getAttribute("data-hb-key")] = true; });
  window.hbStateFile.attach(bar, {
    ui: ui, page: data.page, lang: data.lang, version: data.version,
    fileName: fill(ui.file_name, { page: data.page }),
    collect: function () { return { ticks: Object.keys(ticks).filter(function (k) { return ticks[k]; }) }; },
    accept: function (file) {
      var list = file.ticks;
      if (!Array.isArray(list) || !list.every(function (k) { return typeof k === "string"; })) return null;
      var kept = list.filter(function (k) { return known[k]; });
      var skipped = list.length - kept.length;
      return {
        apply: function () {
          ticks = {};
          kept.forEach(function (k) { ticks[k] = true; });
          save();
          show();
        },
        note: skipped ? fill(ui.skipped, { n: skipped }) : ""
      };
    },
    say: function (text) { message.textContent = text; }
  });
  show();
})();
