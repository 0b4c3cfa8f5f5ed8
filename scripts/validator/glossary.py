"""Glossary records for the checks, and the matcher that finds term mentions in running text.

The schema itself (fields, languages, ids) is ``handbook.glossary``'s job: the file is parsed once
(``handbook.glossary.read_glossary``) and this module takes from the same node tree what the page
checks need: each term's id and line, and its names per language (term, abbreviation, aliases)
turned into word-form patterns. It is tolerant: a record the schema rejects is still matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Iterator, Protocol, Sequence, TypeVar

import yaml

from handbook.site import is_russian

from .config import yaml_child
from .model import Glossary, Mention, Term, TermForm
from .morph import WORD_RE, Morphology, english_singular, words

NAME_FIELDS = ("term", "abbr")
JOINERS = "-‐'’"  # characters WORD_RE keeps inside a word
PREVIOUS_WORD_RE = re.compile(r"([^\W_]+)[ \t]+$")
ENGLISH_VERB_MARKERS = frozenset(
    "to will would can could may might must should shall do does did not never also they we you i he she it "
    "who which that often usually".split()
)
ENGLISH_THIRD_PERSON = frozenset("it he she which that who what".split())
PREFIX = 4  # characters of a word's start that inflection leaves alone
# What may stand between the words of one multi-word name: spaces, hyphens, slashes (A/B),
# emphasis markers; not punctuation.
GAP_RE = re.compile(r"[\s/&+*_\-‐–]*")


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def read_glossary(node: yaml.Node | None, display: str, page: str, languages: list[str]) -> Glossary:
    """Term ids, lines and names from the YAML nodes (tolerant: a broken record is skipped)."""
    terms: list[Term] = []
    for item in getattr(yaml_child(node, "terms"), "value", None) or []:
        id_node = yaml_child(item, "id")
        if not isinstance(id_node, yaml.ScalarNode) or not id_node.value:
            continue
        langs: dict[str, list[TermForm]] = {}
        for lang in languages:
            lang_node = yaml_child(item, lang)
            if not isinstance(lang_node, yaml.MappingNode):
                continue
            forms = []
            for key in NAME_FIELDS:
                value = yaml_child(lang_node, key)
                if isinstance(value, yaml.ScalarNode) and value.value:
                    forms.append(TermForm(str(value.value), _line(value)))
            aliases = yaml_child(lang_node, "aliases")
            if isinstance(aliases, yaml.SequenceNode):
                forms += [TermForm(str(a.value), _line(a)) for a in aliases.value if isinstance(a, yaml.ScalarNode) and a.value]
            langs[lang] = forms
        category = yaml_child(item, "category")
        category = str(category.value) if isinstance(category, yaml.ScalarNode) else ""
        terms.append(Term(str(id_node.value), _line(id_node), langs, category))
    return Glossary(path=display, page=page, terms=terms)


@dataclass(frozen=True, slots=True)
class _Pattern:
    term: str
    positions: tuple[frozenset[str], ...]  # normal forms accepted at each word position


class _Phrase(Protocol):
    positions: tuple[frozenset[str], ...]


P = TypeVar("P", bound=_Phrase)


class PhraseIndex(Generic[P]):
    """Names (glossary terms, house-term variants) indexed by the normal forms of their first word.

    ``forms(word)`` gives a text word's normal forms; a word is analysed only if it starts like
    one of ``prefixes`` (inflection changes endings, not the first :data:`PREFIX` characters).
    """

    def __init__(self, phrases: Iterable[P], forms: Callable[[str], frozenset[str]], prefixes: set[str]) -> None:
        self.forms, self.prefixes = forms, frozenset(prefixes)
        index: dict[str, list[P]] = {}
        for phrase in phrases:
            for first in phrase.positions[0]:
                index.setdefault(first, []).append(phrase)
        for found in index.values():
            found.sort(key=lambda p: -len(p.positions))
        self.index = index
        self._candidates: dict[str, tuple[P, ...]] = {}

    def candidates(self, word: str) -> tuple[P, ...]:
        """Names that may start at this (lower-cased) word, longest first; cached per distinct word."""
        found = self._candidates.get(word)
        if found is None:
            if word[:PREFIX] not in self.prefixes:
                found = self._candidates[word] = ()
                return found
            seen: dict[int, P] = {}
            for form in self.forms(word):
                for phrase in self.index.get(form, ()):
                    seen.setdefault(id(phrase), phrase)
            found = self._candidates[word] = tuple(sorted(seen.values(), key=lambda p: -len(p.positions)))
        return found


def lowered(segments: list[tuple[str, int, int]]) -> list[str]:
    """Each segment's text lower-cased with ё folded to е, at the same offsets."""
    lows = []
    for text, _line, _col in segments:
        low = text.lower()
        if "ё" in low:
            low = low.replace("ё", "е")
        if len(low) != len(text):  # a character whose lower case is longer: keep offsets right
            low = "".join(c.lower()[:1] for c in text).replace("ё", "е")
        lows.append(low)
    return lows


class TermMatcher(PhraseIndex[_Pattern]):
    """Finds the first mention of each term in text, in any grammatical form.

    A name matches at a position when, word by word, the forms of the text word intersect the
    forms of the name's word. At one position the longest matching name wins, so «контекстная
    реклама» is one mention of that term and not also of «реклама».
    """

    def __init__(self, glossary: Glossary, lang: str, morphology: Morphology) -> None:
        forms = morphology.normaliser(lang)
        # English has no morphology here: a one-word name in its base form right after "to", a
        # modal or a pronoun is read as a verb ("ready to lead", "links lead to"), not a mention.
        self.verb_markers = frozenset() if is_russian(lang) else ENGLISH_VERB_MARKERS
        # A text word is analysed only if it starts like some form of some name's first word:
        # inflection changes endings, and the lexeme covers the rest (лучший → хороший).
        prefixes: set[str] = set()
        any_prefixes: set[str] = set()
        patterns: dict[tuple[str, tuple[frozenset[str], ...]], _Pattern] = {}
        for term in glossary.terms:
            for form in term.langs.get(lang, []):
                tokens = words(form.text)
                positions = form.positions or tuple(forms(t) for t in tokens)
                if not positions:
                    continue
                for position, token in enumerate(tokens):
                    starts = {w[:PREFIX] for w in morphology.surfaces(lang, token)}
                    any_prefixes |= starts
                    if position == 0:
                        prefixes |= starts
                patterns.setdefault((term.id, positions), _Pattern(term.id, positions))
        super().__init__(patterns.values(), forms, prefixes)
        self.any_prefixes = frozenset(any_prefixes)
        self.total = len({p.term for p in patterns.values()})
        self._seen: set[str] = set()  # words already classified
        self._hot: set[str] = set()  # words some name may start with

    def word_forms(self, word: str) -> frozenset[str]:
        """Normal forms of a word that may be part of a name; any other word stands for itself."""
        return self.forms(word) if word[:PREFIX] in self.any_prefixes else frozenset((word,))

    def find(self, segments: list[tuple[str, int, int]], found: dict[str, Mention]) -> None:
        """Record in ``found`` the first mention of each term not already there, over a page's
        prose segments (text, line, column), in order."""
        if len(found) >= self.total:
            return
        lows = lowered(segments)
        # Set operations in C decide, once per page, which words could start a name at all.
        tokens = set(WORD_RE.findall("\n".join(lows)))
        unknown = tokens - self._seen
        if unknown:
            self._hot.update(w for w in unknown if self.candidates(w))
            self._seen |= unknown
        hot = tokens & self._hot
        if not hot:
            return
        for (text, line, col0), low in zip(segments, lows):
            here = [w for w in hot if w in low]
            if here:
                self._find_in(text, low, here, line, col0, found)
                if len(found) >= self.total:
                    return

    def _verb(self, low: str, i: int, word: str) -> bool:
        """English: "to lead", "they lead", "it leads" are verbs; "to freelancers" is a noun."""
        before = _previous_word(low, i)
        if english_singular(word) == word:
            return before in self.verb_markers
        return before in ENGLISH_THIRD_PERSON

    def _find_in(self, text: str, low: str, hot: list[str], line: int, col0: int, found: dict[str, Mention]) -> None:
        skip = (lambda _pattern, i, word: self._verb(low, i, word)) if self.verb_markers else None
        for pattern, start, end in phrase_matches(low, hot, self.candidates, self.word_forms, skip):
            if pattern.term not in found:
                found[pattern.term] = Mention(pattern.term, line, col0 + start, text[start:end])


def phrase_matches(
    low: str,
    hot: list[str],
    candidates: Callable[[str], Sequence[P]],
    forms: Callable[[str], frozenset[str]],
    skip: Callable[[P, int, str], bool] | None = None,
) -> Iterator[tuple[P, int, int]]:
    """Multi-word names in ``low`` (lower-cased text): (candidate, start, end) for each match.

    The walk starts at each occurrence of a ``hot`` word, in order; ``candidates(word)`` gives
    the names that can start with that word, longest first, each with the normal forms allowed
    at every position (``positions``). The first candidate whose following words (separated by
    GAP_RE only) have a matching form wins, and the walk resumes after it. ``skip(candidate,
    start, word)`` may pass over a one-word candidate (the verb rule).
    """
    starts = sorted({i for w in hot for i in _occurrences(low, w)})
    skip_to = -1
    for i in starts:
        if i < skip_to:
            continue
        m = WORD_RE.match(low, i)
        tokens = [m]
        for pattern in candidates(m.group()):
            size = len(pattern.positions)
            if size == 1 and skip is not None and skip(pattern, i, m.group()):
                continue
            while len(tokens) < size:
                nxt = WORD_RE.search(low, tokens[-1].end())
                if nxt is None or not GAP_RE.fullmatch(low, tokens[-1].end(), nxt.start()):
                    break
                tokens.append(nxt)
            if len(tokens) < size:
                continue
            if all(pattern.positions[j] & forms(tokens[j].group()) for j in range(1, size)):
                end = tokens[size - 1].end()
                yield pattern, i, end
                skip_to = end
                break


def _previous_word(text: str, i: int) -> str:
    m = PREVIOUS_WORD_RE.search(text, 0, i)
    return m.group(1) if m else ""


def _occurrences(text: str, word: str) -> list[int]:
    """Offsets where ``word`` stands as a whole token (as WORD_RE splits the text)."""
    out = []
    i = text.find(word)
    while i != -1:
        end = i + len(word)
        before_ok = i == 0 or not (text[i - 1].isalnum() or (text[i - 1] in JOINERS and i > 1 and text[i - 2].isalnum()))
        after_ok = end == len(text) or not (
            text[end].isalnum() or (text[end] in JOINERS and end + 1 < len(text) and text[end + 1].isalnum())
        )
        if before_ok and after_ok:
            out.append(i)
        i = text.find(word, i + 1)
    return out
