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

from mkdocs.utils import get_relative_url

from handbook import build, career, levels, markers, site, templates
from handbook.workflows import script_json

COMPARE_PAGE = "levels.md"
COMPARE_TOOL, ASSESS_TOOL = "<!-- hb:levels-compare-tool -->", "<!-- hb:levels-assess-tool -->"
TASK_ITEM = 'class="task-list-item'

_state: dict = {}


def on_config(config):
    _state["kit"] = build.competency_kit(config)
    _state["career"] = build.load("career data", config, "data/career.yml", career.load_career)
    _state["ui"] = build.load("levels data", config, "data/levels.yml", levels.load_ui)
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

    def tool(template: str, part: str, **context):
        def render() -> str:
            _state["pages"][page.file.src_uri] = view
            html = templates.render(template, config, ui=levels.ui(_state["ui"], lang, part), **context)
            return "\n\n" + html.strip() + "\n\n"
        return markers.no_args(render)

    return markers.expand(markdown, page.file.src_uri, {
        "levels-compare": tool("levels/compare-steps.html", "compare", steps=levels.adjacent(view)),
        "levels-self-assessment": tool("levels/assess.html", "assess"),
        "levels-step": lambda args: _step_link(args, lang),
    }, "levels")


def _step_link(args: list[str], lang: str) -> str:
    """The Markdown link from a career level to its step's comparison (nothing for the first level
    of the matrix or a level outside it)."""
    ids = [level.id for level in _state["kit"].levels]
    if len(args) != 1:
        raise markers.MarkerError("takes one level id")
    if args[0] not in ids[1:]:
        return ""
    lower, upper = ids[ids.index(args[0]) - 1], args[0]
    label = templates.md_text(levels.ui(_state["ui"], lang, "compare")["career_link"])
    return f"[{label}]({COMPARE_PAGE}?from={lower}&to={upper}#{lower}-{upper})"


def on_post_page(output, page, config):
    view = _state["pages"].get(page.file.src_uri)
    if view is not None and COMPARE_TOOL in output:
        data = {**view, "ui": levels.ui(_state["ui"], view["lang"], "compare")}
        html = templates.render("levels/compare-tool.html", config, data=data, ui=data["ui"],
                                data_json=script_json(levels.typeset(data, view["lang"])))
        output = output.replace(COMPARE_TOOL, html, 1)
    if view is not None and ASSESS_TOOL in output:
        data = {
            "lang": view["lang"], "page": build.base_name(page), "version": levels.FILE_VERSION, "none": levels.NONE,
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
        data = {"lang": lang, "page": build.base_name(page), "version": levels.FILE_VERSION,
                "ui": levels.ui(_state["ui"], lang, "checklist", "file")}
        block = f'<script type="application/json" id="hb-checklist-data">{script_json(levels.typeset(data, lang))}</script>'
        head, sep, tail = output.rpartition("</article>")
        output = f"{head}{block}{sep}{tail}"
    return output
