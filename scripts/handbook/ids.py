"""Ids the build writes for generated content, defined once (no pydantic here: the validator's warm
path imports this module).

The models, hooks and templates form their ids with these functions (``career.Level.anchor``,
``competencies.cell_id``, the glossary page's category anchors, ``salaries.era``; templates reach
this module as ``ids``, a global of ``handbook.templates``), and :data:`MARKER_IDS`
publishes, per ``<!-- md:name -->`` marker, the ids its hook writes, computed from the same data
file read as plain YAML: the validator (``validator/generated.py``) checks links to them without a
build, and ``tests/test_slug_parity.py`` compares them with the built HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GLOSSARY_INDEX = "alphabetical-index"
CATEGORY_PREFIX = "cat-"


def level_anchor(level: str) -> str:
    """A career level's section, on the career page and in the competency matrix."""
    return f"level-{level}"


def cell_id(competency: str, level: str) -> str:
    """One cell of the competency matrix."""
    return f"{competency}-{level}"


def questions_anchor(competency: str) -> str:
    """A competency's questions on the interview page."""
    return f"questions-{competency}"


def edition_anchor(number: int | str) -> str:
    """An edition's heading in the job description's history (``#edition-3``)."""
    return f"edition-{number}"


def salary_chart(era: str, part: str) -> str:
    """The title or description (``part``) of an era's salary chart: its accessible name."""
    return f"salary-chart-{era}-{part}"


SCORECARD, SCORECARD_TITLE = "scorecard-sheet", "scorecard-title"  # the interview scorecard and its heading


def category_anchor(category: str) -> str:
    """A category's section on the glossary page."""
    return f"{CATEGORY_PREFIX}{category}"


def first_day(iso: str) -> str:
    """``2023`` -> ``2023-01-01``, ``2023-05`` -> ``2023-05-01`` (ISO strings compare in date order)."""
    return (iso + "-01-01"[len(iso) - 4:])[:10]


def era_of(as_of: str | None, current_from: str) -> str:
    """``current`` for a figure dated on or after ``current_from``; ``history`` otherwise
    (an undated figure's age is unknown, so it cannot describe today)."""
    return "current" if as_of and current_from and first_day(str(as_of)) >= first_day(str(current_from)) else "history"


# --- marker -> the ids its hook writes ---------------------------------------------------------

#: provider(data, args, lang) -> [(id, is a heading)], over the data file read as plain YAML
Provider = Callable[[Any, tuple[str, ...], str], list[tuple[str, bool]]]


def _items(data: Any, key: str) -> list[dict]:
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict) and i.get("id")] if isinstance(items, list) else []


def _era(data: Any, item: dict) -> str:
    return era_of(item.get("as_of"), str(data.get("current_from") or ""))


def _salary_table(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    role, era = (args + (None, None))[:2]
    return [(str(r["id"]), False) for r in _items(data, "rows") if r.get("role") == role and era in (None, _era(data, r))]


def _salary_facts(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    era = args[0] if args else None
    return [(str(f["id"]), False) for f in _items(data, "facts") if era in (None, _era(data, f))]


def _competency_matrix(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    levels = [str(lv["id"]) for lv in _items(data, "levels")]
    return [(i, True) for c in _items(data, "competencies") for i in [str(c["id"])] + [cell_id(c["id"], lv) for lv in levels]]


def _levels(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    return [(level_anchor(lv["id"]), True) for lv in _items(data, "levels")]


def job_description_ids(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    """Clause ids of a section or a range ``p-1-1..p-1-5`` (handbook.job_description.expand), or
    the edition headings (``editions``: edition-N … edition-1, newest first)."""
    arg = args[0] if args else ""
    if arg == "editions":
        edition = data.get("edition") if isinstance(data, dict) else None
        count = edition.get("number") if isinstance(edition, dict) else None
        return [(edition_anchor(n), True) for n in range(count, 0, -1)] if isinstance(count, int) else []
    order = [(str(c["id"]), str(s.get("id"))) for s in _items(data, "sections") for c in _items(s, "clauses")]
    ids = [cid for cid, _ in order]
    first, sep, last = arg.partition("..")
    if sep and first in ids and last in ids:
        return [(cid, False) for cid in ids[ids.index(first):ids.index(last) + 1]]
    return [(cid, False) for cid, section in order if section == arg]


def _levels_compare(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    """overrides/partials/levels/compare-step.html for every adjacent pair of the matrix's levels."""
    levels = [str(lv["id"]) for lv in _items(data, "levels")]
    out = []
    for lower, upper in zip(levels, levels[1:]):
        step = f"{lower}-{upper}"
        out += [(step, False), (f"{step}-title", True)]
        out += [(f"{step}-{c['id']}", True) for c in _items(data, "competencies")]
        out.append((f"{step}-clauses", True))
    return out


MARKER_IDS: dict[str, tuple[str, Provider]] = {
    # overrides/hooks/job_description.py (model: handbook.job_description)
    "job-description": ("data/job-description.yml", job_description_ids),
    # overrides/hooks/competencies.py (templates in overrides/partials/competencies/)
    "competency-matrix": ("data/competencies.yml", _competency_matrix),
    "competency-levels": ("data/competencies.yml", _levels),
    "evaluation-criteria": ("data/competencies.yml", lambda data, args, lang: [("evaluation-criteria", True)] + [
        (str(c["id"]), False) for c in _items(data, "criteria")]),
    "interview-questions": ("data/competencies.yml", lambda data, args, lang: [
        (questions_anchor(c["id"]), True) for c in _items(data, "competencies")]),
    "interview-scorecard": ("data/competencies.yml", lambda data, args, lang: [(SCORECARD, False), (SCORECARD_TITLE, True)]),
    # overrides/hooks/levels.py (templates in overrides/partials/levels/)
    "levels-compare": ("data/competencies.yml", _levels_compare),
    "levels-self-assessment": ("data/competencies.yml", lambda data, args, lang: [("hb-assess-result-title", True)]),
    # overrides/hooks/career.py
    "career-levels": ("data/career.yml", _levels),
    # overrides/hooks/salaries.py
    "salary-table": ("data/salaries.yml", _salary_table),
    "salary-facts": ("data/salaries.yml", _salary_facts),
    "salary-chart": ("data/salaries.yml", lambda data, args, lang: [
        (salary_chart(args[0] if args else "current", part), False) for part in ("title", "desc")]),
}
