"""deploy/nginx.conf run by Debian's real nginx over the freshly built site, and its CSP in Chromium.

nginx runs unprivileged-friendly from a temp prefix on 127.0.0.1:<free port>, laid out by
scripts/tools/serve_nginx.py exactly as the Dockerfile does. Every check is a function returning a
list of problems; tests/fixtures/nginx/mutations.yml breaks the config one rule at a time and
asserts the matching check notices.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import http.client
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT, SITE_URL, copy_project, mkdocs_build
from handbook import links, site

from tools import make_csp, serve_nginx  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "nginx"
CONFIG = ROOT / "deploy" / "nginx.conf"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}
CSP_MUST_HAVE = ("default-src 'none'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'")
CSP_MUST_NOT_HAVE = ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:")
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(js|css)$")
SHORT_CACHE = 3600  # seconds: the most an HTML page or an unhashed asset may be cached
JS_TYPES = make_csp.JS_TYPES


# --- HTTP without redirects or transparent decompression ------------------------------------

@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(base: str, path: str, headers: dict[str, str] | None = None) -> Response:
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def csp_directives(header: str) -> dict[str, list[str]]:
    """``"a x y; b z"`` -> ``{"a": ["x", "y"], "b": ["z"]}``."""
    parts = (d.split() for d in header.split(";") if d.strip())
    return {words[0]: words[1:] for words in parts}


def max_age(cache_control: str) -> int:
    match = re.search(r"max-age=(\d+)", cache_control)
    return int(match.group(1)) if match else 0


def lang_prefix(locale: str) -> str:
    return site.languages().prefix(locale)


# --- What the build says should be served ---------------------------------------------------

def sitemap_paths(site: Path) -> list[str]:
    """Every page URL (and hreflang alternate) in sitemap.xml, as a path on our server."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = set(re.findall(r"<loc>([^<]+)</loc>", text)) | set(re.findall(r'href="([^"]+)"', text))
    return sorted("/" + url.removeprefix(SITE_URL) for url in urls)


def not_found_paths() -> dict[str, str]:
    """A missing URL in each language -> the 404 page (site-relative) it must get."""
    return {f"/{lang_prefix(loc)}no-such-page/": f"{lang_prefix(loc)}404.html" for loc in LANGUAGES}


def declared_redirects(mkdocs_yml: Path) -> dict[str, str]:
    config = site.read_config(mkdocs_yml)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            return expected_redirects((plugin["redirects"] or {}).get("redirect_maps") or {})
    return {}


def _page_path(md: str) -> str:
    """``dir/page.md#x`` -> ``dir/page/#x``; ``index.md`` -> ``""``."""
    page, hash_, anchor = md.partition("#")
    return site.page_path(page, site.languages().default) + hash_ + anchor


def expected_redirects(maps: dict[str, str]) -> dict[str, str]:
    """Every URL of every old page in every language -> where it must 301 to."""
    expected = {}
    for locale in LANGUAGES:
        prefix = "/" + lang_prefix(locale)
        for old, new in maps.items():
            target = new if new.startswith(("http://", "https://")) else prefix + _page_path(new)
            old_dir = prefix + _page_path(old)
            for path in (old_dir, old_dir + "index.html", old_dir.rstrip("/")):
                expected[path] = target
    return expected


def inline_script_hashes(html: str) -> set[str]:
    """Hashes of executable inline scripts, found with a different parser than make_csp.py's."""
    tree = LexborHTMLParser(html)
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(node.text(deep=True).encode()).digest()).decode() + "'"
        for node in tree.css("script")
        if "src" not in node.attributes
        and (node.attributes.get("type") or "").strip().lower() in JS_TYPES
    }


# --- Checks: each returns a list of problems ------------------------------------------------

def check_pages(base: str, site: Path) -> list[str]:
    problems = []
    for path in sitemap_paths(site):
        resp = fetch(base, path)
        if resp.status != 200:
            problems.append(f"{path}: status {resp.status}, expected 200")
        elif resp.headers.get("content-type") != "text/html; charset=utf-8":
            problems.append(f"{path}: Content-Type {resp.headers.get('content-type')!r}")
    return problems


def check_not_found(base: str, site: Path) -> list[str]:
    problems = []
    for path, page in not_found_paths().items():
        for probe in (path, path + "deeper/file.html"):
            resp = fetch(base, probe)
            if resp.status != 404:
                problems.append(f"{probe}: status {resp.status}, expected 404")
            elif resp.body != (site / page).read_bytes():
                problems.append(f"{probe}: the body is not /{page}")
    return problems


def _first(site: Path, pattern: str, hashed: bool) -> str:
    for file in sorted(site.glob(pattern)):
        if bool(HASHED_ASSET.search(file.name)) == hashed:
            return "/" + file.relative_to(site).as_posix()
    raise AssertionError(f"no {'hashed' if hashed else 'unhashed'} file matches {pattern} in the build")


def _largest(site: Path, pattern: str) -> str:
    """Tiny files stay uncompressed (gzip_min_length); sample the largest one."""
    file = max(site.glob(pattern), key=lambda f: f.stat().st_size)
    return "/" + file.relative_to(site).as_posix()


def _header_problems(path: str, resp: Response) -> list[str]:
    problems = [f"{path}: {name}: {resp.headers.get(name)!r}, expected {value!r}"
                for name, value in SECURITY_HEADERS.items() if resp.headers.get(name) != value]
    if not resp.headers.get("permissions-policy"):
        problems.append(f"{path}: no Permissions-Policy")
    csp = csp_directives(resp.headers.get("content-security-policy", ""))
    sources = {source for values in csp.values() for source in values}
    problems += [f"{path}: CSP lacks {part}" for part in CSP_MUST_HAVE
                 if part.split()[1] not in csp.get(part.split()[0], [])]
    problems += [f"{path}: CSP allows {part}" for part in CSP_MUST_NOT_HAVE if part in sources]
    return problems


def check_headers(base: str, site: Path) -> list[str]:
    """Security headers everywhere; a year for hashed assets, minutes for the rest."""
    short = ["/", "/en/", *not_found_paths(), _first(site, "assets/stylesheets/*.css", hashed=False)]
    long = [_first(site, "assets/javascripts/bundle.*.js", True),
            _first(site, "assets/stylesheets/main.*.css", True)]
    problems = []
    for path in short + long:
        resp = fetch(base, path)
        problems += _header_problems(path, resp)
        cache = resp.headers.get("cache-control", "")
        if path in long and ("immutable" not in cache or max_age(cache) < 31536000):
            problems.append(f"{path}: Cache-Control {cache!r}, expected a year and immutable")
        if path in short and ("immutable" in cache or not 0 < max_age(cache) <= SHORT_CACHE):
            problems.append(f"{path}: Cache-Control {cache!r}, expected at most {SHORT_CACHE} s")
    return problems


def check_csp_hashes(base: str, site: Path) -> list[str]:
    """The policy sent with each page allows every inline script on that page."""
    problems = []
    for path in [*sitemap_paths(site), *not_found_paths()]:
        resp = fetch(base, path)
        allowed = csp_directives(resp.headers.get("content-security-policy", "")).get("script-src", [])
        missing = inline_script_hashes(resp.body.decode("utf-8")) - set(allowed)
        problems += [f"{path}: inline script {digest} is not in the CSP" for digest in sorted(missing)]
    return problems


def check_gzip(base: str, site: Path) -> list[str]:
    """Text is compressed only for clients that ask, with Vary; images never."""
    text = ["/index.html", _first(site, "assets/stylesheets/*.css", False),
            _first(site, "assets/javascripts/bundle.*.js", True), _largest(site, "search/*.json"),
            "/sitemap.xml", "/" + next(site.glob("assets/images/*.svg")).relative_to(site).as_posix()]
    problems = []
    for path in text:
        raw = (site / path.lstrip("/")).read_bytes()
        packed = fetch(base, path, {"Accept-Encoding": "gzip"})
        if packed.headers.get("content-encoding") != "gzip":
            problems.append(f"{path}: not gzipped for Accept-Encoding: gzip")
        elif gzip.decompress(packed.body) != raw:
            problems.append(f"{path}: the gzipped body differs from the file")
        if "accept-encoding" not in packed.headers.get("vary", "").lower():
            problems.append(f"{path}: no Vary: Accept-Encoding")
        plain = fetch(base, path)
        if "content-encoding" in plain.headers or plain.body != raw:
            problems.append(f"{path}: compressed for a client that did not ask")
    image = "/" + next(site.glob("assets/images/*.png")).relative_to(site).as_posix()
    if "content-encoding" in fetch(base, image, {"Accept-Encoding": "gzip"}).headers:
        problems.append(f"{image}: an already compressed image is gzipped again")
    return problems


def check_types(base: str, site: Path) -> list[str]:
    """Each kind of file in the build gets a real Content-Type, never the download default."""
    samples: dict[str, Path] = {}
    for file in sorted(site.rglob("*")):
        if file.is_file():
            samples.setdefault(file.suffix, file)
    problems = []
    for suffix, file in samples.items():
        path = "/" + file.relative_to(site).as_posix()
        kind = fetch(base, path).headers.get("content-type", "")
        if not kind or kind.startswith("application/octet-stream"):
            problems.append(f"{path}: Content-Type {kind!r} for {suffix or 'no extension'} files")
    return problems


def check_redirects(base: str, expected: dict[str, str]) -> list[str]:
    problems = []
    for old, new in sorted(expected.items()):
        resp = fetch(base, old)
        if resp.status != 301 or resp.headers.get("location") != new:
            problems.append(f"{old}: {resp.status} to {resp.headers.get('location')!r}, expected 301 to {new}")
        elif new.startswith("/") and (status := fetch(base, new.partition("#")[0]).status) != 200:
            problems.append(f"{old}: redirects to {new}, which answers {status}")
    return problems


def check_published_links(base: str, registry: Path) -> list[str]:
    """Every page the handbook promises to keep answers, directly or through one redirect."""
    problems = []
    for page in sorted({link.page for link in links.load_links(registry).links}):
        for locale in LANGUAGES:
            path = "/" + lang_prefix(locale) + _page_path(page)
            resp = fetch(base, path)
            if resp.status == 301:
                resp = fetch(base, resp.headers["location"].partition("#")[0])
            if resp.status != 200:
                problems.append(f"{path}: published in {registry.name}, answers {resp.status}")
    return problems


CHECKS: dict[str, Callable[[str, Path], list[str]]] = {
    "pages": check_pages, "not_found": check_not_found, "headers": check_headers,
    "gzip": check_gzip, "types": check_types,
}


# --- nginx fixtures -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def nginx_binary() -> str:
    nginx = serve_nginx.find_nginx()
    if nginx is None:  # a failure, never a skip: CI must not pass without the server test
        pytest.fail(serve_nginx.INSTALL_HINT, pytrace=False)
    return nginx


@contextlib.contextmanager
def nginx_over(site: Path, prefix: Path, config: Path = CONFIG,
               tweak: Callable[[Path], None] | None = None) -> Iterator[str]:
    """nginx over ``site``; ``tweak`` may edit the laid-out prefix before nginx starts."""
    try:
        serve_nginx.prepare_prefix(prefix, site, config=config)  # the port is picked at start
        if tweak:
            tweak(prefix)
        with serve_nginx.started_nginx(prefix, config) as base:
            yield base
    except (serve_nginx.NginxError, make_csp.InlineCodeError) as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def nginx_site(built_site, nginx_binary, tmp_path_factory) -> Iterator[str]:
    with nginx_over(built_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


def add_redirect_maps(mkdocs_yml: str, maps: dict[str, str]) -> str:
    """Insert entries under ``redirect_maps:`` keeping the indentation already used there."""
    lines = mkdocs_yml.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)redirect_maps:\s*(\{\s*\})?\s*(#.*)?$", line)
        if match:
            nxt = next((x for x in lines[i + 1:] if x.strip() and not x.strip().startswith("#")), "")
            indent = len(match.group(1)) + 2
            if not match.group(2) and len(nxt) - len(nxt.lstrip()) > len(match.group(1)):
                indent = len(nxt) - len(nxt.lstrip())
            entries = [" " * indent + f"{yaml.safe_dump({k: v}, allow_unicode=True).strip()}"
                       for k, v in maps.items()]
            return "\n".join([*lines[:i], match.group(1) + "redirect_maps:", *entries, *lines[i + 1:]]) + "\n"
    raise AssertionError("mkdocs.yml has no `redirect_maps:` under the redirects plugin")


@pytest.fixture(scope="session")
def redirect_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A build of a copy of the project with tests/fixtures/nginx/redirects.yml added."""
    tmp = tmp_path_factory.mktemp("redirects")
    project = copy_project(tmp / "project")
    maps = yaml.safe_load((FIXTURES / "redirects.yml").read_text(encoding="utf-8"))
    config = project / "mkdocs.yml"
    config.write_text(add_redirect_maps(config.read_text(encoding="utf-8"), maps), encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    if result.returncode != 0 or "WARNING" in result.stdout + result.stderr:
        pytest.fail(f"build with redirects failed:\n{(result.stdout + result.stderr)[-3000:]}", pytrace=False)
    return tmp / "site", {**declared_redirects(ROOT / "mkdocs.yml"), **expected_redirects(maps)}


# --- The real config over the real build ----------------------------------------------------

def test_every_sitemap_page_is_served(nginx_site, built_site):
    assert len(sitemap_paths(built_site)) >= 2 * len(LANGUAGES)
    assert check_pages(nginx_site, built_site) == []


def test_missing_pages_get_the_404_of_their_language(nginx_site, built_site):
    assert check_not_found(nginx_site, built_site) == []


def test_security_and_cache_headers(nginx_site, built_site):
    assert check_headers(nginx_site, built_site) == []


def test_csp_allows_every_inline_script_by_hash(nginx_site, built_site):
    assert check_csp_hashes(nginx_site, built_site) == []


def test_gzip_negotiation(nginx_site, built_site):
    assert check_gzip(nginx_site, built_site) == []


def test_every_file_type_has_a_content_type(nginx_site, built_site):
    assert check_types(nginx_site, built_site) == []


def test_declared_redirects_answer_301_in_every_language(nginx_site):
    assert check_redirects(nginx_site, declared_redirects(ROOT / "mkdocs.yml")) == []


def test_published_links_stay_reachable(nginx_site):
    assert check_published_links(nginx_site, ROOT / "docs" / "data" / "published-links.yml") == []


def test_published_links_check_notices_a_missing_page(nginx_site):
    problems = check_published_links(nginx_site, FIXTURES / "published-links-broken.yml")
    assert problems == [f"/{lang_prefix(loc)}moved-without-a-redirect/: published in "
                        f"published-links-broken.yml, answers 404" for loc in LANGUAGES]


def test_language_root_without_slash_redirects_relative(nginx_site):
    resp = fetch(nginx_site, "/en")
    assert (resp.status, resp.headers.get("location")) == (301, "/en/")


@pytest.mark.slow
def test_redirect_map_works_in_every_language(redirect_site, nginx_binary, tmp_path):
    site, expected = redirect_site
    # mkdocs-redirects' stub pages, for static hosts without server redirects (GitHub Pages)
    for locale in LANGUAGES:
        assert (site / lang_prefix(locale) / "old-hiring" / "index.html").is_file()
    with nginx_over(site, tmp_path) as base:
        assert check_redirects(base, expected) == []


# --- Broken inputs: each check must notice ---------------------------------------------------

MUTATIONS = [
    pytest.param(m, id=m["name"], marks=[pytest.mark.slow] if m.get("site") == "redirects" else [])
    for m in yaml.safe_load((FIXTURES / "mutations.yml").read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_broken_config_fails_its_check(mutation, built_site, nginx_binary, request, tmp_path):
    source = CONFIG.read_text(encoding="utf-8")
    assert source.count(mutation["find"]) == 1, f"{mutation['name']}: `find` must occur once in {CONFIG}"
    broken = tmp_path / "broken.conf"
    broken.write_text(source.replace(mutation["find"], mutation["replace"]), encoding="utf-8")
    if mutation.get("site") == "redirects":
        site, expected = request.getfixturevalue("redirect_site")
        check = lambda base: check_redirects(base, expected)  # noqa: E731
    else:
        site, check = built_site, lambda base: CHECKS[mutation["check"]](base, built_site)  # noqa: E731
    with nginx_over(site, tmp_path / "prefix", broken) as base:
        assert check(base), f"{mutation['name']}: the {mutation['check']} check did not notice"


def config_warnings(nginx: str, prefix: Path) -> list[str]:
    """What `nginx -t` warns about (duplicate types, ignored directives...), one line each."""
    result = subprocess.run(serve_nginx.nginx_command(nginx, prefix, "-t"),
                            capture_output=True, text=True, timeout=30)
    return [line for line in result.stderr.splitlines() if "[warn]" in line or "[emerg]" in line]


@pytest.mark.parametrize("broken", [False, True], ids=["deploy-config", "duplicate-mime-type"])
def test_nginx_t_has_no_warnings(broken, built_site, nginx_binary, tmp_path):
    config = CONFIG
    if broken:  # text/html is in charset_types by default: listing it again is a warning
        config = tmp_path / "broken.conf"
        config.write_text(CONFIG.read_text(encoding="utf-8").replace(
            "charset_types text/css", "charset_types text/html text/css"), encoding="utf-8")
    serve_nginx.prepare_prefix(tmp_path / "prefix", built_site, "127.0.0.1:1", config)
    assert bool(config_warnings(nginx_binary, tmp_path / "prefix")) == broken


def test_a_syntax_error_names_the_file_and_line(built_site, nginx_binary, tmp_path):
    config = FIXTURES / "syntax-error.conf"
    serve_nginx.prepare_prefix(tmp_path, built_site, "127.0.0.1:1", config)
    with pytest.raises(serve_nginx.NginxError, match=rf"{re.escape(str(config))}:7"):
        serve_nginx.check_config(nginx_binary, tmp_path, config)


def test_missing_nginx_fails_with_a_one_line_install_hint(monkeypatch):
    monkeypatch.setattr(serve_nginx, "find_nginx", lambda: None)
    with pytest.raises(serve_nginx.NginxError) as caught, serve_nginx.running_nginx(FIXTURES / "inline-site"):
        pass
    assert "apt-get install nginx" in str(caught.value) and "\n" not in str(caught.value)


def test_a_port_taken_meanwhile_is_retried(nginx_binary, monkeypatch, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1]])
        free = serve_nginx.free_port
        monkeypatch.setattr(serve_nginx, "free_port", lambda: next(ports, None) or free())
        with serve_nginx.running_nginx(FIXTURES / "inline-site", tmp_path) as base:
            assert urlsplit(base).port != taken.getsockname()[1]
            assert fetch(base, "/").status == 200


def test_make_csp_refuses_inline_handlers_with_file_and_line(tmp_path, capsys):
    assert make_csp.main([str(FIXTURES / "handler-site"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "index.html:6: inline event handler onclick=" in err
    assert "index.html:7: javascript: URL in href=" in err
    assert "Traceback" not in err


def test_make_csp_needs_a_built_site(tmp_path, capsys):
    assert make_csp.main([str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "build the site first" in capsys.readouterr().err


# --- In the browser: the policy blocks nothing the site needs ---------------------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline code"} (${e.sourceFile || "page"}:${e.lineNumber})`));
"""
SEARCH_WORDS = {"ru": "маркетолог", "en": "marketer"}
# Material swaps "Initializing search" for the "Type to start searching" placeholder when ready.
SEARCH_READY = """() => {
  const placeholder = JSON.parse(document.getElementById("__config").textContent)
    .translations["search.result.placeholder"];
  return document.querySelector(".md-search-result__meta").textContent.trim() === placeholder;
}"""


def _visit(page, url: str, expect_404: bool) -> list[str]:
    messages: list[str] = []

    def on_console(msg) -> None:
        if msg.type != "error":
            return
        # The 404 page's own status is logged as an error; it is the expected answer here.
        if expect_404 and msg.text.startswith("Failed to load resource") and msg.location.get("url") == url:
            return
        messages.append(f"console: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: messages.append(f"page error: {exc}"))
    try:
        page.goto(url, wait_until="load")
        messages += page.evaluate("window.__cspViolations")
    finally:
        page.remove_listener("console", on_console)
    return messages


def _use_features(page, locale: str) -> list[str]:
    """Search (worker + index fetch) and the palette toggle, the dynamic code paths."""
    problems = []
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.locator("input.md-search__input").click()
    try:  # a query typed before the worker has built the index is dropped: wait until ready
        page.wait_for_function(SEARCH_READY, timeout=15000)
    except Exception:  # noqa: BLE001  Playwright's TimeoutError
        return [*page.evaluate("window.__cspViolations"), "the search worker never got ready"]
    page.keyboard.type(SEARCH_WORDS[locale])
    page.keyboard.press("End")  # Cyrillic is inserted without key events; Material queries on keyup
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15000)
    except Exception:  # noqa: BLE001  Playwright's TimeoutError
        problems.append(f"search found nothing for {SEARCH_WORDS[locale]!r} (worker or index blocked?)")
    return problems + page.evaluate("window.__cspViolations")


def browser_problems(browser, base: str, paths: list[str], not_found: list[str],
                     features: bool = True) -> list[str]:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    problems = []
    try:
        for path in paths + not_found:
            url = urljoin(base, path)
            problems += [f"{path}: {m}" for m in _visit(page, url, path in not_found)]
        for locale in LANGUAGES if features else ():
            path = "/" + lang_prefix(locale)
            _visit(page, urljoin(base, path), False)
            problems += [f"{path} (search, palette): {m}" for m in _use_features(page, locale)]
    finally:
        context.close()
    return problems


@pytest.mark.browser
def test_no_csp_violations_on_any_page(browser, nginx_site, built_site):
    problems = browser_problems(browser, nginx_site, sitemap_paths(built_site), list(not_found_paths()))
    assert problems == []


def _drop_first_script_hash(prefix: Path) -> None:
    conf = prefix / "csp.conf"
    conf.write_text(re.sub(r"'sha256-[^']+' ?", "", conf.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")


def test_csp_hash_check_notices_a_missing_hash(built_site, nginx_binary, tmp_path):
    with nginx_over(built_site, tmp_path, tweak=_drop_first_script_hash) as base:
        assert check_csp_hashes(base, built_site)


@pytest.mark.browser
def test_browser_check_catches_a_missing_hash(browser, built_site, nginx_binary, tmp_path):
    with nginx_over(built_site, tmp_path, tweak=_drop_first_script_hash) as base:
        problems = browser_problems(browser, base, ["/"], [], features=False)
    assert any("script-src" in p for p in problems), problems


@pytest.mark.browser
def test_style_elements_and_attributes_are_hashed_too(browser, nginx_binary, tmp_path):
    """The handbook has no inline styles today; a fixture page proves they would work."""
    with nginx_over(FIXTURES / "inline-site", tmp_path) as base:
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        try:
            assert _visit(page, base, False) == []
            assert page.evaluate("document.documentElement.dataset.inline") == "ran"
            colors = page.evaluate("['styled', 'attr'].map(id => getComputedStyle(document.getElementById(id)).color)")
            assert colors == ["rgb(0, 128, 0)", "rgb(255, 0, 0)"]
        finally:
            page.close()
