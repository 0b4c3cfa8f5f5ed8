"""Links, images, anchors and ids."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..model import ERROR, WARNING, Finding, Link, Page, Site
from ..resolve import Target, anchors_of, has_anchor, is_glossary_page, targets
from ..site import split_locale, with_locale


def _close(word: str, options: set[str] | list[str]) -> str:
    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return match[0] if match else ""


def _rel(page: Page, docs_path: str) -> str:
    return posixpath.relpath(docs_path, posixpath.dirname(page.src_uri) or ".")


def _pages_by_norm(site: Site) -> dict[str, list[Page]]:
    found: dict[str, list[Page]] = {}
    for p in site.pages:
        found.setdefault(p.norm_uri, []).append(p)
    return found


def page_links(site: Site, page: Page) -> Iterator[Finding]:
    """Every link and image of one page: target, anchor, language, reference."""
    for link, t in targets(site, page):
        kind = t.kind
        if kind == "page" and t.src is not None and "." not in t.path[:-3].rpartition("/")[2]:
            # The common case, a resolved link without a language suffix: only its anchor to check.
            if not t.anchor or has_anchor(site, t.src, t.anchor):
                continue
        elif kind in ("external", "absolute", "empty", "shortcut") or (kind == "file" and t.src is not None):
            continue
        elif kind == "self" and has_anchor(site, page.src_uri, t.anchor):
            continue
        yield from _check(site, page, link, t, site.memo("pages-by-norm", None, lambda: _pages_by_norm(site)))


def _check(site: Site, page: Page, link: Link, t: Target, pages_norm: dict[str, list[Page]]) -> Iterator[Finding]:
    config = site.config
    what = "image" if link.image else "link"

    def finding(code: str, message: str, hint: str = "", severity: str = ERROR) -> Finding:
        return Finding(page.path, link.line, link.col, severity, code, message, hint)

    if t.kind == "no-ref":
        yield finding("L004", f"reference [{link.ref}] has no definition on this page")
    elif t.kind == "own-site":
        yield finding(
            "L006",
            f"absolute {what} to this site's own URL '{t.url}'",
            "link the source file relatively (page.md#anchor) so it is checked and works on every host",
            WARNING,
        )
    elif t.kind == "self":
        if not has_anchor(site, page.src_uri, t.anchor):
            near = _close(t.anchor, anchors_of(site, page.src_uri))
            yield finding("L002", f"no anchor '#{t.anchor}' on this page", f"did you mean '#{near}'?" if near else "")
    elif t.kind == "page":
        yield from _page_link(site, page, t, finding, pages_norm)
    elif t.kind == "file":
        if t.path == ".." or t.path.startswith("../"):
            yield finding("L005", f"{what} target '{t.url}' points outside docs_dir")
        elif PurePosixPath(t.path).suffix:
            if t.path in site.excluded:
                yield finding("L005", f"{what} target '{t.path}' is excluded from the site by exclude_docs")
            elif t.path in site.assets or any(with_locale(t.path, lang) in site.assets for lang in config.languages):
                yield finding(
                    "L005",
                    f"{what} target '{t.path}' is not in the {page.lang} build",
                    f"unsuffixed files belong to the default language and fallback_to_default is off; "
                    f"add {with_locale(t.path, page.lang)}",
                )
            else:
                yield finding(
                    "L005", f"{what} target '{t.path}' not found",
                    "if a build hook writes it, list it under extra: validate: generated: in mkdocs.yml",
                )
        else:
            guess = next((g for g in (t.path + ".md", posixpath.join(t.path, "index.md")) if g in pages_norm), None)
            if guess:
                yield finding(
                    "L009",
                    f"link '{t.url}' names a URL, not a source file",
                    f"write '{_rel(page, guess)}' so MkDocs checks and rewrites it",
                    WARNING,
                )


def _page_link(site, page, t, finding, pages_norm) -> Iterator[Finding]:
    config = site.config
    lang, localized, norm = split_locale(t.path, config)
    if localized and lang != page.lang and config.i18n:
        yield finding(
            "L003",
            f"link into the {lang} page '{t.path}' from a {page.lang} page",
            f"write '{_rel(page, norm)}': the i18n plugin picks the page's own language",
        )
        return
    if t.path == ".." or t.path.startswith("../"):
        yield finding("L001", f"link target '{t.url}' points outside docs_dir")
        return
    if t.src is None:
        if t.path in site.excluded or with_locale(t.path, page.lang) in site.excluded:
            yield finding("L001", f"link target '{t.path}' is excluded from the site by exclude_docs")
            return
        exists_elsewhere = pages_norm.get(norm)
        if exists_elsewhere:
            others = ", ".join(p.src_uri for p in exists_elsewhere)
            yield finding("L001", f"link target '{t.path}' has no {page.lang} version ({others} only)")
        else:
            near = _close(t.path, pages_norm)
            yield finding(
                "L001", f"link target '{t.path}' does not exist", f"did you mean '{_rel(page, near)}'?" if near else ""
            )
        return
    if localized and lang == page.lang and config.i18n:
        yield finding(
            "L008",
            f"link names the language file '{t.path}'",
            f"write '{_rel(page, norm)}': it resolves to the same language and survives translation",
            WARNING,
        )
    if t.anchor and not has_anchor(site, t.src, t.anchor):
        target_page = site.by_src.get(t.src)
        if target_page is not None and is_glossary_page(site, target_page):
            near = _close(t.anchor, {term.id for term in site.glossary.terms})
            yield finding(
                "G003",
                f"no glossary term '{t.anchor}' ({site.glossary.path} has no such id)",
                f"did you mean '#{near}'?" if near else "",
            )
        else:
            near = _close(t.anchor, anchors_of(site, t.src))
            yield finding(
                "L002",
                f"{target_page.path if target_page else t.src} has no anchor '#{t.anchor}'",
                f"did you mean '#{near}'?" if near else "",
            )


def page_ids(site: Site, page: Page) -> Iterator[Finding]:
    """The same id twice on one page."""
    first: dict[str, int] = {}
    for anchor in page.data.anchors:
        if anchor.id in first:
            yield Finding(
                page.path, anchor.line, anchor.col, ERROR, "L007",
                f"duplicate id '{anchor.id}' (first at line {first[anchor.id]}); links to it reach only the first",
            )
        else:
            first[anchor.id] = anchor.line
