"""schema.org ``Occupation`` of the internet marketer, as plain data for JSON-LD on the role pages.

The hook ``overrides/hooks/open_data.py`` puts it on the pages listed in ``docs/data/open-data.yml``
(``occupation.pages``) through ``overrides/partials/occupation-jsonld.html``. Everything comes from
the handbook's data, in the page's language:

- ``name``, ``description``, ``occupationLocation``: ``open-data.yml``;
- ``occupationalCategory``: ``CategoryCode`` entries for the Russian ОКЗ and the international
  ISCO-08. Both codes were checked against the official classifiers: ISCO-08 unit group 2431
  "Advertising and marketing professionals" (International Standard Classification of
  Occupations ISCO-08, Vol. 1, ILO, Geneva 2012) and ОКЗ 2431 «Специалисты по рекламе и маркетингу»
  (ОК 010-2014 (МСКЗ-08), Общероссийский классификатор занятий, приказ Росстандарта от 12.12.2014
  № 2020-ст). The page docs/open-data.*.md cites them for readers;
- ``responsibilities``: the duty clauses (section 2) of the job description;
- ``skills``: the competencies of the matrix (``DefinedTerm`` with their anchor on the matrix page);
- ``estimatedSalary``: only the role's own pay figures that are dated and sourced
  (``salaries.yml``: role ``internet-marketer``, ``as_of`` set, a source in the registry
  ``sources.yml``, paid per person, not a price), each a ``MonetaryAmount`` with ``validFrom`` = the
  figure's date and the source named in its description.
  Category figures (a job-site sphere that includes the role) are never given as the role's pay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handbook import competencies as competency_model
from handbook import job_description as jd_model
from handbook import salaries as salary_model
from handbook import salary_views, site

__all__ = ["occupation", "estimated_salary"]

CONTEXT = "https://schema.org"
ROLE = "internet-marketer"
DUTIES = "duties"  # the job description's section 2, «Должностные обязанности» / "Duties"


def occupation(settings, docs_dir: Path, lang: str, root: str, page_url: str | None = None) -> dict[str, Any]:
    """The ``Occupation`` object of one language (``settings``: :class:`handbook.open_data.Settings`)."""
    info = settings.occupation
    kit = competency_model.load(docs_dir)
    data = salary_model.load_salaries(docs_dir / "data/salaries.yml", "docs/data/salaries.yml")
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Occupation",
        "name": info.name.get(lang),
        "description": info.description.get(lang),
        "occupationLocation": [{"@type": "Country", "name": info.location.name.get(lang),
                                "identifier": info.location.country}],
        "occupationalCategory": [category(c, lang) for c in info.categories],
        "responsibilities": [c.plain(lang) for c in jd_model.load_for_build(docs_dir).section(DUTIES).clauses],
        "skills": [{
            "@type": "DefinedTerm",
            "termCode": c.id,
            "name": c.title[lang],
            "description": c.summary[lang],
            "url": site.page_url("competencies", lang, c.id, root=root),
        } for c in kit.competencies],
    }
    salaries = estimated_salary(data, lang, settings.ui[lang])
    if salaries:
        out["estimatedSalary"] = salaries
    if page_url:
        out["mainEntityOfPage"] = {"@type": "WebPage", "@id": page_url}
    return out


def category(entry, lang: str) -> dict[str, Any]:
    code_set: dict[str, Any] = {"@type": "CategoryCodeSet", "name": entry.scheme,
                                "description": entry.classifier.get(lang)}
    if entry.url:
        code_set["url"] = entry.url
    return {"@type": "CategoryCode", "codeValue": entry.code, "name": entry.name.get(lang), "inCodeSet": code_set}


def eligible(row: salary_model.SalaryRow, data: salary_model.SalaryData) -> bool:
    """The role's own pay, dated and sourced: what may be given as its estimated salary."""
    sourced = data.sources is not None and data.sources.get(row.source.ref) is not None
    return row.role == ROLE and row.as_of is not None and sourced and row.per == "person" and row.measure != "price"


def estimated_salary(data: salary_model.SalaryData, lang: str, ui: dict[str, str]) -> list[dict[str, Any]]:
    """``MonetaryAmount`` per eligible figure, newest first; ``ui`` holds the description's patterns
    (``open-data.yml`` ``ui.<lang>.salary_description`` and ``salary_qualifiers``)."""
    labels = salary_views.LABELS[lang]
    rows = sorted((r for r in data.rows if eligible(r, data)), key=lambda r: salary_model.last_day(r.as_of), reverse=True)
    out = []
    for row in rows:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "MONTH"}
        if row.statistic == "range":
            value.update(minValue=row.low, maxValue=row.high)
        elif row.statistic == "lower-bound":
            value["minValue"] = row.low
        elif row.statistic == "quartiles":
            value.update(minValue=row.p25, maxValue=row.p75)
            if row.median is not None:
                value["value"] = row.median
        else:  # point, mean, median: one value of a known kind
            value["value"] = getattr(row, row.statistic)
        source = salary_views.source_view(data, row, lang)
        out.append({
            "@type": "MonetaryAmount",
            "identifier": row.id,
            "currency": row.currency,
            "validFrom": row.as_of,
            "value": value,
            "description": ui["salary_description"].format(
                region=labels["region"][row.region], amount=salary_views.fmt_amount(row, lang),
                qualifiers=qualifiers(row, labels, ui),
                source=source["title"], date=salary_views.human_date(row.as_of, lang)),
        })
    return out


def qualifiers(row: salary_model.SalaryRow, labels: dict, ui: dict[str, str]) -> str:
    """What was measured and whether before or after tax, when the source says; else nothing."""
    stated = [labels[field][value] for field, value in (("measure", row.measure), ("basis", row.basis))
              if value != "not-stated"]
    return ui["salary_qualifiers"].format(qualifiers=", ".join(stated)) if stated else ""
