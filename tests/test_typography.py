"""Typography by construction: no breakable space where a line must not break, in every built page.

The detector below is independent of the hook: it parses the HTML with selectolax (lexbor), drops
code, pre, script, style and the head, reads blocks and the text of SVG charts (``title``,
``desc``, ``text``: what a screen reader or a tooltip shows), and looks for an ordinary space (or newline) between a
number and «₽», «%», «руб.», «тыс.», «млн»; inside digit groups; after «№», «п.», «ст.», «т.»;
before an em dash in Russian; between initials and a surname. It is shown to fail on HTML that
did not go through ``scripts/handbook/typography.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT, built_page, mkdocs_yml, source_pages  # noqa: F401
from handbook import typography

FIXTURE = ROOT / "tests/fixtures/typography/sample.ru.html"
BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd, figcaption, summary, caption, label, title, desc, text"
NOT_TEXT = ["script", "style", "code", "pre", "kbd", "samp", "textarea", "head"]
UPPER, LOWER = "A-ZА-ЯЁ", "a-zа-яё"
CHECKS = {
    "number+unit": re.compile(r"\d[ \n](?:₽|%|руб\.|тыс\.|млн|млрд)"),
    "unit+currency": re.compile(r"(?:тыс\.|млн|млрд)[ \n](?:₽|руб\.)"),
    "digit groups": re.compile(r"(?<![\d\w.,])\d{1,3}[ \n]\d{3}(?![\d\w])"),
    "abbreviation+number": re.compile(r"(?<![\w.])(?:№|п\.|ст\.|т\.)[ \n]"),
    "initials": re.compile(rf"(?<![\w.])[{UPPER}]\.[ \n]?(?:[{UPPER}]\.[ \n]?)?[ \n][{UPPER}][{LOWER}]+"
                           rf"|[{UPPER}][{LOWER}]+[ \n][{UPPER}]\.(?:[ \n]?[{UPPER}]\.)?(?!\w)"),
}
RU_ONLY = {"dash": re.compile(r"\S[ \n]—")}


def breakable(html: str, lang: str) -> list[tuple[str, str]]:
    """(rule, text around it) for every breakable space in the named places."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(NOT_TEXT)
    checks = {**CHECKS, **(RU_ONLY if lang == "ru" else {})}
    found = []
    seen: set[tuple[str, str]] = set()
    for node in tree.css(BLOCKS):
        text = node.text(deep=True)
        for name, pattern in checks.items():
            for m in pattern.finditer(text):
                key = (name, text[max(0, m.start() - 15) : m.end() + 5])
                if key not in seen:
                    seen.add(key)
                    found.append(key)
    return found


def untypeset(html: str) -> str:
    """What the build made of the page before this hook existed: ordinary spaces only."""
    return html.replace(typography.NBSP, " ").replace(typography.NNBSP, " ")


# ---- the rules on a fixture page -------------------------------------------------------------------


def test_detector_fails_without_the_rules() -> None:
    raw = FIXTURE.read_text(encoding="utf-8")
    names = [name for name, _ in breakable(raw, "ru")]
    for rule in ("number+unit", "unit+currency", "digit groups", "abbreviation+number", "dash", "initials"):
        assert rule in names, (rule, names)
    svg = [text for _, text in breakable(raw, "ru") if "в месяц" in text or "80 тыс" in text]
    assert len(svg) >= 3, svg  # the chart's title, desc and text are read


def test_rules_fix_every_place_and_nothing_else() -> None:
    raw = FIXTURE.read_text(encoding="utf-8")
    done = typography.apply(raw, "ru")
    assert breakable(done, "ru") == []
    assert len(done) == len(raw)  # only single spaces were replaced
    untouched = [r'content="от 100 000 ₽ — 15 %"', 'title="50 000 ₽"', 'href="/x?a=1 000"',
                 '<code>budget = "100 000 ₽"  # 15 %</code>', "<code>п. 2 000 ₽</code>",
                 '<script>var label = "1 000 ₽ — <p> 5 %";</script>', '<style>.x::after { content: "5 %"; }</style>',
                 "<title>Зарплаты 100 000 ₽</title>"]
    for piece in untouched:
        assert piece in done, piece
    assert "1\u202f500\u202f000\u00a0₽" in done and "<strong>120</strong>\u00a0тыс.\u00a0₽" in done
    # SVG: the text of title, desc and text is typeset; attributes and its style are not
    assert "среднее 54\u202f000\u00a0₽ в месяц</title>" in done and "Зарплаты, тыс.\u00a0₽" in done
    assert "80\u00a0тыс.\u00a0₽ в месяц.</desc>" in done and "80\u00a0<tspan>тыс.</tspan>\u00a0₽</text>" in done
    for piece in ('data-label="54 000 ₽"', '<style>.bar::after { content: "5 %"; }</style>', 'viewBox="0 0 100 20"'):
        assert piece in done, piece
    assert "И.\u00a0И.\u00a0Иванов" in done and "Петров\u00a0П.\u00a0П." in done and "так\u00a0—" in done


def test_rules_are_idempotent_and_english_keeps_its_dashes() -> None:
    raw = FIXTURE.read_text(encoding="utf-8")
    once = typography.apply(raw, "ru")
    assert typography.apply(once, "ru") == once
    english = typography.apply("<p>Salary 100 000 ₽ — J. Smith, clause 2.4 — fine.</p>", "en")
    assert english == "<p>Salary 100\u202f000\u00a0₽ — J.\u00a0Smith, clause 2.4 — fine.</p>"


def test_hook_is_registered() -> None:
    hooks = mkdocs_yml()["hooks"]
    assert "overrides/hooks/typography.py" in hooks


# ---- every built page --------------------------------------------------------------------------------


def _pages(site: Path) -> list[tuple[Path, str]]:
    return [(built_page(site, page, lang), lang) for page in source_pages() for lang in ("ru", "en")]


def test_built_site_has_no_breakable_space_where_it_must_not_break(built_site: Path) -> None:
    problems = {}
    for path, lang in _pages(built_site):
        found = breakable(path.read_text(encoding="utf-8"), lang)
        if found:
            problems[str(path.relative_to(built_site))] = found[:5]
    assert problems == {}


def test_built_site_would_fail_without_the_hook(built_site: Path) -> None:
    """The same pages with the hook's characters taken out have breakable spaces the check sees."""
    total = sum(len(breakable(untypeset(path.read_text(encoding="utf-8")), lang)) for path, lang in _pages(built_site))
    assert total > 50
