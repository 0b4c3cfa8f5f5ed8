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
