"""Pay figures (``docs/data/salaries.yml``): the model, its rules, the loader and the downloads.

One row is one figure exactly as one source states it. The model says *what* was measured, not
just a number:

- ``statistic``  range | point | lower-bound | mean | median | quartiles (p25 + p75, optionally
  p10, median, p90). A range is a spread a source gives ("24,000–70,000"); quartiles are a
  distribution; a mean or a median is one value of a known kind;
- ``measure``    offered (employers' offers) | expected (candidates' asks) | actual (pay received)
  | price (a freelancer's price) | not-stated;
- ``kind``       the method: vacancy-offers, cv-expectations, self-reported, survey,
  official-statistics, freelance-rate, author-estimate, not-stated;
- ``basis``      gross | net | not-stated; ``grade``, ``experience`` (hh.ru's bands),
  ``city_group``, ``sample_size``, ``period`` (from/to), ``as_of``;
- ``source``     a record of the sources registry (docs/data/sources.yml) and where in it the figure stands.

Rules beyond the field types (:func:`row_rules`): low ≤ high, p10 ≤ p25 ≤ median ≤ p75 ≤ p90,
no date after today, a registered source for every figure, method and measure that agree.
Errors are :class:`handbook.datafile.SchemaError` with one ``file:line: row 'id': field 'f': …`` line each.

Everything the career page shows is derived here too (:func:`era`, :func:`newest`,
:func:`age_summary`), so the hook, the templates and the tests share one definition.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, PositiveInt, StringConstraints

from handbook import datafile, ids
from handbook import sources as _sources
from handbook.datafile import Finding, Strict, child, display_path, line_of
from handbook.records import IsoDate, Localized, NonEmpty, parse_date

# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

#: Roles, and the job-site categories that include the role (shown as such, never as its pay).
ROLES = ("internet-marketer", "smm-manager")
CATEGORIES = ("category-marketing-advertising-pr",)
REGIONS = (
    "russia", "moscow", "saint-petersburg", "moscow-central", "moscow-region", "other-regions",
    "hh-area",  # an hh.ru area outside the list; the row's 'area' names it
    "any", "not-stated",
)  # fmt: skip
STATISTICS = ("range", "point", "lower-bound", "mean", "median", "quartiles")
MEASURES = ("offered", "expected", "actual", "price", "not-stated")
KINDS = (
    "vacancy-offers", "cv-expectations", "self-reported", "survey", "official-statistics",
    "freelance-rate", "author-estimate", "not-stated",
)  # fmt: skip
BASES = ("gross", "net", "mixed", "not-stated")
GRADES = ("intern", "junior", "middle", "senior", "lead", "all", "not-stated")
EXPERIENCE = ("noExperience", "between1And3", "between3And6", "moreThan6")  # hh.ru experience.id
CITY_GROUPS = ("moscow", "saint-petersburg", "million-plus-cities", "other-cities")
PER = ("person", "client")
FACT_KINDS = ("vacancy-count",)

#: The method a figure's measure must match (a vacancy states an offer, a CV an ask).
MEASURE_OF_KIND = {"vacancy-offers": "offered", "cv-expectations": "expected", "freelance-rate": "price"}

def last_day(value: str) -> dt.date:
    """Last day of an ISO date, month or year (a figure "for 2023" is as of 2023-12-31)."""
    if len(value) == 4:
        return dt.date(int(value), 12, 31)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return parse_date(value)



class Source(Strict):
    """Where a figure comes from: a record of the sources registry (``docs/data/sources.yml``), which
    holds its title, publisher, date and URL, and where in that source the figure stands."""

    ref: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    locator: Localized | None = None  # where in the source


class Period(Strict):
    """The time a figure covers, as the source states it (``from`` ≤ ``to``)."""

    from_: IsoDate = Field(alias="from")
    to: IsoDate


class Area(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^\d+$")]
    name: NonEmpty


class SalaryRow(Strict):
    """One published pay figure. Cross-field rules are in :func:`row_rules`."""

    id: Annotated[str, StringConstraints(pattern=r"^salary-[a-z0-9]+(-[a-z0-9]+)*$")]
    role: Literal[ROLES + CATEGORIES]  # type: ignore[valid-type]
    region: Literal[REGIONS]  # type: ignore[valid-type]
    area: Area | None = None
    city_group: Literal[CITY_GROUPS] | None = None  # type: ignore[valid-type]
    statistic: Literal[STATISTICS]  # type: ignore[valid-type]
    low: PositiveInt | None = None
    high: PositiveInt | None = None
    point: PositiveInt | None = None
    typical: PositiveInt | None = None
    approximate: bool = False
    mean: PositiveInt | None = None
    median: PositiveInt | None = None
    p10: PositiveInt | None = None
    p25: PositiveInt | None = None
    p75: PositiveInt | None = None
    p90: PositiveInt | None = None
    sample_size: PositiveInt | None = None
    gross_share: Annotated[float, Field(ge=0, le=1, strict=False)] | None = None
    currency: Literal["RUB"]
    period: Literal["month"]
    per: Literal[PER] = "person"  # type: ignore[valid-type]
    measure: Literal[MEASURES]  # type: ignore[valid-type]
    basis: Literal[BASES]  # type: ignore[valid-type]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    grade: Literal[GRADES] = "not-stated"  # type: ignore[valid-type]
    experience: Literal[EXPERIENCE] | None = None  # type: ignore[valid-type]
    covers: Period | None = None
    as_of: IsoDate | None  # required key; null means the source gives no date
    date_note: Localized | None = None
    query: NonEmpty | None = None  # the search that produced a computed figure (refresh tool)
    label: Localized | None = None
    source: Source
    note: Localized | None = None

    @property
    def values(self) -> tuple[int, ...]:
        names = ("low", "high", "point", "typical", "mean", "median", "p10", "p25", "p75", "p90")
        return tuple(v for v in (getattr(self, n) for n in names) if v is not None)

    @property
    def is_category(self) -> bool:
        return self.role in CATEGORIES


class Fact(Strict):
    """A market figure that is not pay (e.g. a count of open vacancies)."""

    id: Annotated[str, StringConstraints(pattern=r"^fact-[a-z0-9]+(-[a-z0-9]+)*$")]
    role: Literal[ROLES + CATEGORIES]  # type: ignore[valid-type]
    region: Literal[REGIONS]  # type: ignore[valid-type]
    kind: Literal[FACT_KINDS]  # type: ignore[valid-type]
    value: PositiveInt
    label: Localized
    as_of: IsoDate | None
    date_note: Localized | None = None
    source: Source
    note: Localized | None = None


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

#: Fields each statistic requires; every other value field must be empty.
REQUIRED = {
    "range": ("low", "high"),
    "point": ("point",),
    "lower-bound": ("low",),
    "mean": ("mean",),
    "median": ("median",),
    "quartiles": ("p25", "p75"),
}
ALLOWED = {
    "range": ("low", "high", "typical"),
    "point": ("point",),
    "lower-bound": ("low",),
    "mean": ("mean",),
    "median": ("median",),
    "quartiles": ("p10", "p25", "median", "p75", "p90", "mean"),
}
VALUE_FIELDS = ("low", "high", "point", "typical", "mean", "median", "p10", "p25", "p75", "p90")


def row_rules(row: SalaryRow, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Cross-field rules for one row: ``(field, message)`` pairs, empty when the row is fine."""
    out: list[tuple[str, str]] = []
    for name in REQUIRED[row.statistic]:
        if getattr(row, name) is None:
            out.append((name, f"required when statistic is '{row.statistic}'"))
    for name in VALUE_FIELDS:
        if getattr(row, name) is not None and name not in ALLOWED[row.statistic]:
            out.append((name, f"must be null when statistic is '{row.statistic}'"))
    if row.low is not None and row.high is not None and row.low > row.high:
        out.append(("low", f"must be ≤ high ({row.low} > {row.high})"))
    if row.typical is not None and row.low is not None and row.high is not None:
        if not row.low <= row.typical <= row.high:
            out.append(("typical", f"must lie between low and high ({row.typical})"))
    if row.statistic == "quartiles":
        chain = [(n, getattr(row, n)) for n in ("p10", "p25", "median", "p75", "p90") if getattr(row, n) is not None]
        for (a, va), (b, vb) in zip(chain, chain[1:]):
            if va > vb:
                field = "median" if "median" in (a, b) else a
                out.append((field, f"{a} ({va}) must be ≤ {b} ({vb}): a median lies within its quartiles"))
    if row.approximate and row.statistic != "point":
        out.append(("approximate", "allowed only when statistic is 'point'"))
    expected = MEASURE_OF_KIND.get(row.kind)
    if expected and row.measure != expected:
        out.append(("measure", f"must be '{expected}' when kind is '{row.kind}'"))
    if row.region == "hh-area" and row.area is None:
        out.append(("area", "required when region is 'hh-area'"))
    if row.gross_share is not None and row.kind != "vacancy-offers":
        out.append(("gross_share", "only vacancy offers state gross or net per offer"))
    if row.covers is not None and parse_date(row.covers.from_) > last_day(row.covers.to):
        out.append(("covers", f"from ({row.covers.from_}) is after to ({row.covers.to})"))
    out += _common_rules(row, today)
    return out


def fact_rules(fact: Fact, today: dt.date | None = None) -> list[tuple[str, str]]:
    return _common_rules(fact, today)


def _common_rules(item: SalaryRow | Fact, today: dt.date | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    today = today or dt.date.today()
    if item.as_of is None and item.date_note is None:
        out.append(("date_note", "required when as_of is null: say why the source gives no date"))
    dates = [("as_of", item.as_of)]
    covers = getattr(item, "covers", None)
    if covers is not None:
        dates += [("covers", covers.from_), ("covers", covers.to)]
    for field, value in dates:
        if value is not None and parse_date(value) > today:
            out.append((field, f"date {value} is in the future (today is {today.isoformat()})"))
    return out


# --------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SalaryData:
    """Validated contents of salaries.yml."""

    rows: tuple[SalaryRow, ...]
    facts: tuple[Fact, ...]
    path: str
    current_from: str  # figures dated on or after this are "current"; the rest are history
    sources: _sources.Registry | None = None  # the registry the rows cite (docs/data/sources.yml)

    def source_of(self, item: SalaryRow | Fact) -> _sources.Source:
        """The registry record a row or fact cites (load_salaries checked that it exists)."""
        found = self.sources.get(item.source.ref) if self.sources is not None else None
        if found is None:
            raise KeyError(f"{self.path}: {item.id}: source '{item.source.ref}' is not in the registry")
        return found

    def rows_for(self, role: str, era_name: str | None = None) -> list[SalaryRow]:
        return [r for r in self.rows if r.role == role and (era_name is None or era(r, self) == era_name)]

    def facts_for(self, era_name: str | None = None) -> list[Fact]:
        return [f for f in self.facts if era_name is None or era(f, self) == era_name]


def era(item: SalaryRow | Fact, data: SalaryData) -> str:
    """``current`` for a figure dated on or after ``current_from``; ``history`` otherwise
    (undated figures are history: their age is unknown, so they cannot describe today)."""
    return ids.era_of(item.as_of, data.current_from)


def newest(items: Any) -> str | None:
    dated = [i.as_of for i in items if i.as_of]
    return max(dated, key=last_day) if dated else None


@dataclass(frozen=True)
class Age:
    newest: str  # ISO date, month or year of the newest dated figure
    years: int  # whole years between its end and today
    tier: str  # "fresh" (under a year), "ageing" (1–2 years), "old" (3 years and more)


def age_summary(items: Any, today: dt.date | None = None) -> Age | None:
    """How old the newest dated figure of ``items`` is, in whole years, and its tier."""
    top = newest(items)
    if top is None:
        return None
    today = today or dt.date.today()
    end = last_day(top)
    years = today.year - end.year - ((today.month, today.day) < (end.month, end.day))
    years = max(years, 0)
    tier = "fresh" if years < 1 else "ageing" if years < 3 else "old"
    return Age(top, years, tier)


class SalariesFile(Strict):
    schema_version: Literal[2]
    current_from: IsoDate  # figures dated on or after it are "current"
    rows: list[Any]  # validated item by item
    facts: list[Any] | None = None


def load_salaries(path: str | Path, display: str | None = None, today: dt.date | None = None,
                  sources: _sources.Registry | None = None) -> SalaryData:
    """Load and validate salaries.yml; raise :class:`~handbook.datafile.SchemaError` listing every problem.

    Every ``source.ref`` must name a record of the sources registry: ``sources``, or
    ``sources.yml`` next to the file."""
    path = Path(path)
    display = display_path(path, display)
    data, node = datafile.load(path, SalariesFile, display, kinds={"rows": "row", "facts": "fact"})
    rows, findings = datafile.items(SalaryRow, data.rows, child(node, "rows"), display, "row",
                                     lambda r: row_rules(r, today), required="rows")
    facts, more = datafile.items(Fact, data.facts or [], child(node, "facts"), display, "fact", lambda f: fact_rules(f, today))
    findings += more
    if sources is None:
        registry_path = path.parent / Path(_sources.DATA_FILE).name
        shown = str(Path(display).parent / registry_path.name) if "/" in display else registry_path.name
        sources = _sources.load_sources(registry_path, shown.replace("\\", "/"))
    for kind, good, key in (("row", rows, "rows"), ("fact", facts, "facts")):
        findings += [Finding(display, line_of(node, [key, index, "source", "ref"]), kind, item.id, "source.ref",
                             f"unknown source '{item.source.ref}': add it to {sources.path}")
                     for index, item in good.items() if sources.get(item.source.ref) is None]
    clash = {r.id for r in rows.values()} & {f.id for f in facts.values()}
    if clash:
        findings.append(Finding(display, 1, "file", None, "id", f"ids used by both a row and a fact: {sorted(clash)}"))
    datafile.check(findings)
    return SalaryData(rows=tuple(rows.values()), facts=tuple(facts.values()), path=display,
                      current_from=data.current_from, sources=sources)


# --------------------------------------------------------------------------------------------
# Downloads
# --------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "era", "role", "region", "area_id", "area_name", "city_group", "statistic",
    "low", "high", "point", "typical", "approximate", "mean", "p10", "p25", "median", "p75", "p90",
    "sample_size", "gross_share", "currency", "period", "per", "measure", "basis", "kind", "grade",
    "experience", "covers_from", "covers_to", "as_of", "query", "date_note_ru", "date_note_en",
    "source_id", "source_title", "source_publisher_ru", "source_publisher_en", "source_cites_ru",
    "source_cites_en", "source_url", "source_via_url", "source_published",
    "source_locator_ru", "source_locator_en", "note_ru", "note_en",
)  # fmt: skip


def _loc(value: Localized | None, lang: str) -> str:
    return value.get(lang) if value is not None else ""


def to_csv(data: SalaryData) -> str:
    """One line per pay figure (facts are in the JSON only). UTF-8, comma-separated, header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in data.rows:
        s, ref = data.source_of(r), r.source
        via = data.sources.get(s.via) if s.via and data.sources is not None else None
        writer.writerow([
            r.id, era(r, data), r.role, r.region, r.area.id if r.area else "", r.area.name if r.area else "",
            r.city_group or "", r.statistic,
            *("" if getattr(r, n) is None else getattr(r, n) for n in ("low", "high", "point", "typical")),
            str(r.approximate).lower(),
            *("" if getattr(r, n) is None else getattr(r, n) for n in ("mean", "p10", "p25", "median", "p75", "p90")),
            r.sample_size or "", "" if r.gross_share is None else r.gross_share,
            r.currency, r.period, r.per, r.measure, r.basis, r.kind, r.grade, r.experience or "",
            r.covers.from_ if r.covers else "", r.covers.to if r.covers else "", r.as_of or "", r.query or "",
            _loc(r.date_note, "ru"), _loc(r.date_note, "en"),
            s.id, s.title, _loc(s.publisher, "ru"), _loc(s.publisher, "en"), _loc(s.cites, "ru"),
            _loc(s.cites, "en"), str(s.url or ""), str(via.url or "") if via else "", s.date or "",
            _loc(ref.locator, "ru"), _loc(ref.locator, "en"), _loc(r.note, "ru"), _loc(r.note, "en"),
        ])  # fmt: skip
    return buf.getvalue()


def to_json(data: SalaryData) -> str:
    def dump(item: Any) -> dict:
        out = item.model_dump(mode="json", by_alias=True)
        out["era"] = era(item, data)
        out["source"].update(data.source_of(item).model_dump(mode="json", exclude={"id", "seed"}))
        return out

    doc = {
        "title": "Internet marketer pay figures, as published in the handbook's sources",
        "schema_version": 2,
        "source_file": data.path,
        "current_from": data.current_from,
        "notes": [
            "One row per published figure; nothing is merged, averaged or converted.",
            "statistic says what a figure is: a range, one value, a lower bound, a mean, a median or quartiles.",
            "measure says what was measured: employers' offers, candidates' expectations, actual pay or a price.",
            "Rows whose role starts with 'category-' are a job-site category that includes the role, "
            "not the internet marketer's own pay.",
            "era is 'current' for figures dated on or after current_from, 'history' for older or undated ones.",
            "Amounts are whole roubles per month; 'per: client' rows are a freelancer's monthly price per client.",
        ],
        "rows": [dump(r) for r in data.rows],
        "facts": [dump(f) for f in data.facts],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
