"""Career ladder: validate ``docs/data/career.yml`` and render it into pages.

The schema and loader are ``handbook.career``; a bad record stops the build in ``on_config`` with
one line per problem (file, line, level, field). Markers, replaced in ``on_page_markdown``
(invisible in a plain Markdown viewer):

    <!-- md:career-ladder -->   the ladder (overrides/partials/career-ladder.html)
    <!-- md:career-levels -->   a ``###`` section per level, id ``level-<id>`` in every language
                                (overrides/partials/career-levels.html, Markdown)

An unknown ``career-*`` marker stops the build. Level sections are generated as Markdown, so their
links to job-instruction clauses are checked by ``mkdocs build --strict`` like any other link.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from handbook import career, datafile, site, templates

DATA_FILE = "data/career.yml"  # relative to docs_dir
MARKER_RE = re.compile(r"<!--\s*md:(?P<name>[a-z0-9-]+)(?P<args>(?:\s+[^\s>]+)*)\s*-->")
OWNED_PREFIX = "career-"
TEMPLATES = {"career-ladder": "career-ladder.html", "career-levels": "career-levels.html"}

_data: dict[str, career.CareerData] = {}  # this build's validated data


def on_config(config):
    path, display = datafile.docs_file(config, DATA_FILE)
    try:
        _data["career"] = career.load_career(path, display=display)
    except career.DataError as exc:
        raise PluginError(f"Invalid career data:\n{exc}") from None
    return config


def on_page_markdown(markdown, page, config, files):
    if "md:" + OWNED_PREFIX not in markdown:
        return markdown
    view = career.page_view(_data["career"], site.page_language(page, config))

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if not name.startswith(OWNED_PREFIX):
            return match.group(0)
        if name not in TEMPLATES:
            raise PluginError(
                f"{page.file.src_uri}: unknown marker <!-- md:{name} --> "
                f"(the career hook knows: {', '.join(sorted(TEMPLATES))})"
            )
        if match.group("args").strip():
            raise PluginError(f"{page.file.src_uri}: <!-- md:{name} --> takes no arguments")
        rendered = templates.render(TEMPLATES[name], config, markdown=name == "career-levels", **view)
        return "\n\n" + rendered.strip("\n") + "\n\n" if name == "career-ladder" else rendered

    return MARKER_RE.sub(replace, markdown)
