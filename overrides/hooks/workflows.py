"""Workflow pages: the recruiters' vacancy builder and the onboarding checklist.

Both are progressive enhancements with their own script, loaded only by the pages that need it
(not in the site-wide bundle of asset_bundle.py):

- ``<!-- md:vacancy-builder -->`` in a page (hiring.*.md) becomes the builder: the form and its
  data (``<script type="application/json">``), rendered by ``overrides/partials/vacancy-builder.html``
  from the job description's clauses (``handbook.job_description``), ``docs/data/career.yml`` and
  ``docs/data/vacancy.yml``. The form is
  ``hidden`` until the script shows it, so without JavaScript the page reads as before. It is put in
  after the search index has the page (``on_post_page``), so its labels are not searchable text.
  The competency-matrix link is included only when ``competencies.md`` is in the build.
- A page with task-list items (pymdownx.tasklist) gets the checklist script, which makes them
  checkable and remembers them (localStorage, per page and language).

Page scripts are served under a content-hashed name (``…/<name>.<hash8>.js``, immutable in
deploy/nginx.conf) and listed in ``page.meta.page_scripts``; overrides/main.html adds them, deferred,
after the site bundle.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mkdocs.utils import get_relative_url

from handbook import build, career as career_model, site, templates, workflows

MARKER = "<!-- md:vacancy-builder -->"
TEMPLATE = "vacancy-builder.html"  # handbook.templates: autoescaped
MATRIX = "competencies"
# name -> source under docs_dir; served as assets/javascripts/<name>.<hash>.js
PAGE_SCRIPTS = {
    "vacancy-builder": "assets/javascripts/pages/vacancy-builder.js",
    "state-file": "assets/javascripts/pages/state-file.js",
    "checklist": "assets/javascripts/pages/checklist.js",
    # loaded by the builder only when a reader asks for the hire's documents (not on first view)
    "hire-documents": "assets/javascripts/pages/hire-documents.js",
    "fflate": "assets/javascripts/vendor/fflate.min.js",
    "compare-levels": "assets/javascripts/pages/compare-levels.js",
    "self-assessment": "assets/javascripts/pages/self-assessment.js",
}
ON_DEMAND = ("hire-documents", "fflate")
# what the hire's documents are put together from (fetched by the reader's browser, same site)
DOCUMENT_PAGES = {"job_description": "job-instruction", "onboarding": "onboarding",
                  "competencies": "competencies", "interview": "interview"}
TASK_ITEM = 'class="task-list-item'
# Other page tools name their scripts in the markup: data-hb-page-script="state-file self-assessment"
# (overrides/hooks/levels.py), in the order they run.
SCRIPT_ATTR = re.compile(r'data-hb-page-script="([a-z0-9 -]+)"')

_state: dict[str, Any] = {"scripts": {}, "matrix": False, "builder_pages": set()}


def _hashed(config) -> dict[str, tuple[str, str]]:
    """name -> (served path, text) of every page script."""
    out = {}
    for name, src in PAGE_SCRIPTS.items():
        text = build.read_source(config, src, "overrides/hooks/workflows.py")
        out[name] = (build.hashed_name("assets/javascripts", name, "js", text), text)
    return out


def on_config(config):
    career = build.load("career data", config, "data/career.yml", career_model.load_career)
    vacancy = build.load("vacancy builder data", config, "data/vacancy.yml", workflows.load_vacancy,
                         {level.id for level in career.levels})
    wording = build.load("wording-check data", config, "data/wording.yml", workflows.load_wording)
    _state.update(career=career, vacancy=vacancy, wording=wording, scripts=_hashed(config),
                  clauses=build.job_description(config), builder_pages=set())
    return config


@event_priority(-100)  # after mkdocs-static-i18n has picked this language's files
def on_files(files, config):
    _state["matrix"] = any(build.base_name(f) == MATRIX for f in files.documentation_pages())
    # the sources of page scripts are served only under their hashed names (on_post_build)
    for src in PAGE_SCRIPTS.values():
        file = files.get_file_from_path(src)
        if file is not None:
            files.remove(file)
    return files


def on_page_content(html, page, config, files):
    names = []
    if TASK_ITEM in html:
        names += ["state-file", "checklist"]  # the checklist saves to / loads from a file
    if MARKER in html:
        names.append("vacancy-builder")
        _state["builder_pages"].add(page.file.src_uri)
    for attr in SCRIPT_ATTR.findall(html):
        unknown = [n for n in attr.split() if n not in PAGE_SCRIPTS]
        if unknown:
            raise PluginError(f"{page.file.src_uri}: data-hb-page-script names unknown scripts: {', '.join(unknown)}")
        names += attr.split()
    names = list(dict.fromkeys(names))
    if names:
        page.meta["page_scripts"] = [_state["scripts"][n][0] for n in names]
    return html


def on_post_page(output, page, config):
    if page.file.src_uri not in _state["builder_pages"]:
        return output
    lang = site.page_language(page, config)
    clauses = workflows.clauses_for(_state["clauses"], lang)
    root = site.root_url(config)
    local = {key: get_relative_url(site.page_url(name, lang, None, ""), page.url)
             for key, name in DOCUMENT_PAGES.items()}
    for name in ON_DEMAND:
        local[name] = get_relative_url(_state["scripts"][name][0], page.url)
    try:
        data = workflows.builder_data(
            _state["vacancy"], _state["career"], clauses, lang, root, _state["matrix"],
            _state["wording"], local)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    html = templates.render(TEMPLATE, config, data=data, ui=data["ui"], hire=data["hire"],
                            data_json=workflows.script_json(data))
    return output.replace(MARKER, html, 1)


def on_post_build(config):
    for path, text in _state["scripts"].values():
        build.write(config.site_dir, path, text)
