"""The handbook's domain package: site facts, data files and their models, shared by the build
hooks (``overrides/hooks/``), the validator (``scripts/validator``), the tools and the tests.

Installed into the project's venv by ``make`` (``pip install -e .``), so everything simply does
``import handbook``. Each concept is defined once, here:

- ``handbook.site``       languages, default language, "is this Russian?", page URLs, clause id <->
                          number, page language, the reader of ``mkdocs.yml``
- ``handbook.datafile``   YAML with line numbers, duplicate keys rejected, findings as file:line,
                          how a path is shown in errors
- ``handbook.records``    the strict pydantic base and item-by-item validation of data files
- ``handbook.markers``    ``<!-- md:name args -->``: the one parser and registry
- ``handbook.ids``        the ids generated content gets, and which ones each marker writes
- ``handbook.ui``         interface strings (``docs/data/ui.yml``)
- ``handbook.glossary``, ``handbook.career``, ``handbook.links``, ``handbook.salaries``
                          one model per data file (``handbook.salary_views``: what the salary
                          tables and charts show)
- ``handbook.job_description`` the job description's clauses (RU/EN), editions, changelog and feed
- ``handbook.templates``  the one Jinja environment (autoescape on) over ``overrides/partials/``
- ``handbook.search``, ``handbook.tooltips``, ``handbook.a11y``, ``handbook.instruction_docx``
                          the work behind the build hooks (``overrides/hooks/`` only adapt events)
- ``handbook.build``      what the build hooks share: a data file loaded or the build stopped
                          (one message format), page base names, generated and content-hashed files
- ``handbook.typography`` non-breaking spaces in the built HTML (numbers and units, №, dashes, initials)
- ``handbook.translation`` per-section digests of an original, recorded in its translation's front matter
- (copying, building, serving and Chromium for the tools and tests: ``tools.shared``, outside this
  package, so nothing the build imports reaches a test-only package such as playwright)
- ``handbook.cli``        ``python -m handbook.cli check|data|weight|audit|bench|csp|nginx|og|…``
"""

import importlib
import sys
from pathlib import Path

#: Modules in dependency order (a module after the ones it imports), for :func:`reload_if_changed`.
MODULES = ("markers", "ids", "datafile", "site", "ui", "records", "templates", "sources", "glossary", "career",
           "links", "job_description", "salaries",
           "salary_views", "competencies", "workflows", "tooltips", "instruction_docx", "scorecard_docx",
           "search", "a11y", "hh_salaries", "typography", "translation", "levels", "open_data", "occupation", "build")
_stamps: dict[str, int] = {}


def _stamp(extra: tuple[str, ...]) -> dict[str, int]:
    files = list(Path(__file__).parent.glob("*.py"))
    files += [Path(sys.modules[name].__file__) for name in extra if getattr(sys.modules.get(name), "__file__", None)]
    return {str(p): p.stat().st_mtime_ns for p in files if p.exists()}


def reload_if_changed(extra: tuple[str, ...] = ()) -> list[str]:
    """Re-import the package's loaded modules (and ``extra`` ones built on it) when a file of the
    package changed since the last call: what ``mkdocs serve`` needs, since it keeps hook modules
    and what they imported between rebuilds. Modules are reloaded in place, in dependency order,
    so hooks holding ``handbook.site`` see the new code. Returns the names reloaded."""
    global _stamps
    now = _stamp(extra)
    if not _stamps or now == _stamps:
        _stamps = now
        return []
    _stamps = now
    names = [f"{__name__}.{m}" for m in MODULES] + list(extra)
    done = []
    for name in names:
        if name in sys.modules:
            importlib.reload(sys.modules[name])
            done.append(name)
    return done
