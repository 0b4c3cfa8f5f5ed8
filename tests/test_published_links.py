"""The link promise: every URL in docs/data/published-links.yml resolves in the built site, in
every language — the page exists (directly or through a redirect stub left when it moved) and the
anchor is an element id on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import LANGUAGES, ROOT
from handbook import links, site
from handbook.datafile import SchemaError

REGISTRY = ROOT / "docs" / "data" / "published-links.yml"
REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(?P<url>.+)$", re.I)
MAX_REDIRECTS = 5


def load_registry(path: Path = REGISTRY) -> list[dict]:
    """The registry through its model (handbook.links), as plain entries."""
    return [link.model_dump() for link in links.load_links(path).links]


def page_file(site_dir: Path, locale: str, page: str) -> tuple[str, Path]:
    """Public path (``en/job-instruction/``) and built file of a docs-relative page."""
    url = site.page_path(page, locale)
    return url, site_dir / url / "index.html"


def redirect_target(html: LexborHTMLParser) -> str | None:
    meta = html.css_first('meta[http-equiv="refresh" i]')
    match = REFRESH.match(meta.attributes.get("content") or "") if meta else None
    return match["url"].strip().strip("'\"") if match else None


def follow(site: Path, url: str) -> tuple[str, LexborHTMLParser | None]:
    """The page a public path ends up on, following mkdocs-redirects' meta-refresh stubs."""
    for _ in range(MAX_REDIRECTS):
        path = site / url / "index.html" if url.endswith("/") or not url else site / url
        if not path.is_file():
            return url, None
        html = LexborHTMLParser(path.read_text(encoding="utf-8"))
        target = redirect_target(html)
        if target is None:
            return url, html
        directory = url if url.endswith("/") or not url else url.rsplit("/", 1)[0] + "/"
        url = resolve(directory, target.split("#", 1)[0])
    return url, None


def resolve(directory: str, relative: str) -> str:
    """Site-relative path of ``relative`` seen from ``directory`` (``/x`` is site-absolute)."""
    parts = [] if relative.startswith("/") else [p for p in directory.split("/") if p]
    for part in relative.split("/"):
        if part == "..":
            parts = parts[:-1]
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts) + ("/" if relative.endswith("/") or not relative else "")


def link_problems(site: Path, links: list[dict], languages=LANGUAGES) -> list[str]:
    """One line per broken promise: ``entry N (page#anchor) [locale]: what is wrong``."""
    problems = []
    seen = set()
    for n, entry in enumerate(links, start=1):
        page, anchor = entry.get("page"), entry.get("anchor")
        name = f"entry {n} ({page}{'#' + anchor if anchor else ''})"
        if not page:
            problems.append(f"{name}: no 'page'")
            continue
        if (page, anchor) in seen:
            problems.append(f"{name}: listed twice")
        seen.add((page, anchor))
        for locale in languages:
            if not (entry.get("label") or {}).get(locale):
                problems.append(f"{name} [{locale}]: no label")
            url, _ = page_file(site, locale, page)
            final, html = follow(site, url)
            if html is None:
                problems.append(f"{name} [{locale}]: /{url} does not exist in the built site")
            elif anchor and html.css_first(f'[id="{anchor}"]') is None:
                problems.append(f"{name} [{locale}]: no element with id {anchor!r} on /{final}")
    return problems


def test_every_published_link_resolves_in_every_language(built_site):
    links = load_registry()
    assert link_problems(built_site, links) == []
    # every clause of the job description is promised (not "enough entries")
    promised = {link["anchor"] for link in links if link["page"] == "job-instruction.md"}
    for lang in LANGUAGES:
        page = LexborHTMLParser(site.built_file(built_site, "job-instruction", lang).read_text(encoding="utf-8"))
        shown = {node.attributes["id"] for node in page.css("div.clause[id]")}
        assert shown and shown - promised == set(), f"{lang}: clauses without a published link"


def write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    write(tmp_path / "doc/index.html", '<h1 id="doc">Doc</h1><div id="p-1-1"></div>')
    write(tmp_path / "en/doc/index.html", '<h1 id="doc">Doc</h1>')  # p-1-1 lost in translation
    write(tmp_path / "index.html", "<h1 id='home'>Home</h1>")
    write(tmp_path / "en/index.html", "<h1 id='home'>Home</h1>")
    # A page that moved: redirect stubs (as mkdocs-redirects writes them) to the new place.
    stub = '<meta http-equiv="refresh" content="0; url=../doc/">'
    write(tmp_path / "old/index.html", stub)
    write(tmp_path / "en/old/index.html", stub)
    return tmp_path


def test_check_reports_each_kind_of_broken_promise(fake_site):
    both = {"ru": "x", "en": "x"}
    links = [
        {"page": "index.md", "anchor": None, "label": both},
        {"page": "doc.md", "anchor": "p-1-1", "label": both},      # missing in en
        {"page": "gone.md", "anchor": None, "label": both},        # page removed
        {"page": "old.md", "anchor": "doc", "label": both},        # moved: followed, fine
        {"page": "old.md", "anchor": "nope", "label": {"ru": "x"}},  # moved, bad anchor, no en label
        {"page": "index.md", "anchor": None, "label": both},       # duplicate
    ]
    assert link_problems(fake_site, links) == [
        "entry 2 (doc.md#p-1-1) [en]: no element with id 'p-1-1' on /en/doc/",
        "entry 3 (gone.md) [ru]: /gone/ does not exist in the built site",
        "entry 3 (gone.md) [en]: /en/gone/ does not exist in the built site",
        "entry 5 (old.md#nope) [ru]: no element with id 'nope' on /doc/",
        "entry 5 (old.md#nope) [en]: no label",
        "entry 5 (old.md#nope) [en]: no element with id 'nope' on /en/doc/",
        "entry 6 (index.md): listed twice",
    ]


def test_a_link_to_a_clause_the_job_description_lacks_names_its_line(tmp_path):
    """Clause anchors are checked against handbook.job_description's clause ids (not the page)."""
    from handbook import job_description

    text = REGISTRY.read_text(encoding="utf-8")
    assert "    anchor: p-1-2\n" in text
    broken = tmp_path / "published-links.yml"
    broken.write_text(text.replace("    anchor: p-1-2\n", "    anchor: p-1-9\n", 1), encoding="utf-8")
    line = text[:text.index("    anchor: p-1-2\n")].count("\n") + 1
    ids = set(job_description.load().ids())
    links.load_links(REGISTRY, "r.yml", ids)  # the real registry passes
    with pytest.raises(SchemaError) as caught:
        links.load_links(broken, "r.yml", ids)
    assert str(caught.value) == f"r.yml:{line}: link '#4': field 'anchor': no clause 'p-1-9' in docs/data/job-description.yml"
