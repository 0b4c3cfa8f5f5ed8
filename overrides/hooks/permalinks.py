"""Heading permalinks in the page's language: translated ``¶`` titles.

The toc extension's heading permalinks carry one global title ("Permanent link", shown by
Material as a tooltip); ``markdown_extensions`` cannot differ per language, so it is translated
here. (The job description's clause permalinks are written with the clauses, from
``docs/data/job-description.yml``: ``overrides/partials/job-description/clauses.html``.)
"""

from __future__ import annotations

import re

from handbook import site, ui

HEADING_LINK = re.compile(r'class="headerlink" href="#([^"]+)" title="Permanent link"')


def on_page_content(html, page, config, files):
    title = ui.strings("page")[site.page_language(page, config)]["permalink"]  # docs/data/ui.yml
    return HEADING_LINK.sub(lambda m: f'class="headerlink" href="#{m[1]}" title="{title}"', html)
