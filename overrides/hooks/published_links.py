"""The link promise: ``<!-- md:published-links -->`` becomes the table of permanent URLs.

The registry (``docs/data/published-links.yml``, schema ``handbook.links``) lists every URL (page +
anchor) the handbook promises to keep; a malformed entry, or a link to a clause that
``docs/data/job-description.yml`` does not have, stops the build in ``on_config`` with one line
naming file and line. Recruiters copy the URLs from the table
(``overrides/partials/published-links.html``); tests and scripts/validate.py check that each one
resolves in every language.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook import datafile, job_description, links, site, templates, ui

MARKER = "<!-- md:published-links -->"
REGISTRY = "data/published-links.yml"  # relative to docs_dir
UI = ui.strings("published-links")  # docs/data/ui.yml
_registry: dict[str, links.Registry] = {}


def on_config(config):
    path, display = datafile.docs_file(config, REGISTRY)
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        clause_ids = set(job_description.load_for_build(config.docs_dir, project).ids())
    except job_description.DataError:
        clause_ids = None  # job_description.py stops the build with the details
    try:
        _registry["links"] = links.load_links(path, display, clause_ids)
    except links.DataError as exc:
        raise PluginError(f"Invalid published-links registry:\n{exc}") from None
    return config


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = site.page_language(page, config)
    table = templates.render("published-links.html", config, ui=UI[lang], lang=lang,
                             links=_registry["links"].links, root=site.root_url(config))
    return markdown.replace(MARKER, table.rstrip("\n"))
