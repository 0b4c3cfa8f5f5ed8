"""A page that hides its table of contents (front matter ``hide: [toc]``) does not ship it.

Material only hides the TOC sidebar of such a page: the whole TOC is still rendered twice (the
sidebar and the mobile navigation drawer), and on load Material's script measures the position
of every heading it lists to highlight the current one. On the glossary (about a hundred term
headings, its own A–Я index instead of a TOC) that was ~600 DOM elements and one forced layout
per heading: most of the page's Lighthouse "Total Blocking Time".

After every other ``on_page_context`` (the search plugin builds its sections from the full TOC
there), the TOC keeps only the page title, so the "skip to content" link still has its target.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import TableOfContents


def title_only(toc: TableOfContents) -> TableOfContents:
    """The TOC's first entry (the page's h1) without children, or an empty TOC."""
    first = next(iter(toc), None)
    if first is None or first.level != 1:
        return TableOfContents([])
    first.children = []
    return TableOfContents([first])


@event_priority(-100)  # after the search plugin has indexed the page's sections
def on_page_context(context, page, config, nav):
    if "toc" in (page.meta.get("hide") or []):
        page.toc = title_only(page.toc)
    return context
