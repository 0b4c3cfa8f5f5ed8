"""The sources registry (docs/data/sources.yml): its model, its broken inputs, and how pages and the
salary tables cite it in the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page
from handbook import sources as model
from handbook.datafile import SchemaError

DATA = ROOT / "docs/data/sources.yml"
PAGES = ("index", "profession", "glossary", "digital-director", "career", "interview", "competencies",
         "roles", "onboarding", "hiring", "job-instruction")


@pytest.fixture(scope="module")
def registry() -> model.Registry:
    return model.load_sources(DATA, "docs/data/sources.yml")


def test_every_record_says_when_and_where_or_why_not(registry):
    assert len(registry.sources) >= 8
    for src in registry.sources:
        assert src.date or src.date_note, src.id
        assert src.url or src.no_url, src.id
        assert src.short.ru and src.short.en and src.used_for.ru and src.used_for.en, src.id
    # Every stored seed text has its record; the Kommersant story is cited as itself, read via the repost.
    assert {s.seed[:3] for s in registry.sources if s.seed} == {"000", "001", "002", "003", "004"}
    kommersant = registry.get("kommersant-2023-marketing-jobs")
    assert kommersant.url is None and registry.get(kommersant.via).url.host == "adindex.mirtesen.ru"


def write(tmp_path: Path, old: str, new: str) -> Path:
    text = DATA.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor text moved: {old!r}"
    path = tmp_path / "sources.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "line_starts", "message"), [
    ("  - id: profession-article-2019\n", "  - id: jd-template-ru\n", "- id:", "duplicate id"),
    ("    no_url:\n      ru: \"справочник работал с сохранённой копией статьи; её адрес не записан\"\n"
     "      en: \"the handbook worked from a stored copy of the article; its address was not recorded\"\n"
     "    short:\n      ru: \"статья «Интернет",
     "    short:\n      ru: \"статья «Интернет", "- id:", "required when url is null"),  # a missing key: the record's line
    ("    via: adindex-repost-2023\n", "    via: somewhere-else\n", "via:", "unknown source 'somewhere-else'"),
    ("    date: \"2019-03-26\"\n", "    date: \"2019-13-26\"\n", "date:", "not a real date"),
    ("    language: ru\n", "    language: ru\n    language: en\n", "language:", "duplicate key 'language'"),
    ("    used_for:\n", "    used-for:\n", "used-for:", "unknown field"),
])
def test_a_broken_record_is_one_line_with_file_and_line(tmp_path, old, new, line_starts, message):
    path = write(tmp_path, old, new)
    with pytest.raises(SchemaError) as caught:
        model.load_sources(path, "sources.yml")
    hit = next((f for f in caught.value.findings if message in f.message), None)
    assert hit is not None, f"no finding with {message!r} in:\n{caught.value}"
    assert str(hit).startswith(f"sources.yml:{hit.line}:")
    shown = path.read_text(encoding="utf-8").splitlines()[hit.line - 1].strip()
    assert shown.startswith(line_starts), f"line {hit.line} is {shown!r}"


def test_seed_codes_are_found_but_not_numbers():
    found = lambda text: [m.group() for m in model.SEED_CODE_RE.finditer(text)]  # noqa: E731
    assert found("статьи 001 и 004, «002», 003_0b938702c1d2bd68") == ["001", "004", "002", "003_0b938702c1d2bd68"]
    assert found("1.001, 2,004, v001, 001-2, 001/2, 0.004 %") == []


# ---- the built site ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_lists_every_record_and_explains_the_synthesis_once(built_site, registry, lang):
    tree = LexborHTMLParser(built_page(built_site, "index", lang).read_text(encoding="utf-8"))
    for src in registry.sources:
        item = tree.css_first(f"li#{src.anchor()}")
        assert item is not None, f"{lang}: {src.id} is not listed"
        if src.url:
            assert item.css_first(f'a[href="{src.url}"]') is not None
        else:
            assert src.no_url.get(lang) in item.text()
    notice = {"ru": "Это сводка справочника, а не данные источника", "en": "That is the handbook's synthesis, not a source's data"}
    pages = [LexborHTMLParser(built_page(built_site, p, lang).read_text(encoding="utf-8")) for p in PAGES]
    counts = [re.sub(r"\s+", " ", p.css_first("article").text().replace("\u2019", "'")).count(notice[lang]) for p in pages]
    assert sum(counts) == 1 and counts[0] == 1, f"{lang}: the notice appears {counts}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_cite_records_and_label_the_synthesis_with_working_links(built_site, registry, lang):
    home = LexborHTMLParser(built_page(built_site, "index", lang).read_text(encoding="utf-8"))
    anchors = {n.attributes["id"] for n in home.css("[id]")}
    cited = labelled = 0
    for name in PAGES:
        tree = LexborHTMLParser(built_page(built_site, name, lang).read_text(encoding="utf-8"))
        text = tree.css_first("article").text()
        assert not re.search(r"(?<![\d\s.,])\b00[0-4]\b(?![.,]\d)", text), f"{lang}/{name} shows a seed code"
        for link in tree.css("a.hb-cite, a.hb-synthesis"):
            href = link.attributes["href"]
            assert href.split("#")[1] in anchors, f"{lang}/{name}: {href} has no target"
            cited += "hb-cite" in link.attributes["class"]
            labelled += "hb-synthesis" in link.attributes["class"]
    # Every marker written in the pages' sources gives its link (data files add more citations).
    sources = [(ROOT / "docs" / f"{name}.{lang}.md").read_text(encoding="utf-8") for name in PAGES]
    assert labelled == sum(s.count("<!-- md:synthesis") for s in sources), labelled
    assert cited >= sum(s.count("<!-- md:cite") for s in sources) > 0, cited
