// Checklists that remember (loaded only on pages with task lists: overrides/hooks/workflows.py).
// pymdownx.tasklist renders each "- [ ] step" as li.task-list-item with a disabled checkbox; here
// they become checkable, and the ticks are kept in localStorage per page and language, so they
// survive a reload. A bar above the first list shows progress and clears the ticks. Printing keeps
// the ticks (print.css draws a checked box as ✓). Without JavaScript the steps read as a plain list.
(function () {
  var content = document.querySelector(".md-content article") || document.querySelector(".md-content");
  if (!content) return;
  var inputs = [], seen = {};
  var section = "top";
  // Each item's key: the id of its section (h2) and its own text, so editing one step or adding
  // another does not move the ticks of the rest.
  content.querySelectorAll("h2[id], li.task-list-item > .task-list-control > input[type=checkbox]").forEach(function (el) {
    if (el.tagName === "H2") { section = el.id; return; }
    var text = el.closest("li").textContent.replace(/\s+/g, " ").trim();
    var key = section + ":" + text;
    seen[key] = (seen[key] || 0) + 1;
    if (seen[key] > 1) key += "#" + seen[key];
    el.setAttribute("data-hb-key", key);
    inputs.push(el);
  });
  if (!inputs.length) return;

  var lang = document.documentElement.lang || "ru";
  var ru = lang.indexOf("ru") === 0;
  var storageKey = "hb-checklist:" + lang + ":" + location.pathname;
  var state = {};
  try { state = JSON.parse(localStorage.getItem(storageKey) || "{}") || {}; } catch (e) { state = {}; }

  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: ticks last until reload */ }
  }

  var bar = document.createElement("div");
  bar.className = "hb-checklist-bar";
  var progress = document.createElement("p");
  progress.className = "hb-checklist-bar__progress";
  progress.setAttribute("role", "status");
  var reset = document.createElement("button");
  reset.type = "button";
  reset.className = "md-button hb-checklist-bar__reset";
  reset.textContent = ru ? "Снять все отметки" : "Clear all ticks";
  bar.appendChild(progress);
  bar.appendChild(reset);
  var firstList = inputs[0].closest("ul, ol");
  firstList.parentNode.insertBefore(bar, firstList);

  function count() {
    var done = inputs.filter(function (i) { return i.checked; }).length;
    progress.textContent = ru ? "Отмечено " + done + " из " + inputs.length
                              : done + " of " + inputs.length + " ticked";
  }

  inputs.forEach(function (input) {
    var key = input.getAttribute("data-hb-key");
    input.disabled = false;
    if (Object.prototype.hasOwnProperty.call(state, key)) input.checked = !!state[key];
    input.addEventListener("change", function () {
      state[key] = input.checked;
      save();
      count();
    });
  });
  reset.addEventListener("click", function () {
    state = {};
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
    inputs.forEach(function (input) { input.checked = input.defaultChecked; });
    count();
  });
  count();
})();
