"""Writing commands: ``--mark-current`` (translation digests) and ``--fix`` (mechanical findings).

Both rewrite sources in place, print one line per change, and are idempotent: a second run
changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from handbook import translation
from handbook.site import is_russian

from .config import read_text
from .model import InputError, Page, Site, ignored


def _abs(site: Site, page: Page) -> Path:
    return site.config.docs_dir / page.src_uri


def _selected(site: Site, page: Page, original: Page, wanted: Iterable[str]) -> bool:
    paths = {os.path.realpath(_abs(site, page)), os.path.realpath(_abs(site, original))}
    names = {page.path, page.src_uri, page.norm_uri, original.path, original.src_uri}
    return any(w in names or os.path.realpath(w) in paths for w in wanted)


def mark_current(site: Site, wanted: list[str], every: bool) -> list[str]:
    """Record the original's current digests in each chosen translation; return what changed."""
    pairs = [(o, p) for o, p in site.pairs() if every or _selected(site, p, o, wanted)]
    if not pairs and not every:
        raise InputError(", ".join(wanted) or "--mark-current", 0, "no translated page matches (give a page path or --all)")
    changes = []
    for original, page in pairs:
        path = _abs(site, page)
        text = read_text(path, page.path)
        current = original.data.sections or translation.section_digests(read_text(_abs(site, original), original.path))
        new = translation.stamp(text, current)
        if new != text:
            path.write_text(new, encoding="utf-8")
            recorded = page.data.stamp[0]
            changed = translation.changed_sections(recorded, current) if recorded is not None else []
            what = "recorded" if recorded is None else ("updated: " + ", ".join(changed) if changed else "record rewritten")
            changes.append(f"{page.path}: marked current with {original.path} ({what})")
    return changes


# ---- --fix -------------------------------------------------------------------------------------

OPEN_BEFORE = set(" \t\u00a0([{—–-«„/") | {""}


def _quote_edits(page: Page) -> list[tuple[int, int, str, str, str]]:
    """Straight quotes in Russian running text, in pairs: « » (or „ “ inside « »)."""
    out = []
    for segment, line, col in page.data.text:
        if '"' not in segment or ignored(page.data.ignores, line, "S002"):
            continue
        positions = [i for i, ch in enumerate(segment) if ch == '"']
        if len(positions) % 2:
            continue  # an odd number: which one closes is a guess
        kinds = []
        for i in positions:
            before = segment[i - 1] if i else ""
            after = segment[i + 1] if i + 1 < len(segment) else ""
            opens = before in OPEN_BEFORE and after not in ("", " ", "\t")
            closes = before not in (" ", "\t", "") and (after == "" or not after.isalnum())
            kinds.append("open" if opens and not closes else "close" if closes and not opens else "?")
        if kinds != ["open", "close"] * (len(kinds) // 2):
            continue
        for k in range(0, len(positions), 2):
            a, b = positions[k], positions[k + 1]
            depth = segment[:a].count("«") - segment[:a].count("»")
            left, right = ("„", "“") if depth > 0 else ("«", "»")
            out.append((line, col - 1 + a, '"', left, "S002"))
            out.append((line, col - 1 + b, '"', right, "S002"))
    return out


def _link_edits(site: Site, page: Page) -> list[tuple[int, int, str, str, str]]:
    """L008: ``page.ru.md`` in a link of a Russian page becomes ``page.md``."""
    from .resolve import targets
    from .site import split_locale

    out = []
    for link, t in targets(site, page):
        if t.kind != "page" or t.src is None or ignored(page.data.ignores, link.line, "L008"):
            continue
        lang, localized, _norm = split_locale(t.path, site.config)
        if not (localized and lang == page.lang):
            continue
        path_part = t.url.split("#", 1)[0].split("?", 1)[0]
        name = path_part.rsplit("/", 1)[-1]
        suffix = f".{lang}."
        if suffix not in name:
            continue
        fixed = path_part[: len(path_part) - len(name)] + name.replace(suffix, ".", 1)
        if link.url is not None:
            where, start = link.line, link.col - 1
        else:
            ref = page.data.refdefs.get(link.ref or "")
            if ref is None:
                continue
            where, start = ref.line, ref.col - 1
        out.append((where, start, path_part, fixed, "L008"))
    return out


def _case_like(model: str, text: str) -> str:
    """``text`` capitalised like ``model``: first letter, or every word when the model is in title case."""
    parts = model.split()
    if len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return " ".join(w[:1].upper() + w[1:] for w in text.split())
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def _english_plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _inflect_english(hit: str, avoided: str, prefer: str) -> str | None:
    low, want = hit.lower().replace("’", "'").split(), avoided.lower().split()
    if low == want:
        return _case_like(hit, prefer)
    if len(low) == len(want) and low[:-1] == want[:-1] and low[-1] in {want[-1] + "s", want[-1] + "es", _english_plural(want[-1])}:
        words = prefer.split()
        return _case_like(hit, " ".join(words[:-1] + [_english_plural(words[-1])]))
    return None


def _inflect_phrase(morphology, phrase: str, case: str, number: str) -> str | None:
    """A Russian noun phrase in another case and number: agreeing words before the head noun and
    the head inflect; words after the head (its dependents) stay as they are."""
    tokens = phrase.split()
    parses = [morphology.parses(t.lower())[0] for t in tokens]
    head = next((i for i, p in enumerate(parses) if p.tag.POS == "NOUN"), None)
    if head is None:
        return None
    out = []
    for i, (token, parse) in enumerate(zip(tokens, parses)):
        if i < head and parse.tag.POS not in ("ADJF", "PRTF"):
            return None
        if i <= head:
            grams = {case, number}
            inflected = parse.inflect(grams)
            if inflected is None:
                return None
            out.append(inflected.word)
        else:
            out.append(token)
    return " ".join(out)


CASE_ALIASES = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}


def _inflect_russian(morphology, hit: str, avoided: str, prefer: str) -> str | None:
    from .morph import words

    fold = lambda s: " ".join(s.lower().replace("ё", "е").split())  # noqa: E731
    if fold(hit) == fold(avoided):
        return _case_like(hit, prefer)
    want, have = words(avoided), words(hit)
    if len(want) != len(have):
        return None
    head = next((i for i, w in enumerate(want) if morphology.parses(w)[0].tag.POS == "NOUN"), None)
    if head is None:
        return None
    normal = morphology.first_normal(want[head])
    grams = {
        (CASE_ALIASES.get(p.tag.case, p.tag.case), p.tag.number)
        for p in morphology.parses(have[head])
        if p.normal_form.replace("ё", "е") == normal and p.tag.case and p.tag.number
    }
    if not grams:
        return None
    results = {_inflect_phrase(morphology, prefer, case, number) for case, number in grams}
    if len(results) != 1 or None in results:
        return None  # the hit's case or number is ambiguous and the forms differ: not certain
    return _case_like(hit, results.pop())


def _term_edits(site: Site, page: Page) -> list[tuple[int, int, str, str, str]]:
    from .rules.style import matcher

    found = matcher(site, page.lang)
    if found is None:
        return []
    out = []
    morphology = site.cache["morphology"]
    for hit in found.find(page.data.text):
        if ignored(page.data.ignores, hit.line, "S001"):
            continue
        v = hit.variant
        new = (_inflect_russian(morphology, hit.text, v.text, v.prefer) if is_russian(page.lang)
               else _inflect_english(hit.text, v.text, v.prefer))
        if new is not None and new != hit.text:
            out.append((hit.line, hit.col - 1, hit.text, new, "S001"))
    return out


def fix(site: Site) -> list[str]:
    """Apply every safe fix to the sources; one line per change, in file and line order."""
    report = []
    for page in site.pages:
        edits = _link_edits(site, page) + _term_edits(site, page)
        if site.config.languages and is_russian(page.lang):
            edits += _quote_edits(page)
        if not edits:
            continue
        path = _abs(site, page)
        lines = read_text(path, page.path).split("\n")
        applied = []
        # Right to left within a line, so earlier offsets stay valid; overlapping edits are dropped.
        for line, start, old, new, code in sorted(edits, key=lambda e: (e[0], -e[1], e[4])):
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            if code == "L008" and text[start : start + len(old)] != old:
                # an inline link's position is its '[': the target follows its '](' (or '(<')
                found = [i + len(p) for p in ("](", "](<") if (i := text.find(p + old, start)) != -1]
                start = min(found) if found else -1
            if start < 0 or text[start : start + len(old)] != old:
                continue
            if any(a[0] == line and a[1] < start + len(old) and start < a[1] + len(a[2]) for a in applied):
                continue
            lines[line - 1] = text[:start] + new + text[start + len(old) :]
            applied.append((line, start, old, new, code))
        if applied:
            path.write_text("\n".join(lines), encoding="utf-8")
            for line, start, old, new, code in sorted(applied):
                report.append(f"{page.path}:{line}:{start + 1}: {code} {old} → {new}")
    return report
