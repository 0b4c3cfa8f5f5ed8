"""docs/data/ui.yml (handbook.ui): every feature gives every language the same keys; a broken file
is one line per problem naming file and line; the modules read their strings from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import career, glossary, salary_views, ui
from handbook.datafile import SchemaError

FIXTURES = Path(__file__).parent / "fixtures" / "ui"


def test_the_real_file_is_valid_and_feeds_the_modules():
    data = ui.load()
    assert career.UI["en"]["ladder"] == data["career"]["en"]["ladder"]
    assert glossary.UI["ru"]["category"]["seo"] == data["glossary"]["ru"]["category"]["seo"]
    assert salary_views.human_date("2024-03", "ru") == "март 2024" and salary_views.human_date("2024-03-05", "en") == "5 March 2024"
    assert set(salary_views.LABELS) == {"ru", "en"}


@pytest.mark.parametrize(("name", "line", "message"), [
    ("missing-key.yml", 7, "feature 'career': field 'en': keys differ from 'ru'"),
    ("missing-language.yml", 3, "feature 'glossary': needs exactly the languages ru, en"),
])
def test_a_broken_file_names_file_and_line(name, line, message):
    with pytest.raises(SchemaError) as exc:
        ui.load(FIXTURES / name)
    assert str(exc.value) == f"tests/fixtures/ui/{name}:{line}: {message}"
