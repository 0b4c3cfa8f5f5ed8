"""Every data file under docs/data/ is read by one model in the package, rejects a repeated key
with file:line, and a malformed published link stops the real build with one line, no traceback."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from handbook import (career, competencies, glossary, house_terms, job_description, levels, links, open_data, salaries, sources,
                      ui, workflows)
from handbook.datafile import SchemaError

DATA = ROOT / "docs" / "data"
LOADERS = {
    "glossary.yml": glossary.load_glossary,
    "salaries.yml": salaries.load_salaries,
    "career.yml": career.load_career,
    "published-links.yml": links.load_links,
    "sources.yml": sources.load_sources,
    # the clauses with the editions file beside it (a repeated key in either is the pair's error)
    "job-description.yml": job_description.load_pair,
    "job-description-editions.yml": lambda path, display: job_description.load(
        DATA / "job-description.yml", "docs/data/job-description.yml", path, display),
    # the matrix and the interview kit are checked together, against career.yml and the clauses
    "competencies.yml": lambda path, display: competencies.load(matrix=path),
    "interview.yml": lambda path, display: competencies.load(interview=path),
    "vacancy.yml": workflows.load_vacancy,
    "wording.yml": workflows.load_wording,
    "ui.yml": lambda path, display: ui.load(path),
    "open-data.yml": open_data.load_settings,
    "levels.yml": levels.load_ui,
    "house-terms.yml": house_terms.load,
}


def test_every_data_file_has_a_loader():
    assert sorted(p.name for p in DATA.glob("*.yml")) == sorted(LOADERS)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_the_real_file_loads(name):
    LOADERS[name](DATA / name, f"docs/data/{name}")


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_repeated_key_is_an_error_with_file_and_line(tmp_path, name):
    """The first record's first key written twice: PyYAML alone would keep the last silently."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    records = [i for i, line in enumerate(lines) if re.match(r"^  - \w+:", line)]
    if records:
        at = records[0]
        key_line = lines[at].replace("  - ", "    ", 1)  # the same key again, inside the same record
    else:  # a file of mappings only (vacancy.yml): its first top-level key twice
        at = next(i for i, line in enumerate(lines) if re.match(r"^\w+:", line))
        key_line = lines[at]
    broken = tmp_path / name
    broken.write_text("".join(lines[:at + 1] + [key_line] + lines[at + 1:]), encoding="utf-8")
    key = re.match(r"^\s*(\w+):", key_line)[1]
    with pytest.raises(SchemaError) as caught:
        LOADERS[name](broken, name)
    assert f"{name}:{at + 2}:" in str(caught.value)
    assert f"duplicate key '{key}' (first at line {at + 1})" in str(caught.value)


def test_a_published_link_without_an_english_label_is_one_line(tmp_path):
    text = (DATA / "published-links.yml").read_text(encoding="utf-8")
    broken = tmp_path / "published-links.yml"
    broken.write_text(text.replace(', en: "Job description"}', "}", 1), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        links.load_links(broken, "published-links.yml")
    assert str(caught.value) == "published-links.yml:7: link '#1': field 'label.en': required field is missing"


@pytest.mark.slow
def test_a_malformed_published_link_stops_the_build_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    registry = project / "docs" / "data" / "published-links.yml"
    text = registry.read_text(encoding="utf-8")
    assert ', en: "Job description"}' in text
    registry.write_text(text.replace(', en: "Job description"}', "}", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "KeyError" not in output, output[-2000:]
    assert "docs/data/published-links.yml:7: link '#1': field 'label.en': required field is missing" in output


def test_the_cli_checks_data_files_one_line_each(tmp_path, capsys):
    from handbook import cli

    assert cli.main(["data"]) == 0
    broken = tmp_path / "published-links.yml"
    broken.write_text((DATA / "published-links.yml").read_text(encoding="utf-8")
                      .replace(', en: "Job description"}', "}", 1), encoding="utf-8")
    for beside in ("job-description.yml", "job-description-editions.yml"):  # the clause ids it is checked against
        (tmp_path / beside).write_bytes((DATA / beside).read_bytes())
    capsys.readouterr()
    assert cli.main(["data", str(broken)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"{broken}:7: link '#1': field 'label.en': required field is missing"]
    assert cli.main(["no-such-command"]) == 2
