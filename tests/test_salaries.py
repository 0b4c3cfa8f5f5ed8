"""Salary data: the schema on broken fixtures (fast), the views and templates on synthetic data,
the rendered tables, the SVG charts and the age banner of the real build, the downloads, parity of
the figures between languages, and one real build that a broken row stops."""

from __future__ import annotations

import csv
from html import unescape
import datetime as dt
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page, copy_project, mkdocs_build

from handbook.datafile import SchemaError
from handbook import salaries as model
from handbook import salary_views as views
from handbook.sources import load_sources, title_view

DATA = ROOT / "docs/data/salaries.yml"
FIXTURES = ROOT / "tests/fixtures/salaries"  # with sources.yml, the registry the fixtures cite
SVG_NS = "{http://www.w3.org/2000/svg}"
UNDATED = {"ru": "без даты", "en": "undated"}
AXIS = {"ru": "тыс. ₽ в месяц", "en": "thousand RUB per month"}
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def data() -> model.SalaryData:
    return model.load_salaries(DATA, display="docs/data/salaries.yml")


def career_page(site: Path, lang: str) -> LexborHTMLParser:
    return LexborHTMLParser(built_page(site, "career", lang).read_text(encoding="utf-8"))


def charts(site: Path, lang: str) -> dict[str, ET.Element]:
    """The charts exactly as the build wrote them, parsed as XML (so they must be well-formed)."""
    text = built_page(site, "career", lang).read_text(encoding="utf-8")
    found = [ET.fromstring(svg) for svg in re.findall(r'<svg class="salary-chart".*?</svg>', text, flags=re.S)]
    return {svg.get("data-era"): svg for svg in found}


def row(**fields) -> model.SalaryRow:
    base = dict(id="salary-x", role="internet-marketer", region="russia", currency="RUB", period="month",
                measure="offered", basis="not-stated", kind="vacancy-offers", as_of="2024-01",
                source={"ref": "example-report"})
    return model.SalaryRow.model_validate({**base, **fields})


def dataset(*rows: model.SalaryRow, current_from: str = "2022-01-01") -> model.SalaryData:
    registry = load_sources(FIXTURES / "sources.yml", "sources.yml")
    return model.SalaryData(rows=rows, facts=(), path="test.yml", current_from=current_from, sources=registry)


# ---------------------------------------------------------------------------------------------
# The data file and the schema
# ---------------------------------------------------------------------------------------------


def test_history_figures_are_kept_with_their_seeds(data):
    """Every figure of CONTENT-BRIEF section 4 is still in the data, citing its seed's record."""
    rows = {r.id: r for r in data.rows}
    expected = {
        "salary-im-russia-2019-12": ("001", 24000, 70000), "salary-im-moscow-2019-12": ("001", 40000, 150000),
        "salary-im-russia-2019-03": ("004", 20000, 90000), "salary-im-moscow-2019-03": ("004", 30000, 108000),
        "salary-im-other-regions": ("004", 20000, 90000), "salary-im-vacancy-23-duties": ("004", 120000, 150000),
        "salary-im-experienced-russia": ("001", 50000, 100000),
        "salary-smm-russia-headhunter": ("003", 30000, 100000), "salary-smm-freelance-per-client": ("003", 7000, 40000),
    }  # fmt: skip
    for row_id, (seed, low, high) in expected.items():
        r = rows[row_id]
        assert (data.source_of(r).seed[:3], r.low, r.high, model.era(r, data)) == (seed, low, high, "history"), row_id
    assert rows["salary-im-moscow-central-vacancies"].point == 100000
    assert rows["salary-im-net-offer"].basis == "net"
    assert rows["salary-im-several-projects"].statistic == "lower-bound"
    assert rows["salary-smm-freelance-per-client"].typical == 12000
    for row_id in ("salary-im-russia-2019-12", "salary-im-moscow-2019-12"):
        assert rows[row_id].as_of == "2019-12-11" and "12/11/2019" in rows[row_id].date_note.en
    undated = [r for r in data.rows if r.as_of is None]
    assert len(undated) == 8 and all(r.date_note for r in undated)


def test_current_figures_have_a_url_a_publisher_and_a_date(data):
    """Every figure from 2022 on cites a record with a publisher and its date (or why none), and a
    URL: its own, or that of the record it was read through (a repost), never a seed."""
    current = [i for i in list(data.rows) + list(data.facts) if model.era(i, data) == "current"]
    assert {i.id for i in current} >= {
        "salary-cat-map-russia-2023-offered", "salary-cat-map-russia-2022-offered",
        "salary-cat-map-russia-2023-expected", "salary-cat-map-russia-2022-expected",
        "fact-cat-map-vacancies-russia-2022-04", "fact-cat-map-vacancies-russia-2023-04",
    }
    for item in current:
        src = data.source_of(item)
        via = data.sources.get(src.via) if src.via else None
        assert src.seed is None and src.publisher is not None, item.id
        assert src.url is not None or (via is not None and via.url is not None), item.id
        assert src.date or src.date_note, item.id
    amounts = {r.id: r.mean or r.point for r in data.rows if model.era(r, data) == "current"}
    assert amounts == {"salary-cat-map-russia-2023-offered": 54000, "salary-cat-map-russia-2022-offered": 48000,
                       "salary-cat-map-russia-2023-expected": 67000, "salary-cat-map-russia-2022-expected": 61000}
    # Category-level figures are marked as the category, never as the role.
    assert all(r.is_category for r in data.rows if model.era(r, data) == "current")


@pytest.mark.parametrize(
    ("fixture", "row_id", "field", "message"),
    [
        ("low-gt-high", "salary-fixture-low-gt-high", "low", "must be ≤ high"),
        ("missing-source", "salary-fixture-missing-source", "source", "required field is missing"),
        ("unknown-source", "salary-fixture-unknown-source", "source.ref", "unknown source 'nowhere'"),
        ("unknown-region", "salary-fixture-unknown-region", "region", "input should be 'russia'"),
        ("bad-date", "salary-fixture-bad-date", "as_of", "must be an ISO date"),
        ("future-date", "salary-fixture-future-date", "as_of", "is in the future"),
        ("median-outside-quartiles", "salary-fixture-median-outside", "median", "a median lies within its quartiles"),
        ("broken-yaml", "salary-fixture-broken-yaml", None, "YAML syntax error"),
        ("duplicate-key", "salary-fixture-duplicate-key", None, "duplicate key 'mean'"),
    ],
)
def test_broken_fixture_names_file_line_row_and_field(fixture, row_id, field, message):
    path = FIXTURES / f"{fixture}.yml"
    with pytest.raises(SchemaError) as caught:
        model.load_salaries(path, display=f"{fixture}.yml", today=TODAY)
    text = str(caught.value)
    where = rf"^{re.escape(fixture)}\.yml:(\d+): row '{re.escape(row_id)}':"
    if field:
        where += rf" field '{field}':"
    match = re.search(where + r" (.*)$", text, flags=re.M)
    assert match, f"no finding naming row {row_id!r} and field {field!r} in:\n{text}"
    assert message in match.group(2)
    line = int(match.group(1))
    source_line = path.read_text(encoding="utf-8").splitlines()[line - 1].strip()
    if field and field != "source":  # a missing key is reported on the row's first line
        assert source_line.startswith(f"{field.split('.')[-1]}:"), f"line {line} is {source_line!r}"
    assert "salary-fixture-good" not in text  # the good row in the same file is fine


def test_the_future_is_relative_to_today():
    """The same file passes on a later day: the rule compares with the date it is given."""
    path = FIXTURES / "future-date.yml"
    with pytest.raises(SchemaError):
        model.load_salaries(path, today=TODAY)
    assert len(model.load_salaries(path, today=dt.date(2027, 1, 31)).rows) == 2


@pytest.mark.parametrize(("args", "code"), [(["docs/data/salaries.yml"], 0), (["tests/fixtures/salaries/low-gt-high.yml"], 1),
                                            (["tests/fixtures/salaries/broken-yaml.yml"], 2), (["no/such/file.yml"], 2)])
def test_command_line_exit_codes(args, code):
    result = subprocess.run([sys.executable, "-m", "handbook.cli", "data", *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


def test_cross_field_rules():
    rules = lambda r: [f for f, _ in model.row_rules(r, today=TODAY)]  # noqa: E731
    assert rules(row(statistic="range", low=1, high=2)) == []
    assert rules(row(statistic="range", low=1)) == ["high"]
    assert rules(row(statistic="point", point=5, low=5)) == ["low"]
    assert rules(row(statistic="lower-bound", low=5, high=9)) == ["high"]
    assert rules(row(statistic="range", low=1, high=2, typical=3)) == ["typical"]
    assert rules(row(statistic="quartiles", p25=10, p75=20, median=15, p10=5, p90=30)) == []
    assert rules(row(statistic="quartiles", p25=10, p75=20, median=9)) == ["median"]
    assert rules(row(statistic="quartiles", p25=30, p75=20)) == ["p25"]
    assert rules(row(statistic="quartiles", p25=10)) == ["p75"]
    assert rules(row(statistic="mean", mean=5, kind="cv-expectations")) == ["measure"]
    assert rules(row(statistic="mean", mean=5, region="hh-area")) == ["area"]
    assert rules(row(statistic="mean", mean=5, as_of=None)) == ["date_note"]
    assert rules(row(statistic="mean", mean=5, covers={"from": "2024-02", "to": "2024-01"})) == ["covers"]


def test_eras_and_age():
    old, new = row(id="salary-a", statistic="mean", mean=5, as_of="2019-05"), row(id="salary-b", statistic="mean", mean=6, as_of="2023")
    data = dataset(old, new)
    assert (model.era(old, data), model.era(new, data)) == ("history", "current")
    assert model.age_summary(data.rows, dt.date(2024, 6, 1)) == model.Age("2023", 0, "fresh")
    assert model.age_summary(data.rows, dt.date(2025, 6, 1)) == model.Age("2023", 1, "ageing")
    assert model.age_summary(data.rows, dt.date(2027, 1, 1)) == model.Age("2023", 3, "old")


# ---------------------------------------------------------------------------------------------
# Views and templates on synthetic data
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "kind", "ru", "en"), [
    (dt.date(2024, 6, 1), "note", "Самая поздняя цифра — за 2023 год", "The latest figure is for 2023"),
    (dt.date(2026, 2, 1), "warning", "ей не меньше 2 лет", "at least 2 years old"),
    (dt.date(2030, 2, 1), "warning", "не меньше 6 лет: это история", "at least 6 years old: history"),
])
def test_banner_wording_follows_the_newest_date(today, kind, ru, en):
    data = dataset(row(statistic="mean", mean=5, as_of="2023"), row(id="salary-old", statistic="mean", mean=4, as_of="2019"))
    for lang, words in (("ru", ru), ("en", en)):
        view = views.age_view(data, lang, today=today)
        assert view["type"] == kind and words in view["title"]
        html = unescape(views.render("age.html", view))
        assert html.strip().startswith(f'!!! {kind} "') and view["body"] in html
        assert "2019" in view["body"]  # the history span comes from the data too


def test_chart_draws_each_statistic_with_its_own_shape():
    data = dataset(
        row(id="salary-r", statistic="range", low=40000, high=80000),
        row(id="salary-m", statistic="median", median=70000),
        row(id="salary-q", statistic="quartiles", p10=30000, p25=50000, median=60000, p75=90000, p90=120000),
        row(id="salary-b", statistic="lower-bound", low=100000),
    )
    svg = ET.fromstring(re.search(r"<svg.*</svg>", views.render("chart.html", views.chart_view(data, "current", "en")), re.S).group(0))
    marks = {el.get("data-row"): el for el in svg.iter() if "salary-mark" in el.get("class", "").split() and el.get("data-row")}
    assert marks["salary-r"].tag == f"{SVG_NS}rect" and "salary-bar" in marks["salary-r"].get("class")
    assert marks["salary-m"].tag == f"{SVG_NS}circle"
    assert "salary-box" in marks["salary-q"].get("class") and "salary-bound" in marks["salary-b"].get("class")
    vmax = int(svg.get("data-scale-max"))
    x = lambda v: views.X0 + (views.X1 - views.X0) * v / vmax  # noqa: E731
    box = marks["salary-q"].find(f"{SVG_NS}rect")
    assert abs(float(box.get("x")) - x(50000)) < 0.2 and abs(float(box.get("x")) + float(box.get("width")) - x(90000)) < 0.3
    median = [l for l in marks["salary-q"].iter(f"{SVG_NS}line") if l.get("class") == "salary-median"][0]
    assert abs(float(median.get("x1")) - x(60000)) < 0.2
    whisker = [l for l in marks["salary-q"].iter(f"{SVG_NS}line") if l.get("class") == "salary-whisker"][0]
    assert abs(float(whisker.get("x1")) - x(30000)) < 0.2 and abs(float(whisker.get("x2")) - x(120000)) < 0.2
    assert abs(float(marks["salary-m"].get("cx")) - x(70000)) < 0.2
    assert "1 range bar," in svg.find(f"{SVG_NS}desc").text and "1 quartile box," in svg.find(f"{SVG_NS}desc").text  # singular for one


def test_templates_escape_text():
    data = dataset(row(statistic="mean", mean=5, note={"ru": "<script>x</script>", "en": "<script>x</script>"}))
    html = views.render("table.html", views.table_view(data, "internet-marketer", "current", "en"))
    assert "<script>" not in html and "&lt;script&gt;" in html


# ---------------------------------------------------------------------------------------------
# The built page
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_is_on_the_page_with_source_and_date(built_site, data, lang):
    tree = career_page(built_site, lang)
    for item in list(data.rows) + list(data.facts):
        node = tree.css_first(f"tr#{item.id}")
        assert node is not None, f"{lang}: row {item.id} is not on the page"
        # The typography hook puts no-break spaces into figures; the data keeps ordinary ones.
        text = node.text(separator=" ").replace("\u00a0", " ").replace("\u202f", " ")
        src = data.source_of(item)
        assert title_view(src, lang) in text, f"{lang}: {item.id} lacks its source title"
        assert src.seed is None or src.seed[:3] not in text.split(), f"{lang}: {item.id} shows an internal code"
        assert node.css_first(f'a[href$="#source-{src.id}"]') is not None, f"{lang}: {item.id} lacks its registry link"
        via = data.sources.get(src.via) if src.via else None
        for url in (src.url, via.url if via else None):
            if url is not None:
                assert node.css_first(f'a[href="{url}"]') is not None, f"{lang}: {item.id} lacks its URL"
        time = node.css_first("time")
        if item.as_of:
            assert time is not None and time.attributes["datetime"] == item.as_of, f"{lang}: {item.id} date"
        else:
            assert time is None and UNDATED[lang] in text
        for note in (item.note, item.date_note):
            if note is not None:
                assert note.get(lang) in text, f"{lang}: {item.id} lacks a note"
    for r in data.rows:
        cells = [c.text(strip=True) for c in tree.css_first(f"tr#{r.id}").css("td")]
        assert len(cells) == 7 and all(cells), f"{lang}: {r.id} has an empty cell: {cells}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_current_figures_come_first_and_history_apart(built_site, data, lang):
    tree = career_page(built_site, lang)
    ids = [h.attributes.get("id") for h in tree.css("h2, h3")]
    assert ids.index("salaries") < ids.index("salaries-current") < ids.index("salaries-history") < ids.index("salaries-data")
    tables = [(t.attributes["data-role"], t.attributes["data-era"]) for t in tree.css("div.salary-table[data-role]")]
    assert tables == [("category-marketing-advertising-pr", "current"), ("internet-marketer", "history"),
                      ("smm-manager", "history")]
    for table in tree.css("div.salary-table"):
        era = table.attributes["data-era"]
        for tr in table.css("tr[id]"):
            item = next(i for i in list(data.rows) + list(data.facts) if i.id == tr.attributes["id"])
            assert model.era(item, data) == era, f"{lang}: {item.id} is in the {era} table"
        regions = [tb.attributes.get("data-region") for tb in table.css("tbody") if tb.attributes.get("data-region")]
        assert len(regions) == len(set(regions)), f"{lang}: a region appears in two groups: {regions}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_are_well_formed_with_one_mark_per_figure(built_site, data, lang):
    svgs = charts(built_site, lang)
    assert set(svgs) == {"current", "history"}
    for era, svg in svgs.items():
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG_NS}title"), svg.find(f"{SVG_NS}desc")
        assert title.text and desc.text and svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        rows = [r for r in data.rows if model.era(r, data) == era]
        marks = [el for el in svg.iter() if "salary-mark" in el.get("class", "").split() and el.get("data-row")]
        assert sorted(m.get("data-row") for m in marks) == sorted(r.id for r in rows)
        shape = {m.get("data-row"): m for m in marks}
        for r in rows:
            expected = {"range": "salary-bar", "point": "salary-point", "mean": "salary-point", "median": "salary-point",
                        "quartiles": "salary-box", "lower-bound": "salary-bound"}[r.statistic]
            assert expected in shape[r.id].get("class").split(), f"{r.id}: {r.statistic} drawn as {shape[r.id].get('class')}"
            assert shape[r.id].find(f"{SVG_NS}title") is not None
        # The typography hook puts no-break spaces into SVG text too: compare as plain spaces.
        texts = [t.text.replace("\u00a0", " ").replace("\u202f", " ") for t in svg.iter(f"{SVG_NS}text")]
        assert AXIS[lang] in texts and "0" in texts
        for el in svg.iter():
            for attr in ("fill", "stroke"):
                assert el.get(attr) in (None, "currentColor", "none"), f"hard-coded {attr} on {el.tag}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_marks_are_scaled(built_site, data, lang):
    """A bar starts and ends where its low and high fall on the axis; a dot sits on its value."""
    for era, svg in charts(built_site, lang).items():
        vmax = int(svg.get("data-scale-max"))
        ticks = {t.text: float(t.get("x")) for t in svg.iter(f"{SVG_NS}text") if "salary-tick" in t.get("class", "")}
        x0, x_max = ticks["0"], ticks[str(vmax // 1000)]
        x = lambda v: x0 + (x_max - x0) * v / vmax  # noqa: E731
        marks = {el.get("data-row"): el for el in svg.iter() if "salary-mark" in el.get("class", "").split() and el.get("data-row")}
        for r in (r for r in data.rows if model.era(r, data) == era):
            el = marks[r.id]
            if r.statistic == "range":
                assert abs(float(el.get("x")) - x(r.low)) < 1
                assert abs(float(el.get("x")) + float(el.get("width")) - x(r.high)) < 2.5
            elif r.statistic in ("point", "mean", "median"):
                assert abs(float(el.get("cx")) - x(r.point or r.mean or r.median)) < 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_age_banner_is_computed_from_the_newest_date(built_site, data, lang):
    tree = career_page(built_site, lang)
    view = views.age_view(data, lang)  # the build ran today too
    # The typography hook puts no-break spaces before dashes and after numbers: compare as plain spaces.
    def plain(text):
        return text.replace("\u00a0", " ").replace("\u202f", " ")
    banners = [w for w in tree.css(f"div.admonition.{view['type']}") if plain(view["title"]) in plain(w.text())]
    assert banners, f"{lang}: no banner titled {view['title']!r}"
    newest = model.newest(data.rows)
    assert newest == "2023" and views.human_date(newest, lang) in view["title"]
    salaries = tree.css_first("#salaries")
    assert salaries is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_summary_names_each_current_figure_with_its_url(built_site, data, lang):
    tree = career_page(built_site, lang)
    heading = tree.css_first("#salaries-summary")
    summary = heading.next
    while summary is not None and summary.tag != "ul":
        summary = summary.next
    text = re.sub(r"[\u00a0\u202f ]", " ", summary.text())
    links = {a.attributes["href"] for a in summary.css("a[href]")}
    for item in (i for i in list(data.rows) + list(data.facts) if model.era(i, data) == "current"):
        value = item.value if isinstance(item, model.Fact) else (item.mean or item.point)
        assert views.fmt_int(value, lang).replace("\u202f", " ") in text, f"{lang}: {item.id} ({value}) is not in the summary"
        cited = f"../#source-{item.source.ref}"
        assert cited in links, f"{lang}: the summary does not cite {cited}"


def table_numbers(html: str) -> dict[str, list[int]]:
    """Every number of each salary table row's amount cell, separators removed."""
    out = {}
    for tr in LexborHTMLParser(html).css("div.salary-table tr[id]"):
        cells = tr.css("td")
        text = cells[0].text() if cells else ""
        out[tr.attributes["id"]] = [int(re.sub(r"[,\u202f]", "", n)) for n in re.findall(r"\d[\d,\u202f]*\d|\d", text)]
    return out


def test_both_languages_show_the_same_figures(built_site):
    """Every number in every salary table row is the same in Russian and English."""
    ru = table_numbers(built_page(built_site, "career", "ru").read_text(encoding="utf-8"))
    en_html = built_page(built_site, "career", "en").read_text(encoding="utf-8")
    assert ru == table_numbers(en_html) and len(ru) >= 19
    # The comparison notices one changed figure.
    broken = table_numbers(en_html.replace("mean 54,000", "mean 55,000"))
    assert broken != ru and broken["salary-cat-map-russia-2023-offered"] == [55000]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_resolve_and_carry_the_new_fields(built_site, data, lang):
    page = built_page(built_site, "career", lang)
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    page_url = "http://site/" + page.relative_to(built_site).as_posix()
    targets = {}
    for link in tree.css("a[href]"):
        href = link.attributes["href"]
        if href.endswith(("salaries.csv", "salaries.json")):
            path = urlsplit(urljoin(page_url, href)).path.lstrip("/")
            targets[Path(path).suffix] = built_site / path
    assert set(targets) == {".csv", ".json"}, f"{lang}: download links missing: {targets}"
    rows = list(csv.DictReader(io.StringIO(targets[".csv"].read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [r.id for r in data.rows]
    for name in ("era", "statistic", "measure", "sample_size", "grade", "mean", "median", "p25", "p75",
                 "covers_from", "source_url", "source_publisher_en", "source_published"):
        assert name in rows[0], f"CSV lacks {name}"
    by_id = {r["id"]: r for r in rows}
    offered = by_id["salary-cat-map-russia-2023-offered"]
    assert (offered["era"], offered["statistic"], offered["mean"], offered["measure"]) == ("current", "mean", "54000", "offered")
    assert (offered["source_id"], offered["source_url"]) == ("kommersant-2023-marketing-jobs", "")
    assert offered["source_via_url"].startswith("https://adindex.mirtesen.ru/")
    doc = json.loads(targets[".json"].read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2 and doc["current_from"] == data.current_from
    assert [r["id"] for r in doc["rows"]] == [r.id for r in data.rows]
    assert [f["id"] for f in doc["facts"]] == [f.id for f in data.facts]
    assert {r["era"] for r in doc["rows"]} == {"current", "history"}


# ---------------------------------------------------------------------------------------------
# The hook itself
# ---------------------------------------------------------------------------------------------


def test_hook_is_thin():
    assert len((ROOT / "overrides/hooks/salaries.py").read_text(encoding="utf-8").splitlines()) < 150


@pytest.mark.slow
def test_unknown_salary_marker_stops_the_real_build(tmp_path):
    """A misspelt salary marker stops a real build with one line naming the page (no traceback)."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "career.ru.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- md:salary-tabel internet-marketer -->\n",
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "unknown marker <!-- md:salary-tabel -->" in output


@pytest.mark.slow
def test_broken_row_stops_the_real_build(tmp_path):
    """One real `mkdocs build --strict` on a copy with low > high: it fails, naming the row."""
    project = copy_project(tmp_path / "project")
    path = project / "docs/data/salaries.yml"
    text = path.read_text(encoding="utf-8")
    marker = "  - id: salary-im-moscow-2019-12\n"
    head, tail = text.split(marker, 1)
    tail = tail.replace("    high: 150000\n", "    high: 30000\n", 1)
    path.write_text(head + marker + tail, encoding="utf-8")
    line = (head + marker + tail).splitlines().index("    low: 40000", len(head.splitlines())) + 1

    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/data/salaries.yml:{line}: row 'salary-im-moscow-2019-12': field 'low': must be ≤ high" in output
    assert "Traceback" not in output
