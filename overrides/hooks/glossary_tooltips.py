"""Glossary tooltips in the page's own language, on every page.

* A Markdown link to a term, ``[CTR](glossary.md#ctr)``, becomes
  ``[CTR](glossary.md#ctr "short definition")``; ``assets/javascripts/tooltips.js`` shows the
  title on hover and on keyboard focus. Links that already have a title (or a ``{ title=… }``
  attribute list) are left alone. The glossary page itself gets no link titles: its links jump
  to a definition printed on the same page.
* Abbreviations of the glossary (CTR, SEO, ЦА…) that occur in the page text get an ``abbr``
  definition (``*[CTR]: click-through rate``) appended to the page, in the page's language.
  A site-wide snippet (``pymdownx.snippets`` ``auto_append``) would give every language the same
  titles; this hook runs per page and per language instead.
* Fenced code blocks and inline code are never touched (``handbook.tooltips`` does the text work).
* ``on_page_content`` drops an ``<abbr>`` nested in a link that already carries a tooltip, so one
  element never shows two.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from handbook import datafile, glossary, site, tooltips

log = logging.getLogger("mkdocs.hooks.glossary_tooltips")


def _abbr_enabled(config) -> bool:
    return any(str(ext).split(".")[-1] == "abbr" for ext in config.markdown_extensions)


@event_priority(-50)  # after the hooks that generate Markdown (the glossary page among them)
def on_page_markdown(markdown, page, config, files):
    path, display = datafile.docs_file(config, "data/glossary.yml")
    try:  # the same (path, display) as glossary.py: one parse of the file per build
        terms = glossary.load_glossary_cached(path, display)
    except (glossary.GlossaryError, OSError):
        return markdown  # glossary.py has already stopped the build with the details
    lang = site.page_language(page, config)
    src = page.file.src_uri
    on_glossary = src in tooltips.GLOSSARY_PAGES
    titles = {} if on_glossary else {t.id: t.text(lang).short for t in terms.terms}
    # The glossary page spells out every expansion next to its abbreviation: no <abbr> there.
    abbreviations = terms.abbreviations(lang) if _abbr_enabled(config) and not on_glossary else {}

    unknown: list[str] = []
    result = tooltips.apply_tooltips(markdown, titles, abbreviations,
                                     lambda url: tooltips.term_target(url, src, on_glossary), unknown)
    if not on_glossary:  # same-page anchors on the glossary page are checked by MkDocs itself
        for term in dict.fromkeys(unknown):
            log.warning(f"Doc file '{src}' links to glossary term '{term}', which is not in docs/data/glossary.yml")
    return result


def on_page_content(html, page, config, files):
    return tooltips.unwrap_abbr_in_titled_links(html)
