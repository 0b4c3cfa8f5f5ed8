"""Pieces the project's tools and tests share, written once: copy the project, build it, serve a
built site like the production server, start Chromium.

Used by ``handbook.cli`` (and the scripts it runs: audit, page weight, search report, OG images)
and by ``tests/conftest.py``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from handbook import site
from handbook.site import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
INSTALL_HINT = "install it with `sudo apt-get install chromium`"
GZIP_LEVEL = 6  # nginx's usual gzip_comp_level
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "application/manifest+json", "image/svg+xml")
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "scripts")


class ToolError(Exception):
    """A problem a tool reports as one line (no traceback): a failed build, a missing browser."""


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A throwaway copy of the sources, for tests and tools that change something and rebuild."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None, strict: bool = True,
                 quiet: bool = False, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build`` of ``project`` into ``site_dir`` (``SITE_URL`` = ``site_url``);
    a build longer than ``timeout`` seconds raises ``subprocess.TimeoutExpired``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {}),
                **(env or {})}
    # The engine: mkdocs, or properdocs (`make … ENGINE=properdocs` exports HANDBOOK_ENGINE)
    engine = os.environ.get("HANDBOOK_ENGINE") or "mkdocs"
    cmd = [sys.executable, "-m", engine, "build", "-f", "mkdocs.yml", "-d", str(site_dir)]
    cmd += (["--strict"] if strict else []) + (["-q"] if quiet else [])
    return subprocess.run(cmd, cwd=project, env=full_env, capture_output=True, text=True, timeout=timeout)


def build_site(site_dir: Path, site_url: str | None = None, project: Path = ROOT, strict: bool = True) -> None:
    """:func:`mkdocs_build`, quietly; a failure is a :class:`ToolError` with the output's tail."""
    result = mkdocs_build(project, site_dir, site_url, strict=strict, quiet=True)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise ToolError(f"mkdocs build failed (fix it or run `make build` to see why):\n{tail}")


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
        self._send(200, body, {"Content-Type": ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""),
                               "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = Path(self.directory) / (site.languages().prefix(site.language_of(self.path)) + "404.html")
        body = page.read_bytes() if page.exists() else b"Not found"
        self._send(404, body, {"Content-Type": "text/html; charset=utf-8"})

    def _send(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        """One whole response: the status, ``headers`` and Content-Length, the body (not for HEAD)."""
        self.send_response(code)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
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
def local_site(site_dir: Path | None = None, strict: bool = True, project: Path = ROOT) -> Iterator[str]:
    """Serve ``site_dir``, or build ``project`` into a temp folder for a local server and serve that
    (SITE_URL is the server's own URL, so canonical and hreflang links are valid where it runs);
    yields the base URL, cleans up afterwards."""
    if site_dir is not None and not (site_dir / "index.html").exists():
        raise ToolError(f"{site_dir}: no index.html (build the site first: `make build`)")
    with tempfile.TemporaryDirectory(prefix="handbook-site-") as tmp:
        server = SiteServer(site_dir or Path(tmp))
        if site_dir is None:
            build_site(Path(tmp), server.url, project=project, strict=strict)
        with server:
            yield server.url


def require_chromium() -> str:
    """The path of Debian's Chromium, or a :class:`ToolError` that says how to install it."""
    if not Path(CHROMIUM).exists():
        raise ToolError(f"Chromium not found at {CHROMIUM}: {INSTALL_HINT}")
    return CHROMIUM


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        with pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS) as browser:
            yield browser
