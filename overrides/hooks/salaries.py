"""Salary data on the career page: a thin adapter between MkDocs and ``handbook.salaries``.

The model, its rules and the downloads are in ``scripts/handbook/salaries.py``; what the page shows
(words, amounts, the chart's geometry, the age banner) is in ``scripts/handbook/salary_views.py``;
the HTML and the SVG are Jinja templates in ``overrides/partials/salaries/``. This hook only:

- loads and validates ``docs/data/salaries.yml`` in ``on_config`` (a bad row stops the build with one
  line per problem: ``docs/data/salaries.yml:42: row 'salary-…': field 'low': must be ≤ high …``);
- adds the downloads ``data/salaries.csv`` and ``data/salaries.json`` in ``on_files``;
- replaces the markers in ``on_page_markdown``::

    <!-- md:salary-age -->               banner: how old the newest figure is
    <!-- md:salary-chart ERA -->         inline SVG chart of one era (current | history)
    <!-- md:salary-table ROLE ERA -->    one role's (or category's) rows of one era
    <!-- md:salary-facts ERA -->         market figures that are not pay

An unknown role or era stops the build; markers are parsed by ``handbook.markers`` (a misspelt one
stops the build too).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from handbook import build, markers, salaries as model, salary_views as views, site

DATA_FILE = "data/salaries.yml"  # relative to docs_dir
DOWNLOADS = ("data/salaries.csv", "data/salaries.json")

_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["data"] = build.load("salary data", config, DATA_FILE, model.load_salaries)
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100), which cannot handle in-memory files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return build.add_generated(files, config, {DOWNLOADS[0]: model.to_csv(_state["data"]),
                                               DOWNLOADS[1]: model.to_json(_state["data"])})


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "md:salary-" not in markdown:
        return markdown
    data, lang, where = _state["data"], site.page_language(page, config), page.file.src_uri
    home = posixpath.relpath(site.page_url("index.md", lang), "/" + page.url) + "/"  # the list of sources

    def era(args: list[str], index: int) -> str:
        if len(args) <= index or args[index] not in views.ERAS:
            raise markers.MarkerError(f"needs an era ({' | '.join(views.ERAS)}), got {args}")
        return args[index]

    def table(args: list[str]) -> str:
        if len(args) != 2 or args[0] not in views.LABELS[lang]["role"]:
            raise markers.MarkerError(f"unknown role in {args}; known: {', '.join(views.LABELS[lang]['role'])}")
        return views.render("table.html", views.table_view(data, args[0], era(args, 1), lang, home))

    renderers: dict[str, Callable[[list[str]], str]] = {
        "salary-table": table,
        "salary-chart": lambda a: views.render("chart.html", views.chart_view(data, era(a, 0), lang)),
        "salary-facts": lambda a: views.render("facts.html", views.facts_view(data, era(a, 0), lang, home)),
        "salary-age": lambda a: views.render("age.html", views.age_view(data, lang)),
    }

    return markers.expand(markdown, where, renderers, "salaries")
