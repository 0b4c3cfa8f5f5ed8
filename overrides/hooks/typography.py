"""Non-breaking spaces in every built page (numbers and units, digit groups, №/п./ст./т., the em
dash in Russian, initials): the rules live in ``scripts/handbook/typography.py``; this hook only
calls them on the finished HTML, so search, the docx export and the sources keep plain spaces.
"""

from __future__ import annotations

from handbook import site, typography


def on_post_page(output, page, config):
    lang = site.page_language(page, config)
    return typography.apply(output, lang)
