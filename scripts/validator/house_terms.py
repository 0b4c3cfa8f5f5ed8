"""House terms (``docs/data/house-terms.yml``): the file's checks beyond its schema, and a matcher
for every word form.

The schema is :mod:`handbook.house_terms` (the published ``/data/v1/house-terms.json`` uses it too).
``synonyms`` and the avoided variants are what site search adds the preferred term for
(``handbook.search.house_term_synonyms``); only the avoided variants are reported on pages.

Bad input (YAML syntax, a duplicate key or term id, a field or a language the schema does not know,
a variant that is also a preferred term) is an :class:`InputError`: one line naming the file and
line, exit status 2.

Matching: a variant matches a run of consecutive words when each word's forms meet the variant
word's forms. Russian text words stand for every normal form pymorphy3 gives them; a variant's
words for the normal form of their most likely parse only (so «сходу» does not catch «сход»).
English words are reduced by the Snowball stemmer (answers/answered/answering → answer,
targetologists → targetologist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from handbook import house_terms as schema
from handbook.datafile import SchemaError, line_of
from handbook.site import is_russian

from .config import compose_yaml, read_text
from .glossary import ENGLISH_VERB_MARKERS, PREFIX, PhraseIndex, _previous_word, lowered, phrase_matches
from .model import InputError, ignore_codes
from .morph import WORD_RE, Morphology, load_cache, save_cache, sets_json, word_sets, words

CACHE_VERSION = 2  # 2: JSON instead of pickle


class EnglishForms:
    """Lower-cased English word -> {its Snowball stem} (possessive dropped).

    Stems are kept between runs in the cache directory, so a run that meets no new word does
    not even import the stemmer (its package imports thirty languages).
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._stemmer: Any = None
        self._file = cache_dir / f"stems-en-{CACHE_VERSION}.json" if cache_dir is not None else None
        self._dirty = False
        self._cache = word_sets(load_cache(self._file))

    def __call__(self, word: str) -> frozenset[str]:
        found = self._cache.get(word)
        if found is None:
            if self._stemmer is None:
                from snowballstemmer import stemmer

                self._stemmer = stemmer("english")
            base = word.replace("’", "'")
            if base.endswith("'s"):
                base = base[:-2]
            found = self._cache[word] = frozenset({self._stemmer.stemWord(base)})
            self._dirty = True
        return found

    def save(self) -> None:
        if not (self._dirty and self._file):
            return
        if save_cache(self._file, sets_json(self._cache)):
            self._dirty = False


@dataclass(slots=True)
class Variant:
    term: str  # the entry's id
    lang: str
    text: str  # as written in the file
    line: int
    avoided: bool
    prefer: str  # the preferred term of the entry in this language
    why: str = ""
    positions: tuple[frozenset[str], ...] = ()


@dataclass(slots=True)
class HouseTerms:
    path: str  # as shown in findings
    english: EnglishForms
    spelling: dict[str, str] = field(default_factory=dict)
    variants: dict[str, list[Variant]] = field(default_factory=dict)  # language -> preferred and avoided
    # data file shown -> (language -> reader-facing strings (text, line, column), ignored lines)
    data_text: dict[str, tuple[dict[str, list[tuple[str, int, int]]], dict[int, frozenset[str]]]] = field(default_factory=dict)


def read_house_terms(
    path: Path, display: str, languages: list[str], morphology: Morphology, cache_dir: Path | None = None
) -> HouseTerms:
    """Load and check the file with its one schema (:mod:`handbook.house_terms`); the first problem
    is an :class:`InputError` (exit status 2)."""
    try:
        parsed, node = schema.load(path, display)
    except SchemaError as exc:
        first = exc.findings[0]
        raise InputError(display, first.line, str(first).split(": ", 1)[1]) from None
    english = EnglishForms(cache_dir)
    out = HouseTerms(display, english, dict(parsed.spelling), {lang: [] for lang in languages})
    for index, term in enumerate(parsed.terms):
        for lang in languages:
            entry = getattr(term, lang, None)
            if entry is None:
                continue
            out.variants[lang].append(Variant(term.id, lang, entry.prefer, line_of(node, ("terms", index, lang, "prefer")), False, entry.prefer))
            for k, avoid in enumerate(entry.avoid):
                line = line_of(node, ("terms", index, lang, "avoid", k))
                out.variants[lang].append(Variant(term.id, lang, avoid.text, line, True, entry.prefer, avoid.why))
    for lang, variants in out.variants.items():
        forms = _pattern_forms(lang, morphology, english)
        for v in variants:
            v.positions = tuple(forms(w) for w in words(v.text))
            if not v.positions:
                raise InputError(display, v.line, f"term '{v.term}': «{v.text}» has no words")
        preferred = [v for v in variants if not v.avoided]
        for v in variants:
            if not v.avoided:
                continue
            same = next((p for p in preferred if _same(p.positions, v.positions)), None)
            if same is not None:
                raise InputError(
                    display, v.line,
                    f"term '{v.term}': {lang} «{v.text}» is avoided here but preferred in term '{same.term}' (line {same.line})",
                )
    _check_synonyms(parsed, node, display, languages, out, morphology, english)
    return out


def _check_synonyms(parsed: schema.HouseTermsFile, node: yaml.Node | None, display: str, languages: list[str],
                    out: HouseTerms, morphology: Morphology, english: EnglishForms) -> None:
    """A search synonym must not be a preferred term (in any word form): search would send the
    readers of that term to this one."""
    for index, term in enumerate(parsed.terms):
        for lang in languages:
            entry = getattr(term, lang, None)
            forms = _pattern_forms(lang, morphology, english)
            for k, text in enumerate(entry.synonyms if entry else []):
                line = line_of(node, ("terms", index, lang, "synonyms", k))
                positions = tuple(forms(w) for w in words(text))
                if not positions:
                    raise InputError(display, line, f"term '{term.id}': synonym «{text}» has no words")
                same = next((p for p in out.variants[lang] if not p.avoided and _same(p.positions, positions)), None)
                if same is not None:
                    whose = "this term's preferred term" if same.term == term.id else f"the preferred term of '{same.term}' (line {same.line})"
                    raise InputError(display, line, f"term '{term.id}': {lang} synonym «{text}» is {whose}")


def _same(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> bool:
    return len(a) == len(b) and all(x & y for x, y in zip(a, b))


def _pattern_forms(lang: str, morphology: Morphology, english: EnglishForms) -> Callable[[str], frozenset[str]]:
    if is_russian(lang):
        return lambda w: frozenset({w, morphology.first_normal(w)})
    return english


# ---- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    variant: Variant
    line: int
    col: int  # 1-based column in the source line
    start: int  # offset in the segment
    text: str  # the words as written


class VariantMatcher(PhraseIndex[Variant]):
    """Every occurrence of a house term's variants in a page's running text, in any word form.

    Preferred terms are matched too: where a preferred term covers an avoided one (the longest
    match at a position wins, and overlapping later matches are dropped), nothing is reported.
    """

    def __init__(self, variants: list[Variant], lang: str, morphology: Morphology, english: EnglishForms) -> None:
        self.ru = is_russian(lang)
        prefixes: set[str] = set()
        for v in variants:
            first = words(v.text)[0]
            if self.ru:
                prefixes |= {w[:PREFIX] for w in morphology.surfaces(lang, first)}
            else:
                prefixes |= {first[:PREFIX]} | {s[:PREFIX] for s in v.positions[0]}
        super().__init__(variants, morphology.normaliser(lang) if self.ru else english, prefixes)
        self.avoids = any(v.avoided for v in variants)

    def find(self, segments: list[tuple[str, int, int]]) -> list[Hit]:
        """Avoided variants in the segments (text, line, column), in order."""
        if not self.avoids or not segments:
            return []
        lows = lowered(segments)
        hot = {w for w in set(WORD_RE.findall("\n".join(lows))) if self.candidates(w)}
        if not hot:
            return []
        hits: list[Hit] = []
        for (text, line, col0), low in zip(segments, lows):
            here = [w for w in hot if w in low]
            if here:
                hits.extend(self._find_in(text, low, here, line, col0))
        return hits

    def _find_in(self, text: str, low: str, hot: list[str], line: int, col0: int) -> list[Hit]:
        skip = None
        if not self.ru:  # "to counter": a verb, not the noun the entry means

            def skip(v: Variant, i: int, _word: str) -> bool:
                return v.avoided and _previous_word(low, i) in ENGLISH_VERB_MARKERS

        return [
            Hit(v, line, col0 + i, i, text[i:end])
            for v, i, end in phrase_matches(low, hot, self.candidates, self.forms, skip)
            if v.avoided
        ]


# ---- text in data files ------------------------------------------------------------------------

IGNORE_RE = re.compile(r"#\s*validate:\s*ignore\b\s*([A-Z0-9, ]*)")
#: Keys whose strings list other names on purpose (the glossary's «Другие названия» / "Also called",
#: which is where a reader meets the avoided variants), so the house terms do not read them.
NAMES_ON_PURPOSE = frozenset({"aliases"})


def data_text(path: Path, display: str, languages: list[str]) -> tuple[dict[str, list[tuple[str, int, int]]], dict[int, frozenset[str]]]:
    """Reader-facing strings of a data file, per language: every string under a language key
    (``ru: "…"``, ``en: [..]``), as (text, line, column), except lists of other names
    (``aliases``, :data:`NAMES_ON_PURPOSE`); and ``# validate: ignore CODE`` lines."""
    text = read_text(path, display)
    _data, node = compose_yaml(text, display)
    out: dict[str, list[tuple[str, int, int]]] = {lang: [] for lang in languages}
    stack: list[tuple[yaml.Node | None, str | None]] = [(node, None)]
    while stack:
        current, lang = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value in NAMES_ON_PURPOSE:
                    continue
                key_lang = key.value if isinstance(key, yaml.ScalarNode) and key.value in out else None
                stack.append((value, key_lang or lang))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, lang) for item in current.value)
        elif isinstance(current, yaml.ScalarNode) and lang and isinstance(current.value, str) and current.value:
            quoted = 1 if current.style in ("'", '"') else 0
            out[lang].append((current.value, current.start_mark.line + 1, current.start_mark.column + 1 + quoted))
    ignores: dict[int, frozenset[str]] = {}
    if "validate:" in text:
        for number, line in enumerate(text.split("\n"), 1):
            m = IGNORE_RE.search(line)
            if m:
                ignores[number] = ignore_codes(m.group(1))
    for segments in out.values():
        segments.sort(key=lambda s: (s[1], s[2]))
    return out, ignores
