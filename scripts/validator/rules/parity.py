"""Parity of a page and its translation, section by section: figures (F001) and link targets (F002).

A section runs from one anchor to the next, counting only the anchors both pages have (heading
ids, and ids of clauses such as ``<div id="p-2-1">``), so a job description is compared clause
by clause. ``<!-- validate: ignore F001 -->`` on a line leaves that line's figures out (mark the
line on each side when the two languages deliberately differ).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator

from ..figures import Figure
from ..model import ERROR, WARNING, Finding, Page, Site, ignored
from ..resolve import targets
from ..site import resolve

SECTION_KINDS = frozenset({"heading", "heading-auto", "attr", "html"})


class _Sections:
    """Line -> section id, with boundaries at the anchors both pages share."""

    def __init__(self, page: Page, shared: set[str]) -> None:
        seen: set[str] = set()
        bounds = []
        for a in page.data.anchors:
            if a.kind in SECTION_KINDS and a.id in shared and a.id not in seen:
                seen.add(a.id)
                bounds.append((a.line, a.id))
        bounds.sort()
        self.lines = [b[0] for b in bounds]
        self.ids = [b[1] for b in bounds]
        self.start = dict(zip(self.ids, self.lines))
        self.end = {sid: (self.lines[i + 1] - 1 if i + 1 < len(self.lines) else 0) for i, sid in enumerate(self.ids)}

    def of(self, line: int) -> str:
        i = bisect.bisect_right(self.lines, line) - 1
        return self.ids[i] if i >= 0 else ""

    def where(self, sid: str) -> str:
        if not sid:
            return "before the first shared anchor"
        end = self.end.get(sid)
        return f"section '{sid}', lines {self.start[sid]}–{end}" if end else f"section '{sid}', from line {self.start[sid]}"


def _pair_sections(site: Site, original: Page, page: Page) -> tuple[set[str], _Sections, _Sections]:
    """(shared anchor ids, the original's sections, the translation's), once per pair and run."""
    def compute() -> tuple[set[str], _Sections, _Sections]:
        shared = _shared(original, page)
        return shared, _Sections(original, shared), _Sections(page, shared)

    return site.memo("pair-sections", (original.src_uri, page.src_uri), compute)


def _shared(a: Page, b: Page) -> set[str]:
    def ids(p: Page) -> set[str]:
        counts = Counter(x.id for x in p.data.anchors if x.kind in SECTION_KINDS)
        return {i for i, n in counts.items() if n == 1}

    return ids(a) & ids(b)


def _figures(page: Page, sections: _Sections) -> dict[str, list[Figure]]:
    """Section id -> the page's figures (extracted while parsing), lines marked ignore left out."""
    out: dict[str, list[Figure]] = {}
    for value, raw, line, col in page.data.figures:
        if ignored(page.data.ignores, line, "F001"):
            continue
        out.setdefault(sections.of(line), []).append(Figure(value, raw, line, col))
    return out


def _unmatched(mine: list[Figure], theirs: list[Figure]) -> list[Figure]:
    left = Counter(f.value for f in theirs)
    out = []
    for f in mine:
        if left[f.value] > 0:
            left[f.value] -= 1
        else:
            out.append(f)
    return out


def is_empty(page: Page) -> bool:
    """A translation stub: no running text but its headings (front matter and comments are not text)."""
    headings = {a.line for a in page.data.headings}
    return not any(text.strip() for text, line, _ in page.data.text if line not in headings)


def check_figures(site: Site) -> Iterator[Finding]:
    """F001: the figures of each shared section must be the same in both languages; an empty
    translation is said once (not once per figure of its original)."""
    for original, page in site.pairs():
        if not original.data.figures and not page.data.figures:
            continue
        # An empty translation (a stub) is said once, not once per figure of its original.
        if not page.data.figures and is_empty(page):
            count = len(_figures(original, _Sections(original, set())).get("", []))
            if count:
                yield Finding(page.path, 1, 1, ERROR, "F001",
                              f"the translation is empty: none of the {count} figures of {original.path} "
                              "can be compared until the page is translated")
            continue
        shared, s_orig, s_page = _pair_sections(site, original, page)
        f_orig, f_page = _figures(original, s_orig), _figures(page, s_page)
        for sid in sorted(set(f_orig) | set(f_page), key=lambda s: s_page.start.get(s, 0)):
            if sid and sid not in shared:
                continue
            mine, theirs = f_orig.get(sid, []), f_page.get(sid, [])
            if len(mine) == len(theirs) and all(a.value == b.value for a, b in zip(mine, theirs)):
                continue  # the usual case: the same figures in the same order
            only_orig = _unmatched(f_orig.get(sid, []), f_page.get(sid, []))
            only_page = _unmatched(f_page.get(sid, []), f_orig.get(sid, []))
            paired_orig, paired_page = set(), set()
            for a in only_orig:  # a figure changed: pair it with an unmatched one of the same kind
                b = next((b for b in only_page if id(b) not in paired_page and _kind(b.value) == _kind(a.value)), None)
                if b is None:
                    continue
                paired_orig.add(id(a))
                paired_page.add(id(b))
                yield Finding(
                    page.path, b.line, b.col, ERROR, "F001",
                    f"figure «{b.raw}» ({b.value}) differs from «{a.raw}» ({a.value}) at {original.path}:{a.line} "
                    f"({s_page.where(sid)})",
                )
            for a in only_orig:
                if id(a) not in paired_orig:
                    yield Finding(
                        page.path, s_page.start.get(sid, 1), 1, ERROR, "F001",
                        f"figure «{a.raw}» ({a.value}) at {original.path}:{a.line} is missing from {s_page.where(sid)} here",
                    )
            for b in only_page:
                if id(b) not in paired_page:
                    yield Finding(
                        page.path, b.line, b.col, ERROR, "F001",
                        f"figure «{b.raw}» ({b.value}) is not in {original.path} ({s_orig.where(sid)})",
                    )


def _kind(value: str) -> str:
    if ":" in value:
        return "time"
    if value.endswith("%"):
        return "percent"
    if len(value) >= 5 and value[2] == "-" or len(value) >= 7 and value[4] == "-":
        return "date"
    return "number"


def _link_targets(site: Site, page: Page, sections: _Sections) -> dict[str, dict[str, tuple[int, int]]]:
    """Section -> {language-free target 'page.md#anchor': first (line, col)}; pages and anchors only."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    by_src, of = site.by_src, sections.of
    for link, t in targets(site, page):
        if link.image or (t.kind != "page" and t.kind != "self"):
            continue
        dest = by_src.get(t.src) if t.src else None
        if dest is None:
            continue  # a broken link is the L and G rules' finding
        anchor = t.anchor
        if anchor:
            if anchor not in site.memo("anchor-ids", dest.src_uri, dest.anchor_ids):
                continue
            key = f"{dest.norm_uri}#{anchor}"
        else:
            key = dest.norm_uri
        line = link.line
        out.setdefault(of(line), {}).setdefault(key, (line, link.col))
    return out


def _exists(site: Site, key: str, lang: str) -> bool:
    """Does the target 'page.md#anchor' exist in that language? If not, the L/T rules say so."""
    norm, _, anchor = key.partition("#")
    src = resolve(site, norm, lang)
    dest = site.by_src.get(src) if src else None
    if dest is None:
        return False
    return not anchor or anchor in site.memo("anchor-ids", dest.src_uri, dest.anchor_ids)


def check_link_parity(site: Site) -> Iterator[Finding]:
    """F002: a page, anchor or glossary term linked from a section in one language only."""
    for original, page in site.pairs():
        shared, s_orig, s_page = _pair_sections(site, original, page)
        l_orig, l_page = _link_targets(site, original, s_orig), _link_targets(site, page, s_page)
        for sid in sorted(set(l_orig) | set(l_page), key=lambda s: s_page.start.get(s, 0)):
            if sid and sid not in shared:
                continue
            mine, theirs = l_page.get(sid, {}), l_orig.get(sid, {})
            for key, (line, col) in theirs.items():
                if key not in mine and _exists(site, key, page.lang):
                    yield Finding(
                        page.path, s_page.start.get(sid, 1), 1, WARNING, "F002",
                        f"{original.path}:{line} links to '{key}' in {s_orig.where(sid)}; the translation's section does not",
                    )
            for key, (line, col) in mine.items():
                if key not in theirs and _exists(site, key, original.lang):
                    yield Finding(
                        page.path, line, col, WARNING, "F002",
                        f"link to '{key}' has no counterpart in {original.path} ({s_orig.where(sid)})",
                    )
