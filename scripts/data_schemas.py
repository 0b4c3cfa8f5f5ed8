"""Schemas and loaders for the handbook's data files.

* ``docs/data/salaries.yml``: published pay figures, one row per figure as its source states it;
* ``docs/data/career.yml``: the career ladder — its schema moved to ``handbook.career`` (re-exported).

The module is importable without MkDocs: the build hooks (``overrides/hooks/salaries.py``,
``overrides/hooks/career.py``) and the content validator use the same loaders, so a file that
passes here passes everywhere.

Errors are values first (:class:`Finding`, with file, line, item and field) and are raised together
as one :class:`DataError` whose message has one line per finding::

    docs/data/salaries.yml:42: row 'salary-im-moscow-2019-12': field 'low': must be ≤ high (150000 > 40000)

Run ``python scripts/data_schemas.py [FILE ...]`` to check the files from the command line.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PositiveInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

from handbook.career import DUTY_IDS, CareerData, DutyId, Level, load_career  # noqa: F401  (moved)
from handbook.datafile import Finding, child as _child, line_of as _line_of
from handbook.records import (SEEDS, DataError, IsoDate, Localized, LocalizedList, NonEmpty, SeedId,  # noqa: F401
                              Strict, display_name as _display, parse_file as _parse, top_level as _top_level,
                              validate_items as _validate_items)

# --------------------------------------------------------------------------------------------
# Vocabularies. Labels for display live in the hooks; the data holds these codes only.
# --------------------------------------------------------------------------------------------

ROLES = ("internet-marketer", "smm-manager")
REGIONS = (
    "russia",  # Russia as a whole
    "moscow",  # the city of Moscow
    "moscow-central",  # Moscow and the central region
    "moscow-region",  # "the Moscow region" as a source words it (city plus oblast)
    "other-regions",  # regions other than Moscow
    "any",  # the source ties the figure to no place on purpose
    "not-stated",  # the source gives no region
)
BASES = ("gross", "net", "not-stated")
KINDS = ("vacancy-offers", "self-reported", "freelance-rate", "author-estimate", "not-stated")
SHAPES = ("range", "point", "lower-bound")
PER = ("person", "client")
FACT_KINDS = ("vacancy-count",)

# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Field types
# --------------------------------------------------------------------------------------------


class Source(Strict):
    """Where a figure comes from: the seed article, its title in words, a URL where one exists."""

    seed: SeedId
    title: NonEmpty
    url: HttpUrl | None = Field(default=None, strict=False)
    locator: Localized | None = None  # where in the article, e.g. the section heading


# --------------------------------------------------------------------------------------------
# salaries.yml
# --------------------------------------------------------------------------------------------


class SalaryRow(Strict):
    """One published pay figure. Cross-field rules are in :func:`salary_row_rules`."""

    id: Annotated[str, StringConstraints(pattern=r"^salary-[a-z0-9]+(-[a-z0-9]+)*$")]
    role: Literal[ROLES]  # type: ignore[valid-type]
    region: Literal[REGIONS]  # type: ignore[valid-type]
    shape: Literal[SHAPES]  # type: ignore[valid-type]
    low: PositiveInt | None = None
    high: PositiveInt | None = None
    point: PositiveInt | None = None
    typical: PositiveInt | None = None
    approximate: bool = False
    currency: Literal["RUB"]
    period: Literal["month"]
    per: Literal[PER] = "person"  # type: ignore[valid-type]
    basis: Literal[BASES]  # type: ignore[valid-type]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    as_of: IsoDate | None  # required key; null means the source gives no date
    date_note: Localized | None = None
    label: Localized | None = None  # short description used in the chart
    source: Source
    note: Localized | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(v for v in (self.low, self.high, self.point, self.typical) if v is not None)


class Fact(Strict):
    """A market figure that is not pay (e.g. a count of open vacancies)."""

    id: Annotated[str, StringConstraints(pattern=r"^fact-[a-z0-9]+(-[a-z0-9]+)*$")]
    role: Literal[ROLES]  # type: ignore[valid-type]
    region: Literal[REGIONS]  # type: ignore[valid-type]
    kind: Literal[FACT_KINDS]  # type: ignore[valid-type]
    value: PositiveInt
    label: Localized
    as_of: IsoDate | None
    date_note: Localized | None = None
    source: Source
    note: Localized | None = None


def salary_row_rules(row: SalaryRow) -> list[tuple[str, str]]:
    """Cross-field rules for one row: ``(field, message)`` pairs, empty when the row is fine."""
    out: list[tuple[str, str]] = []
    if row.shape == "range":
        for name in ("low", "high"):
            if getattr(row, name) is None:
                out.append((name, "required when shape is 'range'"))
        if row.point is not None:
            out.append(("point", "must be null when shape is 'range' (use low and high)"))
        if row.low is not None and row.high is not None and row.low > row.high:
            out.append(("low", f"must be ≤ high ({row.low} > {row.high})"))
    elif row.shape == "point":
        if row.point is None:
            out.append(("point", "required when shape is 'point'"))
        for name in ("low", "high"):
            if getattr(row, name) is not None:
                out.append((name, "must be null when shape is 'point'"))
    elif row.shape == "lower-bound":
        if row.low is None:
            out.append(("low", "required when shape is 'lower-bound'"))
        for name in ("high", "point"):
            if getattr(row, name) is not None:
                out.append((name, "must be null when shape is 'lower-bound'"))
    if row.typical is not None:
        if row.shape != "range":
            out.append(("typical", "allowed only when shape is 'range'"))
        elif row.low is not None and row.high is not None and not row.low <= row.typical <= row.high:
            out.append(("typical", f"must lie between low and high ({row.typical})"))
    out.extend(_date_rules(row.as_of, row.date_note))
    return out


def _date_rules(as_of: str | None, date_note: Localized | None) -> list[tuple[str, str]]:
    if as_of is None and date_note is None:
        return [("date_note", "required when as_of is null: say why the source gives no date")]
    return []


def fact_rules(fact: Fact) -> list[tuple[str, str]]:
    return _date_rules(fact.as_of, fact.date_note)


@dataclass(frozen=True)
class SalaryData:
    """Validated contents of salaries.yml."""

    rows: tuple[SalaryRow, ...]
    facts: tuple[Fact, ...]
    path: str  # display path used in messages

    def rows_for(self, role: str) -> list[SalaryRow]:
        return [r for r in self.rows if r.role == role]


# --------------------------------------------------------------------------------------------
# Public loaders
# --------------------------------------------------------------------------------------------


def load_salaries(path: str | Path, display: str | None = None) -> SalaryData:
    """Load and validate salaries.yml; raise :class:`DataError` listing every problem."""
    path = Path(path)
    display = _display(path, display)
    data, node, _ = _parse(path, display)
    findings = _top_level(data, node, display, {"schema_version": int, "rows": list}, optional=("facts",))
    if findings:
        raise DataError(findings)
    if data["schema_version"] != 1:
        raise DataError(
            [Finding(display, _line_of(node, ["schema_version"]), "file", None, "schema_version", "must be 1")]
        )
    facts_raw = data.get("facts") or []
    if not isinstance(facts_raw, list):
        raise DataError([Finding(display, _line_of(node, ["facts"]), "file", None, "facts", "must be a list")])
    rows, f1 = _validate_items(SalaryRow, data["rows"], _child(node, "rows"), display, "row", salary_row_rules)
    facts, f2 = _validate_items(Fact, facts_raw, _child(node, "facts"), display, "fact", fact_rules)
    findings = f1 + f2
    clash = {r.id for r in rows} & {f.id for f in facts}
    if clash:
        findings.append(Finding(display, 1, "file", None, "id", f"ids used by both a row and a fact: {sorted(clash)}"))
    if not findings and not rows:
        findings.append(Finding(display, _line_of(node, ["rows"]), "file", None, "rows", "must not be empty"))
    if findings:
        raise DataError(findings)
    return SalaryData(rows=tuple(rows), facts=tuple(facts), path=display)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the data files; print findings; exit 1 when any."""
    args = list(argv if argv is not None else sys.argv[1:])
    root = Path(__file__).resolve().parent.parent  # noqa: the project root
    targets = [Path(a) for a in args] or [root / "docs/data/salaries.yml", root / "docs/data/career.yml"]
    status = 0
    for target in targets:
        loader = load_career if "career" in target.name else load_salaries
        try:
            loader(target)
        except DataError as exc:
            print(exc, file=sys.stderr)
            status = 1
        else:
            print(f"{_display(target, None)}: ok")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
