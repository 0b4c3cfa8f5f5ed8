"""Compare levels and the self-assessment: their words and the data their pages show.

- ``docs/data/levels.yml``: the interface words (per language) of compare levels
  (``docs/levels.*.md``), the self-assessment (``docs/self-assessment.*.md``), saving to and loading
  from a file, and the checklist bar. Validated here; a problem is one ``file:line`` finding.
- :func:`view`: one language's levels, competencies and cells (``docs/data/competencies.yml``
  through :mod:`handbook.competencies`) and the job description clauses each step of the career
  ladder adds (``docs/data/career.yml`` level duties, with the matrix's clause mapping). Nothing is
  written twice: texts are the matrix's and career.yml's own, links are the cells' permanent ids.

``overrides/hooks/levels.py`` renders it (``overrides/partials/levels/``) and passes it to the
page scripts as JSON.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from handbook import datafile, typography
from handbook.datafile import Finding, Strict, display_path, line_of
from handbook.site import clause_number, languages

LANGS = languages().codes

#: The format of saved files (self-assessment, checklist). A page refuses files of a higher one.
FILE_VERSION = 1
NONE = "none"  # the self-assessment's "below the first level"


class CompareUi(Strict):
    form: str
    lower_label: str
    upper_label: str
    same: str
    step: str
    before: str
    after: str
    adds: str
    signals: str
    evidence: str
    clause_needs: str
    clauses: str
    clause_relies: str
    no_clauses: str
    shown: str
    career_link: str


class AssessUi(Strict):
    form: str
    nojs: str
    none: str
    target: str
    no_target: str
    result: str
    competency: str
    level: str
    gap: str
    not_rated: str
    reached: str
    gap_one: str
    gap_few: str
    to_show: str
    evidence: str
    summary: str
    summary_target: str
    chart: str
    chart_desc: str
    scale_none: str
    clear: str
    cleared: str
    file_name: str


class FileUi(Strict):
    save: str
    load: str
    saved: str
    loaded: str
    malformed: str
    other_page: str
    newer: str
    skipped: str


class ChecklistUi(Strict):
    progress: str
    reset: str
    file_name: str


class Language(Strict):
    compare: CompareUi
    assess: AssessUi
    file: FileUi
    checklist: ChecklistUi


class LevelsFile(Strict):
    schema_version: int
    ru: Language
    en: Language

    def language(self, lang: str) -> Language:
        return getattr(self, lang)


def load_ui(path, display: str | None = None) -> LevelsFile:
    """Read and validate levels.yml; every problem is one line with file and line number."""
    display = display_path(path, display)
    model, node = datafile.load(path, LevelsFile, display)
    datafile.check(placeholder_findings(model, node, display))
    return model


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholder_findings(model: LevelsFile, node, display: str) -> list[Finding]:
    """Every string names the same {placeholders} in every language: the scripts fill them by name,
    so one missing in a translation would show the reader a raw brace or lose a number."""
    findings = []
    first, *others = LANGS
    for part, words in model.language(first).model_dump().items():
        for key, text in words.items():
            want = sorted(set(PLACEHOLDER.findall(text)))
            for lang in others:
                have = sorted(set(PLACEHOLDER.findall(getattr(model.language(lang), part).model_dump()[key])))
                if have != want:
                    findings.append(Finding(display, line_of(node, [lang, part, key]), "file", None, f"{lang}.{part}.{key}",
                                            f"placeholders {have or 'none'} differ from {first}'s {want or 'none'}"))
    return findings


def ui(data: LevelsFile, lang: str, *parts: str) -> dict[str, str]:
    """The words of ``parts`` (``compare``, ``file``…) in one language, as one flat mapping."""
    language = data.language(lang)
    out: dict[str, str] = {}
    for part in parts:
        out.update(getattr(language, part).model_dump())
    return out


# --- what the pages show ---------------------------------------------------------------------------

Link = Callable[[str, str | None], str]  # (page, anchor) -> href from the page being built


def step_duties(kit, career) -> dict[str, list[str]]:
    """Matrix level id -> the clause ids career.yml adds on the way up to it from the matrix level
    below (career levels between two matrix levels count with the upper one)."""
    matrix = [level.id for level in kit.levels]
    out: dict[str, list[str]] = {level: [] for level in matrix}
    pending: list[str] = []
    for level in career.levels:
        pending += [d for d in level.duties if d not in pending]
        if level.id in out:
            out[level.id], pending = pending, []
    return out


def view(kit, career, lang: str, link: Link) -> dict[str, Any]:
    """One language's levels, competencies (with every cell) and the clauses of each step."""
    titles = {c.id: c.title[lang] for c in kit.competencies}
    levels = [{
        "id": level.id,
        "title": level.title[lang],
        "url": link("career", f"level-{level.id}"),
        "matrix_url": link("competencies", level.anchor),
    } for level in kit.levels]
    competencies = [{
        "id": comp.id,
        "title": comp.title[lang],
        "url": link("competencies", comp.id),
        "cells": {level.id: {
            "url": link("competencies", f"{comp.id}-{level.id}"),
            "expectation": cell.expectation[lang],
            "signals": list(cell.signals[lang]),
            "evidence": cell.evidence[lang],
        } for level, cell in kit.cells(comp)},
    } for comp in kit.competencies]
    clause = {}
    for level_duties in step_duties(kit, career).values():
        for cid in level_duties:
            needs = kit.clauses.get(cid, [])
            clause[cid] = {
                "id": cid,
                "number": clause_number(cid, lang),
                "label": career.duties[cid].get(lang),
                "url": link("job-instruction", cid),
                "competencies": needs,
                "relies": ", ".join(titles[c] for c in needs),
            }
    return {
        "lang": lang,
        "levels": levels,
        "competencies": competencies,
        "steps": {level: [clause[c] for c in duties] for level, duties in step_duties(kit, career).items()},
    }


def typeset(value: Any, lang: str) -> Any:
    """Every string of the page scripts' JSON with the site's no-break spaces (``handbook.typography``):
    the build's typography pass does not reach text a script writes into the page."""
    if isinstance(value, str):
        return typography.typeset(value, lang)
    if isinstance(value, dict):
        return {k: typeset(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [typeset(v, lang) for v in value]
    return value


def comparison(data: dict[str, Any], lower: str, upper: str) -> dict[str, Any]:
    """From ``view()``: two levels side by side, competency by competency, with what every level
    above ``lower`` up to ``upper`` adds and the clauses those steps bring. The page script
    computes the same for any pair the reader picks (docs/assets/javascripts/pages/compare-levels.js)."""
    ids = [level["id"] for level in data["levels"]]
    if ids.index(lower) >= ids.index(upper):
        raise ValueError(f"{lower} is not below {upper}")
    between = ids[ids.index(lower) + 1: ids.index(upper) + 1]
    by_id = {level["id"]: level for level in data["levels"]}
    clauses = [c for level in between for c in data["steps"][level]]
    rows = []
    for comp in data["competencies"]:
        rows.append({
            "competency": comp,
            "lower": comp["cells"][lower],
            "adds": [{"level": by_id[level], "cell": comp["cells"][level]} for level in between],
            "clauses": [c for c in clauses if comp["id"] in c["competencies"]],
        })
    return {"id": f"{lower}-{upper}", "lower": by_id[lower], "upper": by_id[upper], "rows": rows, "clauses": clauses}


def adjacent(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of the ladder: junior → marketer → senior → head."""
    ids = [level["id"] for level in data["levels"]]
    return [comparison(data, a, b) for a, b in zip(ids, ids[1:])]
