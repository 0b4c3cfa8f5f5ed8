"""Compare levels and the self-assessment; the words and data of saving to / loading from a file.

Data: the matrix (``docs/data/competencies.yml`` through ``handbook.competencies``), the ladder
(``docs/data/career.yml``) and the interface words (``docs/data/levels.yml``); the model is
``handbook.levels``, the markup ``overrides/partials/levels/`` (``handbook.templates``, autoescaped).

* ``<!-- md:levels-compare -->`` (docs/levels.*.md): every adjacent step of the ladder side by side,
  as static HTML (the page without JavaScript, and what the search index gets).
* ``<!-- md:levels-self-assessment -->`` (docs/self-assessment.*.md): a note for readers without
  JavaScript.
* ``<!-- md:levels-step <level> -->`` (put by overrides/partials/career-levels.html under each level
  of the career ladder): a link to that step's comparison, for levels of the matrix but the first.
* ``on_post_page`` puts in the forms and the JSON the page scripts read
  (``<script type="application/json">``, ``handbook.workflows.script_json``), after the search
  index has the page, so their labels are not searchable text; pages with a checklist get its words.

The scripts themselves are listed by ``data-hb-page-script`` and served by overrides/hooks/workflows.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from handbook import career as career_model, competencies, levels, site, templates
from handbook.datafile import docs_file
from handbook.workflows import script_json

UI_FILE = "data/levels.yml"
CAREER_FILE = "data/career.yml"
MARKER = re.compile(r"<!--\s*md:(?P<name>levels-[a-z0-9-]+)(?P<args>[^>]*?)\s*-->")
TEMPLATES = {"levels-compare": "levels/compare-steps.html", "levels-self-assessment": "levels/assess.html",
             "levels-step": None}
COMPARE_PAGE = "levels.md"
COMPARE_TOOL, ASSESS_TOOL = "<!-- hb:levels-compare-tool -->", "<!-- hb:levels-assess-tool -->"
TASK_ITEM = 'class="task-list-item'

_state: dict = {}


def on_config(config):
    try:
        _state["kit"] = competencies.load(Path(config.docs_dir))
    except competencies.CompetencyError as exc:
        raise PluginError("Invalid competency data:\n" + "\n".join(map(str, exc.findings))) from None
    path, display = docs_file(config, CAREER_FILE)
    try:
        _state["career"] = career_model.load_career(path, display=display)
    except career_model.DataError as exc:
        raise PluginError(f"Invalid career data:\n{exc}") from None
    path, display = docs_file(config, UI_FILE)
    try:
        _state["ui"] = levels.load_ui(path, display)
    except levels.DataError as exc:
        raise PluginError("Invalid levels data:\n" + "\n".join(map(str, exc.findings))) from None
    _state["pages"] = {}
    return config


def _view(page, config) -> dict:
    lang = site.page_language(page, config)

    def link(name: str, anchor: str | None) -> str:
        href = get_relative_url(site.page_path(name, lang), page.url)
        return f"{href}#{anchor}" if anchor else href

    return levels.view(_state["kit"], _state["career"], lang, link)


def on_page_markdown(markdown, page, config, files):
    if "md:levels-" not in markdown:
        return markdown
    view = _view(page, config)
    lang = view["lang"]

    def replace(match: re.Match) -> str:
        name = match["name"]
        if name not in TEMPLATES:
            raise PluginError(f"{page.file.src_uri}: unknown marker <!-- md:{name} --> "
                              f"(the levels hook knows: {', '.join(sorted(TEMPLATES))})")
        args = match["args"].split()
        if name == "levels-step":
            return _step_link(args, page, lang)
        if args:
            raise PluginError(f"{page.file.src_uri}: <!-- md:{name} --> takes no arguments")
        if name == "levels-compare":
            ui = levels.ui(_state["ui"], lang, "compare")
            html = templates.render(TEMPLATES[name], config, steps=levels.adjacent(view), ui=ui)
        else:
            ui = levels.ui(_state["ui"], lang, "assess")
            html = templates.render(TEMPLATES[name], config, ui=ui)
        _state["pages"][page.file.src_uri] = view
        return "\n\n" + html.strip() + "\n\n"

    return MARKER.sub(replace, markdown)


def _step_link(args: list[str], page, lang: str) -> str:
    """The Markdown link from a career level to its step's comparison (nothing for the first level
    of the matrix or a level outside it)."""
    ids = [level.id for level in _state["kit"].levels]
    if len(args) != 1:
        raise PluginError(f"{page.file.src_uri}: <!-- md:levels-step --> takes one level id")
    if args[0] not in ids[1:]:
        return ""
    lower, upper = ids[ids.index(args[0]) - 1], args[0]
    label = templates.md_text(levels.ui(_state["ui"], lang, "compare")["career_link"])
    return f"[{label}]({COMPARE_PAGE}?from={lower}&to={upper}#{lower}-{upper})"


def _page_name(page) -> str:
    return site.page_name(getattr(page.file, "norm_src_uri", None) or page.file.src_uri)


def on_post_page(output, page, config):
    view = _state["pages"].get(page.file.src_uri)
    if view is not None and COMPARE_TOOL in output:
        data = {**view, "ui": levels.ui(_state["ui"], view["lang"], "compare")}
        html = templates.render("levels/compare-tool.html", config, data=data, ui=data["ui"],
                                data_json=script_json(levels.typeset(data, view["lang"])))
        output = output.replace(COMPARE_TOOL, html, 1)
    if view is not None and ASSESS_TOOL in output:
        data = {
            "lang": view["lang"], "page": _page_name(page), "version": levels.FILE_VERSION, "none": levels.NONE,
            "levels": view["levels"],
            "competencies": [{**c, "cells": {lvl: {k: v for k, v in cell.items() if k != "signals"}
                                             for lvl, cell in c["cells"].items()}} for c in view["competencies"]],
            "ui": levels.ui(_state["ui"], view["lang"], "assess", "file"),
        }
        form = {**data, "competencies": view["competencies"]}  # the form shows the signals too
        html = templates.render("levels/assess-tool.html", config, data=form, ui=data["ui"],
                                none_value=levels.NONE, data_json=script_json(levels.typeset(data, view["lang"])))
        output = output.replace(ASSESS_TOOL, html, 1)
    if TASK_ITEM in output and "</article>" in output:
        lang = site.page_language(page, config)
        data = {"lang": lang, "page": _page_name(page), "version": levels.FILE_VERSION,
                "ui": levels.ui(_state["ui"], lang, "checklist", "file")}
        block = f'<script type="application/json" id="hb-checklist-data">{script_json(levels.typeset(data, lang))}</script>'
        head, sep, tail = output.rpartition("</article>")
        output = f"{head}{block}{sep}{tail}"
    return output
