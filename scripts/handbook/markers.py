"""``<!-- md:name arg … -->``: where a page asks a build hook for generated content.

One grammar and one registry, as Material's ``shortcodes.py`` keeps them:

- :data:`PATTERN` is the only parser of the marker (hooks and the validator's scanner use it);
- a hook replaces its markers with :func:`expand`, handing it ``{name: render(args) -> str}``;
  every name it handles is recorded in :data:`KNOWN` (name -> hook);
- a marker that no hook replaced is an error: ``overrides/hooks/markers.py`` runs last and stops the
  build with :func:`leftover`, naming the page and the markers it knows. A typo
  (``md:salary-tabel``) therefore fails loudly instead of leaving an invisible comment.

In a plain Markdown viewer a marker is an invisible HTML comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from mkdocs.exceptions import PluginError

PATTERN = re.compile(r"<!--\s*md:(?P<name>[a-z0-9-]+)(?P<args>(?:\s+[^\s>]+)*)\s*-->")
#: name -> the hook module that replaced it in this process (for the "known" list of errors)
KNOWN: dict[str, str] = {}

Renderer = Callable[[list[str]], str]


class MarkerError(PluginError):
    """A marker used wrongly: the build stops with this one line."""


def expand(text: str, where: str, renderers: Mapping[str, Renderer], owner: str = "") -> str:
    """``text`` with every marker named in ``renderers`` replaced by ``render(args)``; markers of
    other hooks are left as they are. ``where`` (the page's source) starts each error message."""
    for name in renderers:
        KNOWN.setdefault(name, owner)
    if "md:" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        render = renderers.get(name)
        if render is None:
            return match[0]
        try:
            return render(match["args"].split())
        except (MarkerError, ValueError) as exc:  # ValueError: the data has nothing to show
            raise MarkerError(f"{where}: <!-- md:{name} -->: {exc}") from None

    return PATTERN.sub(replace, text)


def no_args(render: Callable[[], str]) -> Renderer:
    """A renderer for a marker that takes no arguments."""

    def checked(args: list[str]) -> str:
        if args:
            raise MarkerError("takes no arguments")
        return render()

    return checked


def leftover(html: str, where: str) -> None:
    """Raise :class:`MarkerError` if a marker survived every hook (an unknown or misspelt name)."""
    names = sorted({m["name"] for m in PATTERN.finditer(html)})
    if names:
        known = ", ".join(sorted(KNOWN)) or "none"
        raise MarkerError(f"{where}: unknown marker <!-- md:{names[0]} -->"
                          f"{' (and ' + ', '.join(names[1:]) + ')' if names[1:] else ''}; no hook replaces it "
                          f"(known: {known})")
