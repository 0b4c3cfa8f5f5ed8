"""The job description's editions: a clause whose text changed since the last recorded edition.

``docs/data/job-description-editions.yml`` records every clause's digest per edition
(``handbook.job_description``); a clause whose current text has another digest, a clause added or
removed since, or an ``edition:`` in the data file other than the last recorded one means a new
edition is due: ``python -m handbook.cli edition --mark-current`` records it in one step.
Schema problems of either file are D001 (rules/data.py), not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import WARNING, Finding, Site
from handbook.datafile import SchemaError

DATA = "data/job-description.yml"
HINT = "record a new edition: python -m handbook.cli edition --mark-current"


def check_editions(site: Site) -> Iterator[Finding]:
    from handbook import job_description

    docs = Path(site.config.docs_dir)
    if not (docs / DATA).is_file():
        return
    shown = site.config.shown(DATA)
    try:
        model = job_description.load_pair(docs / DATA, shown)
    except SchemaError:
        return  # D001 reports it, with file and line
    last = model.editions[-1] if model.editions else None
    if last is None:
        return
    lines = {c.id: c.line for c in model.clauses}
    for clause_id, kind in model.unrecorded():
        yield Finding(shown, lines.get(clause_id, 1), 1, WARNING, "J001",
                      f"clause '{clause_id}' {kind} since edition {last.number} was recorded: {HINT}")
    if (model.edition.number, model.edition.date) != (last.number, last.date):
        yield Finding(shown, 1, 1, WARNING, "J001",
                      f"edition: says {model.edition.number} of {model.edition.date}, the last recorded edition "
                      f"is {last.number} of {last.date}: {HINT}")
