"""Site facts, defined once: languages, the default language, page URLs, clause numbers.

The languages come from ``mkdocs.yml`` (the ``i18n`` plugin's list); everything else derives from
them. A page is named by its base name without locale (``job-instruction``; ``index`` for home).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

CLAUSE_ID = re.compile(r"^(?:p-(?P<major>\d+)-(?P<minor>\d+)|ext-(?P<ext>\d+))$")
# Optional ("extended") duties are numbered with a letter per language: «Д.3» / "E.3".
EXT_PREFIX = {"ru": "Д", "en": "E"}


@dataclass(frozen=True)
class Languages:
    codes: tuple[str, ...]
    default: str

    def prefix(self, lang: str) -> str:
        """URL prefix of a language: ``""`` for the default, ``"en/"`` otherwise."""
        return "" if lang == self.default else f"{lang}/"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV and !!python tags; the language list needs neither."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@lru_cache(maxsize=8)
def languages(config_file: Path = ROOT / "mkdocs.yml") -> Languages:
    """The site's languages in ``mkdocs.yml`` order and the default one."""
    data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            codes = tuple(e["locale"] for e in entries)
            default = next((e["locale"] for e in entries if e.get("default")), codes[0])
            return Languages(codes, default)
    return Languages(("en",), "en")


def page_path(page: str, lang: str, langs: Languages | None = None) -> str:
    """Site-relative URL path of a page in a language: ``en/job-instruction/``, ``""`` for home."""
    langs = langs or languages()
    base = "" if page in ("", "index") else f"{page.strip('/')}/"
    return f"{langs.prefix(lang)}{base}"


def page_url(page: str, lang: str, anchor: str | None = None, root: str = "/",
             langs: Languages | None = None) -> str:
    """URL of a page in a language under ``root`` (``/`` or the absolute ``site_url``)."""
    url = root.rstrip("/") + "/" + page_path(page, lang, langs)
    return f"{url}#{anchor}" if anchor else url


def clause_number(clause_id: str, lang: str) -> str:
    """``p-2-5`` -> ``2.5``; ``ext-3`` -> ``Д.3`` (ru) / ``E.3`` (en). ValueError if not a clause id."""
    m = CLAUSE_ID.match(clause_id)
    if not m:
        raise ValueError(f"not a clause id: {clause_id!r} (expected p-<section>-<n> or ext-<n>)")
    if m["ext"]:
        return f"{EXT_PREFIX.get(lang, 'E')}.{m['ext']}"
    return f"{m['major']}.{m['minor']}"


def clause_id(number: str) -> str:
    """``2.5`` -> ``p-2-5``; ``Д.3`` / ``E.3`` -> ``ext-3``."""
    major, _, minor = number.partition(".")
    if major in EXT_PREFIX.values():
        return f"ext-{minor}"
    return f"p-{major}-{minor}"
