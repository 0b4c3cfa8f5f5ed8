"""What the build imports, and whether requirements.txt installs it (issue #23, the first command).

The build must run on the runtime pins alone (``make serve`` on a fresh clone installs only
requirements.txt). This reads the code instead of running a build, so it takes well under a second
and also sees imports on paths one build does not take (inside functions, in error branches):

* every hook named in ``mkdocs.yml`` and, transitively, every module of the local ``handbook``
  package they import (anywhere in the file, not only at the top);
* the plugins (``mkdocs.plugins`` entry points) and Markdown extensions the config names.

Each third-party top-level module is mapped to the distributions that provide it
(``importlib.metadata.packages_distributions``); one of them must be pinned in requirements.txt.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from handbook import site

PACKAGE = "handbook"
PACKAGE_DIR = site.ROOT / "scripts" / PACKAGE
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: Path) -> dict[str, str]:
    """{distribution: version} pinned in a requirements file (hash lines and comments skipped;
    ``-r other.txt`` lines are followed)."""
    found: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("-r "):
            found |= pins(requirements.parent / line[3:].strip())
        elif match := REQUIREMENT.match(line):
            found[normalise(match[1])] = line[match.end():].split()[0].rstrip("\\")
    return found


def pinned(requirements: Path) -> set[str]:
    return set(pins(requirements))


@dataclass(frozen=True)
class Use:
    module: str  # top-level module name, e.g. "selectolax"
    where: str  # "overrides/hooks/x.py:12"


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(absolute module, imported names, line) for every import statement in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    package = _package_of(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: only meaningful inside the local package
                if package is None:
                    continue
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([module] if module else []))
            if module == "__future__":
                continue
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def _package_of(path: Path) -> str | None:
    """``handbook`` or ``handbook.sub`` for a file of the local package, else None."""
    try:
        rel = path.parent.relative_to(PACKAGE_DIR)
    except ValueError:
        return None
    return ".".join([PACKAGE, *rel.parts])


def _local_file(module: str) -> Path | None:
    """The file of a module of the local package (a module file or a subpackage's __init__.py)."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if len(parts) > 1 and candidate.exists():
            return candidate
    return PACKAGE_DIR / "__init__.py" if len(parts) == 1 else None


def traced_imports(hooks: list[Path], root: Path) -> list[Use]:
    """Third-party top-level modules imported by the hooks and the local modules they reach."""
    seen: set[Path] = set()
    queue = list(hooks)
    uses: dict[str, Use] = {}
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        for module, names, line in _imports(path):
            top = module.split(".")[0]
            if top == PACKAGE:
                targets = [module] + [f"{module}.{name}" for name in names]
                queue.extend(f for t in targets if (f := _local_file(t)) is not None)
            elif top in sys.stdlib_module_names:
                continue
            elif (path.parent / f"{top}.py").exists() and _package_of(path) is None:
                queue.append(path.parent / f"{top}.py")  # a hook importing a file beside it
            else:
                uses.setdefault(top, Use(top, f"{_rel(path, root)}:{line}"))
    return sorted(uses.values(), key=lambda u: u.module)


def config_modules(config: dict) -> list[Use]:
    """Top-level modules of the Markdown extensions the config names."""
    uses = []
    for entry in config.get("markdown_extensions") or []:
        name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
        top = name.split(".")[0]
        if "." not in name:  # a Python-Markdown built-in ("toc", "abbr")
            top = "markdown"
        uses.append(Use(top, f"mkdocs.yml: markdown_extensions: {name}"))
    return uses


def plugin_distributions(config: dict) -> list[tuple[str, str]]:
    """(plugin name, distribution) for each plugin the config names."""
    points = {ep.name: ep for ep in metadata.entry_points(group="mkdocs.plugins")}
    found = []
    for entry in config.get("plugins") or []:
        name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
        point = points.get(name)
        found.append((name, normalise(point.dist.name) if point is not None and point.dist else ""))
    return found


def problems(config_file: Path, requirements: Path) -> list[str]:
    """One line per module or plugin the build needs that requirements.txt does not install."""
    root = config_file.parent
    config = site.read_config(config_file)
    hooks = [root / h for h in config.get("hooks") or []]
    runtime = pinned(requirements)
    providers = metadata.packages_distributions()
    out = []
    # every module of the package, not only those a hook reaches today: the package is what the
    # build imports, so a tool's helper there (Chromium through playwright) is one import away from it
    modules = sorted(PACKAGE_DIR.rglob("*.py"))
    for use in traced_imports(hooks + modules, root) + config_modules(config):
        dists = {normalise(d) for d in providers.get(use.module, [])}
        if not dists:
            out.append(f"{use.where}: imports '{use.module}', which no installed distribution provides")
        elif not dists & runtime:
            out.append(f"{use.where}: imports '{use.module}' (from {', '.join(sorted(dists))}), "
                       f"which {requirements.name} does not install")
    for name, dist in plugin_distributions(config):
        if not dist:
            out.append(f"mkdocs.yml: plugin '{name}' is not installed")
        elif dist not in runtime:
            out.append(f"mkdocs.yml: plugin '{name}' comes from {dist}, which {requirements.name} does not install")
    return out
