"""Translations: counterparts, heading ids shared by the languages, and the nav."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from ..model import ERROR, WARNING, Finding, Page, Site
from ..site import resolve, split_locale

URL_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|/|#)")


def check_translations(site: Site) -> Iterator[Finding]:
    config = site.config
    if not config.i18n or len(config.languages) < 2:
        return
    severity = WARNING if config.fallback_to_default else ERROR
    for norm, by_lang in site.translations().items():
        anchor_page = by_lang.get(config.default_lang) or next(iter(by_lang.values()))
        for lang in config.languages:
            if lang not in by_lang:
                stem, ext = posixpath.splitext(norm)
                missing = config.shown(f"{stem}.{lang}{ext}")
                served = " (the default language is served in its place)" if config.fallback_to_default else ""
                yield Finding(anchor_page.path, 1, 1, severity, "T001", f"no {lang} translation: {missing} is missing{served}")
    for original, page in site.pairs():
        yield from _compare_headings(original, page)


def _compare_headings(original: Page, page: Page) -> Iterator[Finding]:
    want = [h.id for h in original.data.headings]
    have = [h.id for h in page.data.headings]
    if want == have:
        return
    want_set, have_set = set(want), set(have)
    line_of = {h.id: h.line for h in original.data.headings}
    for heading in page.data.headings:
        if heading.id not in want_set:
            how = "" if heading.explicit else " (generated from the text: give it the original's { #id })"
            yield Finding(
                page.path, heading.line, heading.col, ERROR, "T002",
                f"heading id '{heading.id}' is not in {original.path}{how}",
            )
    missing = [i for i in want if i not in have_set]
    if missing:
        first_line = page.data.headings[0].line if page.data.headings else 1
        listed = ", ".join(f"'{i}' (line {line_of[i]})" for i in missing[:5]) + (" …" if len(missing) > 5 else "")
        yield Finding(page.path, first_line, 1, ERROR, "T002", f"heading ids of {original.path} missing here: {listed}")
    if want_set == have_set:
        for position, (a, b) in enumerate(zip(want, have)):
            if a != b:
                heading = page.data.headings[position]
                yield Finding(
                    page.path, heading.line, heading.col, ERROR, "T002",
                    f"headings are in a different order than in {original.path}: "
                    f"'{b}' here where it has '{a}' (line {line_of[a]})",
                )
                break


def check_nav(site: Site) -> Iterator[Finding]:
    config = site.config
    if config.nav is None:
        return
    in_nav: set[str] = set()
    for entry in config.nav:
        if URL_RE.match(entry.target) or not entry.target.strip():
            continue
        target = posixpath.normpath(entry.target)
        langs = [entry.lang] if entry.lang else config.languages
        found = [src for lang in langs if (src := resolve(site, target, lang))]
        if not found:
            yield Finding(
                config.config_display, entry.line, 1, ERROR, "T004",
                f"nav entry '{entry.target}' points to no page",
            )
        for src in found:
            in_nav.add(split_locale(src, config)[2])
    for norm, by_lang in site.translations().items():
        if norm in in_nav:
            continue
        page = by_lang.get(config.default_lang) or next(iter(by_lang.values()))
        if config.not_in_nav is not None and config.not_in_nav.match_file(page.src_uri):
            continue
        yield Finding(page.path, 1, 1, WARNING, "T003", f"page '{norm}' is not in the nav", "add it to nav in mkdocs.yml, or list it under not_in_nav")


def check_redirects(site: Site) -> Iterator[Finding]:
    config = site.config
    for source, dest in sorted(config.redirects.items()):
        if URL_RE.match(dest):
            continue
        path = posixpath.normpath(dest.split("#", 1)[0])
        if not any(resolve(site, path, lang) for lang in config.languages):
            yield Finding(
                config.config_display, config.redirect_lines.get(source, 1), 1, ERROR, "T004",
                f"redirect '{source}' -> '{dest}' points to no page",
            )


def check_stale(site: Site) -> Iterator[Finding]:
    """T005: the original changed after the translation was last marked current.

    Only when the site records translation digests at all (any page has ``translation:`` in its
    front matter): then a translation without a record is reported too.
    """
    from handbook.translation import changed_sections

    pairs = site.pairs()
    if not any(page.data.stamp[0] is not None for _original, page in pairs):
        return
    for original, page in pairs:
        recorded, line = page.data.stamp
        if recorded is None:
            yield Finding(
                page.path, line or 1, 1, WARNING, "T005",
                f"no record of which text of {original.path} this translation follows",
                f"scripts/validate.py --mark-current {page.path}",
            )
            continue
        changed = changed_sections(recorded, original.data.sections)
        if changed:
            listed = ", ".join(f"'{k}'" for k in changed[:8]) + (" …" if len(changed) > 8 else "")
            yield Finding(
                page.path, line, 1, WARNING, "T005",
                f"behind {original.path}: the original changed in {listed} since this translation was marked current",
                f"update the translation, then scripts/validate.py --mark-current {page.path}",
            )
