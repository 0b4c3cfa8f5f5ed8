"""Glossary: the records, duplicate names in any word form, terms never linked, unlinked mentions."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from ..model import ERROR, WARNING, Finding, Page, Site, TermForm
from ..resolve import is_glossary_page, target


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def check_records(site: Site) -> Iterator[Finding]:
    glossary = site.glossary
    if glossary is None:
        return
    for line, code, message in glossary.schema_errors:
        yield Finding(glossary.path, line, 1, ERROR, code, message)
    # Names that are the same word forms in different records (the schema compares exact strings).
    for lang in site.config.languages:
        earlier: dict[str, list[tuple[str, TermForm]]] = {}  # first-word form -> names seen so far
        for term in glossary.terms:
            for form in term.langs.get(lang, []):
                if not form.positions:
                    continue
                clash = next(
                    (
                        (other_id, other)
                        for first in form.positions[0]
                        for other_id, other in earlier.get(first, ())
                        if other_id != term.id
                        and len(other.positions) == len(form.positions)
                        and all(a & b for a, b in zip(form.positions, other.positions))
                        and _normalise(other.text) != _normalise(form.text)  # exact repeats: the schema's
                    ),
                    None,
                )
                if clash:
                    other_id, other = clash
                    yield Finding(
                        glossary.path, form.line, 1, ERROR, "G002",
                        f"{lang} name «{form.text}» of term '{term.id}' is a word form of «{other.text}» "
                        f"(term '{other_id}', line {other.line}); one name must point to one term",
                    )
                for first in form.positions[0]:
                    earlier.setdefault(first, []).append((term.id, form))


def glossary_links(site: Site, page: Page) -> dict[str, list[tuple[int, int]]]:
    """Term id -> positions (line, col) of this page's links to that term's anchor.

    A link reaches the glossary page only if its text names that file, so only those links
    are resolved here (the other rules resolve every link, in parallel). Computed once per page
    (check_usage and page_mentions both ask); callers must not change the result.
    """
    return site.memo("glossary-links", page.src_uri, lambda: _glossary_links(site, page))


def _glossary_links(site: Site, page: Page) -> dict[str, list[tuple[int, int]]]:
    stem = posixpath.splitext(posixpath.basename(site.glossary.page))[0]
    per_term: dict[str, list[tuple[int, int]]] = {}
    refdefs = page.data.refdefs
    for link in page.data.links:
        url = link.url if link.url is not None else getattr(refdefs.get(link.ref or ""), "url", "")
        if stem not in url and ("%" not in url or stem not in unquote(url)):
            continue
        t = target(site, page, link)
        if t.kind == "page" and t.src and t.anchor:
            dest = site.by_src.get(t.src)
            if dest is not None and is_glossary_page(site, dest):
                per_term.setdefault(t.anchor, []).append((link.line, link.col))
    return per_term


def check_usage(site: Site) -> Iterator[Finding]:
    glossary = site.glossary
    if glossary is None:
        return
    linked: dict[str, set[str]] = {lang: set() for lang in site.config.languages}
    for page in site.pages:
        if not is_glossary_page(site, page):
            linked.setdefault(page.lang, set()).update(glossary_links(site, page))
    for term in glossary.terms:
        for lang in site.config.languages:
            if lang in term.langs and term.id not in linked.get(lang, set()):
                yield Finding(
                    glossary.path, term.line, 1, WARNING, "G004",
                    f"term '{term.id}' is never linked from any {lang} page",
                )


def page_mentions(site: Site, page: Page) -> Iterator[Finding]:
    """The first mention of each term on the page, in any word form, must be a link to it."""
    glossary = site.glossary
    if glossary is None or not page.data.mentions or is_glossary_page(site, page):
        return
    page_links = glossary_links(site, page)
    glossary_src = posixpath.relpath(glossary.page, posixpath.dirname(page.src_uri) or ".")
    for term_id, mention in page.data.mentions.items():
        positions = page_links.get(term_id)
        if positions and min(positions) <= (mention.line, mention.col):
            continue
        later = f"; the first link to it is on line {min(positions)[0]}" if positions else ""
        yield Finding(
            page.path, mention.line, mention.col, WARNING, "G005",
            f"first mention of «{mention.text}» (glossary term '{term_id}') is not linked{later}",
            f"[{mention.text}]({glossary_src}#{term_id})",
        )
