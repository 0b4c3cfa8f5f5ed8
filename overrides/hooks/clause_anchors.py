"""Give every job-instruction clause (``<div class="clause" id="p-2-5">``) a permalink.

Headings get Material's ``¶`` from the toc extension; clauses are divs, so they get the same
link here at build time (it works without JavaScript; copy-links.js adds copy-on-click).
"""

from __future__ import annotations

import re

CLAUSE = re.compile(
    r'(<div class="clause[^"]*" id="(?P<id>[a-z0-9-]+)">\s*<p>)(?P<body>.*?)(</p>)', re.S
)
TITLES = {"ru": "Ссылка на пункт", "en": "Link to clause"}


def on_page_content(html, page, config, files):
    if 'class="clause' not in html:
        return html
    title = TITLES.get(getattr(page.file, "locale", "ru"), TITLES["en"])

    def add_link(match: re.Match) -> str:
        anchor = match["id"]
        number = anchor.removeprefix("p-").replace("-", ".")  # p-2-5 -> 2.5, ext-3 -> ext.3
        link = (
            f'<a class="headerlink hb-clause-link" href="#{anchor}" '
            f'title="{title} {number}" aria-label="{title} {number}">¶</a>'
        )
        return f"{match[1]}{match['body']} {link}{match[4]}"

    return CLAUSE.sub(add_link, html)
