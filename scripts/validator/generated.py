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

from handbook.ids import CATEGORY_PREFIX, GLOSSARY_INDEX, MARKER_IDS, job_description_ids

from .config import compose_yaml, read_text
from .model import Anchor, Link, Site

GLOSSARY_MARKER = "glossary"
_MD_LINK = re.compile(r"\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")


def _job_description_links(data: Any, args: tuple[str, ...], lang: str) -> list[str]:
    """Link targets in the Markdown of the clauses a marker places (checked like the page's own)."""
    wanted = {cid for cid, _ in job_description_ids(data, args, lang)}
    sections = [s for s in (data.get("sections") or []) if isinstance(s, dict)] if isinstance(data, dict) else []
    texts = [str(c.get(lang) or "") for s in sections for c in (s.get("clauses") or [])
             if isinstance(c, dict) and c.get("id") in wanted]
    texts += [str(s["lead"].get(lang) or "") for s in sections
              if isinstance(s.get("lead"), dict) and s.get("id") == (args[0] if args else None)]
    return [url for text in texts for url in _MD_LINK.findall(text)]


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
            elif name in MARKER_IDS:
                rel, provider = MARKER_IDS[name]
                if rel not in loaded:
                    path = docs / rel
                    loaded[rel] = compose_yaml(read_text(path, rel), rel)[0] if path.is_file() else None
                if loaded[rel] is not None:
                    ids = provider(loaded[rel], args, page.lang)
                    if name == "job-description":  # the clauses' own links, at the marker's line
                        page.data.links.extend(Link(url, line, 1) for url in _job_description_links(loaded[rel], args, page.lang))
            # At the marker's line: headings in the hook's order, the rest as plain ids.
            page.data.anchors.extend(Anchor(id_, line, 1, "generated-heading" if heading else "generated") for id_, heading in ids)
        if page.data.markers:
            page.data.anchors.sort(key=lambda a: (a.line, a.col))  # stable: the hook's order stays
