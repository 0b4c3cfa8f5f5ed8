"""The competency matrix and the interview kit: models, loader and cross-checks.

Data: ``docs/data/competencies.yml`` (competencies × levels, clause mapping, evaluation criteria)
and ``docs/data/interview.yml`` (scale, questions, assignment, hiring stages). Both are checked
against what they refer to:

- levels against ``docs/data/career.yml`` (ids, order);
- clause ids against the job description's clauses (``docs/data/job-description.yml``),
  and every duty clause there (2.x, optional ext-*) must be mapped;
- metrics against the glossary's term ids (``docs/data/glossary.yml``);
- competency ids in the mapping, criteria and interview against ``competencies:``.

Every problem is one :class:`handbook.datafile.Finding` (``file:line: …``); they are raised
together as :class:`SchemaError`. Check without a build::

    PYTHONPATH=scripts python -m handbook.competencies     # exit 0 ok, 1 findings, 2 unreadable
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

from handbook import career as career_model, datafile, glossary
from handbook.datafile import Finding, SchemaError, Strict, display_path, line_of, load_file
from handbook.ids import cell_id, level_anchor  # noqa: F401  (cell_id: the templates' too)
from handbook.records import NonEmpty as Str
from handbook.site import ROOT, languages

LANGS = languages().codes
ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
DUTY = re.compile(r"^(?:p-2-\d+|ext-\d+)$")

Id = Annotated[str, StringConstraints(pattern=ID)]


def _all_languages(value: dict) -> dict:
    missing = [lang for lang in LANGS if lang not in value]
    extra = [lang for lang in value if lang not in LANGS]
    if missing or extra:
        raise ValueError(f"needs exactly the languages {', '.join(LANGS)}"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(extra)}" if extra else ""))
    return value


def _same_length(value: dict) -> dict:
    lengths = {lang: len(items) for lang, items in value.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"the languages must list the same number of items (have {lengths})")
    return value


Text = Annotated[dict[str, Str], AfterValidator(_all_languages)]
Signals = Annotated[dict[str, Annotated[list[Str], Field(min_length=2, max_length=4)]],
                    AfterValidator(_all_languages), AfterValidator(_same_length)]
Items = Annotated[dict[str, Annotated[list[Str], Field(min_length=1)]],
                  AfterValidator(_all_languages), AfterValidator(_same_length)]


class Indicator(Strict):
    metric: Id
    reading: Text


class LevelEntry(Strict):
    id: Id
    indicators: list[Indicator] = Field(min_length=1)


class Cell(Strict):
    level: Id
    expectation: Text
    signals: Signals
    evidence: Text


class Competency(Strict):
    id: Id
    title: Text
    summary: Text
    cells: list[Cell] = Field(min_length=1)


class Criterion(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^crit-\d+$")]
    metrics: list[Id]
    text: Text


class MatrixFile(Strict):
    schema_version: int = Field(ge=1, le=1)
    levels: list[LevelEntry] = Field(min_length=1)
    competencies: list[Competency] = Field(min_length=1)
    clauses: dict[str, list[Id]]
    criteria: list[Criterion] = []


class Score(Strict):
    score: int = Field(ge=1, le=9)
    label: Text
    anchor: Text


class Question(Strict):
    text: Text
    strong: Text
    weak: Text


class QuestionSet(Strict):
    competency: Id
    items: list[Question] = Field(min_length=2, max_length=3)


class RubricItem(Strict):
    id: Id
    competency: Id
    criterion: Text


class Assignment(Strict):
    task: Text
    materials: Items
    time: Text
    deliverable: Text
    rubric: list[RubricItem] = Field(min_length=1)


class Stage(Strict):
    id: Id
    title: Text
    who: Text
    length: Text
    outcome: Text
    scorecard: bool = False  # the scorecard offers this stage to tick


class InterviewFile(Strict):
    schema_version: int = Field(ge=1, le=1)
    scale: list[Score] = Field(min_length=2)
    questions: list[QuestionSet] = Field(min_length=1)
    assignment: Assignment
    stages: list[Stage] = Field(min_length=2)


# --- what the pages use -------------------------------------------------------------------------

def competency_ids(path: Path) -> list[str]:
    """The competency ids of a matrix file, without validating it (the search index ranks their
    sections); raises SchemaError when the file cannot be read."""
    data, _ = load_file(path)
    items = data.get("competencies") if isinstance(data, dict) else None
    return [str(c["id"]) for c in items or [] if isinstance(c, dict) and "id" in c]


@dataclass(frozen=True)
class Level:
    id: str
    title: dict[str, str]          # from career.yml
    indicators: list[Indicator]

    @property
    def anchor(self) -> str:
        return level_anchor(self.id)


@dataclass
class Kit:
    """Both files, checked against each other and against the handbook."""

    levels: list[Level]
    competencies: list[Competency]
    clauses: dict[str, list[str]]          # clause id -> competency ids (file order)
    criteria: list[Criterion]
    interview: InterviewFile
    metric_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # glossary id -> term
    clause_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # career.yml duty labels

    def competency(self, ident: str) -> Competency:
        return next(c for c in self.competencies if c.id == ident)

    def clauses_of(self, competency: str) -> list[str]:
        """Clause ids relying on a competency, in job-description order."""
        return [clause for clause, needs in self.clauses.items() if competency in needs]

    def cells(self, competency: Competency) -> list[tuple[Level, Cell]]:
        by_level = {c.level: c for c in competency.cells}
        return [(level, by_level[level.id]) for level in self.levels]

    def questions(self, competency: str) -> list[Question]:
        return next((q.items for q in self.interview.questions if q.competency == competency), [])

    def ids(self) -> list[str]:
        """Every permanent id of the matrix page, in page order."""
        out = []
        for c in self.competencies:
            out.append(c.id)
            out += [cell_id(c.id, level.id) for level in self.levels]
        return out + [level.anchor for level in self.levels]


#: The records of both files, as messages name them.
KINDS = {"levels": "level", "competencies": "competency", "criteria": "criterion", "scale": "score",
         "questions": "question set", "rubric": "rubric", "stages": "stage"}


# --- loading ------------------------------------------------------------------------------------

def clause_ids(docs_dir: Path) -> tuple[list[str], list[str]]:
    """The job description's clause ids in document order (``handbook.job_description``: every
    clause there has both languages), and the data file they come from."""
    from handbook import job_description

    path = docs_dir / "data/job-description.yml"
    model = job_description.load_for_build(docs_dir, ROOT if docs_dir.resolve().is_relative_to(ROOT) else None)
    return model.ids(), [display_path(path)]


def load(docs_dir: Path = ROOT / "docs", matrix: Path | None = None, interview: Path | None = None) -> Kit:
    """Load and cross-check both files; raise :class:`SchemaError` listing every problem."""
    matrix = matrix or docs_dir / "data/competencies.yml"
    interview = interview or docs_dir / "data/interview.yml"
    m_display, i_display = display_path(matrix), display_path(interview)
    findings: list[Finding] = []

    def read(path: Path, model: type[Strict]) -> tuple[Any, Any]:
        try:
            return datafile.load(path, model, kinds=KINDS)
        except SchemaError as exc:  # both files' problems are reported together
            findings.extend(exc.findings)
            return None, None

    (m, m_node), (i, i_node) = read(matrix, MatrixFile), read(interview, InterviewFile)
    ladder = career_model.load_career(docs_dir / "data/career.yml")
    career = {lv.id: lv.title.model_dump() for lv in ladder.levels}  # level id -> title
    duty_titles = {duty: label.model_dump() for duty, label in ladder.duties.items()}  # clause id -> short label
    terms = {t.id: {lang: t.text(lang).term for lang in LANGS}
             for t in glossary.load_glossary_cached(docs_dir / "data/glossary.yml").terms}
    known_clauses, clause_files = clause_ids(docs_dir)
    if m is None or i is None:
        raise SchemaError(findings)

    def at(node, display, loc, kind, item, field_name, message):
        findings.append(Finding(display, line_of(node, loc), kind, item, field_name, message))

    # Levels: career.yml ids, in its order.
    career_ids = list(career)
    for n, level in enumerate(m.levels):
        if level.id not in career:
            at(m_node, m_display, ["levels", n, "id"], "level", level.id, "id",
               f"not a level of docs/data/career.yml (known: {', '.join(career_ids)})")
        for k, ind in enumerate(level.indicators):
            if ind.metric not in terms:
                at(m_node, m_display, ["levels", n, "indicators", k, "metric"], "level", level.id, "metric",
                   f"'{ind.metric}' is not a glossary term id (docs/data/glossary.yml)")
    level_ids = [lv.id for lv in m.levels]
    findings += datafile.duplicates(m_display, "level", [(lv, line_of(m_node, ["levels", n, "id"]))
                                                         for n, lv in enumerate(level_ids)])
    ordered = [lv for lv in career_ids if lv in level_ids]
    if ordered != [lv for lv in dict.fromkeys(level_ids) if lv in career]:
        at(m_node, m_display, ["levels"], "file", None, "levels", f"must follow the career ladder's order: {', '.join(ordered)}")

    # Competencies and cells; one id namespace on the matrix page.
    page_ids: dict[str, str] = {level_anchor(lv): "level section" for lv in level_ids}
    for n, comp in enumerate(m.competencies):
        def claim(ident: str, what: str, loc: list) -> None:
            if ident in page_ids:
                at(m_node, m_display, loc, "competency", comp.id, None,
                   f"duplicate id '{ident}' ({what}; already used by a {page_ids[ident]})")
            else:
                page_ids[ident] = what
        claim(comp.id, "competency", ["competencies", n, "id"])
        for k, cell in enumerate(comp.cells):
            loc = ["competencies", n, "cells", k, "level"]
            if cell.level not in level_ids:
                where = "this file's 'levels'" if cell.level in career else "docs/data/career.yml"
                at(m_node, m_display, loc, "competency", comp.id, "level",
                   f"cell for unknown level '{cell.level}' (not in {where}; the matrix levels are "
                   f"{', '.join(level_ids)})")
                continue
            claim(cell_id(comp.id, cell.level), "cell", loc)
        missing = [lv for lv in level_ids if lv not in {c.level for c in comp.cells}]
        if missing:
            at(m_node, m_display, ["competencies", n, "cells"], "competency", comp.id, "cells",
               f"no cell for level(s) {', '.join(missing)}: every competency has one cell per level")
        for k, cell in enumerate(comp.cells[1:], start=1):
            below = comp.cells[k - 1]
            for lang in LANGS:
                repeated = set(cell.signals[lang]) & set(below.signals[lang])
                if repeated or cell.expectation[lang] == below.expectation[lang]:
                    at(m_node, m_display, ["competencies", n, "cells", k], "competency", comp.id, "cells",
                       f"cell '{cell_id(comp.id, cell.level)}' repeats the level below ({lang}): "
                       "a level adds to the one below, it does not restate it")
                    break
    comp_ids = [c.id for c in m.competencies]

    # The clause mapping: known clauses, known competencies, every duty mapped.
    for clause, needs in m.clauses.items():
        if clause not in known_clauses:
            at(m_node, m_display, ["clauses", clause], "clause", clause, None,
               f"no clause '{clause}' in {' and '.join(clause_files)}")
        for ident in needs:
            if ident not in comp_ids:
                at(m_node, m_display, ["clauses", clause], "clause", clause, None,
                   f"maps to missing competency '{ident}' (known: {', '.join(comp_ids)})")
        if not needs:
            at(m_node, m_display, ["clauses", clause], "clause", clause, None, "names no competency")
    for clause in known_clauses:
        if DUTY.match(clause) and clause not in m.clauses:
            at(m_node, m_display, ["clauses"], "clause", clause, None,
               f"duty clause '{clause}' of the job description is not mapped to any competency")
    for ident in comp_ids:
        if not any(ident in needs for needs in m.clauses.values()):
            n = comp_ids.index(ident)
            at(m_node, m_display, ["competencies", n, "id"], "competency", ident, None,
               "no clause relies on this competency (add it to 'clauses')")

    findings += datafile.duplicates(m_display, "criterion", [(c.id, line_of(m_node, ["criteria", n, "id"]))
                                                             for n, c in enumerate(m.criteria)])
    for n, crit in enumerate(m.criteria):
        for metric in crit.metrics:
            if metric not in terms:
                at(m_node, m_display, ["criteria", n, "metrics"], "criterion", crit.id, "metrics",
                   f"'{metric}' is not a glossary term id (docs/data/glossary.yml)")

    # Interview: scale 1..N, questions per competency, rubric, stages.
    scores = [s.score for s in i.scale]
    if scores != list(range(1, len(scores) + 1)):
        at(i_node, i_display, ["scale"], "file", None, "scale", f"scores must run 1, 2, 3 … in order (have {scores})")
    asked = [q.competency for q in i.questions]
    for n, qs in enumerate(i.questions):
        if qs.competency not in comp_ids:
            at(i_node, i_display, ["questions", n, "competency"], "question set", qs.competency, "competency",
               f"unknown competency '{qs.competency}' (known: {', '.join(comp_ids)})")
        elif asked.index(qs.competency) != n:
            at(i_node, i_display, ["questions", n, "competency"], "question set", qs.competency, "competency",
               "duplicate question set for this competency")
    for ident in comp_ids:
        if ident not in asked:
            at(i_node, i_display, ["questions"], "file", None, "questions", f"no questions for competency '{ident}'")
    for kind, items, key in (("rubric", i.assignment.rubric, ["assignment", "rubric"]), ("stage", i.stages, ["stages"])):
        findings += datafile.duplicates(i_display, kind, [(item.id, line_of(i_node, key + [n, "id"]))
                                                          for n, item in enumerate(items)])
    for n, item in enumerate(i.assignment.rubric):
        if item.competency not in comp_ids:
            at(i_node, i_display, ["assignment", "rubric", n, "competency"], "rubric", item.id, "competency",
               f"unknown competency '{item.competency}' (known: {', '.join(comp_ids)})")

    if findings:
        raise SchemaError(findings)
    order = {clause: n for n, clause in enumerate(known_clauses)}
    levels = [Level(lv.id, career[lv.id], list(lv.indicators)) for lv in m.levels]
    clauses = {k: list(m.clauses[k]) for k in sorted(m.clauses, key=lambda c: order.get(c, 10**6))}
    return Kit(levels, list(m.competencies), clauses, list(m.criteria), i, terms, duty_titles)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Check docs/data/competencies.yml and interview.yml.")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs directory (default: the project's)")
    parser.add_argument("--matrix", type=Path, help="competencies.yml (default: <docs>/data/competencies.yml)")
    parser.add_argument("--interview", type=Path, help="interview.yml (default: <docs>/data/interview.yml)")
    args = parser.parse_args(argv)
    try:
        kit = load(args.docs, args.matrix, args.interview)
    except SchemaError as exc:
        for finding in exc.findings:
            print(finding, file=sys.stderr)
        unreadable = any(f.line == 0 or "YAML syntax error" in f.message or "duplicate key" in f.message
                         for f in exc.findings)
        return 2 if unreadable else 1
    print(f"ok: {len(kit.competencies)} competencies × {len(kit.levels)} levels, "
          f"{len(kit.clauses)} clauses mapped, {sum(len(q.items) for q in kit.interview.questions)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
