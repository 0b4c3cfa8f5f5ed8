"""Lighthouse budgets (``make audit``): key pages in both languages, mobile preset, against budgets.yml.

    python -m tools.audit               # build, serve locally, audit, print the table; exit 1 over budget
    python -m tools.audit --json out/   # also keep every Lighthouse report (JSON) in out/

The site is built with SITE_URL set to the local server's own URL, so canonical and hreflang links
are valid where the audit runs, and served with gzip like production. Lighthouse is the npm package
pinned in package.json (``npm ci`` runs when node_modules/ is missing) and drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium). Each page is audited ``lighthouse.runs`` times: performance
is the median run (it times the machine too), the other categories must hold in every run.
The page-weight budget is checked in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from handbook.site import ROOT, page_path
from tools.page_weight import (LANGUAGES, BudgetError, Budgets, load_budgets, measure_pages, over_budget, verdict,
                               weight_table)
from tools.shared import CHROMIUM_ARGS, ToolError, chromium, local_site, require_chromium

LIGHTHOUSE_CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMED = "performance"  # the one category that also measures the machine: the median of several runs counts
NODE_HINT = "install Node.js and npm with `sudo apt-get install nodejs npm`"


@dataclass(frozen=True)
class Report:
    url: str
    scores: dict[str, int]           # category -> 0..100
    failed_audits: dict[str, list[str]]  # category -> titles of audits scored below 1
    runs: tuple[int, ...] = ()       # the performance score of each run, when combined from several


def _installed_version() -> str | None:
    try:
        return json.loads((LIGHTHOUSE_CLI.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_lighthouse() -> Path:
    """The pinned Lighthouse CLI; runs ``npm ci`` when node_modules/ is missing or out of date."""
    if not shutil.which("node"):
        raise BudgetError(f"node not found: {NODE_HINT}")
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["lighthouse"]
    if _installed_version() != pinned:
        if not shutil.which("npm"):
            raise BudgetError(f"npm not found: {NODE_HINT}")
        result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                                cwd=ROOT, capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not LIGHTHOUSE_CLI.exists():
            tail = (result.stdout + result.stderr).strip().splitlines()[-5:]
            raise BudgetError("npm ci failed (package.json / package-lock.json): " + " | ".join(tail))
    require_chromium()
    return LIGHTHOUSE_CLI


def run_lighthouse(url: str, json_path: Path, categories: tuple[str, ...] = CATEGORIES) -> Report:
    """One Lighthouse run (default mobile preset) of ``url``; the JSON report lands in ``json_path``."""
    cli = ensure_lighthouse()
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    cmd = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={json_path}",
           f"--only-categories={','.join(categories)}", f"--chrome-flags={flags}"]
    env = {**os.environ, "CHROME_PATH": require_chromium()}
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not json_path.exists():
        tail = (result.stdout + result.stderr).strip().splitlines()[-3:]
        raise BudgetError(f"lighthouse failed on {url}: " + " | ".join(tail))
    return parse_report(json.loads(json_path.read_text(encoding="utf-8")), url)


def parse_report(data: dict, url: str) -> Report:
    if data.get("runtimeError"):
        raise BudgetError(f"lighthouse could not load {url}: {data['runtimeError'].get('message')}")
    scores, failed = {}, {}
    for key, category in data["categories"].items():
        score = category.get("score")
        scores[key] = round(score * 100) if score is not None else 0
        failed[key] = [data["audits"][ref["id"]]["title"] for ref in category["auditRefs"]
                       if ref.get("weight") and (data["audits"][ref["id"]].get("score") or 0) < 1
                       and data["audits"][ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")]
    return Report(url, scores, failed)


def score_failures(reports: list[Report], min_scores: dict[str, int]) -> list[str]:
    """One line per (page, category) under its minimum, with the audits that cost points."""
    problems = []
    for report in reports:
        for category, minimum in min_scores.items():
            score = report.scores.get(category)
            if score is None or score < minimum:
                why = "; ".join(report.failed_audits.get(category, [])[:5])
                if category == TIMED and len(report.runs) > 1:
                    why = f"median of {' '.join(map(str, report.runs))}" + (f"; {why}" if why else "")
                problems.append(f"{report.url}: {category} {score} < {minimum}" + (f" ({why})" if why else ""))
    return problems


def combine_runs(reports: list[Report]) -> Report:
    """Several runs of one page as one report: performance from the median run, every other
    category at the lowest score it had in any run (they do not depend on the machine)."""
    ordered = sorted(reports, key=lambda r: r.scores.get(TIMED, 0))
    median = ordered[(len(ordered) - 1) // 2]
    scores, failed = dict(median.scores), dict(median.failed_audits)
    for category in median.scores:
        if category != TIMED:
            worst = min(reports, key=lambda r: r.scores.get(category, 0))
            scores[category], failed[category] = worst.scores.get(category, 0), worst.failed_audits.get(category, [])
    return replace(median, scores=scores, failed_audits=failed,
                   runs=tuple(r.scores.get(TIMED, 0) for r in reports))


def score_table(reports: list[Report], min_scores: dict[str, int]) -> str:
    head = f"{'page':<24}" + "".join(f"{c:>19}" for c in CATEGORIES)
    lines = [head, f"{'budget (min)':<24}" + "".join(f"{min_scores.get(c, '-'):>19}" for c in CATEGORIES)]
    for report in reports:
        path = "/" + report.url.split("/", 3)[-1]
        cells = []
        for category in CATEGORIES:
            cell = str(report.scores.get(category, "-"))
            if category == TIMED and len(report.runs) > 1:
                cell += " (" + " ".join(map(str, report.runs)) + ")"
            cells.append(f"{cell:>19}")
        lines.append(f"{path:<24}" + "".join(cells))
    if any(len(r.runs) > 1 for r in reports):
        lines.append("performance: median of the runs in brackets")
    return "\n".join(lines)


def audit_page(url: str, runs: int, out_dir: Path, name: str, categories: tuple[str, ...] = CATEGORIES) -> Report:
    """``runs`` Lighthouse runs of one page, combined; each JSON report lands in ``out_dir``."""
    return combine_runs([run_lighthouse(url, out_dir / f"{name}-{i + 1}.json", categories) for i in range(runs)])


def audited_pages(budgets: Budgets) -> list[str]:
    """What `make audit` audits: ``lighthouse.pages`` (CI audits these too) and ``audit_pages``."""
    return list(dict.fromkeys(budgets.lighthouse.pages + budgets.lighthouse.audit_pages))


def audit_site(base_url: str, budgets: Budgets, out_dir: Path, runs: int | None = None,
               categories: tuple[str, ...] = CATEGORIES, pages: list[str] | None = None) -> list[Report]:
    """Every page (default: ``lighthouse.pages``) in every language, ``runs`` times each (default:
    budgets.yml), in the given categories (CI leaves out performance: a timing it does not gate,
    and most of the run)."""
    runs = runs or budgets.lighthouse.runs
    jobs = [(base_url + page_path(page, locale), runs, out_dir, f"{locale}-{page}", categories)
            for page in (pages or budgets.lighthouse.pages) for locale in LANGUAGES]
    if TIMED in categories:  # timings: one page at a time, so runs do not slow each other down
        return [audit_page(*job) for job in jobs]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:  # scores that do not time the machine: two at once
        return list(pool.map(lambda job: audit_page(*job), jobs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="keep the Lighthouse JSON reports in this folder")
    parser.add_argument("--no-strict", action="store_true", help="build even with mkdocs warnings")
    args = parser.parse_args(argv)
    try:
        budgets = load_budgets()
        ensure_lighthouse()
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
            out_dir = args.json or Path(tmp)
            out_dir.mkdir(parents=True, exist_ok=True)
            with local_site(strict=not args.no_strict) as base:
                reports = audit_site(base, budgets, out_dir, pages=audited_pages(budgets))
                with chromium() as browser:
                    weights = measure_pages(browser, base, budgets.page_weight.pages)
    except ToolError as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    scores, max_kb = budgets.lighthouse.min_scores, budgets.page_weight.max_kb
    print("Lighthouse (mobile preset), scores 0–100:")
    print(score_table(reports, scores))
    print("\nPage weight, first view:")
    print(weight_table(weights, max_kb))
    return verdict(score_failures(reports, scores) + over_budget(weights, max_kb))


if __name__ == "__main__":
    sys.exit(main())
