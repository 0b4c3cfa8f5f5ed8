"""Shared fixtures: the real site built once per session, served over HTTP, and a real browser."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from handbook import site
from tools import shared as tools
from tools.shared import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, SiteServer  # noqa: F401

ROOT = site.ROOT
LANGUAGES = site.languages().codes
DEFAULT_LANGUAGE = site.languages().default

SITE_URL = "https://handbook.example.org/"


#: A test that uses one of these fixtures waits for a build: it is marked ``slow`` automatically.
BUILD_FIXTURES = frozenset({"built_site", "broken_site", "served_site"})
_running: dict[str, pytest.Item] = {}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):  # setup (fixtures), call and teardown
    _running["item"] = item
    try:
        return (yield)
    finally:
        _running.pop("item", None)


def _needs_slow(what: str) -> None:
    """``make test-fast`` (``-m "not browser and not slow"``) must not build or copy the project:
    a test that does so without the mark fails here, naming the mark it needs."""
    item = _running.get("item")
    if item is not None and not any(item.iter_markers(name) for name in ("slow", "browser")):
        pytest.fail(f"{item.nodeid} {what}: mark it @pytest.mark.slow", pytrace=False)


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict`` of ``project`` into ``site_dir`` (``slow`` tests only)."""
    _needs_slow("starts a build")
    return tools.mkdocs_build(project, site_dir, SITE_URL, env=env)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the sources, for tests that break something and rebuild (``slow`` tests only)."""
    _needs_slow("copies the project")
    return tools.copy_project(dest)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    output = result.stdout + result.stderr
    if result.returncode != 0 or "WARNING" in output:
        pytest.fail(f"mkdocs build --strict failed:\n{output[-4000:]}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def broken_site(tmp_path_factory) -> Path:
    """The one deliberately broken build of the session (every breakage is listed and made in
    tests/browser_support.py); each test module proves its checks fail on it."""
    from browser_support import broken_site as build_broken_site

    return build_broken_site(tmp_path_factory)


def mkdocs_yml() -> dict:
    """mkdocs.yml as plain data; its tags (!ENV, !!python/…) read as None."""
    return site.read_config(ROOT / "mkdocs.yml")


def source_pages() -> list[str]:
    """Docs-relative page names (``job-instruction``) that exist in the default language."""
    return sorted(p.name.removesuffix(f".{DEFAULT_LANGUAGE}.md")
                  for p in (ROOT / "docs").glob(f"*.{DEFAULT_LANGUAGE}.md"))


def built_page(site_dir: Path, page: str, locale: str) -> Path:
    return site.built_file(site_dir, page, locale)


@pytest.fixture(scope="session")
def served_site(built_site):
    """Base URL (``http://127.0.0.1:PORT/``) of the built site served on a free port, with gzip
    and the right-language 404 page like the production server (scripts/tools/page_weight.py)."""
    with SiteServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: {INSTALL_HINT}",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
