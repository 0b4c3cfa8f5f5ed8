"""The search acceptance table (``tests/search_queries.yml``): load it, run it in a browser, report.

    python -m tools.search_report [--site DIR] [--compare]

Builds the site (or takes an already built ``DIR``), serves it, types every query of the table into
Material's search box in Debian's Chromium, once on a Russian and once on an English page, and
prints the hit rate per language and kind plus the size of each language's search index, as
Markdown for the README. ``--compare`` also builds and runs two baselines without
``overrides/hooks/search_index.py``: Material's stock search, and stock plus ``pipeline: [stemmer]``.

``tests/test_search.py`` imports the loader, the browser driver and the checks from here.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints

from handbook import datafile, site
from handbook.datafile import Finding, SchemaError, Strict, display_path
from handbook.site import ROOT, language_of
from tools import shared as tools

TABLE = ROOT / "tests" / "search_queries.yml"
LANGUAGES = site.languages().codes
KINDS = ("form", "phrase", "abbr", "clause", "synonym")
DEFAULT_TOP = 3

Results = list[list[str]]  # result groups (pages) in display order, each a list of locations


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------

class TableError(Exception):
    """Problems in the query table, one ``file:line: message`` per line."""


@dataclass(frozen=True)
class Query:
    line: int
    lang: str
    kind: str
    text: str
    expect: str
    top: int = DEFAULT_TOP

    @property
    def location(self) -> str:
        """``expect`` relative to the site root: ``glossary/#ctr`` -> ``en/glossary/#ctr``."""
        return site.languages().prefix(self.lang) + self.expect


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Row(Strict):
    """A row of the table as written."""

    lang: Text
    kind: Text
    query: Text
    expect: Text
    top: int = Field(DEFAULT_TOP, ge=1)


def _row_rules(row: Row) -> list[tuple[str, str]]:
    """(field, problem) pairs the model cannot say: languages come from mkdocs.yml."""
    problems = []
    if row.lang not in LANGUAGES:
        problems.append(("lang", f"'{row.lang}' is not one of {', '.join(LANGUAGES)}"))
    if row.kind not in KINDS:
        problems.append(("kind", f"'{row.kind}' is not one of {', '.join(KINDS)}"))
    if row.expect.startswith(("/", f"{row.lang}/")) or not re.fullmatch(r"[\w./-]*/(#[\w-]+)?", row.expect):
        problems.append(("expect", f"'{row.expect}' is not a location like 'page/' or 'page/#anchor' "
                                   "relative to the language's root"))
    return problems


def load_table(path: Path = TABLE) -> list[Query]:
    """Every query of the table; raises TableError naming the file and line of each problem."""
    where = display_path(path)
    try:
        data, node = datafile.load_file(path, where)
        if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
            raise SchemaError([Finding(where, 1, "file", None, None, "expected a top-level 'queries:' list")])
        rows, found = datafile.items(Row, data["queries"], datafile.child(node, "queries"), where, "query",
                                     _row_rules)
        queries, seen = [], {}
        for index, row in rows.items():
            line = datafile.line_of(node, ["queries", index])
            query = Query(line, row.lang, row.kind, row.query, row.expect, row.top)
            if (row.lang, row.query) in seen:
                found.append(Finding(where, query.line, "query", f"#{index + 1}", None,
                                     f"'{row.query}' ({row.lang}) is already on line {seen[row.lang, row.query]}"))
            seen.setdefault((row.lang, row.query), query.line)
            queries.append(query)
        datafile.check(found)
    except SchemaError as error:
        raise TableError(str(error)) from None
    return queries


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def found(query: Query, results: Results) -> bool:
    """The expected page (or exactly that section) is in the first ``query.top`` results."""
    first = results[:query.top]
    if "#" in query.location:
        return any(query.location in group for group in first)
    return any(query.location in {location.split("#")[0] for location in group} for group in first)


def describe(results: Results, count: int = 3) -> str:
    shown = ", ".join(group[0] if group else "?" for group in results[:count])
    return f"[{shown}]" if results else "no results"


def check(query: Query, page_lang: str, results: Results) -> list[str]:
    """Problems with one query's results on a page in ``page_lang`` (empty list: it passes)."""
    problems = []
    foreign = sorted({location for group in results for location in group
                      if language_of(location) != page_lang})
    if foreign:
        problems.append(f"results in another language on the {page_lang} page: {', '.join(foreign[:3])}")
    if query.lang == page_lang and not found(query, results):
        problems.append(f"expected {query.location} in the first {query.top}, got {describe(results)}")
    return problems


def failures(queries: list[Query], runs: dict[str, dict[str, Results]]) -> list[str]:
    """``file:line: (lang page) 'query': problem`` for every failed check of every run."""
    where = display_path(TABLE)
    return [f"{where}:{query.line}: ({page_lang} page) '{query.text}': {problem}"
            for page_lang, results in runs.items() for query in queries
            for problem in check(query, page_lang, results[query.text])]


# --------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------

RESULTS_JS = """() => Array.from(document.querySelectorAll(".md-search-result__item"),
    item => Array.from(item.querySelectorAll("a.md-search-result__link"), link => link.href))"""
META_IS_JS = "([meta, text]) => meta.textContent.trim() === text"
META_IS_NOT_JS = "([meta, text]) => { const now = meta.textContent.trim(); return now !== '' && now !== text }"


class SearchBox:
    """Material's search box on one page of the built site, used the way a reader does."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page()
        self.page.goto(url)
        config = json.loads(self.page.locator("#__config").text_content())
        self.placeholder = config["translations"]["search.result.placeholder"]
        self.input = self.page.locator("[data-md-component=search-query]")
        self.meta = self.page.locator(".md-search-result__meta").element_handle()
        self.input.click()
        self._wait_for(META_IS_JS)  # the worker is ready and has answered the empty query

    def _wait_for(self, condition: str) -> None:
        self.page.wait_for_function(condition, arg=[self.meta, self.placeholder])

    def type(self, text: str) -> None:
        self.input.fill(text)
        # Chromium fills Cyrillic without a keyup; Material searches on keyup, so press a real key.
        self.input.press("End")

    def search(self, text: str) -> Results:
        self.type(text)
        self._wait_for(META_IS_NOT_JS)
        results = [[self.location(href) for href in group] for group in self.page.evaluate(RESULTS_JS)]
        self.type("")
        self._wait_for(META_IS_JS)
        return results

    def location(self, href: str) -> str:
        """``http://host/en/glossary/?h=ctr#ctr`` -> ``en/glossary/#ctr``."""
        parts = urlsplit(href)
        return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")

    def close(self) -> None:
        self.page.close()


def run_table(browser, base_url: str, queries: list[Query]) -> dict[str, dict[str, Results]]:
    """Every query on the home page of every language: ``{page_lang: {query text: results}}``."""
    runs: dict[str, dict[str, Results]] = {}
    for lang in LANGUAGES:
        with contextlib.closing(SearchBox(browser, site.page_url("index", lang, root=base_url))) as box:
            runs[lang] = {query.text: box.search(query.text) for query in queries}
    return runs


# --------------------------------------------------------------------------------------------
# Index sizes and the hit rate
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexSize:
    lang: str
    docs: int
    raw: int
    gzipped: int


def index_sizes(site: Path) -> list[IndexSize]:
    """What a page downloads for search besides the scripts: its language's index file."""
    sizes = []
    for lang in LANGUAGES:
        path = site / "search" / f"search_index.{lang}.json"
        if not path.exists():  # a baseline build: one merged index for every language
            path = site / "search" / "search_index.json"
        data = path.read_bytes()
        sizes.append(IndexSize(lang, len(json.loads(data)["docs"]), len(data), len(gzip.compress(data, tools.GZIP_LEVEL))))
    return sizes


def hit_rate(queries: list[Query], runs: dict[str, dict[str, Results]], lang: str,
             kind: str | None = None) -> tuple[int, int]:
    """Queries of ``lang`` (and ``kind``) whose expected result is where the table wants it."""
    chosen = [q for q in queries if q.lang == lang and kind in (None, q.kind)]
    return sum(found(q, runs[lang][q.text]) for q in chosen), len(chosen)


def leaks(queries: list[Query], runs: dict[str, dict[str, Results]]) -> int:
    """Query runs (on either page) that listed a page in the other language."""
    return sum(any(language_of(loc) != lang for group in runs[lang][q.text] for loc in group)
               for lang in runs for q in queries)


# --------------------------------------------------------------------------------------------
# Baselines (--compare, and the test that shows the checks catch the old behaviour)
# --------------------------------------------------------------------------------------------

HOOK_LINE = re.compile(r"^\s*- overrides/hooks/search_index\.py\n", re.M)
SEARCH_ENTRY = re.compile(r"^  - search:\n(?:      .*\n)+", re.M)
BASELINES = {
    "stock": "  - search\n",
    "stemmer": "  - search:\n      pipeline: [stopWordFilter, stemmer]\n",
}


def baseline_config(mkdocs_yml: str, variant: str) -> str:
    """mkdocs.yml without this search: no search_index hook, the ``search`` entry of ``variant``."""
    without_hook = HOOK_LINE.sub("", mkdocs_yml)
    result = SEARCH_ENTRY.sub(lambda _: BASELINES[variant], without_hook, count=1)
    if result == without_hook or without_hook == mkdocs_yml:
        raise ValueError("mkdocs.yml: the '- search:' entry or the search_index.py hook line was not found")
    return result


def copy_project(dest: Path, variant: str | None = None) -> Path:
    """A throwaway copy of the sources (``tools.shared.copy_project``), optionally a baseline."""
    tools.copy_project(dest)
    if variant:
        config = dest / "mkdocs.yml"
        config.write_text(baseline_config(config.read_text(encoding="utf-8"), variant), encoding="utf-8")
    return dest


def measure(browser, site: Path, queries: list[Query]) -> dict:
    with tools.SiteServer(site) as server:
        runs = run_table(browser, server.url, queries)
    return {"runs": runs, "sizes": index_sizes(site)}


def report(name: str, queries: list[Query], measured: dict) -> list[str]:
    runs = measured["runs"]
    lines = [f"### {name}", "", "| | " + " | ".join(LANGUAGES) + " |", "|---|" + "---|" * len(LANGUAGES)]
    for kind in (None, *KINDS):
        cells = []
        for lang in LANGUAGES:
            hits, total = hit_rate(queries, runs, lang, kind)
            cells.append(f"{hits}/{total}" if total else "–")
        lines.append(f"| {kind or 'expected result found, all queries'} | " + " | ".join(cells) + " |")
    lines.append(f"| runs with a result in the other language | {leaks(queries, runs)} of "
                 f"{len(queries) * len(runs)} | |")
    for size in measured["sizes"]:
        lines.append(f"| index for {size.lang}: documents, bytes (gzip) | {size.docs}, "
                     f"{size.raw:,} ({size.gzipped:,}) | |")
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--compare", action="store_true", help="also measure Material's stock search")
    args = parser.parse_args(argv)
    try:
        queries = load_table()
        with tempfile.TemporaryDirectory() as tmp, tools.chromium() as browser:
            built = args.site or Path(tmp) / "site"
            if args.site is None:
                tools.build_site(built)
            lines = report("This search", queries, measure(browser, built, queries))
            for variant in BASELINES if args.compare else ():
                project = copy_project(Path(tmp) / variant, variant)
                tools.build_site(project / "site", project=project)
                lines += report(f"Baseline: {variant}", queries, measure(browser, project / "site", queries))
    except (TableError, tools.ToolError) as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0

if __name__ == "__main__":
    sys.exit(main())
