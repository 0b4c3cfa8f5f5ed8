"""The career ladder, ``docs/data/career.yml``: schema, loader, and what its pages show.

One record per level, text in Russian and English; ``sources`` and ``duties`` are maps the levels
refer to. Errors are :class:`~handbook.datafile.Finding`s raised together as one
:class:`~handbook.datafile.SchemaError`::

    docs/data/career.yml:42: level 'junior': field 'duties': unknown duty 'p-9-9': …

The hook ``overrides/hooks/career.py`` renders it with ``overrides/partials/career-ladder.html``
and ``career-levels.html``. Check the file without a build: ``python -m handbook.cli data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, StringConstraints

from handbook import datafile, ids, site, ui
from handbook.datafile import Finding, Strict, child, display_path, line_of
from handbook.records import Localized, LocalizedList, Slug

if TYPE_CHECKING:
    from handbook.sources import Registry

#: Permanent anchors of job-instruction.md that the career ladder may refer to.
DUTY_IDS = tuple(f"p-2-{i}" for i in range(1, 8)) + tuple(f"ext-{i}" for i in range(1, 16))
DutyId = Literal[DUTY_IDS]  # type: ignore[valid-type]


class Level(Strict):
    """One step of the career ladder. Its section id on the page is ``level-<id>``."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*$")]
    title: Localized
    aka: Localized | None = None
    optional: bool = False  # a possible next step, not part of the main ladder
    sources: list[Slug] = Field(min_length=1)  # sources.yml ids
    scope: Localized
    changes: Localized
    duties: list[DutyId]
    learn_next: LocalizedList
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+\.md(#[a-z0-9-]+)?$")] | None = None

    @property
    def anchor(self) -> str:
        return ids.level_anchor(self.id)


@dataclass(frozen=True)
class CareerData:
    """Validated contents of career.yml."""

    sources: "Registry"  # the sources registry the levels cite (docs/data/sources.yml)
    duties: dict[str, Localized]
    levels: tuple[Level, ...]
    path: str


class CareerFile(Strict):
    schema_version: Literal[1]
    duties: dict[str, Any]  # validated entry by entry
    levels: list[Any]  # validated item by item


def load_career(path: str | Path, display: str | None = None, registry: "Registry | None" = None) -> CareerData:
    """Load and validate career.yml; raise :class:`SchemaError` listing every problem. Levels cite
    records of the sources registry (``registry``, or ``sources.yml`` next to the file)."""
    from handbook.sources import DATA_FILE, load_sources

    display = display_path(path, display)
    data, node = datafile.load(path, CareerFile, display, kinds={"levels": "level"})
    registry = registry or load_sources(*datafile.beside(path, display, Path(DATA_FILE).name))
    duties_node, levels_node = child(node, "duties"), child(node, "levels")
    findings = [Finding(display, line_of(duties_node, [key]), "duty", key, None,
                        "not a job-instruction duty id (p-2-1…p-2-7, ext-1…ext-15)")
                for key in data.duties if key not in DUTY_IDS]
    duties, found = datafile.items(Localized, {k: v for k, v in data.duties.items() if k in DUTY_IDS},
                                   duties_node, display, "duty")

    def level_rules(level: Level) -> list[tuple[str, str]]:
        out = [("duties", f"unknown duty '{d}': add it to the top-level 'duties' map") for d in level.duties if d not in duties]
        out += [("sources", f"unknown source '{s}': add it to {registry.path}") for s in level.sources if s not in registry.ids]
        if len(set(level.duties)) != len(level.duties):
            out.append(("duties", "lists a duty twice"))
        return out

    levels, more = datafile.items(Level, data.levels, levels_node, display, "level", level_rules, required="levels")
    findings += found + more
    after_optional = False
    for index, level in levels.items():
        if level.optional:
            after_optional = True
        elif after_optional:
            findings.append(Finding(display, line_of(levels_node, [index, "optional"]), "level", level.id, "optional",
                                    "optional levels must come after the main ladder"))
    datafile.check(findings)
    return CareerData(sources=registry, duties=duties, levels=tuple(levels.values()), path=display)


#: Words of the career page around the data, per language.
UI = ui.strings("career")  # docs/data/ui.yml


def page_view(data: CareerData, lang: str) -> dict:
    """What ``partials/career-ladder.html`` and ``career-levels.html`` show in one language;
    duties are numbered as the job instruction prints them (``site.clause_number``)."""
    return {
        "data": data, "levels": data.levels, "lang": lang, "ui": UI[lang],
        "clause_number": site.clause_number,
        "sources": lambda level: [data.sources.get(s) for s in level.sources],
    }
