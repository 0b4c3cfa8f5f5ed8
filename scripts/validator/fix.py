"""Writing commands: ``--mark-current`` (translation digests) and ``--fix`` (mechanical findings).

Both rewrite sources in place, print one line per change, and are idempotent: a second run
changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from handbook import translation

from .config import read_text
from .model import InputError, Page, Site


def _pairs(site: Site) -> list[tuple[Page, Page]]:
    default = site.config.default_lang
    groups: dict[str, dict[str, Page]] = {}
    for page in site.pages:
        groups.setdefault(page.norm_uri, {}).setdefault(page.lang, page)
    return [
        (by_lang[default], page)
        for _norm, by_lang in sorted(groups.items()) if default in by_lang
        for lang, page in by_lang.items() if lang != default
    ]


def _abs(site: Site, page: Page) -> Path:
    return site.config.docs_dir / page.src_uri


def _selected(site: Site, page: Page, original: Page, wanted: Iterable[str]) -> bool:
    paths = {os.path.realpath(_abs(site, page)), os.path.realpath(_abs(site, original))}
    names = {page.path, page.src_uri, page.norm_uri, original.path, original.src_uri}
    return any(w in names or os.path.realpath(w) in paths for w in wanted)


def mark_current(site: Site, wanted: list[str], every: bool) -> list[str]:
    """Record the original's current digests in each chosen translation; return what changed."""
    pairs = [(o, p) for o, p in _pairs(site) if every or _selected(site, p, o, wanted)]
    if not pairs and not every:
        raise InputError(", ".join(wanted) or "--mark-current", 0, "no translated page matches (give a page path or --all)")
    changes = []
    for original, page in pairs:
        path = _abs(site, page)
        text = read_text(path, page.path)
        new = translation.stamp(text, original.data.sections)
        if new != text:
            path.write_text(new, encoding="utf-8")
            recorded = page.data.stamp[0]
            changed = translation.changed_sections(recorded, original.data.sections) if recorded is not None else []
            what = "recorded" if recorded is None else ("updated: " + ", ".join(changed) if changed else "record rewritten")
            changes.append(f"{page.path}: marked current with {original.path} ({what})")
    return changes
