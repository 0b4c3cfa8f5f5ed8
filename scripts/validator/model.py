"""The site model: every source file parsed once; rules read only this."""

from __future__ import annotations

import re

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any, NamedTuple

ERROR = "error"
WARNING = "warning"


class InputError(Exception):
    """The input could not be read: exit code 2, one line naming the file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "hint" or v}


def ignored(ignores: dict[int, frozenset[str]], line: int, code: str) -> bool:
    """Is ``code`` silenced on ``line`` (``<!-- validate: ignore CODE -->``; ``*`` silences all)?"""
    codes = ignores.get(line)
    return bool(codes) and ("*" in codes or code in codes)


def ignore_codes(listed: str) -> frozenset[str]:
    """The codes of an ignore directive (``L001, S002``); none listed means every code (``*``)."""
    return frozenset(c for c in re.split(r"[ ,]+", listed) if c) or frozenset({"*"})


HEADING_KINDS = frozenset({"heading", "heading-auto", "generated-heading"})


class Anchor(NamedTuple):
    """An id on a page. Headings are anchors too, and keep their order among themselves."""

    id: str
    line: int
    col: int
    # heading ({ #id }), heading-auto (toc slugify), attr, html, footnote, tab,
    # generated-heading / generated (written by a hook at a marker, with / without known order)
    kind: str

    @property
    def explicit(self) -> bool:
        return self.kind != "heading-auto"


class Link(NamedTuple):
    """A link or image as written. ``url`` is None for a reference link (see ``ref``)."""

    url: str | None
    line: int
    col: int
    image: bool = False
    ref: str | None = None  # normalised reference label for [text][ref] / [text][] / [ref]
    shortcut: bool = False  # [ref] alone: only a link when the reference is defined
    in_heading: bool = False


class RefDef(NamedTuple):
    url: str
    line: int
    col: int


class Mention(NamedTuple):
    """The first plain-text mention of a glossary term on a page (outside links and headings)."""

    term: str
    line: int
    col: int
    text: str


_NEW_ANCHOR, _NEW_LINK, _NEW_REFDEF, _NEW_MENTION = (partial(tuple.__new__, c) for c in (Anchor, Link, RefDef, Mention))


@dataclass(slots=True)
class PageData:
    """What the scanner extracts from one Markdown file."""

    anchors: list[Anchor] = field(default_factory=list)  # every id, headings included, in order
    links: list[Link] = field(default_factory=list)
    refdefs: dict[str, RefDef] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)  # term id -> first mention
    ignores: dict[int, frozenset[str]] = field(default_factory=dict)  # line -> codes ('*' = all)
    markers: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # <!-- md:name args -->
    # Running text as (text, line, column of its first character): headings, paragraphs, list items,
    # table cells, titles and link texts, with code, URLs, link targets, tags and attribute lists
    # blanked (columns unchanged). The style, figure and fix rules read this.
    text: list[tuple[str, int, int]] = field(default_factory=list)
    # Translations (scripts/handbook/translation.py): digest of each section of this page's source,
    # and what a translation's front matter records of its original ((digests or None, line)).
    sections: dict[str, str] = field(default_factory=dict)
    stamp: tuple[dict[str, str] | None, int] = (None, 0)
    # Figures of the running text, normalised (validator/figures.py): (value, as written, line, column).
    figures: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def headings(self) -> list[Anchor]:
        """The heading ids, in document order."""
        return [a for a in self.anchors if a.kind in HEADING_KINDS]

    def pack(self) -> tuple:
        """Plain tuples: what a worker process sends back (pickles ten times faster)."""
        return (
            [tuple(a) for a in self.anchors], [tuple(x) for x in self.links],
            {k: tuple(v) for k, v in self.refdefs.items()}, {k: tuple(v) for k, v in self.mentions.items()},
            self.ignores, self.markers, self.text, self.sections, self.stamp, self.figures,
        )

    @classmethod
    def unpack(cls, packed: tuple) -> PageData:
        anchors, links, refdefs, mentions, ignores, markers, text, sections, stamp, figures = packed
        # tuple.__new__(Anchor, t) is Anchor._make(t) without its length check: pack() wrote them.
        return cls(
            list(map(_NEW_ANCHOR, anchors)), list(map(_NEW_LINK, links)),
            {k: _NEW_REFDEF(v) for k, v in refdefs.items()}, {k: _NEW_MENTION(v) for k, v in mentions.items()},
            ignores, markers, text, sections, stamp, figures,
        )


@dataclass(slots=True)
class Page:
    src_uri: str  # path in docs_dir, e.g. 'job-instruction.ru.md'
    path: str  # as shown in findings, relative to the project root
    norm_uri: str  # without the language: 'job-instruction.md'
    lang: str
    localized: bool  # has a language suffix
    data: PageData

    def anchor_ids(self) -> set[str]:
        return {a.id for a in self.data.anchors}


@dataclass(slots=True)
class TermForm:
    text: str
    line: int
    positions: tuple = ()  # per word: the normal forms it accepts (filled by the loader)


@dataclass(slots=True)
class Term:
    id: str
    line: int
    langs: dict[str, list[TermForm]]  # language -> term, abbr, aliases as written
    category: str = ""


@dataclass(slots=True)
class Glossary:
    path: str  # as shown in findings
    page: str  # docs-relative page the terms are rendered on, e.g. 'glossary.md'
    terms: list[Term]
    schema_errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


@dataclass(slots=True)
class DataFile:
    path: str  # as shown in findings
    data: Any
    lines: dict[Any, int] = field(default_factory=dict)  # entry index -> line
    schema_errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Site:
    config: Any  # SiteConfig
    pages: list[Page]
    assets: set[str]  # docs-relative paths of every non-page file
    included: dict[str, set[str]]  # language -> src_uris that language's build contains
    glossary: Glossary | None = None
    published_links: DataFile | None = None
    data_files: list[DataFile] = field(default_factory=list)
    excluded: set[str] = field(default_factory=set)  # docs-relative files exclude_docs removes
    options: Any = None  # site.Options
    cache: dict = field(default_factory=dict)  # derived values rules share (resolve.targets)
    house_terms: Any = None  # house_terms.HouseTerms, or None when the project has no terms file

    def __post_init__(self) -> None:
        self.by_src = {p.src_uri: p for p in self.pages}
        self.by_path = {p.path: p for p in self.pages}

    def memo(self, kind: str, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per run for (kind, key): the derived values rules share."""
        cache = self.cache.setdefault(kind, {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def translations(self) -> dict[str, dict[str, Page]]:
        """Each page's versions: its language-free source (``roles.md``) -> language -> page, sorted."""
        groups: dict[str, dict[str, Page]] = {}
        for page in self.pages:
            groups.setdefault(page.norm_uri, {}).setdefault(page.lang, page)
        return dict(sorted(groups.items()))

    def pairs(self) -> list[tuple[Page, Page]]:
        """(original in the default language, one of its translations), for every translation."""
        default = self.config.default_lang
        return [(by_lang[default], page) for by_lang in self.translations().values() if default in by_lang
                for lang, page in by_lang.items() if lang != default]
