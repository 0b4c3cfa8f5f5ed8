"""Structural parity: every page has the same heading ids, in the same order, in RU and EN."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import DEFAULT_LANGUAGE, LANGUAGES, built_page, source_pages

HEADINGS = "article h1, article h2, article h3, article h4, article h5, article h6"


def heading_ids(path: Path) -> list[str]:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    return [h.attributes.get("id") or "" for h in tree.css(HEADINGS)]


def check_parity(site: Path, page: str) -> None:
    reference = heading_ids(built_page(site, page, DEFAULT_LANGUAGE))
    assert reference, f"{page}: no headings in the {DEFAULT_LANGUAGE} page"
    for locale in LANGUAGES:
        ids = heading_ids(built_page(site, page, locale))
        missing = [i for i in reference if i not in ids]
        extra = [i for i in ids if i not in reference]
        assert ids == reference, (
            f"{page}.{locale}: heading ids differ from {DEFAULT_LANGUAGE} "
            f"(missing {missing}, extra {extra}, or the order changed)"
        )


@pytest.mark.parametrize("page", source_pages())
def test_heading_ids_match_across_languages(built_site, page):
    check_parity(built_site, page)


@pytest.mark.slow
def test_parity_fails_when_a_language_loses_a_section(broken_site):
    with pytest.raises(AssertionError, match=r"roles\.en: heading ids differ .*missing \['comparison'\]"):
        check_parity(broken_site, "roles")
