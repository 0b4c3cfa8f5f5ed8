// The recruiters' vacancy builder (loaded only on the recruiters' page: overrides/hooks/workflows.py).
// The form and its data (#hb-vacancy-data, JSON) are rendered at build time and hidden; this script
// shows the form, composes the vacancy text in the page's language with permanent links, keeps the
// choices in the address (?level=…&duties=…&req=…), copies and downloads the text (.txt, .md).
// Without JavaScript the section stays hidden and the page's static template is what readers get.
(function () {
  var section = document.getElementById("vacancy-builder");
  var source = document.getElementById("hb-vacancy-data");
  if (!section || !source) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui, T = data.text;
  var form = section.querySelector("form");
  var output = section.querySelector("#hb-vacancy-text");
  var status = section.querySelector("[role=status]");
  var skillsBox = section.querySelector("[data-hb-skills]");
  var bullet = data.lang === "ru" ? "— " : "- ";
  var levels = Object.create(null);  // no inherited keys: ?level=__proto__ finds no level
  data.levels.forEach(function (level) { levels[level.id] = level; });
  var clauses = {};
  data.core.concat(data.optional).forEach(function (c) { clauses[c.id] = c; });

  function boxes(name) { return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]")); }
  function checked(name) { return boxes(name).filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); }
  function level() {
    var picked = form.querySelector("input[name=level]:checked");
    return levels[picked ? picked.value : data.default_level];
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // Skills of the chosen level (career.yml: what the level below learns next), ticked by default.
  function renderSkills(lvl, ticked) {
    skillsBox.textContent = "";
    lvl.skills.forEach(function (text, i) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox"; box.name = "req"; box.value = "skill-" + (i + 1);
      box.checked = ticked ? ticked.indexOf(box.value) !== -1 : true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + text));
      skillsBox.appendChild(label);
    });
    skillsBox.parentNode.hidden = !lvl.skills.length;
  }

  function applyLevelDefaults(lvl) {
    boxes("duty").forEach(function (b) { b.checked = lvl.duties.indexOf(b.value) !== -1; });
    renderSkills(lvl, null);
  }

  // --- the composed text: one list of blocks, written as plain text or as Markdown -------------
  function compose() {
    var lvl = level();
    var duties = checked("duty").map(function (id) { return clauses[id]; });
    var req = checked("req");
    var knowledge = data.knowledge.items.filter(function (item) { return req.indexOf(item.id) !== -1; });
    var skills = lvl.skills.filter(function (s, i) { return req.indexOf("skill-" + (i + 1)) !== -1; });
    var ref = function (c) { return { label: fill(T.clause_ref, { number: c.number }), url: c.url }; };
    var blocks = [{ title: fill(T.title, { level: lvl.title }) }, { heading: T.about_heading, lines: [{ text: T.about }] }];
    var jobLines = duties.map(function (c) { return { item: c.text, ref: ref(c) }; });
    jobLines.push({ link: { label: T.duties_link, url: data.links.job_description } });
    blocks.push({ heading: T.duties_heading, lines: jobLines });
    var needs = [{ item: T.experience }];
    if (req.indexOf(data.education.id) !== -1) needs.push({ item: data.education.text, ref: ref(data.education) });
    if (knowledge.length) needs.push({ item: T.knowledge_lead, ref: ref(data.knowledge), sub: knowledge.map(function (k) { return k.text; }) });
    if (skills.length) needs.push({ item: T.skills_lead, sub: skills });
    needs.push({ item: T.cases });
    blocks.push({ heading: T.requirements_heading, lines: needs });
    blocks.push({ heading: T.terms_heading, lines: [T.salary, fill(T.reports_to, { manager: lvl.manager }), T.team, T.format, T.contract]
      .map(function (t) { return { item: t }; }) });
    var links = [{ link: { label: T.level_link, url: lvl.url } }];
    if (lvl.matrix_url) links.push({ link: { label: T.matrix_link, url: lvl.matrix_url } });
    links.push({ link: { label: T.salaries_link, url: data.links.salaries } },
               { link: { label: T.glossary_link, url: data.links.glossary } },
               { link: { label: T.onboarding_link, url: data.links.onboarding } });
    blocks.push({ lines: links }, { lines: [{ text: T.apply }] });
    return blocks;
  }

  function asText(blocks) {
    return blocks.map(function (b) {
      if (b.title) return b.title;
      var out = b.heading ? [b.heading] : [];
      b.lines.forEach(function (l) {
        if (l.text) out.push(l.text);
        else if (l.link) out.push(l.link.label + ": " + l.link.url);
        else {
          out.push(bullet + l.item + (l.ref ? " (" + l.ref.label + ": " + l.ref.url + ")" : "") + (l.sub ? ":" : ""));
          (l.sub || []).forEach(function (s) { out.push("  " + bullet + s); });
        }
      });
      return out.join("\n");
    }).join("\n\n") + "\n";
  }

  function md(text) { return text.replace(/([\\`*_[\]<>#|])/g, "\\$1"); }
  function asMarkdown(blocks) {
    return blocks.map(function (b) {
      if (b.title) return "# " + md(b.title);
      var out = b.heading ? ["## " + md(b.heading), ""] : [];
      b.lines.forEach(function (l) {
        if (l.text) out.push(md(l.text));
        else if (l.link) out.push("- [" + md(l.link.label) + "](" + l.link.url + ")");
        else {
          out.push("- " + md(l.item) + (l.ref ? " ([" + md(l.ref.label) + "](" + l.ref.url + "))" : "") + (l.sub ? ":" : ""));
          (l.sub || []).forEach(function (s) { out.push("    - " + md(s)); });
        }
      });
      return out.join("\n");
    }).join("\n\n") + "\n";
  }

  // --- the address keeps the choices ---------------------------------------------------------
  function query() {
    return "?level=" + level().id + "&duties=" + checked("duty").join(",") + "&req=" + checked("req").join(",");
  }
  function shareUrl() { return location.origin + location.pathname + query() + "#vacancy-builder"; }

  function restore() {
    var params = new URLSearchParams(location.search);
    var lvl = levels[params.get("level")] || levels[data.default_level];
    boxes("level").forEach(function (b) { b.checked = b.value === lvl.id; });
    applyLevelDefaults(lvl);
    var list = function (key) { return params.get(key).split(",").filter(Boolean); };
    if (params.has("duties")) {
      var duties = list("duties");
      boxes("duty").forEach(function (b) { b.checked = duties.indexOf(b.value) !== -1; });
    }
    var req = params.has("req") ? list("req") : [];
    if (params.has("req")) renderSkills(lvl, req);
    boxes("req").forEach(function (b) {
      if (b.value.indexOf("skill-") === 0) return;
      b.checked = params.has("req") ? req.indexOf(b.value) !== -1 : b.value !== data.education.id;
    });
  }

  function update(pushUrl) {
    output.value = asText(compose());
    if (pushUrl) history.replaceState(null, "", location.pathname + query() + location.hash);
  }

  // --- copy and download ----------------------------------------------------------------------
  function say(message) {
    status.textContent = "";
    setTimeout(function () { status.textContent = message; }, 50);  // re-announced every time
  }
  function copy(text, done) {
    if (!navigator.clipboard) { say(ui.copy_failed); return; }
    navigator.clipboard.writeText(text).then(function () { say(done); }, function () { say(ui.copy_failed); });
  }
  function download(text, ext, type) {
    var name = ui.file_name + "-" + level().id + "." + ext;
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say(fill(ui.downloaded, { file: name }));
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) {
    if (event.target.name === "level") applyLevelDefaults(level());
    update(true);
  });
  section.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-hb-action]");
    if (!button) return;
    var action = button.getAttribute("data-hb-action");
    if (action === "copy") copy(asText(compose()), ui.copied);
    else if (action === "link") copy(shareUrl(), ui.link_copied);
    else if (action === "txt") download(asText(compose()), "txt", "text/plain");
    else if (action === "md") download(asMarkdown(compose()), "md", "text/markdown");
  });

  restore();
  section.hidden = false;
  update(false);
  if (location.hash === "#vacancy-builder") section.scrollIntoView();
})();
