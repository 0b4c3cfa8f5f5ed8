"""Data files: their schemas, and the published-links registry resolving in every language."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..model import ERROR, Finding, Site
from ..resolve import has_anchor, is_glossary_page
from ..site import resolve


def check_schemas(site: Site) -> Iterator[Finding]:
    for data in site.data_files:
        for line, message in data.schema_errors:
            yield Finding(data.path, line, 1, ERROR, "D001", message)


def check_published_links(site: Site) -> Iterator[Finding]:
    registry = site.published_links
    if registry is None:
        return
    config = site.config
    links = registry.data.get("links") if isinstance(registry.data, dict) else None
    if not isinstance(links, list):
        yield Finding(registry.path, 1, 1, ERROR, "D001", "expected a top-level 'links:' list")
        return
    for index, entry in enumerate(links):
        line = registry.lines.get(index, 1)
        if not isinstance(entry, dict) or not isinstance(entry.get("page"), str):
            yield Finding(registry.path, line, 1, ERROR, "D001", "entry needs 'page' (a docs-relative .md path)")
            continue
        anchor = entry.get("anchor")
        if anchor is not None and not isinstance(anchor, str):
            yield Finding(registry.path, line, 1, ERROR, "D001", "'anchor' must be a string or null")
            continue
        # A missing label is the registry's schema (handbook.links), reported by check_schemas.
        page = posixpath.normpath(entry["page"])
        shown = page + (f"#{anchor}" if anchor else "")
        via = ""
        if page in config.redirects:
            dest = config.redirects[page]
            via = f" (redirected to {dest})"
            page, _, dest_anchor = dest.partition("#")
            page = posixpath.normpath(page)
            anchor = anchor or dest_anchor or None
        for lang in config.languages:
            src = resolve(site, page, lang)
            target = site.by_src.get(src) if src else None
            if target is None or target.lang != lang and not config.fallback_to_default:
                yield Finding(registry.path, line, 1, ERROR, "D002", f"published link '{shown}'{via} has no {lang} page")
                continue
            if anchor and not has_anchor(site, src, anchor):
                where = "glossary term" if is_glossary_page(site, target) else "anchor"
                yield Finding(
                    registry.path, line, 1, ERROR, "D002",
                    f"published link '{shown}'{via}: the {lang} page {target.path} has no {where} '#{anchor}'",
                )
