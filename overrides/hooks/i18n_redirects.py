"""mkdocs-redirects in every language: ``old.md: new.md`` makes /old/ -> /new/ and /en/old/ -> /en/new/.

mkdocs-redirects 1.2.2 looks targets up by source path, which under the suffix structure is
``new.ru.md``/``new.en.md``, so a map written like the rest of the project (``new.md``, as in
docs/data/published-links.yml) finds no target. Once mkdocs-static-i18n has rebuilt the file list
of the language being built, point the plugin at that language's pages, with the language's
URL prefix on both sides. The stub pages it then writes serve static hosts (GitHub Pages);
scripts/tools/make_csp.py turns the same stubs into the nginx 301 map.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook import site

EXTERNAL = ("http://", "https://")


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100) and the redirects plugin's
def on_files(files, config):
    plugin = config.plugins.get("redirects")
    if plugin is None or not plugin.config["redirect_maps"]:
        return files
    current = site.build_language(config)
    prefix = site.languages(config).prefix(current)
    plugin.redirects = {
        prefix + old: new if str(new).lower().startswith(EXTERNAL) else prefix + str(new)
        for old, new in plugin.config["redirect_maps"].items()
    }
    plugin.doc_pages = {
        prefix + getattr(page, "norm_src_uri", page.src_uri): page
        for page in files.documentation_pages()
        if getattr(page, "locale", current) == current
    }
    return files
