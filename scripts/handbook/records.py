"""Types every data-file model shares: texts in both languages, ISO dates, the seed sources.

The strict base, the loader and the findings are :mod:`handbook.datafile`'s (re-exported here for
the modules that import them from this one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, model_validator

from handbook.datafile import Strict


#: The source articles (``shared/seeds/*.txt``), by file stem.
SEEDS = (
    "000_ece43b89732f3070",
    "001_171b471a7ba6e810",
    "002_2e1474e9334d8751",
    "003_0b938702c1d2bd68",
    "004_19986c1b1e6fe235",
)

ISO_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_date(value: str) -> dt.date:
    """First day of an ISO date, month or year."""
    parts = value.split("-") + ["01", "01"]
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _iso(value: str) -> str:
    if not ISO_RE.match(value):
        raise ValueError(f"must be an ISO date YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")
    try:
        parse_date(value)
    except ValueError as exc:
        raise ValueError(f"not a real date: {value!r} ({exc})") from None
    return value


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A record's id: lower-case words joined by hyphens (``jd-article-2019``, ``ctr``).
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
#: A date as a source states it: a day, a month or a year (``2019-03-26``, ``2019-03``, ``2019``).
IsoDate = Annotated[str, AfterValidator(_iso)]


class Localized(Strict):
    """A text in both languages."""

    ru: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return getattr(self, lang)  # a language code of mkdocs.yml: a field of the model


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
        return getattr(self, lang)
