"""Glossary tooltips over Markdown text: link titles from a term's short definition, ``abbr``
definitions for the abbreviations a page uses; fenced and inline code left as they are.

Pure functions of text; ``overrides/hooks/glossary.py`` calls :func:`apply_tooltips`
per page with the page language's titles.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

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
