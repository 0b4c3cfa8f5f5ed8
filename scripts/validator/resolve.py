"""Where a link points, decided the way MkDocs + mkdocs-static-i18n decide it."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from .model import Link, Page, Site
from .site import normalise_target, resolve

SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Target(NamedTuple):
    kind: str  # self | page | file | external | own-site | absolute | empty | no-ref | shortcut
    url: str = ""
    path: str = ""  # docs-relative path the link names (normalised)
    src: str | None = None  # the file it resolves to in the page's language; None when missing
    anchor: str = ""


def _own_site(url: str, site_url: str | None) -> bool:
    if not site_url:
        return False
    a, b = urlsplit(url), urlsplit(site_url)
    if a.netloc.lower() != b.netloc.lower() or not a.netloc:
        return False
    return (a.path or "/").startswith(b.path.rstrip("/") + "/") or a.path.rstrip("/") == b.path.rstrip("/")


def target(site: Site, page: Page, link: Link) -> Target:
    url = link.url
    if url is None:
        ref = page.data.refdefs.get(link.ref or "")
        if ref is None:
            return Target("shortcut" if link.shortcut else "no-ref")
        url = ref.url
    url = url.strip()
    if not url:
        return Target("empty", url)
    if url.startswith("#"):
        return Target("self", url, page.src_uri, page.src_uri, url[1:]) if len(url) > 1 else Target("empty", url)
    # Anything else depends only on the url, the page's folder and its language: decided once.
    return site.memo("target", (url, page.src_uri.rpartition("/")[0], page.lang), lambda: _target(site, page, url))


def _target(site: Site, page: Page, url: str) -> Target:
    if ":" in url or url.startswith(("//", "\\\\")):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("//") or SCHEME_RE.match(url):
            kind = "own-site" if parts.scheme in ("http", "https") and _own_site(url, site.config.site_url) else "external"
            return Target(kind, url)
        path, fragment = parts.path, parts.fragment
    else:
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
    if "%" in path:
        path = unquote(path)
    if url.startswith(("/", "\\")):
        if not site.config.absolute_links_relative_to_docs:
            return Target("absolute", url)
        base = ""
        path = path.lstrip("/\\")
    else:
        base = page.src_uri
    if not path:
        return Target("empty", url)
    docs_path = site.memo("normalise", (base.rpartition("/")[0], path), lambda: normalise_target(base, path))
    kind = "page" if docs_path.endswith(".md") else "file"
    src = None if docs_path == ".." or docs_path.startswith("../") else resolve(site, docs_path, page.lang)
    return Target(kind, url, docs_path, src, fragment)


def targets(site: Site, page: Page) -> list[tuple[Link, Target]]:
    """Every link of a page with its target; computed once per page."""
    return site.memo("targets", page.src_uri, lambda: [(link, target(site, page, link)) for link in page.data.links])


def anchors_of(site: Site, src: str) -> set[str]:
    """Every id a page will have, including the term anchors a hook renders on the glossary page."""
    return site.memo("anchors", src, lambda: _anchors(site, site.by_src.get(src)))


def _anchors(site: Site, page: Page | None) -> set[str]:
    found = page.anchor_ids() if page else set()
    if page is not None and is_glossary_page(site, page):
        found |= {t.id for t in site.glossary.terms}
    return found


def is_glossary_page(site: Site, page: Page) -> bool:
    return site.glossary is not None and page.norm_uri == site.glossary.page


def has_anchor(site: Site, src: str, anchor: str) -> bool:
    ids = anchors_of(site, src)
    return anchor in ids or ("%" in anchor and unquote(anchor) in ids)
