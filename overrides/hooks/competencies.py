"""Competency matrix and interview kit: docs/data/competencies.yml and interview.yml, rendered.
Model and cross-checks: ``scripts/handbook/competencies.py``; markup: the Jinja templates of
``overrides/partials/competencies/``. This hook only wires them to MkDocs:

* ``on_config``: load and check both files; a problem stops the build, one ``file:line`` each.
* ``on_page_markdown``: ``<!-- md:competency-* | interview-* | evaluation-criteria -->`` -> the
  templates' Markdown (links stay Markdown: strict builds check them), through ``handbook.markers``.
* ``on_page_content`` (job description): under each mapped clause, the competencies it needs.
* ``on_files``: the scorecard's .docx.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from handbook import build, competencies as model, markers, scorecard_docx as docx, templates, ui
from handbook.site import page_language, page_path

TEMPLATE = {name: f"{name.partition('-')[2]}.html" for name in (  # marker -> its template
    "competency-overview", "competency-matrix", "competency-levels", "evaluation-criteria", "interview-scale",
    "interview-questions", "interview-assignment", "interview-stages", "interview-scorecard")}
INSTRUCTION, MATRIX, INTERVIEW = "job-instruction", "competencies", "interview"
SCORECARD = "interview-scorecard-{lang}.docx"
UI = ui.strings("competencies")  # docs/data/ui.yml: the words around the data, one key per template

_state: dict = {}


def on_config(config):
    _state["kit"] = build.competency_kit(config)
    _state["config"] = config
    return config


def render(template: str, lang: str, markdown: bool = True, **context) -> str:
    return templates.render(f"competencies/{template}", _state["config"], markdown=markdown, kit=_state["kit"],
                            lang=lang, ui=UI[lang], cell_id=model.cell_id, **context)


def scorecard(lang: str) -> str:  # plain HTML: the page shows it, the .docx is written from it
    return render("scorecard-sheet.html", lang, markdown=False).strip()


def expand(markdown: str, file, config) -> str:  # the markers of file's Markdown -> templates' output
    lang = page_language(file, config)

    def renderer(name: str):
        def render_marker() -> str:
            card = Markup(scorecard(lang)) if name == "interview-scorecard" else ""
            return f"\n\n{render(TEMPLATE[name], lang, card=card, docx=SCORECARD.format(lang=lang))}\n"
        return markers.no_args(render_marker)

    return markers.expand(markdown, file.src_uri, {name: renderer(name) for name in TEMPLATE}, "competencies")


def on_page_markdown(markdown, page, config, files):
    return expand(markdown, page.file, config)


def on_page_content(html, page, config, files):
    """Under each mapped clause, the competencies it needs: the clause template leaves
    ``<!-- md:clause-needs ID -->`` after each clause (job_description.py)."""
    if build.base_name(page) != INSTRUCTION:
        return html
    lang, kit = page_language(page, config), _state["kit"]
    matrix = get_relative_url(page_path(MATRIX, lang), page.url)

    def note(args: list[str]) -> str:
        needs = kit.clauses.get(args[0]) if len(args) == 1 else None
        if not needs:
            return ""
        return render("clause-needs.html", lang, markdown=False, matrix=matrix,
                      needs=[kit.competency(c) for c in needs]).strip()

    return markers.expand(html, page.file.src_uri, {"clause-needs": note}, "competencies")


@event_priority(-120)  # after mkdocs-static-i18n (-100)
def on_files(files, config):
    """The scorecard's .docx beside the interview page (the job description's .docx, criteria
    included, is job_description.py's: made once from the page's expanded Markdown)."""
    pages = {build.base_name(f): f for f in files.documentation_pages()}
    try:
        if (page := pages.get(INTERVIEW)) is not None:
            lang = page_language(page, config)
            data = docx.convert(scorecard(lang), lang, Path(page.abs_src_path), f"docs/{page.src_uri}")
            files.append(build.beside(config, page, SCORECARD.format(lang=lang), data))
    except docx.ScorecardError as exc:
        raise PluginError(f"{page.src_uri}: .docx: {exc}") from None
    return files
