"""Serve the site's own stylesheets as one file: one render-blocking request instead of five.

``extra_css`` in mkdocs.yml stays a list of small files, one per concern (site, print, glossary,
career, a11y). At build time they are concatenated, in order, into
``assets/stylesheets/handbook.<hash>.css``; pages link only that file. The content hash in the
name lets servers cache it forever (deploy/nginx.conf treats ``*.<8 hex>.css`` as immutable).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_sources: list[str] = []


def _bundle(docs_dir: Path, sources: list[str]) -> tuple[str, str]:
    parts = []
    for src in sources:
        path = docs_dir / src
        try:
            parts.append(f"/* {src} */\n" + path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise PluginError(f"mkdocs.yml extra_css: cannot read docs/{src}: {exc.strerror}") from None
    text = "\n".join(parts)
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"assets/stylesheets/handbook.{digest}.css", text


@event_priority(-120)  # after mkdocs-static-i18n has set up this language's config
def on_config(config):
    global _sources
    local = [css for css in config.extra_css if "://" not in str(css)]
    if not (len(local) == 1 and str(local[0]).startswith("assets/stylesheets/handbook.")):
        _sources = [str(css) for css in local]  # first pass of this build: remember the files
    name, _ = _bundle(Path(config.docs_dir), _sources)
    config.extra_css = [css for css in config.extra_css if "://" in str(css)] + [name]
    return config


def on_post_build(config):
    name, text = _bundle(Path(config.docs_dir), _sources)
    target = Path(config.site_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
