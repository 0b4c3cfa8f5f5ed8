"""The tools glossary: validate ``docs/data/glossary.yml`` and render the glossary pages from it.

* ``on_config``: load the data with ``scripts/glossary_schema.py``. Any problem (a missing language,
  an unknown related id, a duplicate id or name, a YAML error) stops the build with a
  :class:`~mkdocs.exceptions.PluginError` listing ``docs/data/glossary.yml:LINE: term 'id': …``.
* ``on_page_markdown``: on ``glossary.<lang>.md`` replace ``<!-- md:glossary -->`` with the glossary
  in the page's language: a category bar, an alphabetical index, then one section per category
  with one ``### Term { #id }`` per term (the same ids, in the same order, in every language).

Tooltips (link titles and ``<abbr>``) are a separate concern: ``glossary_tooltips.py``.
"""

from __future__ import annotations

import re
from types import ModuleType

from mkdocs.exceptions import PluginError
from project_scripts import docs_file, load as load_script

MARKER = "<!-- md:glossary -->"
DATA = "data/glossary.yml"  # relative to docs_dir

UI = {
    "ru": {
        "categories": "Разделы",
        "index": "Алфавитный указатель",
        "expansion": "Расшифровка",
        "aliases": "Другие названия",
        "related": "См. также",
    },
    "en": {
        "categories": "Sections",
        "index": "Alphabetical index",
        "expansion": "Stands for",
        "aliases": "Also called",
        "related": "See also",
    },
}

EXPLICIT_ID = re.compile(r"\{[^}\n]*#([A-Za-z0-9_-]+)[^}\n]*\}")


def load_schema() -> ModuleType:
    """``scripts/glossary_schema.py`` of this project."""
    return load_script("glossary_schema")


def load(config):
    """The validated glossary; a schema problem becomes a clean PluginError."""
    schema = load_schema()
    path, display = docs_file(config, DATA)
    try:
        return schema.load_glossary_cached(path, display)
    except schema.GlossaryError as exc:
        count = len(exc.findings)
        raise PluginError(
            f"{display}: the glossary data is invalid ({count} problem{'s' if count != 1 else ''}):\n{exc}"
        ) from None
    except OSError as exc:
        raise PluginError(f"{display}: cannot read the glossary data: {exc.strerror}") from None


def page_language(page, config) -> str:
    """``page.file.locale`` (set by mkdocs-static-i18n), else the theme language."""
    schema = load_schema()
    lang = getattr(page.file, "locale", None) or config.theme.get("language") or schema.DEFAULT_LANGUAGE
    lang = str(lang).split("-")[0].split("_")[0].lower()
    return lang if lang in schema.LANGUAGES else schema.DEFAULT_LANGUAGE


# --------------------------------------------------------------------------------------------
# Rendering (pure functions of the data)
# --------------------------------------------------------------------------------------------


def _sort_key(text: str) -> str:
    return text.casefold().replace("ё", "е")


def _index_letter(text: str) -> str:
    first = text.lstrip("«“\"'(")[:1].upper()
    return "Е" if first == "Ё" else (first if first.isalpha() else "0–9")


def render_index(glossary, lang: str) -> list[str]:
    """Alphabetical index: one line per initial letter, Latin before Cyrillic."""
    terms = sorted(glossary.terms, key=lambda t: _sort_key(t.text(lang).term))
    groups: dict[str, list[str]] = {}
    for term in terms:
        text = term.text(lang)
        groups.setdefault(_index_letter(text.term), []).append(f"[{text.term}](#{term.id})")
    lines = ['<div class="glossary-index" markdown>', ""]
    for letter, links in groups.items():
        lines.append(f"- **{letter}** {' · '.join(links)}")
    lines += ["", "</div>"]
    return lines


def render_term(term, glossary, lang: str) -> list[str]:
    schema = load_schema()
    ui = UI[lang]
    text = term.text(lang)
    # One box per term: glossary.css renders a term only when it nears the viewport.
    lines = ['<div class="glossary-term" markdown>', "", f"### {text.heading()} {{ #{term.id} }}", ""]
    if text.abbr and text.expansion and schema.normalize_name(text.expansion) != schema.normalize_name(text.term):
        lines += [f"{ui['expansion']}: *{text.expansion}*", "{ .glossary-expansion }", ""]
    lines += [text.full, ""]
    shown = {schema.normalize_name(n) for n in (text.term, text.abbr, text.expansion) if n}
    aliases = [a for a in text.aliases if schema.normalize_name(a) not in shown]
    if aliases:
        lines += [f"{ui['aliases']}: {', '.join(aliases)}.", "{ .glossary-aliases }", ""]
    if term.related:
        links = [f"[{glossary.by_id[r].text(lang).term}](#{r})" for r in term.related]
        lines += [f"{ui['related']}: {' · '.join(links)}", "{ .glossary-related }", ""]
    return lines + ["</div>", ""]


def render_glossary(glossary, lang: str) -> str:
    """The whole generated part of the glossary page, in Markdown."""
    schema = load_schema()
    ui = UI[lang]
    categories = [c for c in schema.CATEGORIES if glossary.in_category(c)]
    bar = " · ".join(
        f"[{schema.CATEGORY_LABELS[c][lang]}](#{schema.category_anchor(c)})" for c in categories
    )
    lines = [f"{ui['categories']}: {bar}", "{ .glossary-categories }", ""]
    lines += [f"## {ui['index']} {{ #alphabetical-index }}", ""]
    lines += render_index(glossary, lang) + [""]
    for category in categories:
        lines += [f"## {schema.CATEGORY_LABELS[category][lang]} {{ #{schema.category_anchor(category)} }}", ""]
        for term in glossary.in_category(category):
            lines += render_term(term, glossary, lang)
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# MkDocs events
# --------------------------------------------------------------------------------------------


def on_config(config):
    load(config)  # validate early: a broken file stops the build before any page is read
    return config


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.startswith("glossary."):
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"{page.file.src_uri}: the glossary page must contain the marker {MARKER}")
    glossary = load(config)
    schema = load_schema()
    generated = {t.id for t in glossary.terms} | {"alphabetical-index"}
    generated |= {schema.category_anchor(c) for c in schema.CATEGORIES}
    clash = sorted(set(EXPLICIT_ID.findall(markdown.replace(MARKER, ""))) & generated)
    if clash:
        raise PluginError(
            f"{page.file.src_uri}: ids {', '.join(clash)} are generated by the glossary; rename them in the page"
        )
    return markdown.replace(MARKER, render_glossary(glossary, page_language(page, config)))
