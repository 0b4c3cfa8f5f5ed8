"""The plumbing every generated part of a page shares (``handbook.markers``, ``handbook.ui``):

- ``on_config``: this build's ``docs/data/ui.yml`` (the interface strings) becomes the one
  ``handbook.ui`` reads, checked before any page is read; a problem stops the build with one line
  per problem (file:line);
- ``on_post_page``, last of all hooks: a ``<!-- md:name -->`` marker that no hook replaced (a
  misspelt or unknown name) stops the build, naming the page and the markers the hooks know.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook import markers, ui
from handbook.datafile import SchemaError


@event_priority(100)  # first: the hooks after it read these strings
def on_config(config):
    ui.use(Path(config.docs_dir) / "data" / "ui.yml")
    try:
        ui.load()
    except SchemaError as exc:
        raise PluginError(f"Invalid interface strings:\n{exc}") from None
    return config


@event_priority(-1000)  # after every hook, the vacancy builder (workflows.py, on_post_page) included
def on_post_page(output, page, config):
    markers.leftover(output, page.file.src_uri)
    return output
