"""Style: house terms in every word form (S001); typography the build cannot decide (S002-S005)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from handbook.site import is_russian

from ..house_terms import VariantMatcher
from ..model import ERROR, WARNING, Finding, Page, Site, ignored


def matcher(site: Site, lang: str) -> VariantMatcher | None:
    """The avoided-variant matcher of one language, built once per run."""
    terms = site.house_terms
    if terms is None or not terms.variants.get(lang):
        return None
    return site.memo("house-terms", lang, lambda: VariantMatcher(terms.variants[lang], lang, site.cache["morphology"], terms.english))


def texts(site: Site) -> Iterator[tuple[str, str, list[tuple[str, int, int]], dict[int, frozenset[str]], str]]:
    """(file, language, running text, ignored lines, message prefix) of every page and of every data
    file whose reader-facing strings the rules read (``style_data``): the one loop of S001, S006
    and R001. A data file holds every language, so its findings start with the language."""
    for page in site.pages:
        yield page.path, page.lang, page.data.text, page.data.ignores, ""
    if site.house_terms is not None:
        for path, (per_lang, ignores) in site.house_terms.data_text.items():
            for lang, segments in per_lang.items():
                yield path, lang, segments, ignores, f"{lang}: "


def check_terms(site: Site) -> Iterator[Finding]:
    """S001: a variant the house terms avoid, in running text (code, URLs, link targets excluded)."""
    for path, lang, segments, ignores, prefix in texts(site):
        found = matcher(site, lang)
        for hit in found.find(segments) if found is not None else ():
            if ignored(ignores, hit.line, "S001"):
                continue
            v = hit.variant
            yield Finding(
                path, hit.line, hit.col if "\n" not in hit.text else 1, ERROR, "S001",
                f"{prefix}«{hit.text}» is an avoided variant of the house term «{v.prefer}» ({v.why})",
                f"write «{v.prefer}» (docs/data/house-terms.yml, term '{v.term}')",
            )


# ---- typography the build cannot decide (S002-S006) -------------------------------------------

# «ТОП» in capitals: not an abbreviation, the house term is «топ» (docs/data/house-terms.yml,
# term 'top-of-results'); S001 compares words case-insensitively, so this rule keeps the case.
CAPS_TOP_RE = re.compile(r"(?<![\w-])ТОП(?![\w])")


def _caps_top(text: list[tuple[str, int, int]]) -> Iterator[tuple[int, int]]:
    for segment, line, col in text:
        if "ТОП" in segment:
            for m in CAPS_TOP_RE.finditer(segment):
                yield line + segment.count("\n", 0, m.start()), col + m.start()


def check_caps(site: Site) -> Iterator[Finding]:
    """S006: «ТОП» in capitals in Russian running text (a page's hint shows examples)."""
    for path, lang, segments, ignores, prefix in texts(site):
        if is_russian(lang):
            hint = "write «топ»" if prefix else "write «топ» («вывести в топ выдачи», «топ-10»)"
            for line, col in _caps_top(segments):
                if not ignored(ignores, line, "S006"):
                    yield Finding(path, line, col, WARNING, "S006", f"{prefix}«ТОП» in capitals is not an abbreviation", hint)

STRAIGHT_QUOTE_RE = re.compile(r'"')
SPACED_HYPHEN_RE = re.compile(r"(?:(?<=[^\W\d_][»”’)])|(?<=[^\W\d_]))[ \u00a0]-[ \u00a0](?=[«“‘(]?[^\W\d_])")
APOSTROPHE_RE = re.compile(r"(?<=[A-Za-z])['’](?=[A-Za-z])")
IZE_RE = re.compile(r"(?<![\w-])([A-Za-z]+?)(iz|yz)(e|es|ed|ing|ation|ations|ational|er|ers|able)(?![\w-])")
IZE_ONLY = frozenset(
    "size prize seize capsize resize downsize upsize oversize outsize undersize maize baize assize "
    "bize frize".split()
)
ISE_RE = re.compile(r"(?<![\w-])([A-Za-z]+?)(is|ys)(e|es|ed|ing|ation|ations|ational|er|ers|able)(?![\w-])")
# American spelling: -ise words that the American standard writes with -ize (a short, common list).
ISE_STEMS = frozenset(
    "organ optim real recogn priorit custom maxim minim summar special standard util monet visual "
    "emphas final categor author personal local critic apolog character analy paraly capital "
    "digit normal central synchron stabil commercial memor familiar".split()
)


def _lang_base(lang: str) -> str:
    return lang.split("-")[0].split("_")[0]


def page_typography(site: Site, page: Page) -> Iterator[Finding]:
    """S002 straight quotes in Russian, S003 a hyphen for a dash, S004 mixed apostrophes, S005 -ize/-ise."""
    text = page.data.text
    if is_russian(page.lang):
        for segment, line, col in text:
            if '"' in segment:
                for m in STRAIGHT_QUOTE_RE.finditer(segment):
                    yield Finding(page.path, line, col + m.start(), WARNING, "S002",
                                  "straight quote \" in Russian text", "use « » (scripts/validate.py --fix does it)")
    for segment, line, col in text:
        if " -" in segment or "\u00a0-" in segment:
            for m in SPACED_HYPHEN_RE.finditer(segment):
                yield Finding(page.path, line, col + m.start() + 1, WARNING, "S003",
                              "a hyphen between spaces stands for a dash", "write « — » (em dash with spaces)" if is_russian(page.lang) else "write an en dash – or an em dash —")
    if is_russian(page.lang):
        return
    yield from _apostrophes(page)
    spelling = (site.house_terms.spelling.get(_lang_base(page.lang)) or site.house_terms.spelling.get(page.lang)) if site.house_terms else None
    if spelling:
        yield from _spelling(page, spelling)


def _apostrophes(page: Page) -> Iterator[Finding]:
    marks = [(m.group(), line, col + m.start()) for segment, line, col in page.data.text
             if "'" in segment or "’" in segment for m in APOSTROPHE_RE.finditer(segment)]
    straight = [m for m in marks if m[0] == "'"]
    curly = [m for m in marks if m[0] == "’"]
    if not straight or not curly:
        return
    minority, usual = (straight, "’") if len(curly) >= len(straight) else (curly, "'")
    for mark, line, col in minority:
        yield Finding(page.path, line, col, WARNING, "S004",
                      f"apostrophe {mark} where the page uses {usual} ({len(curly)} curly, {len(straight)} straight)",
                      f"write {usual}")


def _spelling(page: Page, spelling: str) -> Iterator[Finding]:
    british = spelling == "british"
    pattern = IZE_RE if british else ISE_RE
    for segment, line, col in page.data.text:
        if ("iz" if british else "is") not in segment.lower() and ("yz" if british else "ys") not in segment.lower():
            continue
        for m in pattern.finditer(segment):
            stem, infix, suffix = m.group(1), m.group(2), m.group(3)
            word = m.group()
            low_stem = stem.lower()
            if british:
                if f"{low_stem}{infix}e" in IZE_ONLY or len(low_stem) < 2:
                    continue
            elif low_stem not in ISE_STEMS:
                continue
            if word[0].isupper() and m.start() > 0 and not segment[: m.start()].rstrip().endswith((".", "!", "?", ":")) and segment[: m.start()].strip():
                continue  # a name mid-sentence: Google Optimize
            fixed = stem + {"iz": "is", "yz": "ys", "is": "iz", "ys": "yz"}[infix] + suffix
            yield Finding(page.path, line, col + m.start(), WARNING, "S005",
                          f"«{word}» is {'American' if british else 'British'} spelling; the site spells {spelling} (docs/data/house-terms.yml)",
                          f"write «{fixed}»")
