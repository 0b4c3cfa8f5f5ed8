// The recruiters' vacancy builder (loaded only on the recruiters' page: overrides/hooks/workflows.py).
// The form and its data (#hb-vacancy-data, JSON) are rendered at build time and hidden; this script
// shows the form, composes the vacancy text in the page's language with permanent links, keeps the
// choices in the address (?level=…&duties=…&req=…), copies and downloads the text (.txt, .md).
// Without JavaScript the section stays hidden and the page's static template is what readers get.
// The posting's own fields (title, company, salary, city, format, dates) fill the text and feed
// three exports: a JSON in the shape of hh.ru's vacancy API, its HTML description, and a schema.org
// JobPosting snippet; everything typed and the composed text go through the lawful-wording check
// (docs/data/wording.yml). The hire's documents (the job description to sign, the first-day pack)
// are put together by pages/hire-documents.js, loaded only when asked for.
(function () {
  var section = document.getElementById("vacancy-builder");
  var source = document.getElementById("hb-vacancy-data");
  if (!section || !source) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui, T = data.text, H = data.hire;
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
  function compose(handbookOnly) {
    var lvl = level();
    var typed = handbookOnly ? {} : posting();
    var duties = checked("duty").map(function (id) { return clauses[id]; });
    var req = checked("req");
    var knowledge = data.knowledge.items.filter(function (item) { return req.indexOf(item.id) !== -1; });
    var skills = lvl.skills.filter(function (s, i) { return req.indexOf("skill-" + (i + 1)) !== -1; });
    var ref = function (c) { return { label: fill(T.clause_ref, { number: c.number }), url: c.url }; };
    var name = typed.job_title || lvl.title;
    var blocks = [{ title: typed.company ? name + " — " + typed.company : fill(T.title, { level: name }) },
                  { heading: T.about_heading, lines: [{ text: typed.about || T.about }] }];
    var jobLines = duties.map(function (c) { return { item: c.text, ref: ref(c) }; });
    jobLines.push({ link: { label: T.duties_link, url: data.links.job_description } });
    blocks.push({ heading: T.duties_heading, lines: jobLines });
    var needs = [{ item: T.experience }];
    if (req.indexOf(data.education.id) !== -1) needs.push({ item: data.education.text, ref: ref(data.education) });
    if (knowledge.length) needs.push({ item: T.knowledge_lead, ref: ref(data.knowledge), sub: knowledge.map(function (k) { return k.text; }) });
    if (skills.length) needs.push({ item: T.skills_lead, sub: skills });
    needs.push({ item: T.cases });
    blocks.push({ heading: T.requirements_heading, lines: needs });
    var terms = [salaryLine(typed) || T.salary, fill(T.reports_to, { manager: lvl.manager }), T.team,
                 formatLine(typed) || T.format, T.contract];
    if (typed.extra) terms.push(typed.extra);
    blocks.push({ heading: T.terms_heading, lines: terms.map(function (t) { return { item: t }; }) });
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

  // --- the posting's own fields -----------------------------------------------------------------
  var field = function (name) { return section.querySelector("[name=" + name + "]"); };
  var TYPED = ["job_title", "company", "about", "extra"];
  function radio(name) {
    var picked = section.querySelector("input[name=" + name + "]:checked");
    return picked ? picked.value : "";
  }
  function posting() {
    var out = {};
    TYPED.forEach(function (name) { out[name] = field(name).value.trim(); });
    out.salary_from = field("salary_from").value === "" ? null : Number(field("salary_from").value);
    out.salary_to = field("salary_to").value === "" ? null : Number(field("salary_to").value);
    out.currency = radio("currency");
    out.gross = radio("gross");
    out.format = radio("format");
    out.area = field("area").value;
    out.area_name = out.area ? field("area").selectedOptions[0].textContent.trim() : "";
    out.date_posted = field("date_posted").value;
    out.valid_through = field("valid_through").value;
    return out;
  }
  function money(n) { return n.toLocaleString(data.lang === "ru" ? "ru-RU" : "en-GB"); }
  function salaryLine(p) {
    if (p.salary_from === undefined || !p.currency || !p.gross || (p.salary_from === null && p.salary_to === null)) return "";
    var range = p.salary_from !== null && p.salary_to !== null ? fill(H.range_both, { from: money(p.salary_from), to: money(p.salary_to) })
      : p.salary_from !== null ? fill(H.range_from, { from: money(p.salary_from) }) : fill(H.range_to, { to: money(p.salary_to) });
    return fill(H.salary_line, { range: range, unit: H.currency_units[p.currency], tax: p.gross === "true" ? H.gross : H.net });
  }
  function formatLine(p) {
    if (!p.format || !p.area) return "";
    return fill(H.format_line, { format: H.format_names[p.format], city: p.area_name });
  }

  // What must be right before the vacancy goes to hh.ru or a careers page (one message each).
  function problems(p) {
    var out = [];
    if (p.salary_from === null && p.salary_to === null) out.push(H.need_salary);
    else if ((p.salary_from !== null && !(p.salary_from > 0)) || (p.salary_to !== null && !(p.salary_to > 0))) out.push(H.salary_positive);
    else if (p.salary_from !== null && p.salary_to !== null && p.salary_from > p.salary_to) out.push(H.salary_order);
    if (!p.currency) out.push(H.need_currency);
    if (!p.gross) out.push(H.need_tax);
    if (!p.area) out.push(H.need_area);
    if (!p.format) out.push(H.need_format);
    if (p.date_posted && p.valid_through && p.valid_through < p.date_posted) out.push(H.need_dates);
    return out;
  }
  var problemsBox = section.querySelector("[data-hb-problems]");
  var exportTried = false;
  function showProblems(list) {
    problemsBox.textContent = "";
    if (!list.length) return;
    var title = document.createElement("p");
    title.textContent = H.invalid_title;
    var items = document.createElement("ul");
    list.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      items.appendChild(li);
    });
    problemsBox.appendChild(title);
    problemsBox.appendChild(items);
  }

  // --- the lawful-wording check (docs/data/wording.yml) -----------------------------------------
  // Each pattern must start a word: nothing but a non-letter may come before it.
  var rules = data.wording.map(function (rule) {
    return { rule: rule, patterns: rule.patterns.map(function (src) {
      return new RegExp("(?<![\\p{L}\\p{N}_])(?:" + src + ")", "giu");
    }) };
  });
  function checkWording(text) {
    var found = [], seen = {};
    var normal = text.replace(/ё/g, "е").replace(/Ё/g, "Е");
    rules.forEach(function (r) {
      r.patterns.forEach(function (re) {
        re.lastIndex = 0;
        var m;
        while ((m = re.exec(normal)) !== null) {
          if (m[0] === "") { re.lastIndex += 1; continue; }
          var match = text.substr(m.index, m[0].length).trim();
          var key = r.rule.id + ":" + match.toLowerCase();
          if (!seen[key]) {
            seen[key] = true;
            found.push({ id: r.rule.id, match: match, reason: r.rule.reason, alternative: r.rule.alternative });
          }
        }
      });
    });
    return found;
  }
  section.hbCheckWording = checkWording;  // the table-driven test calls the page's own check
  var checkSummary = section.querySelector("[data-hb-check-summary]");
  var checkList = section.querySelector("[data-hb-check-list]");
  // Everything the recruiter typed, field by field, and the handbook's own part of the text.
  function wordingFindings() {
    var p = posting(), out = [];
    TYPED.forEach(function (name) {
      checkWording(p[name]).forEach(function (f) { f.field = H.check_fields[name]; out.push(f); });
    });
    checkWording(asText(compose(true))).forEach(function (f) { f.field = H.check_fields.text; out.push(f); });
    return out;
  }
  function warningLines(findings) {
    return findings.map(function (f) { return fill(H.check_item, f); });
  }
  function showWording() {
    var findings = wordingFindings();
    checkSummary.textContent = findings.length ? fill(H.check_found, { count: findings.length }) : H.check_ok;
    checkList.textContent = "";
    warningLines(findings).forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      checkList.appendChild(li);
    });
    return findings;
  }

  // --- exports: hh.ru vacancy JSON, its HTML description, schema.org JobPosting -------------------
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function link(l) { return '<a href="' + esc(l.url) + '">' + esc(l.label) + "</a>"; }
  // hh.ru's description is HTML; only p, strong, ul, li and a are used (decisions/hire.md).
  function asHtml(blocks) {
    var out = [];
    blocks.forEach(function (b) {
      if (b.title) return;  // the vacancy's name is its own field
      if (b.heading) out.push("<p><strong>" + esc(b.heading) + "</strong></p>");
      var list = [];
      var flush = function () { if (list.length) out.push("<ul>" + list.join("") + "</ul>"); list = []; };
      b.lines.forEach(function (l) {
        if (l.text) { flush(); out.push("<p>" + esc(l.text) + "</p>"); }
        else if (l.link) { flush(); out.push("<p>" + link(l.link) + "</p>"); }
        else list.push("<li>" + esc(l.item) + (l.ref ? " (" + link(l.ref) + ")" : "")
                       + (l.sub ? ": " + l.sub.map(function (s) { return esc(s.replace(/[;.,\s]+$/, "")); }).join("; ") : "") + "</li>");
      });
      flush();
    });
    return out.join("");
  }
  function vacancyName(p) { return p.job_title || level().title; }
  function keySkills() {
    var req = checked("req");
    return data.knowledge.items.filter(function (item) { return req.indexOf(item.id) !== -1; })
      .map(function (item) { return { name: item.text.replace(/[;.,:\s]+$/, "") }; });
  }
  function hhVacancy(p, findings) {
    var fmt = data.hh.formats[p.format];
    var out = {
      name: vacancyName(p),
      description: asHtml(compose()),
      key_skills: keySkills(),
      professional_roles: [{ id: data.hh.professional_role }],
      experience: { id: data.hh.experience[level().id] },
      employment: { id: data.hh.employment },
      schedule: { id: fmt.schedule },
      work_format: [{ id: fmt.work_format }],
      salary: { from: p.salary_from, to: p.salary_to, currency: p.currency, gross: p.gross === "true" },
      area: { id: p.area }
    };
    if (findings.length) out.x_lawful_wording_warnings = [H.export_warning].concat(warningLines(findings));
    return out;
  }
  var ISO_CURRENCY = { RUR: "RUB" };  // hh.ru's own code for the rouble is RUR (ISO 4217: RUB)
  function jobPosting(p) {
    var months = data.hh.experience_months[data.hh.experience[level().id]];
    var out = {
      "@context": "https://schema.org/",
      "@type": "JobPosting",
      title: vacancyName(p),
      description: asHtml(compose()),
      datePosted: p.date_posted,
      validThrough: p.valid_through,
      employmentType: "FULL_TIME",
      hiringOrganization: { "@type": "Organization", name: p.company || H.company_placeholder },
      baseSalary: { "@type": "MonetaryAmount", currency: ISO_CURRENCY[p.currency] || p.currency,
        value: { "@type": "QuantitativeValue", unitText: "MONTH" } },
      experienceRequirements: { "@type": "OccupationalExperienceRequirements", monthsOfExperience: months }
    };
    if (p.salary_from !== null) out.baseSalary.value.minValue = p.salary_from;
    if (p.salary_to !== null) out.baseSalary.value.maxValue = p.salary_to;
    if (p.salary_from !== null && p.salary_to === null) out.baseSalary.value.value = p.salary_from;
    if (p.salary_to !== null && p.salary_from === null) out.baseSalary.value.value = p.salary_to;
    if (p.format !== "remote") {
      out.jobLocation = { "@type": "Place", address: { "@type": "PostalAddress", addressLocality: p.area_name, addressCountry: "RU" } };
    }
    if (p.format !== "office") {
      out.jobLocationType = "TELECOMMUTE";
      out.applicantLocationRequirements = { "@type": "Country", name: H.country };
    }
    if (checked("req").indexOf(data.education.id) !== -1) {
      out.educationRequirements = { "@type": "EducationalOccupationalCredential", credentialCategory: "bachelor degree" };
    }
    return out;
  }
  function jobPostingHtml(p, findings) {
    var json = JSON.stringify(jobPosting(p), null, 2).replace(/</g, "\\u003c");
    var comment = findings.length
      ? "<!--\n" + [H.export_warning].concat(warningLines(findings)).join("\n").replace(/--/g, "—") + "\n-->\n" : "";
    return comment + '<script type="application/ld+json">\n' + json + "\n</" + "script>\n";
  }
  function exportable() {
    var p = posting();
    var list = problems(p);
    exportTried = true;
    showProblems(list);
    return list.length ? null : p;
  }
  function copyHtml(html, text, done) {
    if (!navigator.clipboard || !window.ClipboardItem) { copy(text, done); return; }
    var item = new ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }),
                                   "text/plain": new Blob([text], { type: "text/plain" }) });
    navigator.clipboard.write([item]).then(function () { say(done); }, function () { copy(text, done); });
  }

  // --- the hire's documents: loaded on demand (pages/hire-documents.js, fflate for the .docx) -----
  var loaded = {};
  function load(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = data.local[name];
        script.onload = resolve;
        script.onerror = function () { reject(new Error(data.local[name])); };
        document.head.appendChild(script);
      });
    }
    return loaded[name];
  }
  function documentChoice() {
    var start = section.querySelector("[name=start_date]");
    return {
      data: data, level: level(), duties: checked("duty"), startDate: start.value,
      scorecard: section.querySelector("[name=with_scorecard]").checked,
      load: load, say: say, fill: fill, download: downloadBlob
    };
  }
  function documents(action) {
    if (action === "print-pack" && !section.querySelector("[name=start_date]").value) {
      say(H.need_start);
      section.querySelector("[name=start_date]").focus();
      return;
    }
    say(H.loading);
    load("hire-documents").then(function () {
      return window.hbHireDocuments[action](documentChoice());
    }).catch(function (error) { say(fill(H.failed, { error: error.message || String(error) })); });
  }

  // --- the address keeps the choices ---------------------------------------------------------
  function query() {
    return "?level=" + level().id + "&duties=" + checked("duty").join(",") + "&req=" + checked("req").join(",")
      + postingQuery();
  }
  // The posting's choices (not its free text) travel too: salary=FROM-TO, cur, gross, fmt, area.
  function postingQuery() {
    var p = posting(), out = "";
    if (p.salary_from !== null || p.salary_to !== null) {
      out += "&salary=" + (p.salary_from === null ? "" : p.salary_from) + "-" + (p.salary_to === null ? "" : p.salary_to);
    }
    [["cur", p.currency], ["gross", p.gross], ["fmt", p.format], ["area", p.area]].forEach(function (kv) {
      if (kv[1]) out += "&" + kv[0] + "=" + encodeURIComponent(kv[1]);
    });
    return out;
  }
  function restorePosting(params) {
    var salary = /^(\d*)-(\d*)$/.exec(params.get("salary") || "");
    if (salary) {
      field("salary_from").value = salary[1];
      field("salary_to").value = salary[2];
    }
    var pick = function (name, value) {
      section.querySelectorAll("input[name=" + name + "]").forEach(function (b) { b.checked = b.value === value; });
    };
    if (data.hh.currencies.indexOf(params.get("cur")) !== -1) pick("currency", params.get("cur"));
    if (params.get("gross") === "true" || params.get("gross") === "false") pick("gross", params.get("gross"));
    if (Object.prototype.hasOwnProperty.call(data.hh.formats, params.get("fmt"))) pick("format", params.get("fmt"));
    if (data.hh.areas.some(function (a) { return a.id === params.get("area"); })) field("area").value = params.get("area");
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
    restorePosting(params);
    var req = params.has("req") ? list("req") : [];
    if (params.has("req")) renderSkills(lvl, req);
    boxes("req").forEach(function (b) {
      if (b.value.indexOf("skill-") === 0) return;
      b.checked = params.has("req") ? req.indexOf(b.value) !== -1 : b.value !== data.education.id;
    });
  }

  function update(pushUrl) {
    output.value = asText(compose());
    showWording();
    if (exportTried) showProblems(problems(posting()));
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
  function download(text, ext, type, base) {
    downloadBlob(new Blob([text], { type: type + ";charset=utf-8" }), (base || ui.file_name) + "-" + level().id + "." + ext);
  }
  function downloadBlob(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
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
    else if (action === "hh-json" || action === "hh-description" || action === "job-posting") {
      var p = exportable();
      if (!p) return;
      var findings = showWording();
      if (action === "hh-json") download(JSON.stringify(hhVacancy(p, findings), null, 2) + "\n", "json", "application/json", H.file_hh);
      else if (action === "hh-description") copyHtml(asHtml(compose()), asText(compose()), H.hh_copied);
      else download(jobPostingHtml(p, findings), "html", "text/html", H.file_job_posting);
    }
    else documents(action);
  });
  section.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-hb-check") || event.target.type === "number") update(false);
  });

  restore();
  var today = new Date();
  var iso = function (d) { return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2); };
  field("date_posted").value = iso(today);
  field("valid_through").value = iso(new Date(today.getFullYear(), today.getMonth(), today.getDate() + data.documents.valid_days));
  section.hidden = false;
  update(false);
  if (location.hash === "#vacancy-builder") section.scrollIntoView();
})();
