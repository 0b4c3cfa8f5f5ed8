"""The site foundation, checked on the real strict build: languages, head tags, 404s, hosts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from handbook import site
from handbook import site as site_facts  # `site` is also the built site in some checks
from conftest import (DEFAULT_LANGUAGE, LANGUAGES, ROOT, SITE_URL, built_page, copy_project,
                      mkdocs_build, mkdocs_yml, source_pages)

OG_LOCALES = {"ru": "ru_RU", "en": "en_US"}


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def head_tags(tree: LexborHTMLParser) -> dict:
    meta = {}
    for node in tree.css("head meta"):
        key = node.attributes.get("property") or node.attributes.get("name")
        if key:
            meta.setdefault(key, []).append(node.attributes.get("content"))
    canonical = [n.attributes["href"] for n in tree.css('head link[rel="canonical"]')]
    alternates = {n.attributes["hreflang"]: n.attributes["href"]
                  for n in tree.css('head link[rel="alternate"][hreflang]')}
    return {"meta": meta, "canonical": canonical, "alternates": alternates}


def public_url(page: str, locale: str) -> str:
    return site.page_url(page, locale, root=SITE_URL)


PAGES = source_pages()


def test_every_page_has_both_languages_in_sources():
    for page in PAGES:
        for locale in LANGUAGES:
            assert (ROOT / "docs" / f"{page}.{locale}.md").exists(), f"docs/{page}.{locale}.md is missing"


def check_page_built(site: Path, page: str, locale: str) -> None:
    path = built_page(site, page, locale)
    assert path.exists(), f"{path.relative_to(site)} was not built"
    assert parse(path).css_first("html").attributes.get("lang") == locale


def check_head_tags(site: Path, page: str, locale: str) -> None:
    tags = head_tags(parse(built_page(site, page, locale)))
    own = public_url(page, locale)
    assert tags["canonical"] == [own]
    expected = {lang: public_url(page, lang) for lang in LANGUAGES}
    expected["x-default"] = public_url(page, DEFAULT_LANGUAGE)
    assert tags["alternates"] == expected
    meta = tags["meta"]
    assert meta.get("description") and meta["description"][0].strip(), "meta description missing"
    for key in ("og:title", "og:description", "og:type", "og:image", "og:url", "og:locale",
                "twitter:card", "twitter:image"):
        assert meta.get(key) and meta[key][0], f"{key} missing"
    assert meta["og:url"] == [own]
    assert meta["og:locale"] == [OG_LOCALES[locale]]
    assert meta["og:locale:alternate"] == [v for k, v in OG_LOCALES.items() if k != locale]
    assert meta["og:description"] == meta["description"]
    image = meta["og:image"][0]
    assert image.startswith(SITE_URL), f"og:image must be absolute on the site: {image}"
    assert (site / urlsplit(image).path.lstrip("/")).exists(), f"og:image {image} not in site/"


@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_built_in_its_language(built_site, page, locale):
    check_page_built(built_site, page, locale)


@pytest.mark.parametrize("locale", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_head_tags_absolute_and_alternates_point_to_counterparts(built_site, page, locale):
    check_head_tags(built_site, page, locale)


def test_og_images_are_1200x630_png():
    for locale in LANGUAGES:
        data = (ROOT / f"docs/assets/images/og-{locale}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1200, 630)


def test_language_switcher_links_to_the_same_page(built_site):
    for page in PAGES:
        for locale in LANGUAGES:
            path = built_page(built_site, page, locale)
            links = {a.attributes["hreflang"]: a.attributes["href"]
                     for a in parse(path).css("a.md-select__link[hreflang]")}
            assert set(links) == set(LANGUAGES), f"{path}: switcher languages {set(links)}"
            here = "/" + str(path.parent.relative_to(built_site)).strip(".") + "/"
            for other, href in links.items():
                target = urljoin(here.replace("//", "/"), href)
                assert target == urlsplit(public_url(page, other)).path, (path, other, href)


NOT_FOUND = {"ru": ("/", "Страница не найдена"), "en": ("/en/", "Page not found")}


def check_404(site: Path, locale: str) -> None:
    home, heading = NOT_FOUND[locale]
    path = site / site_facts.languages().prefix(locale) / "404.html"
    assert path.exists(), f"{path.relative_to(site)} missing"
    tree = parse(path)
    assert tree.css_first("html").attributes.get("lang") == locale
    assert tree.css_first("h1").text().strip() == heading
    assert [a.attributes["href"] for a in tree.css("article a")] == [home]
    # assets of a 404 page must load from any depth: absolute paths only
    for node in tree.css('link[rel="stylesheet"], script[src]'):
        ref = node.attributes.get("href") or node.attributes.get("src")
        assert ref.startswith("/"), f"{path.name}: relative asset {ref} breaks at depth"


@pytest.mark.parametrize("locale", LANGUAGES)
def test_404_page_per_language(built_site, locale):
    check_404(built_site, locale)


def test_sitemap_lists_every_page_with_alternates(built_site):
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for page in PAGES:
        for locale in LANGUAGES:
            assert f"<loc>{public_url(page, locale)}</loc>" in text
            assert f'hreflang="{locale}" href="{public_url(page, locale)}"' in text


def test_every_heading_has_an_ascii_id_and_no_underscore_slugs(built_site):
    for page in PAGES:
        for locale in LANGUAGES:
            tree = parse(built_page(built_site, page, locale))
            for h in tree.css("article h1, article h2, article h3, article h4"):
                ident = h.attributes.get("id") or ""
                assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident), \
                    f"{page}.{locale}: heading {h.text().strip()!r} has id {ident!r}"


# --- zero third-party requests --------------------------------------------------------------

# URLs that appear in built files but are never fetched (XML namespaces, licence comments, docs
# links inside vendored lunr/Material code). Anything not listed here fails the scan.
NOT_FETCHED = re.compile(
    r"https?://(www\.w3\.org/|fontawesome\.com|clipboardjs\.com|bit\.ly/2s3ChXG|lunrjs\.com|"
    r"tartarus\.org|snowball\.tartarus\.org|code\.google\.com/p/urim|chasen\.org|docs\.python\.org|"
    r"en\.wikipedia\.org|msdn\.microsoft\.com|narwhaljs\.org|people\.mozilla\.org|underscorejs\.org|"
    r"www\.mozilla\.org/MPL|github\.com/MihaiValentin/lunr-languages|github\.com/umdjs/|"
    r"wiki\.commonjs\.org|wiki\.ecmascript\.org|developer\.mozilla\.org/docs|github\.com/isaacs/|"
    r"github\.com/nodejs/node/blob/|"
    r"api\.github\.com/|\$\{e\}/api/v4/|"
    # identifiers written into exported files, never requested: the .docx XML namespace and the
    # schema.org vocabulary of the JobPosting snippet (vacancy builder, hire documents)
    r"schemas\.openxmlformats\.org/|schema\.org/)"
)
FETCHING_ATTRS = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
                  "video": ["src", "poster"], "audio": ["src"], "object": ["data"], "embed": ["src"],
                  "image": ["href", "xlink:href"], "use": ["href", "xlink:href"]}
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                      "modulepreload", "manifest", "apple-touch-icon", "shortcut"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<url>[^'")\s]+)""")
JS_URL = re.compile(r"""https?://[A-Za-z0-9.${}-]+[^\s'"`)<>]*""")


def third_party_in_html(text: str) -> list[str]:
    tree = LexborHTMLParser(text)
    found = []
    for tag, attrs in FETCHING_ATTRS.items():
        for node in tree.css(tag):
            for attr in attrs:
                for value in (node.attributes.get(attr) or "").split(","):
                    found.append(value.strip().split(" ")[0])
    for node in tree.css("link[href]"):
        if set((node.attributes.get("rel") or "").lower().split()) & FETCHING_LINK_RELS:
            found.append(node.attributes["href"])
    for node in tree.css("style"):
        found += [m["url"] for m in CSS_URL.finditer(node.text())]
    for node in tree.css("[style]"):
        found += [m["url"] for m in CSS_URL.finditer(node.attributes.get("style") or "")]
    return [u for u in found if u and urlsplit(u).netloc]


def third_party_in_file(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        return third_party_in_html(text)
    if path.suffix == ".css":
        return [m["url"] for m in CSS_URL.finditer(text) if urlsplit(m["url"]).netloc]
    return [u for u in JS_URL.findall(text) if not NOT_FETCHED.match(u)]  # .js


def scan_site(site: Path) -> dict[str, list[str]]:
    problems = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".css", ".js"}:
            urls = third_party_in_file(path)
            if urls:
                problems[str(path.relative_to(site))] = sorted(set(urls))
    return problems


def test_no_third_party_urls_anywhere(built_site):
    assert scan_site(built_site) == {}


def test_scanner_catches_each_kind_of_third_party_url(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css">')
    (tmp_path / "b.html").write_text('<script src="//cdn.example.com/x.js"></script>')
    (tmp_path / "b2.js").write_text('s.src = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"')
    (tmp_path / "c.html").write_text('<img srcset="/a.png 1x, https://img.example.com/b.png 2x">')
    (tmp_path / "d.css").write_text('@font-face{src:url("https://fonts.gstatic.com/a.woff2")}')
    (tmp_path / "e.js").write_text('fetch("https://analytics.example.com/hit")')
    (tmp_path / "ok.html").write_text('<a href="https://example.com/">a link is not a request</a>')
    assert set(scan_site(tmp_path)) == {"a.html", "b.html", "b2.js", "c.html", "d.css", "e.js"}


def test_no_github_api_without_repo_url():
    """Material calls api.github.com only when repo_url is set: keep it unset (allow-listed above)."""
    assert "repo_url" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# --- each check fails on a deliberately broken build -----------------------------------------

@pytest.mark.slow
def test_checks_fail_on_a_broken_build(broken_site):
    """See conftest.broken_site for the breakages."""
    with pytest.raises(AssertionError, match="hiring/index.html was not built"):
        check_page_built(broken_site, "hiring", "en")
    with pytest.raises(AssertionError):
        check_head_tags(broken_site, "roles", "ru")
    with pytest.raises(AssertionError):
        check_404(broken_site, "ru")  # the English 404 overwrote the Russian one
    with pytest.raises(AssertionError, match="en/404.html missing"):
        check_404(broken_site, "en")
    problems = scan_site(broken_site)
    assert any("fonts.googleapis.com" in u for urls in problems.values() for u in urls)


@pytest.mark.slow
def test_missing_description_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/index.en.md"
    page.write_text(re.sub(r"(?m)^description:.*\n", "", page.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.en.md: front matter 'description' is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_material_bundle_makes_no_sitemap_lookups_per_alternate(built_site):
    """Per-page hreflang links must not make Material fetch <alternate>/sitemap.xml (404s)."""
    bundles = list((built_site / "assets/javascripts").glob("bundle.*.min.js"))
    assert bundles
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        assert 'M("link[rel=alternate]")' not in text
        assert 'M("link[rel=alternate]:not([hreflang])")' in text


@pytest.mark.parametrize("locale,title", [("ru", "Постоянная ссылка"), ("en", "Permanent link")])
def test_permalink_titles_in_the_page_language(built_site, locale, title):
    tree = parse(built_page(built_site, "roles", locale))
    titles = {a.attributes.get("title") for a in tree.css("article h2 a.headerlink")}
    assert titles == {title}
    clause_titles = {a.attributes.get("title") for a in
                     parse(built_page(built_site, "job-instruction", locale)).css("a.hb-clause-link")}
    assert clause_titles and all(t.endswith(tuple("0123456789")) for t in clause_titles)


@pytest.mark.parametrize("locale,label", [("ru", "Ссылка на пункт"), ("en", "Link to clause")])
def test_clause_permalink_labels_use_the_printed_number(built_site, locale, label):
    """Each clause's permalink is labelled with the number the clause prints: «Д.3» / "E.3" for
    ext-3, never "ext.3"."""
    tree = parse(built_page(built_site, "job-instruction", locale))
    clauses = tree.css("div.clause[id]")
    assert clauses  # that every promised clause is on the page: test_published_links
    problems = []
    for clause in clauses:
        printed = clause.css_first("strong").text().strip().rstrip(".")
        link = clause.css_first("a.hb-clause-link")
        expected = f"{label} {printed}"
        if link is None or {link.attributes.get("title"), link.attributes.get("aria-label")} != {expected}:
            problems.append((clause.attributes["id"], None if link is None else link.attributes.get("aria-label")))
    assert not problems, f"expected '{label} <printed number>': {problems}"


def blocking_scripts(tree: LexborHTMLParser) -> list[str]:
    """External scripts that would run in the middle of parsing (no defer, no async)."""
    return [node.attributes["src"] for node in tree.css("script[src]")
            if "defer" not in node.attributes and "async" not in node.attributes]


def test_every_script_is_deferred_bundle_first(built_site):
    """Material's bundle and extra_javascript run after parsing (overrides/main.html, mkdocs.yml):
    a blocking bundle made one long task of the first style and layout (Lighthouse TBT x3)."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 2 * len(PAGES)
    problems = {}
    for path in pages:
        tree = parse(path)
        sources = [node.attributes["src"] for node in tree.css("script[src]")]
        if not sources or "/bundle." not in sources[0] or blocking_scripts(tree):
            problems[str(path.relative_to(built_site))] = sources
    assert not problems, problems


def test_blocking_script_check_catches_a_plain_script_tag():
    tree = LexborHTMLParser('<script src="a.js" defer></script><script src="b.js"></script>'
                            '<script src="c.js" async></script><script>inline()</script>')
    assert blocking_scripts(tree) == ["b.js"]


def test_own_css_and_js_are_one_hashed_file_each(built_site):
    """overrides/hooks/asset_bundle.py: extra_css and extra_javascript, in mkdocs.yml order, as
    handbook.<hash>.css / .js (immutable in deploy/nginx.conf), the only local ones a page links."""
    config = mkdocs_yml()
    listed = {"css": config["extra_css"], "js": [entry["path"] for entry in config["extra_javascript"]]}
    tree = parse(built_page(built_site, "job-instruction", "en"))
    linked = {"css": [n.attributes["href"] for n in tree.css('link[rel="stylesheet"]')],
              "js": [n.attributes["src"] for n in tree.css("script[src]")]}
    for suffix, sources in listed.items():
        ours = [url for url in linked[suffix] if "/handbook." in url]
        assert len(ours) == 1 and re.search(rf"/handbook\.[0-9a-f]{{8}}\.{suffix}$", ours[0]), linked[suffix]
        assert not any(src.rsplit("/", 1)[-1] in url for url in linked[suffix] for src in sources)
        text = (built_site / "en" / "job-instruction" / ours[0]).resolve().read_text(encoding="utf-8")
        positions = [text.find((ROOT / "docs" / src).read_text(encoding="utf-8").strip()) for src in sources]
        assert -1 not in positions and positions == sorted(positions), (suffix, positions)


@pytest.mark.slow
def test_a_script_without_defer_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "  - path: assets/javascripts/tooltips.js\n    defer: true\n"
    assert old in text
    config.write_text(text.replace(old, "  - assets/javascripts/tooltips.js\n"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "extra_javascript: assets/javascripts/tooltips.js must be listed with `defer: true`" in output


def test_a_changed_package_file_is_reloaded_before_the_next_build(tmp_path):
    """What `mkdocs serve` relies on (overrides/hooks/fresh_package.py calls this in on_config):
    after an edit to the package, the next build's modules are the new code, in place. Runs in its
    own interpreter: reloading the package here would give later tests new copies of its classes."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import os
        from pathlib import Path

        import handbook
        from handbook import datafile, site  # noqa: F401  (loaded, so both are reloaded)

        handbook.reload_if_changed()  # the first build: nothing to compare with
        before = site.clause_number
        assert handbook.reload_if_changed() == []  # nothing changed: nothing reloaded
        path = Path(site.__file__)
        stat = path.stat()
        try:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
            reloaded = handbook.reload_if_changed()
        finally:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert "handbook.site" in reloaded, reloaded
        assert reloaded.index("handbook.datafile") < reloaded.index("handbook.site"), reloaded
        assert site.clause_number is not before and site.clause_number("ext-3", "en") == "E.3"
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
