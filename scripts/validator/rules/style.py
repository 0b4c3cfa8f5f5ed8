"""Style: house terms in every word form (S001)."""

from __future__ import annotations

from collections.abc import Iterator

from ..house_terms import VariantMatcher
from ..model import ERROR, Finding, Page, Site


def matcher(site: Site, lang: str) -> VariantMatcher | None:
    """The avoided-variant matcher of one language, built once per run."""
    terms = site.house_terms
    if terms is None or not terms.variants.get(lang):
        return None
    cache = site.cache.setdefault("house-terms", {})
    if lang not in cache:
        cache[lang] = VariantMatcher(terms.variants[lang], lang, site.cache["morphology"], terms.english)
    return cache[lang]


def page_terms(site: Site, page: Page) -> Iterator[Finding]:
    """S001: a variant the house terms avoid, in running text (code, URLs, link targets excluded)."""
    found = matcher(site, page.lang)
    if found is None:
        return
    for hit in found.find(page.data.text):
        v = hit.variant
        yield Finding(
            page.path, hit.line, hit.col, ERROR, "S001",
            f"«{hit.text}» is an avoided variant of the house term «{v.prefer}» ({v.why})",
            f"write «{v.prefer}» (docs/data/house-terms.yml, term '{v.term}')",
        )
