"""The recruiters' vacancy builder: its settings file, the job description's clauses as data, and
the JSON the builder's script reads (``overrides/hooks/workflows.py`` renders it into the page).

Nothing here is written twice: duty and requirement texts are the job description's own clauses
(``handbook.job_description``, docs/data/job-description.yml), the levels and their duties are ``docs/data/career.yml``, URLs are
:func:`handbook.site.page_url` under ``site_url``, clause numbers :func:`handbook.site.clause_number`.
``docs/data/vacancy.yml`` holds only the builder's labels and the fixed lines of the vacancy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from handbook.datafile import Finding, SchemaError, line_of, load_file
from handbook.site import clause_number, page_url


class DataError(SchemaError):
    """docs/data/vacancy.yml is unreadable or does not match the model."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Ui(_Strict):
    title: str
    intro: str
    level: str
    core_duties: str
    optional_duties: str
    requirements: str
    level_hint: str
    skills: str
    output: str
    copy_text: str
    copy_link: str
    download_txt: str
    download_md: str
    copied: str
    link_copied: str
    copy_failed: str
    downloaded: str
    file_name: str


class Text(_Strict):
    title: str
    about_heading: str
    about: str
    duties_heading: str
    clause_ref: str
    duties_link: str
    level_link: str
    matrix_link: str
    requirements_heading: str
    knowledge_lead: str
    experience: str
    cases: str
    skills_lead: str
    terms_heading: str
    salary: str
    reports_to: str
    team: str
    format: str
    contract: str
    salaries_link: str
    glossary_link: str
    onboarding_link: str
    apply: str


class Language(_Strict):
    reports_to: dict[str, str]
    ui: Ui
    text: Text

    @model_validator(mode="after")
    def _has_default_manager(self) -> Language:
        if "*" not in self.reports_to:
            raise ValueError("reports_to needs a '*' entry (the manager for every other level)")
        return self


class VacancyFile(_Strict):
    schema_version: int
    levels: list[str]
    default_level: str
    ru: Language
    en: Language

    @model_validator(mode="after")
    def _default_is_listed(self) -> VacancyFile:
        if self.default_level not in self.levels:
            raise ValueError(f"default_level '{self.default_level}' is not in levels")
        return self

    def language(self, lang: str) -> Language:
        return getattr(self, lang)


def load_vacancy(path, display: str | None = None, level_ids: set[str] | None = None) -> VacancyFile:
    """Read and validate vacancy.yml; every problem is one line with file and line number.
    ``level_ids``: the ids career.yml defines (each listed level must be one of them)."""
    display = display or str(path)
    try:
        data, node = load_file(path, display)
    except SchemaError as exc:
        raise DataError(exc.findings) from None
    try:
        model = VacancyFile.model_validate(data)
    except ValidationError as exc:
        findings = []
        for err in exc.errors():
            loc = [part for part in err["loc"] if not isinstance(part, str) or not part.startswith("function-")]
            field = ".".join(str(p) for p in loc) or None
            findings.append(Finding(display, line_of(node, loc), "file", None, field, err["msg"]))
        raise DataError(findings) from None
    unknown = [lvl for lvl in model.levels if level_ids is not None and lvl not in level_ids]
    if unknown:
        raise DataError([Finding(display, line_of(node, ["levels"]), "file", None, "levels",
                                 f"not a level of docs/data/career.yml: {', '.join(unknown)}")])
    return model


# --- the job description's clauses, from its model ---------------------------------------------

@dataclass(frozen=True)
class Clause:
    id: str
    text: str                 # the clause's sentence, without its number, as plain text
    items: tuple[str, ...]    # list items under it (clause 1.6), plain text


def clauses_for(model, lang: str) -> dict[str, Clause]:
    """Every clause of the job description (``handbook.job_description``) in one language, in order."""
    return {c.id: Clause(c.id, c.plain(lang), tuple(c.items(lang))) for c in model.clauses}


# --- the builder's data -----------------------------------------------------------------------------

CORE = re.compile(r"^p-2-\d+$")
OPTIONAL = re.compile(r"^ext-\d+$")
EDUCATION, KNOWLEDGE = "p-1-5", "p-1-6"


def builder_data(vacancy: VacancyFile, career, clauses: dict[str, Clause], lang: str, root: str,
                 matrix: bool) -> dict[str, Any]:
    """What the builder's script needs for one language, as plain JSON-able data.

    ``career``: handbook's CareerData (career.yml); ``root``: site_url ending in ``/``;
    ``matrix``: whether the competency matrix page (competencies.md) is in this build.
    """
    missing = [cid for cid in (EDUCATION, KNOWLEDGE) if cid not in clauses]
    if missing or not any(CORE.match(c) for c in clauses):
        raise ValueError(f"the job description lacks clauses the builder needs: {', '.join(missing) or 'p-2-*'}")
    language = vacancy.language(lang)

    def clause(cid: str) -> dict[str, Any]:
        return {"id": cid, "number": clause_number(cid, lang), "text": clauses[cid].text,
                "url": page_url("job-instruction", lang, cid, root)}

    levels, duties_so_far = [], []
    for level in career.levels:  # cumulative: each level keeps the duties of the levels below
        duties_so_far += [d for d in level.duties if d not in duties_so_far]
        if level.id not in vacancy.levels:
            continue
        below = career.levels[career.levels.index(level) - 1] if career.levels.index(level) else None
        levels.append({
            "id": level.id,
            "title": level.title.get(lang),
            "url": page_url("career", lang, level.anchor, root),
            "matrix_url": page_url("competencies", lang, level.anchor, root) if matrix else None,
            "duties": [d for d in duties_so_far if d in clauses],
            # what the level below learns next is what this level is expected to know
            "skills": list(below.learn_next.get(lang)) if below else [],
            "manager": language.reports_to.get(level.id, language.reports_to["*"]),
        })
    order = {lvl: i for i, lvl in enumerate(vacancy.levels)}
    levels.sort(key=lambda lvl: order[lvl["id"]])
    knowledge = clause(KNOWLEDGE)
    knowledge["items"] = [{"id": f"{KNOWLEDGE}-{i}", "text": text}
                          for i, text in enumerate(clauses[KNOWLEDGE].items, start=1)]
    return {
        "lang": lang,
        "default_level": vacancy.default_level,
        "levels": levels,
        "core": [clause(cid) for cid in clauses if CORE.match(cid)],
        "optional": [clause(cid) for cid in clauses if OPTIONAL.match(cid)],
        "education": clause(EDUCATION),
        "knowledge": knowledge,
        "links": {
            "job_description": page_url("job-instruction", lang, None, root),
            "salaries": page_url("career", lang, "salaries", root),
            "glossary": page_url("glossary", lang, None, root),
            "onboarding": page_url("onboarding", lang, None, root),
        },
        "ui": language.ui.model_dump(),
        "text": language.text.model_dump(),
    }


def script_json(data) -> Markup:
    """JSON safe inside ``<script type="application/json">`` (no ``<``, ``>``, ``&``, ``'`` as
    such), with Cyrillic kept as UTF-8: Jinja's ``tojson`` writes every letter as ``\\uXXXX``,
    which made the Russian page's HTML 3 KB heavier after gzip."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, code)
    return Markup(text)
