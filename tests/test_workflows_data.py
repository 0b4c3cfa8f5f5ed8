"""The vacancy builder's data without a browser: docs/data/vacancy.yml (and broken copies of it in
tests/fixtures/workflows/), the job description's clauses (handbook.job_description), the JSON per
language, the competency-matrix link that appears only when competencies.md is built, and the
hook stopping the build with one line on bad input."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import ROOT, SITE_URL, built_page, copy_project, mkdocs_build

from handbook import career as career_model
from handbook import job_description, workflows
from handbook.site import page_url
from handbook.datafile import SchemaError

FIXTURES = ROOT / "tests" / "fixtures" / "workflows"
CAREER = career_model.load_career(ROOT / "docs/data/career.yml", display="docs/data/career.yml")
LEVEL_IDS = {level.id for level in CAREER.levels}



def vacancy():
    return workflows.load_vacancy(ROOT / "docs/data/vacancy.yml", "docs/data/vacancy.yml", LEVEL_IDS)


def clauses(lang: str):
    return workflows.clauses_for(job_description.load(), lang)


# --- vacancy.yml ---------------------------------------------------------------------------------

def test_vacancy_file_is_valid_and_names_career_levels():
    data = vacancy()
    assert data.levels == ["junior", "marketer", "senior", "head"] and data.default_level == "marketer"
    assert data.language("ru").ui.copy_text and data.language("en").ui.copy_text


@pytest.mark.parametrize("name,line,message", [
    ("duplicate-key.yml", None, "duplicate key 'title'"),
    ("unknown-level.yml", None, "not a level of docs/data/career.yml: lead"),
    ("missing-label.yml", None, "field 'en.ui.download_md': required field is missing"),
])
def test_bad_vacancy_file_gives_one_line_with_file_and_line(name, line, message):
    with pytest.raises(SchemaError) as error:
        workflows.load_vacancy(FIXTURES / name, f"tests/fixtures/workflows/{name}", LEVEL_IDS)
    lines = str(error.value).splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    number = int(re.match(rf"tests/fixtures/workflows/{re.escape(name)}:(\d+):", lines[0]).group(1))
    assert number > 1, lines


@pytest.mark.slow
def test_a_bad_vacancy_file_stops_the_real_build_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "duplicate-key.yml", project / "docs" / "data" / "vacancy.yml")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"docs/data/vacancy\.yml:\d+: .*duplicate key 'title'", output), output[-2000:]


# --- clauses and the builder's JSON -----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ru", "en"])
def test_builder_texts_are_what_the_page_shows(built_site, lang):
    """The builder's plain texts (from the data's Markdown) equal each clause's text on the built
    page, without its number and permalink, for every clause and every item of 1.6."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(built_page(built_site, "job-instruction", lang).read_text(encoding="utf-8"))
    found = clauses(lang)
    space = re.compile(r"\s+")
    for div in tree.css("article div.clause"):
        first = div.css_first("p")
        for junk in first.css("strong, a.hb-clause-link"):
            junk.decompose()
        clause = found[div.attributes["id"]]
        assert clause.text == space.sub(" ", first.text()).strip()
        assert list(clause.items) == [space.sub(" ", li.text()).strip() for li in div.css("li")]
    assert len(found) == len(tree.css("article div.clause")) == len(job_description.load().clauses)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_builder_data_comes_from_the_clauses_and_career_levels(lang):
    found = clauses(lang)
    data = workflows.builder_data(vacancy(), CAREER, found, lang, SITE_URL, matrix=False)
    assert [c["id"] for c in data["core"]] == [f"p-2-{n}" for n in range(1, 8)]
    assert [c["id"] for c in data["optional"]] == [f"ext-{n}" for n in range(1, 16)]
    assert data["optional"][2]["number"] == ("Д.3" if lang == "ru" else "E.3")
    assert data["core"][0]["text"] == found["p-2-1"].text
    assert data["core"][0]["url"] == page_url("job-instruction", lang, "p-2-1", SITE_URL)
    assert len(data["knowledge"]["items"]) == len(found["p-1-6"].items) >= 3
    levels = {lvl["id"]: lvl for lvl in data["levels"]}
    assert list(levels) == ["junior", "marketer", "senior", "head"]
    # cumulative duties: each level keeps those of the levels below (career.yml)
    assert set(levels["junior"]["duties"]) < set(levels["marketer"]["duties"]) < set(levels["senior"]["duties"])
    assert "p-2-5" in levels["junior"]["duties"]  # the intern's duty, kept by every level above
    assert all(lvl["matrix_url"] is None for lvl in data["levels"])
    text = json.dumps(data, ensure_ascii=False)
    other = "ru" if lang == "en" else "en"
    assert page_url("job-instruction", other, "p-2-1", SITE_URL) not in text


def test_matrix_link_only_when_the_matrix_page_is_built():
    data = workflows.builder_data(vacancy(), CAREER, clauses("en"), "en", SITE_URL, matrix=True)
    assert {lvl["matrix_url"] for lvl in data["levels"]} == {
        f"{SITE_URL}en/competencies/#level-{lvl}" for lvl in ("junior", "marketer", "senior", "head")}


def test_the_built_builder_links_the_matrix_page(built_site):
    """The matrix page is in this build, so every level offers its column's link."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(built_page(built_site, "hiring", "en").read_text(encoding="utf-8"))
    node = next(n for n in tree.css('script[type="application/json"]') if "matrix_url" in (n.text() or ""))
    data = json.loads(node.text())
    assert {lvl["matrix_url"] for lvl in data["levels"]} == {
        f"{SITE_URL}en/competencies/#level-{lvl}" for lvl in ("junior", "marketer", "senior", "head")}


def test_builder_json_is_safe_inside_a_script_element():
    text = str(workflows.script_json({"t": "</script><b>'x' & «ё»"}))
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert "«ё»" in text and json.loads(text) == {"t": "</script><b>'x' & «ё»"}


def test_the_built_builder_matches_its_data(built_site):
    """The form in the page offers exactly the data's levels, duties and requirements."""
    from selectolax.lexbor import LexborHTMLParser

    for lang in ("ru", "en"):
        tree = LexborHTMLParser(built_page(built_site, "hiring", lang).read_text(encoding="utf-8"))
        section = tree.css_first("section#vacancy-builder")
        assert section is not None and "hidden" in section.attributes
        data = json.loads(section.css_first("#hb-vacancy-data").text())
        assert data["lang"] == lang
        values = lambda name: [n.attributes["value"] for n in section.css(f"input[name={name}]")]  # noqa: E731
        assert values("level") == [lvl["id"] for lvl in data["levels"]]
        assert values("duty") == [c["id"] for c in data["core"] + data["optional"]]
        assert values("req") == ["p-1-5"] + [i["id"] for i in data["knowledge"]["items"]]
        assert all(n.css_first("legend") for n in section.css("fieldset"))
