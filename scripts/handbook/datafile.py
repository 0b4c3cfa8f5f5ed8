"""YAML with line numbers and no duplicate keys: the one loader for every data file.

One parse gives both the data and the node tree, so every schema error can name its line; a
syntax error gives its own line and the ``- id:`` record it sits in. Both schemas report their
problems as :class:`Finding` and raise them together as a :class:`SchemaError` subclass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RECORD_ID = re.compile(r"^\s*-\s+id:\s*['\"]?([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Finding:
    """One problem in a data file, located by line, item and field."""

    file: str
    line: int
    item_kind: str  # "term", "row", "fact", "level", "duty", "source" or "file"
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
    """SafeLoader that rejects a key repeated in one mapping (PyYAML keeps the last silently)."""

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


def parse(text: str, loader: type[yaml.SafeLoader] = StrictLoader) -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree, from a single pass (raises yaml.YAMLError)."""
    instance = loader(text)
    try:
        node = instance.get_single_node()
        return (instance.construct_document(node) if node is not None else None), node
    finally:
        instance.dispose()


def syntax_error(exc: yaml.YAMLError) -> tuple[int, str]:
    """1-based line and a one-line message of a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    return line, f"YAML syntax error: {problem}" + (f" ({context})" if context else "")


def id_before(text: str, line: int) -> str | None:
    """The last ``- id: …`` at or above ``line`` (1-based): names the record an error is in."""
    found = None
    for i, raw in enumerate(text.splitlines(), start=1):
        if i > line:
            break
        m = RECORD_ID.match(raw)
        if m:
            found = m.group(1)
    return found


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


def docs_file(config, relative: str) -> tuple[Path, str]:
    """A file under ``docs_dir`` and its :func:`display_path` in this build's project. Hooks that
    read a data file use this one, so a loader cached by (path, display) reads each file once per build."""
    path = Path(config.docs_dir) / relative
    return path, display_path(path, project=Path(config.config_file_path or ".").resolve().parent)


def load_file(path, display: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Read and parse a data file; a syntax error or a duplicate key raises :class:`SchemaError`
    with one :class:`Finding` naming the file and line."""
    display = display_path(path, display)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError([Finding(display, 0, "file", None, None, f"cannot read: {exc}")]) from None
    try:
        return parse(text)
    except yaml.YAMLError as exc:
        line, message = syntax_error(exc)
        record = id_before(text, line)
        raise SchemaError([Finding(display, line, "record" if record else "file", record, None, message)]) from None
