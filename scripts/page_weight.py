"""Page weight: the bytes each key page transfers on a first view, gzip-compressed, against budgets.yml.

    python scripts/page_weight.py                # build the site into a temp dir, measure, exit 1 over budget
    python scripts/page_weight.py --site site/   # measure an existing build

A real browser (Debian's Chromium via Playwright) loads each page with an empty cache, so whatever
the page fetches by itself (the search index, language scripts, icons) counts too. Each response
is counted once at its gzip -6 size when it is text (HTML, CSS, JS, JSON, XML, SVG), as the server
sends it, and at its own size otherwise. HTTP headers are not counted.

Also home to what scripts/audit.py and the tests share: the budget file, a local build, and a
static server that gzips like the production one and answers 404s in the right language.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import yaml

from handbook import site
from handbook.site import ROOT

BUDGETS_FILE = ROOT / "budgets.yml"
LANGUAGES = site.languages().codes
DEFAULT_LANGUAGE = site.languages().default
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
INSTALL_HINT = "install it with `sudo apt-get install chromium`"
GZIP_LEVEL = 6  # nginx's usual gzip_comp_level
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "application/manifest+json", "image/svg+xml")


class BudgetError(Exception):
    """A problem with budgets.yml or the build, reported as one line (no traceback)."""


# --- budgets.yml --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Budgets:
    lighthouse_pages: list[str]
    lighthouse_runs: int  # audits per page; the median performance score counts
    min_scores: dict[str, int]
    weight_pages: list[str]
    max_kb: float


def _require(data: dict, key: str, kind: type, where: str):
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BudgetError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def load_budgets(path: Path = BUDGETS_FILE) -> Budgets:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BudgetError(f"{path.name}: cannot read: {exc}") from None
    lighthouse = _require(data, "lighthouse", dict, path.name)
    weight = _require(data, "page_weight", dict, path.name)
    scores = _require(lighthouse, "min_scores", dict, f"{path.name}: lighthouse")
    for name, value in scores.items():
        if not isinstance(value, int) or not 0 <= value <= 100:
            raise BudgetError(f"{path.name}: lighthouse.min_scores.{name} must be an integer 0–100")
    runs = _require(lighthouse, "runs", int, f"{path.name}: lighthouse")
    if runs < 1 or runs % 2 == 0:
        raise BudgetError(f"{path.name}: lighthouse.runs must be an odd number ≥ 1 (it has a median)")
    return Budgets(
        lighthouse_pages=[str(p) for p in _require(lighthouse, "pages", list, f"{path.name}: lighthouse")],
        lighthouse_runs=runs,
        min_scores=dict(scores),
        weight_pages=[str(p) for p in _require(weight, "pages", list, f"{path.name}: page_weight")],
        max_kb=float(_require(weight, "max_kb", (int, float), f"{path.name}: page_weight")),
    )


def page_path(page: str, locale: str) -> str:
    """URL path of a page relative to the site root: ``en/job-instruction/``, ``""`` for the home."""
    return site.page_path(page, locale)


# --- build and serve ----------------------------------------------------------------------------

def build_site(site_dir: Path, site_url: str, project: Path = ROOT, strict: bool = True) -> None:
    """``mkdocs build`` of ``project`` into ``site_dir`` with absolute URLs on ``site_url``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)] + (["--strict"] if strict else [])
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BudgetError(f"mkdocs build failed (fix it or run `make build` to see why):\n{tail}")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip for text as the production server does, a 404 page in the URL's language."""

    def log_message(self, *args):  # keep output clean
        pass

    def _file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return None  # let the base class send its redirect to the slash URL
            path = path / "index.html"
        return path if path.is_file() else None

    def do_GET(self):
        path = self._file()
        ctype = self.guess_type(str(path)) if path else ""
        if path is None or "gzip" not in self.headers.get("Accept-Encoding", "") or not ctype.startswith(TEXT_TYPES):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        lang = self.path.split("/")[1]
        page = Path(self.directory) / (f"{lang}/404.html" if lang in LANGUAGES[1:] else "404.html")
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser dropped a request it no longer needed: not a server error
        super().handle_error(request, client_address)


class SiteServer:
    """A static server on 127.0.0.1 and a free port. The port is known before the site is built,
    so a build can put the server's own URL into canonical and hreflang links."""

    def __init__(self, site_dir: Path):
        handler = functools.partial(_Handler, directory=str(site_dir))
        self._server = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def local_site(strict: bool = True, project: Path = ROOT) -> Iterator[str]:
    """Build ``project`` for a local server, serve it, yield its base URL; clean up afterwards."""
    with tempfile.TemporaryDirectory(prefix="handbook-site-") as tmp:
        site = Path(tmp)
        server = SiteServer(site)
        build_site(site, server.url, project=project, strict=strict)
        with server:
            yield server.url


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""
    if not Path(CHROMIUM).exists():
        raise BudgetError(f"Chromium not found at {CHROMIUM}: {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- measuring ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resource:
    url: str
    content_type: str
    raw: int
    transfer: int


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
        weight.resources.append(Resource(response.url, ctype, len(body), transfer_size(body, ctype)))
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
            context = browser.new_context()
            try:
                weights.append(measure(context.new_page(), base_url + page_path(page_name, locale)))
            finally:
                context.close()
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--no-strict", action="store_true", help="build even with mkdocs warnings")
    args = parser.parse_args(argv)
    try:
        budgets = load_budgets()
        if args.site:
            if not (args.site / "index.html").exists():
                raise BudgetError(f"{args.site}: no index.html (build the site first: `make build`)")
            with SiteServer(args.site) as srv, chromium() as browser:
                weights = measure_pages(browser, srv.url, budgets.weight_pages)
        else:
            with local_site(strict=not args.no_strict) as base, chromium() as browser:
                weights = measure_pages(browser, base, budgets.weight_pages)
    except BudgetError as exc:
        print(f"page_weight: {exc}", file=sys.stderr)
        return 2
    print(weight_table(weights, budgets.max_kb))
    problems = over_budget(weights, budgets.max_kb)
    for line in problems:
        print(f"OVER BUDGET {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
