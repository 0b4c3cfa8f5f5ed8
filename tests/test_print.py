"""Printing ("Save as PDF") gives a clean A4 document: the job instruction and the onboarding plan.

Headless Chromium prints the served site to PDF; pypdf reads the text back. What must and must
not be printed is taken from the built HTML itself: the site chrome's own labels (tabs, search,
footer, "back to top"…), the hb-no-print blocks, and the clauses, table rows and checklist items
that must each land on a single page.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import DEFAULT_LANGUAGE, LANGUAGES, built_page
from handbook import job_description, site

A4 = (595.28, 841.89)  # points
# Site chrome whose text must never reach paper (plus the permalink sign).
CHROME = (".md-header__topic .md-ellipsis", ".md-tabs__link", ".md-top", ".md-skip",
          ".md-footer__direction", ".md-footer__title .md-ellipsis", ".md-copyright__highlight",
          ".hb-last-updated", ".md-nav__title", ".md-nav--primary .md-nav__link", ".md-select__link",
          ".md-search-result__meta", ".md-button", ".hb-copy")
NOT_PRINTED = ".hb-no-print"
CLAUSE_NUMBER = re.compile(r"^(?:\d+|[A-ZА-ЯЁ])\.\d+\.$")


# --- reading the PDF -------------------------------------------------------------------------

@dataclass
class Printed:
    sizes: list[tuple[float, float]]
    pages: list[str]                   # per page, plain extraction, for "is it on one page"
    text: str                          # the whole document in reading order (layout extraction)


def read_pdf(data: bytes) -> Printed:
    reader = pypdf.PdfReader(io.BytesIO(data))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    pages = [p.extract_text() for p in reader.pages]
    text = "\n".join(p.extract_text(extraction_mode="layout") for p in reader.pages)
    return Printed(sizes, pages, spaced(text))


def spaced(text: str) -> str:
    """Compatibility forms (ligatures, NBSP) folded, whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("\u00ad", "")).strip()


def squashed(text: str) -> str:
    """No whitespace at all: line wrapping differs between HTML and PDF, the letters do not."""
    return re.sub(r"\s+", "", spaced(text))


# --- what the page says should (not) be printed ----------------------------------------------

@dataclass
class Expectations:
    forbidden: list[str]               # chrome labels and hb-no-print text
    numbers: list[str] = field(default_factory=list)   # clause numbers, in order
    units: dict[str, list[str]] = field(default_factory=dict)  # name -> parts kept on one page
    required: list[str] = field(default_factory=list)  # e.g. section headings


def node_text(node) -> str:
    for junk in node.css(".headerlink, .hb-clause-link"):
        junk.decompose()
    return spaced(node.text(separator=" "))


def expectations(html: str) -> Expectations:
    tree = LexborHTMLParser(html)
    article = tree.css_first("article")
    content = LexborHTMLParser(article.html).css_first("article")
    for node in content.css(f"{NOT_PRINTED}, .md-button, .hb-copy"):
        node.decompose()
    article_text = node_text(content)
    labels = {spaced(n.text(separator=" ")) for sel in CHROME for n in tree.css(sel)}
    labels |= {n.attributes.get("placeholder") or "" for n in tree.css(".md-search__input")}
    # A label that the document itself contains (a tab called like a heading) proves nothing.
    forbidden = sorted(x for x in labels if len(x) > 2 and not contains(article_text, x)) + ["¶"]
    for hidden in article.css(NOT_PRINTED) + web_only(article):
        if "hb-editions" in (hidden.attributes.get("class") or ""):
            continue  # the edition history quotes clause wordings, the current ones included
        forbidden += [s for s in re.split(r"(?<=[.:;!?])\s+", node_text(hidden)) if len(s) > 25]
    numbers, units = [], {}
    for clause in article.css("div.clause"):
        strong = clause.css_first("p > strong")
        number = spaced(strong.text()) if strong else clause.attributes.get("id", "?")
        numbers.append(number)
        units[f"clause {number}"] = [node_text(n) for n in clause.css("p, li") if not n.css_matches(NOT_PRINTED)]
    for n, row in enumerate(article.css("tr"), start=1):
        cells = [node_text(c) for c in row.css("th, td")]
        units[f"table row {n} ({cells[0][:30]!r})"] = [c for c in cells if c]
    for n, item in enumerate(article.css("li.task-list-item"), start=1):
        text = node_text(item)
        units[f"checklist item {n} ({text[:30]!r})"] = [text]
    required = [node_text(h) for h in content.css("h2")]  # the screen-only ones (edition history) aside
    return Expectations(forbidden, numbers, units, required)


def web_only(article) -> list:
    """What precedes a document's approval block (title, lead for HR), except the edition line."""
    if article.css_first(".doc-approval") is None:
        return []
    before = []
    for child in article.iter():
        if "doc-approval" in (child.attributes.get("class") or ""):
            break
        if "doc-meta" not in (child.attributes.get("class") or ""):
            before.append(child)
    return before


def contains(text: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None


# --- the check -------------------------------------------------------------------------------

def print_problems(printed: Printed, expected: Expectations) -> list[str]:
    problems = []
    for n, (width, height) in enumerate(printed.sizes, start=1):
        if abs(width - A4[0]) > 1 or abs(height - A4[1]) > 1:
            problems.append(f"page {n} is {width:.0f}×{height:.0f} pt, not A4 (595×842)")
    problems += [f"printed text that must not be printed: {x!r}"
                 for x in expected.forbidden if contains(printed.text, x)]
    position = 0
    for number in expected.numbers:
        match = re.compile(rf"(?<![\w.]){re.escape(number)}(?!\w)").search(printed.text, position)
        if match is None:
            problems.append(f"clause {number} missing or out of order")
        else:
            position = match.end()
    problems += [f"heading missing: {h!r}" for h in expected.required if h not in printed.text]
    pages = [squashed(p) for p in printed.pages]
    for name, parts in expected.units.items():
        on_pages = [n for n, page in enumerate(pages, start=1) if all(squashed(p) in page for p in parts)]
        if not on_pages:
            found = sorted({n for p in parts for n, page in enumerate(pages, start=1) if squashed(p) in page})
            problems.append(f"{name} is split across pages (parts found on pages {found})")
    return problems


# --- browser ---------------------------------------------------------------------------------

def page_url(base: str, page: str, locale: str) -> str:
    return site.page_url(page, locale, root=base)


def print_page(browser, url: str, media: str = "print", paper: str = "A4", css: str = "") -> Printed:
    tab = browser.new_page()
    try:
        tab.goto(url, wait_until="load")
        tab.emulate_media(media=media)
        if css:
            tab.add_style_tag(content=css)
        return read_pdf(tab.pdf(format=paper))
    finally:
        tab.close()


def page_expectations(site: Path, page: str, locale: str) -> Expectations:
    return expectations(built_page(site, page, locale).read_text(encoding="utf-8"))


# --- tests -----------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
def test_job_instruction_prints_as_a_clean_a4_document(browser, served_site, built_site, locale):
    expected = page_expectations(built_site, "job-instruction", locale)
    # Every clause of the data file is checked, in its order (a page missing clauses fails here).
    assert len(expected.numbers) == len(job_description.load().ids()), "clauses missing from the page"
    printed = print_page(browser, page_url(served_site, "job-instruction", locale))
    assert print_problems(printed, expected) == []
    assert re.search(r"_{8,} / _{8,} /", printed.text), "approval signature line not printed"
    assert len(re.findall(r"_{8,}", printed.text)) >= 6, "blanks to fill in are missing"


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
def test_onboarding_prints_as_a_clean_a4_document(browser, served_site, built_site, locale):
    expected = page_expectations(built_site, "onboarding", locale)
    # Every step the page source gives an id is a unit the printout must show.
    source = (site.ROOT / "docs" / f"onboarding.{locale}.md").read_text(encoding="utf-8")
    steps = [u for u in expected.units if u.startswith("checklist item")]
    assert len(steps) == source.count("{ #step-") and expected.required, "steps missing from the page"
    printed = print_page(browser, page_url(served_site, "onboarding", locale))
    assert print_problems(printed, expected) == []


@pytest.mark.browser
def test_check_catches_screen_styles_in_print(browser, served_site, built_site):
    """Without the print stylesheet (screen media) the navigation is printed: the check says so."""
    expected = page_expectations(built_site, "job-instruction", "en")
    printed = print_page(browser, page_url(served_site, "job-instruction", "en"), media="screen")
    problems = "\n".join(print_problems(printed, expected))
    for label in ("Internet marketer handbook", "Download .docx",
                  "The handbook leaves a blank instead, because neither the law nor the professional standard sets such a requirement for this post:",
                  "Internet marketer handbook — open material for candidates, new hires and HR."):
        assert f"must not be printed: {label!r}" in problems, problems


@pytest.mark.browser
def test_check_catches_a_clause_split_by_a_page_break(browser, served_site, built_site):
    expected = page_expectations(built_site, "job-instruction", "ru")
    broken = "#p-1-6 li:nth-of-type(3) { break-before: page !important; }"
    printed = print_page(browser, page_url(served_site, "job-instruction", "ru"), css=broken)
    splits = [p for p in print_problems(printed, expected) if "split" in p]
    assert len(splits) == 1 and splits[0].startswith("clause 1.6. is split across pages"), splits


@pytest.mark.browser
def test_check_catches_wrong_paper_size(browser, served_site, built_site):
    expected = page_expectations(built_site, "onboarding", "ru")
    printed = print_page(browser, page_url(served_site, "onboarding", "ru"), paper="Letter")
    assert "page 1 is 612×792 pt, not A4 (595×842)" in print_problems(printed, expected)


def test_check_catches_split_clause_missing_number_and_editor_note():
    expected = Expectations(forbidden=["Back to top", "This is a template, not a finished document."],
                            numbers=["1.1.", "1.2.", "Д.1."],
                            units={"clause 1.2.": ["1.2. Must know:", "search engines;", "contracts."]})
    printed = Printed(
        sizes=[A4, A4],
        pages=["1.1. First. 1.2. Must know: search engines;", "contracts. Д.1. Optional."],
        text=spaced("1.2. Must know: 1.1. First. Д.1. Optional. This is a template, not a finished document."),
    )
    assert print_problems(printed, expected) == [
        "printed text that must not be printed: 'This is a template, not a finished document.'",
        "clause 1.2. missing or out of order",  # 1.1 is found after 1.2, so 1.2 is "out of order"
        "clause 1.2. is split across pages (parts found on pages [1, 2])",
    ]


def test_chrome_labels_come_from_the_page_but_not_from_its_content():
    html = """<html><body><header class="md-header"><div class="md-header__topic">
      <span class="md-ellipsis">Handbook</span></div></header>
      <nav class="md-tabs"><a class="md-tabs__link">Glossary</a><a class="md-tabs__link">Home</a></nav>
      <input class="md-search__input" placeholder="Search">
      <article><h1>Home office glossary</h1>
      <div class="admonition hb-no-print"><p>An editor's note that is long enough to count.</p></div>
      <div class="clause" id="p-1-1"><p><strong>1.1.</strong> Text.</p></div></article>
      <a class="md-top">Back to top</a></body></html>"""
    expected = expectations(html)
    assert expected.forbidden == ["Back to top", "Glossary", "Handbook", "Search", "¶",
                                  "An editor's note that is long enough to count."]
    assert expected.numbers == ["1.1."]
