"""The build needs nothing that requirements.txt does not install (issue #23).

``make serve`` on a fresh clone installs requirements.txt only; a hook that imports a test
dependency (as the vacancy builder once imported selectolax) breaks the README's first command
while ``make test`` stays green. tests/hook_imports.py reads every hook and the local modules they
reach; .ci/run also starts ``make serve`` on runtime dependencies before the tests.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
from pathlib import Path

import hook_imports
from conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "deps"


def test_every_module_the_build_imports_is_in_requirements_txt():
    assert hook_imports.problems(ROOT / "mkdocs.yml", ROOT / "requirements.txt") == []


def test_the_trace_reaches_lazy_imports_in_the_package():
    """The tracer follows hooks into handbook and sees imports inside functions."""
    hooks = [ROOT / h for h in hook_imports.site.read_config(ROOT / "mkdocs.yml")["hooks"]]
    modules = {use.module for use in hook_imports.traced_imports(hooks, ROOT)}
    assert {"mkdocs", "yaml", "jinja2", "pydantic", "docx", "lxml"} <= modules, modules


def test_a_hook_importing_a_test_only_package_fails(tmp_path):
    found = hook_imports.problems(FIXTURE / "mkdocs.yml", ROOT / "requirements.txt")
    assert found == ["bad_hook.py:8: imports 'selectolax' (from selectolax), which requirements.txt does not install"]
    # with the test pins it would pass: the check is about which file installs it
    both = tmp_path / "both.txt"
    both.write_text(f"-r {ROOT / 'requirements.txt'}\n-r {ROOT / 'requirements-dev.txt'}\n", encoding="utf-8")
    assert hook_imports.problems(FIXTURE / "mkdocs.yml", both) == []


def test_the_trace_follows_subpackages_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "handbook"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "__init__.py").write_text("from . import deep\n", encoding="utf-8")
    (package / "sub" / "deep.py").write_text("def f():\n    from ..other import g\n", encoding="utf-8")
    (package / "other.py").write_text("import selectolax\n", encoding="utf-8")
    hook = tmp_path / "hook.py"
    hook.write_text("from handbook import sub\n", encoding="utf-8")
    monkeypatch.setattr(hook_imports, "PACKAGE_DIR", package)
    assert hook_imports.traced_imports([hook], tmp_path) == [hook_imports.Use("selectolax", "handbook/other.py:1")]


def test_a_package_module_no_hook_reaches_is_checked_too(tmp_path, monkeypatch):
    """The whole package is build code: a helper no hook imports yet (as handbook.tools once started
    Chromium through playwright) still fails the check."""
    package = tmp_path / "handbook"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "browser.py").write_text("def start():\n    from playwright.sync_api import sync_playwright\n", encoding="utf-8")
    monkeypatch.setattr(hook_imports, "PACKAGE_DIR", package)
    found = hook_imports.problems(ROOT / "mkdocs.yml", ROOT / "requirements.txt")
    assert found == [f"{package / 'browser.py'}:2: imports 'playwright' (from playwright), "
                     "which requirements.txt does not install"]


def test_pins_are_read_from_hashed_and_plain_files(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# c\nMarkdown==3.11.3 \\\n    --hash=sha256:ab\nPyYAML==6.0.3\n-r other.txt\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("mkdocs_material[imaging]==9.8.1\n", encoding="utf-8")
    assert hook_imports.pins(req) == {"markdown": "3.11.3", "pyyaml": "6.0.3", "mkdocs-material": "9.8.1"}


# --------------------------------------------------------------------------------------------
# The locks (make lock) and the engine switch (ENGINE=properdocs)
# --------------------------------------------------------------------------------------------

LOCKS = ("requirements.txt", "requirements-dev.txt", "requirements-properdocs.txt")


def unhashed(path: Path) -> list[str]:
    """Pins without a --hash (pip install --require-hashes refuses the whole file for one)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f"{path.name}:{i}: {line.split()[0]}" for i, line in enumerate(lines, 1)
            if hook_imports.REQUIREMENT.match(line)
            and not (i < len(lines) and lines[i].strip().startswith("--hash=sha256:"))]


def test_every_pin_carries_a_hash():
    for name in LOCKS:
        assert hook_imports.pins(ROOT / name), name
        assert unhashed(ROOT / name) == [], name


def test_an_unhashed_pin_is_reported(tmp_path):
    lock = tmp_path / "requirements.txt"
    lock.write_text("babel==2.18.0 \\\n    --hash=sha256:00\nclick==8.5.1\n", encoding="utf-8")
    assert unhashed(lock) == ["requirements.txt:3: click==8.5.1"]


def test_the_properdocs_lock_differs_only_in_the_engine():
    """Switching engines changes the engine and nothing else the site is built with."""
    runtime, properdocs = (hook_imports.pins(ROOT / name) for name in (LOCKS[0], LOCKS[2]))
    changed = {n for n in runtime.keys() | properdocs.keys() if runtime.get(n) != properdocs.get(n)}
    assert changed == {"properdocs", "mkdocs-redirects"}, changed
    assert properdocs["properdocs"] == "1.6.7"
    assert not set(hook_imports.pins(ROOT / LOCKS[1])) & set(runtime), "requirements-dev.txt repeats runtime pins"


def test_the_build_runs_on_the_locked_engine():
    """Under ``make test-properdocs`` (HANDBOOK_ENGINE=properdocs) the build tests run on ProperDocs."""
    engine = os.environ.get("HANDBOOK_ENGINE") or "mkdocs"
    lock = hook_imports.pins(ROOT / (LOCKS[2] if engine == "properdocs" else LOCKS[0]))
    for name in (engine, "mkdocs-redirects"):
        assert metadata.version(name) == lock[name], name
