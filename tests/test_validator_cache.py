"""The validator's word caches (``~/.cache/mkdocs-i18n-validate``) are data: a cache file planted
by someone else runs no code when read, and a real cache gives the same analyses as a fresh run."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from validator.house_terms import EnglishForms
from validator.morph import Morphology


class Payload:
    """Unpickling this writes ``marker``: the proof that reading the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


@pytest.mark.parametrize("cache", [Morphology, EnglishForms], ids=["ru-forms", "en-stems"])
def test_a_planted_cache_file_runs_no_code(tmp_path, cache):
    marker = tmp_path / "ran"
    planted = cache(tmp_path)._file
    assert planted is not None
    planted.write_bytes(pickle.dumps(Payload(marker)))
    cache(tmp_path)
    assert not marker.exists(), f"reading {planted.name} ran code"


def test_cached_analyses_equal_fresh_ones(tmp_path):
    first = Morphology(tmp_path)
    forms, lexeme, normal = first.normaliser("ru")("стали"), first.surfaces("ru", "рекламы"), first.first_normal("стали")
    first.save()
    again = Morphology(tmp_path)
    assert (again.normaliser("ru")("стали"), again.surfaces("ru", "рекламы"), again.first_normal("стали")) == (forms, lexeme, normal)
    assert again._analyzer is None, "the cache was not used: pymorphy3 was loaded again"
    assert {"сталь", "стать"} <= forms

    stems = EnglishForms(tmp_path)
    marketers = stems("marketers")
    stems.save()
    again_stems = EnglishForms(tmp_path)
    assert again_stems("marketers") == marketers and again_stems._stemmer is None


def test_the_competencies_cache_is_keyed_by_every_data_file_the_check_reads(tmp_path, monkeypatch):
    """A cached competencies result must go stale when any file the check reads changes: career.yml
    is loaded with the sources registry it cites, so sources.yml is one of them (it was not)."""
    import pathlib
    import shutil

    from handbook import competencies
    from handbook.site import ROOT
    from validator import site as validator_site

    docs = tmp_path / "docs"  # a fresh copy: no loader has it cached in this process
    shutil.copytree(ROOT / "docs" / "data", docs / "data")
    read: set[Path] = set()
    real = pathlib.Path.read_text

    def spy(self, *args, **kwargs):
        read.add(Path(self).resolve())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", spy)
    competencies.load(docs)
    inputs, _ = validator_site._cache_inputs("competencies", docs / "data/competencies.yml")
    data_read = {p for p in read if p.is_relative_to(docs.resolve())}
    assert len(data_read) >= 3, data_read  # competencies, interview, career at least
    assert sorted(data_read - {p.resolve() for p in inputs}) == []
