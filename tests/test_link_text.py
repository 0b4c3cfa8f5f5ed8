"""Link text says where a link goes: no "more" or "here" (Lighthouse's SEO audit "Links do not have
descriptive text", which `make audit` runs on its pages only; this checks every built page).

Found by `make audit` on /en/hiring/ ("([more](profession.md#vacancy-requirements))"). The list is
Lighthouse's own for English (lighthouse-core/audits/seo/link-text.js), the phrases a screen reader
user hears out of context.
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, built_page, source_pages

GENERIC = {
    "en": {"click here", "click this", "go", "here", "information", "learn more", "more", "more info",
           "more information", "right here", "read more", "see more", "start", "this", "link"},
}


def generic_links(html: str, lang: str) -> list[tuple[str, str]]:
    """(text, href) of every link in the article whose whole text is a generic phrase."""
    tree = LexborHTMLParser(html)
    words = GENERIC.get(lang, set())
    found = []
    for link in tree.css("article a[href]"):
        text = " ".join(link.text(deep=True).split()).lower().strip(" .…:")
        if text in words:
            found.append((text, link.attributes.get("href") or ""))
    return found


def test_generic_link_text_is_found():
    html = ('<article><p>See <a href="a/">more</a>, <a href="b/">Read more…</a>, '
            '<a href="c/">typical vacancy requirements</a>.</p></article>')
    assert generic_links(html, "en") == [("more", "a/"), ("read more", "b/")]


def test_no_built_page_has_a_link_that_says_only_more(built_site: Path):
    problems = {}
    for page in source_pages():
        for lang in LANGUAGES:
            found = generic_links(built_page(built_site, page, lang).read_text(encoding="utf-8"), lang)
            if found:
                problems[f"{lang}/{page}"] = found
    assert problems == {}
