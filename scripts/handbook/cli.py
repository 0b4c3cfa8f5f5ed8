"""One command line for the project's tools (in the style of FastAPI's ``scripts/docs.py``)::

    python -m handbook.cli check [--strict] [PATH]   the source-level validator (make check)
    python -m handbook.cli data [FILE ...]           the data files against their schemas, no build
                                                     (a file known by its name or its folder's; exit 1 bad data, 2 unreadable)
    python -m handbook.cli weight [--site DIR]       first-view bytes of key pages against budgets.yml
    python -m handbook.cli audit [--json DIR]        Lighthouse budgets (make audit)
    python -m handbook.cli bench [...]               validator vs mkdocs build on synthetic sites (make bench)
    python -m handbook.cli csp SITE OUT              CSP hashes and the redirect map for nginx
    python -m handbook.cli nginx --site DIR [...]    nginx with the production config over a build
    python -m handbook.cli og                        render the Open Graph images
    python -m handbook.cli search-report [--compare] the search table in real Chromium
    python -m handbook.cli edition [--mark-current]  the job description's edition; record a new one

Every command's own options follow its name (``python -m handbook.cli audit --help``). The pieces
the tools share (copying the project, building, serving a built site, starting Chromium) are
``tools.shared``; each tool's exit status is passed through (2 = unreadable input).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from handbook import site
from handbook.datafile import SchemaError

#: command -> (module with a ``main(argv)``, one-line help): the ``tools`` package (scripts/tools/)
#: or package modules.
TOOLS: dict[str, tuple[str, str]] = {
    "check": ("validator.cli", "the source-level validator (links, translations, glossary, data)"),
    "weight": ("tools.page_weight", "first-view bytes of the key pages against budgets.yml"),
    "audit": ("tools.audit", "Lighthouse budgets of the key pages (make audit)"),
    "bench": ("tools.bench", "the validator against mkdocs build on synthetic sites (make bench)"),
    "csp": ("tools.make_csp", "Content-Security-Policy hashes and the redirect map for nginx"),
    "nginx": ("tools.serve_nginx", "nginx with deploy/nginx.conf over a built site"),
    "og": ("tools.make_og_images", "render the Open Graph images with Chromium"),
    "search-report": ("tools.search_report", "the search queries table in real Chromium"),
    "checklist-ids": ("tools.checklist_ids", "stable ids for the onboarding checklist items (--check lists missing ones)"),
    "docx": ("handbook.instruction_docx", "the job instruction's Markdown as .docx"),
    "edition": ("handbook.job_description", "the job description's edition; --mark-current records a new one"),
}


def check_data(argv: Sequence[str]) -> int:
    """Check every data file (or the ones named) against its model; one line per problem."""
    from handbook import (career, competencies, glossary, house_terms, job_description, links, open_data, salaries,
                          sources, ui, workflows)

    def vacancy(path: Path) -> None:  # its levels must be career.yml's
        levels = {level.id for level in career.load_career(path.parent / "career.yml").levels}
        workflows.load_vacancy(path, None, levels)

    loaders: dict[str, Callable] = {
        "glossary.yml": glossary.load_glossary, "career.yml": career.load_career,
        # clause anchors must be the job description's clauses (the one beside the file, else the project's)
        "published-links.yml": lambda path: links.load_links(path, None, set(job_description.load_pair(
            beside if (beside := path.parent / "job-description.yml").is_file() else data / "job-description.yml").ids())),
        "salaries.yml": salaries.load_salaries,
        "sources.yml": sources.load_sources,
        # the matrix and the interview kit are checked together, against the files they cite
        "competencies.yml": lambda path: competencies.load(path.parent.parent, matrix=path),
        "interview.yml": lambda path: competencies.load(path.parent.parent, interview=path),
        "vacancy.yml": vacancy,
        "wording.yml": workflows.load_wording,
        "job-description.yml": job_description.load_pair,  # with job-description-editions.yml beside it
        "job-description-editions.yml": lambda path: job_description.load_pair(path.parent / "job-description.yml"),
        "house-terms.yml": house_terms.load,
        "ui.yml": ui.load,
        "open-data.yml": open_data.load_settings,
    }
    data = site.ROOT / "docs" / "data"
    targets = [Path(a) for a in argv] or [data / name for name in loaders]
    status = 0
    for path in targets:
        # a file is known by its name, or by its folder's (tests/fixtures/salaries/low-gt-high.yml)
        loader = loaders.get(path.name) or loaders.get(f"{path.parent.name}.yml")
        if loader is None:
            print(f"{path}: no model for this file (known: {', '.join(loaders)})", file=sys.stderr)
            status = 2
            continue
        try:
            loader(path)
        except SchemaError as exc:
            print(exc, file=sys.stderr)
            unreadable = any(f.message.startswith(("cannot read", "YAML syntax error")) for f in exc.findings)
            status = max(status, 2 if unreadable else 1)
        else:
            print(f"{path.name}: ok")
    return status


def usage() -> str:
    return __doc__.strip()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    command, rest = args[0], args[1:]
    if command == "data":
        return check_data(rest)
    if command not in TOOLS:
        print(f"unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(TOOLS[command][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
