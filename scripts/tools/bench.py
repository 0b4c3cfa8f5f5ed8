#!/usr/bin/env python3
"""Benchmark scripts/validate.py against ``mkdocs build --strict`` on synthetic bilingual sites.

    python -m tools.bench [--sizes 500,2000,10000] [--mkdocs-cap 300] [--keep DIR]

For each size it writes a site of N pages per language (Russian + English, mkdocs-static-i18n
suffix structure): headings with explicit ids, links between pages with anchors, a glossary
whose terms are mentioned in inflected forms (the first mention linked), code blocks and
admonitions, and a handful of planted errors, one per kind. Then it times, one run each, side
by side: the validator (a fresh process, no cache: start-up and morphology included; its CPU time too,
workers included, which other load on the machine does not inflate) and
``mkdocs build --strict`` with ``validation: {links: {anchors: warn}}`` (Material, the i18n
plugin, no hooks). A build is skipped when the previous size's time, scaled by page count,
says it would pass ``--mkdocs-cap`` seconds, and a run that passes the cap is stopped; the
table says which. Last, it checks that the validator reported every planted error and
nothing else, and times the real site (cold and warm cache).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.site import ROOT
from tools.shared import mkdocs_build

VALIDATE = ROOT / "scripts" / "validate.py"

# (id, ru forms [as written, inflected], en forms [singular, plural])
TERMS = [
    ("contextual-advertising", ["контекстная реклама", "контекстной рекламы"], ["contextual advertising", "contextual advertising"]),
    ("target-audience", ["целевая аудитория", "целевой аудитории"], ["target audience", "target audiences"]),
    ("ad-campaign", ["рекламная кампания", "рекламной кампании"], ["ad campaign", "ad campaigns"]),
    ("landing-page", ["посадочная страница", "посадочной страницы"], ["landing page", "landing pages"]),
    ("sales-funnel", ["воронка продаж", "воронки продаж"], ["sales funnel", "sales funnels"]),
    ("average-order-value", ["средний чек", "среднего чека"], ["average order value", "average order values"]),
    ("conversion-rate", ["коэффициент конверсии", "коэффициента конверсии"], ["conversion rate", "conversion rates"]),
    ("abandoned-cart", ["брошенная корзина", "брошенной корзины"], ["abandoned cart", "abandoned carts"]),
    ("media-plan", ["медиаплан", "медиаплана"], ["media plan", "media plans"]),
    ("retargeting", ["ретаргетинг", "ретаргетинга"], ["retargeting", "retargeting"]),
    ("end-to-end-analytics", ["сквозная аналитика", "сквозной аналитики"], ["end-to-end analytics", "end-to-end analytics"]),
    ("customer-churn", ["отток клиентов", "оттока клиентов"], ["customer churn", "customer churn"]),
    ("email-newsletter", ["email-рассылка", "email-рассылки"], ["email newsletter", "email newsletters"]),
    ("call-tracking", ["коллтрекинг", "коллтрекинга"], ["call tracking", "call tracking"]),
    ("reach", ["охват", "охвата"], ["audience reach", "audience reach"]),
    ("engagement", ["вовлечённость", "вовлечённости"], ["engagement", "engagement"]),
    ("seo-audit", ["SEO-аудит", "SEO-аудита"], ["SEO audit", "SEO audits"]),
    ("content-plan", ["контент-план", "контент-плана"], ["content plan", "content plans"]),
    ("brief", ["техническое задание", "технического задания"], ["creative brief", "creative briefs"]),
    ("kpi", ["ключевой показатель", "ключевого показателя"], ["key performance indicator", "key performance indicators"]),
]
FILLER_RU = (
    "сайт сайта команда команды задача задачи отчёт отчёта неделю результат результаты проект проекта "
    "данные решение процесс анализ бюджет бюджета срок сроки встреча руководитель специалист компания "
    "продукт продукта канал каналы клиент клиента запуск итоги цели метрики работа работы месяц план"
).split()
FILLER_EN = (
    "site team task tasks report week result results project data decision process analysis budget "
    "deadline meeting manager specialist company product channel channels customer launch goals "
    "metrics work month plan review owner update"
).split()

MKDOCS_YML = """site_name: Bench
site_url: https://bench.example.org/
docs_dir: docs
exclude_docs: |
  data/
theme:
  name: material
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      languages:
        - {locale: ru, name: Русский, default: true, build: true}
        - {locale: en, name: English, build: true}
markdown_extensions:
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - tables
  - pymdownx.details
  - pymdownx.superfences
validation:
  links:
    anchors: warn
"""


@dataclass
class Corpus:
    root: Path
    pages: int
    files: int = 0
    planted: list[tuple[str, str, int]] = field(default_factory=list)  # (code, path, line)


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def _page(rng: random.Random, lang: str, index: int, pages: int) -> list[str]:
    ru = lang == "ru"
    filler = FILLER_RU if ru else FILLER_EN
    title = f"Страница {index}" if ru else f"Page {index}"
    lines = ["---", f"title: {title}", f"description: {'Синтетическая страница' if ru else 'Synthetic page'} {index}.", "---", ""]
    lines += [f"# {title} {{ #page }}", ""]
    terms = rng.sample(TERMS, 3)
    targets = [rng.randrange(pages) for _ in range(4)]
    first = []
    for term_id, ru_forms, en_forms in terms:
        form = ru_forms[1] if ru else en_forms[1]
        first.append(f"[{form}](glossary.md#{term_id})")
    lines += [
        f"{_sentence(rng, filler, 8)} {first[0]} {_sentence(rng, filler, 6)} "
        f"[{'раздел' if ru else 'section'}](page-{targets[0]}.md#section-2) {_sentence(rng, filler, 7)}",
        "",
    ]
    for section in range(1, 5):
        heading = f"Раздел {section}" if ru else f"Section {section}"
        term_id, ru_forms, en_forms = terms[(section - 1) % 3]
        later = ru_forms[rng.randrange(2)] if ru else en_forms[rng.randrange(2)]
        lines += [f"## {heading} {{ #section-{section} }}", ""]
        if section <= 2:
            lines += [f"{_sentence(rng, filler, 10)} {first[section]} {_sentence(rng, filler, 9)}", ""]
        lines += [
            f"{_sentence(rng, filler, 12)} {later} {_sentence(rng, filler, 10)} "
            f"[{'страница' if ru else 'page'}](page-{targets[section % 4]}.md#section-{1 + section % 4}).",
            "",
            f"- {_sentence(rng, filler, 6)} [{'вверх' if ru else 'up'}](#page)",
            f"- {_sentence(rng, filler, 7)}",
            "",
            f"### {'Подробности' if ru else 'Details'} {section} {{ #details-{section} }}",
            "",
            "```text",
            "[not a link](missing.md) `code`",
            "```",
            "",
            f"!!! note \"{'Заметка' if ru else 'Note'}\"",
            "",
            f"    {_sentence(rng, filler, 9)} [{'раздел' if ru else 'section'}](#section-{section}).",
            "",
        ]
    return lines


def _glossary_files(docs: Path) -> None:
    terms = [{"id": term_id, "category": "advertising", "related": [],
              "ru": {"term": ru[0], "short": f"Определение термина {ru[0]} в одном предложении.",
                     "full": f"Полное определение термина {ru[0]}: два-три предложения для страницы глоссария."},
              "en": {"term": en[0], "short": f"The definition of {en[0]} in one sentence.",
                     "full": f"The full definition of {en[0]}: two or three sentences for the glossary page."}}
             for term_id, ru, en in TERMS]
    (docs / "data").mkdir(parents=True, exist_ok=True)
    (docs / "data" / "glossary.yml").write_text(
        yaml.safe_dump({"terms": terms}, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    for lang, title in (("ru", "Глоссарий"), ("en", "Glossary")):
        body = ["---", f"title: {title}", f"description: {title}.", "---", "", f"# {title} {{ #glossary }}", ""]
        for term_id, ru_forms, en_forms in TERMS:
            name = ru_forms[0] if lang == "ru" else en_forms[0]
            body += [f"## {name} {{ #{term_id} }}", "", f"{name}.", ""]
        (docs / f"glossary.{lang}.md").write_text("\n".join(body), encoding="utf-8")


def _plant(corpus: Corpus, pages: dict[tuple[str, int], list[str]]) -> None:
    """One error of each kind, in known pages at known lines."""
    n = corpus.pages

    def add(lang: str, index: int, text: str, code: str) -> None:
        lines = pages[(lang, index)]
        lines.append(text)
        corpus.planted.append((code, f"docs/page-{index}.{lang}.md", len(lines)))

    add("ru", 1, "Ссылка на [несуществующую страницу](no-such-page.md).", "L001")
    add("en", 2 % n, f"A link to a [missing anchor](page-{3 % n}.md#no-such-section).", "L002")
    add("ru", 4 % n, f"Ссылка [в английскую версию](page-{5 % n}.en.md).", "L003")
    add("en", 6 % n, "A [reference link][nowhere] without a definition.", "L004")
    add("ru", 7 % n, "![Схема](images/missing.png)", "L005")
    add("en", 8 % n, "A [glossary link](glossary.md#no-such-term) to no term.", "G003")
    add("ru", 9 % n, "## Ещё раз { #section-1 }", "L007")
    pages[("en", 9 % n)].append("## Once more { #section-1 }")
    corpus.planted.append(("L007", f"docs/page-{9 % n}.en.md", len(pages[("en", 9 % n)])))
    add("ru", 10 % n, "Отдельное упоминание: контекстной рекламе здесь ссылка не дана.", "G005")
    # A heading id that differs between the languages (reported on the English page).
    en = pages[("en", 11 % n)]
    at = en.index("## Section 3 { #section-3 }")
    en[at] = "## Section 3 { #section-three }"
    corpus.planted.append(("T002", f"docs/page-{11 % n}.en.md", at + 1))
    corpus.planted.append(("T002", f"docs/page-{11 % n}.en.md", en.index("# Page 11 { #page }") + 1))
    # A page without its translation: the English file is not written.
    corpus.planted.append(("T001", f"docs/page-{12 % n}.ru.md", 1))
    # Their consequences, also expected: English links into the dropped page, and English links
    # to the renamed heading's old id.
    for index in range(n):
        for number, line in enumerate(pages[("en", index)], 1):
            if f"(page-{12 % n}.md" in line:
                corpus.planted.append(("L001", f"docs/page-{index}.en.md", number))
            if f"(page-{11 % n}.md#section-3)" in line or (index == 11 % n and "](#section-3)" in line):
                corpus.planted.append(("L002", f"docs/page-{index}.en.md", number))


def generate(root: Path, pages_per_lang: int, seed: int = 7) -> Corpus:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    _glossary_files(docs)
    corpus = Corpus(root, pages_per_lang)
    pages = {}
    for index in range(pages_per_lang):
        for lang in ("ru", "en"):
            pages[(lang, index)] = _page(random.Random(seed * 100003 + index), lang, index, pages_per_lang)
    _plant(corpus, pages)
    dropped = ("en", 12 % pages_per_lang)
    for (lang, index), lines in pages.items():
        if (lang, index) == dropped:
            continue
        (docs / f"page-{index}.{lang}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus.files = len(pages) - 1 + 2
    for lang, title in (("ru", "Главная"), ("en", "Home")):
        (docs / f"index.{lang}.md").write_text(
            f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title} {{ #home }}\n\n"
            + "".join(f"- [{t[1][0] if lang == 'ru' else t[2][0]}](glossary.md#{t[0]})\n" for t in TERMS),
            encoding="utf-8",
        )
    corpus.files += 2
    return corpus


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_validator(root: Path, *extra: str) -> tuple[float, float, list[dict]]:
    """(wall seconds, CPU seconds of it and its workers, findings)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(VALIDATE), str(root), "--format", "json", *extra],
        capture_output=True, text=True, timeout=600,
    )
    elapsed = time.perf_counter() - start
    if out.returncode == 2:
        raise SystemExit(f"validator could not read {root}: {out.stderr.strip()}")
    return elapsed, _children_cpu() - cpu, json.loads(out.stdout or "[]")


def run_mkdocs(root: Path, cap: float) -> float | None:
    """Seconds ``mkdocs build --strict`` of ``root`` took, None when it passed ``cap``."""
    start = time.perf_counter()
    try:
        mkdocs_build(root, root / "site", quiet=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,10000", help="pages per language, comma-separated")
    parser.add_argument("--mkdocs-cap", type=float, default=600.0, help="seconds one mkdocs build may take")
    parser.add_argument("--no-mkdocs", action="store_true", help="time the validator only")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    base = args.keep or Path(tempfile.mkdtemp(prefix="validate-bench-"))
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, corpus in {base}")
    print(f"load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine slows both tools)")
    header = (
        f"{'pages/lang':>10} | {'files':>6} | {'validator s':>11} | {'(CPU s)':>7} | {'mkdocs --strict s':>24} "
        f"| {'ratio':>7} | planted errors found"
    )
    print(header)
    print("-" * len(header))
    ok = True
    previous: tuple[int, float] | None = None
    try:
        for size in sizes:
            root = base / f"site-{size}"
            shutil.rmtree(root, ignore_errors=True)
            corpus = generate(root, size)
            v_time, v_cpu, findings = run_validator(root, "--no-cache")
            got = {(f["code"], f["path"], f["line"]) for f in findings}
            planted = set(corpus.planted)
            found = len(planted & got)
            extra = sorted(got - planted)
            ok &= found == len(planted) and not extra
            if args.no_mkdocs:
                m_text, ratio = "not run", "-"
            elif previous and previous[1] * size / previous[0] > args.mkdocs_cap:
                estimate = previous[1] * size / previous[0]
                m_text, ratio = f"skipped: ~{estimate:.0f} s > cap", f"~{estimate / v_time:.0f}x"
            else:
                m_time = run_mkdocs(root, args.mkdocs_cap)
                if m_time is None:
                    m_text, ratio = f"stopped at {args.mkdocs_cap:.0f} s cap", f">{args.mkdocs_cap / v_time:.0f}x"
                else:
                    previous = (size, m_time)
                    m_text, ratio = f"{m_time:.1f}", f"{m_time / v_time:.0f}x"
            note = f"{found}/{len(planted)}" + (f", {len(extra)} unexpected" if extra else ", nothing else")
            print(f"{size:>10,} | {corpus.files:>6,} | {v_time:>11.2f} | {v_cpu:>7.1f} | {m_text:>24} | {ratio:>7} | {note}")
            for item in extra[:5]:
                print(f"{'':>10}   unexpected: {item}")
            for item in sorted(planted - got)[:5]:
                print(f"{'':>10}   missed: {item}")
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    cold = run_validator(ROOT, "--no-cache")[0]
    run_validator(ROOT)
    warm = run_validator(ROOT)[0]
    print(f"real site ({ROOT.name}): {cold:.2f} s cold (no cache), {warm:.2f} s warm (cache in ~/.cache), start-up included")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
