"""Rules: pure functions from the site model to findings. Codes are stable; see ``--list-rules``.

Page rules look at one page (and read the rest of the model); site rules look at the whole.
(Running page rules in forked workers was measured and dropped: copy-on-write of the model's
reference counts cost as much CPU as the rules themselves.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Finding, Page, Site
from . import data, editions, glossary, links, parity, sources, style, translations

SiteRule = Callable[[Site], Iterator[Finding]]
PageRule = Callable[[Site, Page], Iterator[Finding]]

PAGE_RULES: list[PageRule] = [links.page_links, links.page_ids, glossary.page_mentions, style.page_typography, sources.page_citations]
SITE_RULES: list[SiteRule] = [
    translations.check_translations,
    translations.check_nav,
    translations.check_redirects,
    translations.check_stale,
    glossary.check_records,
    glossary.check_usage,
    data.check_schemas,
    data.check_published_links,
    editions.check_editions,
    parity.check_figures,
    parity.check_link_parity,
    style.check_terms,
    style.check_caps,
    sources.check_codes,
]

CODES: dict[str, tuple[str, str]] = {
    "L001": ("error", "link to a page that does not exist (or is excluded, or outside docs_dir)"),
    "L002": ("error", "link to an anchor that the target page (or this page) does not have"),
    "L003": ("error", "link into the other language's file (page.en.md from a Russian page)"),
    "L004": ("error", "reference-style link whose definition is missing"),
    "L005": ("error", "image or file that does not exist in this language's build"),
    "L006": ("warning", "absolute link to the site's own URL where a relative one belongs"),
    "L007": ("error", "the same id twice on one page"),
    "L008": ("warning", "link names this language's file (page.ru.md) instead of page.md"),
    "L009": ("warning", "link to a URL path (../page/) where the source file page.md exists"),
    "T001": ("error", "page without its translation (a warning when fallback_to_default is on)"),
    "T002": ("error", "heading ids differ between the languages (set or order)"),
    "T003": ("warning", "page missing from an explicit nav"),
    "T004": ("error", "nav entry or redirect that points to no page"),
    "T005": ("warning", "translation behind its original: sections changed since it was marked current (--mark-current)"),
    "G001": ("error", "glossary record breaks the schema (missing language or field, bad value)"),
    "G002": ("error", "duplicate glossary id or name (case-insensitive, any Russian word form)"),
    "G003": ("error", "link to a glossary anchor that no term has"),
    "G004": ("warning", "glossary term never linked from any page of a language"),
    "G005": ("warning", "first mention of a glossary term on a page, in any word form, not linked"),
    "D001": ("error", "data file breaks its schema (salaries, career, published-links registry)"),
    "D002": ("error", "published link that does not resolve in every language"),
    "J001": ("warning", "job description clause changed since its last recorded edition (python -m handbook.cli edition --mark-current)"),
    "F001": ("error", "figure (amount, range, percentage, clause, year, date) differs between a page and its translation, per section"),
    "F002": ("warning", "link target (page, anchor, glossary term) in a section of one language only"),
    "R001": ("error", "internal source code («001», «один из авторов», \"source articles\") in reader-facing text (pages, data files)"),
    "R002": ("error", "<!-- md:cite ID --> naming a source that docs/data/sources.yml does not have"),
    "S001": ("error", "avoided variant of a house term (docs/data/house-terms.yml), in any word form"),
    "S002": ("warning", "straight quote \" in Russian running text (« » expected; --fix)"),
    "S003": ("warning", "a hyphen between spaces standing for a dash"),
    "S004": ("warning", "an English page mixing curly ’ and straight ' apostrophes"),
    "S005": ("warning", "-ize/-yze (or -ise) spelling against `spelling:` in docs/data/house-terms.yml"),
    "S006": ("warning", "«ТОП» in capitals in Russian text (the house term is «топ»)"),
}


def run_rules(site: Site) -> list[Finding]:
    findings: list[Finding] = []
    for page in site.pages:
        for rule in PAGE_RULES:
            findings.extend(rule(site, page))
    for rule in SITE_RULES:
        findings.extend(rule(site))
    return findings
