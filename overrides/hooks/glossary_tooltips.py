"""Glossary tooltips in the page's own language, on every page.

* A Markdown link to a term, ``[CTR](glossary.md#ctr)``, becomes
  ``[CTR](glossary.md#ctr "short definition")``; ``assets/javascripts/tooltips.js`` shows the
  title on hover and on keyboard focus. Links that already have a title (or a ``{ title=… }``
  attribute list) are left alone. The glossary page itself gets no link titles: its links jump
  to a definition printed on the same page.
* Abbreviations of the glossary (CTR, SEO, ЦА…) that occur in the page text get an ``abbr``
  definition (``*[CTR]: click-through rate``) appended to the page, in the page's language.
  A site-wide snippet (``pymdownx.snippets`` ``auto_append``) would give every language the same
  titles; this hook runs per page and per language instead.
* Fenced code blocks and inline code are never touched.
* ``on_page_content`` drops an ``<abbr>`` nested in a link that already carries a tooltip, so one
  element never shows two.

The page language is ``page.file.locale`` (mkdocs-static-i18n), else the theme language.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterable

from mkdocs.plugins import event_priority
from project_scripts import docs_file, load

log = logging.getLogger("mkdocs.hooks.glossary_tooltips")

GLOSSARY_PAGES = {"glossary.md", "glossary.ru.md", "glossary.en.md"}

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
INLINE_LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:\\.|[^\[\]\\]|\[(?:\\.|[^\[\]\\])*\])*)\]"
    r"\(\s*(?P<url><[^>\n]*>|[^\s()]+)"
    r"(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
    r"(?P<attrs>\{[^}\n]*\})?"
)
REFERENCE_DEF = re.compile(
    r"^(?P<lead> {0,3}\[[^\]\n]+\]:[ \t]*)(?P<url><[^>\n]*>|\S+)(?P<title>[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
    re.M,
)
ABBR_DEF = re.compile(r"^\*\[(?P<abbr>[^\]\n]+)\]:", re.M)
ABBR_IN_LINK = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)
TITLED_LINK = re.compile(r"<a\b[^>]*\btitle=\"[^\"]*\"[^>]*>.*?</a>", re.S)


def _schema():
    return load("glossary_schema")


# --------------------------------------------------------------------------------------------
# Pure functions over Markdown text
# --------------------------------------------------------------------------------------------


def split_code(markdown: str) -> list[tuple[bool, str]]:
    """``(is_code, text)`` pieces whose concatenation is ``markdown``: fences and inline code."""
    pieces: list[tuple[bool, str]] = []
    prose: list[str] = []
    fence: str | None = None
    block: list[str] = []
    for line in markdown.splitlines(keepends=True):
        if fence is None:
            m = FENCE_OPEN.match(line)
            if m:
                fence = m["fence"]
                block = [line]
                pieces += _split_inline("".join(prose))
                prose = []
            else:
                prose.append(line)
        else:
            block.append(line)
            stripped = line.strip().lstrip(">").strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                pieces.append((True, "".join(block)))
                fence, block = None, []
    if fence is not None:  # unclosed fence: code to the end, as Markdown reads it
        pieces.append((True, "".join(block)))
    pieces += _split_inline("".join(prose))
    return [(code, text) for code, text in pieces if text]


def _split_inline(text: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in INLINE_CODE.finditer(text):
        out += [(False, text[pos : m.start()]), (True, m.group(0))]
        pos = m.end()
    out.append((False, text[pos:]))
    return out


def term_target(url: str, page_src: str, on_glossary_page: bool) -> str | None:
    """The term id a link URL points to (``glossary.md#ctr`` → ``ctr``), else ``None``."""
    url = url.strip("<>")
    if "#" not in url or "://" in url or url.startswith(("mailto:", "//")):
        return None
    path, fragment = url.split("#", 1)
    if not fragment:
        return None
    if not path:
        return fragment if on_glossary_page else None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path.lstrip("/")))
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
    return fragment if resolved in GLOSSARY_PAGES else None


def add_link_titles(
    text: str, titles: dict[str, str], target: Callable[[str], str | None], unknown: list[str]
) -> str:
    """Give every untitled link to a known term the term's short definition as its title."""

    def inline(m: re.Match) -> str:
        term = target(m["url"])
        if term is None:
            return m.group(0)
        if term not in titles:
            unknown.append(term)
            return m.group(0)
        if m["title"] or (m["attrs"] and "title=" in m["attrs"]):
            return m.group(0)
        whole = m.group(0)
        close = whole.rindex(")", 0, len(whole) - len(m["attrs"] or ""))
        return f'{whole[:close]} "{titles[term]}"{whole[close:]}'

    def reference(m: re.Match) -> str:
        term = target(m["url"])
        if term is None or m["title"]:
            return m.group(0)
        if term not in titles:
            unknown.append(term)
            return m.group(0)
        return f'{m["lead"]}{m["url"]} "{titles[term]}"'

    return REFERENCE_DEF.sub(reference, INLINE_LINK.sub(inline, text))


def abbreviations_used(prose: str, abbreviations: dict[str, str]) -> dict[str, str]:
    """The abbreviations that occur as whole words in ``prose`` and are not defined there yet."""
    defined = set(ABBR_DEF.findall(prose))
    return {
        abbr: title
        for abbr, title in sorted(abbreviations.items())
        if abbr not in defined and re.search(rf"\b{re.escape(abbr)}\b", prose)
    }


def abbreviation_block(used: dict[str, str]) -> str:
    return "".join(f"*[{abbr}]: {title}\n" for abbr, title in used.items())


def apply_tooltips(
    markdown: str,
    titles: dict[str, str],
    abbreviations: dict[str, str],
    target: Callable[[str], str | None],
    unknown: list[str] | None = None,
) -> str:
    """Link titles and abbreviation definitions for one page; code is left as it is."""
    unknown = unknown if unknown is not None else []
    pieces = split_code(markdown)
    out = "".join(text if code else add_link_titles(text, titles, target, unknown) for code, text in pieces)
    used = abbreviations_used("".join(text for code, text in pieces if not code), abbreviations)
    if used:
        out = out.rstrip("\n") + "\n\n" + abbreviation_block(used)
    return out


def unwrap_abbr_in_titled_links(html: str) -> str:
    """``<a title=…><abbr title=…>CTR</abbr></a>`` → ``<a title=…>CTR</a>``: one tooltip each."""
    if "<abbr" not in html:
        return html
    return TITLED_LINK.sub(lambda m: ABBR_IN_LINK.sub(r"\1", m.group(0)), html)


# --------------------------------------------------------------------------------------------
# MkDocs events
# --------------------------------------------------------------------------------------------


def _language(page, config, schema) -> str:
    lang = getattr(page.file, "locale", None) or config.theme.get("language") or schema.DEFAULT_LANGUAGE
    lang = str(lang).split("-")[0].split("_")[0].lower()
    return lang if lang in schema.LANGUAGES else schema.DEFAULT_LANGUAGE


def _abbr_enabled(config) -> bool:
    return any(str(ext).split(".")[-1] == "abbr" for ext in config.markdown_extensions)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@event_priority(-50)  # after the hooks that generate Markdown (the glossary page among them)
def on_page_markdown(markdown, page, config, files):
    schema = _schema()
    path, display = docs_file(config, "data/glossary.yml")
    try:  # the same (path, display) as glossary.py: one parse of the file per build
        glossary = schema.load_glossary_cached(path, display)
    except (schema.GlossaryError, OSError):
        return markdown  # glossary.py has already stopped the build with the details
    lang = _language(page, config, schema)
    src = page.file.src_uri
    on_glossary = src in GLOSSARY_PAGES
    titles = {} if on_glossary else {t.id: t.text(lang).short for t in glossary.terms}
    # The glossary page spells out every expansion next to its abbreviation: no <abbr> there.
    abbreviations = glossary.abbreviations(lang) if _abbr_enabled(config) and not on_glossary else {}

    unknown: list[str] = []
    result = apply_tooltips(markdown, titles, abbreviations, lambda url: term_target(url, src, on_glossary), unknown)
    if not on_glossary:  # same-page anchors on the glossary page are checked by MkDocs itself
        for term in _unique(unknown):
            log.warning(f"Doc file '{src}' links to glossary term '{term}', which is not in docs/data/glossary.yml")
    return result


def on_page_content(html, page, config, files):
    return unwrap_abbr_in_titled_links(html)
