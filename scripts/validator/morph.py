"""Word forms: which dictionary forms a word in running text can stand for.

Russian uses pymorphy3 and keeps *every* normal form a word can have («стали» → {сталь, стать}),
so a match never depends on which parse happens to come first. English uses a plural rule
(marketers → marketer, companies → company), enough for glossary nouns and free of surprises
like "marketing" → "market" that a stemmer brings. Each distinct word is analysed once.
"""

from __future__ import annotations

import importlib.util
import os
import json
import re
from pathlib import Path
from typing import Any, Callable

from handbook.site import is_russian

WORD_RE = re.compile(r"[^\W_]+(?:[-‐'’][^\W_]+)*")
CYRILLIC_RE = re.compile(r"[а-яё]")
CACHE_VERSION = 3  # bump when what is cached changes (3: JSON instead of pickle)
_EN_KEEP = frozenset(
    "news series species analysis basis crisis thesis status campus bonus bus gas plus "
    "chaos lens canvas alias ads analytics economics statistics always perhaps this its his".split()
)


def english_singular(word: str) -> str:
    """A plural (or possessive) noun to its singular; other words unchanged."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if word in _EN_KEEP or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def save_cache(path: Path, data: object) -> bool:
    """Write JSON ``data`` to ``path`` atomically (a temporary file, then a rename); False on
    failure. Caches are data, never code: a cache file someone else wrote cannot run anything."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def load_cache(path: Path | None) -> Any:
    """A cache file's JSON data; None when it is missing or unreadable (a cache only saves time)."""
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path is not None else None
    except (OSError, ValueError):
        return None


def word_sets(data: Any) -> dict[str, frozenset[str]]:
    """``{word: [form, …]}`` from a cache -> ``{word: frozenset}``; entries of another shape are dropped."""
    if not isinstance(data, dict):
        return {}
    return {k: frozenset(v) for k, v in data.items()
            if isinstance(v, list) and all(isinstance(x, str) for x in v)}


def sets_json(data: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in data.items()}


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mkdocs-i18n-validate"


class Morphology:
    """Word → frozenset of normal forms, analysed once per distinct word.

    Russian analyses are kept in a small on-disk cache (keyed by the dictionary package's
    version), so a repeated run does not even load pymorphy3 unless it meets a new word.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._analyzer = None
        self._cache: dict[str, dict[str, frozenset[str]]] = {}
        self._normal: dict[str, frozenset[str]] = {}  # Russian word -> normal forms
        self._lexeme: dict[str, frozenset[str]] = {}  # Russian word -> every form of its lexemes
        self._first: dict[str, str] = {}  # Russian word -> normal form of its most likely parse
        self._dirty = False
        self._file: Path | None = None
        if cache_dir is not None:
            spec = importlib.util.find_spec("pymorphy3_dicts_ru")
            if spec and spec.origin:
                stamp = os.stat(os.path.dirname(spec.origin)).st_mtime_ns
                self._file = cache_dir / f"morph-ru-{CACHE_VERSION}-{stamp}.json"
                data = load_cache(self._file)
                if isinstance(data, dict):
                    self._normal, self._lexeme = word_sets(data.get("normal")), word_sets(data.get("lexeme"))
                    first = data.get("first")
                    self._first = {k: v for k, v in first.items() if isinstance(v, str)} if isinstance(first, dict) else {}

    def save(self) -> None:
        """Write new analyses back to the cache (atomically; a failure is harmless)."""
        if not (self._dirty and self._file):
            return
        data = {"normal": sets_json(self._normal), "lexeme": sets_json(self._lexeme), "first": self._first}
        if save_cache(self._file, data):
            self._dirty = False

    def parses(self, word: str) -> list:
        """pymorphy3 parses of a Russian word (loads the analyser on first use; not cached on disk)."""
        if self._analyzer is None:
            import pymorphy3

            self._analyzer = pymorphy3.MorphAnalyzer()
        return self._analyzer.parse(word)

    def _ru(self, word: str) -> frozenset[str]:
        if not CYRILLIC_RE.search(word):
            return self._en(word)
        found = self._normal.get(word)
        if found is None:
            forms = {p.normal_form.replace("ё", "е") for p in self.parses(word)}
            forms.add(word)
            found = self._normal[word] = frozenset(forms)
            self._dirty = True
        return found

    def first_normal(self, word: str) -> str:
        """Russian: the normal form of the most likely parse (ё folded); other words unchanged."""
        if not CYRILLIC_RE.search(word):
            return word
        found = self._first.get(word)
        if found is None:
            found = self._first[word] = self.parses(word)[0].normal_form.replace("ё", "е")
            self._dirty = True
        return found

    @staticmethod
    def _en(word: str) -> frozenset[str]:
        return frozenset({word, english_singular(word)})

    def surfaces(self, lang: str, word: str) -> frozenset[str]:
        """Every form the word can take (Russian: each parse's lexeme; English: plural endings)."""
        if is_russian(lang) and CYRILLIC_RE.search(word):
            found = self._lexeme.get(word)
            if found is None:
                out = {word}
                for parse in self.parses(word):
                    out.update(f.word.replace("ё", "е") for f in parse.lexeme)
                found = self._lexeme[word] = frozenset(out)
                self._dirty = True
            return found
        out = {word, word + "s", word + "es", word + "'s", word + "’s"}
        if word.endswith("y"):
            out.add(word[:-1] + "ies")
        return frozenset(out)

    def normaliser(self, lang: str) -> Callable[[str], frozenset[str]]:
        """A cached function for one language; words must already be lower-cased, ё → е."""
        cache = self._cache.setdefault(lang, {})
        analyse = self._ru if is_russian(lang) else self._en

        def forms(word: str) -> frozenset[str]:
            found = cache.get(word)
            if found is None:
                found = cache[word] = analyse(word)
            return found

        return forms


def words(text: str) -> list[str]:
    """Lower-cased tokens of a term or alias, ё folded to е."""
    return [w.lower().replace("ё", "е") for w in WORD_RE.findall(text)]
