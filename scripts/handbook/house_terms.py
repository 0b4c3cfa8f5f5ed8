"""The house terms, ``docs/data/house-terms.yml``: the one schema of the file.

The file names, per language, the term the handbook uses and the variants it does not::

    spelling: {en: british}              # optional, per language: british | american
    terms:
      - id: job-description              # ^[a-z0-9]+(-[a-z0-9]+)*$, unique
        en:
          prefer: job description
          avoid:
            - {text: job instruction, why: "a calque of «должностная инструкция»"}
          synonyms: [job spec]           # optional: words readers search with (not reported)

The validator (``scripts/validator/house_terms.py``: avoided variants on pages, S001) and the
published ``/data/v1/house-terms.json`` (``handbook.open_data``, whose JSON Schema is made from
:class:`HouseTerm`) both read the file with :func:`load`. A problem is one line naming file and line::

    docs/data/house-terms.yml:6: term 'a': field 'en.avoid.0.why': required field is missing
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, Field

from handbook import datafile
from handbook.datafile import Strict
from handbook.records import NonEmpty

DATA_FILE = "data/house-terms.yml"  # relative to docs_dir
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _term_id(value: str) -> str:
    # a check of the file, not a promise of /data/v1/ (its schema says only "not empty")
    if not ID_RE.match(value):
        raise ValueError(f"must be lower-case words joined by hyphens ({ID_RE.pattern}), got {value!r}")
    return value


class Avoided(Strict):
    text: NonEmpty
    why: NonEmpty


class HouseTermLanguage(Strict):
    prefer: NonEmpty
    avoid: list[Avoided] = []
    synonyms: list[NonEmpty] = Field(default=[], description="words readers search with for the term (never avoided)")


class HouseTerm(Strict):
    id: Annotated[NonEmpty, AfterValidator(_term_id)]
    ru: HouseTermLanguage | None = None
    en: HouseTermLanguage | None = None


class HouseTermsFile(Strict):
    spelling: dict[Literal["ru", "en"], Literal["british", "american"]] = {}  # the languages of HouseTerm
    terms: list[HouseTerm]


def load(path: str | Path, display: str | None = None) -> tuple[HouseTermsFile, yaml.Node | None]:
    """The file and its node tree (the lines of its variants), or
    :class:`~handbook.datafile.SchemaError` listing every problem; a term id may appear once."""
    display = datafile.display_path(path, display)
    terms, node = datafile.load(path, HouseTermsFile, display, kinds={"terms": "term"})
    listed = datafile.child(node, "terms")
    datafile.check(datafile.duplicates(display, "term", [(term.id, datafile.line_of(listed, [i, "id"]))
                                                         for i, term in enumerate(terms.terms)]))
    return terms, node
