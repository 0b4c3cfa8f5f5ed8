"""The link promise, ``docs/data/published-links.yml``: every URL the handbook keeps, with its schema.

    links:
      - page: job-instruction.md      # docs-relative page without the language suffix
        anchor: p-2-5                 # an id on that page, or null for the page itself
        label: {ru: "Пункт 2.5. …", en: "Clause 2.5. …"}   # one text per site language

A problem is one line naming file and line (``docs/data/published-links.yml:12: link #3:
field 'label.en': required field is missing``); the build stops with it, the validator reports
it as D001. ``overrides/hooks/job_description.py`` renders the table with
``overrides/partials/published-links.html``; tests and the validator check every URL resolves.
Check the file without a build: ``python -m handbook.cli data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import StringConstraints

from handbook import datafile, site
from handbook.datafile import Finding, Strict, child, display_path, line_of
from handbook.records import Localized

PagePath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")]
Anchor = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]


class Link(Strict):
    """One promised URL: a page, optionally an anchor on it, and its label in every language."""

    page: PagePath
    anchor: Anchor | None
    label: Localized

    def url(self, lang: str, root: str = "/") -> str:
        """The URL in one language under ``root`` (``/``, a server's base URL, the site_url)."""
        return site.page_url(self.page, lang, self.anchor, root=root)

    @property
    def target(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class Registry:
    links: tuple[Link, ...]
    path: str  # display path used in messages


JOB_DESCRIPTION = "job-instruction.md"


class LinksFile(Strict):
    links: list[Any]  # validated item by item


def load_links(path: str | Path, display: str | None = None, clause_ids: set[str] | None = None) -> Registry:
    """Load and validate the registry; raise :class:`SchemaError` listing every problem.
    ``clause_ids``: the job description's clauses (``handbook.job_description``); a link to a
    clause of its page (``p-2-5``, ``ext-3``) that is not one of them is a problem too."""
    display = display_path(path, display)
    data, node = datafile.load(path, LinksFile, display, kinds={"links": "link"})
    seq = child(node, "links")
    links, findings = datafile.items(Link, data.links, seq, display, "link")
    seen: dict[tuple, int] = {}
    for index, link in links.items():
        if (clause_ids is not None and link.page == JOB_DESCRIPTION and link.anchor
                and site.CLAUSE_ID.match(link.anchor) and link.anchor not in clause_ids):
            findings.append(Finding(display, line_of(seq, [index, "anchor"]), "link", f"#{index + 1}", "anchor",
                                    f"no clause '{link.anchor}' in docs/data/job-description.yml"))
        key = (link.page, link.anchor)
        if key in seen:
            findings.append(Finding(display, line_of(seq, [index]), "link", f"#{index + 1}", None,
                                    f"'{link.target}' is already listed (link #{seen[key]})"))
        seen.setdefault(key, index + 1)
    datafile.check(findings)
    return Registry(tuple(links.values()), display)
