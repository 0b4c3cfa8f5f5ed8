"""One 404 page per language: ``/404.html`` in Russian, ``/en/404.html`` in English.

mkdocs-static-i18n builds each language into the same ``site_dir`` and every build writes
``404.html`` at the root, so the last language wins. After each language's build we move a
non-default language's 404 into its own folder and put the default one back.
"""

from __future__ import annotations

from pathlib import Path

from handbook import site

_default_404: bytes | None = None


def on_post_build(config):
    global _default_404
    page = Path(config.site_dir) / "404.html"
    if not page.exists():
        return
    locale = site.build_language(config)
    if locale == site.languages(config).default:
        _default_404 = page.read_bytes()
        return
    target = Path(config.site_dir) / locale / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    if _default_404 is not None:
        page.write_bytes(_default_404)
