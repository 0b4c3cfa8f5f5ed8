"""Search that understands word forms and keeps each language to itself (build side).

Material's UI and its lunr worker stay; lunr-languages' Russian and English Snowball stemmers
(shipped with Material) normalise the text when the browser indexes it. The browser side is
``overrides/assets/javascripts/workers/search-i18n.js``; README "Search" explains the choice.

1. ``on_page_content``: every job-instruction clause (``<div class="clause" id="p-2-5">``)
   becomes its own search entry titled by its number ("2.5"), linking to the clause. The div is
   marked ``data-search-exclude`` so its words are not indexed a second time in its section
   (Material drops the attribute from the page afterwards).
2. ``on_post_page`` / ``on_post_template``: Material starts the worker named in ``__config.search``;
   point it at our wrapper with the page's language and the wrapped worker's file name.
3. ``on_post_build``, after mkdocs-static-i18n has merged every language into
   ``search/search_index.json``: write ``search/search_index.<lang>.json`` per language (plus the
   clause entries) and leave only the config in ``search/search_index.json``, which Material's page
   script still fetches (the worker then fetches its own language's file).
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from jinja2.utils import htmlsafe_json_dumps
from material.plugins.search.plugin import Parser
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SEARCH_DIR = "search"
MERGED_INDEX = "search_index.json"
WORKER_DIR = "assets/javascripts/workers"
WORKER = "search-i18n.js"
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
PERMALINK = re.compile(r'\s*<a class="headerlink[^"]*"[^>]*>¶</a>')
PILCROW = re.compile(r"\s*¶")
LEADING_NUMBER = re.compile(r"^\s*(<p>)?\s*<strong>([^<]{1,12}?)\.?</strong>\s*")
EXCLUDE = ' data-search-exclude="clause"'

# Ranking on top of Material's field boosts (title x1000, text x1). A clause is the authoritative
# wording and a glossary entry the definition: both should outrank pages that quote or mention
# them ("SMM" is also in three section titles on roles/). A page's own `search: boost` front
# matter (Material's setting) wins over PAGE_BOOST.
CLAUSE_BOOST = 2.0
PAGE_BOOST = {"glossary": 2.0}  # docs-relative page name without language suffix -> boost
# The matrix and the interview kit paraphrase every duty, and their headings ("SEO и сайт",
# "Коммуникация и отчётность") match generic words with Material's title weight (x1000): their
# entries rank below the pages they paraphrase. Each competency's own section
# (competencies/#analytics) is its entry, a little higher (measured with tests/search_queries.yml
# and tests/test_competencies.py: the query table holds, every competency name finds its entry).
PAGE_BOOST |= {"competencies": 0.001, "interview": 0.001}
COMPETENCY_PAGE, COMPETENCY_DATA, COMPETENCY_BOOST = "competencies", "data/competencies.yml", 0.003
_competencies: set[str] = set()

# Clause entries per page URL ("job-instruction/", "en/job-instruction/"), filled per page and
# added to the index after the build; a page rebuilt by `mkdocs serve` replaces its own list.
_clauses: dict[str, list[dict]] = {}


def index_name(lang: str) -> str:
    return f"search_index.{lang}.json"


def index_path(site_dir: str | Path, lang: str) -> Path:
    return Path(site_dir) / SEARCH_DIR / index_name(lang)


# --------------------------------------------------------------------------------------------
# 1. Clauses as their own entries
# --------------------------------------------------------------------------------------------

class ClauseFinder(HTMLParser):
    """Offsets of each ``<div class="clause…" id="…">``: start tag, inner start, inner end."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[str, int, int, int]] = []
        self._stack: list[tuple[str, int, int] | None] = []
        self._lines = [0]
        for line in html.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        values = dict(attrs)
        is_clause = "clause" in (values.get("class") or "").split() and values.get("id")
        start = self._offset()
        self._stack.append((values["id"], start, start + len(self.get_starttag_text()))
                           if is_clause else None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._stack and (top := self._stack.pop()):
            self.found.append((*top, self._offset()))


def clause_number(anchor: str, inner: str) -> tuple[str, str]:
    """The clause's own number ("2.5", "Д.3") and its HTML without it."""
    match = LEADING_NUMBER.match(inner)
    if match:
        return match[2].strip(), (match[1] or "") + inner[match.end():]
    # Same rule as permalinks.py: p-2-5 -> 2.5, ext-3 -> ext.3
    return anchor.removeprefix("p-").replace("-", "."), inner


def html_to_search_text(html: str) -> str:
    """Text in the form Material's index keeps it (only p, li, code… tags left)."""
    parser = Parser()
    parser.feed(PERMALINK.sub("", html))
    parser.close()
    return "".join("".join(section.text) for section in parser.data).strip()


def extract_clauses(html: str, url: str) -> tuple[str, list[dict[str, str]]]:
    """Clause entries of one page, and its HTML with the clause divs excluded from sections."""
    found = ClauseFinder(html).found
    entries = []
    for anchor, _, inner_start, inner_end in sorted(found, key=lambda f: f[1]):
        number, body = clause_number(anchor, html[inner_start:inner_end])
        entries.append({"location": f"{url}#{anchor}", "title": number,
                        "text": html_to_search_text(body), "boost": CLAUSE_BOOST})
    # Mark from the end so earlier offsets stay valid; the tag ends with ">".
    for _, _, inner_start, _ in sorted(found, key=lambda f: f[2], reverse=True):
        html = html[:inner_start - 1] + EXCLUDE + html[inner_start - 1:]
    return html, entries


@event_priority(-50)  # after permalinks.py and the glossary hooks have finished the HTML
def on_page_content(html, page, config, files):
    if 'class="clause' not in html:
        _clauses.pop(page.url, None)
        return html
    html, _clauses[page.url] = extract_clauses(html, page.url)
    return html


# --------------------------------------------------------------------------------------------
# 2. Material starts our worker
# --------------------------------------------------------------------------------------------

def worker_url(material_url: str, lang: str) -> str:
    """``…/workers/search.<hash>.min.js`` -> ``…/workers/search-i18n.js?lang=…&worker=…&index=…``."""
    base, slash, name = material_url.rpartition("/")
    index = posixpath.relpath(f"{SEARCH_DIR}/{index_name(lang)}", WORKER_DIR)
    query = urlencode({"lang": lang, "worker": name, "index": index}, safe="/")
    return f"{base}{slash}{WORKER}?{query}"


def point_worker(html: str, lang: str) -> str:
    def replace(match: re.Match) -> str:
        app = json.loads(match[2])
        if not app.get("search") or f"/{WORKER}?" in app["search"]:
            return match[0]
        app["search"] = worker_url(app["search"], lang)
        return f"{match[1]}{htmlsafe_json_dumps(app)}{match[3]}"

    return CONFIG_SCRIPT.sub(replace, html, count=1)


def on_post_page(output, page, config):
    return point_worker(output, config.theme["language"])


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # 404.html has the search box too
        return point_worker(output_content, config.theme["language"])
    return output_content


# --------------------------------------------------------------------------------------------
# 3. One index per language
# --------------------------------------------------------------------------------------------

def site_languages(config) -> tuple[list[str], str]:
    """Built languages and the default one (mkdocs-static-i18n, or the theme's language)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme["language"]], config.theme["language"]
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    return languages, i18n.default_language


def language_of(location: str, languages: list[str], default: str) -> str:
    for lang in languages:
        if lang != default and location.startswith(f"{lang}/"):
            return lang
    return default


def with_clauses(docs: list[dict], clauses: dict[str, list[dict]]) -> list[dict]:
    """Insert each page's clause entries after the page's last section entry."""
    pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
    result: list[dict] = []
    for i, doc in enumerate(docs):
        result.append(doc)
        page = doc["location"].split("#")[0]
        following = docs[i + 1]["location"].split("#")[0] if i + 1 < len(docs) else None
        if page in pages and following != page:
            result.extend(clauses.get(page, []))
    return result


def page_name(location: str, languages: list[str]) -> str:
    """``en/glossary/#ctr`` -> ``glossary``; the home page is ``index``."""
    parts = location.split("#")[0].strip("/").split("/")
    if parts[0] in languages:
        parts = parts[1:]
    return parts[0] if parts and parts[0] else "index"


def on_config(config):
    """The competency ids (schema errors are the competencies hook's to report)."""
    from handbook.datafile import SchemaError, load_file

    try:
        data, _ = load_file(Path(config.docs_dir) / COMPETENCY_DATA)
    except SchemaError:
        data = None
    items = data.get("competencies") if isinstance(data, dict) else None
    _competencies.clear()
    _competencies.update(str(c["id"]) for c in items or [] if isinstance(c, dict) and "id" in c)


def clean(doc: dict, languages: list[str]) -> dict:
    """Drop permalink pilcrows Material's parser keeps outside headings; apply PAGE_BOOST and
    COMPETENCY_BOOST."""
    doc = {**doc, "text": PILCROW.sub("", doc["text"])}
    page = page_name(doc["location"], languages)
    boost = PAGE_BOOST.get(page)
    if page == COMPETENCY_PAGE and doc["location"].partition("#")[2] in _competencies:
        boost = COMPETENCY_BOOST
    if boost and "boost" not in doc:
        doc["boost"] = boost
    return doc


def split_index(index: dict, languages: list[str], default: str,
                clauses: dict[str, list[dict]]) -> dict[str, dict]:
    docs = with_clauses([clean(doc, languages) for doc in index["docs"]], clauses)
    per_language: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in docs:
        per_language[language_of(doc["location"], languages, default)].append(doc)
    return {lang: {"config": index["config"], "docs": docs} for lang, docs in per_language.items()}


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(-200)  # after mkdocs-static-i18n's on_post_build (-100) wrote the merged index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # a nested language build: the merged index is written when all are done
    merged = Path(config.site_dir) / SEARCH_DIR / MERGED_INDEX
    if not merged.exists():
        return  # search plugin disabled
    try:
        index = json.loads(merged.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"search_index: cannot read {merged}: {error}") from error
    languages, default = site_languages(config)
    for lang, data in split_index(index, languages, default, _clauses).items():
        write_json(index_path(config.site_dir, lang), data)
    # Material's page script fetches this file for the config (separator for highlighting).
    write_json(merged, {"config": index["config"], "docs": []})
