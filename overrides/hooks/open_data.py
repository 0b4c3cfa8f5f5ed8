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
import re
from pathlib import Path
from urllib.parse import urljoin
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from handbook import datafile, occupation, open_data, site, templates
from handbook.datafile import SchemaError

MARKER_RE = re.compile(r"<!--\s*md:(?P<name>open-data-[a-z0-9-]+)(?P<args>[^>]*?)\s*-->")
RENDERERS = {name: f"{name}.html" for name in ("open-data-files", "open-data-codes", "open-data-examples")}

_state: dict[str, Any] = {}


def on_config(config):
    path, display = datafile.docs_file(config, open_data.DATA_FILE)
    try:
        _state["settings"] = open_data.load_settings(path, display)
    except SchemaError as exc:
        raise PluginError(f"Invalid open data settings:\n{exc}") from None
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
    for uri, content in _files(config).items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown, page, config, files):
    if "md:open-data-" not in markdown:
        return markdown
    lang = site.page_language(page, config)

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_uri}: unknown marker <!-- md:{name} --> "
                              f"(the open data hook knows: {', '.join(sorted(RENDERERS))})")
        if match.group("args").strip():
            raise PluginError(f"{page.file.src_uri}: <!-- md:{name} --> takes no arguments")
        settings = _state["settings"]
        index = json.loads(_files(config)[f"{open_data.BASE}/index.json"])
        return templates.render(RENDERERS[name], config, base=open_data.BASE, index=index, lang=lang,
                                root=site.root_url(config), categories=settings.occupation.categories,
                                ui=settings.ui[lang])

    return MARKER_RE.sub(replace, markdown)


def on_page_context(context, page, config, nav):
    settings = _state["settings"]
    if site.page_name(page.file.src_uri) not in settings.occupation.pages:
        return context
    lang = site.page_language(page, config)
    root = site.root_url(config)
    if lang not in _state["occupation"]:
        _state["occupation"][lang] = occupation.occupation(settings, Path(config.docs_dir), lang, root)
    data = {**_state["occupation"][lang], "mainEntityOfPage": {"@type": "WebPage", "@id": urljoin(root, page.url)}}
    markup = templates.render("occupation-jsonld.html", config, json_ld=occupation.script_json(data))
    page.meta.setdefault("structured_data", []).append(markup)
    return context
