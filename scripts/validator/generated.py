"""Ids that build hooks write into a page where a ``<!-- md:name args -->`` marker stands.

A source-level checker sees the marker, not what replaces it. The ids each marker produces are
published by the package (``handbook.ids.MARKER_IDS``, the same functions the models and hooks
form them with), read from the same data files the hooks read, so links to them can be checked and
heading ids compared with the built HTML. A site without these markers is unaffected; an unknown
marker adds nothing here (the build stops on it: ``handbook.markers``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from handbook.ids import CATEGORY_PREFIX, GLOSSARY_INDEX, MARKER_IDS, Provider

from .config import compose_yaml, read_text
from .model import Anchor, Link, Page, Site

GLOSSARY_MARKER = "glossary"


def _items(data: Any, key: str) -> list[dict]:
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _job_description(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    """Clause ids of a section or a range ``p-1-1..p-1-5`` (handbook.job_description.expand), or
    the edition headings (``editions``: edition-N … edition-1, newest first)."""
    arg = args[0] if args else ""
    if arg == "editions":
        edition = data.get("edition") if isinstance(data, dict) else None
        count = edition.get("number") if isinstance(edition, dict) else None
        return [(f"edition-{n}", True) for n in range(count, 0, -1)] if isinstance(count, int) else []
    sections = _items(data, "sections")
    order = [(str(c["id"]), str(s.get("id"))) for s in sections for c in _items(s, "clauses") if c.get("id")]
    ids = [cid for cid, _ in order]
    first, sep, last = arg.partition("..")
    if sep and first in ids and last in ids:
        return [(cid, False) for cid in ids[ids.index(first):ids.index(last) + 1]]
    return [(cid, False) for cid, section in order if section == arg]


_MD_LINK = re.compile(r"\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")


def _job_description_links(data: Any, args: tuple[str, ...], lang: str) -> list[str]:
    """Link targets in the Markdown of the clauses a marker places (checked like the page's own)."""
    wanted = {cid for cid, _ in _job_description(data, args, lang)}
    texts = [str(c.get(lang) or "") for s in _items(data, "sections") for c in _items(s, "clauses") if c.get("id") in wanted]
    for key in ("lead",):
        texts += [str((s.get(key) or {}).get(lang) or "") for s in _items(data, "sections")
                  if isinstance(s.get(key), dict) and s.get("id") == (args[0] if args else None)]
    return [url for text in texts for url in _MD_LINK.findall(text)]


#: handbook.ids' markers, and the job description's (overrides/hooks/job_description.py, model
#: handbook.job_description; its clause ids come from the data file's own order)
PROVIDERS: dict[str, tuple[str, Provider]] = {**MARKER_IDS, "job-description": ("data/job-description.yml", _job_description)}


def add_generated(site: Site) -> None:
    """Give pages with markers the ids their hooks will add (as anchors; headings in order)."""
    loaded: dict[str, Any] = {}
    docs: Path = site.config.docs_dir
    for page in site.pages:
        for name, args, line in page.data.markers:
            ids: list[tuple[str, bool]] = []
            if name == GLOSSARY_MARKER and site.glossary is not None:
                # Headings, but the hook orders them by category: known as ids, not as a sequence.
                ids = [(GLOSSARY_INDEX, False)] + [(term.id, False) for term in site.glossary.terms]
                ids += [(CATEGORY_PREFIX + c, False) for c in dict.fromkeys(t.category for t in site.glossary.terms if t.category)]
            elif name in PROVIDERS:
                rel, provider = PROVIDERS[name]
                if rel not in loaded:
                    path = docs / rel
                    loaded[rel] = compose_yaml(read_text(path, rel), rel)[0] if path.is_file() else None
                if loaded[rel] is not None:
                    ids = provider(loaded[rel], args, page.lang)
                    if name == "job-description":  # the clauses' own links, at the marker's line
                        page.data.links.extend(Link(url, line, 1) for url in _job_description_links(loaded[rel], args, page.lang))
            _insert(page, ids, line)


def _insert(page: Page, ids: list[tuple[str, bool]], line: int) -> None:
    """Add the ids at the marker's line: headings in the hook's order, the rest as plain ids."""
    if not ids:
        return
    page.data.anchors.extend(Anchor(id_, line, 1, "generated-heading" if heading else "generated") for id_, heading in ids)
    page.data.anchors.sort(key=lambda a: (a.line, a.col))  # stable: the hook's order stays
