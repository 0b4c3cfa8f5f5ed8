"""The build needs nothing that requirements.txt does not install (issue #23).

``make serve`` on a fresh clone installs requirements.txt only; a hook that imports a test
dependency (as the vacancy builder once imported selectolax) breaks the README's first command
while ``make test`` stays green. tests/hook_imports.py reads every hook and the local modules they
reach; .ci/run also starts ``make serve`` on runtime dependencies before the tests.
"""

from __future__ import annotations

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


def test_a_hook_importing_a_test_only_package_fails():
    found = hook_imports.problems(FIXTURE / "mkdocs.yml", ROOT / "requirements.txt")
    assert found == ["bad_hook.py:8: imports 'selectolax' (from selectolax), which requirements.txt does not install"]
    # with the test pins it would pass: the check is about which file installs it
    assert hook_imports.problems(FIXTURE / "mkdocs.yml", ROOT / "requirements-dev.txt") == []


def test_pins_are_read_from_hashed_and_plain_files(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# c\nMarkdown==3.11.3 \\\n    --hash=sha256:ab\nPyYAML==6.0.3\n-r other.txt\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("mkdocs_material[imaging]==9.8.1\n", encoding="utf-8")
    assert hook_imports.pinned(req) == {"markdown", "pyyaml", "mkdocs-material"}
