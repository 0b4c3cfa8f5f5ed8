"""Sources on pages: a thin adapter between MkDocs and ``handbook.sources`` (docs/data/sources.yml).

- ``on_config`` loads and validates the registry (a bad record stops the build with file:line);
- ``on_page_markdown`` replaces the markers::

    <!-- md:cite ID [ID …] -->   a short citation of each record, linked to its entry on the home page
    <!-- md:synthesis -->         the label that marks the handbook's own synthesis, linked to the one
                                  place that explains it (the home page, #synthesis)
    <!-- md:sources -->           the list of every record (home page, #sources)

In a plain Markdown viewer the markers stay invisible. An unknown record id or an unknown
``md:`` name of this hook stops the build with the page and line; the validator reports an
unknown id as R002. Markup is in ``overrides/partials/sources/`` (rendered by handbook.templates).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import build, site, sources as model, templates

MARKER_RE = re.compile(r"<!--\s*md:(?P<name>cite|synthesis|sources)(?P<args>(?:\s+[^\s>]+)*)\s*-->")
HOME = "index.md"

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["registry"] = build.load("sources registry", config, model.DATA_FILE, model.load_sources)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "md:" not in markdown:
        return markdown
    registry: model.Registry = _state["registry"]
    lang = site.page_language(page, config)
    if lang not in model.LABELS:
        raise PluginError(f"{page.file.src_uri}: the sources hook has no labels for language '{lang}'")
    home = "" if page.file.src_uri.split(".")[0] == "index" else HOME

    def replace(match: re.Match[str]) -> str:
        name, args = match.group("name"), match.group("args").split()
        line = markdown.count("\n", 0, match.start()) + 1
        where = f"{page.file.src_uri}:{line}"
        if name == "sources":
            return templates.render("sources/list.html", config, lang=lang, **model.list_view(registry, lang))
        if name == "synthesis":
            return templates.render("sources/synthesis.html", config, href=f"{home}#synthesis",
                                    label=model.LABELS[lang]["synthesis"]).strip()
        if not args:
            raise PluginError(f"{where}: <!-- md:cite ID … --> names no source")
        cited = []
        for source_id in args:
            src = registry.get(source_id)
            if src is None:
                raise PluginError(f"{where}: unknown source '{source_id}' (docs/data/sources.yml knows: "
                                  f"{', '.join(sorted(registry.ids))})")
            cited.append({"href": f"{home}#{src.anchor()}", "text": src.short.get(lang)})
        return templates.render("sources/cite.html", config, cited=cited).strip()

    return MARKER_RE.sub(replace, markdown)
