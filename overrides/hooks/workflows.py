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

import hashlib
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mkdocs.utils import get_relative_url

from handbook import career as career_model, job_description, site, workflows
from handbook.datafile import docs_file

MARKER = "<!-- md:vacancy-builder -->"
TEMPLATE = "partials/vacancy-builder.html"
VACANCY_FILE = "data/vacancy.yml"
CAREER_FILE = "data/career.yml"
MATRIX = "competencies"
# name -> source under docs_dir; served as assets/javascripts/<name>.<hash>.js
PAGE_SCRIPTS = {
    "vacancy-builder": "assets/javascripts/pages/vacancy-builder.js",
    "checklist": "assets/javascripts/pages/checklist.js",
    # loaded by the builder only when a reader asks for the hire's documents (not on first view)
    "hire-documents": "assets/javascripts/pages/hire-documents.js",
    "fflate": "assets/javascripts/vendor/fflate.min.js",
}
ON_DEMAND = ("hire-documents", "fflate")
WORDING_FILE = "data/wording.yml"
# what the hire's documents are put together from (fetched by the reader's browser, same site)
DOCUMENT_PAGES = {"job_description": "job-instruction", "onboarding": "onboarding",
                  "competencies": "competencies", "interview": "interview"}
TASK_ITEM = 'class="task-list-item'

_state: dict[str, Any] = {"scripts": {}, "matrix": False, "builder_pages": set()}


def _base(file) -> str:
    """``job-instruction`` for job-instruction.en.md (static-i18n's norm_src_uri) and job-instruction.md."""
    uri = getattr(file, "norm_src_uri", None) or file.src_uri
    return re.sub(r"(\.[a-z]{2})?\.md$", "", uri)


def _hashed(config) -> dict[str, tuple[str, str]]:
    """name -> (served path, text) of every page script."""
    out = {}
    for name, src in PAGE_SCRIPTS.items():
        path = Path(config.docs_dir) / src
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PluginError(f"overrides/hooks/workflows.py: cannot read docs/{src}: {exc.strerror}") from None
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        out[name] = (f"assets/javascripts/{name}.{digest}.js", text)
    return out


def on_config(config):
    path, display = docs_file(config, CAREER_FILE)
    try:
        career = career_model.load_career(path, display=display)
    except career_model.DataError as exc:
        raise PluginError(f"Invalid career data:\n{exc}") from None
    path, display = docs_file(config, VACANCY_FILE)
    try:
        vacancy = workflows.load_vacancy(path, display, {level.id for level in career.levels})
    except workflows.DataError as exc:
        raise PluginError(f"Invalid vacancy builder data:\n{exc}") from None
    path, display = docs_file(config, WORDING_FILE)
    try:
        wording = workflows.load_wording(path, display)
    except workflows.DataError as exc:
        raise PluginError(f"Invalid wording-check data:\n{exc}") from None
    project = Path(config.config_file_path or ".").resolve().parent
    try:  # the job description hook reports its problems; this reads the same cached model
        clauses = job_description.load_for_build(config.docs_dir, project)
    except job_description.DataError as exc:
        raise PluginError(str(exc)) from None  # one line per problem, file:line first
    _state.update(career=career, vacancy=vacancy, wording=wording, scripts=_hashed(config), clauses=clauses,
                  builder_pages=set())
    return config


@event_priority(-100)  # after mkdocs-static-i18n has picked this language's files
def on_files(files, config):
    _state["matrix"] = any(_base(f) == MATRIX for f in files.documentation_pages())
    # the sources of page scripts are served only under their hashed names (on_post_build)
    for src in PAGE_SCRIPTS.values():
        file = files.get_file_from_path(src)
        if file is not None:
            files.remove(file)
    return files


def on_page_content(html, page, config, files):
    names = []
    if TASK_ITEM in html:
        names.append("checklist")
    if MARKER in html:
        names.append("vacancy-builder")
        _state["builder_pages"].add(page.file.src_uri)
    if names:
        page.meta["page_scripts"] = [_state["scripts"][n][0] for n in names]
    return html


def on_post_page(output, page, config):
    if page.file.src_uri not in _state["builder_pages"]:
        return output
    lang = site.page_language(page, config)
    clauses = workflows.clauses_for(_state["clauses"], lang)
    root = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
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
    template = config.theme.get_env().get_template(TEMPLATE)
    html = template.render(data=data, ui=data["ui"], hire=data["hire"], data_json=workflows.script_json(data))
    return output.replace(MARKER, html, 1)


def on_post_build(config):
    for path, text in _state["scripts"].values():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
