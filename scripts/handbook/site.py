"""Site facts, defined once: languages, the default language, page URLs, clause numbers.

The languages come from ``mkdocs.yml`` (the ``i18n`` plugin's list): :func:`languages` is the one
reader of that file outside MkDocs itself. Everything else derives from them. A page is named by
its base name without locale (``job-instruction``; ``index`` for home); build hooks ask
:func:`page_language` for a page's language and :func:`root_url` for the site's root.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

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


@dataclass(frozen=True)
class PyRef:
    """A ``!!python/…`` tag, kept unresolved until something needs it."""

    name: str
    args: tuple = ()
    kwds: tuple = ()  # sorted (key, value) pairs
    call: bool = False

    def resolve(self) -> Any:
        module, _, attr = self.name.rpartition(".")
        obj = getattr(importlib.import_module(module), attr)
        return obj(*self.args, **dict(self.kwds)) if self.call else obj


class ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader for ``mkdocs.yml``: MkDocs' tags (``!ENV`` by pyyaml_env_tag, as MkDocs reads it;
    ``!relative``) and PyYAML's Python tags (kept as :class:`PyRef`), executing nothing while loading.
    The one reader of ``mkdocs.yml`` besides MkDocs itself (the site's and, in the validator, any site's)."""


def _relative(loader: ConfigLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


def _py_name(loader: ConfigLoader, suffix: str, node: yaml.Node) -> PyRef:
    return PyRef(suffix)


def _py_apply(loader: ConfigLoader, suffix: str, node: yaml.Node) -> PyRef:
    if isinstance(node, yaml.SequenceNode):
        return PyRef(suffix, tuple(loader.construct_sequence(node, deep=True)), (), True)
    value = loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else {}
    kwds = value.get("kwds") or {}
    return PyRef(suffix, tuple(value.get("args") or ()), tuple(sorted(kwds.items())), True)


def _unknown(loader: ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


ConfigLoader.add_constructor("!ENV", construct_env_tag)  # what MkDocs itself uses
ConfigLoader.add_constructor("!relative", _relative)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _py_name)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _py_apply)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _py_name)
ConfigLoader.add_multi_constructor("!", _unknown)


def read_config(config_file: Path | str = ROOT / "mkdocs.yml") -> dict:
    """``mkdocs.yml`` as plain data (:class:`ConfigLoader`). Not MkDocs' ``load_config``: that loads
    the theme and every plugin, 1.9-3.4 s against 0.04 s here (measured), and the validator's whole
    warm run is about 1 s."""
    return yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=ConfigLoader) or {}


def languages(config_file: Path | str | None = None) -> Languages:
    """The site's languages in ``mkdocs.yml`` order and the default one.

    ``config_file`` may also be a loaded MkDocs config (a build hook passes its ``config``)."""
    if config_file is None:
        config_file = ROOT / "mkdocs.yml"
    elif not isinstance(config_file, (str, Path)):  # a MkDocsConfig
        config_file = config_file.config_file_path or ROOT / "mkdocs.yml"
    return _languages(Path(config_file).resolve())


@lru_cache(maxsize=8)
def _languages(config_file: Path) -> Languages:
    data = read_config(config_file)
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            codes = tuple(e["locale"] for e in entries)
            default = next((e["locale"] for e in entries if e.get("default")), codes[0])
            return Languages(codes, default)
    return Languages(("en",), "en")


def normalise(locale: str) -> str:
    """``en_GB`` / ``en-GB`` / ``EN`` -> ``en``."""
    return str(locale).replace("_", "-").split("-")[0].lower()


def is_russian(lang: str) -> bool:
    """The one test for "is this Russian?" (``ru``, ``ru-RU``, ``ru_RU``): Russian morphology,
    typography and wording rules apply."""
    return normalise(lang) == "ru"


def page_language(page, config) -> str:
    """The language of a page being built: ``page.file.locale`` (set by mkdocs-static-i18n),
    else the build's theme language; the default language when neither is a site language.
    ``page`` may be a Page or a File."""
    langs = languages(config)
    file = getattr(page, "file", page)
    lang = normalise(getattr(file, "locale", None) or build_language(config) or langs.default)
    return lang if lang in langs.codes else langs.default


def build_language(config) -> str:
    """The language mkdocs-static-i18n is building now (the theme language it sets per build)."""
    theme = config.theme
    return normalise(theme["language"] if "language" in theme else languages(config).default)


def root_url(config) -> str:
    """``site_url`` with a trailing slash (absolute URLs start here)."""
    url = config.site_url or ""
    return url if url.endswith("/") else url + "/"


def language_of(path: str, langs: Languages | None = None) -> str:
    """Language of a site-relative URL path or search location: ``en/glossary/#ctr`` -> ``en``."""
    langs = langs or languages()
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in langs.codes and first != langs.default else langs.default


def page_name(path: str, langs: Languages | None = None) -> str:
    """Page of a site-relative URL path or a docs-relative source: ``en/glossary/#ctr``,
    ``glossary.md``, ``glossary.en.md`` -> ``glossary``; the home page is ``index``."""
    langs = langs or languages()
    path = path.split("#")[0]
    if path.endswith(".md"):
        stem = path[:-3]
        for code in langs.codes:
            stem = stem.removesuffix(f".{code}")
        return stem
    parts = path.strip("/").split("/")
    if parts[0] in langs.codes:
        parts = parts[1:]
    return "/".join(parts) if parts and parts[0] else "index"


def page_path(page: str, lang: str, langs: Languages | None = None) -> str:
    """Site-relative URL path of a page in a language: ``en/job-instruction/``, ``""`` for home."""
    langs = langs or languages()
    page = page.removesuffix(".md").strip("/")
    page = "" if page == "index" else page.removesuffix("/index")
    base = f"{page}/" if page else ""
    return f"{langs.prefix(lang)}{base}"


def page_url(page: str, lang: str, anchor: str | None = None, root: str = "/",
             langs: Languages | None = None) -> str:
    """URL of a page (``job-instruction`` or ``job-instruction.md``) in a language under ``root``
    (``/``, a server's base URL or the absolute ``site_url``)."""
    url = root.rstrip("/") + "/" + page_path(page, lang, langs)
    return f"{url}#{anchor}" if anchor else url


def built_file(site_dir: Path, page: str, lang: str, langs: Languages | None = None) -> Path:
    """The HTML file of a page in a built site: ``site/en/glossary/index.html``."""
    return Path(site_dir) / page_path(page, lang, langs) / "index.html"


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
