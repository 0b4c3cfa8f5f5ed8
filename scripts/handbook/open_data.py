"""The handbook's data, published: documented JSON under ``/data/v1/`` with a JSON Schema beside each
file, and the schema.org ``Occupation`` markup of the role pages.

What is published, the licence and the occupation codes are in ``docs/data/open-data.yml``; the
records come from the data files through their own loaders (``handbook.glossary``,
``handbook.career``, ``handbook.competencies``, ``handbook.salaries``, the house terms). Each
published file is one pydantic model (:data:`DOCUMENTS`): the build validates the document with it
before writing, and writes ``model_json_schema()`` beside it, so the file and its schema cannot
disagree. The hook ``overrides/hooks/open_data.py`` only wires this to MkDocs.

Layout of the built site::

    data/v1/index.json                      every file, its schema, its record count
    data/v1/<dataset>.json                  one dataset (ids: docs/data/open-data.yml)
    data/v1/schema/<dataset>.schema.json    its JSON Schema (draft 2020-12)
    data/v1/schema/index.schema.json

Versioning: every file says ``"schema_version": 1``. Within v1 fields are only added (optional
ones); renaming or removing a field, changing its type or an id's meaning makes ``/data/v2/``.

Check without a build: ``PYTHONPATH=scripts python -m handbook.open_data [OUT_DIR]`` (writes the
files to OUT_DIR when given; exit 1 on a data error, one ``file:line`` a problem).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, ValidationError

from handbook import career as career_model
from handbook import competencies as competency_model
from handbook import glossary as glossary_model
from handbook import job_description as jd_model
from handbook import salaries as salary_model
from handbook import datafile, house_terms, site
from handbook import sources as sources_model
from handbook.datafile import Finding, SchemaError, Strict, display_path, line_of
from handbook.house_terms import HouseTerm
from handbook.records import Localized, NonEmpty

VERSION = "v1"
SCHEMA_VERSION = 1
BASE = f"data/{VERSION}"
DATA_FILE = "data/open-data.yml"  # relative to docs_dir
PAGE = "open-data"  # the page that documents the data (docs/open-data.*.md)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATASET_ID = r"^[a-z]+(-[a-z]+)*$"

# --------------------------------------------------------------------------------------------
# docs/data/open-data.yml
# --------------------------------------------------------------------------------------------


Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")]


class Licence(Strict):
    """The licence line every published file carries."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.-]+$")] = Field(
        description="SPDX licence identifier")
    name: NonEmpty
    url: Url
    attribution: Localized = Field(description="how to credit the handbook when reusing the data")


class DatasetInfo(Strict):
    id: Annotated[str, StringConstraints(pattern=DATASET_ID)]
    title: Localized
    description: Localized


class Category(Strict):
    """One occupational classification code (ОКЗ, ISCO-08)."""

    scheme: NonEmpty
    code: Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
    name: Localized
    classifier: Localized  # the official classifier, cited as a reference work cites it
    url: Url | None = None


class Location(Strict):
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: Localized


class OccupationInfo(Strict):
    pages: list[NonEmpty] = Field(min_length=1)
    name: Localized
    description: Localized
    location: Location
    categories: list[Category] = Field(min_length=1)


class Settings(Strict):
    schema_version: Literal[1]
    title: Localized
    licence: Licence
    datasets: list[DatasetInfo] = Field(min_length=1)
    occupation: OccupationInfo
    ui: dict[str, dict[str, NonEmpty]]


def load_settings(path: Path, display: str | None = None) -> Settings:
    """open-data.yml, validated; a problem is a :class:`SchemaError` with one ``file:line`` line each."""
    display = display_path(path, display)
    settings, node = datafile.load(path, Settings, display, kinds={"datasets": "dataset"})
    ids = [(d.id, line_of(node, ["datasets", n, "id"])) for n, d in enumerate(settings.datasets)]
    findings = datafile.duplicates(display, "dataset", ids)
    findings += [Finding(display, line, "dataset", ident, "id", f"no builder for this dataset (known: {', '.join(BUILDERS)})")
                 for ident, line in ids if ident not in BUILDERS]
    for lang in site.languages().codes:
        if lang not in settings.ui:
            findings.append(Finding(display, line_of(node, ["ui"]), "file", None, "ui", f"no strings for language '{lang}'"))
    datafile.check(findings)
    return settings


# --------------------------------------------------------------------------------------------
# The published documents
# --------------------------------------------------------------------------------------------


class Links(Strict):
    """A record's URL on the site, per language (its permanent id is the anchor)."""

    ru: Url
    en: Url


class Document(Strict):
    """What every published file starts with."""

    schema_version: Literal[1] = Field(description="1 for every file under /data/v1/; a breaking change makes /data/v2/")
    dataset: NonEmpty = Field(description="the file's permanent id: /data/v1/<dataset>.json")
    title: Localized
    description: Localized
    licence: Licence
    source_files: list[NonEmpty] = Field(description="the handbook's data files this one is built from")
    documentation: Links = Field(description="URL of the page that documents the data, per language")


class EditionInfo(Strict):
    """The job description's edition («редакция от …» / "edition of …")."""

    number: int = Field(ge=1)
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


# clauses ------------------------------------------------------------------------------------


class LocalizedList(Strict):
    ru: list[NonEmpty]
    en: list[NonEmpty]


class ClauseRecord(Strict):
    """One clause of the job description. Its id is its permanent anchor on the job description page."""

    id: NonEmpty
    section: NonEmpty
    optional: bool = Field(description="an extended duty (Д.n / E.n) the employer may choose")
    number: Localized
    markdown: Localized = Field(description="the text as editors write it (Markdown; links relative to the site's docs)")
    plain: Localized = Field(description="the first paragraph as plain text, without the number")
    items: LocalizedList = Field(description="the clause's list items as plain text (clause 1.6), else empty")
    changed_in: int | None = Field(description="the edition whose record holds this wording")
    digest: NonEmpty = Field(description="digest of both languages' text (recorded per edition)")
    url: Links


class ClauseSection(Strict):
    id: NonEmpty
    number: str | None
    optional: bool
    title: Localized
    lead: Localized | None
    clauses: list[NonEmpty] = Field(description="clause ids of this section, in order")
    url: Links


class ClauseBlocks(jd_model.Blocks):
    pass  # the data file's blocks under their published name (the schema's $defs key)


class ClausesDocument(Document):
    """/data/v1/clauses.json: the job description, one record per clause (docs/data/job-description.yml)."""

    edition: EditionInfo
    editions: list[EditionInfo] = Field(description="every recorded edition, oldest first")
    sections: list[ClauseSection]
    clauses: list[ClauseRecord]
    blocks: ClauseBlocks


# glossary ----------------------------------------------------------------------------------


class GlossaryCategory(Strict):
    id: Literal[glossary_model.CATEGORIES]  # type: ignore[valid-type]
    title: Localized


class GlossaryTerm(glossary_model.Term):
    """One glossary term in both languages, with its URL on the glossary page."""

    url: Links


class GlossaryDocument(Document):
    """/data/v1/glossary.json: the glossary's terms (docs/data/glossary.yml); a term's id is its anchor on the glossary page."""

    categories: list[GlossaryCategory]
    terms: list[GlossaryTerm]


# sources ------------------------------------------------------------------------------------


class SourceRecord(sources_model.Source):
    """One work the handbook takes facts or figures from (docs/data/sources.yml). Pages cite it by id;
    its entry on the home page is #source-<id>."""

    seed: None = Field(default=None, exclude=True)  # the editors' own file code, never published
    entry: Links = Field(description="the source's entry in the handbook's list of sources, per language")


class SourcesDocument(Document):
    """/data/v1/sources.json: the register of the sources the handbook's pages and data cite."""

    sources: list[SourceRecord]


# career -------------------------------------------------------------------------------------


class CareerDuty(Strict):
    clause: NonEmpty = Field(description="job description clause id (p-2-1 … p-2-7, ext-1 … ext-15)")
    number: Localized
    label: Localized


class CareerLevel(career_model.Level):
    """One step of the career ladder, with its URL on the career page."""

    url: Links


class CareerDocument(Document):
    """/data/v1/career-levels.json: the career ladder (docs/data/career.yml); a level's anchor is level-<id>."""

    edition: EditionInfo = Field(description="the job description edition the levels' duty clauses refer to")
    levels: list[CareerLevel]
    duties: list[CareerDuty]
    sources: list[SourceRecord] = Field(description="the registry records the levels cite (their 'sources' ids)")


# competencies --------------------------------------------------------------------------------

Text = dict[str, NonEmpty]  # language -> text, as in competencies.yml


class MatrixLevel(Strict):
    id: NonEmpty
    title: Text
    indicators: list[competency_model.Indicator]
    url: Links


class MatrixCell(competency_model.Cell):
    """What a competency looks like at one level."""

    id: NonEmpty = Field(description="<competency>-<level>, the cell's anchor on the matrix page")
    url: Links


class MatrixCompetency(Strict):
    id: NonEmpty
    title: Text
    summary: Text
    cells: list[MatrixCell]
    clauses: list[NonEmpty] = Field(description="clause ids that rely on this competency, in job description order")
    url: Links


class ClauseMapping(Strict):
    clause: NonEmpty
    number: Localized
    competencies: list[NonEmpty]
    url: Links


class CompetenciesDocument(Document):
    """/data/v1/competencies.json: competencies × levels and the job description clauses that rely on each (docs/data/competencies.yml)."""

    edition: EditionInfo = Field(description="the job description edition the clause mapping refers to")
    levels: list[MatrixLevel]
    competencies: list[MatrixCompetency]
    clauses: list[ClauseMapping]
    criteria: list[competency_model.Criterion]


# salaries -----------------------------------------------------------------------------------

Era = Literal["current", "history"]


class SalaryRecord(salary_model.SalaryRow):
    """One published pay figure; era: 'current' when dated on or after current_from, else 'history'."""

    era: Era


class FactRecord(salary_model.Fact):
    """A market figure that is not pay (a count of vacancies), with its era."""

    era: Era


class SalariesDocument(Document):
    """/data/v1/salaries.json: every pay figure as its source states it, with full provenance (docs/data/salaries.yml):
    each row's source.ref is the id of a record in this file's sources (and in sources.json)."""

    current_from: NonEmpty = Field(description="figures dated on or after this are 'current', the rest 'history'")
    notes: list[NonEmpty]
    rows: list[SalaryRecord]
    facts: list[FactRecord]
    sources: list[SourceRecord] = Field(description="the registry records the rows and facts cite")


# house terms --------------------------------------------------------------------------------
# a term is the file's own model (handbook.house_terms.HouseTerm), so the file and /data/v1/ cannot disagree


class HouseTermsDocument(Document):
    """/data/v1/house-terms.json: the term the handbook uses per language and the variants it avoids (docs/data/house-terms.yml)."""

    spelling: dict[str, Literal["british", "american"]]
    terms: list[HouseTerm]


# index ----------------------------------------------------------------------------------------


class IndexEntry(Strict):
    dataset: NonEmpty
    title: Localized
    description: Localized
    path: NonEmpty = Field(description="relative to /data/v1/")
    url: Url
    schema_path: NonEmpty
    schema_url: Url
    records: int = Field(ge=0)


class IndexDocument(Strict):
    """/data/v1/index.json: every published file with its schema."""

    schema_version: Literal[1]
    title: Localized
    licence: Licence
    documentation: Links
    files: list[IndexEntry]


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    docs_dir: Path
    root: str  # the site's absolute root URL, with a trailing slash

    def links(self, page: str, anchor: str | None = None) -> dict[str, str]:
        return {lang: site.page_url(page, lang, anchor, root=self.root) for lang in site.languages().codes}


def _edition(number: int, date) -> dict[str, Any]:
    return {"number": number, "date": date.isoformat()}


def _current_edition(ctx: Context) -> dict[str, Any]:
    edition = jd_model.load_for_build(ctx.docs_dir).edition
    return _edition(edition.number, edition.date)


def _numbers(clause: str) -> dict[str, str]:
    return {lang: site.clause_number(clause, lang) for lang in site.languages().codes}


def _source(ctx: Context, source: sources_model.Source) -> dict[str, Any]:
    return {**source.model_dump(mode="json", exclude={"seed"}), "entry": ctx.links("index", source.anchor())}


# Each builder returns its dataset's own fields; :func:`build` adds the envelope (:class:`Document`).

def _clauses(ctx: Context) -> dict[str, Any]:
    model = jd_model.load_for_build(ctx.docs_dir)
    langs = site.languages().codes
    return {
        "edition": _current_edition(ctx),
        "editions": [_edition(e.number, e.date) for e in model.editions],
        "sections": [{
            "id": sec.id, "number": sec.number, "optional": sec.optional, "title": sec.title.model_dump(),
            "lead": sec.lead.model_dump() if sec.lead else None, "clauses": [c.id for c in sec.clauses],
            "url": ctx.links(jd_model.PAGE, sec.id),
        } for sec in model.sections],
        "clauses": [{
            "id": c.id, "section": c.section, "optional": c.optional, "number": _numbers(c.id),
            "markdown": c.text.model_dump(), "plain": {lang: c.plain(lang) for lang in langs},
            "items": {lang: c.items(lang) for lang in langs}, "changed_in": c.changed_in, "digest": c.digest,
            "url": ctx.links(jd_model.PAGE, c.id),
        } for c in model.clauses],
        "blocks": model.blocks.model_dump(),
    }


def _glossary(ctx: Context) -> dict[str, Any]:
    data = glossary_model.load_glossary_cached(ctx.docs_dir / "data/glossary.yml", "docs/data/glossary.yml")
    ui = glossary_model.UI
    return {"categories": [{"id": c, "title": {lang: ui[lang]["category"][c] for lang in ui}} for c in glossary_model.CATEGORIES],
            "terms": [{**t.model_dump(), "url": ctx.links("glossary", t.id)} for t in data.terms]}


def _career(ctx: Context) -> dict[str, Any]:
    data = career_model.load_career(ctx.docs_dir / "data/career.yml", "docs/data/career.yml")
    cited = {ident for level in data.levels for ident in level.sources}
    return {"edition": _current_edition(ctx),
            "levels": [{**lv.model_dump(), "url": ctx.links("career", lv.anchor)} for lv in data.levels],
            "duties": [{"clause": k, "number": _numbers(k), "label": v.model_dump()} for k, v in data.duties.items()],
            "sources": [_source(ctx, src) for src in data.sources.sources if src.id in cited]}


def _competencies(ctx: Context) -> dict[str, Any]:
    kit = competency_model.load(ctx.docs_dir)
    return {
        "edition": _current_edition(ctx),
        "levels": [{"id": lv.id, "title": lv.title, "indicators": [i.model_dump() for i in lv.indicators],
                    "url": ctx.links("competencies", lv.anchor)} for lv in kit.levels],
        "competencies": [{
            "id": c.id, "title": c.title, "summary": c.summary, "clauses": kit.clauses_of(c.id),
            "url": ctx.links("competencies", c.id),
            "cells": [{**cell.model_dump(), "id": competency_model.cell_id(c.id, level.id),
                       "url": ctx.links("competencies", competency_model.cell_id(c.id, level.id))}
                      for level, cell in kit.cells(c)],
        } for c in kit.competencies],
        "clauses": [{"clause": k, "number": _numbers(k), "competencies": v, "url": ctx.links("job-instruction", k)}
                    for k, v in kit.clauses.items()],
        "criteria": [c.model_dump() for c in kit.criteria],
    }


def _sources(ctx: Context) -> dict[str, Any]:
    registry = sources_model.load_sources(ctx.docs_dir / sources_model.DATA_FILE, f"docs/{sources_model.DATA_FILE}")
    return {"sources": [_source(ctx, src) for src in registry.sources]}


def _salaries(ctx: Context) -> dict[str, Any]:
    data = salary_model.load_salaries(ctx.docs_dir / "data/salaries.yml", "docs/data/salaries.yml")
    legacy = json.loads(salary_model.to_json(data))  # the notes of /data/salaries.json, said once

    def dump(item) -> dict[str, Any]:
        return {**item.model_dump(mode="json", by_alias=True), "era": salary_model.era(item, data)}

    cited = {item.source.ref for item in (*data.rows, *data.facts)}
    return {"current_from": data.current_from, "notes": legacy["notes"], "rows": [dump(r) for r in data.rows],
            "facts": [dump(f) for f in data.facts],
            "sources": [_source(ctx, src) for src in data.sources.sources if src.id in cited]}


def _house_terms(ctx: Context) -> dict[str, Any]:
    """The file's one schema (handbook.house_terms) is the validator's too; a broken file stops the
    build with file:line. ``synonyms`` (per language, optional) are the words readers search with (handbook.search)."""
    terms, _ = house_terms.load(ctx.docs_dir / house_terms.DATA_FILE, f"docs/{house_terms.DATA_FILE}")
    return {"spelling": dict(terms.spelling), "terms": [t.model_dump(exclude_none=True) for t in terms.terms]}


@dataclass(frozen=True)
class Dataset:
    """How one published file is made."""

    model: type[Document]
    fields: Callable[[Context], dict[str, Any]]
    sources: tuple[str, ...]  # the data files it is built from, relative to docs_dir
    records: tuple[str, ...]  # the lists whose items the index counts as its records


JD, JD_EDITIONS = "data/job-description.yml", "data/job-description-editions.yml"
#: dataset id -> how its file is made
DOCUMENTS: dict[str, Dataset] = {
    "clauses": Dataset(ClausesDocument, _clauses, (JD, JD_EDITIONS), ("clauses",)),
    "competencies": Dataset(CompetenciesDocument, _competencies, ("data/competencies.yml", "data/career.yml", JD),
                            ("competencies",)),
    "career-levels": Dataset(CareerDocument, _career, ("data/career.yml", JD), ("levels",)),
    "glossary": Dataset(GlossaryDocument, _glossary, ("data/glossary.yml",), ("terms",)),
    "salaries": Dataset(SalariesDocument, _salaries, ("data/salaries.yml", sources_model.DATA_FILE), ("rows", "facts")),
    "house-terms": Dataset(HouseTermsDocument, _house_terms, (house_terms.DATA_FILE,), ("terms",)),
    "sources": Dataset(SourcesDocument, _sources, (sources_model.DATA_FILE,), ("sources",)),
}
BUILDERS = DOCUMENTS


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def json_schema(model: type[BaseModel], url: str) -> dict[str, Any]:
    """The model's JSON Schema (what ``model_dump(mode="json")`` writes), with ``$schema`` and ``$id``."""
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": url, **schema}


class PublishError(ValueError):
    """A built document does not match its own model (a bug in a builder, not in the data)."""


def build(docs_dir: Path, root: str, settings: Settings | None = None) -> dict[str, str]:
    """Every file under ``data/v1/`` (site-relative path -> text). Raises :class:`SchemaError` on bad
    input data and :class:`PublishError` when a document fails its own model."""
    root = root if root.endswith("/") else root + "/"
    settings = settings or load_settings(docs_dir / DATA_FILE, f"docs/{DATA_FILE}")
    ctx = Context(Path(docs_dir), root)
    out: dict[str, str] = {}
    entries = []
    for info in settings.datasets:
        dataset = DOCUMENTS[info.id]
        fields = dataset.fields(ctx)
        raw = {"schema_version": SCHEMA_VERSION, "dataset": info.id, "title": info.title.model_dump(),
               "description": info.description.model_dump(), "licence": settings.licence.model_dump(),
               "source_files": [f"docs/{s}" for s in dataset.sources], "documentation": ctx.links(PAGE), **fields}
        count = sum(len(fields[key]) for key in dataset.records)
        model = dataset.model
        try:
            document = model.model_validate_json(json.dumps(raw))
        except ValidationError as exc:
            raise PublishError(f"{BASE}/{info.id}.json does not match {model.__name__}:\n{exc}") from None
        path, schema_path = f"{info.id}.json", f"schema/{info.id}.schema.json"
        out[f"{BASE}/{path}"] = dumps(document.model_dump(mode="json", by_alias=True))
        out[f"{BASE}/{schema_path}"] = dumps(json_schema(model, root + f"{BASE}/{schema_path}"))
        entries.append({"dataset": info.id, "title": info.title, "description": info.description,
                        "path": path, "url": root + f"{BASE}/{path}", "schema_path": schema_path,
                        "schema_url": root + f"{BASE}/{schema_path}", "records": count})
    index = {"schema_version": SCHEMA_VERSION, "title": settings.title, "licence": settings.licence,
             "documentation": ctx.links(PAGE), "files": entries}
    index = IndexDocument.model_validate_json(json.dumps(index, default=lambda m: m.model_dump()))
    out[f"{BASE}/index.json"] = dumps(index.model_dump(mode="json"))
    out[f"{BASE}/schema/index.schema.json"] = dumps(json_schema(IndexDocument, root + f"{BASE}/schema/index.schema.json"))
    return out


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        files = build(site.ROOT / "docs", "https://handbook.example.org/")
    except SchemaError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args:
        for rel, text in files.items():
            target = Path(args[0]) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    print(f"ok: {len(files)} files under /{BASE}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
