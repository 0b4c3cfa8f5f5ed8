"""Salary data: validate docs/data/salaries.yml, render it into pages, publish it as CSV and JSON.

One concern: the pay figures. The schema and loader live in ``scripts/data_schemas.py`` (shared with
the content validator). A bad row stops the build in ``on_config`` with one line per problem::

    docs/data/salaries.yml:42: row 'salary-im-moscow-2019-12': field 'low': must be ≤ high (150000 > 40000)

Markers, replaced in ``on_page_markdown`` (invisible in a plain Markdown viewer):

    <!-- md:salary-table ROLE -->   one role's rows, grouped by region, every field visible
    <!-- md:salary-chart -->        inline SVG: a horizontal bar per range, axis in thousands of rubles
    <!-- md:salary-facts -->        market figures that are not pay (vacancy counts)
    <!-- md:salary-age -->          warning box saying how old the figures are, computed from the data

An unknown ``salary-*`` marker stops the build. Other ``md:`` names belong to other hooks.

Downloads: ``data/salaries.csv`` and ``data/salaries.json`` are added as generated site files in
``on_files``, so Markdown links to them resolve in both languages and under ``--strict``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from project_scripts import docs_file, load

DATA_FILE = "data/salaries.yml"  # relative to docs_dir
DOWNLOADS = ("data/salaries.csv", "data/salaries.json")  # relative to the site root of each language
MARKER_RE = re.compile(r"<!--\s*md:(?P<name>[a-z0-9-]+)(?P<args>(?:\s+[^\s>]+)*)\s*-->")
OWNED_PREFIX = "salary-"

# --------------------------------------------------------------------------------------------
# Labels (the data holds codes; the page shows words)
# --------------------------------------------------------------------------------------------

LABELS: dict[str, dict[str, Any]] = {
    "ru": {
        "role": {"internet-marketer": "Интернет-маркетолог", "smm-manager": "SMM-менеджер"},
        "region": {
            "russia": "Россия",
            "moscow": "Москва",
            "moscow-central": "Москва и центральный регион",
            "moscow-region": "Московский регион",
            "other-regions": "Другие регионы",
            "any": "Любой регион",
            "not-stated": "Регион не указан",
        },
        "basis": {"gross": "до вычета налога (gross)", "net": "на руки (net)", "not-stated": "не указано"},
        "kind": {
            "vacancy-offers": "предложения в вакансиях",
            "self-reported": "данные самих специалистов",
            "freelance-rate": "ставка фрилансера",
            "author-estimate": "оценка автора статьи",
            "not-stated": "метод не указан",
        },
        "kind_short": {
            "vacancy-offers": "вакансии",
            "self-reported": "самоотчёты",
            "freelance-rate": "фриланс",
            "author-estimate": "оценка автора",
            "not-stated": "метод не указан",
        },
        "per": {"person": "в месяц", "client": "в месяц за одного клиента"},
        "period": {"month": "месяц"},
        "columns": ("Регион", "Сумма", "Основа", "Метод", "Дата", "Источник", "Примечание"),
        "caption": "{role}: {n} {rows}. Строки сгруппированы по региону, внутри — от новых к старым.",
        "rows_word": ("цифра", "цифры", "цифр"),
        "facts_columns": ("Показатель", "Значение", "Регион", "Дата", "Источник", "Примечание"),
        "facts_caption": "Другие цифры рынка: не зарплаты.",
        "undated": "без даты",
        "date_label": "О дате",
        "approx": "≈ {v}",
        "over": "более {v}",
        "typical": "обычно {v}",
        "seed": "статья",
        "thousand_sep": "\u202f",
        "quote": ("«", "»"),
        "chart_title": "Зарплаты интернет-маркетолога и SMM-менеджера в источниках, тыс. ₽ в месяц",
        "chart_desc": (
            "Горизонтальные полосы: {ranges} диапазонов, {points} точечных значений и {bounds} нижних "
            "границ, по одной отметке на цифру. Подпись слева: регион и дата, ниже — метод и номер "
            "статьи-источника. Шкала от 0 до {max} тыс. ₽ в месяц. Все значения, даты и источники — "
            "в таблицах ниже."
        ),
        "axis": "тыс. ₽ в месяц",
        "caption_chart": (
            "Каждая отметка — одна опубликованная цифра, ничего не усреднено. Сплошная полоса — "
            "диапазон, точка — одно значение, стрелка — нижняя граница («более …»). Оттенок показывает метод."
        ),
        "legend_point": "одно значение",
        "legend_bound": "нижняя граница",
        "legend_typical": "типичное значение",
        "mark_title": "{region}, {date}: {value} ₽ {per}; {kind}; {seed} {seed_no}",
        "age_title": "Цифры {years} годов — история, а не сегодняшний рынок",
        "age_body": (
            "Самая свежая датированная цифра — на {newest}, самая старая — на {oldest}. "
            "У {undated} из {total} цифр даты нет вовсе, их возраст неизвестен. "
            "Не используйте эти данные как оценку нынешних зарплат: для переговоров, бюджета и "
            "вакансий смотрите свежие предложения в своём регионе."
        ),
    },
    "en": {
        "role": {"internet-marketer": "Internet marketer", "smm-manager": "SMM manager"},
        "region": {
            "russia": "Russia",
            "moscow": "Moscow",
            "moscow-central": "Moscow and the central region",
            "moscow-region": "Moscow region",
            "other-regions": "Other regions",
            "any": "Any region",
            "not-stated": "Region not stated",
        },
        "basis": {"gross": "before tax (gross)", "net": "take-home (net)", "not-stated": "not stated"},
        "kind": {
            "vacancy-offers": "vacancy offers",
            "self-reported": "self-reported",
            "freelance-rate": "freelance rate",
            "author-estimate": "author's estimate",
            "not-stated": "method not stated",
        },
        "kind_short": {
            "vacancy-offers": "vacancies",
            "self-reported": "self-reported",
            "freelance-rate": "freelance",
            "author-estimate": "author's estimate",
            "not-stated": "method not stated",
        },
        "per": {"person": "per month", "client": "per month per client"},
        "period": {"month": "month"},
        "columns": ("Region", "Amount", "Basis", "Method", "As of", "Source", "Note"),
        "caption": "{role}: {n} {rows}. Grouped by region, newest first within a region.",
        "rows_word": ("figure", "figures", "figures"),
        "facts_columns": ("Figure", "Value", "Region", "As of", "Source", "Note"),
        "facts_caption": "Other market figures: not pay.",
        "undated": "undated",
        "date_label": "On the date",
        "approx": "about {v}",
        "over": "over {v}",
        "typical": "typically {v}",
        "seed": "article",
        "thousand_sep": ",",
        "quote": ("“", "”"),
        "chart_title": "Internet marketer and SMM manager pay in the sources, thousand RUB per month",
        "chart_desc": (
            "Horizontal bars: {ranges} ranges, {points} single values and {bounds} lower bounds, one mark "
            "per figure. The label on the left gives the region and date, with the method and the source "
            "article's number below. The scale runs from 0 to {max} thousand RUB per month. All values, "
            "dates and sources are in the tables below."
        ),
        "axis": "thousand RUB per month",
        "caption_chart": (
            "Each mark is one published figure; nothing is averaged. A solid bar is a range, a dot a single "
            "value, an arrow a lower bound (“more than …”). The shade shows the method."
        ),
        "legend_point": "single value",
        "legend_bound": "lower bound",
        "legend_typical": "typical value",
        "mark_title": "{region}, {date}: {value} ₽ {per}; {kind}; {seed} {seed_no}",
        "age_title": "The {years} figures are history, not today's market",
        "age_body": (
            "The newest dated figure is as of {newest}, the oldest as of {oldest}. "
            "{undated} of {total} figures carry no date at all, so their age is unknown. "
            "Do not read them as today's pay: for negotiations, budgets and vacancies, look at current "
            "offers in your region."
        ),
    },
}

REGION_ORDER = ("moscow", "moscow-central", "moscow-region", "russia", "other-regions", "any", "not-stated")

# Inline defaults per kind, so the chart stays readable without the stylesheet; colours come from
# currentColor and the theme's variables (docs/assets/stylesheets/career.css).
KIND_STYLE = {
    "vacancy-offers": 'fill-opacity="0.9" stroke-width="0"',
    "self-reported": 'fill-opacity="0.7" stroke-width="0"',
    "freelance-rate": 'fill-opacity="0.9" stroke-width="0"',
    "not-stated": 'fill-opacity="0.55" stroke-width="0"',
    "author-estimate": 'fill-opacity="0.2" stroke-width="1.5" stroke-dasharray="4 3"',
}

_state: dict[str, Any] = {}


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------



def on_config(config: MkDocsConfig) -> MkDocsConfig:
    schemas = load("data_schemas")
    path, display = docs_file(config, DATA_FILE)
    try:
        _state["data"] = schemas.load_salaries(path, display=display)
    except schemas.DataError as exc:
        raise PluginError(f"Invalid salary data:\n{exc}") from None
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100), which cannot handle in-memory files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    data = _state["data"]
    contents = {DOWNLOADS[0]: to_csv(data), DOWNLOADS[1]: to_json(data)}
    for uri, content in contents.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "md:" + OWNED_PREFIX not in markdown:
        return markdown
    lang = page_language(page, config)
    data = _state["data"]
    renderers: dict[str, Callable[[list[str]], str]] = {
        "salary-table": lambda args: render_table(data, _one_arg(args, "salary-table", page), lang),
        "salary-chart": lambda args: render_chart(data, lang),
        "salary-facts": lambda args: render_facts(data, lang),
        "salary-age": lambda args: render_age(data, lang),
    }

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if not name.startswith(OWNED_PREFIX):
            return match.group(0)
        if name not in renderers:
            raise PluginError(
                f"{page.file.src_uri}: unknown marker <!-- md:{name} --> "
                f"(the salaries hook knows: {', '.join(sorted(renderers))})"
            )
        return renderers[name](match.group("args").split())

    return MARKER_RE.sub(replace, markdown)


def page_language(page: Page, config: MkDocsConfig) -> str:
    locale = getattr(page.file, "locale", None) or config.theme.get("language") or "ru"
    lang = str(locale).replace("_", "-").split("-")[0].lower()
    if lang not in LABELS:
        raise PluginError(f"{page.file.src_uri}: salaries hook has no labels for language '{locale}'")
    return lang


def _one_arg(args: list[str], name: str, page: Page) -> str:
    if len(args) != 1:
        raise PluginError(f"{page.file.src_uri}: <!-- md:{name} ROLE --> takes exactly one role, got {args}")
    return args[0]


# --------------------------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------------------------


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def fmt_int(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", LABELS[lang]["thousand_sep"])


def fmt_amount(row: Any, lang: str) -> str:
    """The figure as text: a range, a single value or a lower bound, in rubles."""
    L = LABELS[lang]
    if row.shape == "range":
        text = f"{fmt_int(row.low, lang)}–{fmt_int(row.high, lang)}"
        if row.typical is not None:
            text += ", " + L["typical"].format(v=fmt_int(row.typical, lang))
    elif row.shape == "point":
        value = fmt_int(row.point, lang)
        text = L["approx"].format(v=value) if row.approximate else value
    else:
        text = L["over"].format(v=fmt_int(row.low, lang))
    return text


def fmt_k(row: Any) -> str:
    """Short label in thousands for the chart."""

    def k(v: int) -> str:
        return f"{v / 1000:g}"

    if row.shape == "range":
        return f"{k(row.low)}–{k(row.high)}"
    if row.shape == "point":
        return ("≈" if row.approximate else "") + k(row.point)
    return f"> {k(row.low)}"


def _seed_no(seed: str) -> str:
    return seed.split("_", 1)[0]


def _date_cell(as_of: str | None, lang: str) -> str:
    L = LABELS[lang]
    return f'<time datetime="{_e(as_of)}">{_e(as_of)}</time>' if as_of else f"<em>{_e(L['undated'])}</em>"


def _source_cell(source: Any, lang: str) -> str:
    L = LABELS[lang]
    q1, q2 = L["quote"]
    title = f"{q1}{_e(source.title)}{q2}"
    if source.url is not None:
        title = f'<a href="{_e(source.url)}">{title}</a>'
    meta = f'{_e(L["seed"])} <code class="salary-seed">{_e(source.seed)}</code>'
    if source.locator is not None:
        meta += f" · {_e(source.locator.get(lang))}"
    return f'<span class="salary-source">{title}</span><br><small>{meta}</small>'


def _note_cell(item: Any, lang: str) -> str:
    """The row's note, then the note on its date (why it is missing or how it was read)."""
    L = LABELS[lang]
    parts = []
    if item.note is not None:
        parts.append(_e(item.note.get(lang)))
    if item.date_note is not None:
        parts.append(f'<small class="salary-date-note">{_e(L["date_label"])}: {_e(item.date_note.get(lang))}</small>')
    return "<br>".join(parts) if parts else "—"


def _plural(n: int, words: tuple[str, str, str], lang: str) -> str:
    if lang == "en":
        return words[0] if n == 1 else words[1]
    if n % 10 == 1 and n % 100 != 11:
        return words[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return words[1]
    return words[2]


def ordered(rows: Any) -> list[Any]:
    """Group by region (fixed order), newest first inside a group, undated last."""

    def region(row: Any) -> int:
        return REGION_ORDER.index(row.region) if row.region in REGION_ORDER else len(REGION_ORDER)

    newest_first = sorted(rows, key=lambda r: r.as_of or "", reverse=True)
    return sorted(newest_first, key=region)


# --------------------------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------------------------


def render_table(data: Any, role: str, lang: str) -> str:
    L = LABELS[lang]
    if role not in L["role"]:
        raise PluginError(f"<!-- md:salary-table {role} -->: unknown role; known: {', '.join(L['role'])}")
    rows = ordered(data.rows_for(role))
    if not rows:
        raise PluginError(f"<!-- md:salary-table {role} -->: {data.path} has no rows for this role")
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in L["columns"])
    caption = L["caption"].format(role=L["role"][role], n=len(rows), rows=_plural(len(rows), L["rows_word"], lang))
    parts = [
        f'<div class="salary-table" data-role="{_e(role)}">',
        f"<table><caption>{_e(caption)}</caption>",
        f"<thead><tr>{head}</tr></thead>",
    ]
    current = None
    for row in rows:
        if row.region != current:
            if current is not None:
                parts.append("</tbody>")
            parts.append(f'<tbody data-region="{_e(row.region)}">')
            current = row.region
        amount = (
            f'<span class="salary-amount">{_e(fmt_amount(row, lang))} ₽</span>'
            f'<br><small>{_e(row.currency)}, {_e(L["per"][row.per])}</small>'
        )
        cells = [
            f'<th scope="row">{_e(L["region"][row.region])}</th>',
            f"<td>{amount}</td>",
            f"<td>{_e(L['basis'][row.basis])}</td>",
            f"<td>{_e(L['kind'][row.kind])}</td>",
            f"<td>{_date_cell(row.as_of, lang)}</td>",
            f"<td>{_source_cell(row.source, lang)}</td>",
            f"<td>{_note_cell(row, lang)}</td>",
        ]
        parts.append(
            f'<tr id="{_e(row.id)}" data-kind="{_e(row.kind)}" data-basis="{_e(row.basis)}">{"".join(cells)}</tr>'
        )
    parts.append("</tbody></table></div>")
    return "\n\n" + "\n".join(parts) + "\n\n"


def render_facts(data: Any, lang: str) -> str:
    L = LABELS[lang]
    if not data.facts:
        raise PluginError(f"<!-- md:salary-facts -->: {data.path} has no facts")
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in L["facts_columns"])
    parts = [
        '<div class="salary-table salary-facts">',
        f"<table><caption>{_e(L['facts_caption'])}</caption>",
        f"<thead><tr>{head}</tr></thead><tbody>",
    ]
    for fact in data.facts:
        cells = [
            f'<th scope="row">{_e(fact.label.get(lang))}</th>',
            f"<td>{_e(fmt_int(fact.value, lang))}</td>",
            f"<td>{_e(L['region'][fact.region])}</td>",
            f"<td>{_date_cell(fact.as_of, lang)}</td>",
            f"<td>{_source_cell(fact.source, lang)}</td>",
            f"<td>{_note_cell(fact, lang)}</td>",
        ]
        parts.append(f'<tr id="{_e(fact.id)}">{"".join(cells)}</tr>')
    parts.append("</tbody></table></div>")
    return "\n\n" + "\n".join(parts) + "\n\n"


def render_age(data: Any, lang: str) -> str:
    """A warning admonition with the age of the data, computed from the dates in it."""
    L = LABELS[lang]
    items = list(data.rows) + list(data.facts)
    dated = sorted(i.as_of for i in items if i.as_of)
    if not dated:
        raise PluginError(f"<!-- md:salary-age -->: {data.path} has no dated figures")
    first, last = dated[0][:4], dated[-1][:4]
    years = first if first == last else f"{first}–{last}"
    undated = sum(1 for i in items if not i.as_of)
    title = L["age_title"].format(years=years).replace('"', "'")
    body = L["age_body"].format(newest=dated[-1], oldest=dated[0], undated=undated, total=len(items))
    return f'\n\n!!! warning "{title}"\n\n    {body}\n\n'


# --------------------------------------------------------------------------------------------
# Chart
# --------------------------------------------------------------------------------------------

W = 760  # viewBox width
LABEL_X = 262  # right edge of the row labels
X0, X1 = 276, 690  # plot area
ROW_H = 38
GROUP_H = 30
TOP = 8


def _scale_max(data: Any) -> int:
    top = max(v for r in data.rows for v in r.values)
    return int(math.ceil(top / 20000) * 20000) + (20000 if top % 20000 == 0 else 0)


def render_chart(data: Any, lang: str) -> str:
    L = LABELS[lang]
    vmax = _scale_max(data)

    def x(v: float) -> float:
        return round(X0 + (X1 - X0) * v / vmax, 1)

    body: list[str] = []
    y = TOP
    for role in L["role"]:
        rows = ordered(data.rows_for(role))
        if not rows:
            continue
        body.append(f'<text class="salary-group" x="8" y="{y + 20}" font-weight="bold">{_e(L["role"][role])}</text>')
        y += GROUP_H
        for row in rows:
            body.append(_chart_row(row, y, x, lang))
            y += ROW_H
    plot_bottom = y + 4
    # Grid and axis (drawn first so the marks sit on top).
    grid = []
    for v in range(0, vmax + 1, 20000):
        gx = x(v)
        grid.append(
            f'<line class="salary-grid" x1="{gx}" y1="{TOP}" x2="{gx}" y2="{plot_bottom}" '
            f'stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text class="salary-tick" x="{gx}" y="{plot_bottom + 16}" text-anchor="middle" font-size="12">{v // 1000}</text>'
        )
    axis_y = plot_bottom + 36
    grid.append(
        f'<text class="salary-axis" x="{(X0 + X1) / 2}" y="{axis_y}" text-anchor="middle" font-size="13">{_e(L["axis"])}</text>'
    )
    legend, height = _legend(data, axis_y + 14, lang)

    ranges = sum(1 for r in data.rows if r.shape == "range")
    points = sum(1 for r in data.rows if r.shape == "point")
    bounds = sum(1 for r in data.rows if r.shape == "lower-bound")
    desc = L["chart_desc"].format(ranges=ranges, points=points, bounds=bounds, max=vmax // 1000)
    svg = (
        f'<svg class="salary-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" '
        f'width="100%" role="img" aria-labelledby="salary-chart-title salary-chart-desc" '
        f'font-size="13" fill="currentColor" data-scale-max="{vmax}">'
        f'<title id="salary-chart-title">{_e(L["chart_title"])}</title>'
        f'<desc id="salary-chart-desc">{_e(desc)}</desc>'
        + "".join(grid)
        + "".join(body)
        + legend
        + "</svg>"
    )
    # tabindex: on narrow screens the figure scrolls sideways and must be reachable by keyboard.
    figure = (
        f'<figure class="salary-chart-figure" tabindex="0">{svg}'
        f"<figcaption>{_e(L['caption_chart'])}</figcaption></figure>"
    )
    return "\n\n" + figure + "\n\n"


def _chart_row(row: Any, y: float, x: Callable[[float], float], lang: str) -> str:
    L = LABELS[lang]
    date = row.as_of or L["undated"]
    line1 = f"{L['region'][row.region]} · {date}"
    sub = row.label.get(lang) if row.label is not None else L["kind_short"][row.kind]
    line2 = f"{sub} · {L['seed']} {_seed_no(row.source.seed)}"
    cy = y + 16
    title = L["mark_title"].format(
        region=L["region"][row.region],
        date=date,
        value=fmt_amount(row, lang),
        per=L["per"][row.per],
        kind=L["kind"][row.kind],
        seed=L["seed"],
        seed_no=_seed_no(row.source.seed),
    )
    kind_cls = f"salary-kind-{row.kind}"
    style = KIND_STYLE[row.kind]
    out = [
        f'<g class="salary-row" data-row="{_e(row.id)}">',
        f'<text x="{LABEL_X}" y="{y + 14}" text-anchor="end">{_e(line1)}</text>',
        f'<text class="salary-sub" x="{LABEL_X}" y="{y + 30}" text-anchor="end" font-size="11" fill-opacity="0.7">{_e(line2)}</text>',
    ]
    if row.shape == "range":
        x1, x2 = x(row.low), x(row.high)
        out.append(
            f'<rect class="salary-bar salary-mark {kind_cls}" data-row="{_e(row.id)}" x="{x1}" y="{cy - 7}" '
            f'width="{max(round(x2 - x1, 1), 2)}" height="14" rx="2" stroke="currentColor" {style}>'
            f"<title>{_e(title)}</title></rect>"
        )
        if row.typical is not None:
            tx = x(row.typical)
            out.append(
                f'<line class="salary-typical" x1="{tx}" y1="{cy - 10}" x2="{tx}" y2="{cy + 10}" '
                f'stroke="currentColor" stroke-width="2"/>'
            )
        end = x2
    elif row.shape == "point":
        px = x(row.point)
        out.append(
            f'<circle class="salary-point salary-mark {kind_cls}" data-row="{_e(row.id)}" cx="{px}" cy="{cy}" r="6" '
            f'stroke="currentColor" {style}><title>{_e(title)}</title></circle>'
        )
        end = px + 6
    else:
        x1, x2 = x(row.low), X1 + 6
        out.append(
            f'<g class="salary-bound salary-mark {kind_cls}" data-row="{_e(row.id)}"><title>{_e(title)}</title>'
            f'<line x1="{x1}" y1="{cy}" x2="{x2 - 8}" y2="{cy}" stroke="currentColor" stroke-width="3"/>'
            f'<line x1="{x1}" y1="{cy - 7}" x2="{x1}" y2="{cy + 7}" stroke="currentColor" stroke-width="3"/>'
            f'<path d="M{x2 - 10},{cy - 6} L{x2},{cy} L{x2 - 10},{cy + 6} Z" stroke="none"/></g>'
        )
        end = x2
    out.append(f'<text class="salary-value" x="{round(end + 6, 1)}" y="{cy + 4}" font-size="12">{_e(fmt_k(row))}</text>')
    out.append("</g>")
    return "".join(out)


def _legend(data: Any, y: float, lang: str) -> tuple[str, int]:
    """Legend: one swatch per method present, then the shapes. Returns (markup, total height)."""
    L = LABELS[lang]
    items: list[str] = []
    kinds = [k for k in L["kind"] if any(r.kind == k for r in data.rows)]
    for kind in kinds:
        items.append(
            f'<rect class="salary-mark salary-kind-{kind}" x="0" y="-10" width="18" height="12" rx="2" '
            f'stroke="currentColor" {KIND_STYLE[kind]}/>'
            f'<text x="24" y="0" font-size="12">{_e(L["kind"][kind])}</text>'
        )
    if any(r.shape == "point" for r in data.rows):
        items.append(f'<circle class="salary-mark" cx="9" cy="-4" r="6"/><text x="24" y="0" font-size="12">{_e(L["legend_point"])}</text>')
    if any(r.shape == "lower-bound" for r in data.rows):
        items.append(
            '<g class="salary-mark"><line x1="0" y1="-4" x2="10" y2="-4" stroke="currentColor" stroke-width="3"/>'
            '<path d="M8,-10 L18,-4 L8,2 Z" stroke="none"/></g>'
            f'<text x="24" y="0" font-size="12">{_e(L["legend_bound"])}</text>'
        )
    if any(r.typical is not None for r in data.rows):
        items.append(
            '<line class="salary-typical" x1="9" y1="-12" x2="9" y2="4" stroke="currentColor" stroke-width="2"/>'
            f'<text x="24" y="0" font-size="12">{_e(L["legend_typical"])}</text>'
        )
    # Two columns.
    out = []
    col_w = (W - 16) / 2
    for i, item in enumerate(items):
        cx = 8 + (i % 2) * col_w
        cy = y + 18 + (i // 2) * 22
        out.append(f'<g class="salary-legend-item" transform="translate({round(cx, 1)},{cy})">{item}</g>')
    height = int(y + 18 + ((len(items) + 1) // 2) * 22 + 4)
    return '<g class="salary-legend">' + "".join(out) + "</g>", height


# --------------------------------------------------------------------------------------------
# Downloads
# --------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "role", "region", "shape", "low", "high", "point", "typical", "approximate",
    "currency", "period", "per", "basis", "kind", "as_of", "date_note_ru", "date_note_en",
    "source_seed", "source_title", "source_url", "source_locator_ru", "source_locator_en",
    "note_ru", "note_en",
)  # fmt: skip


def to_csv(data: Any) -> str:
    """One line per pay figure (facts are in the JSON only). UTF-8, comma-separated, header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in data.rows:
        writer.writerow(
            [
                r.id, r.role, r.region, r.shape, r.low, r.high, r.point, r.typical, str(r.approximate).lower(),
                r.currency, r.period, r.per, r.basis, r.kind, r.as_of or "",
                r.date_note.ru if r.date_note else "", r.date_note.en if r.date_note else "",
                r.source.seed, r.source.title, str(r.source.url or ""),
                r.source.locator.ru if r.source.locator else "", r.source.locator.en if r.source.locator else "",
                r.note.ru if r.note else "", r.note.en if r.note else "",
            ]  # fmt: skip
        )
    return buf.getvalue()


def to_json(data: Any) -> str:
    doc = {
        "title": "Internet marketer and SMM manager pay figures, as published in the handbook's sources",
        "schema_version": 1,
        "source_file": data.path,
        "notes": [
            "One row per published figure; nothing is merged, averaged or converted.",
            "Amounts are whole rubles per month; 'per: client' rows are a freelancer's monthly price per client.",
            "as_of is null when the source gives no date; date_note says why or flags an ambiguous date.",
            "The 2018-2019 figures are historical and do not describe today's market.",
        ],
        "rows": [r.model_dump(mode="json") for r in data.rows],
        "facts": [f.model_dump(mode="json") for f in data.facts],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
