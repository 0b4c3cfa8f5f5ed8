"""The job instruction's editable .docx: generated at build time, linked from the page, faithful.

Built-site tests open the real generated files with python-docx; converter tests run
handbook.instruction_docx (and scripts/instruction_docx.py) on tests/fixtures/docx/ (a small valid instruction, a broken one, and
mutations of the valid one).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page, mkdocs_yml

from handbook import instruction_docx as conv  # noqa: E402
from handbook import job_description, links, site  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
PAGE = "job-instruction"
EXT_LETTER = {"ru": "Д", "en": "E"}
APPROVED = {"ru": "УТВЕРЖДАЮ", "en": "APPROVED"}
ACK_HEADING = {"ru": "Лист ознакомления", "en": "Acknowledgement"}
BLANK = re.compile(r"_{8,}")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


# --- helpers ---------------------------------------------------------------------------------

def page_tree(site: Path, locale: str) -> LexborHTMLParser:
    return LexborHTMLParser(built_page(site, PAGE, locale).read_text(encoding="utf-8"))


def docx_link(site: Path, locale: str) -> str:
    links = page_tree(site, locale).css("article a.hb-docx")
    assert len(links) == 1, f"{PAGE} ({locale}): expected one .docx download link, found {len(links)}"
    return links[0].attributes["href"]


def built_docx(site: Path, locale: str) -> Path:
    return built_page(site, PAGE, locale).parent / docx_link(site, locale)


def clause_numbers(document: docx.document.Document) -> list[str]:
    """Clause numbers as the document shows them: the bold first run of each clause paragraph."""
    return [p.runs[0].text for p in document.paragraphs
            if p.style.name.startswith("Clause") and p.runs and p.runs[0].bold]


def full_text(document: docx.document.Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def registry_numbers(locale: str) -> list[str]:
    """Clause numbers promised by docs/data/published-links.yml (p-2-5 -> 2.5., ext-3 -> Д.3.)."""
    registry = links.load_links(ROOT / "docs/data/published-links.yml")
    return [f"{site.clause_number(link.anchor, locale)}." for link in registry.links
            if link.page == f"{PAGE}.md" and link.anchor and site.CLAUSE_ID.match(link.anchor)]


def mutated(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "good.md").read_text(encoding="utf-8")
    assert old in text, f"mutation target {old!r} not in good.md"
    path = tmp_path / "mutated.md"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def conversion_error(path: Path, locale: str = "en") -> str:
    with pytest.raises(conv.InstructionError) as info:
        conv.convert(path, locale, label=path.name)
    return str(info.value)


# --- the built site --------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LANGUAGES)
def test_page_links_to_its_docx_and_the_link_resolves(built_site, served_site, locale):
    href = docx_link(built_site, locale)
    assert href == f"internet-marketer-job-description-{locale}.docx"
    path = built_docx(built_site, locale)
    assert path.is_file(), f"{path} is linked but was not generated"
    prefix = site.languages().prefix(locale)
    with urllib.request.urlopen(urljoin(f"{served_site}{prefix}{PAGE}/", href)) as response:
        assert response.status == 200
        assert response.read() == path.read_bytes()


@pytest.mark.parametrize("locale", LANGUAGES)
def test_page_and_docx_show_the_edition(built_site, locale):
    """The edition (number and date) of docs/data/job-description.yml, under the H1 and in the
    .docx's footer and properties."""
    model = job_description.load()
    day = model.edition.date
    expected = (f"Редакция {model.edition.number} от {day:%d.%m.%Y}" if locale == "ru"
                else f"Edition {model.edition.number} of {day.day} {MONTHS[day.month - 1]} {day.year}")
    node = page_tree(built_site, locale).css_first("article h1 + p.doc-meta")
    assert node is not None, "the edition line must come right after the H1"
    assert expected in node.text()
    document = docx.Document(built_docx(built_site, locale))
    assert expected in document.sections[0].footer.paragraphs[0].text
    assert document.core_properties.version == str(model.edition.number)


@pytest.mark.parametrize("locale", LANGUAGES)
def test_docx_has_every_clause_in_order(built_site, locale):
    document = docx.Document(built_docx(built_site, locale))
    numbers = clause_numbers(document)
    on_page = [n.text().strip() for n in page_tree(built_site, locale).css("article div.clause > p:first-child > strong")]
    assert numbers == on_page
    core = [f"{section}.{n}." for section, count in ((1, 7), (2, 7), (3, 3), (4, 7)) for n in range(1, count + 1)]
    extended = [f"{EXT_LETTER[locale]}.{n}." for n in range(1, 16)]
    assert registry_numbers(locale) == core + extended  # the published clause links
    assert [n for n in numbers if n in core + extended] == core + extended


@pytest.mark.parametrize("locale", LANGUAGES)
def test_docx_layout_blanks_and_optional_clauses(built_site, locale):
    document = docx.Document(built_docx(built_site, locale))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    paragraphs = document.paragraphs
    # Approval block first, right-aligned, with its signature and date blanks.
    approval = []
    for p in paragraphs:
        if p.alignment != WD_ALIGN_PARAGRAPH.RIGHT:
            break
        approval.append(p.text)
    assert approval and approval[0] == APPROVED[locale]
    assert sum(bool(BLANK.search(t)) for t in approval) >= 2, approval
    # Section headings are real headings.
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == [h.text(deep=True).replace("¶", "").strip()
                            for h in page_tree(built_site, locale).css("article h2")][:4]
    # Acknowledgement: a signature line to fill in after its heading.
    after_ack = [p.text for p in paragraphs[[p.text for p in paragraphs].index(ACK_HEADING[locale]):]]
    assert any(BLANK.search(t) for t in after_ack), after_ack
    # Extended duties carry the optional style; the core clauses do not.
    styles = {p.runs[0].text: p.style.name for p in paragraphs if p.style.name.startswith("Clause")}
    letter = EXT_LETTER[locale]
    assert {s for n, s in styles.items() if n.startswith(letter)} == {conv.OPTIONAL_STYLE}
    assert {s for n, s in styles.items() if not n.startswith(letter)} == {"Clause"}


@pytest.mark.parametrize("locale", LANGUAGES)
def test_docx_leaves_out_editor_notes_and_the_page_lead(built_site, locale):
    text = full_text(docx.Document(built_docx(built_site, locale)))
    article = page_tree(built_site, locale).css_first("article")
    hidden = [n.text(separator=" ") for n in article.css(".hb-no-print:not(.hb-docx)")]
    assert len(hidden) >= 2
    lead = []  # the web page around the document: everything before the approval block
    for child in article.iter():
        if "doc-approval" in (child.attributes.get("class") or ""):
            break
        lead.append(child.text(separator=" "))
    sentences = [s for h in hidden + lead for s in re.split(r"(?<=[.:;])\s+", re.sub(r"\s+", " ", h)) if len(s) > 30]
    assert len(sentences) > 5
    assert [s for s in sentences if s in text] == []


# --- the converter on fixtures ---------------------------------------------------------------

def test_converter_keeps_structure_of_a_small_instruction():
    document = docx.Document(io.BytesIO(conv.convert(FIXTURES / "good.md", "en")))
    text = full_text(document)
    assert clause_numbers(document) == ["1.1.", "1.2.", "E.1."]
    assert "Secret editorial remark" not in text and "Lead paragraph" not in text
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("List Bullet", "contracts:") in styles and ("List Bullet 2", "their terms.") in styles
    assert ("Clause", "1.1. The marketer is an employee — see clause 1.2.") in styles
    assert ("Clause (optional)", "E.1. Monitors competitors.") in styles
    assert ("Note", "Include the ones you need.") in styles
    assert document.core_properties.title == "Model instruction"
    assert document.core_properties.version == "2.1"
    assert document.sections[0].footer.paragraphs[0].text.startswith("Version 2.1, effective 5 March 2026")
    assert "________________ / ________________ / “____” ______________ 20___" in text


def test_converter_output_is_reproducible():
    assert conv.convert(FIXTURES / "good.md", "ru") == conv.convert(FIXTURES / "good.md", "ru")


def test_clause_without_number_is_reported_with_file_and_line():
    message = conversion_error(FIXTURES / "clause-without-number.md")
    assert message == ("clause-without-number.md:36: clause 'p-1-2' does not start with a bold "
                       "number like **2.5.** (found 'The marketer must know:')")


@pytest.mark.parametrize("old,new,expected", [
    ("**1.2.** The marketer", "**1.3.** The marketer",
     "mutated.md:36: clause number 1.3. does not match its id 'p-1-2'"),
    ("**E.1.** Monitors", "**1.1.** Monitors", "mutated.md:53: clause number 1.1. does not match its id 'ext-1'"),
    ('<div class="clause" id="p-1-2" markdown>', '<div class="clause" markdown>',
     "mutated.md:38: clause has no id"),
    ('id="p-1-2"', 'id="p-1-1"', "mutated.md:36: clause number 1.2. does not match its id 'p-1-1'"),
    ("effective_date: 2026-03-05\n", "", "mutated.md:1: front matter needs 'doc_version' and 'effective_date'"),
    ("effective_date: 2026-03-05", "effective_date: soon", "mutated.md:1: effective_date 'soon' is not a YYYY-MM-DD"),
    ('<div class="doc-approval" markdown>', '<div class="approval" markdown>', "mutated.md: no approval block"),
])
def test_broken_sources_are_reported(tmp_path, old, new, expected):
    assert conversion_error(mutated(tmp_path, old, new)).startswith(expected)


def test_command_line_reports_errors_without_traceback(tmp_path):
    script = ROOT / "scripts" / "instruction_docx.py"
    bad = subprocess.run([sys.executable, script, FIXTURES / "clause-without-number.md", tmp_path / "x.docx"],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "clause-without-number.md:36: clause 'p-1-2'" in bad.stderr
    good = subprocess.run([sys.executable, script, FIXTURES / "good.md", tmp_path / "x.docx", "--locale", "en"],
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert clause_numbers(docx.Document(tmp_path / "x.docx")) == ["1.1.", "1.2.", "E.1."]


def test_default_extensions_match_mkdocs_yml():
    """Standalone runs must render like the site: same extension list as mkdocs.yml."""
    config = mkdocs_yml()
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert conv.DEFAULT_EXTENSIONS == names
