"""Search: every word form, each language's own results (README "Search").

* The query table (tests/search_queries.yml) in a real browser: every query on a Russian and on an
  English page, expected result in the first results, nothing in the other language.
* Material's own search UI still works: result count, highlighted snippets, keyboard navigation,
  highlighting on the target page, suggestions that are words.
* The build side (overrides/hooks/search_index.py): one index per language, every page starts the
  wrapping worker, clauses are their own entries.
* Each check is shown to fail: broken tables, fabricated results, and Material's stock search,
  which fails the table (the slow test builds it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page, mkdocs_build, source_pages

from tools import search_report as sr  # noqa: E402
from handbook import search as index_build  # the build side: clause entries, per-language indexes
from handbook import job_description, site
from tools.shared import SiteServer

FIXTURES = ROOT / "tests" / "fixtures" / "search"
WORKER = "search-i18n.js"




def read_index(site: Path, name: str) -> dict:
    return json.loads((site / "search" / name).read_text(encoding="utf-8"))


def query(text: str, expect: str, lang: str = "ru", top: int = 3) -> sr.Query:
    return sr.Query(line=1, lang=lang, kind="form", text=text, expect=expect, top=top)


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------

def test_table_covers_both_languages_and_every_kind():
    queries = sr.load_table()
    assert len(queries) >= 25
    for lang in LANGUAGES:
        kinds = {q.kind for q in queries if q.lang == lang}
        assert kinds == set(sr.KINDS), f"{lang}: no queries of kind {set(sr.KINDS) - kinds}"


def test_broken_table_names_file_and_line_of_each_problem():
    with pytest.raises(sr.TableError) as error:
        sr.load_table(FIXTURES / "bad-table.yml")
    lines = str(error.value).splitlines()
    where = "tests/fixtures/search/bad-table.yml"
    expected = {
        4: "already on line 3", 5: "field 'lang': 'de'", 6: "field 'kind': 'slang'",
        7: "field 'expect': '/en/glossary/#ctr'", 8: "field 'expect': required field is missing",
        9: "field 'top': input should be greater than or equal to 1", 10: "field 'rank': unknown field",
        11: "must be a mapping",
    }
    for line, text in expected.items():
        assert any(m.startswith(f"{where}:{line}: ") and text in m for m in lines), (line, lines)
    assert len(lines) == len(expected), lines
    assert "Traceback" not in str(error.value)


def test_table_that_is_not_yaml_names_the_line():
    with pytest.raises(sr.TableError, match=r"^tests/fixtures/search/not-yaml\.yml:4: YAML syntax error"):
        sr.load_table(FIXTURES / "not-yaml.yml")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_expected_location_exists(built_site, lang):
    docs = read_index(built_site, f"search_index.{lang}.json")["docs"]
    locations = {doc["location"] for doc in docs}
    missing = [f"{sr.display_path(sr.TABLE)}:{q.line}: {q.location} is not in the {lang} search index"
               for q in sr.load_table() if q.lang == lang and q.location not in locations]
    assert not missing, "\n".join(missing)


# --------------------------------------------------------------------------------------------
# The checks, on fabricated results (each must fail on a broken one)
# --------------------------------------------------------------------------------------------

RESULTS = [
    ["glossary/", "glossary/#smm", "glossary/#smo"],
    ["roles/", "roles/#smm-manager"],
    ["profession/", "profession/#smm"],
    ["career/"],
]


def test_check_passes_expected_page_or_section_in_the_top():
    assert sr.check(query("SMM", "glossary/#smm", top=1), "ru", RESULTS) == []
    assert sr.check(query("SMM", "profession/"), "ru", RESULTS) == []
    assert sr.check(query("SMM", "profession/#smm"), "ru", RESULTS) == []


def test_check_fails_when_expected_result_is_lower_or_absent():
    assert sr.check(query("SMM", "career/"), "ru", RESULTS)  # 4th, top 3
    assert sr.check(query("SMM", "roles/", top=1), "ru", RESULTS)  # 2nd, top 1
    assert sr.check(query("SMM", "roles/#smm-specialist"), "ru", RESULTS)  # page there, section not
    assert sr.check(query("SMM", "glossary/"), "ru", [])


def test_check_fails_on_a_result_in_the_other_language():
    leaked = [RESULTS[0], ["en/glossary/", "en/glossary/#smm"]]
    problems = sr.check(query("SMM", "glossary/"), "ru", leaked)
    assert len(problems) == 1 and "another language" in problems[0]
    # A Russian query on the English page is only checked for the language of its results
    assert sr.check(query("SMM", "glossary/"), "en", [["en/glossary/"]]) == []
    assert sr.check(query("SMM", "glossary/"), "en", [["glossary/"]])
    assert sr.check(query("SMM", "glossary/", lang="en"), "en", [["en/glossary/"]]) == []


# --------------------------------------------------------------------------------------------
# Build side: overrides/hooks/search_index.py
# --------------------------------------------------------------------------------------------

def test_clauses_become_entries_from_the_model():
    """Every clause of handbook.job_description is an entry titled by its number, its text as
    Material's index keeps it (paragraphs, list items, inline markup reduced to text)."""
    from handbook import job_description

    model = job_description.load()
    entries = index_build.clause_entries(model, "en/job-instruction/", "en")
    assert [e["location"] for e in entries] == [f"en/job-instruction/#{cid}" for cid in model.ids()]
    assert entries[model.ids().index("ext-3")]["title"] == "E.3"
    assert entries[0]["text"] == "<p>The internet marketer's post is in the specialist category: a professional post that does not head a unit.</p>"
    knows = entries[model.ids().index("p-1-6")]["text"]
    assert knows.startswith("<p>The internet marketer must know:</p> <ul> <li>the organisation")
    assert "<li>how search engines, banner networks and web directories work;</li>" in knows and knows.endswith("</li> </ul>")
    assert all(e["boost"] == index_build.CLAUSE_BOOST for e in entries)
    assert index_build.clause_text("A & <b>B</b> [c](x.md)") == "<p>A &amp; B c</p>"


def test_clause_divs_are_left_out_of_their_section(built_site):
    """The clause template marks each div data-search-exclude; Material drops the attribute from
    the page, and the section entry does not repeat the clauses' words."""
    index = read_index(built_site, "search_index.en.json")
    duties = next(d for d in index["docs"] if d["location"] == "en/job-instruction/#duties")
    assert "Organises the implementation" not in duties["text"]
    assert any(d["location"] == "en/job-instruction/#p-2-2" and "Organises the implementation" in d["text"]
               for d in index["docs"])
    assert "data-search-exclude" not in built_page(built_site, "job-instruction", "en").read_text(encoding="utf-8")


def test_pages_start_the_wrapping_worker():
    app = {"base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js", "x": "<b>"}
    html = f'<p>a</p><script id="__config" type="application/json">{json.dumps(app)}</script>'
    out = index_build.point_worker(html, "en")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', out)[1])
    assert config["search"] == ("../assets/javascripts/workers/search-i18n.js?lang=en&"
                                "worker=search.a7633da7.min.js&index=../../../search/search_index.en.json")
    assert config["x"] == "<b>" and "<b>" not in out  # still safe inside <script>
    assert index_build.point_worker(out, "en") == out
    assert index_build.point_worker("<p>no search here</p>", "en") == "<p>no search here</p>"


def test_index_is_split_by_language_with_clauses_and_boosts():
    merged = {"config": {"lang": ["ru", "en"]}, "docs": [
        {"location": "", "title": "Главная", "text": "<p>a ¶</p>"},
        {"location": "glossary/", "title": "Глоссарий", "text": ""},
        {"location": "glossary/#ctr", "title": "CTR", "text": "", "boost": 5},
        {"location": "job-instruction/", "title": "Инструкция", "text": ""},
        {"location": "job-instruction/#duties", "title": "Обязанности", "text": ""},
        {"location": "en/", "title": "Home", "text": ""},
        {"location": "en/job-instruction/", "title": "Job description", "text": ""},
    ]}
    clauses = {"job-instruction/": [{"location": "job-instruction/#p-2-5", "title": "2.5", "text": ""}],
               "gone/": [{"location": "gone/#p-1-1", "title": "1.1", "text": ""}]}
    split = index_build.split_index(merged, site.Languages(("ru", "en"), "ru"), clauses)
    ru, en = ([d["location"] for d in split[lang]["docs"]] for lang in ("ru", "en"))
    assert ru == ["", "glossary/", "glossary/#ctr", "job-instruction/", "job-instruction/#duties",
                  "job-instruction/#p-2-5"]
    assert en == ["en/", "en/job-instruction/"]
    docs = {d["location"]: d for d in split["ru"]["docs"]}
    assert docs[""]["text"] == "<p>a</p>"
    assert docs["glossary/"]["boost"] == index_build.PAGE_BOOST["glossary"]
    assert docs["glossary/#ctr"]["boost"] == 5  # a page's own search.boost wins
    assert "boost" not in docs["job-instruction/"]
    assert split["en"]["config"] == merged["config"]


def index_problems(site: Path, lang: str) -> list[str]:
    """The language's own index holds its pages only; search_index.json is the config alone."""
    try:
        own = read_index(site, f"search_index.{lang}.json")
        stub = read_index(site, "search_index.json")
    except OSError as error:
        return [f"search/: {error.strerror}: {Path(error.filename).name}"]
    problems = []
    if stub["docs"] or stub["config"] != own["config"]:
        problems.append("search/search_index.json: should hold the same config and no documents")
    if "stemmer" not in own["config"]["pipeline"]:
        problems.append(f"search/search_index.{lang}.json: the pipeline has no stemmer")
    wrong = [d["location"] for d in own["docs"] if sr.language_of(d["location"]) != lang]
    if wrong or not own["docs"]:
        problems.append(f"search/search_index.{lang}.json: other-language or no entries: {wrong[:5]}")
    return problems


def worker_problems(site: Path) -> tuple[int, list[str]]:
    """(pages checked, problems): every page must start our worker for its own language."""
    workers = site / "assets" / "javascripts" / "workers"
    checked, problems = 0, []
    for page in sorted(site.rglob("*.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        config = tree.css_first("#__config")
        if config is None:
            continue  # e.g. a redirect stub
        lang = tree.css_first("html").attributes.get("lang")
        url = json.loads(config.text())["search"]
        where = page.relative_to(site)
        checked += 1
        if f"/{WORKER}?lang={lang}&" not in url or not (workers / WORKER).exists():
            problems.append(f"{where}: starts the search worker {url}")
        elif not (workers / re.search(r"worker=([^&]+)", url)[1]).exists():
            problems.append(f"{where}: the wrapped worker of {url} is not in the site")
    return checked, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_index_per_language(built_site, lang):
    assert index_problems(built_site, lang) == []
    titles = {d["location"]: d["title"] for d in read_index(built_site, f"search_index.{lang}.json")["docs"]}
    prefix = site.languages().prefix(lang)
    assert titles[f"{prefix}glossary/#ctr"] == "CTR"


def test_every_page_starts_the_worker_of_its_language(built_site):
    checked, problems = worker_problems(built_site)
    assert not problems, "\n".join(problems)
    assert checked >= len(source_pages()) * len(LANGUAGES) + len(LANGUAGES)  # pages and 404s


def test_site_checks_fail_on_a_stock_looking_site(tmp_path):
    """Material's own layout: one merged index, its worker on every page."""
    (tmp_path / "search").mkdir()
    docs = [{"location": "", "title": "Главная", "text": ""}, {"location": "en/", "title": "Home", "text": ""}]
    merged = {"config": {"pipeline": ["stopWordFilter"]}, "docs": docs}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    assert index_problems(tmp_path, "en") == ["search/: No such file or directory: search_index.en.json"]
    (tmp_path / "search" / "search_index.en.json").write_text(json.dumps(merged), encoding="utf-8")
    assert len(index_problems(tmp_path, "en")) == 3
    app = {"search": "assets/javascripts/workers/search.a7633da7.min.js"}
    (tmp_path / "index.html").write_text(
        f'<html lang="ru"><script id="__config" type="application/json">{json.dumps(app)}</script></html>',
        encoding="utf-8")
    assert worker_problems(tmp_path) == (1, [f"index.html: starts the search worker {app['search']}"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_clause_is_one_entry_titled_by_its_number(built_site, lang):
    tree = LexborHTMLParser(built_page(built_site, "job-instruction", lang).read_text(encoding="utf-8"))
    ids = [div.attributes["id"] for div in tree.css("div.clause")]
    assert ids == job_description.load().ids(), "the page's clauses are not the data file's"
    assert not tree.css("[data-search-exclude]"), "Material should have removed the marker"
    prefix = site.languages().prefix(lang)
    docs = {d["location"]: d for d in read_index(built_site, f"search_index.{lang}.json")["docs"]}
    for anchor in ids:
        entry = docs.get(f"{prefix}job-instruction/#{anchor}")
        assert entry, f"{lang}: clause {anchor} is not in the search index"
        assert re.fullmatch(r"[\w.]+\.\d+", entry["title"]) and "¶" not in entry["text"]
    duties = docs[f"{prefix}job-instruction/#duties"]["text"]
    assert docs[f"{prefix}job-instruction/#p-2-5"]["text"] not in duties, "clause indexed twice"


# --------------------------------------------------------------------------------------------
# House terms: readers' words lead to the preferred term (docs/data/house-terms.yml)
# --------------------------------------------------------------------------------------------

def test_synonyms_are_the_avoided_variants_and_listed_synonyms_per_language():
    found = index_build.house_term_synonyms(FIXTURES / "house-terms.yml", "house-terms.yml", ("ru", "en"))
    assert found == {
        "ru": [["гайд для интервью", "набор для интервью"], ["собеседование", "набор для интервью"],
               ["материалы для собеседования", "набор для интервью"]],
        "en": [["interview guide", "interview kit"], ["screening questions", "interview kit"],
               ["probationary", "probation period"]],
    }
    assert index_build.house_term_synonyms(FIXTURES / "missing.yml", "x", ("ru",)) == {"ru": []}


@pytest.mark.parametrize(("text", "message"), [
    ("terms:\n  - id: a\n    ru:\n      prefer: б\n      synonyms: в\n",
     "house-terms.yml:5: term 'a': field 'ru.synonyms': input should be a valid list"),
    ("terms:\n  - id: a\n    ru:\n      prefer: б\n      synonyms: [в, '']\n",
     "house-terms.yml:5: term 'a': field 'ru.synonyms.1': string should have at least 1 character"),
    ("terms:\n  - id: a\n    ru: {prefer: б\n", "house-terms.yml:4: term 'a': YAML syntax error"),
])
def test_broken_synonyms_name_file_and_line(tmp_path, text, message):
    from handbook.datafile import SchemaError

    path = tmp_path / "house-terms.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as error:
        index_build.house_term_synonyms(path, "house-terms.yml", ("ru", "en"))
    assert str(error.value).startswith(message) and "\n" not in str(error.value), str(error.value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_index_carries_its_own_language_s_synonyms(built_site, lang):
    expected = index_build.house_term_synonyms(ROOT / "docs/data/house-terms.yml", "x", LANGUAGES)
    synonyms = read_index(built_site, f"search_index.{lang}.json")["synonyms"]
    assert synonyms == expected[lang] and len(synonyms) >= 10
    other = {tuple(pair) for code in LANGUAGES if code != lang for pair in expected[code]}
    assert not other & {tuple(pair) for pair in synonyms}
    assert "synonyms" not in read_index(built_site, "search_index.json")


def test_table_has_ten_synonym_queries_per_language():
    for lang in LANGUAGES:
        assert len([q for q in sr.load_table() if q.kind == "synonym" and q.lang == lang]) >= 10, lang


# Synonym queries checked again on a copy of the site whose indexes carry no synonyms: without
# the feature the preferred term's page does not come up (each is in the table, which passes).
WITHOUT_SYNONYMS = {"собеседовании", "онбординга", "probationary", "induction"}


@pytest.mark.browser
def test_synonym_queries_fail_without_the_synonyms(browser, built_site, tmp_path):
    import shutil

    copy = shutil.copytree(built_site, tmp_path / "site")
    for lang in LANGUAGES:
        path = copy / "search" / f"search_index.{lang}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        del data["synonyms"]
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    queries = [q for q in sr.load_table() if q.text in WITHOUT_SYNONYMS]
    assert len(queries) == len(WITHOUT_SYNONYMS)
    found = {}
    with SiteServer(copy) as server:
        for lang in LANGUAGES:  # each query on its own language's page only (the table checks both)
            box = sr.SearchBox(browser, site.page_url("index", lang, root=server.url))
            try:
                found |= {q.text: sr.found(q, box.search(q.text)) for q in queries if q.lang == lang}
            finally:
                box.close()
    assert found == dict.fromkeys(WITHOUT_SYNONYMS, False), found


# --------------------------------------------------------------------------------------------
# Real browser
# --------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_query_table_in_the_browser(browser, served_site):
    queries = sr.load_table()
    problems = sr.failures(queries, sr.run_table(browser, served_site, queries))
    assert not problems, f"{len(problems)} search check(s) failed:\n" + "\n".join(problems)


def count_pattern(config: dict) -> re.Pattern:
    """The result count as Material words it, e.g. 'Найдено совпадений: #' with # a number."""
    texts = config["translations"]
    options = [re.escape(texts[key]).replace("\\#", "#").replace("#", r"\d+")
               for key in ("search.result.one", "search.result.other")]
    return re.compile("|".join(f"^{option}$" for option in options))


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "typed", "word"),
                         [("ru", "рекламы", "реклам"), ("en", "campaigns", "campaign")])
def test_material_search_ui_still_works(browser, served_site, lang, typed, word):
    url = site.page_url("index", lang, root=served_site)
    box = sr.SearchBox(browser, url)
    page = box.page
    try:
        config = json.loads(page.locator("#__config").text_content())
        box.type(typed)
        page.wait_for_selector(".md-search-result__item")
        meta = page.locator(".md-search-result__meta").text_content().strip()
        assert count_pattern(config).match(meta), meta
        marks = page.locator(".md-search-result__item mark").all_text_contents()
        assert marks and all(m.lower().startswith(word) for m in marks[:5]), marks[:5]
        # Keyboard: the arrow moves through the results (to the first one that carries the terms
        # to highlight: a page listed only for its sections has none), Enter opens it
        for _ in range(5):
            page.keyboard.press("ArrowDown")
            focused = page.evaluate("() => document.activeElement.className")
            assert "md-search-result__link" in focused, focused
            href = page.evaluate("() => document.activeElement.href")
            if re.search(r"[?&]h=[^&#]", href):
                break
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: url.startswith(href.split("#")[0]))
        assert "h=" in page.url
        page.wait_for_selector("mark[data-md-highlight]")
        highlighted = page.locator("mark[data-md-highlight]").first.text_content().lower()
        assert highlighted.startswith(word), highlighted
    finally:
        box.close()


@pytest.mark.browser
def test_suggestion_is_a_word_not_a_stem(browser, built_site, served_site):
    box = sr.SearchBox(browser, served_site)
    try:
        box.type("контекстн")
        box.page.wait_for_function(
            "() => document.querySelector('.md-search__suggest').textContent.trim() !== ''")
        suggestion = box.page.locator(".md-search__suggest").text_content().strip()
    finally:
        box.close()
    docs = read_index(built_site, "search_index.ru.json")["docs"]
    text = " ".join(f"{d['title']} {d['text']}" for d in docs).lower()
    assert suggestion.startswith("контекстн") and suggestion != "контекстн", suggestion
    assert re.search(rf"(?<!\w){re.escape(suggestion)}(?!\w)", text), f"{suggestion} is not a word of the text"


@pytest.mark.browser
@pytest.mark.slow
def test_stock_material_search_fails_the_table(browser, tmp_path):
    """The same checks on Material's stock search (this repo before the change) must fail."""
    project = sr.copy_project(tmp_path / "stock", "stock")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    sample = {"зарплаты в Москве", "лидами", "SMM", "2.5", "leads"}  # a few kinds, both languages
    queries = [q for q in sr.load_table() if q.text in sample]
    with SiteServer(tmp_path / "site") as server:
        problems = sr.failures(queries, sr.run_table(browser, server.url, queries))
    assert any("expected" in p for p in problems), problems
    assert any("another language" in p for p in problems), problems


def test_baseline_config_removes_this_search():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    stock = sr.baseline_config(config, "stock")
    assert "search_index.py" not in stock and "\n  - search\n" in stock and "stemmer" not in stock
    with pytest.raises(ValueError):
        sr.baseline_config(stock, "stock")  # nothing left to remove: the mutation would test nothing
