"""Salary data: the schema on broken fixtures (fast), the rendered tables, the SVG chart, the
downloads, and one real build that a broken row stops."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page, copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))
import data_schemas  # noqa: E402

DATA = ROOT / "docs/data/salaries.yml"
FIXTURES = ROOT / "tests/fixtures/salaries"
SVG_NS = "{http://www.w3.org/2000/svg}"
UNDATED = {"ru": "без даты", "en": "undated"}
AXIS = {"ru": "тыс. ₽ в месяц", "en": "thousand RUB per month"}


@pytest.fixture(scope="module")
def data() -> data_schemas.SalaryData:
    return data_schemas.load_salaries(DATA, display="docs/data/salaries.yml")


def career_page(site: Path, lang: str) -> LexborHTMLParser:
    return LexborHTMLParser(built_page(site, "career", lang).read_text(encoding="utf-8"))


def chart_svg(site: Path, lang: str) -> ET.Element:
    """The chart exactly as the build wrote it, parsed as XML (so it must be well-formed)."""
    text = built_page(site, "career", lang).read_text(encoding="utf-8")
    found = re.findall(r'<svg class="salary-chart".*?</svg>', text, flags=re.S)
    assert len(found) == 1, f"{lang}: expected one salary chart, found {len(found)}"
    return ET.fromstring(found[0])


# ---------------------------------------------------------------------------------------------
# The data file and the schema
# ---------------------------------------------------------------------------------------------


def test_data_file_is_valid_and_complete(data):
    """Every figure of CONTENT-BRIEF section 4 is in the data, with its seed."""
    rows = {r.id: r for r in data.rows}
    expected = {
        "salary-im-russia-2019-12": ("001", 24000, 70000),
        "salary-im-moscow-2019-12": ("001", 40000, 150000),
        "salary-im-russia-2019-03": ("004", 20000, 90000),
        "salary-im-moscow-2019-03": ("004", 30000, 108000),
        "salary-im-other-regions": ("004", 20000, 90000),
        "salary-im-vacancy-23-duties": ("004", 120000, 150000),
        "salary-im-experienced-russia": ("001", 50000, 100000),
        "salary-smm-russia-headhunter": ("003", 30000, 100000),
        "salary-smm-freelance-per-client": ("003", 7000, 40000),
    }
    for row_id, (seed, low, high) in expected.items():
        row = rows[row_id]
        assert (row.source.seed[:3], row.low, row.high) == (seed, low, high), row_id
    assert rows["salary-im-moscow-central-vacancies"].point == 100000
    assert rows["salary-im-net-offer"].basis == "net"
    assert rows["salary-im-several-projects"].shape == "lower-bound"
    assert rows["salary-smm-freelance-per-client"].typical == 12000
    assert [f.value for f in data.facts] == [383]
    # The ambiguous "12/11/2019" is read as 11 December and says so.
    for row_id in ("salary-im-russia-2019-12", "salary-im-moscow-2019-12"):
        assert rows[row_id].as_of == "2019-12-11"
        assert "12/11/2019" in rows[row_id].date_note.en
    # Undated figures stay in, marked undated, with a reason.
    undated = [r for r in data.rows if r.as_of is None]
    assert len(undated) == 8 and all(r.date_note for r in undated)


@pytest.mark.parametrize(
    ("fixture", "row", "field", "message"),
    [
        ("low-gt-high", "salary-fixture-low-gt-high", "low", "must be ≤ high"),
        ("missing-source", "salary-fixture-missing-source", "source", "required field is missing"),
        ("unknown-region", "salary-fixture-unknown-region", "region", "input should be 'russia'"),
        ("bad-date", "salary-fixture-bad-date", "as_of", "must be an ISO date"),
        ("broken-yaml", "salary-fixture-broken-yaml", None, "YAML syntax error"),
    ],
)
def test_broken_fixture_names_file_line_row_and_field(fixture, row, field, message):
    path = FIXTURES / f"{fixture}.yml"
    with pytest.raises(data_schemas.DataError) as caught:
        data_schemas.load_salaries(path, display=f"{fixture}.yml")
    text = str(caught.value)
    where = rf"^{re.escape(fixture)}\.yml:(\d+): row '{re.escape(row)}':"
    if field:
        where += rf" field '{field}':"
    match = re.search(where + r" (.*)$", text, flags=re.M)
    assert match, f"no finding naming row {row!r} and field {field!r} in:\n{text}"
    assert message in match.group(2)
    line = int(match.group(1))
    assert line > 0
    source_line = path.read_text(encoding="utf-8").splitlines()[line - 1].strip()
    if field and field != "source":  # a missing key is reported on the row's first line
        assert source_line.startswith(f"{field}:"), f"line {line} is {source_line!r}"
    # Only the broken row is reported: the good row in the same file is fine.
    assert "salary-fixture-good" not in text


def test_cross_field_rules():
    """Each shape has its own required fields; typical must fall inside the range."""
    base = dict(
        id="salary-x", role="internet-marketer", region="russia", currency="RUB", period="month",
        basis="not-stated", kind="not-stated", as_of="2019-01",
        source={"seed": "004_19986c1b1e6fe235", "title": "t"},
    )
    rules = data_schemas.salary_row_rules
    assert rules(data_schemas.SalaryRow(**base, shape="range", low=1, high=2)) == []
    assert ("high", "required when shape is 'range'") in rules(data_schemas.SalaryRow(**base, shape="range", low=1))
    assert [f for f, _ in rules(data_schemas.SalaryRow(**base, shape="point", low=5))] == ["point", "low"]
    assert [f for f, _ in rules(data_schemas.SalaryRow(**base, shape="lower-bound", low=5, high=9))] == ["high"]
    assert [f for f, _ in rules(data_schemas.SalaryRow(**base, shape="range", low=1, high=2, typical=3))] == ["typical"]
    undated = {**base, "as_of": None}
    assert [f for f, _ in rules(data_schemas.SalaryRow(**undated, shape="point", point=5))] == ["date_note"]


# ---------------------------------------------------------------------------------------------
# The built page
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_row_is_on_the_page_with_source_and_date(built_site, data, lang):
    tree = career_page(built_site, lang)
    for item in list(data.rows) + list(data.facts):
        node = tree.css_first(f"tr#{item.id}")
        assert node is not None, f"{lang}: row {item.id} is not on the page"
        # The typography hook puts no-break spaces into figures; the data keeps ordinary ones.
        text = node.text(separator=" ").replace("\u00a0", " ").replace("\u202f", " ")
        assert item.source.seed in text, f"{lang}: {item.id} lacks its source seed"
        assert item.source.title in text, f"{lang}: {item.id} lacks its source title"
        assert (item.as_of or UNDATED[lang]) in text, f"{lang}: {item.id} lacks its date"
        if item.date_note is not None:
            assert item.date_note.get(lang) in text, f"{lang}: {item.id} lacks its date note"
        if item.note is not None:
            assert item.note.get(lang) in text, f"{lang}: {item.id} lacks its note"
    for row in data.rows:  # basis and method are visible in words
        cells = [c.text(strip=True) for c in tree.css_first(f"tr#{row.id}").css("td")]
        assert len(cells) == 6 and all(cells), f"{lang}: {row.id} has an empty cell: {cells}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tables_are_grouped_by_region(built_site, data, lang):
    tree = career_page(built_site, lang)
    tables = tree.css("div.salary-table[data-role]")
    assert [t.attributes["data-role"] for t in tables] == ["internet-marketer", "smm-manager"]
    for table in tables:
        regions = [tb.attributes["data-region"] for tb in table.css("tbody")]
        assert len(regions) == len(set(regions)), f"{lang}: a region appears in two groups: {regions}"
        for tbody in table.css("tbody"):
            ids = [tr.attributes["id"] for tr in tbody.css("tr")]
            assert {r.region for r in data.rows if r.id in ids} == {tbody.attributes["data-region"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_is_well_formed_svg_with_one_bar_per_range(built_site, data, lang):
    svg = chart_svg(built_site, lang)
    assert svg.tag == f"{SVG_NS}svg"
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG_NS}title"), svg.find(f"{SVG_NS}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    bars = [el for el in svg.iter(f"{SVG_NS}rect") if "salary-bar" in el.get("class", "").split()]
    ranges = [r.id for r in data.rows if r.shape == "range"]
    assert sorted(b.get("data-row") for b in bars) == sorted(ranges)
    for bar in bars:
        assert bar.find(f"{SVG_NS}title") is not None, "each bar has a title for screen readers"
        assert float(bar.get("width")) > 0
    # Every figure, whatever its shape, has exactly one mark.
    marks = [el.get("data-row") for el in svg.iter() if "salary-mark" in el.get("class", "").split()
             and el.get("data-row")]
    assert sorted(marks) == sorted(r.id for r in data.rows)
    # Axis in thousands of rubles, labelled in the page's language.
    texts = [t.text for t in svg.iter(f"{SVG_NS}text")]
    assert AXIS[lang] in texts
    assert "0" in texts and "100" in texts
    # Colours follow the theme: no hard-coded colour anywhere in the chart.
    for el in svg.iter():
        for attr in ("fill", "stroke"):
            value = el.get(attr)
            assert value in (None, "currentColor", "none"), f"hard-coded {attr}={value!r} on {el.tag}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_bars_are_scaled(built_site, data, lang):
    """A bar starts and ends where its low and high fall on the axis."""
    svg = chart_svg(built_site, lang)
    vmax = int(svg.get("data-scale-max"))
    bars = {el.get("data-row"): el for el in svg.iter(f"{SVG_NS}rect") if el.get("data-row")}
    ticks = {t.text: float(t.get("x")) for t in svg.iter(f"{SVG_NS}text") if "salary-tick" in t.get("class", "")}
    x0, x_max = ticks["0"], ticks[str(vmax // 1000)]
    for row in data.rows:
        if row.shape != "range":
            continue
        bar = bars[row.id]
        start = x0 + (x_max - x0) * row.low / vmax
        end = x0 + (x_max - x0) * row.high / vmax
        assert abs(float(bar.get("x")) - start) < 1
        assert abs(float(bar.get("x")) + float(bar.get("width")) - end) < 2.5


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_sits_in_a_figure_with_caption(built_site, lang):
    tree = career_page(built_site, lang)
    figure = tree.css_first("figure.salary-chart-figure")
    assert figure is not None and figure.css_first("svg.salary-chart") is not None
    caption = figure.css_first("figcaption")
    assert caption is not None and caption.text(strip=True)


@pytest.mark.parametrize(("lang", "title"), [("ru", "Цифры 2018–2019 годов"), ("en", "The 2018–2019 figures")])
def test_historical_warning_is_visible(built_site, lang, title):
    tree = career_page(built_site, lang)
    salaries = tree.css_first("#salaries")
    assert salaries is not None
    warnings = [w for w in tree.css("div.admonition.warning") if title in w.text()]
    assert warnings, f"{lang}: no warning that the 2018–2019 figures are historical"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_resolve_and_match_the_data(built_site, data, lang):
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
    for path in targets.values():
        assert path.is_file(), f"{lang}: download link points to a missing file {path}"
    rows = list(csv.DictReader(io.StringIO(targets[".csv"].read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [r.id for r in data.rows]
    assert all(r["source_seed"] and r["currency"] == "RUB" for r in rows)
    doc = json.loads(targets[".json"].read_text(encoding="utf-8"))
    assert [r["id"] for r in doc["rows"]] == [r.id for r in data.rows]
    assert [f["id"] for f in doc["facts"]] == [f.id for f in data.facts]


# ---------------------------------------------------------------------------------------------
# The hook itself
# ---------------------------------------------------------------------------------------------


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "overrides/hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unknown_salary_marker_stops_the_build(data):
    from mkdocs.exceptions import PluginError

    hook = load_hook("salaries")
    hook._state["data"] = data
    page = SimpleNamespace(file=SimpleNamespace(src_uri="career.ru.md", locale="ru"))
    config = SimpleNamespace(theme={"language": "ru"})
    out = hook.on_page_markdown("<!-- md:salary-chart -->\n<!-- md:other-thing -->", page, config, None)
    assert "<svg" in out and "<!-- md:other-thing -->" in out  # other hooks' markers are left alone
    with pytest.raises(PluginError, match="unknown marker <!-- md:salary-tabel -->"):
        hook.on_page_markdown("<!-- md:salary-tabel internet-marketer -->", page, config, None)
    with pytest.raises(PluginError, match="unknown role"):
        hook.on_page_markdown("<!-- md:salary-table marketer -->", page, config, None)


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
