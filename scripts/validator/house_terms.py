"""House terms (``docs/data/house-terms.yml``): the schema, and a matcher for every word form.

The file names, per language, the term the handbook uses and the variants it does not::

    spelling: {en: british}              # optional, per language: british | american
    terms:
      - id: job-description              # ^[a-z0-9]+(-[a-z0-9]+)*$, unique
        en:
          prefer: job description
          avoid:
            - {text: job instruction, why: "a calque of «должностная инструкция»"}
          synonyms: [job spec]           # optional: words readers search with (not reported)

``synonyms`` and the avoided variants are what site search adds the preferred term for
(``handbook.search.house_term_synonyms``); only the avoided variants are reported on pages.

Bad input (YAML syntax, a duplicate key, a field the schema does not know, a language the site
does not build, a variant that is also a preferred term) is an :class:`InputError`: one line
naming the file and line, exit status 2.

Matching: a variant matches a run of consecutive words when each word's forms meet the variant
word's forms. Russian text words stand for every normal form pymorphy3 gives them; a variant's
words for the normal form of their most likely parse only (so «сходу» does not catch «сход»).
English words are reduced by the Snowball stemmer (answers/answered/answering → answer,
targetologists → targetologist).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal

import yaml

from handbook.datafile import StrictLoader, line_of
from handbook.site import is_russian

from .config import compose_yaml, read_text, yaml_child
from .glossary import ENGLISH_VERB_MARKERS, PREFIX, PhraseIndex, _previous_word, lowered, phrase_matches
from .model import InputError, ignore_codes
from .morph import WORD_RE, Morphology, load_cache, save_cache, sets_json, word_sets, words

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
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


# ---- schema ------------------------------------------------------------------------------------


def _schema():
    """The pydantic models, built on first use (keeps the import off the fast path)."""
    from typing import Annotated

    from pydantic import BaseModel, ConfigDict, Field, StringConstraints

    Text = Field(min_length=1)

    class Avoid(BaseModel):
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
        text: str = Text
        why: str = Text

    class Lang(BaseModel):
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
        prefer: str = Text
        avoid: list[Avoid] = []
        synonyms: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] = []

    class Term(BaseModel):
        model_config = ConfigDict(extra="allow")
        id: str = Field(pattern=ID_RE.pattern)

    class File(BaseModel):
        model_config = ConfigDict(extra="forbid")
        spelling: dict[str, Literal["british", "american"]] = {}
        terms: list[Term]

    return File, Lang


def _pydantic_error(exc: Any, node: yaml.Node | None) -> tuple[int, str]:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc)
    return line_of(node, loc), f"{where}: {err['msg']}" if where else err["msg"]


def _validate(data: Any, node: yaml.Node | None, display: str, languages: list[str]) -> None:
    """The pydantic schema; raises :class:`InputError` at the first problem."""
    from pydantic import ValidationError

    File, Lang = _schema()
    try:
        parsed = File.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise InputError(display, *_pydantic_error(exc, node)) from None
    for lang in parsed.spelling:
        if lang not in languages:
            raise InputError(display, line_of(node, ("spelling", lang)), f"unknown language '{lang}' (the site builds {', '.join(languages)})")
    ids: dict[str, int] = {}
    for index, term in enumerate(parsed.terms):
        if term.id in ids:
            raise InputError(display, line_of(node, ("terms", index, "id")), f"duplicate term id '{term.id}' (first on line {ids[term.id]})")
        ids[term.id] = line_of(node, ("terms", index))
        for lang, raw in (term.model_extra or {}).items():
            if lang not in languages:
                raise InputError(display, line_of(node, ("terms", index, lang)), f"term '{term.id}': unknown language '{lang}' (the site builds {', '.join(languages)})")
            try:
                Lang.model_validate(raw)
            except ValidationError as exc:
                line, message = _pydantic_error(exc, yaml_child(node, "terms", index, lang))
                raise InputError(display, line, f"term '{term.id}': {lang}.{message}") from None


def read_house_terms(
    path: Path, display: str, languages: list[str], morphology: Morphology, cache_dir: Path | None = None
) -> HouseTerms:
    """Load and check the file; any problem is an :class:`InputError` (exit status 2).

    A file that passed the schema once is not checked by pydantic again while its bytes, the
    languages and this module stay the same (a marker in the cache directory).
    """
    text = read_text(path, display)
    data, node = compose_yaml(text, display, StrictLoader)  # a repeated key is an error, not the last one wins
    marker = None
    if cache_dir is not None:
        me = Path(__file__).stat()
        key = f"{text}|{','.join(languages)}|{me.st_mtime_ns}|{me.st_size}".encode()
        marker = cache_dir / f"house-terms-ok-{hashlib.sha1(key).hexdigest()[:20]}"
    if marker is None or not marker.exists():
        _validate(data, node, display, languages)
        if marker is not None:
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass
    english = EnglishForms(cache_dir)
    out = HouseTerms(display, english, dict(data.get("spelling") or {}), {lang: [] for lang in languages})
    for index, term in enumerate(data.get("terms") or []):
        for lang in languages:
            entry = term.get(lang)
            if not entry:
                continue
            prefer = entry["prefer"].strip()
            out.variants[lang].append(Variant(term["id"], lang, prefer, line_of(node, ("terms", index, lang, "prefer")), False, prefer))
            for k, avoid in enumerate(entry.get("avoid") or []):
                line = line_of(node, ("terms", index, lang, "avoid", k))
                out.variants[lang].append(Variant(term["id"], lang, avoid["text"].strip(), line, True, prefer, avoid["why"].strip()))
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
    _check_synonyms(data, node, display, languages, out, morphology, english)
    return out


def _check_synonyms(data: Any, node: yaml.Node | None, display: str, languages: list[str], out: HouseTerms,
                    morphology: Morphology, english: EnglishForms) -> None:
    """A search synonym must not be a preferred term (in any word form): search would send the
    readers of that term to this one."""
    for index, term in enumerate(data.get("terms") or []):
        for lang in languages:
            entry = term.get(lang) or {}
            forms = _pattern_forms(lang, morphology, english)
            for k, text in enumerate(entry.get("synonyms") or []):
                line = line_of(node, ("terms", index, lang, "synonyms", k))
                positions = tuple(forms(w) for w in words(text))
                if not positions:
                    raise InputError(display, line, f"term '{term['id']}': synonym «{text}» has no words")
                same = next((p for p in out.variants[lang] if not p.avoided and _same(p.positions, positions)), None)
                if same is not None:
                    whose = "this term's preferred term" if same.term == term["id"] else f"the preferred term of '{same.term}' (line {same.line})"
                    raise InputError(display, line, f"term '{term['id']}': {lang} synonym «{text}» is {whose}")


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
