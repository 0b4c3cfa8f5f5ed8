"""Non-breaking spaces in every built page (numbers and units, digit groups, №/п./ст./т., the em
dash in Russian, initials): the rules live in ``scripts/handbook/typography.py``; this hook only
calls them on the finished HTML, so search, the docx export and the sources keep plain spaces.
"""

from __future__ import annotations

try:
    from handbook import typography
except ImportError:  # no `handbook` on the path, or another checkout's copy without this module
    import importlib.util
    from pathlib import Path as _Path

    _spec = importlib.util.spec_from_file_location(
        "handbook_typography", _Path(__file__).resolve().parents[2] / "scripts" / "handbook" / "typography.py"
    )
    typography = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(typography)


def on_post_page(output, page, config):
    lang = getattr(page.file, "locale", None) or config.theme.get("language") or "ru"
    return typography.apply(output, lang)
