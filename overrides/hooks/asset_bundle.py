"""Serve the site's own stylesheets and scripts as one file each: fewer requests, cached for good.

``extra_css`` and ``extra_javascript`` in mkdocs.yml stay lists of small files, one per concern
(site, print, glossary, …; copy links, tables, tooltips). At build time each list's local files
are concatenated, in order, into ``assets/stylesheets/handbook.<hash>.css`` and
``assets/javascripts/handbook.<hash>.js``; pages link only those (one render-blocking stylesheet
instead of five, one script instead of three). The content hash in the name lets servers cache
them forever (deploy/nginx.conf treats ``*.<8 hex>.css|js`` as immutable).

Scripts must all be ``defer: true``: the bundle is deferred, so it still runs after Material's
bundle and the files run in their listed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook import build


@dataclass(frozen=True)
class Kind:
    setting: str    # the mkdocs.yml list
    folder: str     # where the bundle is written, relative to the site
    suffix: str
    separator: str  # between files: a comment naming the source, and for JS a statement end


KINDS = (
    Kind("extra_css", "assets/stylesheets", "css", "\n/* {src} */\n"),
    Kind("extra_javascript", "assets/javascripts", "js", "\n;/* {src} */\n"),
)
_sources: dict[str, list[str]] = {}  # setting -> the local files listed in mkdocs.yml


def _path(entry) -> str:
    return str(entry.path if isinstance(entry, ExtraScriptValue) else entry)


def _is_local(entry) -> bool:
    return "://" not in _path(entry)


def _bundle(config, kind: Kind, sources: list[str]) -> tuple[str, str]:
    text = "".join(kind.separator.format(src=src) + build.read_source(config, src, f"mkdocs.yml {kind.setting}")
                   for src in sources).lstrip("\n;")
    return build.hashed_name(kind.folder, "handbook", kind.suffix, text), text


def _check_deferred(entries: list) -> None:
    for entry in entries:
        if not (isinstance(entry, ExtraScriptValue) and entry.defer and not entry.async_ and not entry.type):
            raise PluginError(
                f"mkdocs.yml extra_javascript: {_path(entry)} must be listed with `defer: true` "
                "(and no async or type): the site's scripts are served as one deferred bundle"
            )


def _bundled(kind: Kind, name: str):
    if kind.setting == "extra_css":
        return name
    script = ExtraScriptValue(name)
    script.defer = True
    return script


@event_priority(-120)  # after mkdocs-static-i18n has set up this language's config
def on_config(config):
    for kind in KINDS:
        entries = list(config[kind.setting])
        local = [e for e in entries if _is_local(e)]
        first_pass = not (len(local) == 1 and Path(_path(local[0])).name.startswith("handbook."))
        if first_pass:  # this build's first config (static-i18n configures each language again)
            if kind.setting == "extra_javascript":
                _check_deferred(local)
            _sources[kind.setting] = [_path(e) for e in local]
        if not _sources.get(kind.setting):
            continue
        name, _ = _bundle(config, kind, _sources[kind.setting])
        config[kind.setting] = [e for e in entries if not _is_local(e)] + [_bundled(kind, name)]
    return config


def on_post_build(config):
    for kind in KINDS:
        if _sources.get(kind.setting):
            build.write(config.site_dir, *_bundle(config, kind, _sources[kind.setting]))
