"""``mkdocs serve`` picks up edits to the package: listed first under ``hooks:`` in mkdocs.yml.

MkDocs loads each hook file once per process and Python keeps what it imported, so a rebuild of
``mkdocs serve`` would run old code after an edit to ``scripts/handbook/``. Before each build's
config is used, ``handbook.reload_if_changed`` re-imports the package's modules in place when a
file changed. Templates (``overrides/partials``) are re-read when they change and data files are
read once per build, so neither needs a restart. An edit to a hook file itself still does:
restart ``make serve``.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

import handbook


@event_priority(100)  # before every other hook's and plugin's on_config
def on_config(config):
    handbook.reload_if_changed()
    return config
