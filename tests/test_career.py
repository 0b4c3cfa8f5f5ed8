"""Career ladder: the schema on broken variants (fast), and the ladder, level sections and
professional-standard section on the real built page in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, built_page, copy_project, mkdocs_build
from handbook import career as data_schemas  # the career model: schema, loader, page view
from handbook.datafile import SchemaError

DATA = ROOT / "docs/data/career.yml"
EXPECTED_LEVELS = ["intern", "junior", "marketer", "senior", "head", "commercial-director"]


@pytest.fixture(scope="module")
def career() -> data_schemas.CareerData:
    return data_schemas.load_career(DATA, display="docs/data/career.yml")


def page(site: Path, name: str, lang: str) -> LexborHTMLParser:
    return LexborHTMLParser(built_page(site, name, lang).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# The data file and the schema
# ---------------------------------------------------------------------------------------------


def test_career_data_is_valid(career):
    assert [level.id for level in career.levels] == EXPECTED_LEVELS
    assert [level.optional for level in career.levels] == [False] * 5 + [True]
    # Levels are cumulative and together cover the whole of section 2 and the extended list.
    owned = [d for level in career.levels for d in level.duties]
    assert sorted(owned) == sorted(data_schemas.DUTY_IDS), "each duty is added at exactly one level"
    for level in career.levels[:-1]:
        assert level.learn_next.ru and level.scope.ru and level.changes.en


@pytest.mark.parametrize(
    ("old", "new", "level", "field", "message"),
    [
        ("duties: [p-2-6, ext-7, ext-8, ext-9]", "duties: [p-2-6, ext-7, ext-8, p-9-9]",
         "junior", "duties.3", "input should be"),
        ("duties: [ext-2, ext-13]", "duties: [ext-2, ext-2]", "senior", "duties", "lists a duty twice"),
        ('        - "основы рекламы и маркетинга интернет-проектов"\n', "",
         "intern", "learn_next", "ru has 2 items, en has 3"),
        ("  - id: junior\n", "  - id: Junior Level\n", "Junior Level", "id", "string should match pattern"),
        ("sources: [head-of-marketing-article-2020]", "sources: [no-such-article]",
         "commercial-director", "sources", "unknown source 'no-such-article'"),
    ],
)
def test_broken_career_record_names_line_level_and_field(tmp_path, old, new, level, field, message):
    text = DATA.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor text moved: {old!r}"
    broken = tmp_path / "career.yml"
    (tmp_path / "sources.yml").write_bytes((DATA.parent / "sources.yml").read_bytes())  # the registry it cites
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        data_schemas.load_career(broken, display="career.yml")
    lines = str(caught.value).splitlines()
    hits = [ln for ln in lines if f"level '{level}': field '{field}':" in ln and message in ln]
    assert hits, f"expected level {level!r} field {field!r} ({message}) in:\n{caught.value}"
    assert hits[0].startswith("career.yml:") and int(hits[0].split(":")[1]) > 0


def test_optional_level_must_come_last(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    broken = tmp_path / "career.yml"
    (tmp_path / "sources.yml").write_bytes((DATA.parent / "sources.yml").read_bytes())  # the registry it cites
    broken.write_text(text.replace("    optional: true\n", "").replace(
        "  - id: senior\n", "  - id: senior\n    optional: true\n"), encoding="utf-8")
    with pytest.raises(SchemaError, match="level 'head': field 'optional'"):
        data_schemas.load_career(broken)


def test_broken_yaml_names_the_level(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    broken = tmp_path / "career.yml"
    (tmp_path / "sources.yml").write_bytes((DATA.parent / "sources.yml").read_bytes())  # the registry it cites
    broken.write_text(text.replace('      ru: "Младший интернет-маркетолог"', '      ru: "Младший интернет-маркетолог'),
                      encoding="utf-8")
    with pytest.raises(SchemaError, match=r"career\.yml:\d+: level 'junior': YAML syntax error"):
        data_schemas.load_career(broken, display="career.yml")


# ---------------------------------------------------------------------------------------------
# The built page
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ladder_lists_every_level_in_order(built_site, career, lang):
    tree = page(built_site, "career", lang)
    ladder = tree.css_first("#ladder ~ nav.career-ladder")
    assert ladder is not None and ladder.attributes.get("aria-label")
    steps = ladder.css("ol > li")
    assert [s.attributes["data-level"] for s in steps] == EXPECTED_LEVELS
    for step, level in zip(steps, career.levels):
        assert step.css_first("a").attributes["href"] == f"#level-{level.id}"
        assert level.title.get(lang) in step.text()
    assert "career-step--optional" in steps[-1].attributes["class"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_level_has_its_section(built_site, career, lang):
    tree = page(built_site, "career", lang)
    job = page(built_site, "job-instruction", lang)
    for level in career.levels:
        heading = tree.css_first(f"h3#level-{level.id}")
        assert heading is not None, f"{lang}: no section #level-{level.id}"
        assert level.title.get(lang) in heading.text()
        # The section runs to the next heading: collect its text and links.
        texts, hrefs = [], []
        node = heading.next
        while node is not None and node.tag not in ("h2", "h3"):
            if node.tag != "-text":
                texts.append(node.text())
                hrefs += [a.attributes["href"] for a in node.css("a[href]")]
            node = node.next
        # The typography hook puts no-break spaces before dashes and inside numbers: compare as plain spaces.
        body = " ".join(texts).replace("\u00a0", " ").replace("\u202f", " ")
        assert level.scope.get(lang) in body and level.changes.get(lang) in body
        for item in level.learn_next.get(lang):
            assert item in body
        for duty in level.duties:
            assert f"../job-instruction/#{duty}" in hrefs, f"{lang}: level {level.id} does not link clause {duty}"
            assert job.css_first(f"#{duty}") is not None, f"{lang}: job instruction has no #{duty}"


def test_heading_ids_match_between_languages(built_site):
    ids = {lang: [h.attributes.get("id") for h in page(built_site, "career", lang).css("article h1, article h2, article h3")]
           for lang in LANGUAGES}
    assert ids["ru"] == ids["en"]
    for required in ("salaries", "ladder", "professional-standard", "level-intern", "level-junior"):
        assert required in ids["ru"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_professional_standard_section(built_site, lang):
    tree = page(built_site, "career", lang)
    heading = tree.css_first("h2#professional-standard")
    assert heading is not None
    text = ""
    node = heading.next
    while node is not None and node.tag != "h2":
        text += node.text() if node.tag != "-text" else ""
        node = node.next
    order = "95н" if lang == "ru" else "95n"  # English writes the order number with a Latin n (house terms)
    for fact in ("06.043", order, "54635", "4", "7"):
        assert fact in text
    assert ("пересказ" if lang == "ru" else "summary") in text, "the source (a secondary summary) is named"


@pytest.mark.slow
def test_unknown_career_marker_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "career.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- md:career-ladders -->\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "career.en.md: unknown marker <!-- md:career-ladders -->" in output
