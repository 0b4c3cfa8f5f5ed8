"""The built site as a reader meets it, in Debian's Chromium: every page of both languages loads
cleanly from this server alone, the language switcher, glossary tooltips, published deep links,
the mobile drawer, the dark scheme, and screenshots for review (test-artifacts/screenshots/).

Each check is a function that returns a list of problems; the test_*_reports_* tests run the same
function on a deliberately broken build (tests/browser_support.py) and expect the breakage named.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_support import (ARTIFACTS, BROKEN_FONT_HOST, BROKEN_ID, BROKEN_MISSING_IMAGE,
                             BROKEN_TOOLTIP_TERM, BROKEN_TRANSLATION, KEY_PAGES, SiteServer, broken_site,
                             locale_of, open_context, page_path, settle, sitemap_paths)
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, source_pages
from handbook import glossary, links, site

pytestmark = pytest.mark.browser

PAGES = source_pages()
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
MOBILE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True,
          "has_touch": True}


def report(problems: dict[str, list[str]] | list[str]) -> str:
    if isinstance(problems, dict):
        return "\n".join(f"{where}: {p}" for where, items in problems.items() for p in items)
    return "\n".join(problems)


@pytest.fixture(scope="module")
def paths(built_site) -> list[str]:
    found = sitemap_paths(built_site)
    expected = {page_path(p, l) for p in PAGES for l in LANGUAGES}
    assert expected <= set(found), f"sitemap.xml misses {sorted(expected - set(found))}"
    return found


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Base URL of the deliberately broken build, served on its own port."""
    with SiteServer(broken_site(tmp_path_factory)) as server:
        yield server.url


# --- every page loads cleanly, from this server only ---------------------------------------------

def crawl(browser, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Load each page (waiting for the network to go quiet, so the search index and the scripts it
    starts are included) and list third-party requests, failed requests and console errors."""
    context, traffic = open_context(browser, base)
    problems = {}
    try:
        page = context.new_page()
        for path in paths:
            traffic.clear()
            response = page.goto(base + path, wait_until="networkidle")
            found = traffic.problems()
            if response is None or response.status != 200:
                found.insert(0, f"status {response.status if response else 'none'}")
            if found:
                problems["/" + path] = found
    finally:
        context.close()
    return problems


def test_every_page_loads_without_errors_or_third_party_requests(browser, served_site, paths):
    problems = crawl(browser, served_site, paths)
    assert not problems, "pages with problems:\n" + report(problems)


def test_crawl_reports_third_party_font_and_missing_file(browser, broken):
    found = report(crawl(browser, broken, ["en/"]))
    assert BROKEN_FONT_HOST in found and "third-party request" in found, found
    assert f"404 {broken}en/{BROKEN_MISSING_IMAGE}" in found, found


# --- language switcher ---------------------------------------------------------------------------

def switch_language(page, locale: str) -> None:
    """Open the header's language menu as a reader does (hover) and pick ``locale``."""
    page.hover(".md-header .md-select > button")
    link = page.locator(f'.md-header .md-select__link[hreflang="{locale}"]')
    with page.expect_navigation(wait_until="domcontentloaded"):
        link.click()


def switcher_problems(page, base: str, page_name: str) -> list[str]:
    start = base + page_path(page_name, DEFAULT_LANGUAGE)
    page.goto(start, wait_until="domcontentloaded")
    problems = []
    for target in (*LANGUAGES[1:], DEFAULT_LANGUAGE):
        expected = base + page_path(page_name, target)
        switch_language(page, target)
        lang = page.get_attribute("html", "lang")
        if page.url != expected or lang != target:
            problems.append(f"switching to {target} went to {page.url} (lang={lang}), expected {expected}")
            break
    return problems


@pytest.mark.parametrize("page_name", PAGES)
def test_language_switcher_goes_to_the_same_page_and_back(browser, served_site, page_name):
    context, _ = open_context(browser, served_site)
    try:
        problems = switcher_problems(context.new_page(), served_site, page_name)
    finally:
        context.close()
    assert not problems, report(problems)


def test_switcher_check_reports_missing_translation(browser, broken):
    context, _ = open_context(browser, broken)
    try:
        problems = switcher_problems(context.new_page(), broken, BROKEN_TRANSLATION)
    finally:
        context.close()
    assert problems and f"expected {broken}en/{BROKEN_TRANSLATION}/" in problems[0], problems


# --- glossary tooltips ---------------------------------------------------------------------------

def glossary_shorts() -> dict[str, dict[str, str]]:
    """Short definitions by term id and language, from the glossary's source of truth."""
    terms = glossary.load_glossary(ROOT / "docs" / "data" / "glossary.yml").terms
    return {t.id: {l: " ".join(t.text(l).short.split()) for l in LANGUAGES} for t in terms}


def tooltip_problems(page, url: str, locale: str, shorts: dict, limit: int = 3) -> tuple[int, list[str]]:
    """Hover (and focus, for the first) up to ``limit`` glossary links of the page; the tooltip must
    show the term's short definition in the page's language. Returns (links checked, problems).

    Material moves a link's ``title`` into its tooltip when it mounts it, so the links are picked
    once, as element handles, and each tooltip is found through the link's aria-describedby."""
    page.goto(url, wait_until="load")
    links = page.locator('article.md-content__inner a[href*="glossary/#"][title]').element_handles()[:limit]
    problems = []
    for index, link in enumerate(links):
        term = urlsplit(link.get_attribute("href")).fragment
        expected = shorts.get(term, {}).get(locale)
        if expected is None:
            problems.append(f"link to unknown glossary term #{term}")
            continue
        link.scroll_into_view_if_needed()
        if index == 0:
            link.focus()  # keyboard readers get the tooltip too
        else:
            link.hover()
        shown = None
        try:
            page.wait_for_function("el => el.getAttribute('aria-describedby')", arg=link, timeout=3000)
            tooltip = page.locator(f"#{link.get_attribute('aria-describedby')}")
            tooltip.wait_for(state="visible", timeout=3000)
            shown = " ".join(tooltip.inner_text().split())
        except Exception:
            pass
        if shown != expected:
            problems.append(f"#{term}: tooltip shows {shown!r}, expected the {locale} definition {expected!r}")
        page.mouse.move(0, 0)
        page.evaluate("document.activeElement && document.activeElement.blur()")
    return len(links), problems


@pytest.mark.parametrize("locale", LANGUAGES)
def test_glossary_tooltips_show_the_definition_in_the_page_language(browser, served_site, locale):
    shorts = glossary_shorts()
    context, _ = open_context(browser, served_site)
    checked, problems = 0, {}
    try:
        page = context.new_page()
        for name in PAGES:
            if name == "glossary":
                continue  # the glossary itself holds full definitions, not tooltips
            count, found = tooltip_problems(page, served_site + page_path(name, locale), locale, shorts)
            checked += count
            if found:
                problems[name] = found
    finally:
        context.close()
    assert checked, f"no glossary term links with a title found on any {locale} page"
    assert not problems, report(problems)


def test_tooltip_follows_the_reader_and_can_be_dismissed(browser, served_site):
    """docs/assets/javascripts/tooltips.js: one tooltip, shown on hover or focus, hidden on Escape
    (WCAG 1.4.13) and when the pointer leaves; the browser's own title tooltip does not double it;
    abbreviations get their expansion too."""
    context, _ = open_context(browser, served_site)
    try:
        page = context.new_page()
        page.goto(served_site + "profession/", wait_until="load")
        # Handles, not locators: the [title] the locators match moves into the tooltip.
        link = page.locator('article a[href*="glossary/#"][title]').first.element_handle()
        title = link.get_attribute("title")
        link.focus()
        tooltip = page.locator("#hb-tooltip")
        tooltip.wait_for(state="visible", timeout=3000)
        assert " ".join(tooltip.inner_text().split()) == " ".join(title.split())
        assert link.get_attribute("aria-describedby") == "hb-tooltip"
        assert link.get_attribute("title") is None  # no native tooltip on top of ours
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('#hb-tooltip.md-tooltip2--active')", timeout=3000)
        assert link.get_attribute("aria-describedby") is None
        abbr = page.locator("article abbr[title]").first.element_handle()
        expansion = abbr.get_attribute("title")
        abbr.scroll_into_view_if_needed()
        abbr.hover()
        page.wait_for_function("() => document.querySelector('#hb-tooltip.md-tooltip2--active')", timeout=3000)
        assert " ".join(tooltip.inner_text().split()) == " ".join(expansion.split())
        page.mouse.move(0, 0)
        page.wait_for_function("() => !document.querySelector('#hb-tooltip.md-tooltip2--active')", timeout=3000)
        assert page.locator(".md-tooltip2").count() == 1  # one element, reused
    finally:
        context.close()


def test_tooltip_check_reports_definition_in_the_wrong_language(browser, broken):
    term, russian = BROKEN_TOOLTIP_TERM
    context, _ = open_context(browser, broken)
    try:
        page = context.new_page()
        checked_ru, problems_ru = tooltip_problems(page, broken, "ru", glossary_shorts())
        checked_en, problems_en = tooltip_problems(page, broken + "en/", "en", glossary_shorts())
    finally:
        context.close()
    assert checked_ru and not problems_ru, problems_ru
    assert checked_en and problems_en and f"tooltip shows {russian!r}" in problems_en[0], problems_en


# --- deep links ----------------------------------------------------------------------------------

def anchor_problem(page, anchor: str) -> str | None:
    """The element ``#anchor`` exists and sits in view, below the sticky header."""
    page.evaluate(SETTLE)
    box = page.evaluate(
        """id => { const el = document.getElementById(id);
                   if (!el) return null;
                   const header = document.querySelector('.md-header').getBoundingClientRect();
                   const r = el.getBoundingClientRect();
                   return {top: r.top, headerBottom: header.bottom, height: innerHeight}; }""", anchor)
    if box is None:
        return f"no element with id {anchor!r}"
    if not box["headerBottom"] - 1 <= box["top"] < box["height"]:
        return (f"#{anchor} is at y={box['top']:.0f}, not between the header bottom "
                f"({box['headerBottom']:.0f}) and the window bottom ({box['height']})")
    return None


def deep_link_problems(page, page_url: str, anchors: list[str | None]) -> dict[str, str]:
    """Open the page fresh at its first anchor, as a reader following a link does; the page's
    other anchors are then reached by fragment navigation, which scrolls by the same rules
    (scroll-margin under the sticky header) without reloading 60 times."""
    problems = {}
    first = anchors[0]
    response = page.goto(page_url + (f"#{first}" if first else ""), wait_until="load")
    if response is None or response.status != 200:
        return {page_url: f"status {response.status if response else 'none'}"}
    for index, anchor in enumerate(anchors):
        if anchor is None:
            continue
        if index:
            page.goto(f"{page_url}#{anchor}")
        problem = anchor_problem(page, anchor)
        if problem:
            problems[f"{page_url}#{anchor}"] = problem
    return problems


def published_anchors() -> dict[str, list[str | None]]:
    """Registry entries grouped by page: ``{"job-instruction": [None, "general", "p-1-1", ...]}``."""
    grouped: dict[str, list[str | None]] = {}
    for link in links.load_links(ROOT / "docs" / "data" / "published-links.yml").links:
        grouped.setdefault(site.page_name(link.page), []).append(link.anchor)
    return grouped


def test_every_published_deep_link_opens_at_its_target_under_the_header(browser, served_site):
    context, _ = open_context(browser, served_site)
    problems = {}
    try:
        page = context.new_page()
        for page_name, anchors in published_anchors().items():
            for locale in LANGUAGES:
                found = deep_link_problems(page, served_site + page_path(page_name, locale), anchors)
                problems.update({url.removeprefix(served_site.rstrip("/")): [p] for url, p in found.items()})
    finally:
        context.close()
    assert not problems, report(problems)


def test_deep_link_check_reports_removed_id(browser, broken):
    page_name, anchor = BROKEN_ID
    context, _ = open_context(browser, broken)
    try:
        problems = deep_link_problems(context.new_page(), f"{broken}en/{page_name}/", ["p-1-1", anchor])
    finally:
        context.close()
    assert problems == {f"{broken}en/{page_name}/#{anchor}": f"no element with id {anchor!r}"}, problems


# --- mobile --------------------------------------------------------------------------------------

def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0 when nothing scrolls sideways).
    A phone widens its layout viewport (innerWidth) to fit wide content and zooms out, so the
    screen is the root element's client width, not innerWidth."""
    return page.evaluate("""() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth,
                                            innerWidth) - document.documentElement.clientWidth""")


def drawer_links(page) -> set[str]:
    """Open the drawer and every section in it, as a reader taps; return the page paths listed."""
    page.click('label.md-header__button[for="__drawer"]')
    drawer = page.locator(".md-sidebar--primary")
    drawer.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary')"
                           ".getBoundingClientRect().left >= 0")
    seen: set[str] = set()

    def collect() -> None:
        for link in drawer.locator("a.md-nav__link").all():
            if link.is_visible():
                seen.add(urlsplit(link.evaluate("a => a.href")).path)

    collect()
    sections = drawer.locator("label.md-nav__link[for^='__nav_']")
    for index in range(sections.count()):
        section = sections.nth(index)
        if not section.is_visible():
            continue
        section.click()
        pane = page.locator(f"nav[aria-labelledby='{section.get_attribute('id')}']")
        pane.wait_for(state="visible")
        page.wait_for_function("el => el.getBoundingClientRect().left >= 0", arg=pane.element_handle())
        collect()
        pane.locator("label.md-nav__title").first.click()  # back to the top level
    return seen


def mobile_problems(page, base: str, paths: list[str], locale: str) -> list[str]:
    """On a 375px phone: no page of ``locale`` scrolls sideways, and the drawer of its home page
    lists every page of the handbook in that language."""
    problems = []
    for path in paths:
        page.goto(base + path, wait_until="load")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"/{path}: {overflow}px wider than the 375px screen")
    page.goto(base + page_path("index", locale), wait_until="load")
    missing = {"/" + page_path(p, locale) for p in PAGES} - drawer_links(page)
    if missing:
        problems.append(f"the drawer does not list {sorted(missing)}")
    return problems


@pytest.mark.parametrize("locale", LANGUAGES)
def test_mobile_drawer_lists_every_page_and_nothing_scrolls_sideways(browser, served_site, paths, locale):
    context, _ = open_context(browser, served_site, **MOBILE)
    try:
        problems = mobile_problems(context.new_page(), served_site, [p for p in paths if locale_of(p) == locale],
                                   locale)
    finally:
        context.close()
    assert not problems, report(problems)


def test_mobile_check_reports_wide_block_and_missing_page(browser, broken):
    context, _ = open_context(browser, broken, **MOBILE)
    try:
        problems = mobile_problems(context.new_page(), broken, ["en/"], "en")
    finally:
        context.close()
    assert any(p.startswith("/en/: ") and "wider than the 375px screen" in p for p in problems), problems
    assert any(f"/en/{BROKEN_TRANSLATION}/" in p for p in problems if "drawer" in p), problems


# --- dark scheme ---------------------------------------------------------------------------------

def scheme(page) -> str:
    return page.get_attribute("body", "data-md-color-scheme") or ""


def dark_scheme_problems(browser, base: str, locale: str) -> list[str]:
    context, _ = open_context(browser, base, color_scheme="light")
    problems = []
    try:
        page = context.new_page()
        page.goto(base + page_path("index", locale), wait_until="load")
        before = scheme(page)
        page.locator("form[data-md-component=palette] label:visible").click()
        if scheme(page) != "slate" or before == "slate":
            problems.append(f"toggle: scheme {before!r} -> {scheme(page)!r}, expected 'default' -> 'slate'")
        page.goto(base + page_path("job-instruction", locale), wait_until="load")
        if scheme(page) != "slate":
            problems.append(f"next page is {scheme(page)!r}: the dark scheme was not kept")
        page.locator("form[data-md-component=palette] label:visible").click()
        if scheme(page) != "default":
            problems.append(f"toggling back gave {scheme(page)!r}")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("locale", LANGUAGES)
def test_dark_scheme_toggles_and_persists_on_the_next_page(browser, served_site, locale):
    problems = dark_scheme_problems(browser, served_site, locale)
    assert not problems, report(problems)


def test_dark_scheme_check_reports_forgotten_scheme(browser, broken):
    problems = dark_scheme_problems(browser, broken, "en")
    assert any("was not kept" in p for p in problems), problems


# --- screenshots for review ----------------------------------------------------------------------

def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's header (IHDR)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_screenshots_of_key_pages(browser, served_site, color_scheme):
    """Full-page screenshots in both schemes, for a person to look at (not compared)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    context, _ = open_context(browser, served_site, color_scheme=color_scheme,
                              viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for name in KEY_PAGES:
            for locale in LANGUAGES:
                page.goto(served_site + page_path(name, locale), wait_until="load")
                expected = "slate" if color_scheme == "dark" else "default"
                assert scheme(page) == expected, f"{name} ({locale}) shows {scheme(page)!r} in {color_scheme} mode"
                shot = folder / f"{name}-{locale}-{color_scheme}.png"
                settle(page)
                page.screenshot(path=str(shot), full_page=True, animations="disabled")
                # the whole page was captured: the PNG is as tall as the document, as wide as the viewport
                height = page.evaluate("document.documentElement.scrollHeight")
                assert png_size(shot) == (1280, height), f"{shot.name}: {png_size(shot)} for a 1280x{height} page"
    finally:
        context.close()
