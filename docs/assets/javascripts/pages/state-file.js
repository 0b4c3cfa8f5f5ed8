// Save to file / load from file for the page tools that keep a reader's progress (the checklist, the
// self-assessment): loaded before their scripts (overrides/hooks/workflows.py). A saved file is
// small JSON: {"page": "...", "version": 1, "lang": "ru", ...the tool's own fields}. Loading checks
// everything before it changes anything: a file that is not JSON, not an object, from another page
// or of a newer version is refused with a message in the page's language (docs/data/levels.yml).
(function () {
  var MAX_BYTES = 200000;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function download(name, content) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(content, null, 2) + "\n"], { type: "application/json;charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // What a file says, or why it is refused: {ok: true, data} | {ok: false, message}.
  function check(text, name, options) {
    var ui = options.ui, data;
    var refused = function (key, values) {
      values.name = name;
      return { ok: false, message: fill(ui[key], values) };
    };
    try { data = JSON.parse(text); } catch (e) { return refused("malformed", {}); }
    if (!data || typeof data !== "object" || Array.isArray(data) || typeof data.page !== "string"
        || typeof data.version !== "number" || data.version !== Math.floor(data.version) || data.version < 1) {
      return refused("malformed", {});
    }
    if (data.page !== options.page) return refused("other_page", { page: data.page.slice(0, 80) });
    if (data.version > options.version) return refused("newer", { version: data.version, supported: options.version });
    return { ok: true, data: data };
  }

  // Adds "Save to file" and "Load from file" to `bar`. options: {ui, page, lang, version, fileName,
  // collect() -> the tool's fields, accept(data) -> null (malformed) or {apply(), note}, say(text)}.
  function attach(bar, options) {
    var ui = options.ui;
    var save = document.createElement("button");
    save.type = "button";
    save.className = "md-button";
    save.setAttribute("data-hb-action", "save");
    save.textContent = ui.save;
    var input = document.createElement("input");
    input.type = "file";
    input.accept = "application/json,.json";
    input.className = "hb-file-input";
    input.id = "hb-file-" + options.page.replace(/[^a-z0-9-]/g, "");
    var label = document.createElement("label");
    label.className = "md-button hb-file-label";
    label.htmlFor = input.id;
    label.textContent = ui.load;
    bar.appendChild(save);
    bar.appendChild(input);
    bar.appendChild(label);

    save.addEventListener("click", function () {
      var content = { page: options.page, version: options.version, lang: options.lang };
      var fields = options.collect();
      Object.keys(fields).forEach(function (key) { content[key] = fields[key]; });
      download(options.fileName, content);
      options.say(fill(ui.saved, { name: options.fileName }));
    });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var done = function (text) {
        input.value = "";  // the same file can be loaded again
        var result = text === null ? { ok: false, message: fill(ui.malformed, { name: file.name }) }
                                   : check(text, file.name, options);
        var accepted = result.ok ? options.accept(result.data) : null;
        if (result.ok && !accepted) result = { ok: false, message: fill(ui.malformed, { name: file.name }) };
        if (!result.ok) { options.say(result.message, true); return; }
        accepted.apply();
        options.say(fill(ui.loaded, { name: file.name }) + (accepted.note ? " " + accepted.note : ""));
      };
      if (file.size > MAX_BYTES) { done(null); return; }
      file.text().then(done, function () { done(null); });
    });
    return { save: save, input: input };
  }

  window.hbStateFile = { attach: attach, check: check, fill: fill };
})();
