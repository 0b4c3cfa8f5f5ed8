"""Schema and loader for the tools glossary, ``docs/data/glossary.yml``.

One record per term; both languages come from the same record, so they cannot drift::

    terms:
      - id: ctr                      # ^[a-z0-9]+(-[a-z0-9]+)*$, unique
        category: metrics            # one of CATEGORIES
        related: [cpc, conversion]   # ids that exist, not itself
        ru: {term: CTR, abbr: CTR, expansion: "…", aliases: […], short: "…", full: "…"}
        en: {term: CTR, abbr: CTR, expansion: "…", aliases: […], short: "…", full: "…"}

The module is importable without MkDocs: the build hook (``overrides/hooks/glossary.py``: page and
tooltips) and the content validator share this loader, so a file
that passes here passes everywhere. The page's markup is ``overrides/partials/glossary.html``.

Every problem is a :class:`~handbook.datafile.Finding` with file and line; the loader
(:mod:`handbook.datafile`) raises them together as one :class:`SchemaError` whose message has one
line per finding::

    docs/data/glossary.yml:42: term 'ctr': field 'en': required field is missing

Run ``python -m handbook.cli data`` to check the file from the command line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, Field, StringConstraints, model_validator

from handbook import datafile, ids, site, ui
from handbook.datafile import Finding, Strict, child, display_path, line_of
from handbook.records import Slug

# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

LANGUAGES = site.languages().codes
DEFAULT_LANGUAGE = site.languages().default

#: Categories in the order the glossary page shows them.
CATEGORIES = ("advertising", "seo", "social", "email", "analytics", "metrics", "sales-crm", "management")

#: Anchors the glossary page uses for itself; a term id must not take them.
RESERVED_IDS = frozenset({"glossary", "alphabetical-index"})
CATEGORY_ANCHOR_PREFIX = ids.CATEGORY_PREFIX

SHORT_MAX = 200
#: Characters that would be Markdown (or break a link title) in a plain-text tooltip.
SHORT_FORBIDDEN = set('"[]*_`<>#|\\')
#: A sentence end followed by the start of another sentence.
SECOND_SENTENCE = re.compile(r"[.!?…]\s+[A-ZА-ЯЁ]")
#: ``[text](#anchor)`` inside a full definition: a link to another term on the glossary page.
ANCHOR_LINK = re.compile(r"\]\(#([^)\s]+)\)")


#: Words of the glossary page around the data, per language.
UI = ui.strings("glossary")  # docs/data/ui.yml (also the category labels)
#: Ids the glossary page generates besides the term ids (a page must not use them itself).
PAGE_IDS = frozenset({ids.GLOSSARY_INDEX} | {ids.category_anchor(c) for c in CATEGORIES})


def normalize_name(name: str) -> str:
    """The form two names are compared in: case-folded, ``ё`` as ``е``, single spaces."""
    return " ".join(name.casefold().replace("ё", "е").split())


KINDS = {"terms": "term"}


# --------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("must be a single line")
    return value


def _plain_short(value: str) -> str:
    bad = sorted({c for c in value if c in SHORT_FORBIDDEN})
    if bad:
        raise ValueError(
            f"must be plain text (it becomes a tooltip); remove {' '.join(repr(c) for c in bad)}"
            " (use «ёлочки» or “curly” quotes instead of \")"
        )
    if not value.endswith((".", "!", "?")):
        raise ValueError("must be one full sentence ending with a period")
    if SECOND_SENTENCE.search(value):
        raise ValueError("must be one sentence (the tooltip); move the rest to 'full'")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line)]
Short = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=10, max_length=SHORT_MAX),
    AfterValidator(_one_line),
    AfterValidator(_plain_short),
]
Full = Annotated[str, StringConstraints(strip_whitespace=True, min_length=40, max_length=1500)]
Abbr = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[^\s\[\]*`<>]{1,12}$")]
TermId = Slug


class TermText(Strict):
    """A term in one language."""

    term: Text
    abbr: Abbr | None = None
    expansion: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    short: Short
    full: Full

    @model_validator(mode="after")
    def _abbr_and_names(self) -> TermText:
        if self.abbr and not self.expansion:
            raise ValueError("'expansion' is required when 'abbr' is set")
        if self.expansion and not self.abbr:
            raise ValueError("'expansion' needs an 'abbr' to expand")
        seen: set[str] = set()
        for alias in self.aliases:
            key = alias.casefold()
            if key in seen:
                raise ValueError(f"alias {alias!r} is listed twice")
            seen.add(key)
        return self

    def names(self) -> list[str]:
        """Every name of the term in this language: term, abbreviation, aliases (no repeats)."""
        return [name for name, _ in self.named_fields()]

    def named_fields(self) -> list[tuple[str, tuple[Any, ...]]]:
        """``(name, location)`` for the term, abbreviation and aliases, without repeats."""
        candidates = [(self.term, ("term",)), (self.abbr, ("abbr",))]
        candidates += [(alias, ("aliases", i)) for i, alias in enumerate(self.aliases)]
        out: list[tuple[str, tuple[Any, ...]]] = []
        seen: set[str] = set()
        for name, loc in candidates:
            if name and normalize_name(name) not in seen:
                seen.add(normalize_name(name))
                out.append((name, loc))
        return out

    def heading(self) -> str:
        """The term as a heading: a lowercase word gets a capital; ``myTarget`` stays as written."""
        text = self.term
        if text == text.lower():
            text = text[:1].upper() + text[1:]
        if self.abbr and normalize_name(self.abbr) != normalize_name(self.term):
            text += f" ({self.abbr})"
        return text


class Term(Strict):
    """One glossary record: an id, a category, related ids and the text in both languages."""

    id: TermId
    category: Literal[CATEGORIES]  # type: ignore[valid-type]
    related: list[TermId] = Field(default_factory=list)
    ru: TermText
    en: TermText

    @model_validator(mode="after")
    def _ids(self) -> Term:
        if self.id in RESERVED_IDS or self.id.startswith(CATEGORY_ANCHOR_PREFIX):
            raise ValueError(
                f"id {self.id!r} is reserved for the glossary page itself"
                f" ({', '.join(sorted(RESERVED_IDS))}, {CATEGORY_ANCHOR_PREFIX}…)"
            )
        if self.id in self.related:
            raise ValueError("'related' must not list the term itself")
        if len(set(self.related)) != len(self.related):
            raise ValueError("'related' lists an id twice")
        return self

    def text(self, lang: str) -> TermText:
        return getattr(self, lang)


@dataclass(frozen=True)
class Glossary:
    """Validated contents of glossary.yml, in file order."""

    terms: tuple[Term, ...]
    path: str  # display path used in messages

    @functools.cached_property
    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    def in_category(self, category: str) -> list[Term]:
        return [t for t in self.terms if t.category == category]

    def abbreviations(self, lang: str) -> dict[str, str]:
        """``{abbreviation: expansion}`` for one language."""
        texts = [t.text(lang) for t in self.terms]
        return {text.abbr: text.expansion for text in texts if text.abbr and text.expansion}


class GlossaryFile(Strict):
    terms: list[Any]  # validated item by item


# --------------------------------------------------------------------------------------------
# Rules across records
# --------------------------------------------------------------------------------------------


def _cross_record_findings(terms: dict[int, Term], seq: yaml.Node | None, all_ids: set[str],
                           display: str) -> list[Finding]:
    out: list[Finding] = []
    # Names (term, abbreviation, aliases) must not repeat across records, per language.
    for lang in LANGUAGES:
        owner: dict[str, tuple[str, str, int]] = {}
        for index, term in terms.items():
            for name, loc in term.text(lang).named_fields():
                key = normalize_name(name)
                line = line_of(seq, [index, lang, *loc])
                if key in owner and owner[key][0] != term.id:
                    other, other_name, other_line = owner[key]
                    out.append(Finding(display, line, "term", term.id, f"{lang}.{loc[0]}",
                                       f"{lang} name {name!r} is already used by term '{other}'"
                                       f" ({other_name!r}, line {other_line}); every name must point to one term"))
                else:
                    owner.setdefault(key, (term.id, name, line))
    for index, term in terms.items():
        for rel in term.related:
            if rel not in all_ids:
                out.append(Finding(display, line_of(seq, [index, "related"]), "term", term.id, "related",
                                   f"unknown term id '{rel}'"))
        for lang in LANGUAGES:
            for anchor in ANCHOR_LINK.findall(term.text(lang).full):
                if anchor not in all_ids:
                    out.append(Finding(display, line_of(seq, [index, lang, "full"]), "term", term.id, f"{lang}.full",
                                       f"link to '#{anchor}': no term has this id"))
    return out


# --------------------------------------------------------------------------------------------
# Public loader
# --------------------------------------------------------------------------------------------


def read_glossary(path: str | Path, display: str | None = None) -> tuple[Any, yaml.Node | None]:
    """The one parse of glossary.yml: its data and node tree (for :func:`validate_glossary` and for
    readers that need the lines, like the validator's term matcher). A syntax error or a repeated
    key raises :class:`SchemaError`."""
    return datafile.load_file(path, display, KINDS)


def load_glossary(path: str | Path, display: str | None = None) -> Glossary:
    """Load and validate glossary.yml; raise :class:`SchemaError` listing every problem."""
    display = display_path(path, display)
    return validate_glossary(*read_glossary(path, display), display)


def validate_glossary(data: Any, node: yaml.Node | None, display: str) -> Glossary:
    """The model of parsed glossary data (:func:`read_glossary`); :class:`SchemaError` lists
    every problem with its line."""
    raw = datafile.validate(GlossaryFile, data, node, display, KINDS).terms
    seq = child(node, "terms")
    terms, findings = datafile.items(Term, raw, seq, display, "term", required="terms")
    all_ids = {t["id"] for t in raw if isinstance(t, dict) and isinstance(t.get("id"), str)}
    findings += _cross_record_findings(terms, seq, all_ids, display)
    datafile.check(findings)
    return Glossary(terms=tuple(terms.values()), path=display)


#: :func:`load_glossary`, re-read only when the file changes (the hooks call it per page).
load_glossary_cached = datafile.cached(load_glossary)


# --------------------------------------------------------------------------------------------
# The glossary page (markup: overrides/partials/glossary.html)
# --------------------------------------------------------------------------------------------


def _index_letter(text: str) -> str:
    first = text.lstrip("«“\"'(")[:1].upper()
    return "Е" if first == "Ё" else (first if first.isalpha() else "0–9")


def page_view(glossary: Glossary, lang: str) -> dict[str, Any]:
    """What ``partials/glossary.html`` shows in one language: categories with their terms in file
    order, and an alphabetical index (one line per initial letter, Latin before Cyrillic)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for term in sorted(glossary.terms, key=lambda t: normalize_name(t.text(lang).term)):
        index.setdefault(_index_letter(term.text(lang).term), []).append((term.text(lang).term, term.id))

    def term_view(term: Term) -> dict[str, Any]:
        text = term.text(lang)
        shown = {normalize_name(n) for n in (text.term, text.abbr, text.expansion) if n}
        expansion = text.expansion if text.abbr and text.expansion and (
            normalize_name(text.expansion) != normalize_name(text.term)) else None
        return {
            "id": term.id, "heading": text.heading(), "expansion": expansion, "full": text.full,
            "aliases": [a for a in text.aliases if normalize_name(a) not in shown],
            "related": [{"id": r, "term": glossary.by_id[r].text(lang).term} for r in term.related],
        }

    categories = [
        {"label": UI[lang]["category"][c], "anchor": ids.category_anchor(c),
         "terms": [term_view(t) for t in glossary.in_category(c)]}
        for c in CATEGORIES if glossary.in_category(c)
    ]
    return {"ui": UI[lang], "categories": categories, "index": list(index.items())}
