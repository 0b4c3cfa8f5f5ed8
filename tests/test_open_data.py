"""The handbook's data under /data/v1/ and the Occupation JSON-LD of the role pages.

Every published file validates against the JSON Schema written beside it (jsonschema, draft
2020-12), the index lists exactly the files there are, and the Occupation markup parses and
carries the checked classification codes and only dated salary figures. Each check is shown to fail
on broken input: tests/fixtures/open_data/broken-*.yml break the built files one way at a time.
All tests read the session's one built site (tests/conftest.py).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import LANGUAGES, ROOT, SITE_URL, built_page, copy_project, mkdocs_build
from handbook import open_data, templates
from handbook.datafile import SchemaError
from handbook.workflows import script_json

FIXTURES = ROOT / "tests" / "fixtures" / "open_data"
SETTINGS = open_data.load_settings(ROOT / "docs" / open_data.DATA_FILE)
LD_JSON = re.compile(r'<script type="application/ld\+json">(?P<body>.*?)</script>', re.S)
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

# The Occupation markup, as these tests require it. The codes are the ones checked against the
# official classifiers (docs/data/open-data.yml): ОКЗ ОК 010-2014 (МСКЗ-08) 2431 «Специалисты по
# рекламе и маркетингу» and ISCO-08 2431 "Advertising and marketing professionals".
CODE = {"type": "object", "required": ["@type", "codeValue", "name", "inCodeSet"],
        "properties": {"@type": {"const": "CategoryCode"}, "name": {"type": "string", "minLength": 1},
                       "inCodeSet": {"type": "object", "required": ["@type", "name", "description"]}}}
OCCUPATION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["@context", "@type", "name", "description", "responsibilities", "skills",
                 "occupationalCategory", "occupationLocation", "mainEntityOfPage"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "Occupation"},
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 20},
        "responsibilities": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 10}},
        "skills": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["@type", "name", "url"],
            "properties": {"@type": {"const": "DefinedTerm"}, "name": {"type": "string", "minLength": 1}}}},
        "occupationalCategory": {"type": "array", "items": CODE, "allOf": [
            {"contains": {"properties": {"codeValue": {"const": "2431"},
                                         "inCodeSet": {"properties": {"name": {"const": "ОКЗ"}}}}}},
            {"contains": {"properties": {"codeValue": {"const": "2431"},
                                         "inCodeSet": {"properties": {"name": {"const": "ISCO-08"}}}}}},
        ]},
        "estimatedSalary": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["@type", "currency", "validFrom", "value", "description"],
            "properties": {
                "@type": {"const": "MonetaryAmount"},
                "currency": {"const": "RUB"},
                "validFrom": {"type": "string", "pattern": ISO_DATE},
                "value": {"type": "object", "required": ["@type", "unitText"],
                          "anyOf": [{"required": ["minValue"]}, {"required": ["value"]}]},
            }}},
    },
}


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(schema: dict, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator(schema).iter_errors(document)]


def mutate(document: Any, path: str, op: str, value: Any = None) -> Any:
    """A copy of ``document`` with ``path`` (keys and indexes joined by dots) deleted or set."""
    out = copy.deepcopy(document)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node = out
    for part in parents:
        node = node[part]
    key = int(last) if isinstance(last, int) else last
    if op == "delete":
        del node[key]
    else:
        node[key] = value
    return out


def mutations(name: str) -> list[dict]:
    entries = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return [pytest.param(e, id=e["name"]) for e in entries]


def data_dir(site: Path) -> Path:
    return site / open_data.BASE


def load(site: Path, name: str) -> Any:
    return json.loads((data_dir(site) / name).read_text(encoding="utf-8"))


def schema_of(site: Path, name: str) -> dict:
    return load(site, f"schema/{name.removesuffix('.json')}.schema.json")


def occupation_markup(site: Path, page: str, lang: str) -> list[Any]:
    html = built_page(site, page, lang).read_text(encoding="utf-8")
    return [json.loads(m["body"]) for m in LD_JSON.finditer(html)]


# --- /data/v1/ ----------------------------------------------------------------------------------


def test_index_lists_every_dataset_and_every_file(built_site):
    index = load(built_site, "index.json")
    assert [f["dataset"] for f in index["files"]] == [d.id for d in SETTINGS.datasets]
    listed = {f["path"] for f in index["files"]} | {f["schema_path"] for f in index["files"]}
    listed |= {"index.json", "schema/index.schema.json"}
    on_disk = {p.relative_to(data_dir(built_site)).as_posix() for p in data_dir(built_site).rglob("*.json")}
    assert on_disk == listed
    for entry in index["files"]:
        assert entry["url"] == f"{SITE_URL}{open_data.BASE}/{entry['path']}"
        assert entry["schema_url"] == f"{SITE_URL}{open_data.BASE}/{entry['schema_path']}"


@pytest.mark.parametrize("name", ["index.json", *(f"{d.id}.json" for d in SETTINGS.datasets)])
def test_every_published_file_validates_against_its_schema(built_site, name):
    schema = schema_of(built_site, name)
    assert schema["$schema"] == open_data.JSON_SCHEMA_DIALECT
    assert schema["$id"] == f"{SITE_URL}{open_data.BASE}/schema/{name.removesuffix('.json')}.schema.json"
    document = load(built_site, name)
    assert errors(schema, document) == []
    assert document["schema_version"] == open_data.SCHEMA_VERSION
    assert document["licence"] == SETTINGS.licence.model_dump()


@pytest.mark.parametrize("name", [f"{d.id}.json" for d in SETTINGS.datasets])
def test_records_have_unique_permanent_ids_and_urls_in_both_languages(built_site, name):
    document = load(built_site, name)
    assert document["dataset"] == name.removesuffix(".json")
    assert document["documentation"] == {lang: f"{SITE_URL}{'' if lang == 'ru' else lang + '/'}open-data/"
                                         for lang in LANGUAGES}
    records = [v for k, v in document.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
    assert records, f"{name} has no list of records"
    for items in records:
        ids = [item.get("id") or item.get("clause") or item.get("number") for item in items]
        assert all(ids) and len(ids) == len(set(ids)), f"{name}: ids missing or repeated: {ids}"
        for item in items:  # a source's own address is its url; its entry on the site is entry
            on_site = item.get("entry") if "entry" in item else item.get("url")
            if on_site is not None:
                assert set(on_site) == set(LANGUAGES)


@pytest.mark.parametrize("entry", mutations("broken-data.yml"))
def test_schema_check_fails_on_each_broken_file(built_site, entry):
    document = load(built_site, entry["file"])
    assert errors(schema_of(built_site, entry["file"]), document) == []
    broken = mutate(document, entry["path"], entry["op"], entry.get("value"))
    assert errors(schema_of(built_site, entry["file"]), broken), f"{entry['name']} was not caught"


def test_published_salaries_keep_full_provenance(built_site):
    """Every row has its method, measure, date (or why none) and a source whose full record (title,
    publisher, date or why none, URL or why none) is in the same file and in sources.json; nothing is
    dropped from the data file on the way."""
    from handbook import salaries

    data = salaries.load_salaries(ROOT / "docs/data/salaries.yml")
    document = load(built_site, "salaries.json")
    assert [r["id"] for r in document["rows"]] == [r.id for r in data.rows]
    cited = {s["id"]: s for s in document["sources"]}
    registry = {s["id"]: s for s in load(built_site, "sources.json")["sources"]}
    for row in document["rows"] + document["facts"]:
        assert row["kind"] if "kind" in row else row["value"]
        assert row["as_of"] or row["date_note"]
        source = cited[row["source"]["ref"]]
        assert source == registry[source["id"]]
        assert source["publisher"] and (source["date"] or source["date_note"]) and (source["url"] or source["no_url"])


def test_no_published_file_shows_the_editors_seed_codes(built_site):
    for path in data_dir(built_site).rglob("*.json"):
        assert '"seed"' not in path.read_text(encoding="utf-8"), path.name


def test_data_page_lists_every_file_in_both_languages(built_site):
    index = load(built_site, "index.json")
    for lang in LANGUAGES:
        # the typography hook binds "№ 2020" and the like with no-break spaces
        html = built_page(built_site, "open-data", lang).read_text(encoding="utf-8").replace("\u00a0", " ")
        for entry in index["files"]:
            assert f'href="../{"../" if lang != "ru" else ""}{open_data.BASE}/{entry["path"]}"' in html
            assert entry["title"][lang] in html
        assert f"{SITE_URL}{open_data.BASE}/index.json" in html  # the examples use the site's own URL
        for category in SETTINGS.occupation.categories:
            assert category.classifier.get(lang) in html


def test_a_changed_clause_reaches_the_data_and_the_occupation(tmp_path):
    """One clause's text changed in job-description.yml shows in clauses.json and in the
    Occupation's responsibilities (the package alone, no site build). The clause's current wording
    is read from the data, so the test does not pin any edition's text."""
    import shutil

    from handbook import occupation

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    path = docs / "data/job-description.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    clause = next(c for sec in data["sections"] for c in sec["clauses"] if c["id"] == "p-2-4")
    clause["en"] = new = "Sends the head of internet marketing a written project report every Friday."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    files = open_data.build(docs, SITE_URL, SETTINGS)
    published = next(c for c in json.loads(files[f"{open_data.BASE}/clauses.json"])["clauses"] if c["id"] == "p-2-4")
    assert published["markdown"]["en"] == new and published["plain"]["en"] == new
    assert new in occupation.occupation(SETTINGS, docs, "en", SITE_URL)["responsibilities"]


def example(site: Path, lang: str, marker: str) -> str:
    """The code of the data page's example that contains ``marker``, as a reader copies it."""
    import html as html_lib

    page = built_page(site, "open-data", lang).read_text(encoding="utf-8")
    blocks = [html_lib.unescape(re.sub(r"<[^>]+>", "", b)) for b in re.findall(r"<code>(.*?)</code>", page, re.S)]
    return next(b for b in blocks if marker in b)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_python_example_runs_against_the_served_site(built_site, served_site, lang, capsys):
    code = example(built_site, lang, "urlopen").replace(SITE_URL, served_site)
    exec(compile(code, f"open-data.{lang} example", "exec"), {})
    printed = capsys.readouterr().out
    assert "competencies" in printed and "p-2-4" in printed


@pytest.mark.browser
def test_the_javascript_example_runs_in_a_browser(built_site, served_site, browser):
    code = example(built_site, "en", "await get(").replace(SITE_URL, served_site)
    page = browser.new_page()
    try:
        page.goto(served_site + "en/open-data/")
        logged: list[str] = []
        page.on("console", lambda message: logged.append(message.text))
        page.evaluate(f"async () => {{ {code} }}")
        assert any(line.startswith("analytics ") and "p-2-" in line for line in logged), logged
    finally:
        page.close()


def test_bad_settings_name_file_and_line(tmp_path):
    text = (ROOT / "docs" / open_data.DATA_FILE).read_text(encoding="utf-8")
    bad = tmp_path / "open-data.yml"
    bad.write_text(text.replace("  - id: glossary\n", "  - id: gloss-ary-list\n", 1), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        open_data.load_settings(bad, "docs/data/open-data.yml")
    line = text.splitlines().index("  - id: glossary") + 1
    assert str(caught.value).startswith(f"docs/data/open-data.yml:{line}: dataset 'gloss-ary-list': field 'id': no builder")


def test_a_broken_house_term_stops_publishing_with_file_and_line(tmp_path):
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "data", docs / "data")
    terms = docs / "data/house-terms.yml"
    text = terms.read_text(encoding="utf-8")
    assert text.count("\n      prefer: job description\n") == 1  # the term 'job-description', in English
    terms.write_text(text.replace("      prefer: job description\n", "      preferred: job description\n", 1), encoding="utf-8")
    line = text.splitlines().index("      prefer: job description")  # the line above it (en:), 1-based
    with pytest.raises(SchemaError) as caught:
        open_data.build(docs, SITE_URL, SETTINGS)
    assert str(caught.value) == (f"docs/data/house-terms.yml:{line}: term 'job-description': "
                                 "field 'en.prefer': required field is missing\n"
                                 f"docs/data/house-terms.yml:{line + 1}: term 'job-description': "
                                 "field 'en.preferred': unknown field")


@pytest.mark.slow
def test_bad_settings_stop_the_real_build_with_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    settings = project / "docs" / open_data.DATA_FILE
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  - id: glossary\n", "  - id: gloss-ary-list\n", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    line = text.splitlines().index("  - id: glossary") + 1
    assert result.returncode != 0
    assert "Traceback" not in output, output[-2000:]
    assert f"docs/data/open-data.yml:{line}: dataset 'gloss-ary-list': field 'id': no builder" in output


# --- Occupation JSON-LD ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", SETTINGS.occupation.pages)
def test_role_pages_carry_a_valid_occupation(built_site, page, lang):
    blocks = [b for b in occupation_markup(built_site, page, lang) if b.get("@type") == "Occupation"]
    assert len(blocks) == 1, f"{page}.{lang}: expected one Occupation, found {len(blocks)}"
    occupation = blocks[0]
    assert errors(OCCUPATION_SCHEMA, occupation) == []
    assert occupation["name"] == SETTINGS.occupation.name.get(lang)
    duties = [c for c in load(built_site, "clauses.json")["clauses"] if c["section"] == "duties"]
    assert occupation["responsibilities"] == [c["plain"][lang] for c in duties]
    assert occupation["mainEntityOfPage"]["@id"] == f"{SITE_URL}{'' if lang == 'ru' else lang + '/'}{page}/"
    salaries = load(built_site, "salaries.json")["rows"]
    own = {r["id"]: r for r in salaries if r["role"] == "internet-marketer" and r["as_of"]}
    cited = {s["id"] for s in load(built_site, "salaries.json")["sources"]}
    for amount in occupation.get("estimatedSalary", []):
        row = own[amount["identifier"]]  # only the role's own, dated figures
        assert amount["validFrom"] == row["as_of"]
        assert row["source"]["ref"] in cited


def test_pages_without_the_role_have_no_occupation(built_site):
    for lang in LANGUAGES:
        for page in ("index", "glossary", "open-data"):
            assert occupation_markup(built_site, page, lang) == []


def test_estimated_salary_takes_only_the_roles_own_dated_sourced_pay():
    """Category figures, undated figures and freelance prices never become the role's salary;
    quartiles give the interquartile range and the median, with the figure's date."""
    import dataclasses

    from handbook import occupation, salaries

    data = salaries.load_salaries(ROOT / "docs/data/salaries.yml")
    base = next(r for r in data.rows if r.role == "internet-marketer" and r.as_of and r.statistic == "range")
    rows = (
        base.model_copy(update={"id": "salary-category", "role": "category-marketing-advertising-pr"}),
        base.model_copy(update={"id": "salary-undated", "as_of": None}),
        base.model_copy(update={"id": "salary-price", "per": "client", "measure": "price", "kind": "freelance-rate"}),
        base.model_copy(update={"id": "salary-quartiles", "statistic": "quartiles", "low": None, "high": None,
                                "p25": 60000, "median": 80000, "p75": 110000, "as_of": "2026-11",
                                "measure": "offered", "kind": "vacancy-offers", "basis": "net"}),
        base,
    )
    found = occupation.estimated_salary(dataclasses.replace(data, rows=rows), "en", SETTINGS.ui["en"])
    assert [a["identifier"] for a in found] == ["salary-quartiles", base.id]  # newest first
    quartiles = found[0]
    assert quartiles["validFrom"] == "2026-11"
    assert quartiles["value"] == {"@type": "QuantitativeValue", "unitText": "MONTH",
                                  "minValue": 60000, "maxValue": 110000, "value": 80000}
    assert "employers' offers" in quartiles["description"] and "take-home (net)" in quartiles["description"]
    assert errors(OCCUPATION_SCHEMA["properties"]["estimatedSalary"], found) == []


@pytest.mark.parametrize("entry", mutations("broken-occupation.yml"))
def test_occupation_check_fails_on_each_broken_markup(built_site, entry):
    occupation = occupation_markup(built_site, "profession", "ru")[0]
    assert errors(OCCUPATION_SCHEMA, occupation) == []
    broken = mutate(occupation, entry["path"], entry["op"], entry.get("value"))
    assert errors(OCCUPATION_SCHEMA, broken), f"{entry['name']} was not caught"


def test_json_ld_cannot_close_its_script_element():
    hostile = {"@type": "Occupation", "name": "</script><script>alert(1)</script>", "description": "a & b 'c'"}
    html = templates.render("occupation-jsonld.html", json_ld=script_json(hostile))
    assert html.count("</script>") == 1 and "<script>" not in html
    assert json.loads(LD_JSON.search(html)["body"]) == hostile


def test_json_ld_is_a_data_block_the_csp_does_not_hash(built_site):
    """application/ld+json is not executed: make_csp.py hashes executable inline scripts only, so
    the markup adds no hash to the policy (tests/test_nginx.py checks the policy in a browser)."""
    from tools import make_csp

    page = built_page(built_site, "job-instruction", "en")
    parser = make_csp._PageParser("job-instruction")
    parser.feed(page.read_text(encoding="utf-8"))
    body = LD_JSON.search(page.read_text(encoding="utf-8"))["body"]
    assert body not in parser.scripts
    assert "application/ld+json" not in make_csp.JS_TYPES


# --- served by the real nginx (deploy/nginx.conf) ---------------------------------------------------

from test_nginx import CONFIG, fetch, nginx_binary, nginx_over, nginx_site  # noqa: E402,F401  (fixtures)


def cors_problems(base: str) -> list[str]:
    """The data may be fetched from other sites' pages (CORS), as UTF-8 JSON; the pages may not."""
    problems = []
    for path in (f"/{open_data.BASE}/index.json", f"/{open_data.BASE}/schema/glossary.schema.json"):
        resp = fetch(base, path)
        if resp.status != 200 or resp.headers.get("access-control-allow-origin") != "*":
            problems.append(f"{path}: {resp.status}, Access-Control-Allow-Origin {resp.headers.get('access-control-allow-origin')!r}")
        if resp.headers.get("content-type") != "application/json; charset=utf-8":
            problems.append(f"{path}: Content-Type {resp.headers.get('content-type')!r}")
    for path in ("/", "/en/open-data/"):
        if "access-control-allow-origin" in fetch(base, path).headers:
            problems.append(f"{path}: a page is shared with other origins")
    return problems


def test_data_is_served_to_other_origins_and_pages_are_not(nginx_site):
    assert cors_problems(nginx_site) == []


def test_cors_check_notices_a_missing_header(built_site, nginx_binary, tmp_path):
    config = tmp_path / "nginx.conf"
    text = CONFIG.read_text(encoding="utf-8")
    line = "add_header Access-Control-Allow-Origin $handbook_cors always;"
    assert text.count(line) == 1
    config.write_text(text.replace(line, ""), encoding="utf-8")
    with nginx_over(built_site, tmp_path / "prefix", config=config) as base:
        assert cors_problems(base)
