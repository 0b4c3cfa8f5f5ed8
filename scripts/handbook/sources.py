"""The sources registry, ``docs/data/sources.yml``: one record per work the handbook takes facts from.

    sources:
      - id: jd-article-2019            # permanent: #source-<id> on the home page
        title: "Internet marketing manager job description"
        language: en
        publisher: {ru: "…", en: "…"}
        date: "2019-03-26"             # or null + date_note {ru, en}
        url: null                      # or an http(s) address; null needs no_url {ru, en}
        short: {ru: "…", en: "…"}      # the citation text on pages
        used_for: {ru: "…", en: "…"}
        seed: "004_19986c1b1e6fe235"   # editors only, never shown

Pages cite a record with ``<!-- md:cite ID -->`` (``overrides/hooks/sources.py``), salaries.yml with
``source: {ref: ID}``; the home page lists them all (``<!-- md:sources -->``). A problem is one line
naming file and line (``docs/data/sources.yml:40: source 'x': field 'no_url': required when url is
null``); the build stops with it and the validator reports it as D001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, HttpUrl

from handbook import datafile, ui
from handbook.datafile import Finding, Strict, child, display_path, line_of
from handbook.records import SEEDS, IsoDate, Localized, NonEmpty as Text, Slug

DATA_FILE = "data/sources.yml"  # relative to docs_dir
SourceId = Slug

#: What the page text must never show: the stored seed files' codes («001», «004_1998…»).
SEED_CODE_RE = re.compile(r"(?<![\w.,/-])(?:" + "|".join(sorted({s[:3] for s in SEEDS})) + r")(?:_[0-9a-f]{16})?(?![\w/-]|[.,]\d)")


class Source(Strict):
    """One work: what it is, who published it and when, where to find it, what the handbook uses."""

    id: SourceId
    title: Text
    described: bool = False  # the title describes the work (the original title is not known)
    translation: Text | None = None  # the title in the other site language
    language: Literal["ru", "en"]
    author: Localized | None = None
    publisher: Localized
    cites: Localized | None = None  # whose data the work reports
    date: IsoDate | None
    date_note: Localized | None = None
    url: HttpUrl | None = Field(strict=False)
    no_url: Localized | None = None
    via: SourceId | None = None  # the record through which the handbook read this one
    short: Localized
    used_for: Localized
    seed: Literal[SEEDS] | None = None  # type: ignore[valid-type]

    def anchor(self) -> str:
        return f"source-{self.id}"


def _rules(src: Source) -> list[tuple[str, str]]:
    out = []
    if src.date is None and src.date_note is None:
        out.append(("date_note", "required when date is null: say why there is no date"))
    if src.url is None and src.no_url is None:
        out.append(("no_url", "required when url is null: say why there is no address"))
    if src.url is not None and src.no_url is not None:
        out.append(("no_url", "only for a source without url"))
    if src.via == src.id:
        out.append(("via", "a source cannot be read through itself"))
    return out


@dataclass(frozen=True)
class Registry:
    sources: tuple[Source, ...]
    path: str  # display path used in messages

    def get(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.sources)


class SourcesFile(Strict):
    schema_version: Literal[1]
    sources: list[Any]  # validated item by item


def load_sources(path: str | Path, display: str | None = None) -> Registry:
    """Load and validate the registry; raise :class:`~handbook.datafile.SchemaError` listing every problem."""
    display = display_path(path, display)
    data, node = datafile.load(path, SourcesFile, display, kinds={"sources": "source"})
    seq = child(node, "sources")
    good, findings = datafile.items(Source, data.sources, seq, display, "source", _rules, required="sources")
    known = {s.id for s in good.values()}
    findings += [Finding(display, line_of(seq, [i, "via"]), "source", s.id, "via", f"unknown source '{s.via}'")
                 for i, s in good.items() if s.via is not None and s.via not in known]
    datafile.check(findings)
    return Registry(tuple(good.values()), display)


# --------------------------------------------------------------------------------------------
# What pages show
# --------------------------------------------------------------------------------------------

LABELS = ui.strings("sources")  # docs/data/ui.yml: the words of a source's entry and a citation

def title_view(src: Source, lang: str) -> str:
    if src.described:  # a description, not a title: in the page's language, without quotes
        return _capital(src.title if lang == src.language or not src.translation else src.translation)
    q1, q2 = LABELS[lang]["quote"]
    return f"{q1}{src.title}{q2}"


def entry_view(src: Source, registry: Registry, lang: str) -> dict:
    """One record as the home page's list shows it."""
    L = LABELS[lang]
    via = registry.get(src.via) if src.via else None
    return {
        "anchor": src.anchor(),
        "title": title_view(src, lang),
        "translation": src.translation if src.translation and src.language != lang and not src.described else None,
        "translation_label": L["translation"],
        "author": src.author.get(lang) if src.author else None,
        "publisher": _capital(src.publisher.get(lang)),
        "cites": f"{L['cites']} {src.cites.get(lang)}" if src.cites else None,
        "date": _capital(ui.human_date(src.date, lang, "full") if src.date else L["no_date"]),
        "date_note": src.date_note.get(lang) if src.date_note else None,
        "url": str(src.url) if src.url else None,
        "no_url": _capital(f"{L['no_url']}: {src.no_url.get(lang)}") if src.no_url else None,
        "via": {"label": _capital(L["via"]), "anchor": via.anchor(), "short": via.short.get(lang)} if via else None,
        "used_for": f"{_capital(L['used_for'])}: {src.used_for.get(lang)}",
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def list_view(registry: Registry, lang: str) -> dict:
    return {"entries": [entry_view(s, registry, lang) for s in registry.sources]}
