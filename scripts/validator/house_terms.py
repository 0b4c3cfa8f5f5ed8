"""House terms (``docs/data/house-terms.yml``): the schema, and a matcher for every word form.

The file names, per language, the term the handbook uses and the variants it does not::

    spelling: {en: british}              # optional, per language: british | american
    terms:
      - id: job-description              # ^[a-z0-9]+(-[a-z0-9]+)*$, unique
        en:
          prefer: job description
          avoid:
            - {text: job instruction, why: "a calque of «должностная инструкция»"}

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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal

import yaml

from .config import compose_yaml, read_text
from .glossary import ENGLISH_VERB_MARKERS, GAP_RE, PREFIX, _occurrences, _previous_word
from .model import InputError
from .morph import WORD_RE, Morphology, words

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def is_ru(lang: str) -> bool:
    return lang.split("-")[0].split("_")[0] == "ru"


_STEMMER: Any = None
_EN_CACHE: dict[str, frozenset[str]] = {}


def english_forms(word: str) -> frozenset[str]:
    """The Snowball stem of a lower-cased English word (possessive dropped), cached."""
    found = _EN_CACHE.get(word)
    if found is None:
        global _STEMMER
        if _STEMMER is None:
            import snowballstemmer

            _STEMMER = snowballstemmer.stemmer("english")
        base = word.replace("’", "'")
        if base.endswith("'s"):
            base = base[:-2]
        found = _EN_CACHE[word] = frozenset({_STEMMER.stemWord(base)})
    return found


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
    spelling: dict[str, str] = field(default_factory=dict)
    variants: dict[str, list[Variant]] = field(default_factory=dict)  # language -> preferred and avoided


# ---- schema ------------------------------------------------------------------------------------


def _schema():
    """The pydantic models, built on first use (keeps the import off the fast path)."""
    from pydantic import BaseModel, ConfigDict, Field

    Text = Field(min_length=1)

    class Avoid(BaseModel):
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
        text: str = Text
        why: str = Text

    class Lang(BaseModel):
        model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
        prefer: str = Text
        avoid: list[Avoid] = []

    class Term(BaseModel):
        model_config = ConfigDict(extra="allow")
        id: str = Field(pattern=ID_RE.pattern)

    class File(BaseModel):
        model_config = ConfigDict(extra="forbid")
        spelling: dict[str, Literal["british", "american"]] = {}
        terms: list[Term]

    return File, Lang


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _line_of(node: yaml.Node | None, loc: tuple) -> int:
    line = _line(node)
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line, node = _line(key), value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = _line(node)
        else:
            return line
    return line


def _duplicate_key(node: yaml.Node | None) -> tuple[int, str] | None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        return _line(key), f"duplicate key '{key.value}' (first on line {seen[key.value]})"
                    seen[key.value] = _line(key)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def _pydantic_error(exc: Any, node: yaml.Node | None) -> tuple[int, str]:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc)
    return _line_of(node, loc), f"{where}: {err['msg']}" if where else err["msg"]


def read_house_terms(path: Path, display: str, languages: list[str], morphology: Morphology) -> HouseTerms:
    """Load and check the file; any problem is an :class:`InputError` (exit status 2)."""
    from pydantic import ValidationError

    data, node = compose_yaml(read_text(path, display), display)
    dup = _duplicate_key(node)
    if dup:
        raise InputError(display, *dup)
    File, Lang = _schema()
    try:
        parsed = File.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise InputError(display, *_pydantic_error(exc, node)) from None
    for lang in parsed.spelling:
        if lang not in languages:
            raise InputError(display, _line_of(node, ("spelling", lang)), f"unknown language '{lang}' (the site builds {', '.join(languages)})")
    out = HouseTerms(display, dict(parsed.spelling), {lang: [] for lang in languages})
    ids: dict[str, int] = {}
    for index, term in enumerate(parsed.terms):
        term_line = _line_of(node, ("terms", index))
        if term.id in ids:
            raise InputError(display, _line_of(node, ("terms", index, "id")), f"duplicate term id '{term.id}' (first on line {ids[term.id]})")
        ids[term.id] = term_line
        for lang, raw in (term.model_extra or {}).items():
            if lang not in languages:
                raise InputError(display, _line_of(node, ("terms", index, lang)), f"term '{term.id}': unknown language '{lang}' (the site builds {', '.join(languages)})")
            try:
                entry = Lang.model_validate(raw)
            except ValidationError as exc:
                line, message = _pydantic_error(exc, yaml_path(node, ("terms", index, lang)))
                raise InputError(display, line, f"term '{term.id}': {lang}.{message}") from None
            out.variants[lang].append(Variant(term.id, lang, entry.prefer, _line_of(node, ("terms", index, lang, "prefer")), False, entry.prefer))
            for k, avoid in enumerate(entry.avoid):
                line = _line_of(node, ("terms", index, lang, "avoid", k))
                out.variants[lang].append(Variant(term.id, lang, avoid.text, line, True, entry.prefer, avoid.why))
    for lang, variants in out.variants.items():
        forms = _pattern_forms(lang, morphology)
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
    return out


def yaml_path(node: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _same(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> bool:
    return len(a) == len(b) and all(x & y for x, y in zip(a, b))


def _pattern_forms(lang: str, morphology: Morphology) -> Callable[[str], frozenset[str]]:
    if is_ru(lang):
        return lambda w: frozenset({w, morphology.first_normal(w)})
    return english_forms


# ---- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    variant: Variant
    line: int
    col: int  # 1-based column in the source line
    start: int  # offset in the segment
    text: str  # the words as written


class VariantMatcher:
    """Every occurrence of a house term's variants in a page's running text, in any word form.

    Preferred terms are matched too: where a preferred term covers an avoided one (the longest
    match at a position wins, and overlapping later matches are dropped), nothing is reported.
    """

    def __init__(self, variants: list[Variant], lang: str, morphology: Morphology) -> None:
        self.ru = is_ru(lang)
        self.forms = morphology.normaliser(lang) if self.ru else english_forms
        index: dict[str, list[Variant]] = {}
        prefixes: set[str] = set()
        for v in variants:
            first = words(v.text)[0]
            if self.ru:
                prefixes |= {w[:PREFIX] for w in morphology.surfaces(lang, first)}
            else:
                prefixes |= {first[:PREFIX]} | {s[:PREFIX] for s in v.positions[0]}
            for form in v.positions[0]:
                index.setdefault(form, []).append(v)
        for found in index.values():
            found.sort(key=lambda v: -len(v.positions))
        self.index, self.prefixes = index, frozenset(prefixes)
        self.avoids = any(v.avoided for v in variants)
        self._candidates: dict[str, tuple[Variant, ...]] = {}

    def candidates(self, word: str) -> tuple[Variant, ...]:
        found = self._candidates.get(word)
        if found is None:
            if word[:PREFIX] not in self.prefixes:
                found = ()
            else:
                seen: dict[int, Variant] = {}
                for form in self.forms(word):
                    for v in self.index.get(form, ()):
                        seen.setdefault(id(v), v)
                found = tuple(sorted(seen.values(), key=lambda v: -len(v.positions)))
            self._candidates[word] = found
        return found

    def find(self, segments: list[tuple[str, int, int]]) -> list[Hit]:
        """Avoided variants in the segments (text, line, column), in order."""
        if not self.avoids or not segments:
            return []
        lows = []
        for text, _line, _col in segments:
            low = text.lower().replace("ё", "е")
            if len(low) != len(text):
                low = "".join(c.lower()[:1] for c in text).replace("ё", "е")
            lows.append(low)
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
        starts = sorted({i for w in hot for i in _occurrences(low, w)})
        out: list[Hit] = []
        skip_to = -1
        for i in starts:
            if i < skip_to:
                continue
            m = WORD_RE.match(low, i)
            tokens = [m]
            for v in self.candidates(m.group()):
                size = len(v.positions)
                if size == 1 and not self.ru and v.avoided and _previous_word(low, i) in ENGLISH_VERB_MARKERS:
                    continue  # "to counter": a verb, not the noun the entry means
                while len(tokens) < size:
                    nxt = WORD_RE.search(low, tokens[-1].end())
                    if nxt is None or not GAP_RE.fullmatch(low, tokens[-1].end(), nxt.start()):
                        break
                    tokens.append(nxt)
                if len(tokens) < size:
                    continue
                if all(v.positions[j] & self.forms(tokens[j].group()) for j in range(1, size)):
                    end = tokens[size - 1].end()
                    if v.avoided:
                        out.append(Hit(v, line, col0 + i, i, text[i:end]))
                    skip_to = end
                    break
        return out
