"""The two workflow pages in real Chromium: the recruiters' vacancy builder and the onboarding
checklist (overrides/hooks/workflows.py, docs/assets/javascripts/pages/*.js).

Every check is a function returning problems, run on the real build (must find none) and on a
broken build aimed at it (must report the breakage): see ``BREAKAGES`` — each is a copy of the
built site with one thing broken the way a bad script, template or stylesheet would break it —
and ``baseline_site``, the same sources built without the workflows hook (no builder, no
checklist script: the page "as today", which pages read like with JavaScript off).
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from selectolax.lexbor import LexborHTMLParser

from browser_support import SiteServer, open_context, settle
from conftest import LANGUAGES, SITE_URL, built_page, copy_project, mkdocs_build

from handbook.site import languages, page_url

AXE = Axe()
LANGS = languages()
OTHER = {lang: [o for o in LANGUAGES if o != lang] for lang in LANGUAGES}
# The choices the builder tests make: a level, section-2 and extended duties, requirements.
CHOICE = {"level": "head", "duties": ["p-2-1", "p-2-4", "ext-3", "ext-14"], "req": ["p-1-5", "p-1-6-2"]}
URL_RE = re.compile(r"https?://[^\s)\]]+")


def hiring(base: str, lang: str, query: str = "") -> str:
    return base + LANGS.prefix(lang) + "hiring/" + query


def onboarding(base: str, lang: str) -> str:
    return base + LANGS.prefix(lang) + "onboarding/"


def query(choice: dict) -> str:
    return f"?level={choice['level']}&duties={','.join(choice['duties'])}&req={','.join(choice['req'])}"


def clause_texts(site: Path, lang: str) -> dict[str, str]:
    """The job description's own clause sentences in one language, as the built page shows them."""
    tree = LexborHTMLParser(built_page(site, "job-instruction", lang).read_text(encoding="utf-8"))
    out = {}
    for div in tree.css("div.clause[id]"):
        for junk in div.css("a.headerlink, strong"):
            junk.decompose()
        first = div.css_first("p")
        out[div.attributes["id"]] = re.sub(r"\s+", " ", first.text()).strip()
    return out


def checked(page, name: str) -> list[str]:
    return page.eval_on_selector_all(f"#vacancy-builder input[name={name}]:checked", "els => els.map(e => e.value)")


# --- checks: each returns a list of problems ----------------------------------------------------

def builder_language_problems(browser, base: str, site: Path, lang: str) -> list[str]:
    """The composed text links every chosen clause by its permanent URL in the page's language,
    quotes the clause as the job description in that language words it, and has no URL of another
    language (nor one outside site_url)."""
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()
        page.goto(hiring(base, lang, query(CHOICE)), wait_until="load")
        if not page.is_visible("#hb-vacancy-text"):
            return ["the builder is not shown"]
        text = page.input_value("#hb-vacancy-text")
    finally:
        context.close()
    problems = []
    clauses = clause_texts(site, lang)
    for cid in CHOICE["duties"] + ["p-1-5"]:
        url = page_url("job-instruction", lang, cid, SITE_URL)
        if url not in text:
            problems.append(f"{lang}: {url} missing")
        if clauses[cid] not in text:
            problems.append(f"{lang}: the wording of {cid} is not the {lang} job description's: {clauses[cid]!r}")
    for must in (page_url("career", lang, "level-head", SITE_URL), page_url("career", lang, "salaries", SITE_URL),
                 page_url("glossary", lang, None, SITE_URL)):
        if must not in text:
            problems.append(f"{lang}: {must} missing")
    for url in URL_RE.findall(text):
        if not url.startswith(SITE_URL):
            problems.append(f"{lang}: a URL outside the site: {url}")
        path = url.removeprefix(SITE_URL)
        if LANGS.prefix(lang) and not path.startswith(LANGS.prefix(lang)):
            problems.append(f"{lang}: a URL in another language: {url}")
        if any(LANGS.prefix(o) and path.startswith(LANGS.prefix(o)) for o in OTHER[lang]):
            problems.append(f"{lang}: a URL in another language: {url}")
    return problems


def round_trip_problems(browser, base: str, lang: str = "en") -> list[str]:
    """Choices made in the form land in the address; opening that address restores them all and
    composes the same text (and the "copy a link" button gives the same address)."""
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()
        page.goto(hiring(base, lang), wait_until="load")
        if not page.is_visible("#vacancy-builder"):
            return ["the builder is not shown"]
        page.check("#vacancy-builder input[name=level][value=senior]")
        page.uncheck("#vacancy-builder input[name=duty][value=p-2-3]")
        page.check("#vacancy-builder input[name=duty][value=ext-9]")
        page.check("#vacancy-builder input[name=req][value=p-1-5]")
        page.uncheck("#vacancy-builder input[name=req][value=p-1-6-4]")
        page.uncheck("#vacancy-builder input[name=req][value=skill-1]")
        before = {name: checked(page, name) for name in ("level", "duty", "req")}
        text = page.input_value("#hb-vacancy-text")
        address = page.url
        reopened = context.new_page()
        reopened.goto(address, wait_until="load")
        after = {name: checked(reopened, name) for name in ("level", "duty", "req")}
        text_after = reopened.input_value("#hb-vacancy-text")
    finally:
        context.close()
    problems = []
    if "level=senior" not in address or "ext-9" not in address:
        problems.append(f"the address does not carry the choices: {address}")
    if before != after:
        problems.append(f"choices not restored from {address}: {before} != {after}")
    if text != text_after:
        problems.append("the re-opened address composes a different text")
    return problems


def keyboard_problems(browser, base: str, lang: str = "en") -> list[str]:
    """Every control of the builder is reached with Tab, in order (one stop for the radio group,
    as browsers do), and Space on a focused checkbox changes the composed text."""
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()
        page.goto(hiring(base, lang), wait_until="load")
        if not page.is_visible("#vacancy-builder"):
            return ["the builder is not shown"]
        # one stop per radio group (its checked radio, or its first when none is checked)
        expected = page.eval_on_selector_all(
            "#vacancy-builder :is(input, select, textarea, button)",
            "els => els.filter(e => e.type !== 'radio' || e.checked || (!e.form ? false : "
            "!e.form.querySelector(`input[name=${e.name}]:checked`) && e.form.querySelector(`input[name=${e.name}]`) === e))"
            ".map(e => e.name ? e.name + '=' + e.value : (e.id || e.dataset.hbAction))")
        page.eval_on_selector("#vacancy-builder input[type=radio]:checked", "el => el.focus()")
        reached = []
        # (a date field takes one Tab per part: day, month, year; it counts once)
        for _ in range(2 * len(expected) + 3):
            reached.append(page.evaluate(
                "(() => { const e = document.activeElement; return e.closest('#vacancy-builder') ? "
                "(e.name ? e.name + '=' + e.value : (e.id || e.dataset.hbAction)) : null; })()"))
            page.keyboard.press("Tab")
        reached = [r for n, r in enumerate(reached) if r and (n == 0 or r != reached[n - 1])]
        problems = []
        missing = [c for c in expected if c not in reached]
        if missing:
            problems.append(f"not reached with Tab: {missing}")
        elif reached[:len(expected)] != expected:
            problems.append(f"Tab order differs from the form's order: {reached[:len(expected)]}")
        before = page.input_value("#hb-vacancy-text")
        page.eval_on_selector("#vacancy-builder input[value=ext-15]", "el => el.focus()")
        page.keyboard.press("Space")
        if page.input_value("#hb-vacancy-text") == before:
            problems.append("Space on a duty's checkbox does not change the text")
        return problems
    finally:
        context.close()


def copy_problems(browser, base: str, lang: str = "en") -> list[str]:
    """The copy buttons put the composed text and the share address on the clipboard, and the live
    region says so."""
    context, _ = open_context(browser, base, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(hiring(base, lang, query(CHOICE)), wait_until="load")
        if not page.is_visible("#vacancy-builder"):
            return ["the builder is not shown"]
        data = json.loads(page.text_content("#hb-vacancy-data"))
        problems = []
        page.click("#vacancy-builder button[data-hb-action=copy]")
        page.wait_for_function("() => document.querySelector('#vacancy-builder [role=status]').textContent !== ''")
        clip = page.evaluate("navigator.clipboard.readText()")
        if clip != page.input_value("#hb-vacancy-text") or not clip.strip():
            problems.append(f"clipboard after 'copy text' is not the vacancy: {clip[:80]!r}")
        if page.text_content("#vacancy-builder [role=status]") != data["ui"]["copied"]:
            problems.append("the live region does not say the text was copied")
        page.click("#vacancy-builder button[data-hb-action=link]")
        page.wait_for_function(f"() => document.querySelector('#vacancy-builder [role=status]').textContent === {json.dumps(data['ui']['link_copied'])}")
        link = page.evaluate("navigator.clipboard.readText()")
        if not link.startswith(hiring(base, lang, query(CHOICE))):
            problems.append(f"clipboard after 'copy link' is not the share address: {link!r}")
        return problems
    finally:
        context.close()


def download_problems(browser, base: str, lang: str = "en") -> list[str]:
    """.txt is the composed text; .md is Markdown with the clauses as links."""
    context, _ = open_context(browser, base, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(hiring(base, lang, query(CHOICE)), wait_until="load")
        if not page.is_visible("#vacancy-builder"):
            return ["the builder is not shown"]
        text = page.input_value("#hb-vacancy-text")
        files = {}
        for kind in ("txt", "md"):
            with page.expect_download() as info:
                page.click(f"#vacancy-builder button[data-hb-action={kind}]")
            download = info.value
            files[kind] = (download.suggested_filename, Path(download.path()).read_text(encoding="utf-8"))
    finally:
        context.close()
    problems = []
    name, txt = files["txt"]
    if not name.endswith(".txt") or txt != text:
        problems.append(f".txt download ({name}) is not the composed text")
    name, md = files["md"]
    clause = page_url("job-instruction", lang, "ext-3", SITE_URL)
    if not name.endswith(".md") or not md.startswith("# ") or not re.search(rf"\]\({re.escape(clause)}\)", md):
        problems.append(f".md download ({name}) is not Markdown with clause links: {md[:120]!r}")
    if "\n## " not in md:
        problems.append(".md download has no section headings")
    return problems


def tick(page, indexes) -> None:
    """Tick steps as a keyboard user does (the box is drawn by CSS; the input itself is invisible)."""
    boxes = page.locator("li.task-list-item input[type=checkbox]")
    for i in indexes:
        boxes.nth(i).focus()
        page.keyboard.press("Space")


def ticked(page) -> list[int]:
    return page.eval_on_selector_all("li.task-list-item input[type=checkbox]",
                                     "els => els.flatMap((e, i) => e.checked ? [i] : [])")


def checklist_reload_problems(browser, base: str) -> list[str]:
    """Ticks survive a reload, per language: ticks on one language's page do not show on the other."""
    context, _ = open_context(browser, base)
    problems = []
    try:
        page = context.new_page()
        page.goto(onboarding(base, "ru"), wait_until="load")
        if page.locator("li.task-list-item input[type=checkbox]:not([disabled])").count() < 3:
            return ["the checklist is not checkable"]
        tick(page, [0, 2])
        page.reload(wait_until="load")
        if ticked(page) != [0, 2]:
            problems.append(f"ru: after reload ticked {ticked(page)}, expected [0, 2]")
        page.goto(onboarding(base, "en"), wait_until="load")
        if ticked(page):
            problems.append(f"en: shows ticks made on the Russian page: {ticked(page)}")
        tick(page, [1])
        page.reload(wait_until="load")
        if ticked(page) != [1]:
            problems.append(f"en: after reload ticked {ticked(page)}, expected [1]")
    finally:
        context.close()
    return problems


def checklist_reset_problems(browser, base: str, lang: str = "en") -> list[str]:
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()
        page.goto(onboarding(base, lang), wait_until="load")
        if not page.is_visible(".hb-checklist-bar__reset"):
            return ["no reset button"]
        tick(page, [0, 1, 3])
        page.click(".hb-checklist-bar__reset")
        problems = [f"ticked after reset: {ticked(page)}"] if ticked(page) else []
        page.reload(wait_until="load")
        if ticked(page):
            problems.append(f"ticked again after reset and reload: {ticked(page)}")
        return problems
    finally:
        context.close()


def print_ticks_problems(browser, base: str, lang: str = "en") -> list[str]:
    """Printed to PDF (Chromium), the page shows a tick for each ticked step and only for them."""
    context, _ = open_context(browser, base)
    try:
        page = context.new_page()
        page.goto(onboarding(base, lang), wait_until="load")
        boxes = page.locator("li.task-list-item input[type=checkbox]")
        if boxes.count() < 3 or boxes.first.is_disabled():
            return ["the checklist is not checkable"]
        tick(page, [0, 2])
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    count = len(tick_marks(pdf))
    return [] if count == 2 else [f"the printed page shows {count} ticks, expected 2"]


def tick_marks(pdf: bytes) -> set[tuple]:
    """Where the PDF draws a ✓ (page and position; Chromium may emit the same glyph twice)."""
    marks = set()
    for number, pdf_page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages):
        def visit(text, cm, tm, font, size, number=number):
            if "✓" in text:
                marks.add((number, *(round(v) for v in (cm[4], cm[5], tm[4], tm[5]))))
        pdf_page.extract_text(visitor_text=visit)
    return marks


def axe_problems(browser, base: str, scheme: str = "light") -> list[str]:
    """axe (every rule) on both pages in both languages, with the builder and the checklist in use."""
    context, _ = open_context(browser, base, color_scheme=scheme)
    problems = []
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            for url, act in ((hiring(base, lang, query(CHOICE)), "#vacancy-builder button[data-hb-action=txt]"),
                             (onboarding(base, lang), "li.task-list-item input[type=checkbox]")):
                page.goto(url, wait_until="load")
                settle(page)
                # focus styles are checked too; without scrolling, which makes Material fade the
                # header tabs out (axe would measure the contrast of a half-faded tab)
                page.eval_on_selector(act, "el => el.focus({preventScroll: true})")
                settle(page)
                result = AXE.run(page, options={"resultTypes": ["violations"]})
                for v in result.response["violations"]:
                    targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                    problems.append(f"{url}: {v['id']} ({v['impact']}): {targets}")
    finally:
        context.close()
    return problems


def traffic_problems(browser, base: str) -> list[str]:
    """Using both pages (compose, copy, download, tick, reset) sends no request off the site and
    logs no error."""
    context, traffic = open_context(browser, base, permissions=["clipboard-read", "clipboard-write"],
                                    accept_downloads=True)
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(hiring(base, lang), wait_until="load")
            page.check("#vacancy-builder input[name=level][value=junior]")
            page.click("#vacancy-builder button[data-hb-action=copy]")
            with page.expect_download():
                page.click("#vacancy-builder button[data-hb-action=md]")
            page.goto(onboarding(base, lang), wait_until="load")
            tick(page, [0])
            page.click(".hb-checklist-bar__reset")
        page.wait_for_timeout(300)
    finally:
        context.close()
    return traffic.problems()


def article_text(browser, base: str, url: str, javascript: bool) -> str:
    context, _ = open_context(browser, base, java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        return page.inner_text("article")
    finally:
        context.close()


def no_js_problems(browser, base: str, baseline: str) -> list[str]:
    """With JavaScript off, both pages read exactly as the same pages built without the workflows
    (the static template; the plan as a plain list, its boxes not checkable)."""
    problems = []
    for lang in LANGUAGES:
        for url in (hiring, onboarding):
            ours = article_text(browser, base, url(base, lang), False)
            before = article_text(browser, baseline, url(baseline, lang), False)
            if ours != before:
                extra = [line for line in ours.splitlines() if line not in before.splitlines()][:3]
                problems.append(f"{url(base, lang)} without JavaScript differs from the page as it was: {extra}")
    return problems


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline code"} (${e.sourceFile || "page"}:${e.lineNumber})`));
"""


def csp_problems(browser, base: str, site: Path) -> list[str]:
    """Under the production Content-Security-Policy (scripts/tools/make_csp.py, as deploy/nginx.conf
    sends it), composing, copying, downloading and ticking run without a violation or an error."""
    from tools.make_csp import build_policy, scan_site

    policy = build_policy(scan_site(site))
    context, traffic = open_context(browser, base, permissions=["clipboard-read", "clipboard-write"],
                                    accept_downloads=True)
    context.add_init_script(RECORD_VIOLATIONS)
    local = urlsplit(base).netloc

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    context.route(lambda url: urlsplit(url).netloc == local, with_policy)
    problems = []
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(hiring(base, lang), wait_until="load")
            if not page.is_visible("#vacancy-builder"):
                problems.append(f"{lang}: the builder is not shown under the policy")
                continue
            page.check("#vacancy-builder input[name=level][value=senior]")
            page.click("#vacancy-builder button[data-hb-action=copy]")
            with page.expect_download():
                page.click("#vacancy-builder button[data-hb-action=txt]")
            problems += [f"hiring ({lang}): {v}" for v in page.evaluate("window.__cspViolations")]
            page.goto(onboarding(base, lang), wait_until="load")
            tick(page, [0])
            page.click(".hb-checklist-bar__reset")
            problems += [f"onboarding ({lang}): {v}" for v in page.evaluate("window.__cspViolations")]
    finally:
        context.unroute_all(behavior="ignoreErrors")  # requests still in flight when the context closes
        context.close()
    return problems + traffic.problems()


def script_scope_problems(site: Path) -> list[str]:
    """The builder's script only on the recruiters' pages; the checklist's only on pages with a
    task list; neither in the site-wide bundle."""
    problems = []
    bundle = "".join(p.read_text(encoding="utf-8") for p in (site / "assets/javascripts").glob("handbook.*.js"))
    sources = Path(__file__).resolve().parent.parent / "docs/assets/javascripts/pages"
    for src in sources.glob("*.js"):
        if src.read_text(encoding="utf-8").strip()[:200] in bundle:
            problems.append(f"{src.name} is in the site-wide bundle")
    for path in site.rglob("index.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        scripts = [n.attributes.get("src") or "" for n in tree.css("script[src]")]
        is_hiring = path.parent.name == "hiring"
        has_tasks = bool(tree.css_first("li.task-list-item"))
        builder = [s for s in scripts if "/vacancy-builder." in s]
        checklist = [s for s in scripts if "/checklist." in s]
        where = str(path.relative_to(site))
        if is_hiring != bool(builder):
            problems.append(f"{where}: builder script {'missing' if is_hiring else 'loaded'}")
        if has_tasks != bool(checklist):
            problems.append(f"{where}: checklist script {'missing' if has_tasks else 'loaded'}")
        for src in builder + checklist:
            if not re.search(r"\.[0-9a-f]{8}\.js$", src) or "defer" not in tree.css_first(f'script[src="{src}"]').attributes:
                problems.append(f"{where}: {src} is not a hashed, deferred file")
            elif not (path.parent / src).resolve().is_file():
                problems.append(f"{where}: {src} does not exist")
    return problems


# --- the broken builds --------------------------------------------------------------------------

def _patch(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"breakage: {old!r} not in {path}: update tests/test_workflows.py"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _script(site: Path, name: str) -> Path:
    return next((site / "assets/javascripts").glob(f"{name}.*.js"))


def _en_hiring(site: Path) -> Path:
    return built_page(site, "hiring", "en")


# name -> (what it breaks, how); each check's *_reports_* test uses the one aimed at it.
BREAKAGES = {
    # the English builder links the Russian pages (a hook that ignores the page's language)
    "wrong_language": lambda s: _patch(_en_hiring(s), f"{SITE_URL}en/", SITE_URL),
    # the address is written but not read back
    "no_restore": lambda s: _patch(_script(s, "vacancy-builder"), 'if (params.has("duties"))', "if (false)"),
    # the copy button copies something else than the composed text
    "bad_copy": lambda s: _patch(_script(s, "vacancy-builder"), "if (action === \"copy\") copy(asText(compose())",
                                 "if (action === \"copy\") copy(asText(compose()).slice(0, 40)"),
    # the .md download is the plain text
    "bad_download": lambda s: _patch(_script(s, "vacancy-builder"), "download(asMarkdown(compose())",
                                     "download(asText(compose())"),
    # ticks are never stored
    "no_storage": lambda s: _patch(_script(s, "checklist"), "localStorage.setItem(storageKey, JSON.stringify({ v: STORED_VERSION, ticks: ticks }));", ""),
    # reset clears the boxes but not the stored ticks
    "no_reset": lambda s: _patch(_script(s, "checklist"), "localStorage.removeItem(storageKey);", ""),
    # print.css loses the rule that draws a ticked box as ✓
    "no_print_ticks": lambda s: [_patch(p, 'content: "✓"', 'content: ""')
                                 for p in (s / "assets/stylesheets").glob("handbook.*.css")],
    # the vacancy text box loses its label (axe: label)
    "unlabelled": lambda s: [_patch(built_page(s, "hiring", lang), '<label class="hb-builder__output-label" for="hb-vacancy-text">',
                                    '<label class="hb-builder__output-label">') for lang in LANGUAGES],
    # the builder's script calls a third-party host
    "third_party": lambda s: _patch(_script(s, "vacancy-builder"), "restore();\n",
                                    'restore();\nnew Image().src = "https://stats.example.com/p.gif";\n'),
    # the copy button cannot be reached with the keyboard
    "no_tab_stop": lambda s: _patch(_en_hiring(s), 'data-hb-action="copy"', 'data-hb-action="copy" tabindex="-1"'),
    # the builder's script evaluates a string (the policy has no 'unsafe-eval')
    "eval": lambda s: _patch(_script(s, "vacancy-builder"), "restore();\n", 'restore();\neval("1");\n'),
    # the builder is not hidden without JavaScript
    "visible_without_js": lambda s: [_patch(built_page(s, "hiring", lang), 'aria-labelledby="hb-builder-title" hidden>',
                                            'aria-labelledby="hb-builder-title">') for lang in LANGUAGES],
}


@pytest.fixture(scope="module")
def broken(built_site, tmp_path_factory):
    """``broken(name)``: a copy of the real build with the one breakage ``name`` (cached)."""
    made: dict[str, Path] = {}

    def make(name: str) -> Path:
        if name not in made:
            site = tmp_path_factory.mktemp(f"workflows-{name}") / "site"
            shutil.copytree(built_site, site)
            BREAKAGES[name](site)
            made[name] = site
        return made[name]
    return make


@pytest.fixture(scope="module")
def baseline_site(tmp_path_factory) -> Path:
    """The same sources built without overrides/hooks/workflows.py: the pages as they read before
    the builder and the checklist (the marker is an HTML comment, the plan a plain list)."""
    tmp = tmp_path_factory.mktemp("workflows-baseline")
    project = copy_project(tmp / "project")
    _patch(project / "mkdocs.yml", "  - overrides/hooks/workflows.py\n", "")
    # and without the check that no marker is left: here the builder's marker stays a comment on purpose
    _patch(project / "mkdocs.yml", next(line + "\n" for line in (project / "mkdocs.yml").read_text(encoding="utf-8")
                                        .splitlines() if line.startswith("  - overrides/hooks/markers.py")), "")
    site = tmp / "site"
    result = mkdocs_build(project, site)
    if result.returncode != 0:
        pytest.fail(f"the baseline build failed:\n{result.stderr[-3000:]}", pytrace=False)
    return site


def serve(site: Path):
    return SiteServer(site)


# --- tests: the real build ----------------------------------------------------------------------

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_builder_links_chosen_clauses_in_the_page_language(browser, served_site, built_site, lang):
    assert builder_language_problems(browser, served_site, built_site, lang) == []


def test_builder_choices_round_trip_through_the_address(browser, served_site):
    assert round_trip_problems(browser, served_site) == []


def test_builder_works_with_the_keyboard(browser, served_site):
    assert keyboard_problems(browser, served_site) == []


def test_copy_puts_the_vacancy_and_its_link_on_the_clipboard(browser, served_site):
    assert copy_problems(browser, served_site) == []


def test_downloads_are_the_text_and_markdown(browser, served_site):
    assert download_problems(browser, served_site) == []


def test_checklist_keeps_ticks_over_a_reload_per_language(browser, served_site):
    assert checklist_reload_problems(browser, served_site) == []


def test_checklist_reset_clears_ticks_for_good(browser, served_site):
    assert checklist_reset_problems(browser, served_site) == []


def test_checklist_prints_with_its_ticks(browser, served_site):
    assert print_ticks_problems(browser, served_site) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_while_in_use(browser, served_site, scheme):
    assert axe_problems(browser, served_site, scheme) == []


def test_no_request_leaves_the_site(browser, served_site):
    assert traffic_problems(browser, served_site) == []


def test_both_pages_work_under_the_content_security_policy(browser, served_site, built_site):
    assert csp_problems(browser, served_site, built_site) == []


def test_without_javascript_both_pages_read_as_before(browser, served_site, baseline_site):
    with serve(baseline_site) as baseline:
        assert no_js_problems(browser, served_site, baseline.url) == []


def test_scripts_load_only_where_needed(built_site):
    assert script_scope_problems(built_site) == []


# --- tests: each check reports the breakage aimed at it -----------------------------------------

def test_language_check_reports_links_to_the_other_language(browser, broken):
    site = broken("wrong_language")
    with serve(site) as server:
        problems = builder_language_problems(browser, server.url, site, "en")
    assert any("missing" in p for p in problems) and any("another language" in p for p in problems), problems


def test_round_trip_check_reports_an_address_not_read_back(browser, broken):
    with serve(broken("no_restore")) as server:
        problems = round_trip_problems(browser, server.url)
    assert any("not restored" in p for p in problems), problems


def test_keyboard_check_reports_a_control_out_of_the_tab_order(browser, broken):
    with serve(broken("no_tab_stop")) as server:
        problems = keyboard_problems(browser, server.url)
    assert problems == ["not reached with Tab: ['copy']"], problems


def test_copy_check_reports_a_wrong_clipboard(browser, broken):
    with serve(broken("bad_copy")) as server:
        problems = copy_problems(browser, server.url)
    assert any("'copy text'" in p for p in problems), problems


def test_download_check_reports_plain_text_as_markdown(browser, broken):
    with serve(broken("bad_download")) as server:
        problems = download_problems(browser, server.url)
    assert any(".md download" in p for p in problems), problems


def test_reload_check_reports_ticks_not_stored(browser, broken):
    with serve(broken("no_storage")) as server:
        problems = checklist_reload_problems(browser, server.url)
    assert any("after reload" in p for p in problems), problems


def test_reset_check_reports_ticks_that_come_back(browser, broken):
    with serve(broken("no_reset")) as server:
        problems = checklist_reset_problems(browser, server.url)
    assert any("after reset and reload" in p for p in problems), problems


def test_print_check_reports_missing_ticks(browser, broken):
    with serve(broken("no_print_ticks")) as server:
        problems = print_ticks_problems(browser, server.url)
    assert problems == ["the printed page shows 0 ticks, expected 2"], problems


def test_axe_check_reports_an_unlabelled_field(browser, broken):
    with serve(broken("unlabelled")) as server:
        problems = axe_problems(browser, server.url)
    assert any("hiring/" in p and "hb-vacancy-text" in p for p in problems), problems


def test_traffic_check_reports_a_third_party_request(browser, broken):
    with serve(broken("third_party")) as server:
        problems = traffic_problems(browser, server.url)
    assert any("stats.example.com" in p for p in problems), problems


def test_csp_check_reports_eval_in_the_builder(browser, broken):
    site = broken("eval")
    with serve(site) as server:
        problems = csp_problems(browser, server.url, site)
    assert any("script-src" in p and "eval" in p for p in problems), problems


def test_no_js_check_reports_a_builder_shown_without_javascript(browser, broken, baseline_site):
    with serve(broken("visible_without_js")) as server, serve(baseline_site) as baseline:
        problems = no_js_problems(browser, server.url, baseline.url)
    assert len([p for p in problems if "hiring/" in p]) == len(LANGUAGES), problems


def test_checks_report_a_build_without_the_workflows(browser, baseline_site):
    """The build without the hook has no builder and no checkable list: the checks say so."""
    problems = script_scope_problems(baseline_site)
    assert any("hiring" in p and "builder script missing" in p for p in problems), problems
    assert any("onboarding" in p and "checklist script missing" in p for p in problems), problems
    with serve(baseline_site) as server:
        assert round_trip_problems(browser, server.url) == ["the builder is not shown"]
        assert checklist_reload_problems(browser, server.url) == ["the checklist is not checkable"]
