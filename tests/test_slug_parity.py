"""Slug parity: the ids scripts/validate.py computes from the sources are the ids MkDocs builds.

This is what makes source-level checking trustworthy: for every page of the real site, the
heading ids the validator derives (explicit ``{ #id }``, or the toc slugify of the heading text,
de-duplicated the same way) are the built page's heading ids, in order, and every other id it
knows (attribute lists, HTML ``id=``, footnotes, ids hooks write at markers) is in the HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent

from validator.config import load_config  # noqa: E402
from validator.site import load_site  # noqa: E402

HEADINGS = "h1, h2, h3, h4, h5, h6"


@pytest.fixture(scope="module")
def model():
    config = load_config(ROOT)
    return config, load_site(config)


def built_html(site: Path, norm_uri: str, lang: str, default: str) -> Path:
    stem = norm_uri.removesuffix(".md")
    prefix = site if lang == default else site / lang
    if stem == "index":
        return prefix / "index.html"
    return prefix / stem.removesuffix("/index") / "index.html"


def test_ids_match_the_built_site(built_site: Path, model) -> None:
    config, site = model
    assert site.pages, "no pages found"
    problems = []
    for page in site.pages:
        path = built_html(built_site, page.norm_uri, page.lang, config.default_lang)
        assert path.is_file(), f"{page.path}: no built page at {path}"
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        content = tree.css_first("article") or tree.body
        built_headings = [h.attributes.get("id") for h in content.css(HEADINGS)]
        built_ids = {n.attributes.get("id") for n in content.css("[id]")}
        # Headings a hook renders at a marker in an order the validator does not model (the
        # glossary's category sections) are generated anchors: compare the rest in order.
        generated = {a.id for a in page.data.anchors if a.kind == "generated"}
        model_headings = [h.id for h in page.data.headings]
        if [i for i in built_headings if i not in generated or i in model_headings] != model_headings:
            problems.append(f"{page.path}: headings {model_headings} != built {built_headings}")
        missing = sorted(page.anchor_ids() - built_ids)
        if missing:
            problems.append(f"{page.path}: ids the validator knows but the page lacks: {missing}")
    assert not problems, "\n".join(problems)
