"""Import this project's ``scripts/`` modules (schemas, converters) from build hooks, and name
the data files they read the way people see them.

Not a hook itself (mkdocs.yml does not list it): hooks import it while MkDocs loads them, when
their own folder is on ``sys.path``. ``scripts/`` is not a package and hooks are loaded by path,
so this puts ``scripts/`` on ``sys.path`` once, in one place, for every hook.
"""

from __future__ import annotations

import importlib
import os
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


def docs_file(config, relative: str) -> tuple[Path, str]:
    """A file under ``docs_dir`` and its path as error messages show it: relative to the project,
    with ``/`` (``docs/data/glossary.yml``). Every hook that reads a data file uses this one, so a
    loader cached by (path, display) reads each file once per build."""
    path = Path(config.docs_dir) / relative
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        display = os.path.relpath(path.resolve(), project)
    except ValueError:  # another drive (Windows)
        display = str(path)
    return path, display.replace(os.sep, "/")
