"""Non-breaking spaces in every built page (numbers and units, digit groups, №/п./ст./т., the em
dash in Russian, initials): the rules live in ``scripts/handbook/typography.py``; this hook only
calls them on the finished HTML, so search, the docx export and the sources keep plain spaces.
"""

from __future__ import annotations

try:
    from handbook import typography
except ImportError:  # scripts/ is neither installed nor on PYTHONPATH: use this project's copy
    from project_scripts import load

    typography = load("handbook.typography")


def on_post_page(output, page, config):
    lang = getattr(page.file, "locale", None) or config.theme.get("language") or "ru"
    return typography.apply(output, lang)
