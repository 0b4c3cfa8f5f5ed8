"""What the career page shows of the pay figures, as plain data for the Jinja templates in
``overrides/partials/salaries/``: words per language, formatted amounts, the chart's geometry and
the age banner's wording. No HTML is written here; :func:`render` fills a template.

Markers (replaced by ``overrides/hooks/salaries.py``)::

    <!-- md:salary-age -->                 banner: how old the newest figure is (wording from the data)
    <!-- md:salary-chart ERA -->           inline SVG of one era: current | history
    <!-- md:salary-table ROLE ERA -->      one role's (or category's) rows of one era
    <!-- md:salary-facts ERA -->           market figures that are not pay
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from handbook import salaries as model, templates, ui

ERAS = ("current", "history")
LABELS = ui.strings("salaries")  # docs/data/ui.yml: labels and units

REGION_ORDER = ("moscow", "saint-petersburg", "moscow-central", "moscow-region", "russia", "hh-area",
                "other-regions", "any", "not-stated")
KIND_STYLE = {  # inline defaults so the chart reads without the stylesheet; colours come from currentColor
    "vacancy-offers": {"fill-opacity": "0.9", "stroke-width": "0"},
    "cv-expectations": {"fill-opacity": "0.45", "stroke-width": "1.5"},
    "self-reported": {"fill-opacity": "0.7", "stroke-width": "0"},
    "survey": {"fill-opacity": "0.7", "stroke-width": "0"},
    "official-statistics": {"fill-opacity": "0.8", "stroke-width": "0"},
    "freelance-rate": {"fill-opacity": "0.9", "stroke-width": "0"},
    "not-stated": {"fill-opacity": "0.55", "stroke-width": "0"},
    "author-estimate": {"fill-opacity": "0.2", "stroke-width": "1.5", "stroke-dasharray": "4 3"},
}


# --------------------------------------------------------------------------------------------
# Words and numbers
# --------------------------------------------------------------------------------------------


def plural(n: int, words: tuple[str, ...], lang: str) -> str:
    if lang == "en":
        return words[0] if n == 1 else words[1]
    if n % 10 == 1 and n % 100 != 11:
        return words[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return words[1]
    return words[2]


def fmt_int(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", LABELS[lang]["thousand_sep"])


def human_date(value: str | None, lang: str) -> str:
    """``2023`` -> «2023 год» / "2023"; ``2022-04`` -> «апрель 2022» / "April 2022"; full dates in words."""
    return ui.human_date(value, lang) if value else LABELS[lang]["undated"]


def fmt_amount(row: model.SalaryRow, lang: str) -> str:
    """The figure as text, with its statistic: a range, a value, a bound or quartiles, in roubles."""
    L = LABELS[lang]
    n = lambda v: fmt_int(v, lang)  # noqa: E731
    st = row.statistic
    if st == "range":
        text = f"{n(row.low)}–{n(row.high)}"
        if row.typical is not None:
            text += ", " + L["typical"].format(v=n(row.typical))
        return text
    if st == "point":
        return L["approx"].format(v=n(row.point)) if row.approximate else n(row.point)
    if st == "lower-bound":
        return L["over"].format(v=n(row.low))
    if st in ("mean", "median"):
        return f"{L['statistic'][st]} {n(getattr(row, st))}"
    parts = [f"{name} {n(getattr(row, name))}" for name in ("p10", "p25", "median", "p75", "p90")
             if getattr(row, name) is not None]
    return ", ".join(parts).replace("median", L["statistic"]["median"])


def fmt_k(row: model.SalaryRow) -> str:
    """Short label in thousands for the chart."""
    k = lambda v: f"{v / 1000:g}"  # noqa: E731
    st = row.statistic
    if st == "range":
        return f"{k(row.low)}–{k(row.high)}"
    if st == "point":
        return ("≈" if row.approximate else "") + k(row.point)
    if st == "lower-bound":
        return f"> {k(row.low)}"
    if st in ("mean", "median"):
        return k(getattr(row, st))
    return f"{k(row.p25)}–{k(row.p75)}" + (f" ({k(row.median)})" if row.median else "")


def ordered(items: Any) -> list[Any]:
    """Group by region (fixed order), newest first inside a group, undated last."""
    newest_first = sorted(items, key=lambda r: model.last_day(r.as_of) if r.as_of else dt.date.min, reverse=True)
    return sorted(newest_first, key=lambda r: REGION_ORDER.index(r.region))


def source_view(data: model.SalaryData, item: Any, lang: str, home: str = "") -> dict:
    """The source cell: the registry record's title (linked to its URL when it has one), who
    published it and when, where in it the figure stands, and a link to its entry in the
    handbook's list of sources (``home`` is the home page's URL relative to this page)."""
    from handbook import sources

    src, ref = data.source_of(item), item.source
    L = LABELS[lang]
    meta = [("text", src.publisher.get(lang), None)]
    if src.cites:
        meta.append(("text", f"{L['cites']}: {src.cites.get(lang)}", None))
    meta.append(("text", f"{L['published']}: {human_date(src.date, lang) if src.date else L['no_date']}", None))
    if ref.locator is not None:
        meta.append(("text", ref.locator.get(lang), None))
    via = data.sources.get(src.via) if src.via else None
    return {"title": sources.title_view(src, lang), "url": str(src.url) if src.url else None, "meta": meta,
            "entry": f"{home}#{src.anchor()}", "entry_label": L["entry_label"],
            "via": {"label": sources.LABELS[lang]["via"], "text": via.short.get(lang),
                    "url": str(via.url) if via.url else None} if via is not None else None}


def notes_view(data: model.SalaryData, item: Any, lang: str) -> list[tuple[str, str]]:
    L = LABELS[lang]
    out = []
    if item.note is not None:
        out.append(("note", item.note.get(lang)))
    if item.date_note is not None:
        out.append(("date", f"{L['date_label']}: {item.date_note.get(lang)}"))
    src = data.source_of(item)
    if src.date is None and src.date_note is not None:
        out.append(("date", f"{L['date_label']}: {src.date_note.get(lang)}"))
    return out


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


def table_view(data: model.SalaryData, role: str, era: str, lang: str, home: str = "") -> dict:
    L = LABELS[lang]
    rows = ordered(data.rows_for(role, era))
    if not rows:
        raise ValueError(f"{data.path} has no {era} rows for role '{role}'")
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1]["region"] != row.region:
            groups.append({"region": row.region, "rows": []})
        level = [L["grade"][row.grade]]
        if row.experience:
            level.append(L["experience"][row.experience])
        if row.sample_size:
            level.append(f"{L['sample']}: {fmt_int(row.sample_size, lang)}")
        basis = L["basis"][row.basis]
        if row.gross_share is not None:
            basis += "; " + L["gross_share"].format(p=round(row.gross_share * 100))
        region = L["region"][row.region] + (f" ({row.area.name})" if row.area else "")
        groups[-1]["rows"].append({
            "id": row.id, "kind": row.kind, "basis_code": row.basis, "statistic": row.statistic,
            "measure_code": row.measure, "region": region,
            "amount": fmt_amount(row, lang), "unit": f"{row.currency}, {L['per'][row.per]}",
            "statistic_word": "" if row.statistic in ("mean", "median") else L["statistic"][row.statistic],
            "measure": L["measure"][row.measure], "method": L["kind"][row.kind],
            "basis": basis, "level": "; ".join(level),
            "as_of": row.as_of, "date": human_date(row.as_of, lang),
            "source": source_view(data, row, lang, home), "notes": notes_view(data, row, lang),
        })  # fmt: skip
    caption = L["caption"].format(role=L["role"][role], era=era_label(data, "era", era, lang), n=len(rows),
                                  rows=plural(len(rows), L["rows_word"], lang))
    return {"role": role, "era": era, "columns": L["columns"], "caption": caption, "groups": groups}


def era_label(data: model.SalaryData, key: str, era: str, lang: str) -> str:
    """An era's label with the year the data's ``current_from`` starts it (never a fixed year)."""
    return LABELS[lang][key][era].format(year=data.current_from[:4])


def facts_view(data: model.SalaryData, era: str, lang: str, home: str = "") -> dict:
    L = LABELS[lang]
    facts = data.facts_for(era)
    if not facts:
        raise ValueError(f"{data.path} has no {era} facts")
    rows = [{
        "id": f.id, "label": f.label.get(lang), "value": fmt_int(f.value, lang), "region": L["region"][f.region],
        "as_of": f.as_of, "date": human_date(f.as_of, lang), "source": source_view(data, f, lang, home),
        "notes": notes_view(data, f, lang),
    } for f in facts]  # fmt: skip
    return {"era": era, "columns": L["facts_columns"], "caption": L["facts_caption"].format(era=era_label(data, "era", era, lang)),
            "rows": rows}


def age_view(data: model.SalaryData, lang: str, today: dt.date | None = None) -> dict:
    """The banner: its type and words follow the newest dated figure and today's date."""
    L = LABELS[lang]
    items = list(data.rows) + list(data.facts)
    age = model.age_summary(data.rows, today)
    if age is None:
        raise ValueError(f"{data.path} has no dated pay figures")
    title, body = L["age"][age.tier]
    one, many = L["years_word"]  # «не меньше 1 года / 2 лет / 5 лет»: the few take the form of the many
    years = plural(age.years, (one, many, many), lang)
    title = title.format(date=human_date(age.newest, lang), n=age.years, years=years)
    history = [i for i in items if model.era(i, data) == "history"]
    hist_years = sorted({i.as_of[:4] for i in history if i.as_of})
    undated = sum(1 for i in history if not i.as_of)
    parts = [body]
    if hist_years:
        span = hist_years[0] if len(hist_years) == 1 else f"{hist_years[0]}–{hist_years[-1]}"
        parts.append(L["age_history"][bool(undated)].format(span=span, undated=undated))
    return {"type": "note" if age.tier == "fresh" else "warning", "title": title.replace('"', "'"),
            "body": " ".join(parts), "tier": age.tier, "newest": age.newest, "years": age.years}


# Chart geometry (viewBox units)
W, LABEL_X, X0, X1, ROW_H, GROUP_H, TOP = 760, 300, 314, 690, 38, 30, 8


def _scale_max(rows: list[model.SalaryRow]) -> int:
    top = max(v for r in rows for v in r.values)
    return int(math.ceil(top / 20000) * 20000) + (20000 if top % 20000 == 0 else 0)


def chart_view(data: model.SalaryData, era: str, lang: str) -> dict:
    L = LABELS[lang]
    all_rows = [r for r in data.rows if model.era(r, data) == era]
    if not all_rows:
        raise ValueError(f"{data.path} has no {era} rows to chart")
    vmax = _scale_max(all_rows)
    x = lambda v: round(X0 + (X1 - X0) * v / vmax, 1)  # noqa: E731
    groups, y = [], TOP
    counts = {"bar": 0, "point": 0, "box": 0, "bound": 0}
    for role in L["role"]:
        rows = ordered(data.rows_for(role, era))
        if not rows:
            continue
        group = {"label": L["role"][role], "y": y + 20, "rows": []}
        y += GROUP_H
        for row in rows:
            mark = _mark(row, y + 16, x)
            counts[mark["shape"]] += 1
            sub = row.label.get(lang) if row.label is not None else L["kind"][row.kind]
            title = L["mark_title"].format(
                region=L["region"][row.region], date=human_date(row.as_of, lang), value=fmt_amount(row, lang),
                per=L["per"][row.per], statistic=L["statistic"][row.statistic],
                measure=L["mark_measure_unknown"] if row.measure == "not-stated" else L["measure"][row.measure],
                kind=L["kind"][row.kind])
            if row.statistic in ("mean", "median"):  # the value already reads «среднее 54 000» / "mean 54,000"
                title = title.replace(f"; {L['statistic'][row.statistic]};", ";", 1)
            group["rows"].append({
                "id": row.id, "y": y, "line1": f"{L['region'][row.region]} · {row.as_of or L['undated']}",
                "line2": sub, "title": title, "kind": row.kind,
                "style": KIND_STYLE[row.kind], "mark": mark, "value_label": fmt_k(row),
            })  # fmt: skip
            y += ROW_H
        groups.append(group)
    bottom = y + 4
    ticks = [{"x": x(v), "label": str(v // 1000)} for v in range(0, vmax + 1, 20000)]
    axis_y = bottom + 36
    shapes = [s for s, c in counts.items() if c]
    legend_items = [{"kind": k, "text": L["kind"][k], "style": KIND_STYLE[k]}
                    for k in L["kind"] if any(r.kind == k for r in all_rows)]
    legend_items += [{"shape": s, "text": L["legend"][s]} for s in shapes]
    if any(r.typical is not None for r in all_rows):
        legend_items.append({"shape": "typical", "text": L["legend"]["typical"]})
    col_w = (W - 16) / 2
    for i, item in enumerate(legend_items):
        item["x"], item["y"] = round(8 + (i % 2) * col_w, 1), axis_y + 32 + (i // 2) * 22
    height = int(axis_y + 32 + ((len(legend_items) + 1) // 2) * 22 + 4)
    parts = ", ".join(f"{counts[s]} {plural(counts[s], L['shape_words'][s], lang)}{L['shape_notes'].get(s, '')}"
                      for s in shapes)
    return {
        "era": era, "width": W, "height": height, "vmax": vmax, "top": TOP, "bottom": bottom, "axis_y": axis_y,
        "axis_x": (X0 + X1) / 2, "label_x": LABEL_X, "x1": X1, "ticks": ticks, "groups": groups,
        "legend": legend_items, "title": era_label(data, "chart_title", era, lang), "axis": L["axis"], "caption": L["caption_chart"],
        "desc": L["chart_desc"].format(n=len(all_rows), marks=plural(len(all_rows), L["marks_word"], lang),
                                       parts=parts, max=vmax // 1000),
    }  # fmt: skip


def _mark(row: model.SalaryRow, cy: float, x: Any) -> dict:
    st = row.statistic
    if st == "range":
        x1, x2 = x(row.low), x(row.high)
        return {"shape": "bar", "x": x1, "y": cy - 7, "w": max(round(x2 - x1, 1), 2), "cy": cy,
                "typical": x(row.typical) if row.typical is not None else None, "end": x2}
    if st in ("point", "mean", "median"):
        px = x(getattr(row, st if st != "point" else "point"))
        return {"shape": "point", "cx": px, "cy": cy, "end": px + 6}
    if st == "lower-bound":
        x1, x2 = x(row.low), X1 + 6
        return {"shape": "bound", "x1": x1, "x2": x2, "cy": cy, "end": x2}
    b1, b2 = x(row.p25), x(row.p75)
    w1 = x(row.p10) if row.p10 is not None else b1
    w2 = x(row.p90) if row.p90 is not None else b2
    return {"shape": "box", "x": b1, "y": cy - 8, "w": max(round(b2 - b1, 1), 2), "cy": cy,
            "median": x(row.median) if row.median is not None else None, "w1": w1, "w2": w2, "end": w2}


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def render(template: str, view: dict) -> str:
    """A template of ``overrides/partials/salaries/`` filled with a view; a blank line around it,
    so Markdown leaves the HTML block alone."""
    html = templates.render(f"salaries/{template}", v=view)
    return "\n\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n\n"
