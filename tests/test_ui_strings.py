"""docs/data/ui.yml (handbook.ui): every feature gives every language the same keys; a broken file
is one line per problem naming file and line; the modules read their strings from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from handbook import career, glossary, salary_views, sources, ui
from handbook.datafile import SchemaError

FIXTURES = Path(__file__).parent / "fixtures" / "ui"


def test_the_real_file_is_valid_and_feeds_the_modules():
    data = ui.load()
    assert career.UI["en"]["ladder"] == data["career"]["en"]["ladder"]
    assert glossary.UI["ru"]["category"]["seo"] == data["glossary"]["ru"]["category"]["seo"]
    assert salary_views.human_date("2024-03", "ru") == "март 2024" and salary_views.human_date("2024-03-05", "en") == "5 March 2024"
    assert set(salary_views.LABELS) == {"ru", "en"}
    # one date formatter for every page: a citation's running text says «года», a table does not
    assert ui.human_date("2019-03-26", "ru", "full") == "26 марта 2019 года"
    assert ui.human_date("2019-03", "ru", "full") == "март 2019 года" and ui.human_date("2019-03", "ru") == "март 2019"
    assert ui.human_date("2019", "ru") == "2019 год" and ui.human_date("2019-03-26", "en", "full") == "26 March 2019"
    assert ui.human_date("2026-12-01", "ru", "document") == "01.12.2026" and ui.human_date("2026-12-01", "en", "document") == "1 December 2026"
    assert sources.LABELS["ru"]["quote"] == ["«", "»"]


@pytest.mark.parametrize(("name", "line", "message"), [
    ("missing-key.yml", 7, "feature 'career': field 'en': keys differ from 'ru'"),
    ("missing-language.yml", 3, "feature 'glossary': needs exactly the languages ru, en"),
])
def test_a_broken_file_names_file_and_line(name, line, message):
    with pytest.raises(SchemaError) as exc:
        ui.load(FIXTURES / name)
    assert str(exc.value) == f"tests/fixtures/ui/{name}:{line}: {message}"


@pytest.mark.slow
def test_a_broken_file_stops_the_real_build_with_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "docs" / "data" / "ui.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    en = next(i for i, line in enumerate(lines) if line == "  en:\n")  # career's English strings
    del lines[en + 1]
    data.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/data/ui.yml:{en + 1}: feature 'career': field 'en': keys differ from 'ru'" in result.stderr
