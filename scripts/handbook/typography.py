"""Non-breaking spaces in built HTML, so editors keep typing ordinary spaces in the sources.

:func:`apply` rewrites the text of an HTML document (never tags, attributes, comments, or the
content of ``head``, ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``textarea``,
``svg``, ``math``; inside ``svg`` the text of ``title``, ``desc`` and ``text`` is typeset: a chart's
accessible name, description and labels), replacing one ordinary space (or newline) by a no-break space where a line must
not break:

* a number and its unit: ``100 ₽``, ``15 %``, ``5 руб.``, ``120 тыс.``, ``3 млн``, ``2 млрд``
  (and ``тыс. ₽``, ``млн ₽``, ``тыс. руб.``): NBSP;
* inside digit groups, ``100 000`` and ``1 500 000``: NARROW NBSP (U+202F);
* after ``№``, ``п.``, ``ст.``, ``т.`` (``п. 2.4``, ``т. е.``): NBSP;
* before an em dash in Russian (``слово — слово``): NBSP;
* between initials and a surname (``И. И. Иванов``, ``Иванов И. И.``, ``J. Smith``): NBSP.

Text that inline tags split (``<strong>100</strong> ₽``) is treated as one run; block tags end a
run. Only single characters change (space → no-break space), so the HTML keeps its length and
structure; the rules are idempotent. Plain module: the hook ``overrides/hooks/typography.py``
calls it, and ``tests/test_typography.py`` tests it.
"""

from __future__ import annotations

import re

from handbook.site import normalise

NBSP = "\u00a0"
NNBSP = "\u202f"

# Elements whose content is never typeset, and elements that do not end a run of text.
SKIP = frozenset("head script style code pre kbd samp textarea svg math template".split())
INLINE = frozenset("a abbr b bdi bdo cite data dfn em i mark q s small span strong sub sup time u var del ins tspan".split())

TOKEN_RE = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>",
    re.S,
)
RAW_TEXT = frozenset({"script", "style", "textarea"})  # their content may hold '<'
# Inside <svg>: the elements whose text a reader gets (screen readers, tooltips, labels); each ends a run.
SVG_TEXT = frozenset({"title", "desc", "text"})

SP = "[ \n]"
UNIT = r"(?:₽|%|руб\.|тыс\.|млн\b|млрд\b)"
RULES: list[tuple[re.Pattern[str], str, frozenset[str] | None]] = [
    # digit groups first: «1 500 000 ₽» keeps its groups together and the unit attached
    (re.compile(rf"(?<![\d.,\w])\d{{1,3}}(?=(?:{SP}\d{{3}})+(?![\d\w]|[.,]\d))"), "groups", None),
    (re.compile(rf"\d({SP})(?={UNIT})"), NBSP, None),
    (re.compile(rf"(?:тыс\.|млн|млрд)({SP})(?=₽|руб\.)"), NBSP, None),
    (re.compile(rf"(?<![\w.])(?:№|п\.|пп\.|ст\.|т\.)({SP})(?=\S)"), NBSP, None),
    (re.compile(rf"(?<=\S)({SP})(?=—)"), NBSP, frozenset({"ru"})),
    # initials before a surname: «И. И. Иванов», «И. Иванов», «J. R. Smith»
    (re.compile(rf"(?<![\w.])[A-ZА-ЯЁ]\.({SP})(?=(?:[A-ZА-ЯЁ]\.{SP}?)?[A-ZА-ЯЁ][a-zа-яё]+)"), NBSP, None),
    (re.compile(rf"(?<![\w.])[A-ZА-ЯЁ]\.[A-ZА-ЯЁ]\.({SP})(?=[A-ZА-ЯЁ][a-zа-яё]+)"), NBSP, None),
    (re.compile(rf"(?<![\w.])[A-ZА-ЯЁ]\.({SP})(?=[A-ZА-ЯЁ]\.{SP}?[A-ZА-ЯЁ][a-zа-яё]+)"), NBSP, None),
    # a surname before initials: «Иванов И. И.»
    (re.compile(rf"(?<![\w.])[A-ZА-ЯЁ][a-zа-яё]+({SP})(?=[A-ZА-ЯЁ]\.(?:{SP}?[A-ZА-ЯЁ]\.)?(?!\w))"), NBSP, None),
    (re.compile(rf"(?<![\w.])[A-ZА-ЯЁ]\.({SP})(?=[A-ZА-ЯЁ]\.(?!\w))"), NBSP, None),
]
GROUP_SPACE_RE = re.compile(rf"{SP}(?=\d{{3}})")
QUICK_RE = re.compile(r"\d|№|[пст]\.|—|[A-ZА-ЯЁ]\.")


def typeset(text: str, lang: str | None = None) -> str:
    """Apply the rules to plain text (no tags); returns text of the same length."""
    if not QUICK_RE.search(text) or not (" " in text or "\n" in text):
        return text
    base = normalise(lang or "")
    for pattern, replacement, langs in RULES:
        if langs is not None and base not in langs:
            continue
        chars = list(text)
        for m in pattern.finditer(text):
            if replacement == "groups":
                end = m.end()
                run = re.match(rf"(?:{SP}\d{{3}})+", text[end:])
                if run:
                    for k in GROUP_SPACE_RE.finditer(run.group()):
                        chars[end + k.start()] = NNBSP
            else:
                chars[m.start(1)] = replacement
        text = "".join(chars)
    return text


def apply(html: str, lang: str | None = None) -> str:
    """Typeset the text of an HTML document or fragment; everything else is left byte for byte."""
    if not QUICK_RE.search(html):
        return html
    out: list[str] = []
    run: list[int] = []  # indexes into out of the text pieces of the current run
    skip: list[str] = []  # open elements whose content is not typeset
    svg_text = 0  # depth of open SVG_TEXT elements while the only skipped elements are <svg>
    pos = 0

    def flush() -> None:
        if not run:
            return
        pieces = [out[i] for i in run]
        joined = "".join(pieces)
        if not QUICK_RE.search(joined):
            run.clear()
            return
        done = typeset(joined, lang)
        if done != joined:
            offset = 0
            for i, piece in zip(run, pieces):
                out[i] = done[offset : offset + len(piece)]
                offset += len(piece)
        run.clear()

    n = len(html)
    while pos < n:
        m = TOKEN_RE.search(html, pos)
        end = m.start() if m else n
        if end > pos:
            out.append(html[pos:end])
            if not skip or svg_text:
                run.append(len(out) - 1)
        if m is None:
            break
        out.append(m.group())
        pos = m.end()
        closing, tag = m.group(1), (m.group(2) or "").lower()
        if not tag:  # comment, doctype, CDATA: does not end a run
            continue
        if tag in SVG_TEXT and skip and all(t == "svg" for t in skip):
            flush()
            if closing:
                svg_text = max(0, svg_text - 1)
            elif not m.group(3).rstrip().endswith("/"):
                svg_text += 1
            continue
        if tag in RAW_TEXT and not closing and not skip:
            flush()
        if tag in RAW_TEXT and not closing and not m.group(3).rstrip().endswith("/"):
            close = re.compile(rf"</{tag}\s*>", re.I).search(html, pos)
            stop = close.start() if close else n
            out.append(html[pos:stop])
            pos = stop
            continue
        if tag in SKIP:
            flush()
            if tag == "svg" and closing:
                svg_text = 0
            if closing:
                if tag in skip:
                    while skip and skip.pop() != tag:
                        pass
            elif not m.group(3).rstrip().endswith("/"):
                skip.append(tag)
            continue
        if tag not in INLINE:
            flush()
    flush()
    return "".join(out)
