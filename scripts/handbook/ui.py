"""Interface strings: ``docs/data/ui.yml``, one mapping per feature and language.

``strings("salaries")["en"]["axis"]``: the file is read when first asked for and again when it
changes (``mkdocs serve``). Every feature must give every language of ``mkdocs.yml`` the same keys,
at every depth (lists may differ in length: plural forms); a problem is a :class:`~handbook.datafile.SchemaError` naming file and line (a
``ValueError``: the marker hooks turn it into one build error line).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from handbook import site
from handbook.datafile import Finding, SchemaError, cached, check, display_path, line_of, load_file

FILE = site.ROOT / "docs" / "data" / "ui.yml"
_active = {"file": FILE}  # the build's own file (a copied project reads its copy): see use()


def _shape(value: Any) -> Any:
    """What must match between languages: keys, recursively (a list may differ in length: Russian
    has three plural forms, English two)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    return type(value).__name__


@cached
def _load(path: Path) -> dict[str, dict[str, Any]]:
    display = display_path(path)
    if Path(display).is_absolute():  # a copied project: <project>/docs/data/ui.yml
        display = display_path(path, project=Path(path).resolve().parents[2])
    data, node = load_file(path, display)
    langs = site.languages().codes
    if not isinstance(data, dict):
        raise SchemaError([Finding(display, 1, "file", None, None, "must be a mapping of features")])
    found = []
    for feature, texts in data.items():
        if feature == "schema_version":
            continue
        if not isinstance(texts, dict) or set(texts) != set(langs):
            found.append(Finding(display, line_of(node, [feature]), "feature", feature, None,
                                 f"needs exactly the languages {', '.join(langs)}"))
            continue
        first = _shape(texts[langs[0]])
        for lang in langs[1:]:
            if _shape(texts[lang]) != first:
                found.append(Finding(display, line_of(node, [feature, lang]), "feature", feature, lang,
                                     f"keys differ from '{langs[0]}'"))
    check(found)
    return data


def use(path: Path) -> None:
    """Read the strings from ``path`` from now on (a build hook passes its ``docs_dir``'s file)."""
    _active["file"] = Path(path)


def load(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every feature's strings, checked (re-read when the file changes)."""
    return _load(Path(path or _active["file"]))


class Strings(Mapping):
    """``lang -> strings`` of one feature, read lazily (a module can hold one at import time)."""

    def __init__(self, feature: str) -> None:
        self.feature = feature

    def _all(self) -> dict[str, Any]:
        return load()[self.feature]

    def __getitem__(self, lang: str) -> Any:
        return self._all()[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def strings(feature: str) -> Strings:
    return Strings(feature)


def human_date(value: str, lang: str, style: str = "short") -> str:
    """An ISO date in words, by ui.yml's ``dates``: ``2023`` → «2023 год» / "2023"; ``2022-04`` →
    «апрель 2022» / "April 2022"; ``2019-03-26`` → «26 марта 2019» / "26 March 2019"; ``style="full"``
    (a citation's running text) adds «года» in Russian; ``style="document"`` is «01.12.2026» /
    "1 December 2026"."""
    words = load()["dates"][lang]
    parts = value.split("-")
    if len(parts) == 1:
        return words[style]["year"].format(y=parts[0])
    month = int(parts[1]) - 1
    if len(parts) == 2:
        return words[style]["month"].format(month=words["months_nominative"][month], mm=parts[1], y=parts[0])
    return words[style]["day"].format(d=int(parts[2]), dd=parts[2], month=words["months"][month], mm=parts[1],
                                      y=parts[0])
