"""Permalinks in the page's language: clause links for the job instruction, translated ``¶`` titles.

- Every job-instruction clause (``<div class="clause" id="p-2-5">``) gets a ``¶`` permalink at
  build time, like headings get from the toc extension (works without JavaScript;
  copy-links.js adds copy-on-click).
- The toc extension's heading permalinks carry one global title ("Permanent link", shown by
  Material as a tooltip); ``markdown_extensions`` cannot differ per language, so it is
  translated here.
"""

from __future__ import annotations

import re

from handbook import site
from mkdocs.exceptions import PluginError

CLAUSE = re.compile(
    r'(<div class="clause[^"]*" id="(?P<id>[a-z0-9-]+)">\s*<p>)(?P<body>.*?)(</p>)', re.S
)
HEADING_LINK = re.compile(r'class="headerlink" href="#([^"]+)" title="Permanent link"')
TITLES = {
    "ru": {"clause": "Ссылка на пункт", "heading": "Постоянная ссылка"},
    "en": {"clause": "Link to clause", "heading": "Permanent link"},
}


def on_page_content(html, page, config, files):
    lang = site.page_language(page, config)
    titles = TITLES.get(lang, TITLES["en"])
    html = HEADING_LINK.sub(
        lambda m: f'class="headerlink" href="#{m[1]}" title="{titles["heading"]}"', html
    )
    if 'class="clause' not in html:
        return html

    def add_link(match: re.Match) -> str:
        anchor = match["id"]
        try:
            number = site.clause_number(anchor, lang)  # p-2-5 -> 2.5, ext-3 -> Д.3 / E.3
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: clause {exc}") from None
        label = f'{titles["clause"]} {number}'
        link = (
            f'<a class="headerlink hb-clause-link" href="#{anchor}" '
            f'title="{label}" aria-label="{label}">¶</a>'
        )
        return f"{match[1]}{match['body']} {link}{match[4]}"

    return CLAUSE.sub(add_link, html)
