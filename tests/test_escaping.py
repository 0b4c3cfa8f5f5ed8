"""Data text reaches the reader as text: every partial renders through ``handbook.templates``
(autoescape on; Markdown templates also backslash Markdown punctuation).

Each test drives the build hook itself (its own render call), with one label or clause replaced by
``HOSTILE``; the rendered page must show those characters, not an element or an entity."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from handbook import site, templates

HOSTILE = "<b>&amp;\"'"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]


def hook(name: str):
    spec = importlib.util.spec_from_file_location(f"escaping_{name}", site.ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def config():
    return load_config(str(site.ROOT / "mkdocs.yml"))


def page(src_uri: str, lang: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=lang), meta={},
                           url=src_uri.replace(f".{lang}.md", "/"))


def html_of(markdown_text: str) -> LexborHTMLParser:
    return LexborHTMLParser(markdown.markdown(markdown_text, extensions=EXTENSIONS))


def test_vacancy_builder_labels_and_clauses_are_text(config, monkeypatch):
    workflows = hook("workflows")
    workflows.on_config(config)
    real = workflows.workflows.builder_data

    def hostile(*args):  # the real builder data, with markup-like text in a label, a level and a clause
        data = real(*args)
        data["ui"]["title"] = data["levels"][0]["title"] = data["core"][0]["text"] = HOSTILE
        return data

    monkeypatch.setattr(workflows.workflows, "builder_data", hostile)
    workflows._state["builder_pages"].add("hiring.en.md")
    out = workflows.on_post_page(f"<main>{workflows.MARKER}</main>", page("hiring.en.md", "en"), config)
    tree = LexborHTMLParser(out)
    assert tree.css("#vacancy-builder b") == [], "a <b> from the data became an element"
    assert tree.css_first("#hb-builder-title").text() == HOSTILE
    labels = [label.text().strip() for label in tree.css("#vacancy-builder label")]
    assert f"2.1 {HOSTILE}" in labels and HOSTILE in labels
    # the JSON for the script cannot close its <script> element
    script = tree.css_first("#hb-vacancy-data").text()
    assert "</" not in script and json.loads(script)["core"][0]["text"] == HOSTILE


def test_glossary_labels_are_text(config, monkeypatch):
    glossary = hook("glossary")
    real = glossary.glossary.page_view

    def hostile_view(terms, lang):
        view = real(terms, lang)
        category = view["categories"][0]
        category["label"] = HOSTILE
        term = category["terms"][0]
        term.update(heading=HOSTILE, aliases=[HOSTILE], full=f"{HOSTILE} [kept](#{term['id']}) *kept*")
        return view

    monkeypatch.setattr(glossary.glossary, "page_view", hostile_view)
    md = glossary.expand_page("# Glossary\n\n<!-- md:glossary -->\n", page("glossary.en.md", "en"), config, None)
    tree = html_of(md)
    assert tree.css("b") == [], "a <b> from the data became an element"
    first = tree.css_first(".glossary-term")
    assert first.css_first("h3").text() == HOSTILE
    assert first.css_first(".glossary-aliases").text().endswith(HOSTILE + ".")
    full = next(p for p in first.css("p") if "kept" in p.text())
    assert full.text().startswith(HOSTILE + " kept")  # the term's own Markdown still works
    assert full.css_first("a").attributes["href"].startswith("#") and full.css_first("em").text() == "kept"
    assert tree.css_first(".glossary-categories a").text() == HOSTILE


def test_career_level_titles_are_text(config):
    career = hook("career")
    career.on_config(config)
    data = career._data["career"]
    first = data.levels[0]
    title = first.title.model_copy(update={"en": HOSTILE})
    career._data["career"] = dataclasses.replace(data, levels=(first.model_copy(update={"title": title}),) + data.levels[1:])
    md = career.on_page_markdown("<!-- md:career-ladder -->\n\n<!-- md:career-levels -->\n",
                                 page("career.en.md", "en"), config, None)
    tree = html_of(md)
    assert tree.css("b") == []
    assert tree.css_first("h3").text() == HOSTILE
    assert tree.css_first(".career-step__title").text() == HOSTILE


def test_a_data_key_named_like_a_dict_method_prints_its_value(tmp_path):
    """`{{ ui.clear }}` printed "<built-in method clear of dict object at 0x…>" on the
    self-assessment page: Jinja looks attributes up before items. Items come first for mappings."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "t.html").write_text("{{ ui.clear }}|{{ ui.items }}|{{ ui.get }}", encoding="utf-8")
    out = templates.render("t.html", dirs=[tmp_path], ui={"clear": "Сбросить", "items": "a&b", "get": "x"})
    assert out == "Сбросить|a&amp;b|x"


def test_a_callable_printed_by_a_template_stops_the_render(tmp_path):
    """A method printed where a string was meant is a defect, not text for the reader."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "t.html").write_text("{{ ui.label }}", encoding="utf-8")
    with pytest.raises(TypeError, match="printed a callable"):
        templates.render("t.html", dirs=[tmp_path], ui=SimpleNamespace(label=str.upper))
