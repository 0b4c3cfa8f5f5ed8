"""The job description as data (docs/data/job-description.yml, handbook.job_description): the
model, its errors with file:line, the page markers, editions (record, changelog, feed, validator),
and, in a copy of the project, one clause's change reaching every consumer."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL, built_page, copy_project, mkdocs_build

from handbook import job_description as jd
from handbook import site
from handbook.datafile import SchemaError

FIXTURES = Path(__file__).parent / "fixtures" / "job-description"
ATOM = "{http://www.w3.org/2005/Atom}"
DATA_FILES = ("job-description.yml", "job-description-editions.yml")


def data_copy(tmp_path: Path) -> tuple[Path, Path]:
    """The two data files in a scratch folder (same names, so load_pair finds the pair)."""
    for name in DATA_FILES:
        shutil.copy(ROOT / "docs" / "data" / name, tmp_path / name)
    return tmp_path / DATA_FILES[0], tmp_path / DATA_FILES[1]


def change_clause(path: Path, clause_id: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` inside one clause's record of a data file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {clause_id}\n")
    end = text.find("- id:", start + 5) % (len(text) + 1)  # the last clause runs to the end
    assert old in text[start:end], f"{old!r} not in clause {clause_id}"
    path.write_text(text[:start] + text[start:end].replace(old, new, 1) + text[end:], encoding="utf-8")


# --- the model ----------------------------------------------------------------------------------

def test_every_clause_once_in_document_order_with_both_languages():
    model = jd.load()
    core = [f"p-{s}-{n}" for s, count in ((1, 7), (2, 7), (3, 3), (4, 7)) for n in range(1, count + 1)]
    assert model.ids() == core + [f"ext-{n}" for n in range(1, 16)]
    clause = model.clause("ext-3")
    assert (clause.number("ru"), clause.number("en"), clause.optional, clause.section) == ("Д.3", "E.3", True, "extended-duties")
    assert model.clause("p-2-4").number("en") == "2.4" and not model.clause("p-2-4").optional
    for c in model.clauses:
        assert c.markdown("ru") and c.markdown("en") and c.markdown("ru") != c.markdown("en")


def test_plain_text_and_items_drop_markdown():
    model = jd.load()
    assert model.clause("p-2-3").plain("ru") == "Привлекает новых клиентов средствами интернет-маркетинга, расширяя клиентскую базу."
    assert "](" in model.clause("p-2-3").markdown("ru")  # the page keeps the glossary link
    items = model.clause("p-1-6").items("en")
    assert len(items) == 5 and items[2] == "how search engines, banner networks and web directories work;"
    assert model.clause("p-1-6").plain("en") == "The internet marketer must know:"
    assert jd.plain("**a** *b* `c` <b>d</b> [e](x.md#y \"t\"){ .z } \\*") == "a b c d e *"
    # code spans are text as written; entities are decoded like a browser shows them
    assert jd.plain("Пишет `<title>` и `&amp;`; A &amp; B &lt;b&gt;") == "Пишет <title> и &amp;; A & B <b>"
    assert jd.plain("имеющее ________ образование, __важно__ и ___вложено___") == "имеющее ________ образование, важно и вложено"
    assert len(re.findall(r"_{6,}", model.clause("p-1-5").plain("ru"))) == 2  # the blanks survive into the builder


def test_a_clause_without_english_is_a_data_error_with_file_and_line():
    with pytest.raises(SchemaError) as caught:
        jd.load(FIXTURES / "missing-en.yml", "missing-en.yml", editions=None)
    assert str(caught.value) == "missing-en.yml:19: clause 'p-1-2': field 'en': required field is missing"


def test_a_repeated_key_is_a_data_error_with_file_and_line():
    with pytest.raises(SchemaError) as caught:
        jd.load(FIXTURES / "duplicate-key.yml", "duplicate-key.yml", editions=None)
    assert str(caught.value).startswith("duplicate-key.yml:18: clause 'p-1-1': YAML syntax error: duplicate key 'ru' (first at line 17)")


@pytest.mark.parametrize("old,new,expected", [
    ("- id: p-1-2\n", "- id: p-1-1\n", "clause 'p-1-1': field 'id': duplicate id (first at line"),
    ("- id: p-2-1\n", "- id: p-3-9\n", "clause 'p-3-9': field 'id': a clause of section 'duties' needs an id like p-2-<n>"),
    ('        en: "Organises', '        en: ""\n        x: "Organises', "clause 'p-2-2': field 'en': string should have at least 1 character"),
])
def test_broken_records_name_their_line(tmp_path, old, new, expected):
    path, _ = data_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        jd.load_pair(path, "jd.yml")
    assert re.match(r"^jd\.yml:\d+: ", str(caught.value)) and expected in str(caught.value), str(caught.value)


# --- the page markers -----------------------------------------------------------------------------

def page_source(lang: str) -> str:
    return (ROOT / "docs" / f"job-instruction.{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_markers_place_every_clause_as_the_page_did(lang):
    model = jd.load()
    markdown = jd.expand(page_source(lang), model, lang, "page.md")
    found = re.findall(r'<div class="clause( clause-optional)?" id="([a-z0-9-]+)" data-search-exclude="clause" markdown>\n\n\*\*([^*]+)\*\* ', markdown)
    assert [cid for _, cid in [(o, i) for o, i, _ in found]] == model.ids()
    assert all(num == f"{model.clause(cid).number(lang)}." and bool(opt) == model.clause(cid).optional
               for opt, cid, num in found)
    assert markdown.count('<div class="doc-approval" markdown>') == 1 and 'class="doc-ack"' in markdown


@pytest.mark.parametrize("old,new,expected", [
    ("<!-- md:job-description rights -->", "", "page.md:1: the <!-- md:job-description --> markers must place every "
     "clause and block of docs/data/job-description.yml once (not placed: p-3-1, p-3-2, p-3-3)"),
    ("<!-- md:job-description rights -->", "<!-- md:job-description rigths -->",
     "page.md:{line}: unknown <!-- md:job-description rigths --> (a section, a clause range"),
    ("<!-- md:job-description p-1-6..p-1-7 -->", "<!-- md:job-description p-1-6..p-2-1 -->",
     "page.md:{line}: <!-- md:job-description p-1-6..p-2-1 -->: a range runs forward within one section"),
    ("<!-- md:job-description p-1-6..p-1-7 -->", "<!-- md:job-description p-1-6..p-9-9 -->",
     "page.md:{line}: <!-- md:job-description p-1-6..p-9-9 -->: no clause 'p-9-9'"),
    ("## 3. Права { #rights }", "## 3. Права работника { #rights }",
     "page.md:{line}: the heading of section 'rights' reads '3. Права работника'; docs/data/job-description.yml calls it '3. Права'"),
])
def test_marker_mistakes_name_the_page_line(old, new, expected):
    text = page_source("ru")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    with pytest.raises(jd.PageError) as caught:
        jd.expand(text.replace(old, new, 1), jd.load(), "ru", "page.md")
    assert str(caught.value).startswith(expected.format(line=line)), str(caught.value)


# --- editions -----------------------------------------------------------------------------------

def test_the_current_text_is_recorded_as_the_latest_edition():
    model = jd.load()
    assert (model.edition.number, model.edition.date) == (2, dt.date(2026, 12, 6))
    assert [e.number for e in model.editions] == [1, 2] and model.unrecorded() == []
    assert {c.changed_in for c in model.clauses} == {1, 2}
    # edition 2: the legal review (issue #22) reworded section 4 and the blanks of 1.3 and 1.5
    assert model.clause("p-4-2").changed_in == 2 and model.clause("ext-15").changed_in == 1


def test_mark_current_records_a_changed_clause_with_old_and_new_wording(tmp_path):
    path, editions = data_copy(tmp_path)
    assert jd.mark_current(path, editions, dt.date(2026, 12, 6)) is None  # nothing changed
    base = jd.load_pair(path).edition.number
    change_clause(path, "p-2-4", "their direct manager", "the head of digital marketing")
    model = jd.load_pair(path)
    assert model.unrecorded() == [("p-2-4", "changed")] and model.clause("p-2-4").changed_in is None
    edition = jd.mark_current(path, editions, dt.date(2026, 12, 7))
    assert edition.number == base + 1
    model = jd.load_pair(path)
    assert (model.edition.number, model.edition.date) == (base + 1, dt.date(2026, 12, 7))
    assert model.unrecorded() == [] and model.clause("p-2-4").changed_in == base + 1 and model.clause("ext-15").changed_in == 1
    [change] = model.changes(model.editions[-1])
    assert (change.kind, change.id) == ("changed", "p-2-4")
    assert "their direct manager" in change.old.en and "the head of digital marketing" in change.new.en
    assert change.old.ru == change.new.ru
    history = jd.history_markdown(model, "en")
    assert f"### Edition {base + 1} of 7 December 2026 {{ #edition-{base + 1} }}" in history
    assert "**[Clause 2.4](#p-2-4)** — changed" in history and "*Before:* Oversees" in history


def test_added_and_removed_clauses_are_listed_with_their_wording(tmp_path):
    path, editions = data_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: ext-15\n")
    removed = text[start:]
    added = ('      - id: p-3-4\n        ru: "Знакомиться с проектами решений руководства."\n'
             '        en: "Read draft decisions of management."\n')
    text = text.replace(removed, "")  # ext-15, the file's last clause, goes
    p33 = '        en: "Submit to their direct manager proposals for improving the work covered by this job description."\n'
    assert p33 in text
    text = text.replace(p33, p33 + added, 1)
    path.write_text(text, encoding="utf-8")
    model = jd.load_pair(path)
    assert sorted(model.unrecorded()) == [("ext-15", "removed"), ("p-3-4", "added")]
    jd.mark_current(path, editions, dt.date(2026, 12, 6))
    model = jd.load_pair(path)
    kinds = {c.id: (c.kind, c.old, c.new) for c in model.changes(model.editions[-1])}
    assert kinds["p-3-4"][0] == "added" and kinds["p-3-4"][1] is None and kinds["p-3-4"][2].en == "Read draft decisions of management."
    assert kinds["ext-15"][0] == "removed" and kinds["ext-15"][1].ru == "Готовит отчёты для руководства." and kinds["ext-15"][2] is None
    history = jd.history_markdown(model, "ru")
    assert "**Пункт Д.15** — исключён" in history and "[Пункт 3.4](#p-3-4)" in history  # no link to a removed clause


def test_the_feed_is_atom_with_absolute_urls(tmp_path):
    path, editions = data_copy(tmp_path)
    change_clause(path, "ext-15", "Prepares reports for management.", "Prepares reports for the board.")
    jd.mark_current(path, editions, dt.date(2026, 12, 7))
    model = jd.load_pair(path)
    numbers = [e.number for e in reversed(model.editions)]
    for lang in ("ru", "en"):
        feed = ET.fromstring(jd.atom_feed(model, lang, SITE_URL))
        assert feed.tag == f"{ATOM}feed"
        page = site.page_url("job-instruction", lang, None, SITE_URL)
        assert feed.findtext(f"{ATOM}id") == page + "editions.xml"
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == page + "editions.xml"
        assert feed.findtext(f"{ATOM}updated") == "2026-12-07T00:00:00Z" and feed.findtext(f"{ATOM}author/{ATOM}name")
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [f"{page}#edition-{n}" for n in numbers]
        assert all(e.findtext(f"{ATOM}title") and e.findtext(f"{ATOM}updated") for e in entries)
        assert site.clause_number("ext-15", lang) in entries[0].findtext(f"{ATOM}summary")


def test_edition_command_line(tmp_path):
    path, editions = data_copy(tmp_path)
    base = jd.load_pair(path).edition.number
    change_clause(path, "p-3-3", "Submit to their direct manager", "Send to their direct manager")
    run = lambda *a: subprocess.run([sys.executable, "-m", "handbook.cli", "edition", "--data", path,  # noqa: E731
                                     "--editions", editions, *a], capture_output=True, text=True, cwd=ROOT)
    status = run()
    assert status.returncode == 0 and f"p-3-3: changed since edition {base}" in status.stdout
    marked = run("--mark-current", "--date", "2026-12-07")
    assert marked.returncode == 0 and f"edition {base + 1} of 2026-12-07 recorded (1 clause(s) added or changed: p-3-3)" in marked.stdout
    assert f"edition: {{number: {base + 1}, date: 2026-12-07}}" in path.read_text(encoding="utf-8")
    shutil.copy(FIXTURES / "missing-en.yml", path)
    bad = subprocess.run([sys.executable, "-m", "handbook.cli", "data", path], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().endswith(":19: clause 'p-1-2': field 'en': required field is missing")


def test_validator_asks_for_a_new_edition_until_it_is_recorded(tmp_path):
    """tests/fixtures/validator/J001-clause-edition: a clause changed after edition 1 was recorded."""
    fixtures = ROOT / "tests/fixtures/validator"
    shutil.copy(fixtures / "base.yml", tmp_path / "base.yml")
    project = shutil.copytree(fixtures / "J001-clause-edition", tmp_path / "site")
    validate = lambda *a: subprocess.run([sys.executable, ROOT / "scripts/validate.py", project, "--no-cache", *a],  # noqa: E731
                                         capture_output=True, text=True)
    plain = validate()
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "docs/data/job-description.yml:19:1: warning J001 clause 'p-1-2' changed since edition 1 was recorded" in plain.stdout
    assert validate("--strict").returncode == 1
    data = project / "docs/data"
    subprocess.run([sys.executable, "-m", "handbook.cli", "edition", "--mark-current", "--date", "2026-12-06",
                    "--data", data / "job-description.yml", "--editions", data / "job-description-editions.yml"],
                   check=True, cwd=ROOT, capture_output=True)
    after = validate("--strict")
    assert after.returncode == 0 and "J001" not in after.stdout, after.stdout


# --- end to end, in a copy of the project ---------------------------------------------------------

def builder_json(site_dir: Path, lang: str) -> dict:
    html = built_page(site_dir, "hiring", lang).read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="hb-vacancy-data">(.*?)</script>', html, re.S)
    assert match, "no builder data on the hiring page"
    return json.loads(match[1])


def docx_text(site_dir: Path, lang: str) -> str:
    import docx

    path = built_page(site_dir, "job-instruction", lang).parent / f"internet-marketer-job-description-{lang}.docx"
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


@pytest.mark.slow
def test_one_changed_clause_reaches_every_consumer(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "docs/data/job-description.yml"
    change_clause(data, "p-2-6", "Отвечает на запросы клиентов, поступающие через сайт и другие онлайн-каналы проекта.",
                  "Отвечает на письма и звонки клиентов.")
    change_clause(data, "p-2-6", "Answers customer enquiries received through the website and the project's other online channels.",
                  "Answers letters and calls from customers.")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for lang, text in (("ru", "Отвечает на письма и звонки клиентов."), ("en", "Answers letters and calls from customers.")):
        page = built_page(tmp_path / "site", "job-instruction", lang).read_text(encoding="utf-8")
        clause = re.search(r'<div class="clause" id="p-2-6">\s*<p><strong>2\.6\.</strong>(.*?)</p>', page, re.S)
        assert clause and text in clause[1], f"{lang} page lacks the new text"
        core = {c["id"]: c for c in builder_json(tmp_path / "site", lang)["core"]}
        assert core["p-2-6"]["text"] == text
        assert f"2.6. {text}" in docx_text(tmp_path / "site", lang)
    validate = subprocess.run([sys.executable, ROOT / "scripts/validate.py", project, "--select", "J"],
                              capture_output=True, text=True)
    assert re.search(r"warning J001 clause 'p-2-6' changed since edition \d+", validate.stdout)


@pytest.mark.slow
def test_a_clause_without_english_stops_the_build_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "docs/data/job-description.yml"
    text = data.read_text(encoding="utf-8")
    target = '        en: "Keeps records of the performance of contracts the organisation has concluded to promote the project (with contractors and advertising platforms)."\n'
    line = text[:text.index(target)].count("\n") - 1  # the clause's "- id: p-2-7" line
    data.write_text(text.replace(target, "", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    problem = f"docs/data/job-description.yml:{line}: clause 'p-2-7': field 'en': required field is missing"
    lines = [x for x in result.stderr.splitlines() if "job-description.yml" in x]
    assert len(lines) == 1 and lines[0].endswith(problem), result.stderr  # one line, from the job description's hook
    assert "Traceback" not in result.stderr and "Invalid competency data" not in result.stderr


def test_changed_in_shows_only_for_clauses_changed_after_edition_one(tmp_path):
    path, editions = data_copy(tmp_path)
    markdown = page_source("en")
    model = jd.load_pair(path)
    base = model.edition.number
    changed = [c.id for c in model.clauses if c.changed_in and c.changed_in > 1]

    def clause(out: str, cid: str) -> str:
        return out[out.index(f'id="{cid}"'):out.index("</div>", out.index(f'id="{cid}"'))]

    first = jd.expand(markdown, model, "en", "page.md")
    assert first.count("hb-clause-edition") == len(changed)  # edition 1 is the baseline: it says nothing
    assert "hb-clause-edition" not in clause(first, "ext-15")  # unchanged since edition 1
    change_clause(path, "ext-15", "Prepares reports for management.", "Prepares reports for the board.")
    jd.mark_current(path, editions, dt.date(2026, 12, 7))
    out = jd.expand(markdown, jd.load_pair(path), "en", "page.md")
    assert out.count("hb-clause-edition") == len(changed) + 1
    assert f'<a href="#edition-{base + 1}">Changed in edition {base + 1}</a>' in clause(out, "ext-15")
    assert "reports for the board" in clause(out, "ext-15")
    assert f"### Edition {base + 1} of 7 December 2026 {{ #edition-{base + 1} }}" in out  # the target of that link


def test_the_hook_names_the_page_line_after_front_matter(tmp_path):
    """MkDocs hands hooks the Markdown without front matter; the error still names the file's line."""
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("jd_hook", ROOT / "overrides/hooks/job_description.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    text = page_source("en").replace("<!-- md:job-description rights -->", "<!-- md:job-description rihgts -->")
    line = text[:text.index("rihgts")].count("\n") + 1
    source = tmp_path / "docs" / "job-instruction.en.md"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the site's languages
    body = text.split("\n---\n", 1)[1]
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(ROOT / "docs"), theme=Theme())
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source), src_uri="job-instruction.en.md",
                                                norm_src_uri="job-instruction.md", locale="en"))
    hook._state["model"] = jd.load()
    with pytest.raises(PluginError) as caught:
        hook._expand_markers(body, page, config, None)
    assert str(caught.value).startswith(f"docs/job-instruction.en.md:{line}: unknown <!-- md:job-description rihgts -->")


class Theme(dict):
    """What the hook reads of MkDocs' theme: its language and its template folders."""

    def __init__(self):
        super().__init__(language="en")
        self.dirs = [str(ROOT / "overrides")]
