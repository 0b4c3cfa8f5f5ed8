"""The tools glossary: data schema, rendering in both languages, tooltips in the page's language.

* the real ``docs/data/glossary.yml`` validates, is large enough and covers the seeds' topics;
* every broken fixture in ``tests/fixtures/glossary/`` fails with ``file:LINE: term 'id': …``;
* a broken data file stops a real ``mkdocs build`` with that message and no traceback;
* the tooltip rewriting leaves code, existing titles and foreign links alone;
* in the built site every term has its anchor in both languages, in the same order, and every
  tooltip (link title, ``<abbr>`` title) is in the page's own language.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, built_page, copy_project, mkdocs_build

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
DATA = ROOT / "docs" / "data" / "glossary.yml"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


from handbook import glossary as schema  # noqa: E402
from handbook import templates, tooltips  # noqa: E402
from handbook.datafile import SchemaError


def render_glossary(glossary, lang: str) -> str:
    """The glossary page's generated Markdown, as overrides/hooks/glossary.py renders it."""
    return templates.render("glossary.html", markdown=True, **schema.page_view(glossary, lang))


@pytest.fixture(scope="module")
def glossary():
    return schema.load_glossary(DATA, "docs/data/glossary.yml")


# --------------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------------

#: Tools, channels, metrics and methods the seeds name; each must be a glossary record.
REQUIRED_IDS = """
    seo sem contextual-advertising targeted-advertising teaser-advertising display-advertising
    retargeting cpc cpa cpl ctr conversion lead lead-generation lead-management lead-conversion
    account-management smm smo serm pr content-marketing email-marketing trigger-mailing
    sms-mailing influencer-marketing end-to-end-analytics multichannel-analytics sampled-data
    call-tracking utm crm cms landing-page ab-testing usability-testing media-plan kpi roi
    marketing-mix customer-journey-map reach engagement average-order-value abandoned-cart churn
    repeat-purchase-period smart brief technical-specification case content-plan affiliate-program
    yandex-metrica mytarget web-analytics video-marketing data-driven-marketing
    omnichannel-marketing o2o-marketing predictive-marketing mobile-marketing banner-network
    web-directory search-engine
""".split()


def test_data_is_valid_and_covers_the_seeds(glossary):
    ids = [t.id for t in glossary.terms]
    assert not sorted(set(REQUIRED_IDS) - set(ids)), "missing terms"  # the seeds' terms, not a count
    assert {t.category for t in glossary.terms} == set(schema.CATEGORIES)


@pytest.mark.parametrize(
    ("term_id", "lang", "name"),
    [
        ("contextual-advertising", "ru", "контекст"),
        ("contextual-advertising", "ru", "PPC"),
        ("retargeting", "ru", "ремаркетинг"),
        ("retargeting", "en", "remarketing"),
        ("technical-specification", "ru", "ТЗ"),
        ("ctr", "en", "click-through rate"),
    ],
)
def test_aliases_point_to_one_term(glossary, term_id, lang, name):
    owners = [
        t.id
        for t in glossary.terms
        if schema.normalize_name(name) in {schema.normalize_name(n) for n in t.text(lang).names()}
    ]
    assert owners == [term_id]


def test_tooltips_are_plain_single_sentences(glossary):
    for term in glossary.terms:
        for lang in schema.LANGUAGES:
            short = term.text(lang).short
            assert len(short) <= schema.SHORT_MAX and '"' not in short and "\n" not in short, term.id
            if lang == "en":
                assert not CYRILLIC.search(short), f"{term.id}: Cyrillic in the English tooltip"


# --------------------------------------------------------------------------------------------
# Broken fixtures: one per rule, each names the term and the line
# --------------------------------------------------------------------------------------------

BROKEN = [
    ("missing_language.yml", 20, "cpc", "field 'en': required field is missing"),
    ("unknown_related.yml", 5, "ctr", "unknown term id 'cpc'"),
    ("duplicate_id.yml", 25, "lead", "duplicate id (first at line 3)"),
    ("duplicate_alias.yml", 23, "sem", "already used by term 'contextual-advertising'"),
    ("yaml_syntax.yml", 6, "ctr", "YAML syntax error"),
    ("duplicate_key.yml", 5, "lead", "duplicate key 'category' (first at line 4)"),
    ("missing_short.yml", 9, "reach", "field 'en.short': required field is missing"),
    ("markdown_in_short.yml", 9, "roi", "must be plain text"),
    ("abbr_without_expansion.yml", 11, "kpi", "'expansion' is required when 'abbr' is set"),
    ("unknown_anchor_in_full.yml", 13, "churn", "link to '#retention': no term has this id"),
]


@pytest.mark.parametrize(("fixture", "line", "term", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_fixture_names_term_and_line(fixture, line, term, message):
    display = f"tests/fixtures/glossary/{fixture}"
    with pytest.raises(SchemaError) as caught:
        schema.load_glossary(FIXTURES / fixture, display)
    text = str(caught.value)
    assert f"{display}:{line}: term '{term}':" in text
    assert message in text


def test_every_fixture_is_tested():
    assert sorted(p.name for p in FIXTURES.glob("*.yml")) == sorted(b[0] for b in BROKEN)


@pytest.mark.slow
def test_broken_data_stops_the_real_build(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(FIXTURES / "unknown_related.yml", project / "docs" / "data" / "glossary.yml")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/data/glossary.yml:5: term 'ctr': field 'related': unknown term id 'cpc'" in result.stderr
    assert "Traceback" not in output


# --------------------------------------------------------------------------------------------
# Tooltip rewriting (pure functions)
# --------------------------------------------------------------------------------------------

TITLES = {"ctr": "Clicks divided by impressions.", "seo": "Search optimisation."}
ABBRS = {"CTR": "click-through rate", "SEO": "search engine optimization"}


def _apply(markdown: str, src: str = "profession.en.md", unknown: list | None = None) -> str:
    on_glossary = src.startswith("glossary.")
    return tooltips.apply_tooltips(
        markdown, TITLES, ABBRS, lambda url: tooltips.term_target(url, src, on_glossary), unknown
    )


def test_link_to_term_gets_title():
    out = _apply("Watch [CTR](glossary.md#ctr) closely.")
    assert '[CTR](glossary.md#ctr "Clicks divided by impressions.")' in out


def test_relative_paths_and_reference_links_resolve():
    out = _apply("See [it](../glossary.md#seo).\n\n[ref]: ../glossary.md#ctr\n", src="sub/page.en.md")
    assert '(../glossary.md#seo "Search optimisation.")' in out
    assert '[ref]: ../glossary.md#ctr "Clicks divided by impressions."' in out


def test_existing_titles_code_and_other_links_are_left_alone():
    source = (
        '[CTR](glossary.md#ctr "mine") and [CTR](glossary.md#ctr){ title="x" } and '
        "[duties](job-instruction.md#duties) and `[CTR](glossary.md#ctr)`\n\n"
        "```md\n[CTR](glossary.md#ctr)\n```\n"
    )
    out = _apply(source)
    assert out.startswith(source.rstrip("\n"))  # only abbreviation definitions are appended


def test_same_page_anchors_count_only_on_the_glossary_page():
    assert '"Clicks divided by impressions."' in _apply("[CTR](#ctr)", src="glossary.en.md")
    assert _apply("[CTR](#ctr)", src="roles.en.md").startswith("[CTR](#ctr)\n")


def test_unknown_term_is_reported():
    unknown: list[str] = []
    _apply("[x](glossary.md#no-such-term)", unknown=unknown)
    assert unknown == ["no-such-term"]


def test_abbreviations_only_when_present_outside_code():
    out = _apply("SEO matters.\n\n```\nCTR\n```\n")
    assert "*[SEO]: search engine optimization" in out
    assert "*[CTR]:" not in out
    assert "*[CTR]:" not in _apply("`CTR` and CTRs")  # code and parts of words do not count


def test_page_defined_abbreviation_wins():
    out = _apply("SEO.\n\n*[SEO]: my own\n")
    assert out.count("*[SEO]:") == 1


def test_abbr_inside_titled_link_is_unwrapped():
    html = '<a href="#ctr" title="t"><abbr title="click-through rate">CTR</abbr></a> <abbr title="a">SEO</abbr>'
    assert tooltips.unwrap_abbr_in_titled_links(html) == '<a href="#ctr" title="t">CTR</a> <abbr title="a">SEO</abbr>'


def test_rendered_heading_ids_are_identical_in_both_languages(glossary):
    ids = {
        lang: re.findall(r"^#{2,3} .* \{ #([a-z0-9-]+) \}$", render_glossary(glossary, lang), re.M)
        for lang in schema.LANGUAGES
    }
    assert ids["ru"] == ids["en"]
    assert [i for i in ids["ru"] if i in glossary.by_id] == [t.id for c in schema.CATEGORIES for t in glossary.in_category(c)]


# --------------------------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------------------------


def _article(site: Path, page: str, lang: str):
    path = built_page(site, page, lang)
    return LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("article")


def _fragment(href: str) -> str | None:
    return href.split("#", 1)[1] if "#" in href else None


def test_every_term_has_an_anchor_in_both_languages(built_site, glossary):
    heading_ids = {}
    for lang in schema.LANGUAGES:
        article = _article(built_site, "glossary", lang)
        heading_ids[lang] = [h.attributes["id"] for h in article.css("h1[id], h2[id], h3[id]")]
        terms = [h.attributes["id"] for h in article.css("h3[id]")]
        assert sorted(terms) == sorted(t.id for t in glossary.terms), lang
    assert heading_ids["ru"] == heading_ids["en"]


def test_glossary_tooltips_are_in_the_page_language(built_site, glossary):
    for lang in schema.LANGUAGES:
        article = _article(built_site, "profession", lang)
        term_links = [a for a in article.css("a[href*='glossary/#']")
                      if _fragment(a.attributes["href"]) in glossary.by_id]
        assert term_links, f"no glossary links on the {lang} profession page"
        for a in term_links:
            term = glossary.by_id[_fragment(a.attributes["href"])]
            assert a.attributes.get("title") == term.text(lang).short, a.attributes["href"]
        expansions = set(glossary.abbreviations(lang).values())
        abbrs = article.css("abbr[title]")
        assert abbrs, f"no <abbr> on the {lang} profession page"
        for abbr in abbrs:
            assert abbr.attributes["title"] in expansions, abbr.text()
        assert not article.css("a[title] abbr"), "an <abbr> nested in a link with a tooltip"
        # The glossary page: in-page jumps to definitions and abbreviations whose expansion is
        # printed right there carry no tooltip (hundreds of them cost ~25 Lighthouse points).
        glossary_page = _article(built_site, "glossary", lang)
        in_page = [a for a in glossary_page.css("a[href^='#']:not(.headerlink)")
                   if _fragment(a.attributes["href"]) in glossary.by_id]
        assert len(in_page) > len(glossary.terms)  # index + related + links in definitions
        assert not [a for a in in_page if a.attributes.get("title")]
        assert not glossary_page.css("abbr")


def _pages(site: Path) -> list[tuple[str, Path]]:
    """``(language, path)`` of every built HTML page."""
    out = []
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).parts
        lang = rel[0] if rel[0] in schema.LANGUAGES[1:] else schema.DEFAULT_LANGUAGE
        out.append((lang, path))
    return out


def test_no_page_shows_a_tooltip_in_the_other_language(built_site, glossary):
    shorts = {lang: {t.text(lang).short for t in glossary.terms} for lang in schema.LANGUAGES}
    expansions = {lang: set(glossary.abbreviations(lang).values()) for lang in schema.LANGUAGES}
    for lang, path in _pages(built_site):
        other = "en" if lang == "ru" else "ru"
        article = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("article")
        if article is None:
            continue
        for node in article.css("a[title], abbr[title]"):
            title = node.attributes["title"]
            where = f"{path.relative_to(built_site)}: {node.text()!r}"
            assert title not in shorts[other] and title not in expansions[other], where
            if lang == "en" and (title in shorts["en"] or title in expansions["en"]):
                assert not CYRILLIC.search(title), where
        for a in article.css("a[href*='glossary/#']"):
            term = glossary.by_id.get(_fragment(a.attributes["href"]))
            title = a.attributes.get("title")
            if term is not None and title in shorts["ru"] | shorts["en"]:
                assert title == term.text(lang).short, f"{path.relative_to(built_site)}: {a.attributes['href']}"


def test_each_term_is_one_box_rendered_on_demand(built_site, glossary):
    """glossary.css gives each term box content-visibility: the page stays fast to load."""
    css = (ROOT / "docs" / "assets" / "stylesheets" / "glossary.css").read_text(encoding="utf-8")
    assert re.search(r"\.glossary-term \{\s*content-visibility: auto;", css)
    for lang in schema.LANGUAGES:
        boxes = _article(built_site, "glossary", lang).css("div.glossary-term")
        firsts = [box.css_first("h3[id]") for box in boxes]
        expected = [t.id for c in schema.CATEGORIES for t in glossary.in_category(c)]
        assert [h.attributes["id"] if h else None for h in firsts] == expected, lang
        assert all(len(box.css("h3")) == 1 for box in boxes), lang


def test_hidden_toc_is_not_shipped_but_terms_stay_searchable(built_site, glossary):
    """The glossary hides its TOC (front matter); the hidden_toc hook leaves it out of the HTML
    (it was ~600 elements and a forced layout per heading), after search has indexed the terms."""
    for lang in schema.LANGUAGES:
        path = built_page(built_site, "glossary", lang)
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        toc_links = [a.attributes.get("href") for a in tree.css("nav.md-nav--secondary a")]
        assert toc_links == [], (lang, toc_links[:5])
        assert tree.css_first("a.md-skip").attributes["href"] == "#glossary"
        index = json.loads((built_site / "search" / f"search_index.{lang}.json").read_text(encoding="utf-8"))
        prefix = "glossary/" if lang == "ru" else "en/glossary/"
        anchors = {d["location"].split("#", 1)[1] for d in index["docs"]
                   if d["location"].startswith(prefix + "#")}
        assert {t.id for t in glossary.terms} <= anchors, lang
    # A page that shows its TOC keeps it.
    roles = LexborHTMLParser(built_page(built_site, "roles", "ru").read_text(encoding="utf-8"))
    assert roles.css("nav.md-nav--secondary a")
