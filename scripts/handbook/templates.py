"""Markup lives in Jinja templates under ``overrides/partials/``; this renders them.

The environment looks in the theme's folders (``overrides/`` first, as Material's own templates
do), escapes ``.html`` templates automatically, and re-reads a template when it changes, so
``mkdocs serve`` shows edits at the next rebuild. Templates whose output is Markdown (the glossary
page, the career levels) switch autoescape off and escape with the ``md`` filter themselves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jinja2

from handbook.site import ROOT

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def md_text(text: object) -> str:
    """Plain data text made safe for Markdown: HTML-escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


@lru_cache(maxsize=4)
def environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_text
    return env


def render(name: str, config=None, dirs: Iterable[str | Path] | None = None, **context) -> str:
    """Render ``partials/<name>`` from the build's theme folders (``config.theme.dirs``), or from
    ``dirs``, or from this project's ``overrides/``."""
    if dirs is None:
        dirs = config.theme.dirs if config is not None else [ROOT / "overrides"]
    return environment(tuple(str(d) for d in dirs)).get_template(f"partials/{name}").render(**context)
