// The hire's documents, put together in the reader's browser from the vacancy builder's choices
// (loaded by pages/vacancy-builder.js only when one is asked for; nothing is sent anywhere):
//
// - the job description to sign: the job description page as built, with exactly the chosen
//   extended duties renumbered Д.1…/E.1…, a note of which handbook clauses they are, and the
//   level's title; printed on A4, or as .docx — the job description's own .docx (built by
//   overrides/hooks/docx_export.py) edited the same way, with fflate (vendor/fflate.min.js,
//   MIT, loaded only for the .docx) to open and write the zip;
// - the first-day pack: that job description, the onboarding plan, the level's indicators from the
//   competency matrix, the probation review form with its dates from the start date (Labour Code
//   art. 70 part 1, art. 71 part 1), and optionally the interview scorecard; one part per page.
//
// The pages are fetched from the same copy of the site the reader is on (data.local), so the
// documents say what the pages say.
(function () {
  "use strict";

  function fetchPage(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var base = doc.createElement("base");
      base.href = new URL(url, location.href).href;
      doc.head.appendChild(base);
      // links and images made absolute while the fetched page is their base
      doc.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", a.href); });
      doc.querySelectorAll("img[src]").forEach(function (img) { img.setAttribute("src", img.src); });
      return doc;
    });
  }

  // Site chrome and editors' notes never go into a document; ids would clash with the page's own.
  function clean(node) {
    node.querySelectorAll(".headerlink, .hb-clause-link, .hb-no-print, .md-content__button, script")
      .forEach(function (n) { n.remove(); });
    node.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    if (node.removeAttribute) node.removeAttribute("id");
    return node;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function extNumber(ctx, n) { return ctx.data.optional[0].number.split(".")[0] + "." + n; }

  // Chosen extended duties, in the job description's order: [{id, old: "Д.7", new: "Д.1"}].
  function chosenExtended(ctx) {
    var chosen = ctx.data.optional.filter(function (c) { return ctx.duties.indexOf(c.id) !== -1; });
    return chosen.map(function (c, i) { return { id: c.id, old: c.number, "new": extNumber(ctx, i + 1) }; });
  }

  function extendedNote(ctx, map) {
    var H = ctx.data.hire;
    if (!map.length) return H.jd_note_none;
    return ctx.fill(H.jd_note, { list: map.map(function (m) { return ctx.fill(H.jd_note_item, m); }).join("; ") });
  }

  // --- the job description to sign, as HTML ---------------------------------------------------
  function signedCopy(ctx) {
    return fetchPage(ctx.data.local.job_description).then(function (doc) {
      var article = doc.querySelector("article");
      var approval = article.querySelector(".doc-approval");
      var ext = article.querySelector("h2#extended-duties");
      var map = chosenExtended(ctx);
      var byId = {};
      map.forEach(function (m) { byId[m.id] = m; });
      // which edition of the handbook's text this copy is (the page's edition line)
      var editionLink = article.querySelector(".doc-meta .hb-edition");
      var edition = editionLink ? ctx.fill(ctx.data.hire.jd_edition, { edition: editionLink.textContent.trim() }) : "";
      var part = element("div", "hb-print-doc__jd");
      var inExt = false, started = false;
      Array.prototype.slice.call(article.children).forEach(function (child) {
        if (child === approval) started = true;
        if (!started) return;
        if (child.tagName === "H2") inExt = child === ext;
        if (inExt && child !== ext) {
          var m = child.classList.contains("clause") ? byId[child.id] : null;
          if (!m) return;  // not chosen, or the section's notes and optional criteria
          var number = child.querySelector("p > strong");
          if (number) number.textContent = m["new"] + ".";
        }
        part.appendChild(child.cloneNode(true));
        if (child === ext) part.appendChild(element("p", "hb-print-doc__note", extendedNote(ctx, map)));
        if (child.classList.contains("doc-header")) {
          part.appendChild(element("p", "hb-print-doc__level", ctx.fill(ctx.data.hire.jd_level, { level: ctx.level.title })));
          if (edition) part.appendChild(element("p", "hb-print-doc__edition", edition));
        }
      });
      var docx = article.querySelector('a[href$=".docx"]');
      return { node: clean(part), docx: docx ? docx.href : null, map: map, edition: edition };
    });
  }

  // --- printing ---------------------------------------------------------------------------------
  function printParts(ctx, parts) {
    var old = document.querySelector("body > .hb-print-doc");
    if (old) old.remove();
    var holder = element("div", "hb-print-doc md-typeset");
    holder.lang = ctx.data.lang;
    parts.forEach(function (p) {
      var wrap = element("section", "hb-print-doc__part");
      if (p.title) wrap.appendChild(element("h1", "", p.title));
      wrap.appendChild(p.node);
      holder.appendChild(wrap);
    });
    document.body.appendChild(holder);
    document.documentElement.classList.add("hb-printing");
    window.addEventListener("afterprint", function done() {
      document.documentElement.classList.remove("hb-printing");
      window.removeEventListener("afterprint", done);
    });
    holder.setAttribute("data-hb-ready", "");
    ctx.say(ctx.data.hire.printing);
    window.print();
  }

  // --- the .docx: the job description's own file, edited ------------------------------------------
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  function paraText(p) {
    return Array.prototype.map.call(p.getElementsByTagNameNS(W, "t"), function (t) { return t.textContent; }).join("");
  }
  function paraStyle(p) {
    var style = p.getElementsByTagNameNS(W, "pStyle")[0];
    return style ? style.getAttributeNS(W, "val") || style.getAttribute("w:val") : "";
  }
  function newPara(xml, text) {
    var p = xml.createElementNS(W, "w:p"), r = xml.createElementNS(W, "w:r"), t = xml.createElementNS(W, "w:t");
    t.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve");
    t.textContent = text;
    r.appendChild(t);
    p.appendChild(r);
    return p;
  }
  var EXT = /^([^\d\s.]+)\.(\d+)\.$/;

  function editDocx(ctx, xmlText, map, extHeading, edition) {
    var xml = new DOMParser().parseFromString(xmlText, "application/xml");
    if (xml.getElementsByTagName("parsererror").length) throw new Error("word/document.xml");
    var byOld = {};
    map.forEach(function (m) { byOld[m.old] = m; });
    var paras = Array.prototype.slice.call(xml.getElementsByTagNameNS(W, "p"));
    var firstHeading = paras.filter(function (p) { return /^Heading1$/.test(paraStyle(p)); })[0];
    if (firstHeading) {
      firstHeading.parentNode.insertBefore(newPara(xml, ctx.fill(ctx.data.hire.jd_level, { level: ctx.level.title })), firstHeading);
      if (edition) firstHeading.parentNode.insertBefore(newPara(xml, edition), firstHeading);
    }
    var inExt = false;
    paras.forEach(function (p) {
      var text = paraText(p).trim();
      if (/^Heading1$/.test(paraStyle(p))) {
        inExt = text === extHeading;
        if (inExt) p.parentNode.insertBefore(newPara(xml, extendedNote(ctx, map)), p.nextSibling);
        return;
      }
      if (!inExt) return;
      var first = p.getElementsByTagNameNS(W, "t")[0];
      var number = first ? first.textContent.trim() : "";
      var m = EXT.test(number) ? byOld[number.slice(0, -1)] : null;
      if (!m) { p.parentNode.removeChild(p); return; }
      first.textContent = m["new"] + ".";
    });
    return new XMLSerializer().serializeToString(xml);
  }

  function docx(ctx) {
    var H = ctx.data.hire;
    return Promise.all([signedCopy(ctx), ctx.load("fflate"), fetchPage(ctx.data.local.job_description)]).then(function (got) {
      var copy = got[0], page = got[2];
      if (!copy.docx) throw new Error(".docx");
      var heading = page.querySelector("h2#extended-duties");
      clean(heading);
      var extHeading = heading.textContent.trim();
      return fetch(copy.docx).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + copy.docx);
        return response.arrayBuffer();
      }).then(function (buffer) {
        var files = window.fflate.unzipSync(new Uint8Array(buffer));
        var xml = new TextDecoder("utf-8").decode(files["word/document.xml"]);
        files["word/document.xml"] = new TextEncoder().encode(editDocx(ctx, xml, copy.map, extHeading, copy.edition));
        var out = window.fflate.zipSync(files, { level: 6 });
        var name = H.file_jd + "-" + ctx.level.id + "-" + ctx.data.lang + ".docx";
        ctx.download(new Blob([out], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), name);
      });
    });
  }

  // --- the first-day pack --------------------------------------------------------------------------
  function parseDate(value) {
    var p = value.split("-").map(Number);
    return new Date(p[0], p[1] - 1, p[2]);
  }
  function lastDay(year, month) { return new Date(year, month + 1, 0).getDate(); }
  // The last day of a probation of `months` months from `start` (its first day): the day before
  // the same date `months` later; where that month has no such date, its last day (Labour Code
  // art. 14 part 3).
  function probationEnd(start, months) {
    var y = start.getFullYear(), m = start.getMonth() + months, d = start.getDate();
    var target = new Date(y, m, 1);
    if (d > lastDay(target.getFullYear(), target.getMonth())) {
      return new Date(target.getFullYear(), target.getMonth(), lastDay(target.getFullYear(), target.getMonth()));
    }
    return new Date(target.getFullYear(), target.getMonth(), d - 1);
  }
  function addDays(date, n) { return new Date(date.getFullYear(), date.getMonth(), date.getDate() + n); }
  function formatDate(ctx, date) {
    return date.toLocaleDateString(ctx.data.lang === "ru" ? "ru-RU" : "en-GB", { day: "2-digit", month: "2-digit", year: "numeric" });
  }

  function reviewForm(ctx) {
    var H = ctx.data.hire, D = ctx.data.documents;
    var start = parseDate(ctx.startDate);
    var end = probationEnd(start, D.probation_months);
    var notice = addDays(end, -D.notice_days);
    var part = element("div", "hb-print-doc__review");
    part.appendChild(element("p", "", H.review_lead));
    var table = element("table", "hb-print-doc__dates");
    [[H.review_start, start], [H.review_meeting, notice], [H.review_notice, notice], [H.review_end, end]].forEach(function (row) {
      var tr = element("tr");
      tr.appendChild(element("th", "", row[0]));
      var td = element("td", "", formatDate(ctx, row[1]));
      td.setAttribute("data-hb-date", "");
      tr.appendChild(td);
      table.appendChild(tr);
    });
    part.appendChild(table);
    H.review_fields.forEach(function (label) {
      part.appendChild(element("p", "hb-print-doc__field", label + ": ________________________________________"));
    });
    return part;
  }

  function section(doc, selector, stopAt) {
    var start = doc.querySelector(selector);
    if (!start) return null;
    var out = element("div");
    for (var n = start; n; n = n.nextElementSibling) {
      if (n !== start && stopAt(n)) break;
      out.appendChild(n.cloneNode(true));
    }
    return clean(out);
  }

  function onboarding(doc, skip) {
    var article = doc.querySelector("article");
    var out = element("div"), keep = false;
    Array.prototype.slice.call(article.children).forEach(function (child) {
      if (child.tagName === "H2") keep = skip.indexOf(child.id) === -1;
      if (keep) out.appendChild(child.cloneNode(true));
    });
    return clean(out);
  }

  function pack(ctx) {
    var H = ctx.data.hire, L = ctx.data.local;
    var anchor = ctx.level.matrix_url ? ctx.level.matrix_url.split("#")[1] : null;
    return Promise.all([
      signedCopy(ctx),
      fetchPage(L.onboarding),
      anchor ? fetchPage(L.competencies) : Promise.resolve(null),
      ctx.scorecard ? fetchPage(L.interview) : Promise.resolve(null)
    ]).then(function (got) {
      var title = element("div");
      title.appendChild(element("p", "hb-print-doc__lead", ctx.fill(H.pack_start, { date: formatDate(ctx, parseDate(ctx.startDate)) })));
      var parts = [{ title: ctx.fill(H.pack_title, { level: ctx.level.title }), node: title },
                   { title: H.pack_jd, node: got[0].node },
                   { title: H.pack_onboarding, node: onboarding(got[1], ctx.data.documents.onboarding_skip) }];
      if (got[2]) {
        var column = section(got[2], "#" + anchor, function (n) { return /^H[23]$/.test(n.tagName); });
        if (column) {
          column.firstElementChild.remove();  // its heading: the part has its own title
          parts.push({ title: ctx.fill(H.pack_matrix, { level: ctx.level.title }), node: column });
        }
      }
      parts.push({ title: H.pack_review, node: reviewForm(ctx) });
      if (got[3]) {
        var card = got[3].querySelector(".hb-scorecard");
        if (card) {  // its summary: who, which level, the average, the recommendation and why
          card = card.cloneNode(true);
          card.querySelectorAll("table, .hb-scorecard__scale, h3").forEach(function (n) { n.remove(); });
          parts.push({ title: H.pack_scorecard, node: clean(card) });
        }
      }
      printParts(ctx, parts);
    });
  }

  window.hbHireDocuments = {
    "print-jd": function (ctx) {
      return signedCopy(ctx).then(function (copy) { printParts(ctx, [{ node: copy.node }]); });
    },
    "docx-jd": docx,
    "print-pack": pack,
    probationEnd: probationEnd
  };
})();
