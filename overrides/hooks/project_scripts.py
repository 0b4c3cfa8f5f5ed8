"""Import ``scripts/`` modules from a build hook by name: kept only for ``salaries.py`` until the
salary schema moves into the package (``handbook``); every other hook simply ``import handbook``.

Not a hook itself (mkdocs.yml does not list it): hooks import it while MkDocs loads them, when
their own folder is on ``sys.path``. ``scripts/`` is not a package and hooks are loaded by path,
so this puts ``scripts/`` on ``sys.path`` once, in one place, for every hook.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def load(name: str, fresh: bool = False) -> ModuleType:
    """``scripts/<name>.py`` of the project this hook belongs to; ``fresh`` re-reads the file
    (for a hook that loads it once per config load, so `mkdocs serve` picks up edits)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    module = importlib.import_module(name)
    return importlib.reload(module) if fresh else module


# One definition of where a data file is and how messages name it: handbook.datafile.
from handbook.datafile import docs_file  # noqa: E402,F401
