"""Search that understands word forms and keeps each language to itself (build side).

The work is ``handbook.search``; this adapter calls it from MkDocs events. Material's UI and its
lunr worker stay; lunr-languages' Russian and English Snowball stemmers
(shipped with Material) normalise the text when the browser indexes it. The browser side is
``overrides/assets/javascripts/workers/search-i18n.js``; README "Search" explains the choice.

1. ``on_page_content``: on the job description's page, every clause (``handbook.job_description``)
   becomes its own search entry titled by its number ("2.5"), linking to the clause. Its div
   carries ``data-search-exclude`` (from the clause template), so its words are not indexed a
   second time in its section (Material drops the attribute from the page afterwards).
2. ``on_post_page`` / ``on_post_template``: Material starts the worker named in ``__config.search``;
   point it at our wrapper with the page's language and the wrapped worker's file name.
3. ``on_post_build``, after mkdocs-static-i18n has merged every language into
   ``search/search_index.json``: write ``search/search_index.<lang>.json`` per language (plus the
   clause entries, and the house terms' synonyms of that language) and leave only the config in
   ``search/search_index.json``, which Material's page script still fetches (the worker then
   fetches its own language's file).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook import build, competencies, job_description, search, site
from handbook.datafile import SchemaError

# Clause entries per page URL ("job-instruction/", "en/job-instruction/"), filled per page and
# added to the index after the build; a page rebuilt by `mkdocs serve` replaces its own list.
_clauses: dict[str, list[dict]] = {}


def on_page_content(html, page, config, files):
    if site.page_name(page.file.src_uri) != job_description.PAGE:
        _clauses.pop(page.url, None)
        return html
    _clauses[page.url] = search.clause_entries(build.job_description(config), page.url, site.page_language(page, config))
    return html


def on_post_page(output, page, config):
    return search.point_worker(output, site.build_language(config))


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # 404.html has the search box too
        return search.point_worker(output_content, site.build_language(config))
    return output_content


def competency_ids(config) -> frozenset[str]:
    """The matrix's competency ids (schema errors are the competencies hook's to report)."""
    try:
        return frozenset(competencies.competency_ids(Path(config.docs_dir) / "data/competencies.yml"))
    except SchemaError:  # reported, with file and line, by the competencies hook
        return frozenset()


@event_priority(-200)  # after mkdocs-static-i18n's on_post_build (-100) wrote the merged index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # a nested language build: the merged index is written when all are done
    merged = Path(config.site_dir) / search.SEARCH_DIR / search.MERGED_INDEX
    if not merged.exists():
        return  # search plugin disabled
    try:
        index = json.loads(merged.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"search_index: cannot read {merged}: {error}") from error
    # per language, what readers type -> the house term the pages use (docs/data/house-terms.yml)
    synonyms = build.load("house terms", config, search.HOUSE_TERMS, search.house_term_synonyms,
                          site.languages(config).codes)
    split = search.split_index(index, site.languages(config), _clauses, competency_ids(config), synonyms)
    for lang, data in split.items():
        search.write_json(search.index_path(config.site_dir, lang), data)
    # Material's page script fetches this file for the config (separator for highlighting).
    search.write_json(merged, {"config": index["config"], "docs": []})
