"""Competency matrix and interview kit (issue 16): data schema, rendering, two-way clause mapping,
registry, search, one-sheet A4 scorecard, its .docx, axe and page weight.

Every check is a function returning problems, shown to fail on broken input: schema fixtures in
tests/fixtures/competencies/ (each marks its bad line with ``# expect: <message>``), mutated HTML,
a print stylesheet that overflows the sheet, a project copy with broken data.
"""

from __future__ import annotations

import io
import os
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pypdf
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page, copy_project

from handbook import competencies as model
from handbook.datafile import SchemaError

FIXTURES = Path(__file__).parent / "fixtures" / "competencies"
GOOD, GOOD_INTERVIEW = FIXTURES / "good.yml", FIXTURES / "interview-good.yml"
BROKEN = sorted(p for p in FIXTURES.glob("*.yml") if "good" not in p.name)
PAGES = ("competencies", "interview")
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def kit() -> model.Kit:
    return model.load()


def tree(site: Path, page: str, lang: str) -> LexborHTMLParser:
    return LexborHTMLParser(built_page(site, page, lang).read_text(encoding="utf-8"))


def article(site: Path, page: str, lang: str):
    return tree(site, page, lang).css_first("article")


def expected_finding(path: Path) -> tuple[int, str]:
    """(line, message) a broken fixture marks with ``# expect: …``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "# expect: " in line and not line.startswith("#"):
            return n, line.split("# expect: ", 1)[1].strip()
    raise AssertionError(f"{path.name} has no '# expect:' line")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook.competencies", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)


# --- schema ---------------------------------------------------------------------------------

def test_real_data_and_the_small_fixture_are_valid(kit):
    assert len(kit.competencies) >= 8
    assert [lv.id for lv in kit.levels] == ["junior", "marketer", "senior", "head"]
    for comp in kit.competencies:
        for _level, cell in kit.cells(comp):
            assert all(2 <= len(cell.signals[lang]) <= 4 for lang in LANGUAGES)
        assert 2 <= len(kit.questions(comp.id)) <= 3
    assert model.load(matrix=GOOD, interview=GOOD_INTERVIEW).competencies[0].id == "analytics"
    result = run_cli()
    assert result.returncode == 0 and result.stdout.startswith("ok:"), result.stderr


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_each_broken_fixture_gives_one_line_naming_file_and_line(fixture):
    line, message = expected_finding(fixture)
    matrix, interview = (GOOD, fixture) if fixture.name.startswith("interview-") else (fixture, GOOD_INTERVIEW)
    with pytest.raises(SchemaError) as error:
        model.load(matrix=matrix, interview=interview)
    hits = [f for f in error.value.findings if message in f.message]
    assert hits, f"{fixture.name}: no finding says {message!r}: {[str(f) for f in error.value.findings]}"
    assert hits[0].line == line and hits[0].file.endswith(f"tests/fixtures/competencies/{fixture.name}")
    result = run_cli("--matrix", str(matrix), "--interview", str(interview))
    assert result.returncode == (2 if "duplicate key" in message else 1)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert f"tests/fixtures/competencies/{fixture.name}:{line}: " in result.stderr
    assert all(re.match(r"^\S+\.yml:\d+: ", x) for x in lines), lines


@pytest.mark.slow
def test_validator_reports_broken_competency_data(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "docs/data/competencies.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("  p-2-4: [communication, projects-budget]",
                                 "  p-2-4: [communication, charisma]"), encoding="utf-8")
    bad_line = next(n for n, x in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "charisma" in x)
    result = subprocess.run([sys.executable, "scripts/validate.py", str(project)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"docs/data/competencies.yml:{bad_line}:" in result.stdout
    assert "D001" in result.stdout and "maps to missing competency 'charisma'" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_stops_on_bad_data_with_one_line_per_problem(tmp_path):
    from conftest import mkdocs_build

    project = copy_project(tmp_path / "project")
    data = project / "docs/data/competencies.yml"
    text = data.read_text(encoding="utf-8").replace("      - level: senior\n", "      - level: expert\n", 1)
    data.write_text(text, encoding="utf-8")
    bad_line = text.splitlines().index("      - level: expert") + 1
    result = mkdocs_build(project, tmp_path / "site", env=ENV)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/data/competencies.yml:{bad_line}: competency 'analytics': field 'level': cell for unknown level 'expert'" \
        in result.stderr, result.stderr[-2000:]


# --- rendered pages ---------------------------------------------------------------------------

def heading_ids(site: Path, page: str, lang: str) -> list[str]:
    return [h.attributes.get("id") for h in article(site, page, lang).css("h1, h2, h3, h4")]


@pytest.mark.parametrize("page", PAGES)
def test_pages_have_the_same_ids_in_both_languages(built_site, page):
    ids = {lang: heading_ids(built_site, page, lang) for lang in LANGUAGES}
    assert len(set(map(tuple, ids.values()))) == 1, ids
    all_ids = {lang: sorted(n.attributes["id"] for n in article(built_site, page, lang).css("[id]"))
               for lang in LANGUAGES}
    assert len(set(map(tuple, all_ids.values()))) == 1


def matrix_problems(html_article, kit: model.Kit, lang: str) -> list[str]:
    """Every competency, cell and level section present, cells showing their data in ``lang``,
    each competency listing exactly the clauses mapped to it."""
    problems = []
    ids = [n.attributes.get("id") for n in html_article.css("h2, h3")]
    expected = kit.ids()
    present = [i for i in ids if i in set(expected)]
    if present != expected:
        problems.append(f"matrix ids {present} != {expected}")
    for comp in kit.competencies:
        for level, cell in kit.cells(comp):
            head = html_article.css_first(f"h3#{model.cell_id(comp.id, level.id)}")
            if head is None:
                continue
            body, node = [], head.next
            while node is not None and node.tag not in ("h2", "h3"):
                body.append(node.text(separator=" ") if node.tag != "-text" else "")
                node = node.next
            text = re.sub(r"\s+", "", "".join(body))  # abbr/links split words with spaces
            for part in [cell.expectation[lang], cell.evidence[lang], *cell.signals[lang]]:
                if re.sub(r"\s+", "", part) not in text:
                    problems.append(f"cell {model.cell_id(comp.id, level.id)} lacks {part!r}")
        section = html_article.css_first(f"h2#{comp.id}")
        links, node = [], section.next if section else None
        while node is not None and node.tag not in ("h2", "h3"):
            if node.tag == "p":
                links += [a.attributes["href"].rpartition("#")[2] for a in node.css("a")
                          if "job-instruction/" in a.attributes.get("href", "")]
            node = node.next
        if links != kit.clauses_of(comp.id):
            problems.append(f"competency {comp.id} lists clauses {links}, mapping says {kit.clauses_of(comp.id)}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_matrix_renders_every_cell_and_its_clauses(built_site, kit, lang):
    page = article(built_site, "competencies", lang)
    assert matrix_problems(page, kit, lang) == []
    overview = page.css(".hb-matrix table tbody tr")
    assert len(overview) == len(kit.competencies)
    assert all(len(row.css("td a")) == len(kit.levels) + 1 for row in overview)
    # the check fails on a page that lost a cell and a clause link
    html = page.html
    html = html.replace('id="analytics-senior"', 'id="gone"').replace('job-instruction/#p-2-5"', 'elsewhere/"', 1)
    broken = matrix_problems(LexborHTMLParser(html).css_first("article"), kit, lang)
    assert any("matrix ids" in p for p in broken) and any(p.startswith("competency ") for p in broken), broken


def needs_problems(html_article, kit: model.Kit) -> list[str]:
    """Under each mapped clause of the job description: its competencies, linked to the matrix."""
    problems = []
    for clause, needs in kit.clauses.items():
        div = html_article.css_first(f"div#{clause}")
        note = div.next if div is not None else None
        while note is not None and note.tag == "-text":
            note = note.next
        if note is None or "hb-needs" not in (note.attributes.get("class") or ""):
            problems.append(f"{clause}: no competencies after the clause")
            continue
        links = [a.attributes["href"] for a in note.css("a")]
        if [h.rpartition("#")[2] for h in links] != needs or not all("competencies/#" in h for h in links):
            problems.append(f"{clause}: links {links} != {needs}")
        if "hb-no-print" not in note.attributes["class"]:
            problems.append(f"{clause}: the note must not be printed")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_job_description_names_the_competencies_of_each_clause(built_site, kit, lang):
    page = article(built_site, "job-instruction", lang)
    assert needs_problems(page, kit) == []
    assert {c for c in kit.clauses} >= {f"p-2-{n}" for n in range(1, 8)} | {f"ext-{n}" for n in range(1, 16)}
    matrix_ids = {n.attributes["id"] for n in article(built_site, "competencies", lang).css("[id]")}
    assert {a.attributes["href"].rpartition("#")[2] for a in page.css(".hb-needs a")} <= matrix_ids
    criteria = page.css("#evaluation-criteria ~ .hb-criterion")
    assert [c.attributes["id"] for c in criteria] == [c.id for c in kit.criteria]
    broken = LexborHTMLParser(page.html.replace('class="hb-needs', 'class="other', 1)).css_first("article")
    assert needs_problems(broken, kit) == ["p-2-1: no competencies after the clause"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_interview_page_has_questions_assignment_stages(built_site, kit, lang):
    page = article(built_site, "interview", lang)
    for comp in kit.competencies:
        section = page.css_first(f"h3#questions-{comp.id}")
        assert section is not None, comp.id
        items = section.next
        while items is not None and items.tag != "ol":
            items = items.next
        assert items is not None and len([li for li in items.iter() if li.tag == "li"]) == len(kit.questions(comp.id))
        text = re.sub(r"\s+", "", items.text())
        assert all(re.sub(r"\s+", "", q.strong[lang]) in text and re.sub(r"\s+", "", q.weak[lang]) in text
                   for q in kit.questions(comp.id))
    scale_rows = page.css("table")[0].css("tbody tr")
    assert [r.css_first("td").text().strip() for r in scale_rows] == [str(s.score) for s in kit.interview.scale]
    assert kit.interview.assignment.time[lang] in page.text()
    assert all(s.title[lang] in page.text() for s in kit.interview.stages)


# --- registry, search, sitemap, nav ----------------------------------------------------------

def test_registry_lists_pages_and_every_cell(kit):
    entries = yaml.safe_load((ROOT / "docs/data/published-links.yml").read_text(encoding="utf-8"))["links"]
    promised = {(e["page"], e.get("anchor")) for e in entries}
    wanted = {("competencies.md", None), ("interview.md", None), ("job-instruction.md", "evaluation-criteria")}
    wanted |= {("competencies.md", i) for i in kit.ids()}
    assert wanted <= promised, sorted(wanted - promised)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_has_a_boosted_entry_per_competency(built_site, kit, lang):
    docs = json.loads((built_site / "search" / f"search_index.{lang}.json").read_text(encoding="utf-8"))["docs"]
    prefix = "" if lang == "ru" else f"{lang}/"
    by_location = {d["location"]: d for d in docs}
    for comp in kit.competencies:
        entry = by_location.get(f"{prefix}competencies/#{comp.id}")
        assert entry and entry["title"] == comp.title[lang], comp.id
        cell = by_location.get(f"{prefix}competencies/#{model.cell_id(comp.id, 'senior')}")
        assert cell and cell["boost"] < entry["boost"] < 1  # below the clauses they paraphrase
    # The competency notes under the job description's clauses are not indexed.
    label = {"ru": "Компетенции:", "en": "Competencies:"}[lang]
    assert not [d["location"] for d in docs if "job-instruction/" in d["location"] and label in d["text"]]


@pytest.mark.browser
def test_each_competency_name_finds_its_entry(browser, served_site, kit):
    """Typed into the search box, a competency's name brings up its section among the first four
    result pages (measured: 12 of 16 in the first three, the glossary and source pages above them);
    tests/search_queries.yml (test_search.py) checks that the new pages push no clause down."""
    from tools import search_report as sr

    queries = [sr.Query(0, lang, "competency", c.title[lang], f"competencies/#{c.id}", top=4)
               for c in kit.competencies for lang in LANGUAGES]
    runs = sr.run_table(browser, served_site, queries)
    missed = [f"{q.text!r}: {sr.describe(runs[q.lang][q.text], 4)}" for q in queries
              if not sr.found(q, runs[q.lang][q.text])]
    assert not missed, missed
    wrong = sr.Query(0, "ru", "competency", "Аналитика и измерение", "competencies/#communication", top=4)
    assert not sr.found(wrong, runs["ru"][wrong.text])  # the check can fail


def test_sitemap_and_nav_have_both_pages(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"/{page}/</loc>" in sitemap and f"/en/{page}/</loc>" in sitemap
    labels = {"ru": ("Матрица компетенций", "Набор для интервью"), "en": ("Competency matrix", "Interview kit")}
    for lang, names in labels.items():
        nav = tree(built_site, "index", lang).css(".md-nav--primary .md-nav__link")
        texts = {" ".join(n.text().split()) for n in nav}
        assert set(names) <= texts, (lang, names)


# --- scorecard: print and .docx ---------------------------------------------------------------

def scorecard_pdf(browser, url: str, css: str = "", media: str = "print") -> pypdf.PdfReader:
    tab = browser.new_page()
    try:
        tab.goto(url, wait_until="load")
        tab.emulate_media(media=media)
        if css:
            tab.add_style_tag(content=css)
        return pypdf.PdfReader(io.BytesIO(tab.pdf(format="A4")))
    finally:
        tab.close()


def squash(text: str) -> str:
    """PDF text compared letter by letter: ligatures (ﬃ) folded, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def print_problems(reader: pypdf.PdfReader, kit: model.Kit, lang: str) -> list[str]:
    problems = []
    if len(reader.pages) != 1:
        problems.append(f"{len(reader.pages)} pages, expected one A4 sheet")
    for n, page in enumerate(reader.pages, start=1):
        if abs(float(page.mediabox.width) - A4[0]) > 1 or abs(float(page.mediabox.height) - A4[1]) > 1:
            problems.append(f"page {n} is not A4")
    first = squash(reader.pages[0].extract_text())
    for comp in kit.competencies:
        if squash(comp.title[lang]) not in first:
            problems.append(f"{comp.id} is not on the sheet")
    question = squash(kit.questions(kit.competencies[0].id)[0].text[lang])
    if any(question in squash(p.extract_text()) for p in reader.pages):
        problems.append("the questions were printed too (the page must print as its scorecard)")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scorecard_prints_on_one_a4_sheet(browser, served_site, kit, lang):
    url = served_site + ("" if lang == "ru" else f"{lang}/") + "interview/"
    assert print_problems(scorecard_pdf(browser, url), kit, lang) == []


@pytest.mark.browser
def test_print_check_catches_an_overflowing_or_screen_scorecard(browser, served_site, kit):
    url = served_site + "interview/"
    tall = scorecard_pdf(browser, url, css=".hb-scorecard td:last-child { height: 40mm !important; }")
    assert "pages, expected one A4 sheet" in print_problems(tall, kit, "ru")[0]
    screen = print_problems(scorecard_pdf(browser, url, media="screen"), kit, "ru")
    assert "the questions were printed too (the page must print as its scorecard)" in screen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_scorecard_docx_is_linked_and_opens(built_site, kit, lang):
    links = article(built_site, "interview", lang).css("a.hb-docx")
    assert len(links) == 1
    path = built_page(built_site, "interview", lang).parent / links[0].attributes["href"]
    document = docx.Document(str(path))
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert [r[0] for r in rows[1:1 + len(kit.competencies)]] == [c.title[lang] for c in kit.competencies]
    assert len(rows) == len(kit.competencies) + 2  # header, competencies, the assignment
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    text = "\n".join(p.text for p in document.paragraphs)
    assert re.search(r"_{8,}", text) and document.core_properties.title == article(
        built_site, "interview", lang).css_first(".hb-scorecard h3").text().strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_job_description_docx_has_the_evaluation_criteria_its_page_prints(built_site, kit, lang):
    page = article(built_site, "job-instruction", lang)
    href = page.css_first("a.hb-docx").attributes["href"]
    text = "\n".join(p.text for p in docx.Document(str(built_page(built_site, "job-instruction", lang).parent
                                                         / href)).paragraphs)
    for crit in kit.criteria:
        on_page = " ".join(page.css_first(f"#{crit.id}").text().split())
        assert on_page in text, (crit.id, on_page)
    assert page.css_first("h3#evaluation-criteria").text().replace("¶", "").strip() in text
    assert "Компетенции:" not in text and "Competencies:" not in text  # the screen-only notes


def test_docx_writer_rejects_html_without_a_scorecard():
    from handbook import scorecard_docx as docx_module
    with pytest.raises(docx_module.ScorecardError, match="expected one element with class 'hb-scorecard'"):
        docx_module.convert("<div><p>no card</p></div>", "ru", ROOT / "docs/interview.ru.md")


# --- accessibility and weight -----------------------------------------------------------------

@pytest.mark.browser
def test_no_axe_violations_on_the_new_pages(browser, served_site):
    from test_a11y import audit

    paths = [("" if lang == "ru" else f"{lang}/") + f"{page}/" for page in PAGES for lang in LANGUAGES]
    paths += [("" if lang == "ru" else f"{lang}/") + "job-instruction/" for lang in LANGUAGES]
    found = audit(browser, served_site, paths, "light")
    found |= {f"{p} (dark)": v for p, v in audit(browser, served_site, paths, "dark").items()}
    assert not found, found


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_new_pages_within_the_weight_budget(browser, served_site, page, lang):
    from tools.page_weight import load_budgets, over_budget
    from test_budgets import weigh

    budgets = load_budgets()
    assert page in budgets.page_weight.pages, "add the page to budgets.yml page_weight.pages"
    weight = weigh(browser, served_site, ("" if lang == "ru" else f"{lang}/") + f"{page}/")
    print(f"{page} ({lang}): {weight.total / 1024:.1f} KB gzip first view, {len(weight.resources)} requests")
    assert over_budget([weight], budgets.page_weight.max_kb) == []
