"""The handbook's data under ``/data/v1/`` and the ``Occupation`` JSON-LD: a thin adapter between
MkDocs and ``handbook.open_data`` (model, builders, schemas) and ``handbook.occupation`` (markup).

- ``on_config``: load ``docs/data/open-data.yml``; a problem stops the build, one ``file:line`` each.
- ``on_files``: build every ``data/v1/*.json`` and its schema (bad data stops the build).
- ``on_page_markdown``: markers on the data page (``docs/open-data.*.md``), each a Markdown partial
  of the same name in ``overrides/partials/`` (so its links are checked by the strict build):
  ``<!-- md:open-data-files -->`` the table of files from index.json as built,
  ``<!-- md:open-data-codes -->`` the occupation codes and their classifiers,
  ``<!-- md:open-data-examples -->`` fetching with curl, Python and JavaScript at this site's URL.
- ``on_page_context``: on the role pages (``occupation.pages``), the ``Occupation`` JSON-LD
  (``overrides/partials/occupation-jsonld.html``) goes into ``page.meta.structured_data``, which
  ``overrides/main.html`` prints in ``<head>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import build, markers, occupation, open_data, site, templates, workflows
from handbook.datafile import SchemaError

MARKERS = ("open-data-files", "open-data-codes", "open-data-examples")  # each a partial of the same name

_state: dict[str, Any] = {}


def on_config(config):
    _state["settings"] = build.load("open data settings", config, open_data.DATA_FILE, open_data.load_settings)
    _state.pop("files", None)
    _state["occupation"] = {}  # language -> the Occupation, built once per build
    return config


def _files(config) -> dict[str, str]:
    if "files" not in _state:
        try:
            _state["files"] = open_data.build(Path(config.docs_dir), site.root_url(config), _state["settings"])
        except (SchemaError, open_data.PublishError) as exc:
            raise PluginError(f"Cannot publish /{open_data.BASE}/:\n{exc}") from None
    return _state["files"]


@event_priority(-110)  # after mkdocs-static-i18n (-100), which cannot handle in-memory files
def on_files(files: Files, config) -> Files:
    return build.add_generated(files, config, _files(config))


def on_page_markdown(markdown, page, config, files):
    lang = site.page_language(page, config)

    def renderer(template: str):
        def render() -> str:
            settings = _state["settings"]
            index = json.loads(_files(config)[f"{open_data.BASE}/index.json"])
            return templates.render(template, config, base=open_data.BASE, index=index, lang=lang,
                                    root=site.root_url(config), categories=settings.occupation.categories,
                                    ui=settings.ui[lang])
        return markers.no_args(render)

    return markers.expand(markdown, page.file.src_uri, {name: renderer(f"{name}.html") for name in MARKERS}, "open_data")


def on_page_context(context, page, config, nav):
    settings = _state["settings"]
    if site.page_name(page.file.src_uri) not in settings.occupation.pages:
        return context
    lang = site.page_language(page, config)
    root = site.root_url(config)
    if lang not in _state["occupation"]:
        _state["occupation"][lang] = occupation.occupation(settings, Path(config.docs_dir), lang, root)
    data = {**_state["occupation"][lang], "mainEntityOfPage": {"@type": "WebPage", "@id": urljoin(root, page.url)}}
    markup = templates.render("occupation-jsonld.html", config, json_ld=workflows.script_json(data))
    page.meta.setdefault("structured_data", []).append(markup)
    return context
