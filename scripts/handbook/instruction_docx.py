"""The job instruction's Markdown source → an editable A4 ``.docx`` (python-docx).

Used at build time by ``overrides/hooks/job_description.py`` (:func:`convert_markdown`); importable and runnable without MkDocs::

    python scripts/instruction_docx.py docs/job-instruction.ru.md out.docx --locale ru
    python -m handbook.instruction_docx …   (the same)

Why render the Markdown to HTML and walk the HTML (instead of parsing the Markdown source):
the ``.docx`` must say exactly what the page says. Rendering with the site's own extensions
(``md_in_html`` for the ``<div class="clause" markdown>`` blocks, ``attr_list``, ``admonition``,
``pymdownx.smartsymbols``…) interprets inline markup, nesting and admonitions the same way the
site does, and leaves the walker a small, well-defined HTML vocabulary (p, strong, em, br, span,
ul/ol/li, h2–h4, div, table). A hand-written Markdown parser would have to re-implement and keep
in sync with all of that. HTML has no source positions, so errors locate the element in the
source by its ``id`` (or, failing that, by its first words) to name the file and line.

What goes into the document:

* everything before the approval block (``.doc-approval``) is the web page's introduction
  (H1 and the lead paragraph for HR) — the H1 becomes the file's title property instead;
* blocks marked ``hb-no-print`` (the editor's notes) are left out — the same rule as print.css;
* each ``<div class="clause" id="p-2-5">`` must start with its bold number (``**2.5.**``) that
  matches the id (``ext-3`` ↔ ``Д.3``/``E.3``); ``clause-optional`` clauses get their own style;
* blanks (runs of underscores) are copied verbatim, so HR fills them in Word.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import re
import sys
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import markdown
import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import html as lxml_html

from handbook import job_description as jd, ui
from handbook.site import CLAUSE_ID
from handbook.datafile import SchemaError

# Same list as mkdocs.yml's markdown_extensions (tests/test_docx.py keeps them in sync); the
# build hook passes the live MkDocs config instead. Highlighting extensions are irrelevant here.
DEFAULT_EXTENSIONS = [
    "toc", "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.smartsymbols",
]
DEFAULT_EXTENSION_CONFIGS: dict[str, dict] = {"pymdownx.tabbed": {"alternate_style": True}}

NO_PRINT = "hb-no-print"
CLAUSE_NUMBER = re.compile(r"^(?P<major>\d+|[A-ZА-ЯЁ])\.(?P<minor>\d+)\.$")
BLANK = re.compile(r"_{4,}")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)---[ \t]*\n", re.S)
TEXT = ui.strings("docx")  # docs/data/ui.yml: the footer's version line and the document language
FONT = "Times New Roman"
OPTIONAL_STYLE = "Clause (optional)"


class InstructionError(ValueError):
    """A problem in the source, already phrased as ``path:line: what is wrong``."""


@dataclass(frozen=True)
class Source:
    label: str          # how errors name the file (``docs/job-instruction.ru.md``)
    lines: list[str]    # the whole file, front matter included, so line numbers match editors
    meta: dict
    body: str

    def line_of(self, needle: str, occurrence: int = 0) -> int | None:
        """1-based line of the ``occurrence``-th (0 = first) source line containing ``needle``."""
        hits = (n for n, line in enumerate(self.lines, start=1) if needle and needle in line)
        return next(itertools.islice(hits, occurrence, None), None)

    def error(self, line: int | None, message: str) -> InstructionError:
        where = f"{self.label}:{line}" if line else self.label
        return InstructionError(f"{where}: {message}")


# --- reading ---------------------------------------------------------------------------------

def read_source(path: Path, label: str | None = None, text: str | None = None) -> Source:
    """``text``: the file's content after build hooks expanded its markers (default: the file)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    label = label or path.as_posix()
    match = FRONT_MATTER.match(text)
    end = match.end() if match else 0
    try:
        meta = yaml.safe_load(match["yaml"]) if match else {}
    except yaml.YAMLError as exc:
        raise InstructionError(f"{label}:1: front matter is not valid YAML: {exc}") from None
    # Keep line numbers: the body is rendered with blank lines standing in for the front matter.
    body = "\n" * text[:end].count("\n") + text[end:]
    return Source(label, text.splitlines(), meta if isinstance(meta, dict) else {}, body)


class Edition(NamedTuple):
    """What the footer and the file's properties say of the document's edition."""

    line: str       # «Редакция 1.0, действует с 22.11.2026» / "Version 1.0, effective 22 November 2026"
    version: str
    day: dt.date


def front_matter_edition(source: Source, locale: str) -> Edition:
    """The edition a page's front matter states (``doc_version``, ``effective_date``)."""
    version, date = source.meta.get("doc_version"), source.meta.get("effective_date")
    if version in (None, "") or date in (None, ""):
        raise source.error(1, "front matter needs 'doc_version' and 'effective_date'")
    if isinstance(date, dt.date):  # YAML reads an unquoted date as one
        day = date.date() if isinstance(date, dt.datetime) else date
    else:
        try:
            day = dt.date.fromisoformat(str(date))
        except ValueError:
            raise source.error(1, f"effective_date {date!r} is not a YYYY-MM-DD date") from None
    line = TEXT[locale if locale in TEXT else "en"]["version"].format(version=version, date=jd.day_text(day, locale))
    return Edition(line, str(version), day)


# --- inline content --------------------------------------------------------------------------

@dataclass
class Run:
    text: str = ""
    bold: bool = False
    italic: bool = False
    hint: bool = False     # the small "(подпись / Ф. И. О.)" captions under blanks
    mono: bool = False
    br: bool = False


def inline_runs(element, bold=False, italic=False, hint=False, mono=False) -> list[Run]:
    """Flatten an element's inline content into formatted runs (whitespace as HTML collapses it)."""
    runs: list[Run] = []
    if element.text:
        runs.append(Run(element.text, bold, italic, hint, mono))
    for child in element:
        if not isinstance(child.tag, str):                  # comments, processing instructions
            pass
        elif child.tag == "br":
            runs.append(Run(br=True))
        elif "headerlink" in child.get("class", "") or "footnote-ref" in child.get("class", ""):
            pass                                            # ¶ permalinks and footnote markers
        else:
            classes = child.get("class", "").split()
            runs += inline_runs(child, bold or child.tag in ("strong", "b"),
                                italic or child.tag in ("em", "i"), hint or "doc-hint" in classes,
                                mono or child.tag in ("code", "kbd"))
        if child.tail:
            runs.append(Run(child.tail, bold, italic, hint, mono))
    return runs


def normalise(runs: list[Run]) -> list[Run]:
    """Collapse whitespace like a browser: one space between words, none around line breaks."""
    out: list[Run] = []
    at_line_start = True
    for run in runs:
        if run.br:
            if out and not out[-1].br:
                out[-1].text = out[-1].text.rstrip()
            out.append(run)
            at_line_start = True
            continue
        text = re.sub(r"\s+", " ", run.text)
        if at_line_start or (out and not out[-1].br and out[-1].text.endswith(" ")):
            text = text.lstrip()
        if text:
            out.append(Run(text, run.bold, run.italic, run.hint, run.mono))
            at_line_start = False
    if out and not out[-1].br:
        out[-1].text = out[-1].text.rstrip()
    return [r for r in out if r.br or r.text]


def plain_text(element) -> str:
    return "".join("\n" if r.br else r.text for r in normalise(inline_runs(element)))


# --- the document ----------------------------------------------------------------------------

class Writer:
    """Walks the rendered HTML of one instruction and writes it into a python-docx Document."""

    def __init__(self, source: Source, locale: str, model=None):
        self.source = source
        self.locale = locale
        self.model = model  # handbook.job_description: clause numbers come from it
        self.doc = Document()
        self.numbers: dict[str, int | None] = {}
        self._setup_page()
        self._setup_styles()

    # page and styles
    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)  # A4, portrait as the template is
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(25), Mm(15)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        _set_font(normal, FONT, Pt(12))
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        # Word's spell-checker and hyphenation follow the document language (python-docx's template: en-US).
        lang, = styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
        lang.set(qn("w:val"), TEXT[self.locale if self.locale in TEXT else "en"]["lang"])
        for name, size in (("Heading 1", 12), ("Heading 2", 12), ("Heading 3", 12), ("Title", 14)):
            style = styles[name]
            _set_font(style, FONT, Pt(size), bold=True)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.italic = False
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)
        styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        clause = styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
        clause.base_style = normal
        clause.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        clause.paragraph_format.keep_together = True
        optional = styles.add_style(OPTIONAL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        optional.base_style = clause
        optional.paragraph_format.left_indent = Mm(4)
        _left_border(optional.element)
        note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.italic = True
        note.font.size = Pt(10)
        note.paragraph_format.left_indent = Mm(4)

    # walking
    def write(self, root) -> None:
        blocks = [el for el in root if isinstance(el.tag, str)]
        start = next((i for i, el in enumerate(blocks) if "doc-approval" in _classes(el)), None)
        if start is None:
            raise self.source.error(None, 'no approval block (<div class="doc-approval" markdown>): '
                                          "the document starts there")
        for heading in blocks[:start]:
            if heading.tag == "h1":
                self.doc.core_properties.title = plain_text(heading)
        for element in blocks[start:]:
            self.block(element)

    def block(self, el, style: str | None = None, level: int = 0) -> None:
        classes = _classes(el)
        if NO_PRINT in classes or el.tag in ("hr", "script", "style"):
            return
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading(el)
        elif el.tag == "p":
            self.paragraph(el, style or "Normal")
        elif el.tag in ("ul", "ol"):
            self.listing(el, level)
        elif el.tag == "pre":
            self.preformatted(el)
        elif el.tag == "table":
            self.table(el)
        elif el.tag == "div" and "clause" in classes:
            self.clause(el)
        elif el.tag == "div" and classes & {"doc-approval", "doc-header", "doc-ack"}:
            self.doc_block(el, classes)
        elif (el.tag == "div" and "admonition" in classes) or el.tag == "details":
            self.note(el)
        elif el.tag in ("div", "section", "blockquote", "dl", "dd", "dt"):
            self.children(el, style, level)
        else:
            raise self.error(el, f"<{el.tag}> is not supported in the instruction's .docx")

    def children(self, el, style: str | None = None, level: int = 0) -> None:
        if el.text and el.text.strip():
            self.add_runs(self.doc.add_paragraph(style=style or "Normal"), [Run(el.text)])
        for child in el:
            if isinstance(child.tag, str):
                self.block(child, style, level)

    def heading(self, el) -> None:
        level = min(int(el.tag[1]) - 1, 3)
        self.add_runs(self.doc.add_heading(level=max(level, 1)), inline_runs(el))

    def paragraph(self, el, style: str) -> Paragraph:
        runs = inline_runs(el)
        paragraph = self.doc.add_paragraph(style=style)
        self.add_runs(paragraph, runs)
        if any(BLANK.search(r.text) for r in runs if not r.br):
            paragraph.paragraph_format.space_before = Pt(14)   # room for a handwritten signature
        return paragraph

    def listing(self, el, level: int) -> None:
        ordered = el.tag == "ol"
        style = ("List Continue" if ordered else "List Bullet") + (f" {level + 1}" if level else "")
        for number, item in enumerate((li for li in el if li.tag == "li"), start=1):
            paragraph = self.doc.add_paragraph(style=style)
            paragraph.paragraph_format.keep_together = True
            prefix = [Run(f"{number}) ")] if ordered else []
            inline = _without(item, {"ul", "ol", "p", "div"})
            self.add_runs(paragraph, prefix + inline_runs(inline))
            for child in item:
                if child.tag in ("ul", "ol"):
                    self.listing(child, min(level + 1, 2))
                elif child.tag in ("p", "div"):
                    self.block(child, style, level)

    def preformatted(self, el) -> None:
        paragraph = self.doc.add_paragraph()
        for n, line in enumerate(el.text_content().rstrip("\n").split("\n")):
            if n:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            run.font.name = "Courier New"

    def table(self, el) -> None:
        rows = el.xpath(".//tr")
        width = max((len(r.xpath("./th|./td")) for r in rows), default=0)
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, src in zip(cells, row.xpath("./th|./td")):
                self.add_runs(cell.paragraphs[0], inline_runs(src, bold=src.tag == "th"))

    def note(self, el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if "admonition-title" in _classes(child) or child.tag == "summary":
                title = self.doc.add_paragraph(style="Note")
                self.add_runs(title, inline_runs(child, bold=True))
                title.paragraph_format.keep_with_next = True
            else:
                self.block(child, "Note")

    def doc_block(self, el, classes: set[str]) -> None:
        """Approval, header and acknowledgement blocks: one paragraph per line, so signature lines
        get room above them and their captions sit right under them; the block stays on one page."""
        align = (WD_ALIGN_PARAGRAPH.RIGHT if "doc-approval" in classes
                 else WD_ALIGN_PARAGRAPH.CENTER if "doc-header" in classes else None)
        written: list[Paragraph] = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag != "p":
                self.block(child)
                continue
            for line in _lines(normalise(inline_runs(child))):
                paragraph = self.doc.add_paragraph(style="Normal")
                self.add_runs(paragraph, line)
                fmt = paragraph.paragraph_format
                fmt.space_after = Pt(0)
                if all(r.hint for r in line):
                    fmt.space_before = Pt(0)
                elif any(BLANK.search(r.text) for r in line):
                    fmt.space_before = Pt(18)   # room for a handwritten signature or date
                else:
                    fmt.space_before = Pt(6)
                if align is not None:
                    paragraph.alignment = align
                written.append(paragraph)
        for paragraph in written[:-1]:
            paragraph.paragraph_format.keep_with_next = True
        if written:
            written[-1].paragraph_format.space_after = Pt(12)

    def clause(self, el) -> None:
        number = self.clause_number(el)
        style = OPTIONAL_STYLE if "clause-optional" in _classes(el) else "Clause"
        parts = [c for c in el if isinstance(c.tag, str)]
        first = self.doc.add_paragraph(style=style)
        self.add_runs(first, [Run(number, bold=True)] + _after_number(parts[0]))
        written = [first]
        for child in parts[1:]:
            before = len(self.doc.paragraphs)
            self.block(child, style)
            written += self.doc.paragraphs[before:]
        # Word keeps the clause on one page too: every paragraph but the last sticks to the next.
        for paragraph in written[:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def clause_number(self, el) -> str:
        ident = el.get("id")
        if self.model is not None and ident in self.model:  # written from the data: its number
            number = f"{self.model.clause(ident).number(self.locale)}."
            self.numbers[number] = None
            return number
        if not ident:
            raise self.error(el, 'clause has no id (expected <div class="clause" id="p-2-5" markdown>)')
        id_match = CLAUSE_ID.match(ident)
        if not id_match:
            raise self.error(el, f"clause id {ident!r} is not p-<section>-<n> or ext-<n>")
        first = next((c for c in el if isinstance(c.tag, str)), None)
        strong = first.find("strong") if first is not None and first.tag == "p" else None
        leading = (first.text or "").strip() if first is not None else ""
        number = plain_text(strong) if strong is not None and not leading and first.index(strong) == 0 else ""
        num_match = CLAUSE_NUMBER.match(number)
        if not num_match:
            raise self.error(el, f"clause {ident!r} does not start with a bold number like **2.5.** "
                                 f"(found {(plain_text(first) if first is not None else '')[:40]!r})")
        expected = ((id_match["major"], id_match["minor"]) if id_match["major"]
                    else (num_match["major"], id_match["ext"]))
        if (num_match["major"], num_match["minor"]) != expected or (id_match["ext"] and num_match["major"].isdigit()):
            raise self.error(el, f"clause number {number} does not match its id {ident!r}")
        if number in self.numbers:
            raise self.error(el, f"clause number {number} is used twice")
        self.numbers[number] = self.locate(el)
        return number

    # output helpers
    def add_runs(self, paragraph: Paragraph, runs: list[Run]) -> None:
        for run in normalise(runs):
            if run.br:
                paragraph.add_run().add_break()
                continue
            out = paragraph.add_run(run.text)
            out.bold = run.bold or None
            out.italic = run.italic or run.hint or None
            if run.hint:
                out.font.size = Pt(8)
            if run.mono:
                out.font.name = "Courier New"

    def error(self, el, message: str) -> InstructionError:
        return self.source.error(self.locate(el), message)

    def locate(self, el) -> int | None:
        """Source line of an element: by its id (the n-th one if ids repeat), else by its words."""
        while el is not None:
            ident = el.get("id")
            if ident:
                repeats = len(el.xpath("preceding::*[@id=$i] | ancestor::*[@id=$i]", i=ident))
                line = self.source.line_of(f'id="{ident}"', repeats)
                if line:
                    return line
            for snippet in _snippets(el):
                line = self.source.line_of(snippet)
                if line:
                    return line
            el = el.getparent()
        return None

    def finish(self, edition: Edition, description: str) -> bytes:
        self.doc.styles["Footer"].font.size = Pt(8)
        footer = self.doc.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{edition.line} · ")
        _page_field(footer)
        props = self.doc.core_properties
        props.subject, props.version = description, edition.version
        props.language = TEXT[self.locale if self.locale in TEXT else "en"]["lang"]
        props.author = props.last_modified_by = ""
        day = edition.day
        props.created = props.modified = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _reproducible_zip(buffer.getvalue(), day)


def _snippets(el, words: int = 3) -> list[str]:
    """Runs of plain words from an element's first line of text: Markdown markup (``**``,
    links) breaks exact matches, but a few consecutive words usually survive it."""
    first = next((t.strip() for t in el.text_content().split("\n") if t.strip()), "")
    tokens = first.split()
    return [" ".join(tokens[i:i + words]) for i in range(max(len(tokens) - words + 1, 0))
            if len(" ".join(tokens[i:i + words])) >= 10]


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Split runs at line breaks."""
    return [list(line) for br, line in itertools.groupby(runs, key=lambda r: r.br) if not br]


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _without(el, tags: set[str]):
    """A copy of a list item without its nested blocks (those become own paragraphs)."""
    copy = deepcopy(el)
    for child in list(copy):
        if child.tag in tags:
            copy.remove(child)              # with its tail, as lxml removes elements
    return copy


def _after_number(paragraph) -> list[Run]:
    """Runs of the clause's first paragraph after its leading <strong>2.5.</strong>."""
    copy = deepcopy(paragraph)
    strong = copy.find("strong")
    tail = strong.tail or ""
    copy.remove(strong)                     # lxml drops the tail with the element: re-add it
    copy.text = " " + tail.lstrip()         # one space after the number, however it was typed
    return inline_runs(copy)


def _set_font(style, name: str, size, bold: bool | None = None) -> None:
    style.font.name, style.font.size = name, size
    if bold is not None:
        style.font.bold = bold
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # Cyrillic uses hAnsi/cs in Word
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)


def _left_border(style_element) -> None:
    """A grey bar left of optional clauses, like the site's clause-optional border."""
    style_element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="12" w:space="6" w:color="A0A0A0"/></w:pBdr>'))


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()._r
    for xml in ('<w:fldChar {} w:fldCharType="begin"/>', '<w:instrText {} xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar {} w:fldCharType="end"/>'):
        run.append(parse_xml(xml.format(nsdecls("w"))))


def _reproducible_zip(data: bytes, day: dt.date) -> bytes:
    """Same source → same bytes: fixed timestamps inside the zip (python-docx stamps 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --- entry points ----------------------------------------------------------------------------

def convert(path: Path, locale: str, *, label: str | None = None, text: str | None = None,
            extensions: list | None = None,
            extension_configs: dict | None = None) -> bytes:
    """The ``.docx`` bytes of a Markdown file (a test fixture, or a job description page whose
    ``<!-- md:job-description -->`` markers are expanded from the data beside it); raises
    InstructionError (``file:line: …``). The build calls :func:`convert_markdown` instead."""
    source = read_source(path, label, text)
    title, description = str(source.meta.get("title", "")), str(source.meta.get("description", ""))
    if "md:job-description" in source.body:
        try:
            model = jd.load_for_build(path.resolve().parent)
            body = jd.expand(source.body, model, locale, source.label)
        except (SchemaError, jd.PageError) as exc:
            raise InstructionError(str(exc)) from None
        return convert_markdown(body, locale, model, label=source.label, title=title, description=description,
                                extensions=extensions, extension_configs=extension_configs)
    return _write(source, locale, front_matter_edition(source, locale), title, description, extensions,
                  extension_configs)


def convert_markdown(markdown_text: str, locale: str, model, *, label: str, title: str = "",
                     description: str = "", extensions: list | None = None,
                     extension_configs: dict | None = None) -> bytes:
    """The ``.docx`` of the job description page's Markdown as the build has it (clauses and
    evaluation criteria expanded; no front matter); the edition is ``model``'s
    (``handbook.job_description``)."""
    source = Source(label, markdown_text.splitlines(), {}, markdown_text)
    edition = Edition(jd.edition_line(model, locale), str(model.edition.number), model.edition.date)
    return _write(source, locale, edition, title, description, extensions, extension_configs, model)


def _write(source: Source, locale: str, edition: Edition, title: str, description: str,
           extensions: list | None, extension_configs: dict | None, model=None) -> bytes:
    configs = extension_configs if extension_configs is not None else DEFAULT_EXTENSION_CONFIGS
    html = markdown.markdown(source.body, extensions=extensions or DEFAULT_EXTENSIONS, extension_configs=configs)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    writer = Writer(source, locale, model)
    writer.write(root)
    if not writer.numbers:
        raise source.error(None, 'no clauses (<div class="clause" id="p-1-1" markdown>) found')
    if not writer.doc.core_properties.title and title:
        writer.doc.core_properties.title = title
    return writer.finish(edition, description)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--locale", default="ru", choices=sorted(TEXT))
    args = parser.parse_args(argv)
    try:
        args.output.write_bytes(convert(args.source, args.locale))
    except (InstructionError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
