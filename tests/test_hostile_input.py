"""Addresses a stranger can craft, in real Chromium against the session's built site.

- A shared builder link with ``?level=__proto__`` or ``constructor`` must still show the form with
  the default level (docs/assets/javascripts/pages/vacancy-builder.js looks levels up by own keys).
- The search worker must refuse an index URL on another host (protocol-relative or absolute): it
  would otherwise fetch and index whatever that host sends
  (overrides/assets/javascripts/workers/search-i18n.js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import open_context
from handbook.site import languages

pytestmark = pytest.mark.browser
LANGS = languages()

START_WORKER = """async url => new Promise(resolve => {
  const worker = new Worker(url)
  worker.onerror = event => { event.preventDefault(); resolve("refused") }
  worker.onmessage = () => {}
  worker.postMessage({type: 0, data: {config: {lang: ["en"], separator: "[\\\\s]+", pipeline: []}, docs: []}})
  setTimeout(() => resolve("accepted"), 1500)
})"""


@pytest.mark.parametrize("level", ["__proto__", "constructor", "toString"])
def test_builder_survives_inherited_level_names(browser, served_site, level):
    context, traffic = open_context(browser, served_site)
    try:
        page = context.new_page()
        page.goto(f"{served_site}{LANGS.prefix('en')}hiring/?level={level}&duties=p-2-1&req=", wait_until="load")
        assert page.is_visible("#hb-vacancy-text"), f"?level={level}: the builder is not shown"
        default = page.get_attribute("#vacancy-builder input[name=level][checked]", "value")
        picked = page.eval_on_selector("#vacancy-builder input[name=level]:checked", "e => e.value")
        assert picked == default
        assert page.input_value("#hb-vacancy-text").strip()
    finally:
        context.close()
    assert traffic.console_errors == []


def worker_url(site: Path, index: str) -> str:
    material = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    return f"assets/javascripts/workers/search-i18n.js?lang=en&worker={material}&index={index}"


@pytest.mark.parametrize("index", ["//evil.example/search_index.json",
                                   "https://evil.example/search_index.json"])
def test_search_worker_refuses_a_foreign_index(browser, built_site, served_site, index):
    context, traffic = open_context(browser, served_site)
    try:
        page = context.new_page()
        page.goto(served_site, wait_until="load")
        own = page.evaluate(START_WORKER, served_site + worker_url(built_site, "../../../search/search_index.en.json"))
        foreign = page.evaluate(START_WORKER, served_site + worker_url(built_site, index))
    finally:
        context.close()
    assert own == "accepted", "the worker refuses its own index: the check proves nothing"
    assert foreign == "refused", f"the worker accepted index={index}"
    assert traffic.third_party == []
