"""The job instruction's editable copy: a ``.docx`` generated from the page's own Markdown.

* ``on_files`` (after mkdocs-static-i18n has picked this build's language): converts
  ``docs/job-instruction.<lang>.md`` with handbook.instruction_docx and adds the result as a
  generated file next to the page — ``job-instruction/internet-marketer-job-description-ru.docx``,
  ``en/job-instruction/…-en.docx``. Each language build converts its own page once.
* ``on_page_markdown``: puts the document's edition («Редакция 1.0, действует с 22.11.2026»,
  from ``doc_version``/``effective_date`` in front matter) and a "Download .docx" link under the
  H1, so content editors never maintain the link. The link is ordinary Markdown, so MkDocs
  resolves it to the generated file (and strict mode would flag it if it went missing).

Source problems (a clause without its number, a missing ``effective_date``) stop the build with
a PluginError that names the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from handbook import instruction_docx as converter
from handbook import site

PAGE = "job-instruction"
FILE_NAME = "internet-marketer-job-description-{locale}.docx"
LINK = {
    "ru": ("Скачать .docx", "Редактируемая копия инструкции для Word и LibreOffice"),
    "en": ("Download .docx", "An editable copy of the job description for Word and LibreOffice"),
}
H1 = re.compile(r"^# .*$", re.M)


def is_instruction(file: File) -> bool:
    # With mkdocs-static-i18n: job-instruction.ru.md -> norm_src_uri job-instruction.md.
    return getattr(file, "norm_src_uri", file.src_uri) == f"{PAGE}.md" or file.src_uri == f"{PAGE}.md"


def source_label(file: File, config) -> str:
    """``docs/job-instruction.ru.md``: the path people see in their editor, for error messages."""
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        return Path(file.abs_src_path).resolve().relative_to(project).as_posix()
    except ValueError:
        return file.src_uri


def render(file: File, config) -> bytes:
    try:
        return converter.convert(Path(file.abs_src_path), site.page_language(file, config),
                                 label=source_label(file, config),
                                 extensions=list(config.markdown_extensions),
                                 extension_configs=dict(config.mdx_configs))
    except converter.InstructionError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this build's language files
def on_files(files, config):
    page = next((f for f in files.documentation_pages() if is_instruction(f)), None)
    if page is None:
        return files
    locale = site.page_language(page, config)
    name = FILE_NAME.format(locale=locale)
    docx = File.generated(config, name, content=render(page, config))
    # Beside the page (job-instruction/ or en/job-instruction/); the src_uri stays next to the
    # Markdown source, so the page's relative link `name` resolves to it.
    docx.dest_uri = (PurePosixPath(page.dest_uri).parent / name).as_posix()
    files.append(docx)
    return files


def on_page_markdown(markdown, page, config, files):
    if not is_instruction(page.file):
        return markdown
    locale = site.page_language(page, config)
    try:
        edition = converter.version_line(locale, page.meta, source_label(page.file, config))
    except converter.InstructionError as exc:
        raise PluginError(str(exc)) from None
    label, title = LINK.get(locale, LINK["en"])
    name = FILE_NAME.format(locale=locale)
    block = (
        f'<p class="doc-meta" markdown="span">{edition} '
        f'[{label}]({name}){{ .md-button .hb-docx .hb-no-print download="{name}" title="{title}" }}</p>'
    )
    match = H1.search(markdown)
    if match is None:
        return f"{block}\n\n{markdown}"
    return f"{markdown[:match.end()]}\n\n{block}\n{markdown[match.end():]}"
