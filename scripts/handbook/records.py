"""Pieces every data-file model shares: strict pydantic bases, texts in both languages, the seed
sources, and validation of a YAML list item by item into :class:`~handbook.datafile.Finding`s
that name file, line, item and field.

Used by ``handbook.career`` and ``handbook.salaries``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError, model_validator

from handbook.datafile import (Finding, SchemaError, StrictLoader, display_path as display_name,  # noqa: F401
                               id_before, line_of as _line_of, parse, syntax_error)

#: The source articles (``shared/seeds/*.txt``), by file stem.
SEEDS = (
    "000_ece43b89732f3070",
    "001_171b471a7ba6e810",
    "002_2e1474e9334d8751",
    "003_0b938702c1d2bd68",
    "004_19986c1b1e6fe235",
)

ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


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


class DataError(SchemaError):
    """Raised by the loaders of the data files (salaries, career)."""


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
# YAML with line numbers, item by item
# --------------------------------------------------------------------------------------------


class DataLoader(StrictLoader):
    """SafeLoader that keeps dates as strings, so the schema (not YAML) decides what a date is."""


DataLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_file(path: Path, display: str, item_kind: str = "row") -> tuple[Any, yaml.Node | None, str]:
    """Text, data and node tree of a data file; a syntax error or a repeated key is a :class:`DataError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Finding(display, 0, "file", None, None, f"cannot read: {exc.strerror}")]) from None
    try:
        data, node = parse(text, DataLoader)
    except yaml.YAMLError as exc:
        line, message = syntax_error(exc)
        raise DataError([Finding(display, line, item_kind, id_before(text, line), None, message)]) from None
    return data, node, text


def top_level(
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


def field_name(loc: Sequence[Any]) -> str:
    return ".".join(str(p) for p in loc) if loc else "(row)"


def validate_items(
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
                loc = real_loc(raw, err["loc"])
                field = field_name(loc)
                text = message(err)
                findings.append(Finding(display, _line_of(item_node, loc), item_kind, name, field, text))
            continue
        for field, problem in rules(obj) if rules else []:
            findings.append(Finding(display, _line_of(item_node, [field]), item_kind, name, field, problem))
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


def real_loc(raw: Any, loc: Sequence[Any]) -> list[Any]:
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


def message(err: dict[str, Any]) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else msg
