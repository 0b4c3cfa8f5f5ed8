"""Competency matrix and interview kit: docs/data/competencies.yml and interview.yml, rendered.
Model and cross-checks: ``scripts/handbook/competencies.py``; markup: the Jinja templates of
``overrides/partials/competencies/``. This hook only wires them to MkDocs:

* ``on_config``: load and check both files; a problem stops the build, one ``file:line`` each.
* ``on_page_markdown``: ``<!-- md:competency-* | interview-* | evaluation-criteria -->`` -> the
  templates' Markdown (links stay Markdown: strict builds check them), through ``handbook.markers``.
* ``on_page_content`` (job description): under each mapped clause, the competencies it needs.
* ``on_files``: the scorecard's .docx; the job description's .docx with the criteria.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from handbook import competencies as model
from handbook.site import page_language, page_path
from handbook import markers, scorecard_docx, templates

TEMPLATE = {name: f"{name.partition('-')[2]}.html" for name in (  # marker -> its template
    "competency-overview", "competency-matrix", "competency-levels", "evaluation-criteria", "interview-scale",
    "interview-questions", "interview-assignment", "interview-stages", "interview-scorecard")}
INSTRUCTION, MATRIX, INTERVIEW = "job-instruction", "competencies", "interview"
SCORECARD = "interview-scorecard-{lang}.docx"
INSTRUCTION_DOCX = "internet-marketer-job-description-{lang}.docx"  # docx_export.py's FILE_NAME
CLAUSE_OPEN = re.compile(r'<div class="clause[^"]*" id="(?P<id>[a-z0-9-]+)"[^>]*>')
DIV = re.compile(r"<(/?)div\b")

_state: dict = {}


def on_config(config):
    try:
        _state["kit"] = model.load(Path(config.docs_dir))
    except model.CompetencyError as exc:
        raise PluginError("Invalid competency data:\n" + "\n".join(map(str, exc.findings))) from None
    _state["config"] = config
    _state["docx"] = scorecard_docx
    return config


def base_name(file: File) -> str:
    return PurePosixPath(getattr(file, "norm_src_uri", file.src_uri)).stem


def render(template: str, lang: str, markdown: bool = True, **context) -> str:
    return templates.render(f"competencies/{template}", _state["config"], markdown=markdown,
                            kit=_state["kit"], lang=lang, cell_id=model.cell_id, **context)


def scorecard(lang: str) -> str:  # plain HTML: the page shows it, the .docx is written from it
    return render("scorecard-sheet.html", lang, markdown=False).strip()


def expand(markdown: str, file: File, config) -> str:  # the markers of file's Markdown -> templates' output
    lang = page_language(file, config)

    def renderer(name: str):
        def render_marker() -> str:
            card = Markup(scorecard(lang)) if name == "interview-scorecard" else ""
            return f"\n\n{render(TEMPLATE[name], lang, card=card, docx=SCORECARD.format(lang=lang))}\n"
        return markers.no_args(render_marker)

    return markers.expand(markdown, file.src_uri, {name: renderer(name) for name in TEMPLATE}, "competencies")


def on_page_markdown(markdown, page, config, files):
    return expand(markdown, page.file, config)


def clause_end(html: str, start: int) -> int:  # just after the </div> closing the div at start
    depth = 0
    for tag in DIV.finditer(html, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return html.index(">", tag.end()) + 1
    raise PluginError(f"{INSTRUCTION}: unclosed clause div at offset {start}")


@event_priority(-10)  # after permalinks.py, before search_index.py builds the clause entries
def on_page_content(html, page, config, files):
    if base_name(page.file) != INSTRUCTION:
        return html
    lang, kit = page_language(page, config), _state["kit"]
    matrix = get_relative_url(page_path(MATRIX, lang), page.url)
    inserts = [(clause_end(html, m.start()), render(
        "clause-needs.html", lang, markdown=False, matrix=matrix,
        needs=[kit.competency(c) for c in kit.clauses[m["id"]]]).strip())
        for m in CLAUSE_OPEN.finditer(html) if m["id"] in kit.clauses]
    for offset, note in reversed(inserts):
        html = f"{html[:offset]}\n{note}{html[offset:]}"
    return html


@event_priority(-120)  # after mkdocs-static-i18n (-100) and docx_export.py (-110)
def on_files(files, config):
    """Scorecard .docx beside the interview page; the job description's .docx (docx_export.py
    converts the file as it is) redone with the evaluation criteria the page shows."""
    pages, docx = {base_name(f): f for f in files.documentation_pages()}, _state["docx"]
    try:
        if (page := pages.get(INTERVIEW)) is not None:
            lang = page_language(page, config)
            data = docx.convert(scorecard(lang), lang, Path(page.abs_src_path), f"docs/{page.src_uri}")
            file = File.generated(config, SCORECARD.format(lang=lang), content=data)
            file.dest_uri = (PurePosixPath(page.dest_uri).parent / file.src_uri).as_posix()
            files.append(file)
        if (page := pages.get(INSTRUCTION)) is not None:
            target = files.get_file_from_path(INSTRUCTION_DOCX.format(lang=page_language(page, config)))
            text = expand(Path(page.abs_src_path).read_text(encoding="utf-8"), page, config)
            if target is not None:
                target.content_bytes = docx.instruction(Path(page.abs_src_path), page_language(page, config), text, config)
    except docx.ScorecardError as exc:
        raise PluginError(f"{page.src_uri}: .docx: {exc}") from None
    return files
