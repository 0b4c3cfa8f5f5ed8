"""A short notice on a translation that is behind its original, with a link to the original.

The translation's front matter records the original's section digests when it was last marked
current (``scripts/validate.py --mark-current``); if the original's digests differ now, the page
gets ``overrides/partials/translation-notice.html`` above its content. Decided at build time from
the sources alone (no JavaScript, no git). A page without a record gets nothing: the validator's
rule T005 reports it instead. The logic is in ``scripts/handbook/translation.py``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from handbook import site, templates, translation, ui

NOTICE = "translation-notice.html"


def behind(page, config) -> tuple[list[str], object | None]:
    """(sections of the original changed since the record, the original's File)."""
    default = site.languages(config).default
    locale = getattr(page.file, "locale", None)
    record = (page.meta.get("translation") or {}) if isinstance(page.meta.get("translation"), dict) else {}
    recorded = record.get("source_digest")
    original = getattr(page.file, "alternates", {}).get(default)
    if not locale or locale == default or not isinstance(recorded, dict) or original is None:
        return [], None
    text = Path(original.abs_src_path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    changed = translation.changed_sections({str(k): str(v) for k, v in recorded.items()}, translation.section_digests(text))
    return changed, original


def on_page_context(context, page, config, nav):
    changed, original = behind(page, config)
    if changed:
        notice = templates.render(NOTICE, config, t=ui.strings("translation-notice")[site.page_language(page, config)],
                                  href=get_relative_url(original.url, page.url), hreflang=site.languages(config).default)
        page.content = notice + page.content
    return context
