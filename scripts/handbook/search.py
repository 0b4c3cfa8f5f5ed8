"""Search that understands word forms and keeps each language to itself: the build side's work.

Pure functions over the search index; ``overrides/hooks/search_index.py`` calls them from
MkDocs events, the browser side is ``overrides/assets/javascripts/workers/search-i18n.js``, and
README "Search" explains the choice.

- :func:`clause_entries`: every job description clause (``handbook.job_description``) becomes its
  own entry titled by its number ("2.5", "Д.3"); the page writes its div with
  ``data-search-exclude``, so its words are not indexed twice;
- :func:`point_worker`: Material starts our worker wrapper with the page's language;
- :func:`split_index`: the index mkdocs-static-i18n merged becomes one index per language, with
  the clause entries, glossary and clause entries ranked first;
- :func:`house_term_synonyms`: the words readers type for each house term (its avoided variants
  and its listed ``synonyms``, docs/data/house-terms.yml) and the term the pages use, per
  language; each language's index carries its own list (``synonyms``) and the worker adds the
  preferred term to a query that contains one of them, in any word form.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from jinja2.utils import htmlsafe_json_dumps

from handbook import house_terms, site

SEARCH_DIR = "search"
HOUSE_TERMS = "data/house-terms.yml"  # docs-relative
MERGED_INDEX = "search_index.json"
WORKER_DIR = "assets/javascripts/workers"
WORKER = "search-i18n.js"
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
PILCROW = re.compile(r"\s*¶")
LIST_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")

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
# The self-assessment quotes the matrix's cells and names it in its title («Самооценка по матрице
# компетенций»): it ranks below the matrix, and still comes first for its own word («самооценка»).
PAGE_BOOST |= {"self-assessment": 0.0005}
# The level comparison quotes the matrix too: it ranks like the matrix (its title still finds it).
PAGE_BOOST |= {"levels": 0.001}
COMPETENCY_PAGE, COMPETENCY_BOOST = "competencies", 0.003


def index_name(lang: str) -> str:
    return f"search_index.{lang}.json"


def index_path(site_dir: str | Path, lang: str) -> Path:
    return Path(site_dir) / SEARCH_DIR / index_name(lang)


def clause_text(markdown: str) -> str:
    """A clause's Markdown as Material's index keeps text: paragraphs and list items as
    ``<p>``/``<ul>``/``<li>``, inline markup reduced to its text, HTML-escaped."""
    from handbook.job_description import plain

    blocks = []
    for block in markdown.strip().split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(LIST_ITEM.match(line) for line in lines):
            items = " ".join(f"<li>{escape(plain(LIST_ITEM.match(line)[1]), quote=False)}</li>" for line in lines)
            blocks.append(f"<ul> {items} </ul>")
        else:
            blocks.append(f"<p>{escape(plain(block), quote=False)}</p>")
    return " ".join(blocks)


def clause_entries(model, url: str, lang: str) -> list[dict]:
    """The search entries of the job description's clauses on the page at ``url``."""
    return [{"location": f"{url}#{c.id}", "title": c.number(lang), "text": clause_text(c.markdown(lang)),
             "boost": CLAUSE_BOOST} for c in model.clauses]


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


def clean(doc: dict, langs: site.Languages, competencies: frozenset[str] = frozenset()) -> dict:
    """Drop permalink pilcrows Material's parser keeps outside headings; apply PAGE_BOOST and,
    for a competency's own section of the matrix, COMPETENCY_BOOST."""
    doc = {**doc, "text": PILCROW.sub("", doc["text"])}
    page = site.page_name(doc["location"], langs)
    boost = PAGE_BOOST.get(page)
    if page == COMPETENCY_PAGE and doc["location"].partition("#")[2] in competencies:
        boost = COMPETENCY_BOOST
    if boost and "boost" not in doc:
        doc["boost"] = boost
    return doc


def split_index(index: dict, langs: site.Languages, clauses: dict[str, list[dict]],
                competencies: frozenset[str] = frozenset(),
                synonyms: dict[str, list[list[str]]] | None = None) -> dict[str, dict]:
    docs = with_clauses([clean(doc, langs, competencies) for doc in index["docs"]], clauses)
    per_language: dict[str, list[dict]] = {lang: [] for lang in langs.codes}
    for doc in docs:
        per_language[site.language_of(doc["location"], langs)].append(doc)
    return {lang: {"config": index["config"], "docs": docs, "synonyms": (synonyms or {}).get(lang, [])}
            for lang, docs in per_language.items()}


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def house_term_synonyms(path: Path, display: str, langs: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """``{lang: [[what a reader may type, the term the pages use], …]}`` from the house terms.

    Each term's avoided variants and ``synonyms`` lead to its ``prefer`` in the same language
    only. A missing file gives no synonyms; a broken one raises :class:`handbook.datafile.SchemaError`
    naming the file and line (the file's one schema: :mod:`handbook.house_terms`)."""
    out: dict[str, list[list[str]]] = {lang: [] for lang in langs}
    if not path.exists():
        return out
    for term in house_terms.load(path, display)[0].terms:
        for lang in langs:
            entry = getattr(term, lang, None)
            if entry is None:
                continue
            prefer = entry.prefer.strip()
            for variant in (v.strip() for v in [a.text for a in entry.avoid] + entry.synonyms):
                pair = [variant, prefer]
                if variant.casefold() != prefer.casefold() and pair not in out[lang]:
                    out[lang].append(pair)
    return out
