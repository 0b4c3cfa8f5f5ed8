"""Compare levels, the self-assessment and saving to / loading from a file (checklist too), in real
Chromium on the session's built site (overrides/hooks/levels.py, docs/assets/javascripts/pages/).

Each browser check is a function returning problems: it must find none on the real build, and
the ``*_reports_*`` tests serve one script broken the way a bad edit would break it (through a
Playwright route, no second build) and show the same check reporting it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from selectolax.lexbor import LexborHTMLParser

from browser_support import open_context, settle
from conftest import LANGUAGES, ROOT, built_page
from handbook import career, competencies, levels
from handbook.site import languages
from test_print import read_pdf, squashed
from handbook.datafile import SchemaError

AXE = Axe()
LANGS = languages()
KIT = competencies.load(ROOT / "docs")
CAREER = career.load_career(ROOT / "docs/data/career.yml")
UI = levels.load_ui(ROOT / "docs/data/levels.yml")
LEVELS = [level.id for level in KIT.levels]
COMPS = [c.id for c in KIT.competencies]
# A rating for every competency (level ids or "none"), entered with the keyboard in the tests.
RATINGS = dict(zip(COMPS, ["marketer", "junior", "none", "senior", "head", "marketer", "junior", "senior"]))
TARGET = "senior"


def traffic_of(*traffics) -> list[str]:
    """Third-party requests, failed requests and console errors; a request the browser aborted
    because a reload or a new page replaced the one that made it is not a failure of the site."""
    return [p for t in traffics for p in t.problems() if "net::ERR_ABORTED" not in p]


def url(base: str, page: str, lang: str, query: str = "") -> str:
    return base + LANGS.prefix(lang) + f"{page}/" + query


def words(lang: str, part: str) -> dict[str, str]:
    return levels.ui(UI, lang, part)


# --- checklist: stable ids, old ticks carried over once ---------------------------------------

# How checklist.js keyed a tick before the stable ids: the id of the item's section (h2) and the
# item's whole text. A reader's browser still holds ticks stored that way.
OLD_KEYS = """() => {
  let section = "top"; const seen = {}; const keys = [];
  document.querySelectorAll(".md-content article h2[id], li.task-list-item > .task-list-control > input[type=checkbox]").forEach(el => {
    if (el.tagName === "H2") { section = el.id; return; }
    let key = section + ":" + el.closest("li").textContent.replace(/\\s+/g, " ").trim();
    seen[key] = (seen[key] || 0) + 1;
    if (seen[key] > 1) key += "#" + seen[key];
    keys.push(key);
  });
  return keys;
}"""
STORAGE_KEY = "() => 'hb-checklist:' + (document.documentElement.lang || 'ru') + ':' + location.pathname"


def ticked(page) -> list[int]:
    return page.eval_on_selector_all("li.task-list-item input[type=checkbox]",
                                     "els => els.flatMap((e, i) => e.checked ? [i] : [])")


def carry_over_problems(browser, base: str, lang: str) -> list[str]:
    """Ticks stored under the old text keys show on their items; once carried over they are kept
    by the items' ids, so an editor's fix to an item's wording keeps the tick."""
    context, traffic = open_context(browser, base)
    problems = []
    try:
        page = context.new_page()
        page.goto(url(base, "onboarding", lang), wait_until="load")
        keys, storage = page.evaluate(OLD_KEYS), page.evaluate(STORAGE_KEY)
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage, json.dumps({keys[0]: True, keys[3]: True})])
        page.reload(wait_until="load")
        if ticked(page) != [0, 3]:
            problems.append(f"{lang}: old ticks not carried over: ticked {ticked(page)}, expected [0, 3]")
        stored = page.evaluate("k => localStorage.getItem(k)", storage) or ""
        if any(key in stored for key in (keys[0], keys[3])):
            problems.append(f"{lang}: the old text keys are still stored after the carry-over: {stored[:120]}")
        # an editor fixes a typo in the first item: the page now says something else there
        first = page.eval_on_selector("li.task-list-item", "li => li.id")

        def edited(route):
            html = route.fetch().text()
            route.fulfill(status=200, content_type="text/html; charset=utf-8",
                          body=re.sub(rf'(<li class="task-list-item" id="{first}">.*?</label>)',
                                      lambda m: m[1].replace("</label>", " (edited)</label>"), html, count=1, flags=re.S))
        context.route(re.compile(r"/onboarding/$"), edited)
        page.reload(wait_until="load")
        if "(edited)" not in page.inner_text("li.task-list-item"):
            problems.append("the edited page was not served")
        if ticked(page) != [0, 3]:
            problems.append(f"{lang}: after a wording fix ticked {ticked(page)}, expected [0, 3]")
    finally:
        context.close()
    return problems + traffic_of(traffic)


pytestmark = pytest.mark.browser


def test_checklist_carries_old_ticks_over_to_stable_ids(browser, served_site):
    """English here (the ids and the script are the same in every language); failed first on the
    text-keyed script: "after a wording fix ticked [3], expected [0, 3]"."""
    assert carry_over_problems(browser, served_site, "en") == []


def test_checklist_items_have_stable_ids_the_same_in_every_language(built_site):
    ids = {}
    for lang in LANGUAGES:
        tree = LexborHTMLParser(built_page(built_site, "onboarding", lang).read_text(encoding="utf-8"))
        ids[lang] = [li.attributes.get("id") for li in tree.css("li.task-list-item")]
        assert ids[lang] and all(i and i.startswith("step-") for i in ids[lang]), ids[lang]
        assert len(set(ids[lang])) == len(ids[lang]), f"{lang}: duplicate checklist ids"
    assert len({tuple(v) for v in ids.values()}) == 1, ids


# --- compare levels ------------------------------------------------------------------------------

def step_clauses(lower: str, upper: str) -> list[str]:
    """The clause ids career.yml adds above ``lower`` up to ``upper`` (levels are cumulative)."""
    ids = [level.id for level in CAREER.levels]
    return [d for level in CAREER.levels[ids.index(lower) + 1: ids.index(upper) + 1] for d in level.duties]


def compare_problems(browser, base: str, lang: str, lower: str = "marketer", upper: str = "head") -> list[str]:
    """Choosing two levels shows, for every competency, the lower level's cell and the cells of
    every level above it up to the higher one (by their permanent links), and the clauses of the
    step; the choice is in the address and a reload restores it."""
    context, traffic = open_context(browser, base)
    problems = []
    try:
        page = context.new_page()
        page.goto(url(base, "levels", lang), wait_until="load")
        if not page.is_visible("#hb-compare-form"):
            return [f"{lang}: the form is not shown"]
        page.select_option("#hb-compare-form select[name=from]", lower)
        page.select_option("#hb-compare-form select[name=to]", upper)
        if f"from={lower}" not in page.url or f"to={upper}" not in page.url:
            problems.append(f"{lang}: the address does not carry the choice: {page.url}")
        result = page.locator("[data-hb-result]")
        hrefs = result.evaluate("r => [...r.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        between = LEVELS[LEVELS.index(lower) + 1: LEVELS.index(upper) + 1]
        for comp in COMPS:
            for level in [lower] + between:
                if not any(h.endswith(f"competencies/#{comp}-{level}") for h in hrefs):
                    problems.append(f"{lang}: no link to the cell {comp}-{level}")
            for level in LEVELS:
                if level not in [lower] + between and any(h.endswith(f"#{comp}-{level}") for h in hrefs):
                    problems.append(f"{lang}: the cell {comp}-{level} is outside the pair")
        for clause in step_clauses(lower, upper):
            if not any(h.endswith(f"job-instruction/#{clause}") for h in hrefs):
                problems.append(f"{lang}: clause {clause} of the step is missing")
        text = result.inner_text()
        cell = KIT.competency(COMPS[0]).cells[LEVELS.index(upper)]
        if cell.expectation[lang] not in text.replace("\xa0", " "):  # the page's no-break spaces
            problems.append(f"{lang}: the higher cell's expectation is not shown")
        if page.is_visible("[data-hb-static]"):
            problems.append(f"{lang}: the static steps are still shown beside the chosen pair")
        status = page.text_content(".hb-compare__status")
        if not status:
            problems.append(f"{lang}: the choice is not announced")
        page.reload(wait_until="load")
        restored = [page.input_value("select[name=from]"), page.input_value("select[name=to]")]
        if restored != [lower, upper]:
            problems.append(f"{lang}: a reload restores {restored}, not {[lower, upper]}")
        elif page.locator("[data-hb-result]").inner_text() != text:
            problems.append(f"{lang}: a reload shows a different comparison")
    finally:
        context.close()
    return problems + traffic_of(traffic)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compare_shows_two_levels_and_keeps_them_in_the_address(browser, served_site, lang):
    assert compare_problems(browser, served_site, lang) == []


def test_compare_check_reports_a_choice_not_read_back(browser, served_site):
    def broken(route):
        route.fulfill(body=route.fetch().text().replace("params.get(\"from\")", "null"), content_type="text/javascript")
    problems = with_route(browser, served_site, script_url("compare-levels"), broken, compare_problems, "en")
    assert any("a reload restores" in p for p in problems), problems


def script_url(name: str) -> re.Pattern:
    return re.compile(rf"/{name}\.[0-9a-f]{{8}}\.js$")


def with_route(browser, base, pattern, handler, check, *args, **kwargs):
    """``check`` with what ``pattern`` matches served broken by ``handler`` (each browser context
    the check opens gets the route)."""
    original = browser.new_context

    def new_context(**options):
        context = original(**options)
        context.route(pattern, handler)
        return context
    browser.new_context = new_context
    try:
        return check(browser, base, *args, **kwargs)
    finally:
        browser.new_context = original


def test_without_javascript_the_page_shows_every_adjacent_step(browser, served_site):
    context, _ = open_context(browser, served_site, java_script_enabled=False)
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(url(served_site, "levels", lang), wait_until="load")
            steps = page.eval_on_selector_all(".hb-compare__step", "s => s.map(e => e.id)")
            assert steps == [f"{a}-{b}" for a, b in zip(LEVELS, LEVELS[1:])], steps
            assert not page.is_visible("#hb-compare-form")
            for a, b in zip(LEVELS, LEVELS[1:]):
                text = page.inner_text(f"#{a}-{b}").replace("\xa0", " ")
                for comp in KIT.competencies:
                    assert comp.cells[LEVELS.index(b)].expectation[lang] in text, (lang, a, b, comp.id)
                for clause in step_clauses(a, b):
                    assert page.locator(f"#{a}-{b} a[href$='job-instruction/#{clause}']").count(), (lang, clause)
    finally:
        context.close()


def test_career_ladder_steps_link_to_their_comparison(built_site):
    for lang in LANGUAGES:
        tree = LexborHTMLParser(built_page(built_site, "career", lang).read_text(encoding="utf-8"))
        for a, b in zip(LEVELS, LEVELS[1:]):
            section = tree.css_first(f"#level-{b}")
            links = [n.attributes.get("href") for n in tree.css("a[href*='levels/?from=']")]
            assert section is not None and f"../levels/?from={a}&to={b}#{a}-{b}" in links, (lang, links)


# --- self-assessment ------------------------------------------------------------------------------

def rate_with_keyboard(page, ratings: dict[str, str], target: str) -> list[str]:
    """Rate every competency and pick the target with the keyboard only: Tab into each radio group,
    arrow keys to the level (Space for the first option), Tab to the target list, arrows."""
    problems = []
    options = ["none"] + LEVELS
    page.eval_on_selector("#hb-assess-form input[type=radio]", "el => el.focus()")
    for comp in COMPS:
        focused = page.evaluate("document.activeElement.name")
        if focused != comp:
            problems.append(f"Tab reached {focused!r}, expected the group {comp!r}")
            return problems
        steps = options.index(ratings[comp])
        if steps == 0:
            page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.name") != "target":
        return problems + ["the target list is not reached with Tab"]
    for _ in range(LEVELS.index(target) + 1):
        page.keyboard.press("ArrowDown")
    if page.evaluate("document.activeElement.name") != "target":
        problems.append("the focus left the target list")
    return problems


def result_of(page) -> dict:
    return page.evaluate("""() => ({
        rows: [...document.querySelectorAll('#hb-assess-result tbody tr')].map(r => r.innerText),
        links: [...document.querySelectorAll('#hb-assess-result a')].map(a => a.getAttribute('href')),
        bars: document.querySelectorAll('#hb-assess-result svg rect').length,
        target: document.querySelectorAll('#hb-assess-result svg .hb-chart__target').length,
        summary: document.querySelector('[data-hb-summary]').textContent,
        query: location.search})""")


def assessment_problems(browser, base: str, lang: str, tmp_path: Path) -> list[str]:
    """Ratings entered with the keyboard give the result and the chart, announced; the address
    keeps them over a reload; the saved file loads into a fresh browser identically."""
    ui = words(lang, "assess")
    context, traffic = open_context(browser, base, accept_downloads=True)
    problems = []
    try:
        page = context.new_page()
        page.goto(url(base, "self-assessment", lang), wait_until="load")
        if not page.is_visible("#hb-assess-form"):
            return [f"{lang}: the form is not shown"]
        problems += rate_with_keyboard(page, RATINGS, TARGET)
        first = result_of(page)
        for comp, value in RATINGS.items():
            if f"{comp}={value}" not in first["query"]:
                problems.append(f"{lang}: {comp}={value} is not in the address {first['query']}")
        if f"target={TARGET}" not in first["query"]:
            problems.append(f"{lang}: the target is not in the address")
        if first["bars"] != len(COMPS) or first["target"] != 1:
            problems.append(f"{lang}: the chart has {first['bars']} bars and {first['target']} target lines")
        below = [c for c, v in RATINGS.items() if (["none"] + LEVELS).index(v) < LEVELS.index(TARGET) + 1]
        for comp in below:
            start = (["none"] + LEVELS).index(RATINGS[comp])
            for level in LEVELS[start: LEVELS.index(TARGET) + 1]:
                if not any(h.endswith(f"competencies/#{comp}-{level}") for h in first["links"]):
                    problems.append(f"{lang}: the gap of {comp} does not link the cell {comp}-{level}")
        status = page.text_content(".hb-assess__status")
        if status != first["summary"] or str(len(below)) not in status:
            problems.append(f"{lang}: the live region says {status!r}, the result {first['summary']!r}")
        page.reload(wait_until="load")
        if result_of(page) != first:
            problems.append(f"{lang}: a reload shows a different result")
        with page.expect_download() as info:
            page.focus("[data-hb-action=save]")
            page.keyboard.press("Enter")
        saved = tmp_path / f"assessment-{lang}.json"
        info.value.save_as(saved)
        content = json.loads(saved.read_text(encoding="utf-8"))
        expected = {"page": "self-assessment", "version": levels.FILE_VERSION, "lang": lang, "ratings": RATINGS, "target": TARGET}
        if content != expected:
            problems.append(f"{lang}: the saved file is {content}")
        if ui["file_name"] != info.value.suggested_filename:
            problems.append(f"{lang}: the file is called {info.value.suggested_filename}")
    finally:
        context.close()
    fresh, traffic2 = open_context(browser, base)
    try:
        page = fresh.new_page()
        page.goto(url(base, "self-assessment", lang), wait_until="load")
        page.set_input_files("#hb-assess .hb-file-input", str(saved))
        page.wait_for_function("() => document.querySelector('.hb-assess__status').textContent.length > 0")
        if result_of(page) != first:
            problems.append(f"{lang}: loaded into a fresh browser, the result differs: {result_of(page)['query']}")
    finally:
        fresh.close()
    return problems + traffic_of(traffic, traffic2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_self_assessment_by_keyboard_survives_reload_and_file(browser, served_site, lang, tmp_path):
    assert assessment_problems(browser, served_site, lang, tmp_path) == []


def test_assessment_check_reports_a_state_not_written_to_the_address(browser, served_site, tmp_path):
    def broken(route):
        route.fulfill(body=route.fetch().text().replace("toAddress(state);", ""), content_type="text/javascript")
    problems = with_route(browser, served_site, script_url("self-assessment"), broken, assessment_problems, "en", tmp_path)
    assert any("is not in the address" in p for p in problems), problems


BAD_FILES = {  # name -> (content, the message of levels.yml it must get)
    "notes.json": ("this is not JSON {", "malformed"),
    "list.json": ("[1, 2, 3]", "malformed"),
    "onboarding-checklist.json": (json.dumps({"page": "onboarding", "version": 1, "lang": "en", "ticks": []}), "other_page"),
    "future.json": (json.dumps({"page": "self-assessment", "version": levels.FILE_VERSION + 1, "lang": "en",
                                "ratings": {"analytics": "head"}, "target": None}), "newer"),
    "odd.json": (json.dumps({"page": "self-assessment", "version": 1, "lang": "en",
                             "ratings": {"analytics": "head", "paid-traffic": "guru"}, "target": None}), "malformed"),
}


def refusal_problems(browser, base: str, lang: str, tmp_path: Path, page_name: str = "self-assessment") -> list[str]:
    """Malformed, foreign and future files are refused with their message; nothing changes."""
    ui = words(lang, "file")
    context, traffic = open_context(browser, base)
    problems = []
    try:
        page = context.new_page()
        query = "?analytics=senior&seo-website=junior&target=head" if page_name == "self-assessment" else ""
        page.goto(url(base, page_name, lang, query), wait_until="load")
        if page_name != "self-assessment":
            page.locator("li.task-list-item input[type=checkbox]").nth(1).focus()
            page.keyboard.press("Space")
        state = lambda: (page.url, ticked(page), page.eval_on_selector_all("input[type=radio]:checked", "els => els.map(e => e.name + e.value)"))
        before = state()
        for name, (text, key) in BAD_FILES.items():
            if page_name != "self-assessment" and name == "onboarding-checklist.json":
                text, key = json.dumps({"page": "self-assessment", "version": 1, "lang": lang, "ratings": {}}), "other_page"
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            page.set_input_files(".hb-file-input", str(path))
            expected = levels.ui(UI, lang, "file")[key].split("{name}")[0]
            page.wait_for_function("n => [...document.querySelectorAll('[role=status]')].some(s => s.textContent.includes(n))", arg=name)
            said = " ".join(page.eval_on_selector_all("[role=status]", "s => s.map(e => e.textContent)"))
            if expected not in said or ui[key].split("{")[-1].split("}")[-1][-20:] not in said:
                problems.append(f"{lang}: {name}: the message is not the {key!r} one: {said!r}")
            if state() != before:
                problems.append(f"{lang}: {name} changed the page: {state()} != {before}")
    finally:
        context.close()
    return problems + traffic_of(traffic)


def test_bad_files_are_refused_and_change_nothing(browser, served_site, tmp_path):
    """English here; the Russian messages are checked on the checklist (same code, state-file.js)."""
    assert refusal_problems(browser, served_site, "en", tmp_path) == []


def test_refusal_check_reports_a_future_file_accepted(browser, served_site, tmp_path):
    def broken(route):
        route.fulfill(body=route.fetch().text().replace("data.version > options.version", "false"), content_type="text/javascript")
    problems = with_route(browser, served_site, script_url("state-file"), broken, refusal_problems, "en", tmp_path)
    assert any("future.json" in p for p in problems), problems


# --- checklist: save to file / load from file ------------------------------------------------------

def checklist_file_problems(browser, base: str, lang: str, tmp_path: Path) -> list[str]:
    context, traffic = open_context(browser, base, accept_downloads=True)
    problems = []
    try:
        page = context.new_page()
        page.goto(url(base, "onboarding", lang), wait_until="load")
        boxes = page.locator("li.task-list-item input[type=checkbox]")
        for i in (0, 2, 5):
            boxes.nth(i).focus()
            page.keyboard.press("Space")
        with page.expect_download() as info:
            page.click(".hb-checklist-bar [data-hb-action=save]")
        saved = tmp_path / f"checklist-{lang}.json"
        info.value.save_as(saved)
        content = json.loads(saved.read_text(encoding="utf-8"))
        ids = page.eval_on_selector_all("li.task-list-item", "els => els.map(e => e.id)")
        if content != {"page": "onboarding", "version": levels.FILE_VERSION, "lang": lang, "ticks": [ids[i] for i in (0, 2, 5)]}:
            problems.append(f"{lang}: the saved file is {content}")
    finally:
        context.close()
    fresh, traffic2 = open_context(browser, base)
    try:
        page = fresh.new_page()
        page.goto(url(base, "onboarding", lang), wait_until="load")
        page.set_input_files(".hb-checklist-bar .hb-file-input", str(saved))
        page.wait_for_function("() => document.querySelector('.hb-checklist-bar__message').textContent.length > 0")
        if ticked(page) != [0, 2, 5]:
            problems.append(f"{lang}: loaded into a fresh browser, ticked {ticked(page)}")
        page.reload(wait_until="load")
        if ticked(page) != [0, 2, 5]:
            problems.append(f"{lang}: the loaded ticks are not kept over a reload: {ticked(page)}")
    finally:
        fresh.close()
    return problems + traffic_of(traffic, traffic2)


def test_checklist_round_trips_through_a_file(browser, served_site, tmp_path):
    """Russian here; English files are refused and loaded by the same code (state-file.js)."""
    assert checklist_file_problems(browser, served_site, "ru", tmp_path) == []


def test_checklist_refuses_bad_files(browser, served_site, tmp_path):
    assert refusal_problems(browser, served_site, "ru", tmp_path, "onboarding") == []


# --- print and accessibility ------------------------------------------------------------------------

WORST = "?" + "&".join(f"{c}=none" for c in COMPS) + "&target=head"  # the longest result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_self_assessment_fits_one_a4_page(browser, served_site, lang):
    context, _ = open_context(browser, served_site)
    try:
        page = context.new_page()
        page.goto(url(served_site, "self-assessment", lang, WORST), wait_until="load")
        summary = page.text_content("[data-hb-summary]")
        rows = page.eval_on_selector_all("#hb-assess-result tbody tr", "rs => rs.map(r => r.innerText)")
        page.emulate_media(media="print")
        printed = read_pdf(page.pdf(format="A4"))
    finally:
        context.close()
    assert len(printed.sizes) == 1, f"{lang}: the result prints on {len(printed.sizes)} pages"
    assert all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in printed.sizes)
    text = squashed(printed.pages[0])
    assert squashed(summary) in text
    for row in rows:
        for part in row.split("\t"):
            assert squashed(part)[:60] in text, (lang, part[:60])
    ui = words(lang, "file")
    for absent in (ui["save"], KIT.competency(COMPS[0]).cells[0].signals[lang][0], words(lang, "assess")["target"]):
        assert squashed(absent) not in text, f"{lang}: printed {absent!r}"


def test_print_check_reports_a_result_over_two_pages(browser, served_site):
    context, _ = open_context(browser, served_site)
    try:
        page = context.new_page()
        page.goto(url(served_site, "self-assessment", "en", WORST), wait_until="load")
        page.emulate_media(media="print")
        page.add_style_tag(content=".hb-assess__table { font-size: 14pt !important; }")
        assert len(read_pdf(page.pdf(format="A4")).sizes) > 1
    finally:
        context.close()


def axe_problems(browser, base: str, tmp_path: Path, langs=("en",), tools=("compare", "assess", "checklist")) -> list[str]:
    """axe, every rule, on each new state: a chosen comparison (after the same-level message); a
    filled self-assessment with a refused file's message; the checklist's file bar with one. The
    markup is the same in every language (only the words differ): the tools run in English, the
    checklist in Russian; the static pages of both languages are checked by tests/test_a11y.py."""
    problems = []
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()

        def run(label, where):
            # the tool and its messages, every rule (the rest of each page: tests/test_a11y.py)
            settle(page)
            for v in AXE.run(page, context=where, options={"resultTypes": ["violations"]}).response["violations"]:
                problems.append(f"{label}: {v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:3])}")
        for lang in langs:
            if "compare" in tools:
                page.goto(url(base, "levels", lang, "?from=junior&to=head"), wait_until="load")
                page.select_option("select[name=to]", "junior")  # the "choose two different levels" message
                page.select_option("select[name=to]", "head")
                page.eval_on_selector("select[name=to]", "el => el.focus({preventScroll: true})")
                run(f"{lang} compare", "#hb-compare")
            if "assess" in tools:
                page.goto(url(base, "self-assessment", lang, WORST.replace("analytics=none", "analytics=head")), wait_until="load")
                page.set_input_files(".hb-file-input", str(bad))
                page.wait_for_function("() => document.querySelector('.hb-assess__status').textContent.length > 0")
                page.eval_on_selector("#hb-assess-form input[type=radio]", "el => el.focus({preventScroll: true})")
                run(f"{lang} self-assessment, filled, a file refused", "#hb-assess")
        if "checklist" in tools:
            page.goto(url(base, "onboarding", "ru"), wait_until="load")
            page.set_input_files(".hb-file-input", str(bad))
            page.wait_for_function("() => document.querySelector('.hb-checklist-bar__message').textContent.length > 0")
            page.eval_on_selector(".hb-file-input", "el => el.focus({preventScroll: true})")
            run("ru checklist, refused file", {"include": [".hb-checklist-bar", ".hb-checklist-bar__message", "li.task-list-item"]})
    finally:
        context.close()
    return problems


def test_no_axe_violations_in_the_new_states(browser, served_site, tmp_path):
    assert axe_problems(browser, served_site, tmp_path) == []


def test_axe_check_reports_an_unlabelled_level_list(browser, served_site, tmp_path):
    def broken(route):  # the "lower level" list loses its label (the words stay, beside it)
        html = route.fetch().text()
        route.fulfill(body=re.sub(r'<label>([^<]*)\n<select name="from">', r'<span>\1</span>\n<select name="from">', html),
                      content_type="text/html; charset=utf-8")
    problems = with_route(browser, served_site, re.compile(r"/en/levels/"), broken, axe_problems, tmp_path,
                          tools=("compare",))
    assert any("compare" in p and "select-name" in p for p in problems), problems


# --- the words file ----------------------------------------------------------------------------------

def test_words_file_reports_a_placeholder_lost_in_translation(tmp_path):
    text = (ROOT / "docs/data/levels.yml").read_text(encoding="utf-8")
    broken = tmp_path / "levels.yml"
    broken.write_text(text.replace('progress: "{done} of {total} ticked"', 'progress: "{done} ticked"'), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        levels.load_ui(broken, "docs/data/levels.yml")
    line = next(n for n, s in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if '"{done} ticked"' in s)
    assert [str(f) for f in caught.value.findings] == [
        f"docs/data/levels.yml:{line}: field 'en.checklist.progress': placeholders ['done'] differ from ru's ['done', 'total']"]


def test_words_file_reports_a_missing_string_with_its_line(tmp_path):
    text = (ROOT / "docs/data/levels.yml").read_text(encoding="utf-8")
    broken = tmp_path / "levels.yml"
    broken.write_text(re.sub(r"\n    reset: \"Clear all ticks\"", "", text), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        levels.load_ui(broken, "docs/data/levels.yml")
    line = next(n for n, s in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if s == "  checklist:" and n > 60)
    assert [str(f) for f in caught.value.findings] == [f"docs/data/levels.yml:{line}: field 'en.checklist.reset': required field is missing"]


# --- scripts/tools/checklist_ids.py ------------------------------------------------------------------

def test_checklist_ids_script_adds_only_missing_ids_and_check_fails_on_them(tmp_path):
    from tools.checklist_ids import main, missing_and_fixed

    for lang in LANGUAGES:
        assert missing_and_fixed((ROOT / f"docs/onboarding.{lang}.md").read_text(encoding="utf-8"))[0] == []
    page = tmp_path / "page.md"
    page.write_text("## Week { #week-1 }\n\n- [ ] First\n  { #step-week-1-1 }\n- [ ] New, on\n  two lines\n"
                    "- [ ] Third\n  { #step-week-1-2 }\n", encoding="utf-8")
    assert main(["--check", str(page)]) == 1
    assert main([str(page)]) == 0
    assert page.read_text(encoding="utf-8") == ("## Week { #week-1 }\n\n- [ ] First\n  { #step-week-1-1 }\n"
                                                "- [ ] New, on\n  two lines\n  { #step-week-1-3 }\n"
                                                "- [ ] Third\n  { #step-week-1-2 }\n")
    assert main(["--check", str(page)]) == 0


# --- scripts only where they are needed --------------------------------------------------------------

def script_scope_problems(site: Path) -> list[str]:
    """compare-levels.js only on the compare page, self-assessment.js only on its page, state-file.js
    on those and on pages with a checklist (before their scripts); each hashed and deferred."""
    problems = []
    for path in sorted(site.rglob("index.html")):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        srcs = [n.attributes.get("src") or "" for n in tree.css("script[src]")]
        names = [re.sub(r"\.[0-9a-f]{8}\.js$", "", s.rsplit("/", 1)[-1]) for s in srcs]
        where = str(path.relative_to(site))
        page = path.parent.name
        wanted = {"compare-levels": page == "levels",
                  "self-assessment": page == "self-assessment",
                  "state-file": page == "self-assessment" or bool(tree.css_first("li.task-list-item"))}
        for name, needed in wanted.items():
            if needed != (name in names):
                problems.append(f"{where}: {name}.js {'missing' if needed else 'loaded'}")
        for user in ("checklist", "self-assessment"):
            if user in names and "state-file" in names and names.index("state-file") > names.index(user):
                problems.append(f"{where}: state-file.js runs after {user}.js")
        for src, name in zip(srcs, names):
            if name in wanted and (not re.search(r"\.[0-9a-f]{8}\.js$", src)
                                   or "defer" not in tree.css_first(f'script[src="{src}"]').attributes):
                problems.append(f"{where}: {src} is not a hashed, deferred file")
    return problems


def test_level_scripts_load_only_where_needed(built_site):
    assert script_scope_problems(built_site) == []


def test_scope_check_reports_a_script_on_the_wrong_page(built_site, tmp_path):
    for page in ("levels", "glossary"):
        target = tmp_path / page / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(built_page(built_site, page, "ru").read_text(encoding="utf-8"), encoding="utf-8")
    glossary = tmp_path / "glossary/index.html"
    script = re.search(r'<script src="[^"]*compare-levels\.[0-9a-f]{8}\.js" defer></script>',
                       (tmp_path / "levels/index.html").read_text(encoding="utf-8"))[0]
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    assert script_scope_problems(tmp_path) == ["glossary/index.html: compare-levels.js loaded"]
