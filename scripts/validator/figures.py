"""Figures in running text, normalised so that the two languages of a page can be compared.

``100 000`` (spaces, NBSP or narrow NBSP), ``100,000`` and ``100 тыс.`` are all ``100000``;
``1,5`` (Russian) and ``1.5`` (English) are ``1.5``; clause numbers stay as written (``2.4.1``);
``15 %``, ``15%``, ``15 per cent`` and ``15 процентов`` are ``15%``; dates ``2019-12-11``,
``11.12.2019``, ``11 December 2019``, ``December 11, 2019`` and ``11 декабря 2019 года`` are all
``2019-12-11`` (a day and month without a year: ``12-11``; a month and year: ``2019-12``).
Numbers spelled as words are not figures. Digits glued to letters (``GA4``, ``B2B``, ``1С``,
``3D``) are names, not figures.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import NamedTuple

from handbook.site import is_russian

SP = "[ \u00a0\u202f\u2009]"
EN_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        "january|jan february|feb march|mar april|apr may june|jun july|jul august|aug "
        "september|sep|sept october|oct november|nov december|dec".split()
    )
    for m in names.split("|")
}
RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
EN_MONTH_RE = r"(?P<mon>" + "|".join(sorted(EN_MONTHS, key=len, reverse=True)) + r")\.?"
RU_MONTH_RE = r"(?P<mon>(?:январ|феврал|март|апрел|ма[йяеё]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*)"
DAY = r"(?P<day>[0-3]?\d)"
YEAR = r"(?P<year>(?:19|20)\d\d)"

DATE_RES = [
    re.compile(rf"(?<![\w.])(?P<year>\d{{4}})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\w)"),
    re.compile(rf"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{{4}})(?![\w.]\w)"),
    re.compile(rf"(?<!\w){DAY}(?:st|nd|rd|th)?{SP}+{EN_MONTH_RE}(?:,?{SP}+{YEAR})?(?!\w)", re.I),
    re.compile(rf"(?<!\w){EN_MONTH_RE}{SP}+{DAY}(?:st|nd|rd|th)?(?:,{SP}+{YEAR})?(?!\w)", re.I),
    re.compile(rf"(?<!\w){DAY}{SP}+{RU_MONTH_RE}(?:{SP}+{YEAR}(?:{SP}+(?:года|году|г\.))?)?(?!\w)", re.I),
    re.compile(rf"(?<!\w){EN_MONTH_RE}{SP}+{YEAR}(?!\w)", re.I),
    re.compile(rf"(?<!\w){RU_MONTH_RE}{SP}+{YEAR}(?:{SP}+(?:года|году|г\.))?(?!\w)", re.I),
    re.compile(r"(?<![\w.:])(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?![\w:])"),
]
DATE_NEEDS = ["-", ".", "month", "month", "month", "month", "month", ":"]  # what each DATE_RES needs in the text
MONTH_HINT_RE = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|январ|феврал|март|апрел|ма[йяеё]|июн|июл|август|сентябр|октябр|ноябр|декабр)")
NUM_RE = re.compile(rf"(?<![^\W_])(?<![.,])\d+(?:(?:{SP}|[.,])\d+)*")
MULTIPLIERS = {
    "тыс": 10**3, "млн": 10**6, "млрд": 10**9, "тысяч": 10**3, "миллион": 10**6, "миллиард": 10**9, "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "k": 10**3, "m": 10**6, "bn": 10**9,
}
TAIL_RE = re.compile(
    rf"(?P<ord>st|nd|rd|th|s\b|['’]s\b)?(?:(?P<glued>k|m|bn)|{SP}?(?P<mult>тыс|млн|млрд|thousand|million|billion|тысяч|миллион|миллиард)[а-я]*\b\.?)?"
    rf"(?P<pct>{SP}?%|{SP}(?:per{SP}?cent|percent|процент[а-я]*)\b)?",
    re.I,
)
RANGE_GAP_RE = re.compile(rf"{SP}?[–—-]{SP}?|{SP}(?:to|до|-){SP}", re.I)
DIGIT_RE = re.compile(r"\d")
LETTER_RE = re.compile(r"[^\W\d_]")


class Figure(NamedTuple):
    value: str  # normalised
    raw: str  # as written
    line: int
    col: int  # 1-based column in the source line


def _month(name: str) -> int:
    low = name.lower().rstrip(".")
    if low in EN_MONTHS:
        return EN_MONTHS[low]
    for stem in sorted(RU_MONTHS, key=len, reverse=True):  # «март» before «ма(й)»
        if low.startswith(stem):
            return RU_MONTHS.index(stem) + 1
    return 0


def _date(m: re.Match) -> str:
    g = m.groupdict()
    if g.get("hour"):
        return f"{int(g['hour'])}:{g['minute']}"
    month = int(g["month"]) if g.get("month") else _month(g["mon"])
    day, year = g.get("day"), g.get("year")
    if day and year:
        return f"{year}-{month:02d}-{int(day):02d}"
    if day:
        return f"{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}"


def _numbers(chunk: str, ru: bool) -> list[tuple[str, int, int]]:
    """Split a run of digits and separators into numbers: (value, start, end) in the chunk."""
    if chunk.isdigit():
        return [(str(int(chunk)), 0, len(chunk))]
    parts = re.split(rf"({SP}|[.,])", chunk)
    out: list[tuple[str, int, int]] = []
    digits, start, pos = parts[0], 0, len(parts[0])
    integer_groups, decimals, dotted = 1, "", []  # thousands groups so far, decimal part, clause parts

    def close(end: int) -> None:
        if dotted:
            out.append((".".join([str(int(digits))] + dotted), start, end))
        else:
            value = str(int(digits)) + (f".{decimals}" if decimals else "")
            out.append((value, start, end))

    for k in range(1, len(parts), 2):
        sep, group = parts[k], parts[k + 1]
        joined = False
        if not decimals and not dotted:
            if re.fullmatch(SP, sep) or (sep == "," and not ru):
                if len(group) == 3 and (integer_groups > 1 or len(digits) <= 3):
                    digits += group
                    integer_groups += 1
                    joined = True
            elif sep == "," and ru:
                decimals, joined = group, True
            elif sep == ".":
                dotted.append(group)
                joined = True
        elif sep == "." and dotted:
            dotted.append(group)
            joined = True
        if not joined:
            close(pos)
            digits, start, integer_groups, decimals, dotted = group, pos + len(sep), 1, "", []
        pos += len(sep) + len(group)
    close(pos)
    return out


def extract(text: str, ru: bool, line: int, col0: int) -> list[Figure]:
    """Figures of one running-text segment, in order."""
    if DIGIT_RE.search(text) is None:
        return []
    return list(map(Figure._make, _extract(text, ru, line, col0)))


def _extract(text: str, ru: bool, line: int, col0: int) -> list[tuple[str, str, int, int]]:
    """extract() as plain tuples, for a segment known to hold a digit."""
    found: list[tuple[int, tuple[str, str, int, int]]] = []
    # Every date pattern needs a '-', '.', ':' or a month name: most segments have none of them.
    if "-" in text or "." in text or ":" in text or MONTH_HINT_RE.search(text) is not None:
        months = MONTH_HINT_RE.search(text) is not None
        for date_re, needs in zip(DATE_RES, DATE_NEEDS):
            if needs == "month" and not months or needs not in ("month", "") and needs not in text:
                continue
            if date_re.search(text) is None:
                continue

            def repl(m: re.Match, date_re: re.Pattern = date_re) -> str:
                try:
                    value = _date(m)
                except (ValueError, TypeError):
                    return m.group()
                found.append((m.start(), (value, m.group(), line, col0 + m.start())))
                return " " * len(m.group())

            text = date_re.sub(repl, text)
    numbers: list[list] = []  # [start, end, value, multiplier, percent]
    for m in NUM_RE.finditer(text):
        chunk = m.group()
        for value, start, end in _numbers(chunk, ru):
            a, b = m.start() + start, m.start() + end
            tail = TAIL_RE.match(text, b)
            after = tail.end() if tail else b
            if after < len(text) and LETTER_RE.match(text[after]) and not (tail and (tail.group("mult") or tail.group("pct"))):
                continue  # GA4x, 3D, 1С: part of a name
            if a > 0 and LETTER_RE.match(text[a - 1]):
                continue
            mult = (tail.group("mult") or tail.group("glued") or "").lower() if tail else ""
            pct = bool(tail and tail.group("pct"))
            numbers.append([a, after, value, mult, pct])
    # A range shares its unit: «120–150 тыс.» is 120 000 to 150 000, «10–15 %» is 10 % to 15 %.
    for k in range(len(numbers) - 2, -1, -1):
        this, nxt = numbers[k], numbers[k + 1]
        if not this[3] and not this[4] and (nxt[3] or nxt[4]) and RANGE_GAP_RE.fullmatch(text, this[1], nxt[0]):
            this[3], this[4] = nxt[3], nxt[4]
    for a, after, value, mult, pct in numbers:
        if mult and value.count(".") <= 1:
            try:
                number = Decimal(value) * MULTIPLIERS[mult]
                value = str(number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize())
            except (InvalidOperation, KeyError):
                pass
        if pct:
            value += "%"
        found.append((a, (value, text[a:after].strip(), line, col0 + a)))
    if len(found) > 1:
        found.sort(key=itemgetter(0))
    return [f for _, f in found]


def page_figures(segments: list[tuple[str, int, int]], lang: str) -> list[tuple[str, str, int, int]]:
    """Every figure of a page's running text, as plain tuples (value, raw, line, column)."""
    ru = is_russian(lang)
    out: list[tuple[str, str, int, int]] = []
    search = DIGIT_RE.search
    for text, line, col in segments:
        if search(text) is not None:
            out.extend(_extract(text, ru, line, col))
    return out
