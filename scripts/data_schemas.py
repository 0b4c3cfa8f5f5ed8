"""Schemas and loaders for the handbook's data files.

* ``docs/data/salaries.yml``: published pay figures; the model is in ``handbook.salaries`` (this
  module keeps the shared base classes and re-exports ``load_salaries``);
* ``docs/data/career.yml``: the career ladder, one record per level, text in Russian and English.

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
    PositiveInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

# The shared YAML-with-lines helper sits next to this file; hooks and the validator load this
# module by path, so make its folder importable.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from yaml_source import (Finding, SchemaError, StrictLoader, child as _child, id_before, line_of as _line_of,  # noqa: E402
                         parse, syntax_error)

# --------------------------------------------------------------------------------------------
# Vocabularies. Labels for display live in the hooks; the data holds these codes only.
# --------------------------------------------------------------------------------------------

#: The source articles (``shared/seeds/*.txt``), by file stem.
SEEDS = (
    "000_ece43b89732f3070",
    "001_171b471a7ba6e810",
    "002_2e1474e9334d8751",
    "003_0b938702c1d2bd68",
    "004_19986c1b1e6fe235",
)

#: Permanent anchors of job-instruction.md that the career ladder may refer to.
DUTY_IDS = tuple(f"p-2-{i}" for i in range(1, 8)) + tuple(f"ext-{i}" for i in range(1, 16))

ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


class DataError(SchemaError):
    """Raised by the loaders of this module."""


# --------------------------------------------------------------------------------------------
# Field types
# --------------------------------------------------------------------------------------------


def _check_iso_date(value: str) -> str:
    if not ISO_DATE_RE.match(value):
        raise ValueError(f"must be an ISO date YYYY-MM-DD or YYYY-MM, got {value!r}")
    full = value if len(value) == 10 else f"{value}-01"
    try:
        dt.date.fromisoformat(full)
    except ValueError as exc:
        raise ValueError(f"not a real date: {value!r} ({exc})") from None
    return value


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IsoDate = Annotated[str, AfterValidator(_check_iso_date)]
SeedId = Literal[SEEDS]  # type: ignore[valid-type]
DutyId = Literal[DUTY_IDS]  # type: ignore[valid-type]


class Strict(BaseModel):
    """Base: unknown keys are errors, values are not coerced between types, models are frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Localized(Strict):
    """A text in both languages."""

    ru: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ru


class LocalizedList(Strict):
    """A list in both languages: same length, item *i* of ``en`` translates item *i* of ``ru``."""

    ru: list[NonEmpty]
    en: list[NonEmpty]

    @model_validator(mode="after")
    def _same_length(self) -> LocalizedList:
        if len(self.ru) != len(self.en):
            raise ValueError(f"ru has {len(self.ru)} items, en has {len(self.en)}: they must match")
        return self

    def get(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.ru


# --------------------------------------------------------------------------------------------
# career.yml
# --------------------------------------------------------------------------------------------


class Level(Strict):
    """One step of the career ladder. Its section id on the page is ``level-<id>``."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*$")]
    title: Localized
    aka: Localized | None = None
    optional: bool = False  # a possible next step, not part of the main ladder
    sources: list[SeedId] = Field(min_length=1)
    scope: Localized
    changes: Localized
    duties: list[DutyId]
    learn_next: LocalizedList
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+\.md(#[a-z0-9-]+)?$")] | None = None

    @property
    def anchor(self) -> str:
        return f"level-{self.id}"


@dataclass(frozen=True)
class CareerData:
    """Validated contents of career.yml."""

    sources: dict[str, Localized]
    duties: dict[str, Localized]
    levels: tuple[Level, ...]
    path: str


# --------------------------------------------------------------------------------------------
# YAML with line numbers
# --------------------------------------------------------------------------------------------


class _Loader(StrictLoader):
    """SafeLoader that keeps dates as strings, so the schema (not YAML) decides what a date is."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _display(path: Path, display: str | None) -> str:
    if display:
        return display
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _parse(path: Path, display: str) -> tuple[Any, yaml.Node | None, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Finding(display, 0, "file", None, None, f"cannot read: {exc.strerror}")]) from None
    try:
        data, node = parse(text, _Loader)
    except yaml.YAMLError as exc:
        line, message = syntax_error(exc)
        kind = "level" if "career" in path.name else "row"
        raise DataError([Finding(display, line, kind, id_before(text, line), None, message)]) from None
    return data, node, text


def _top_level(
    data: Any, node: yaml.Node | None, display: str, required: dict[str, type], optional: Sequence[str] = ()
) -> list[Finding]:
    if not isinstance(data, dict):
        return [Finding(display, 1, "file", None, None, "the file must be a mapping at the top level")]
    out = []
    for key, typ in required.items():
        if key not in data:
            out.append(Finding(display, 1, "file", None, key, "required top-level key is missing"))
        elif not isinstance(data[key], typ):
            out.append(
                Finding(display, _line_of(node, [key]), "file", None, key, f"must be a {typ.__name__}")
            )
    for key in data:
        if key not in required and key not in optional:
            out.append(Finding(display, _line_of(node, [key]), "file", None, str(key), "unknown top-level key"))
    return out


def _field_name(loc: Sequence[Any]) -> str:
    return ".".join(str(p) for p in loc) if loc else "(row)"


def _validate_items(
    model: type[Strict],
    items: list[Any],
    seq_node: yaml.Node | None,
    display: str,
    item_kind: str,
    rules: Callable[[Any], list[tuple[str, str]]] | None = None,
) -> tuple[list[Any], list[Finding]]:
    """Validate each item of a YAML list with ``model`` and ``rules``; collect findings."""
    good: list[Any] = []
    findings: list[Finding] = []
    for index, raw in enumerate(items):
        item_node = seq_node.value[index] if isinstance(seq_node, yaml.SequenceNode) else None
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        name = str(raw_id) if isinstance(raw_id, str) and raw_id else f"#{index + 1}"
        if not isinstance(raw, dict):
            findings.append(Finding(display, _line_of(item_node, []), item_kind, name, None, "must be a mapping"))
            continue
        try:
            obj = model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = _real_loc(raw, err["loc"])
                field = _field_name(loc)
                message = _message(err)
                findings.append(Finding(display, _line_of(item_node, loc), item_kind, name, field, message))
            continue
        for field, message in rules(obj) if rules else []:
            findings.append(Finding(display, _line_of(item_node, [field]), item_kind, name, field, message))
        good.append(obj)
    # Ids must be unique within the file.
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(raw_id, str):
            if raw_id in seen:
                item_node = seq_node.value[index] if isinstance(seq_node, yaml.SequenceNode) else None
                findings.append(
                    Finding(
                        display,
                        _line_of(item_node, ["id"]),
                        item_kind,
                        raw_id,
                        "id",
                        f"duplicate id (first used in {item_kind} #{seen[raw_id] + 1})",
                    )
                )
            else:
                seen[raw_id] = index
    return good, findings


def _real_loc(raw: Any, loc: Sequence[Any]) -> list[Any]:
    """Keep the parts of a pydantic error location that are keys or indexes in the data.

    A key absent from the data (a missing required field) ends the location; other parts are
    pydantic's names for validators or union branches and are dropped.
    """
    out: list[Any] = []
    node = raw
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part.isidentifier():
            out.append(part)
            break
        else:
            continue
        out.append(part)
    return out


def _message(err: dict[str, Any]) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else msg


# --------------------------------------------------------------------------------------------
# Public loaders
# --------------------------------------------------------------------------------------------


def load_career(path: str | Path, display: str | None = None) -> CareerData:
    """Load and validate career.yml; raise :class:`DataError` listing every problem."""
    path = Path(path)
    display = _display(path, display)
    data, node, _ = _parse(path, display)
    findings = _top_level(
        data, node, display, {"schema_version": int, "sources": dict, "duties": dict, "levels": list}
    )
    if findings:
        raise DataError(findings)
    if data["schema_version"] != 1:
        raise DataError(
            [Finding(display, _line_of(node, ["schema_version"]), "file", None, "schema_version", "must be 1")]
        )
    sources: dict[str, Localized] = {}
    sources_node = _child(node, "sources")
    for key, value in data["sources"].items():
        line = _line_of(sources_node, [key])
        if key not in SEEDS:
            findings.append(Finding(display, line, "source", str(key), None, f"not a seed id; known: {', '.join(SEEDS)}"))
            continue
        try:
            sources[key] = Localized.model_validate(value)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                findings.append(Finding(display, line, "source", key, _field_name(err["loc"]), _message(err)))
    duties: dict[str, Localized] = {}
    duties_node = _child(node, "duties")
    for key, value in data["duties"].items():
        line = _line_of(duties_node, [key])
        if key not in DUTY_IDS:
            findings.append(
                Finding(display, line, "duty", str(key), None, "not a job-instruction duty id (p-2-1…p-2-7, ext-1…ext-15)")
            )
            continue
        try:
            duties[key] = Localized.model_validate(value)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                findings.append(Finding(display, line, "duty", key, _field_name(err["loc"]), _message(err)))

    def level_rules(level: Level) -> list[tuple[str, str]]:
        out = [("duties", f"unknown duty '{d}': add it to the top-level 'duties' map") for d in level.duties if d not in duties]
        out += [("sources", f"unknown source '{s}': add it to the top-level 'sources' map") for s in level.sources if s not in sources]
        if len(set(level.duties)) != len(level.duties):
            out.append(("duties", "lists a duty twice"))
        return out

    levels, f2 = _validate_items(Level, data["levels"], _child(node, "levels"), display, "level", level_rules)
    findings += f2
    seen_optional = False
    for level in levels:
        if level.optional:
            seen_optional = True
        elif seen_optional:
            findings.append(
                Finding(display, 1, "level", level.id, "optional", "optional levels must come after the main ladder")
            )
    if not findings and not levels:
        findings.append(Finding(display, _line_of(node, ["levels"]), "file", None, "levels", "must not be empty"))
    if findings:
        raise DataError(findings)
    return CareerData(sources=sources, duties=duties, levels=tuple(levels), path=display)


#: The salary model moved to ``handbook.salaries``; these names stay importable from here for the
#: validator and older callers (loaded lazily: that module imports this one).
_SALARY_NAMES = ("SalaryRow", "SalaryData", "Fact", "load_salaries", "row_rules", "fact_rules")


def __getattr__(name: str) -> Any:
    if name in _SALARY_NAMES:
        from handbook import salaries

        return getattr(salaries, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Check the data files; print findings; exit 1 when any, 2 when a file cannot be read or parsed."""
    args = list(argv if argv is not None else sys.argv[1:])
    root = Path(__file__).resolve().parent.parent
    targets = [Path(a) for a in args] or [root / "docs/data/salaries.yml", root / "docs/data/career.yml"]
    status = 0
    from handbook.salaries import load_salaries

    for target in targets:
        loader = load_career if "career" in target.name else load_salaries
        try:
            loader(target)
        except SchemaError as exc:  # DataError, also when this file runs as __main__
            print(exc, file=sys.stderr)
            unreadable = any(f.message.startswith(("cannot read", "YAML syntax error")) for f in exc.findings)
            status = max(status, 2 if unreadable else 1)
        else:
            print(f"{_display(target, None)}: ok")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
