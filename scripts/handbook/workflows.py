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
from pydantic import model_validator

from handbook import datafile
from handbook.datafile import Finding, SchemaError, Strict, display_path, line_of
from handbook.records import Localized
from handbook.site import clause_number, page_url


class Ui(Strict):
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


class Text(Strict):
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


class Hire(Strict):
    """Labels and messages of the posting exports, the wording check and the hire's documents."""
    posting: str
    posting_hint: str
    job_title: str
    company: str
    company_placeholder: str
    about: str
    extra: str
    salary: str
    salary_from: str
    salary_to: str
    currency: str
    currency_names: dict[str, str]
    currency_units: dict[str, str]
    salary_line: str
    range_both: str
    range_from: str
    range_to: str
    format_line: str
    country: str
    tax: str
    gross: str
    net: str
    area: str
    area_none: str
    format: str
    format_names: dict[str, str]
    date_posted: str
    valid_through: str
    check_title: str
    check_ok: str
    check_found: str
    check_item: str
    check_fields: dict[str, str]
    law: str
    invalid_title: str
    need_salary: str
    salary_order: str
    salary_positive: str
    need_currency: str
    need_tax: str
    need_area: str
    need_format: str
    need_dates: str
    hh_json: str
    hh_description: str
    job_posting: str
    hh_copied: str
    export_warning: str
    file_hh: str
    file_job_posting: str
    documents: str
    documents_hint: str
    start_date: str
    with_scorecard: str
    print_jd: str
    docx_jd: str
    print_pack: str
    need_start: str
    loading: str
    failed: str
    printing: str
    file_jd: str
    jd_level: str
    jd_edition: str
    jd_note: str
    jd_note_none: str
    jd_note_item: str
    pack_title: str
    pack_start: str
    pack_jd: str
    pack_onboarding: str
    pack_matrix: str
    pack_review: str
    pack_scorecard: str
    review_lead: str
    review_start: str
    review_end: str
    review_notice: str
    review_meeting: str
    review_fields: list[str]


class Language(Strict):
    reports_to: dict[str, str]
    ui: Ui
    text: Text
    hire: Hire

    @model_validator(mode="after")
    def _has_default_manager(self) -> Language:
        if "*" not in self.reports_to:
            raise ValueError("reports_to needs a '*' entry (the manager for every other level)")
        return self


class Format(Strict):
    schedule: str        # hh.ru dictionary "schedule"
    work_format: str     # hh.ru dictionary "work_format"


class Area(Strict):
    id: str              # hh.ru area id (GET /areas)
    ru: str
    en: str


class Hh(Strict):
    """The hh.ru vacancy export's fixed ids (decisions/hire.md: the mapping and its sources)."""
    professional_role: str
    employment: str
    experience: dict[str, str]   # level id -> hh.ru "experience" id
    experience_months: dict[str, int]
    currencies: list[str]
    formats: dict[str, Format]   # office / hybrid / remote
    areas: list[Area]


class Documents(Strict):
    probation_months: int
    notice_days: int
    valid_days: int
    onboarding_skip: list[str]


class VacancyFile(Strict):
    schema_version: int
    levels: list[str]
    default_level: str
    hh: Hh
    documents: Documents
    ru: Language
    en: Language

    @model_validator(mode="after")
    def _default_is_listed(self) -> VacancyFile:
        if self.default_level not in self.levels:
            raise ValueError(f"default_level '{self.default_level}' is not in levels")
        for lang in ("ru", "en"):
            hire = getattr(self, lang).hire
            for name, keys, names in (("currency_names", self.hh.currencies, hire.currency_names),
                                      ("currency_units", self.hh.currencies, hire.currency_units),
                                      ("format_names", self.hh.formats, hire.format_names)):
                if set(keys) != set(names):
                    raise ValueError(f"{lang}.hire.{name} must name exactly: {', '.join(keys)}")
        return self

    def language(self, lang: str) -> Language:
        return getattr(self, lang)


def load_vacancy(path, display: str | None = None, level_ids: set[str] | None = None) -> VacancyFile:
    """Read and validate vacancy.yml; every problem is one line with file and line number.
    ``level_ids``: the ids career.yml defines (each listed level must be one of them)."""
    display = display_path(path, display)
    model, node = datafile.load(path, VacancyFile, display)
    unknown = [lvl for lvl in model.levels if level_ids is not None and lvl not in level_ids]
    if unknown:
        raise SchemaError([Finding(display, line_of(node, ["levels"]), "file", None, "levels",
                                 f"not a level of docs/data/career.yml: {', '.join(unknown)}")])
    missing = [lvl for lvl in model.levels if lvl not in model.hh.experience]
    if missing:
        raise SchemaError([Finding(display, line_of(node, ["hh", "experience"]), "file", None, "hh.experience",
                                 f"no hh.ru experience id for the levels: {', '.join(missing)}")])
    return model


# --- docs/data/wording.yml: the lawful-wording check's rules --------------------------------------

class WordingRule(Strict):
    id: str
    ground: Localized
    patterns: list[str]
    reason: Localized
    alternative: Localized

    @model_validator(mode="after")
    def _patterns_compile(self) -> WordingRule:
        for pattern in self.patterns:
            if "(?<" in pattern or "\\p{" in pattern or "\\b" in pattern:
                raise ValueError(f"no look-behind, \\p{{}} or \\b in patterns (the script anchors them): {pattern}")
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"not a regular expression ({exc}): {pattern}") from None
        return self


class WordingFile(Strict):
    schema_version: int
    rules: list[WordingRule]

    @model_validator(mode="after")
    def _unique_ids(self) -> WordingFile:
        ids = [rule.id for rule in self.rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"rule ids used twice: {', '.join(twice)}")
        return self


def load_wording(path, display: str | None = None) -> WordingFile:
    """Read and validate wording.yml; every problem is one line with file and line number."""
    return datafile.load(path, WordingFile, display, kinds={"rules": "rule"})[0]


def wording_data(wording: WordingFile, lang: str) -> list[dict[str, Any]]:
    """The rules as the script uses them: patterns, and the reason and alternative in ``lang``."""
    return [{"id": r.id, "patterns": r.patterns, "ground": getattr(r.ground, lang),
             "reason": getattr(r.reason, lang), "alternative": getattr(r.alternative, lang)}
            for r in wording.rules]


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
                 matrix: bool, wording: WordingFile | None = None,
                 local: dict[str, str] | None = None) -> dict[str, Any]:
    """What the builder's script needs for one language, as plain JSON-able data.

    ``career``: handbook's CareerData (career.yml); ``root``: site_url ending in ``/``;
    ``matrix``: whether the competency matrix page (competencies.md) is in this build;
    ``wording``: the lawful-wording rules; ``local``: URLs relative to the builder's page of what
    the hire's documents are put together from (the pages, the job description's .docx, the
    on-demand scripts), fetched from the reader's own copy of the site.
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
        "hire": language.hire.model_dump(),
        "hh": {**vacancy.hh.model_dump(exclude={"areas"}),
               "areas": [{"id": a.id, "name": getattr(a, lang)} for a in vacancy.hh.areas]},
        "documents": vacancy.documents.model_dump(),
        "wording": wording_data(wording, lang) if wording else [],
        "local": local or {},
    }


def script_json(data) -> Markup:
    """JSON safe inside ``<script type="application/json">`` (no ``<``, ``>``, ``&``, ``'`` as
    such), with Cyrillic kept as UTF-8: Jinja's ``tojson`` writes every letter as ``\\uXXXX``,
    which made the Russian page's HTML 3 KB heavier after gzip."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, code)
    return Markup(text)
