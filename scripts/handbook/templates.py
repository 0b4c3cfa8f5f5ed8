"""Markup lives in Jinja templates under ``overrides/partials/``; this is the one environment that
renders them (the build hooks, the salary views, the competency kit, the tests).

- Lookup: ``<theme custom_dir>/partials/<name>`` of the build (a copied project renders its own
  templates), else this project's ``overrides/partials/``. Templates include each other by the same
  names (``salaries/_source.html``).
- Autoescape is always on. A template whose output is Markdown (glossary, career levels, the
  competency kit) is rendered with ``markdown=True``: every value it prints is then HTML-escaped and
  its Markdown punctuation backslashed (:func:`md_text`), so data text stays text in both languages.
  Data that is Markdown by contract (a glossary term's ``full``) goes through the ``markdown``
  filter: HTML-escaped, Markdown kept.
- Templates are re-read when they change, so ``mkdocs serve`` shows edits at the next rebuild.

Material's own overrides (``partials/search.html``, ``copyright.html``, ``main.html``) are rendered
by the theme, not here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from handbook import ids, site

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def md_text(text: object) -> str:
    """Plain data text made safe for Markdown: HTML-escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def md_filter(value: object) -> Markup:
    """``{{ x|md }}``: plain text for a Markdown template (already-safe markup passes through)."""
    return value if isinstance(value, Markup) else Markup(md_text(value))


def markdown_filter(value: object) -> Markup:
    """``{{ x|markdown }}``: data whose Markdown is meant (links, emphasis); its HTML is escaped."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=False))


def lcfirst(text: str) -> str:
    """«Аналитика» -> «аналитика»; «SEO и сайт» stays."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    if callable(value) and not isinstance(value, (str, jinja2.Undefined)):
        raise TypeError(f"{context.name}: a template printed a callable ({value!r}); a key is misspelt or shadowed")
    if context.get("markdown") is True and isinstance(value, str) and not isinstance(value, Markup):
        return md_filter(value)
    return value


def partials_dir(config=None) -> Path:
    custom = config["theme"].custom_dir if config is not None else None
    return Path(custom or site.ROOT / "overrides") / "partials"


class _Environment(jinja2.Environment):
    """Items before attributes for mappings: data keys such as ``clear`` or ``items`` are values
    for the reader, not the dict's methods (Jinja's default looks attributes up first)."""

    def getattr(self, obj, attribute):
        if isinstance(obj, Mapping) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@lru_cache(maxsize=4)
def environment(folder: str | None = None) -> jinja2.Environment:
    """The environment over ``folder`` (default: this project's ``overrides/partials/``)."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(folder or str(partials_dir())),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md_filter, markdown=markdown_filter, lcfirst=lcfirst)
    env.globals.update(clause_number=site.clause_number, ids=ids)  # ids: generated ids have one home
    return env


def render(name: str, config=None, *, markdown: bool = False, dirs=None, **context) -> str:
    """Render ``partials/<name>`` of the build ``config`` (or of the first of the theme folders
    ``dirs``, i.e. ``config.theme.dirs``, that has it; or of this project);
    ``markdown=True`` for a template whose output is Markdown (see the module docstring)."""
    found = [Path(d) / "partials" for d in dirs or () if (Path(d) / "partials" / name).is_file()]
    folder = found[0] if found else partials_dir(config)
    env = environment(str(folder))
    return env.get_template(name).render(markdown=markdown, **context)
