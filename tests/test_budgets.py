"""Quality budgets from budgets.yml, enforced by `make test` (so CI runs them):

* page weight: each key page's first view, gzip-compressed, in Debian's Chromium;
* Lighthouse (npm, pinned in package.json; mobile preset) on the key pages in both languages,
  on a build whose SITE_URL is the local server, so canonical and hreflang are valid here:
  every category must meet the budget; performance, which also times the machine, as the median
  of ``lighthouse.runs`` runs (budgets.yml).

The same functions back scripts/tools/page_weight.py and scripts/tools/audit.py (`make audit`); the
*_reports_* tests run them on the deliberately broken build of tests/browser_support.py.
Lighthouse reports are kept in test-artifacts/lighthouse/ for review.
"""

from __future__ import annotations

import shutil

import pytest

from browser_support import ARTIFACTS, BROKEN_HEAVY_IMAGE, SiteServer, broken_site, open_context
from conftest import LANGUAGES, source_pages
from handbook.site import page_path
from tools.shared import ToolError, local_site
from tools.page_weight import BUDGETS_FILE, BudgetError, load_budgets, measure, over_budget
from tools.audit import CATEGORIES, TIMED, Report, audit_site, combine_runs, parse_report, run_lighthouse, score_failures, score_table

BUDGETS = load_budgets()


# --- the budget file ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ("lighthouse: {pages: [index], min_scores: {seo: 101}}\npage_weight: {pages: [index], max_kb: 1}",
     "budgets.yml:1: field 'lighthouse.min_scores.seo': input should be less than or equal to 100"),
    ("lighthouse: {pages: [index], min_scores: {seo: 100}}\n", "budgets.yml:1: field 'page_weight': required field is missing"),
    ("lighthouse: [", "budgets.yml:2: YAML syntax error"),
    ("lighthouse: {pages: [index], audit_pages: career, runs: 1, min_scores: {seo: 100}}\npage_weight: {pages: [index], max_kb: 1}",
     "budgets.yml:1: field 'lighthouse.audit_pages': input should be a valid list"),
    ("lighthouse: {pages: [index], runs: 2, min_scores: {seo: 100}}\npage_weight: {pages: [index], max_kb: 1}",
     "budgets.yml:1: field 'lighthouse.runs': must be an odd number"),
])
def test_budget_file_errors_name_the_file_and_key(tmp_path, text, message):
    path = tmp_path / "budgets.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BudgetError, match="budgets.yml") as error:
        load_budgets(path)
    assert message in str(error.value)


def test_budgets_are_never_looser_than_the_issue_s():
    """Budgets may be tightened, not loosened: Lighthouse 100/100/100 and performance ≥ 95 on the
    home page, the job description and the glossary; first view ≤ 120 KB."""
    scores = BUDGETS.lighthouse.min_scores
    assert scores.get("performance", 0) >= 95
    assert all(scores.get(k) == 100 for k in ("accessibility", "best-practices", "seo")), scores
    assert BUDGETS.page_weight.max_kb <= 120
    assert {"index", "job-instruction", "glossary"} <= set(BUDGETS.lighthouse.pages)


def test_make_audit_covers_the_heaviest_pages():
    """`make audit` (performance, median of runs) also audits the heaviest pages: career with its
    charts, hiring with the vacancy builder, onboarding with the checklist, the competency matrix."""
    from tools.audit import audited_pages

    pages = audited_pages(BUDGETS)
    assert {"career", "hiring", "onboarding", "competencies"} <= set(pages), pages
    assert set(BUDGETS.lighthouse.pages) <= set(pages) and len(pages) == len(set(pages))
    assert set(pages) <= set(source_pages()) | {"index"}, "a budgeted page that does not exist"


# --- page weight ------------------------------------------------------------------------------------

def weigh(browser, base: str, path: str):
    context, _ = open_context(browser, base)
    try:
        return measure(context.new_page(), base + path)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("page", BUDGETS.page_weight.pages)
def test_first_view_weight_within_budget(browser, served_site, page, locale):
    weight = weigh(browser, served_site, page_path(page, locale))
    problems = over_budget([weight], BUDGETS.page_weight.max_kb)
    assert not problems, f"{problems[0]} — budget in {BUDGETS_FILE.name}"


@pytest.mark.browser
def test_weight_check_reports_a_heavy_image(browser, tmp_path_factory):
    with SiteServer(broken_site(tmp_path_factory)) as server:
        weight = weigh(browser, server.url, "en/")
        heavy = [r for r in weight.resources if r.url.endswith(BROKEN_HEAVY_IMAGE)]
    assert heavy and heavy[0].transfer > 100_000, "the broken build's heavy image was not counted"
    problems = over_budget([weight], BUDGETS.page_weight.max_kb)
    assert problems and BROKEN_HEAVY_IMAGE.rsplit("/", 1)[-1] in problems[0], problems


# --- Lighthouse -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lighthouse_reports():
    """Every budgeted page in both languages, audited once on a local-URL build: CI gates only
    the categories that do not time the machine (performance is `make audit`'s job, median of
    ``lighthouse.runs``); the JSON reports and the score table stay in test-artifacts/lighthouse/."""
    out = ARTIFACTS / "lighthouse"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    try:
        with local_site() as base:
            untimed = tuple(c for c in CATEGORIES if c != TIMED)
            reports = audit_site(base, BUDGETS, out, runs=1, categories=untimed)
    except ToolError as exc:
        pytest.fail(str(exc), pytrace=False)
    (out / "scores.txt").write_text(score_table(reports, BUDGETS.lighthouse.min_scores) + "\n", encoding="utf-8")
    pairs = [(page, locale) for page in BUDGETS.lighthouse.pages for locale in LANGUAGES]
    return dict(zip(pairs, reports))


@pytest.mark.browser
@pytest.mark.lighthouse
@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("page", BUDGETS.lighthouse.pages)
def test_lighthouse_scores_meet_budget(lighthouse_reports, page, locale):
    report = lighthouse_reports[(page, locale)]
    # Performance is a timing: a busy machine must never block a landing (make audit reports it).
    untimed = {category: score for category, score in BUDGETS.lighthouse.min_scores.items() if category != TIMED}
    problems = score_failures([report], untimed)
    assert not problems, "\n".join(problems) + f"\n(budget in {BUDGETS_FILE.name}; reports in test-artifacts/lighthouse/)"


def test_median_run_counts_for_performance_and_the_worst_for_the_rest():
    def run(performance, seo):
        return Report("http://x/", {TIMED: performance, "seo": seo},
                      {TIMED: [f"TBT {performance}"], "seo": [] if seo == 100 else ["canonical"]})
    combined = combine_runs([run(99, 100), run(80, 100), run(96, 92)])
    assert combined.scores == {TIMED: 96, "seo": 92} and combined.runs == (99, 80, 96)
    assert score_failures([combined], {TIMED: 95, "seo": 100}) == ["http://x/: seo 92 < 100 (canonical)"]
    assert score_failures([combine_runs([run(99, 100), run(80, 100), run(90, 100)])], {TIMED: 95}) == \
        ["http://x/: performance 90 < 95 (median of 99 80 90; TBT 90)"]


@pytest.mark.browser
@pytest.mark.lighthouse
def test_lighthouse_check_reports_broken_page(tmp_path_factory, tmp_path):
    """The broken build's English home (no search dialog name, low contrast, an image without
    alt text, a blocked font and a missing image in the console, a script that blocks the main
    thread) fails accessibility, best practices and performance."""
    try:
        with SiteServer(broken_site(tmp_path_factory)) as server:
            report = run_lighthouse(server.url + "en/", tmp_path / "broken.json")
    except ToolError as exc:
        pytest.fail(str(exc), pytrace=False)
    problems = score_failures([report], BUDGETS.lighthouse.min_scores)
    assert any(" accessibility " in p for p in problems), problems
    assert any(" best-practices " in p for p in problems), problems
    assert any(" performance " in p and "Total Blocking Time" in p for p in problems), problems


def test_parse_report_lists_audits_that_cost_points():
    data = {"categories": {"seo": {"score": 0.92, "auditRefs": [{"id": "canonical", "weight": 1},
                                                               {"id": "hreflang", "weight": 1}]}},
            "audits": {"canonical": {"score": 0, "title": "Document has a valid rel=canonical",
                                     "scoreDisplayMode": "binary"},
                       "hreflang": {"score": 1, "title": "Document has a valid hreflang",
                                    "scoreDisplayMode": "binary"}}}
    report = parse_report(data, "http://x/")
    assert score_failures([report], {"seo": 100}) == ["http://x/: seo 92 < 100 (Document has a valid rel=canonical)"]
