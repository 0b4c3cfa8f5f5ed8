"""Sources: page text names sources as a reference work does, never by the handbook's internal codes.

R001  an internal source code in reader-facing text: a stored seed's code («001», «004_1998…») or
      a kitchen reference («один из авторов», «две статьи-источника», "source articles"), in page
      text and in the reader-facing strings of the data files the house terms cover
R002  <!-- md:cite ID --> naming a record that docs/data/sources.yml does not have
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..model import ERROR, Finding, Page, Site, ignored
from .style import texts

REGISTRY = "data/sources.yml"
HINT = "cite the source by its record: <!-- md:cite ID --> (docs/data/sources.yml), or name it by title and publisher"

# Kitchen references: how the handbook's editors talk about their stored texts, not how a reader
# can find a source. (The seed codes themselves come from handbook.sources.SEED_CODE_RE.)
KITCHEN = [
    (re.compile(r"\bод(?:ин|ного|ному|ним|ном)\s+из\s+авторов\b", re.IGNORECASE), "«один из авторов» names no source"),
    (re.compile(r"\bстат(?:ья|ьи|ье|ью|ьёй|ьей|ей|ьям|ьями|ьях)[-\u2011]источник\w*", re.IGNORECASE), "«статья-источник» is the handbook's kitchen"),
    (re.compile(r"\bисходн\w+\s+стат\w+", re.IGNORECASE), "«исходные статьи» is the handbook's kitchen"),
    (re.compile(r"\bsource articles?\b", re.IGNORECASE), "“source article” is the handbook's kitchen"),
    (re.compile(r"\bone of the authors\b", re.IGNORECASE), "“one of the authors” names no source"),
]


@lru_cache(maxsize=1)
def _code_re() -> re.Pattern[str]:
    from handbook.sources import SEED_CODE_RE

    # Not the thousands group of a number: «54 000 ₽», "1,000".
    return re.compile(r"(?<!\d[ \u00a0\u202f])" + SEED_CODE_RE.pattern)


def _hits(text: str) -> Iterator[tuple[int, str, str]]:
    for m in _code_re().finditer(text):
        yield m.start(), m.group(), f"internal source code «{m.group()}» in reader-facing text"
    for pattern, why in KITCHEN:
        for m in pattern.finditer(text):
            yield m.start(), m.group(), why


def check_codes(site: Site) -> Iterator[Finding]:
    """R001 in the running text of pages and the reader-facing strings of data files."""
    for path, _lang, segments, ignores, prefix in texts(site):
        for text, line, col in segments:
            for start, _found, message in _hits(text):
                at = line + text.count("\n", 0, start)
                if not ignored(ignores, at, "R001"):
                    yield Finding(path, at, col + start if at == line else 1, ERROR, "R001", prefix + message, HINT)


def page_citations(site: Site, page: Page) -> Iterator[Finding]:
    """R002: a citation marker naming no record, or an unknown one."""
    ids = known_ids(site)
    if ids is None:
        return
    for name, args, line in page.data.markers:
        if name != "cite":
            continue
        if not args:
            yield Finding(page.path, line, 1, ERROR, "R002", "<!-- md:cite --> names no source", "<!-- md:cite ID -->")
        for source_id in args:
            if source_id not in ids:
                close = sorted(i for i in ids if i.split("-")[0] == source_id.split("-")[0]) or sorted(ids)
                yield Finding(page.path, line, 1, ERROR, "R002", f"unknown source '{source_id}' (not in {REGISTRY})",
                              f"known: {', '.join(close[:5])}")


def known_ids(site: Site) -> frozenset[str] | None:
    """The registry's ids, or None when there is no registry or it breaks its schema (D001 says so)."""
    return site.memo("source-ids", REGISTRY, lambda: _registry_ids(Path(site.config.docs_dir) / REGISTRY))


def _registry_ids(path: Path) -> frozenset[str] | None:
    from handbook.datafile import SchemaError
    from handbook.sources import load_sources

    try:
        return load_sources(path, str(path)).ids if path.is_file() else None
    except SchemaError:
        return None
