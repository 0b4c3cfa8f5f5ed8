"""The link promise, ``docs/data/published-links.yml``: every URL the handbook keeps, with its schema.

    links:
      - page: job-instruction.md      # docs-relative page without the language suffix
        anchor: p-2-5                 # an id on that page, or null for the page itself
        label: {ru: "Пункт 2.5. …", en: "Clause 2.5. …"}   # one text per site language

A problem is one line naming file and line (``docs/data/published-links.yml:12: link #3:
field 'label.en': required field is missing``); the build stops with it, the validator reports
it as D001. ``overrides/hooks/published_links.py`` renders the table with
``overrides/partials/published-links.html``; tests and the validator check every URL resolves.
Check the file without a build: ``python -m handbook.cli data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import StringConstraints, ValidationError

from handbook import site
from handbook.datafile import Finding, child, line_of
from handbook.records import DataError, Localized, Strict, display_name, field_name, message, parse_file, real_loc

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


def load_links(path: str | Path, display: str | None = None, clause_ids: set[str] | None = None) -> Registry:
    """Load and validate the registry; raise :class:`DataError` listing every problem.
    ``clause_ids``: the job description's clauses (``handbook.job_description``); a link to a
    clause of its page (``p-2-5``, ``ext-3``) that is not one of them is a problem too."""
    path = Path(path)
    display = display_name(path, display)
    data, node, _ = parse_file(path, display, "link")
    if not isinstance(data, dict) or not isinstance(data.get("links"), list):
        raise DataError([Finding(display, 1, "file", None, "links", "expected a top-level 'links:' list")])
    findings = [Finding(display, line_of(node, [key]), "file", None, str(key), "unknown top-level key")
                for key in data if key != "links"]
    seq = child(node, "links")
    links: list[Link] = []
    seen: dict[tuple, int] = {}
    for index, raw in enumerate(data["links"]):
        item = seq.value[index] if isinstance(seq, yaml.SequenceNode) else None
        name = f"#{index + 1}"
        if not isinstance(raw, dict):
            findings.append(Finding(display, line_of(item, []), "link", name, None, "must be a mapping"))
            continue
        try:
            link = Link.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = real_loc(raw, err["loc"])
                findings.append(Finding(display, line_of(item, loc), "link", name, field_name(loc), message(err)))
            continue
        if (clause_ids is not None and link.page == JOB_DESCRIPTION and link.anchor
                and site.CLAUSE_ID.match(link.anchor) and link.anchor not in clause_ids):
            findings.append(Finding(display, line_of(item, ["anchor"]), "link", name, "anchor",
                                    f"no clause '{link.anchor}' in docs/data/job-description.yml"))
        key = (link.page, link.anchor)
        if key in seen:
            findings.append(Finding(display, line_of(item, []), "link", name, None,
                                    f"'{link.target}' is already listed (link #{seen[key]})"))
        seen.setdefault(key, index + 1)
        links.append(link)
    if findings:
        raise DataError(sorted(findings, key=lambda f: f.line))
    return Registry(tuple(links), display)
