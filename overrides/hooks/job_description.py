"""The job description page, from ``docs/data/job-description.yml`` (model: ``handbook.job_description``).

Everything about the job description's page in one place, in the order MkDocs runs it:

* ``on_config`` (listed before the hooks that read the clauses): load the clauses and their
  editions; a problem stops the build, one ``file:line`` line each (a clause without its English
  text, a repeated id…).
* ``on_files`` (after mkdocs-static-i18n picked this language's files): the page's ``.docx``
  (``job-instruction/internet-marketer-job-description-ru.docx``, ``en/…-en.docx``) and the Atom
  feed of editions (``job-instruction/editions.xml``) are added as generated files beside the page.
* ``on_page_markdown`` (listed before every hook that reads Markdown):
  ``<!-- md:job-description … -->`` markers become the clauses' Markdown
  (``<div class="clause" id="p-1-1" markdown>**1.1.** …</div>``), the edition line and the
  "Download .docx" link go under the H1, the edition history under ``<!-- md:job-description editions -->``.
* ``on_page_markdown`` (priority -40: after the competencies hook expanded the evaluation
  criteria, before the glossary tooltips decorate links): the page's Markdown, as the reader gets
  it, becomes the ``.docx`` once per language build.

The link promise is read here too, since it names the clauses: ``docs/data/published-links.yml``
(schema ``handbook.links``) lists every URL (page + anchor) the handbook promises to keep; a
malformed entry, or a link to a clause the job description does not have, stops the build in
``on_config``. ``<!-- md:published-links -->`` becomes the table recruiters copy the URLs from
(``overrides/partials/published-links.html``); tests and scripts/validate.py check that each one
resolves in every language.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from handbook import build, instruction_docx, job_description as jd, links, site, templates, ui
from handbook.datafile import display_path

DOCX = "internet-marketer-job-description-{lang}.docx"
LINKS_MARKER = "<!-- md:published-links -->"
LINKS_FILE = "data/published-links.yml"  # relative to docs_dir

_state: dict = {}


def _is_page(file) -> bool:
    return build.base_name(file) == jd.PAGE or file.src_uri == f"{jd.PAGE}.md"


def _label(file, config) -> str:  # how errors name the page: docs/job-instruction.en.md
    return display_path(file.abs_src_path, project=build.project(config))


def on_config(config):
    _state["model"] = build.job_description(config)
    _state["links"] = build.load("published-links registry", config, LINKS_FILE, links.load_links,
                                 set(_state["model"].ids()))
    _state["docx"] = None
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language files
def on_files(files, config):
    page = next((f for f in files.documentation_pages() if _is_page(f)), None)
    _state["docx"] = None
    if page is None:
        return files
    lang = site.page_language(page, config)
    docx = build.beside(config, page, DOCX.format(lang=lang), b"")  # filled in on_page_markdown
    files.append(docx)
    files.append(build.beside(config, page, jd.FEED, jd.atom_feed(_state["model"], lang, site.root_url(config))))
    _state["docx"] = docx
    return files


def _expand_markers(markdown, page, config, files):
    if "md:job-description" not in markdown:
        return markdown
    label = _label(page.file, config)
    if not _is_page(page.file):
        raise PluginError(f"{label}: <!-- md:job-description --> markers belong on {jd.PAGE}.md only")
    model, lang = _state["model"], site.page_language(page, config)
    try:  # MkDocs hands over the Markdown without its front matter: count the lines it had
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        first = source[:len(source) - len(markdown)].count("\n") + 1 if source.endswith(markdown) else 1
    except (OSError, TypeError):
        first = 1
    try:
        markdown = jd.expand(markdown, model, lang, label, dirs=config.theme.dirs, first_line=first)
    except jd.PageError as exc:
        raise PluginError(str(exc)) from None
    return jd.with_edition_line(markdown, model, lang, DOCX.format(lang=lang))


@event_priority(-40)  # after competencies.py expanded <!-- md:evaluation-criteria -->, before the glossary's tooltips (-50)
def _write_docx(markdown, page, config, files):
    if _state.get("docx") is None or not _is_page(page.file):
        return markdown
    lang = site.page_language(page, config)
    try:
        _state["docx"].content_bytes = instruction_docx.convert_markdown(
            markdown, lang, _state["model"], label=_label(page.file, config),
            title=str(page.meta.get("title") or page.title or ""), description=str(page.meta.get("description") or ""),
            extensions=list(config.markdown_extensions), extension_configs=dict(config.mdx_configs))
    except instruction_docx.InstructionError as exc:
        raise PluginError(str(exc)) from None
    return markdown


def _links_table(markdown, page, config, files):
    if LINKS_MARKER not in markdown:
        return markdown
    lang = site.page_language(page, config)
    table = templates.render("published-links.html", config, ui=ui.strings("published-links")[lang], lang=lang,
                             links=_state["links"].links, root=site.root_url(config))
    return markdown.replace(LINKS_MARKER, table.rstrip("\n"))


on_page_markdown = CombinedEvent(_expand_markers, _links_table, _write_docx)
