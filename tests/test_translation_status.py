"""A translation behind its original shows a notice in its own language, linking to the original.

One build of a throwaway copy: every English page is marked current, then one Russian section is
edited and one English page is edited. Only the English page whose original changed shows the
notice; editing English alone never does; Russian pages never do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.slow  # one build of a copy of the project


@pytest.fixture(scope="module")
def behind_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("behind") / "project")
    marked = subprocess.run([sys.executable, "scripts/validate.py", str(project), "--mark-current", "--all", "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert marked.returncode == 0, marked.stderr
    roles = project / "docs/roles.ru.md"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.rstrip() + "\n\nНовый абзац оригинала.\n", encoding="utf-8")
    hiring = project / "docs/hiring.en.md"
    hiring.write_text(hiring.read_text(encoding="utf-8").rstrip() + "\n\nA new English paragraph.\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "scripts/validate.py", str(project), "--select", "T005", "--no-cache"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert check.stdout.count("T005") == 1 and "docs/roles.en.md" in check.stdout, check.stdout
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


def notices(html: Path) -> list:
    return LexborHTMLParser(html.read_text(encoding="utf-8")).css(".hb-translation-behind")


def test_behind_page_shows_notice_with_link_to_original(behind_site: Path) -> None:
    (notice,) = notices(behind_site / "en/roles/index.html")
    assert notice.css_first(".admonition-title").text() == "Translation behind the original"
    link = notice.css_first("a")
    assert link.attributes["href"] == "../../roles/" and link.attributes["hreflang"] == "ru"
    assert (behind_site / "en/roles/../../roles/index.html").resolve().is_file()
    assert not notice.css("script")


def test_current_pages_and_the_original_show_nothing(behind_site: Path) -> None:
    assert notices(behind_site / "roles/index.html") == []
    assert notices(behind_site / "en/hiring/index.html") == []  # English edited, Russian not
    assert notices(behind_site / "en/index.html") == []
