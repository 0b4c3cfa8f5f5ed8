"""The one loader of every data file: YAML with line numbers, no duplicate keys, a pydantic model.

``load(path, Model)`` reads and parses the file once (data and node tree, so every schema error
can name its line), validates it with ``Model`` (a :class:`Strict` one) and raises every problem
together as a :class:`SchemaError` of :class:`Finding` lines::

    docs/data/career.yml:42: level 'junior': field 'duties': unknown duty 'p-9-9': …

A syntax error gives its own line and the ``- id:`` record it sits in. :func:`items` validates a
list item by item (one bad row does not hide the others' findings). Paths in messages are
relative to the project (:func:`display_path`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

RECORD_ID = re.compile(r"^(\s*)-\s+id:\s*['\"]?([A-Za-z0-9_-]+)")
KEY_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*):\s*(#.*)?$")  # a key whose value is on the lines below


@dataclass(frozen=True)
class Finding:
    """One problem in a data file, located by line, item and field."""

    file: str
    line: int
    item_kind: str  # the record's word ("term", "row", "clause", …) or "file"
    item: str | None  # the item's id, or "#N" when the record has no usable id
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:"
        if self.item is not None:
            where += f" {self.item_kind} '{self.item}':"
        if self.field is not None:
            where += f" field '{self.field}':"
        return f"{where} {self.message}"


class SchemaError(ValueError):
    """Raised by a loader; ``findings`` holds every problem found, ``str()`` lists them."""

    def __init__(self, findings: Sequence[Finding]):
        self.findings = tuple(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


# libyaml's parser when PyYAML has it (5-10x faster on glossary.yml; same nodes and line marks).
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_SafeBase):
    """SafeLoader that rejects a key repeated in one mapping (PyYAML keeps the last silently) and
    keeps dates as strings, so the schema (not YAML) decides what a date is."""

    yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None,
                        f"duplicate key {key!r} (first at line {seen[key]})",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def parse(text: str, loader: type[yaml.SafeLoader] | None = None) -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree, from a single pass (raises yaml.YAMLError);
    ``loader`` defaults to :class:`StrictLoader` (the validator passes the one for mkdocs.yml)."""
    instance = (loader or StrictLoader)(text)
    try:
        node = instance.get_single_node()
        return (instance.construct_document(node) if node is not None else None), node
    finally:
        instance.dispose()


def record_before(text: str, line: int) -> tuple[str | None, str | None]:
    """The last ``- id: …`` at or above ``line`` (1-based), which names the record an error is in,
    and the key of the list it is an item of (the nearest key line above it, indented less)."""
    lines = text.splitlines()[:line]
    for i in range(len(lines) - 1, -1, -1):
        if m := RECORD_ID.match(lines[i]):
            for raw in reversed(lines[:i]):  # skip the records above and their insides, blanks, comments
                indent = len(raw) - len(raw.lstrip())
                if raw.strip() and raw[indent] != "#" and (indent < len(m[1]) or indent == len(m[1]) and raw[indent] != "-"):
                    return (key[1] if (key := KEY_LINE.match(raw)) else None), m[2]
            return None, m[2]
    return None, None


def line_of(node: yaml.Node | None, loc: Iterable[Any]) -> int:
    """1-based line of the deepest node reachable along ``loc`` (keys and indexes)."""
    line = node.start_mark.line + 1 if node is not None else 0
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line = key.start_mark.line + 1
                    node = value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


#: The project folder (where mkdocs.yml is); error messages show paths relative to it.
PROJECT = Path(__file__).resolve().parents[2]


def display_path(path: str | Path, display: str | None = None, project: Path | None = None) -> str:
    """How error messages name a file: ``display`` when given, else the path relative to the
    project with ``/`` (``docs/data/glossary.yml``); a path outside the project stays as it is.
    The one rule for every loader, hook and tool."""
    if display:
        return display
    try:
        return Path(path).resolve().relative_to((project or PROJECT).resolve()).as_posix()
    except ValueError:
        return str(path)


def beside(path: str | Path, display: str, name: str) -> tuple[Path, str]:
    """The file ``name`` in the folder of ``path``, and how messages show it (beside ``display``)."""
    return Path(path).parent / name, (Path(display).parent / name).as_posix()


def cached(load: Callable) -> Callable:
    """``load`` that reads its files again only when one of them changes (every path argument is
    stamped by time and size): the hooks ask for a data file once per page, ``mkdocs serve`` edits it."""
    remember = functools.lru_cache(maxsize=8)(lambda stamps, *args: load(*args))
    return functools.wraps(load)(lambda *args: remember(tuple(map(_stamp, args)), *args))


def _stamp(arg: Any) -> tuple[int, int] | None:
    try:
        stat = Path(arg).stat() if isinstance(arg, (str, Path)) else None
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size) if stat else None


def docs_file(config, relative: str) -> tuple[Path, str]:
    """A file under ``docs_dir`` and its :func:`display_path` in this build's project. Hooks that
    read a data file use this one, so a loader cached by (path, display) reads each file once per build."""
    path = Path(config.docs_dir) / relative
    return path, display_path(path, project=Path(config.config_file_path or ".").resolve().parent)


def load_file(path, display: str | None = None, kinds: dict[str, str] | None = None) -> tuple[Any, yaml.Node | None]:
    """Read and parse a data file; a syntax error or a duplicate key raises :class:`SchemaError`
    with one :class:`Finding` naming the file, the line and the record (its word from ``kinds``)."""
    display = display_path(path, display)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError([Finding(display, 0, "file", None, None, f"cannot read: {exc}")]) from None
    try:
        return parse(text)
    except yaml.YAMLError as exc:  # one line: the problem, its line and the record it is in
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 0
        context = getattr(exc, "context", None)
        message = f"YAML syntax error: {getattr(exc, 'problem', None) or exc}" + (f" ({context})" if context else "")
        key, record = record_before(text, line)
        kind = (kinds or {}).get(key, "record") if record else "file"
        raise SchemaError([Finding(display, line, kind, record, None, message)]) from None


# --------------------------------------------------------------------------------------------
# The schema: one strict base, pydantic's errors as findings
# --------------------------------------------------------------------------------------------


class Strict(BaseModel):
    """Base of every data-file model: unknown keys are errors, values are not coerced between
    types (a date is a quoted string; a model that wants ``datetime.date`` says ``strict=False``),
    models are frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


#: Keys that name a list item in messages, in this order; an item without one is "#N".
NAME_KEYS = ("id", "number", "competency", "score")


def record_name(raw: Any, index: int | str) -> str:
    """How messages name a list item (``index``: its position) or a mapping's entry (its key)."""
    name = next((raw[k] for k in NAME_KEYS if isinstance(raw, dict) and raw.get(k) not in (None, "")), None)
    if name is not None and not isinstance(name, (dict, list)):
        return str(name)
    return f"#{index + 1}" if isinstance(index, int) else index


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
    """pydantic's message in the house wording: lower case, no "Value error, " prefix."""
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] in ("model_type", "dict_type"):
        return "must be a mapping"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]


def findings(exc: ValidationError, data: Any, node: yaml.Node | None, display: str,
             kinds: dict[str, str] | None = None, at: tuple = ()) -> list[Finding]:
    """One :class:`Finding` per pydantic error, on the line of the deepest key the data has. An item
    of a list whose key is in ``kinds`` (``{"sections": "section"}``; the key ``None``: the items of
    ``data`` itself) names the record (its id, else ``#N``); the field is then relative to the
    innermost such record. ``at``: where the validated value sits in ``data`` (``(3,)``: item 3)."""
    out = []
    for err in exc.errors(include_url=False):
        loc = real_loc(data, (*at, *err["loc"]))
        kind, name, inner, raw = "file", None, loc, data
        for i, part in enumerate(loc):
            if (isinstance(part, int) and i and loc[i - 1] in (kinds or {})) or (i == 0 and None in (kinds or {})):
                kind, name, inner = kinds[loc[i - 1] if i else None], record_name(raw[part], part), loc[i + 1:]
            if isinstance(part, int) or (isinstance(raw, dict) and part in raw):
                raw = raw[part]
        field = ".".join(str(p) for p in inner) or None
        out.append(Finding(display, line_of(node, loc) or 1, kind, name, field, message(err)))
    return out


def duplicates(display: str, kind: str, ids: Iterable[tuple[str, int]]) -> list[Finding]:
    """A finding for every id of ``ids`` (``(id, line)`` pairs) that came before."""
    first: dict[str, int] = {}
    out = []
    for ident, line in ids:
        if ident in first:
            out.append(Finding(display, line, kind, ident, "id", f"duplicate id (first at line {first[ident]})"))
        first.setdefault(ident, line)
    return out


def check(found: Sequence[Finding]) -> None:
    """Raise the findings together, in line order, if there are any."""
    if found:
        raise SchemaError(sorted(found, key=lambda f: f.line))


def validate(model: type[BaseModel], data: Any, node: yaml.Node | None, display: str,
             kinds: dict[str, str] | None = None) -> Any:
    """``data`` as ``model``, or :class:`SchemaError` with one finding per problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise SchemaError(findings(exc, data, node, display, kinds)) from None


def load(path, model: type[BaseModel], display: str | None = None, *,
         kinds: dict[str, str] | None = None) -> tuple[Any, yaml.Node | None]:
    """The one loader: read, parse (no duplicate keys, dates stay strings) and validate a data
    file; ``(instance, node)``, or :class:`SchemaError` listing every problem with file and line."""
    display = display_path(path, display)
    data, node = load_file(path, display, kinds)
    return validate(model, data, node, display, kinds), node


def items(model: type[BaseModel], raw: list[Any] | dict[str, Any], node: yaml.Node | None, display: str, kind: str,
          rules: Callable[[Any], list[tuple[str, str]]] | None = None, *,
          required: str | None = None) -> tuple[dict[Any, Any], list[Finding]]:
    """Validate the items of a list (or the values of a mapping) one by one, so one bad item does
    not hide the others' findings. ``node``: the list's node; ``rules(item)`` gives ``(field,
    problem)`` pairs beyond the model; an id may appear once; ``required``: the list's key, when it
    must not be empty. Returns ``{index or key: item}`` of the valid items, and the findings."""
    pairs = list(raw.items() if isinstance(raw, dict) else enumerate(raw))
    good: dict[Any, Any] = {}
    out = duplicates(display, kind, [(item["id"], line_of(node, [index, "id"])) for index, item in pairs
                                     if isinstance(item, dict) and isinstance(item.get("id"), str)])
    if required and not raw:
        out.append(Finding(display, line_of(node, []) or 1, "file", None, required, "must not be empty"))
    for index, item in pairs:
        name = record_name(item, index)
        try:
            obj = model.model_validate(item)
        except ValidationError as exc:
            out += findings(exc, raw, node, display, {None: kind}, at=(index,))
            continue
        out += [Finding(display, line_of(node, [index, field]), kind, name, field, problem)
                for field, problem in (rules(obj) if rules else [])]
        good[index] = obj
    return good, out
