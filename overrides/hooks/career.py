"""Career ladder: validate ``docs/data/career.yml`` and render it into pages.

The schema and loader are ``handbook.career``; a bad record stops the build in ``on_config`` with
one line per problem (file, line, level, field). Markers, replaced in ``on_page_markdown``
(invisible in a plain Markdown viewer):

    <!-- md:career-ladder -->   the ladder (overrides/partials/career-ladder.html)
    <!-- md:career-levels -->   a ``###`` section per level, id ``level-<id>`` in every language
                                (overrides/partials/career-levels.html, Markdown)

Markers are parsed by ``handbook.markers`` (a misspelt one stops the build). Level sections are
generated as Markdown, so their links to job-instruction clauses are checked by ``mkdocs build
--strict`` like any other link.
"""

from __future__ import annotations

from handbook import build, career, markers, site, templates

DATA_FILE = "data/career.yml"  # relative to docs_dir

_data: dict[str, career.CareerData] = {}  # this build's validated data


def on_config(config):
    _data["career"] = build.load("career data", config, DATA_FILE, career.load_career)
    return config


def on_page_markdown(markdown, page, config, files):
    view = lambda: career.page_view(_data["career"], site.page_language(page, config))  # noqa: E731
    return markers.expand(markdown, page.file.src_uri, {
        "career-ladder": markers.no_args(
            lambda: "\n\n" + templates.render("career-ladder.html", config, **view()).strip("\n") + "\n\n"),
        "career-levels": markers.no_args(lambda: templates.render("career-levels.html", config, markdown=True, **view())),
    }, "career")
