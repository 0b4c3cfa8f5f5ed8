"""Helpers for the reader-level tests (test_browser, test_a11y, test_budgets): what a browser
context records, the pages of a built site, and the one deliberately broken build every test
module checks (test_foundation and test_parity too, through conftest's ``broken_site`` fixture).

These are plain functions so the modules share one broken build per session (it is cached here).
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from handbook import site
from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, SITE_URL, copy_project, mkdocs_build

from handbook.site import page_path  # noqa: F401  (re-exported)
from tools.shared import SiteServer  # noqa: F401  (re-exported)

ARTIFACTS = ROOT / "test-artifacts"
KEY_PAGES = ("index", "job-instruction", "glossary")  # screenshots, dark-scheme axe


@dataclass
class Traffic:
    """What went wrong while pages of one browser context loaded."""
    third_party: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"third-party request: {u}" for u in self.third_party]
                + [f"failed request: {u}" for u in self.failed]
                + [f"console error: {m}" for m in self.console_errors])

    def clear(self) -> None:
        for items in (self.third_party, self.failed, self.console_errors):
            items.clear()


def open_context(browser, base_url: str, **options):
    """A fresh browser context (empty cache and storage) that records third-party requests, failed
    requests and console errors. Requests to any host but the local server are aborted: the site
    must work with zero third-party hosts, so nothing leaves the machine."""
    context = browser.new_context(**options)
    traffic = Traffic()
    local = urlsplit(base_url).netloc

    def is_foreign(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local

    def block(route):
        traffic.third_party.append(route.request.url)
        route.abort("blockedbyclient")

    def on_response(response):
        if response.status >= 400 and not is_foreign(response.url):
            traffic.failed.append(f"{response.status} {response.url}")

    def on_failed(request):
        if not is_foreign(request.url):  # foreign ones are already listed as third-party
            traffic.failed.append(f"{request.failure} {request.url}")

    def on_console(message):
        if message.type == "error" and not any(u in message.text for u in traffic.third_party):
            traffic.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.route(is_foreign, block)
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    context.on("console", on_console)
    context.on("weberror", lambda error: traffic.console_errors.append(f"uncaught: {error.error}"))
    return context, traffic


def settle(page) -> None:
    """Wait until CSS transitions and animations are over (Material fades the header tabs in after
    load); axe and screenshots must see the page at rest, not mid-fade."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def sitemap_paths(site: Path) -> list[str]:
    """Every page of the built site as a path relative to its root (``""``, ``en/glossary/``):
    the ``<loc>`` entries of sitemap.xml and their hreflang alternates."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser((site / "sitemap.xml").read_text(encoding="utf-8"))
    urls = [n.text().strip() for n in tree.css("loc")]
    urls += [n.attributes.get("href") or "" for n in tree.css("link[hreflang]")]
    paths = {u.removeprefix(SITE_URL) for u in urls if u.startswith(SITE_URL)}
    return sorted(paths, key=lambda p: (p.startswith(tuple(f"{l}/" for l in LANGUAGES[1:])), p))


def locale_of(path: str) -> str:
    return site.language_of(path)


# --- one deliberately broken build -------------------------------------------------------------

# Each breakage is something a reader would hit; each check in the three test modules must report
# the one aimed at it (tests named test_*_reports_*).
BROKEN_FONT_HOST = "fonts.googleapis.com"       # test_browser: crawl (third-party host)
BROKEN_MISSING_IMAGE = "missing-figure.png"     # test_browser: crawl (404)
BROKEN_TRANSLATION = "onboarding"               # test_browser: switcher (English page removed)
BROKEN_ID = ("job-instruction", "p-2-5")        # test_browser: deep links (id removed, English)
BROKEN_WIDE_TEXT = "A block wider than a phone screen."  # test_browser: mobile (sideways scroll)
BROKEN_TOOLTIP_TERM = ("ctr", "Доля показов, закончившихся кликом.")  # test_browser: tooltips
BROKEN_HEAVY_IMAGE = "assets/images/heavy.png"  # test_budgets: page weight (120 KB, incompressible)
BROKEN_BLOCKING_MS = 600                        # test_budgets: Lighthouse performance (a busy script)
BROKEN_MISSING_PAGE = ("hiring", "en")          # test_foundation: the page is not built
BROKEN_SECTION = ("roles", "comparison")        # test_parity: the English page loses a section
# Also for test_foundation: the per-language 404 hook is gone (the English 404 overwrites the
# Russian one, no en/404.html) and the head has no hreflang alternates.
_broken: Path | None = None


def noise_png(width: int, height: int, seed: int = 1) -> bytes:
    """A valid PNG of pseudo-random pixels: it does not compress, so it weighs what it says."""
    state, rows = seed, bytearray()
    for _ in range(height):
        rows.append(0)
        for _ in range(width * 3):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            rows.append(state >> 16 & 0xFF)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) \
        + chunk(b"IEND", b"")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"broken build: {old!r} not found in {path.name}: update tests/browser_support.py"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _break(project: Path) -> None:
    docs = project / "docs"
    # A third-party web font: Material then links Google Fonts from every page.
    _replace(project / "mkdocs.yml", "  font: false", "  font:\n    text: Roboto")
    # No per-language 404 pages, no hreflang alternates in the head.
    _replace(project / "mkdocs.yml", "  - overrides/hooks/i18n_404.py\n", "")
    main = project / "overrides" / "main.html"
    main.write_text(re.sub(r"\{% for alt in head.alternates %\}.*?\{% endfor %\}", "",
                           main.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8")
    # A missing translation (English hiring page) and a section lost in one language.
    page, lang = BROKEN_MISSING_PAGE
    (docs / f"{page}.{lang}.md").unlink()
    page, section = BROKEN_SECTION
    roles = docs / f"{page}.en.md"
    text = roles.read_text(encoding="utf-8")
    assert f"{{ #{section} }}" in text, f"broken build: #{section} not in {roles.name}"
    roles.write_text(re.sub(rf"(?m)^#+ .*\{{ #{section} \}}\n", "", text), encoding="utf-8")
    # The English home page: a missing image, a heavy one without alt text, a block wider than a
    # phone, and a script that keeps the main thread busy while the page loads.
    home_en = docs / "index.en.md"
    home_en.write_text(home_en.read_text(encoding="utf-8") + (
        f"\n\n![]({BROKEN_MISSING_IMAGE})\n\n"
        f'<img src="../{BROKEN_HEAVY_IMAGE}" width="40" height="40">\n\n'
        f'<div style="min-width: 40rem">{BROKEN_WIDE_TEXT}</div>\n\n'
        f'<script>for (const end = Date.now() + {BROKEN_BLOCKING_MS}; Date.now() < end;) {{}}</script>\n'),
        encoding="utf-8")
    (docs / BROKEN_HEAVY_IMAGE).write_bytes(noise_png(200, 200))
    # A glossary tooltip in the wrong language: the English short definition of a term linked from
    # both home pages is the Russian one.
    term, ru_short = BROKEN_TOOLTIP_TERM
    for locale in ("ru", "en"):
        home = docs / f"index.{locale}.md"
        home.write_text(home.read_text(encoding="utf-8") + f"\n\n[CTR](glossary.md#{term})\n", encoding="utf-8")
    glossary = docs / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    start = text.index(f"  - id: {term}\n")
    short_at = text.index("      short: ", text.index("    en:\n", start))
    end = text.index("\n", short_at)
    glossary.write_text(f'{text[:short_at]}      short: "{ru_short}"{text[end:]}', encoding="utf-8")
    # A missing translation: the English onboarding page is gone.
    (docs / f"{BROKEN_TRANSLATION}.en.md").unlink()
    # Material's accessibility defaults come back: no dialog name, no contrast or link fixes.
    (project / "overrides" / "partials" / "search.html").unlink()
    (docs / "assets" / "stylesheets" / "a11y.css").write_text("", encoding="utf-8")
    # The colour scheme is forgotten whenever the reader leaves a page.
    with (docs / "assets" / "javascripts" / "copy-links.js").open("a", encoding="utf-8") as js:
        js.write('\naddEventListener("pagehide", () => localStorage.clear());\n')


def broken_site(tmp_path_factory) -> Path:
    """The site built from a copy of the sources carrying every breakage above (built once)."""
    global _broken
    if _broken is None:
        base = tmp_path_factory.mktemp("broken")
        project = copy_project(base / "project")
        _break(project)
        site = base / "site"
        result = mkdocs_build(project, site)  # --strict fails on the removed page/id; the site is written
        if not (site / "index.html").exists() or not (site / "en" / "index.html").exists():
            raise AssertionError(f"the broken build produced no site:\n{(result.stdout + result.stderr)[-3000:]}")
        # A removed id. The build writes every clause id from data (overrides/hooks/job_description.py),
        # so it goes from the built page, as a broken template or script would lose it.
        page, anchor = BROKEN_ID
        _replace(site / "en" / page / "index.html", f'id="{anchor}"', "")
        _broken = site
    return _broken
