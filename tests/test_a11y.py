"""axe-core on every page of both languages (and the key pages in the dark scheme): zero
violations at every impact level, with no rule disabled. axe comes from the pinned PyPI package axe-playwright-python
(it bundles axe-core) and runs in Debian's Chromium against the built site.

Material's defaults fail three rules (search dialog without a name, footer contrast, links in text
told apart by colour only); the fixes are overrides/partials/search.html and
docs/assets/stylesheets/a11y.css. test_axe_reports_* shows the check failing without them.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import (BROKEN_HEAVY_IMAGE, KEY_PAGES, LANGUAGES, SiteServer, broken_site,
                             open_context, page_path, settle, sitemap_paths)

AXE = Axe()
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # the default set's colour rules (AA)


def violations(page, rules: list[str] | None = None) -> list[str]:
    """One line per violated rule: id, impact, how many elements, and the first few of them."""
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = AXE.run(page, options=options)
    lines = []
    for v in result.response["violations"]:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']} — {targets}")
    return lines


def audit(browser, base: str, paths: list[str], color_scheme: str) -> dict[str, list[str]]:
    """axe on each page. The dark scheme changes colours only, so there axe runs the rules that
    depend on colour (the markup is the same and is checked in full in the light scheme)."""
    rules = COLOUR_RULES if color_scheme == "dark" else None
    context, _ = open_context(browser, base, color_scheme=color_scheme)
    found = {}
    try:
        page = context.new_page()
        for path in paths:
            page.goto(base + path, wait_until="load")
            settle(page)
            problems = violations(page, rules)
            if problems:
                found["/" + path] = problems
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def paths(built_site) -> list[str]:
    # Every sitemap page, and the 404 page of each language (reached through a missing URL).
    return sitemap_paths(built_site) + ["no-such-page/", "en/no-such-page/"]


@pytest.mark.browser
def test_no_axe_violations_on_any_page(browser, served_site, paths):
    found = audit(browser, served_site, paths, "light")
    assert not found, "axe violations:\n" + "\n".join(f"{p}: {v}" for p, items in found.items() for v in items)


@pytest.mark.browser
def test_no_contrast_violations_in_the_dark_scheme(browser, served_site):
    """The dark scheme on the key pages (colour rules only: see audit()). Every page would double
    the run time for markup that the light-scheme test already covers."""
    paths = [page_path(name, locale) for name in KEY_PAGES for locale in LANGUAGES]
    found = audit(browser, served_site, paths, "dark")
    assert not found, "axe violations (dark):\n" + "\n".join(f"{p}: {v}" for p, items in found.items() for v in items)


@pytest.mark.browser
def test_axe_reports_material_defaults_and_missing_alt(browser, tmp_path_factory):
    """Without the overrides (broken build: no search.html, empty a11y.css) and with an image
    lacking alt text, the same check reports each problem."""
    with SiteServer(broken_site(tmp_path_factory)) as server:
        found = audit(browser, server.url, ["en/", "en/job-instruction/"], "light")
    rules = {line.split(" ")[0] for lines in found.values() for line in lines}
    expected = {"aria-dialog-name", "color-contrast", "link-in-text-block", "image-alt"}
    assert expected <= rules, f"expected {sorted(expected)}, axe reported {found}"
    image = BROKEN_HEAVY_IMAGE.rsplit("/", 1)[-1]
    assert any(image in line for line in found["/en/"] if line.startswith("image-alt")), found["/en/"]


def test_task_list_checkboxes_are_named_by_their_item_text():
    """overrides/hooks/a11y.py moves each task item's inline text into the checkbox's label (axe
    rule 'label'); a nested list stays outside the label."""
    from handbook import a11y as hook
    control = ('<label class="task-list-control"><input type="checkbox" disabled/>'
               '<span class="task-list-indicator"></span></label>')
    html = (f'<ul><li class="task-list-item">{control} Set up <abbr title="x">CMS</abbr> access</li>'
            f'<li class="task-list-item">{control} Parent<ul><li>child</li></ul></li></ul>')
    fixed = hook.name_task_checkboxes(html)
    assert fixed.count(" Set up <abbr title=\"x\">CMS</abbr> access</label></li>") == 1
    assert " Parent</label><ul><li>child</li></ul>" in fixed
