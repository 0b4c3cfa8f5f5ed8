"""Page weight: the bytes each key page transfers on a first view, gzip-compressed, against budgets.yml.

    python -m tools.page_weight                # build the site into a temp dir, measure, exit 1 over budget
    python -m tools.page_weight --site site/   # measure an existing build

A real browser (Debian's Chromium via Playwright) loads each page with an empty cache, so whatever
the page fetches by itself (the search index, language scripts, icons) counts too. Each response
is counted once at its gzip -6 size when it is text (HTML, CSS, JS, JSON, XML, SVG), as the server
sends it, and at its own size otherwise. HTTP headers are not counted.

Also home to the budget file audit.py and the tests share; the build, the static server and the
browser are ``tools.shared``.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from handbook import site
from handbook.datafile import SchemaError, Strict, load
from handbook.site import ROOT, page_path
from tools.shared import GZIP_LEVEL, TEXT_TYPES, ToolError, chromium, local_site

BUDGETS_FILE = ROOT / "budgets.yml"
LANGUAGES = site.languages().codes


class BudgetError(ToolError):
    """Problems with budgets.yml, one ``file:line: field …`` line each (no traceback)."""


# --- budgets.yml --------------------------------------------------------------------------------

class Lighthouse(Strict):
    pages: list[str]  # audited by `make audit` and, untimed categories, by CI (make test)
    runs: int  # audits per page; the median performance score counts
    min_scores: dict[str, Annotated[int, Field(ge=0, le=100)]]
    audit_pages: list[str] = []  # `make audit` only (heavy, slow in CI)

    @field_validator("runs")
    @classmethod
    def _has_a_median(cls, runs: int) -> int:
        if runs < 1 or runs % 2 == 0:
            raise ValueError("must be an odd number ≥ 1 (it has a median)")
        return runs


class WeightBudget(Strict):
    pages: list[str]
    max_kb: float


class Budgets(Strict):
    lighthouse: Lighthouse
    page_weight: WeightBudget


def load_budgets(path: Path = BUDGETS_FILE) -> Budgets:
    """budgets.yml through the data files' one loader (strict YAML, every problem with its line)."""
    try:
        return load(path, Budgets)[0]
    except SchemaError as exc:
        raise BudgetError(str(exc)) from None


# --- measuring ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resource:
    url: str
    transfer: int  # bytes on the wire


@dataclass
class PageWeight:
    url: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.transfer for r in self.resources)


def transfer_size(body: bytes, content_type: str) -> int:
    """Bytes on the wire: gzip for text, the file itself for already-compressed formats."""
    if content_type.split(";")[0].strip().startswith(TEXT_TYPES):
        return len(gzip.compress(body, GZIP_LEVEL, mtime=0))
    return len(body)


def measure(page, url: str) -> PageWeight:
    """Load ``url`` in ``page`` (a fresh browser context: empty cache) and count what it fetched."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    weight = PageWeight(url)
    seen: set[str] = set()
    for response in responses:
        if response.url in seen or urlsplit(response.url).scheme not in ("http", "https"):
            continue  # a repeated URL comes from the cache; data: URLs are inside another file
        seen.add(response.url)
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        ctype = response.headers.get("content-type", "")
        weight.resources.append(Resource(response.url, transfer_size(body, ctype)))
    return weight


def over_budget(weights: list[PageWeight], max_kb: float) -> list[str]:
    """One line per page heavier than the budget, naming its three largest resources."""
    problems = []
    for weight in weights:
        if weight.total > max_kb * 1024:
            biggest = sorted(weight.resources, key=lambda r: r.transfer, reverse=True)[:3]
            top = ", ".join(f"{urlsplit(r.url).path} {r.transfer / 1024:.1f} KB" for r in biggest)
            problems.append(f"{weight.url}: {weight.total / 1024:.1f} KB > {max_kb:g} KB budget (largest: {top})")
    return problems


def verdict(problems: list[str]) -> int:
    """The exit status of a budget check: each problem on stderr, 1 when there is one."""
    for line in problems:
        print(f"OVER BUDGET {line}", file=sys.stderr)
    return 1 if problems else 0


def weight_table(weights: list[PageWeight], max_kb: float) -> str:
    lines = [f"{'page':<48} {'requests':>8} {'KB (gzip)':>10} {'budget':>7}"]
    for w in weights:
        mark = "" if w.total <= max_kb * 1024 else "  OVER"
        lines.append(f"{urlsplit(w.url).path:<48} {len(w.resources):>8} {w.total / 1024:>10.1f} {max_kb:>7g}{mark}")
    return "\n".join(lines)


def measure_pages(browser, base_url: str, pages: list[str]) -> list[PageWeight]:
    weights = []
    for page_name in pages:
        for locale in LANGUAGES:
            with browser.new_context() as context:  # a fresh context for each page: an empty cache
                weights.append(measure(context.new_page(), base_url + page_path(page_name, locale)))
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--no-strict", action="store_true", help="build even with mkdocs warnings")
    args = parser.parse_args(argv)
    try:
        budgets = load_budgets()
        with local_site(args.site, strict=not args.no_strict) as base, chromium() as browser:
            weights = measure_pages(browser, base, budgets.page_weight.pages)
    except ToolError as exc:
        print(f"page_weight: {exc}", file=sys.stderr)
        return 2
    print(weight_table(weights, budgets.page_weight.max_kb))
    return verdict(over_budget(weights, budgets.page_weight.max_kb))


if __name__ == "__main__":
    sys.exit(main())
