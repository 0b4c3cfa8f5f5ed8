"""Ids that build hooks write into a page where a ``<!-- md:name args -->`` marker stands.

A source-level checker sees the marker, not what replaces it. This table says which ids each
marker of this project's hooks produces (``overrides/hooks/``), read from the same data files
the hooks read, so links to them can be checked and heading ids compared with the built HTML.
A site without these markers is unaffected; an unknown marker adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .config import compose_yaml, read_text
from .model import Anchor, Page, Site

# marker -> (data file, provider(data, args, lang) -> [(id, is a heading)])
Provider = Callable[[Any, tuple[str, ...], str], list[tuple[str, bool]]]


def _items(data: Any, key: str) -> list[dict]:
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _career_levels(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    return [(f"level-{level['id']}", True) for level in _items(data, "levels") if level.get("id")]


def _salary_era(data: Any, item: dict) -> str:
    """``current`` or ``history``, as ``handbook.salaries.era`` decides (ISO strings compare in order)."""
    start = str(data.get("current_from") or "") if isinstance(data, dict) else ""
    as_of = item.get("as_of")
    first_day = lambda iso: (iso + "-01-01"[len(iso) - 4:])[:10]  # noqa: E731 (2023 -> 2023-01-01)
    return "current" if as_of and start and first_day(str(as_of)) >= first_day(start) else "history"


def _salary_table(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    role, era = (args + (None, None))[:2]
    return [(str(r["id"]), False) for r in _items(data, "rows")
            if r.get("id") and r.get("role") == role and (era is None or _salary_era(data, r) == era)]


def _salary_facts(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    era = args[0] if args else None
    return [(str(f["id"]), False) for f in _items(data, "facts")
            if f.get("id") and (era is None or _salary_era(data, f) == era)]


def _salary_chart(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    era = args[0] if args else "current"
    return [(f"salary-chart-{era}-title", False), (f"salary-chart-{era}-desc", False)]


def _competency_matrix(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    levels = [str(lv["id"]) for lv in _items(data, "levels") if lv.get("id")]
    out = []
    for comp in _items(data, "competencies"):
        if comp.get("id"):
            out.append((str(comp["id"]), True))
            out += [(f"{comp['id']}-{level}", True) for level in levels]
    return out


def _competency_levels(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    return [(f"level-{lv['id']}", True) for lv in _items(data, "levels") if lv.get("id")]


def _evaluation_criteria(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    return [("evaluation-criteria", True)] + [(str(c["id"]), False) for c in _items(data, "criteria") if c.get("id")]


def _interview_questions(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    return [(f"questions-{c['id']}", True) for c in _items(data, "competencies") if c.get("id")]


def _levels_compare(data: Any, args: tuple[str, ...], lang: str) -> list[tuple[str, bool]]:
    """overrides/partials/levels/compare-step.html for every adjacent pair of the matrix's levels."""
    levels = [str(lv["id"]) for lv in _items(data, "levels") if lv.get("id")]
    out = []
    for lower, upper in zip(levels, levels[1:]):
        step = f"{lower}-{upper}"
        out += [(step, False), (f"{step}-title", True)]
        out += [(f"{step}-{c['id']}", True) for c in _items(data, "competencies") if c.get("id")]
        out.append((f"{step}-clauses", True))
    return out


PROVIDERS: dict[str, tuple[str, Provider]] = {
    # overrides/hooks/competencies.py (templates in overrides/partials/competencies/)
    "competency-matrix": ("data/competencies.yml", _competency_matrix),
    "competency-levels": ("data/competencies.yml", _competency_levels),
    "evaluation-criteria": ("data/competencies.yml", _evaluation_criteria),
    "interview-questions": ("data/competencies.yml", _interview_questions),
    "interview-scorecard": ("data/competencies.yml",
                            lambda data, args, lang: [("scorecard-sheet", False), ("scorecard-title", True)]),
    "career-levels": ("data/career.yml", _career_levels),
    # overrides/hooks/levels.py (templates in overrides/partials/levels/)
    "levels-compare": ("data/competencies.yml", _levels_compare),
    "levels-self-assessment": ("data/competencies.yml", lambda data, args, lang: [("hb-assess-result-title", True)]),
    "salary-table": ("data/salaries.yml", _salary_table),
    "salary-facts": ("data/salaries.yml", _salary_facts),
    "salary-chart": ("data/salaries.yml", _salary_chart),
}
GLOSSARY_MARKER = "glossary"
CATEGORY_PREFIX = "cat-"  # handbook.glossary.CATEGORY_ANCHOR_PREFIX
GLOSSARY_INDEX = "alphabetical-index"  # handbook.glossary.PAGE_IDS


def add_generated(site: Site) -> None:
    """Give pages with markers the ids their hooks will add (as anchors; headings in order)."""
    loaded: dict[str, Any] = {}
    docs: Path = site.config.docs_dir
    for page in site.pages:
        for name, args, line in page.data.markers:
            ids: list[tuple[str, bool]] = []
            if name == GLOSSARY_MARKER and site.glossary is not None:
                # Headings, but the hook orders them by category: known as ids, not as a sequence.
                ids = [(GLOSSARY_INDEX, False)] + [(term.id, False) for term in site.glossary.terms]
                ids += [(CATEGORY_PREFIX + c, False) for c in dict.fromkeys(t.category for t in site.glossary.terms if t.category)]
            elif name in PROVIDERS:
                rel, provider = PROVIDERS[name]
                if rel not in loaded:
                    path = docs / rel
                    loaded[rel] = compose_yaml(read_text(path, rel), rel)[0] if path.is_file() else None
                if loaded[rel] is not None:
                    ids = provider(loaded[rel], args, page.lang)
            _insert(page, ids, line)


def _insert(page: Page, ids: list[tuple[str, bool]], line: int) -> None:
    """Add the ids at the marker's line: headings in the hook's order, the rest as plain ids."""
    if not ids:
        return
    page.data.anchors.extend(Anchor(id_, line, 1, "generated-heading" if heading else "generated") for id_, heading in ids)
    page.data.anchors.sort(key=lambda a: (a.line, a.col))  # stable: the hook's order stays
