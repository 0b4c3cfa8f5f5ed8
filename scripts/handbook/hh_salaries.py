"""Refresh the internet marketer's offered pay from hh.ru: one dated record per region and experience band.

Reads the public vacancy search of hh.ru (``GET https://api.hh.ru/vacancies`` with ``text``, ``area``,
``only_with_salary``, ``per_page``, ``page``; no key, a User-Agent header) or a saved export of its
JSON (``--from-file``: one page, or a list of pages). Keeps the vacancies whose name matches the role,
and for each (vacancy area, ``experience.id``) computes the 25th percentile, median and 75th
percentile of the offered pay and the sample size, separately for offers stated before tax, offers
stated take-home and offers that do not say (``salary.gross``: true, false, absent). Writes the records in the format of ``docs/data/salaries.yml`` (validated
against ``handbook.salaries`` first) to review and paste; ``--dry-run`` prints them instead.

One vacancy gives one value: the middle of its fork when both ``from`` and ``to`` are given,
otherwise the one bound it gives. Gross and net offers are kept as published: never converted and
never pooled into one set of quartiles (the career page's rule: figures of different bases stay
apart); each record's ``basis`` is ``gross``, ``net`` or ``not-stated``. A currency other than RUR is
skipped unless ``--rate CUR=RUB_PER_UNIT`` is given.

Exit codes: 0 ok; 1 nothing to write (no group reached ``--min-sample``) or a record failed the
schema; 2 unreadable input (a missing or malformed file, a network error), one line, no traceback.

    python scripts/hh_salaries.py --area 1 --area 2 --area 113 --dry-run
    python scripts/hh_salaries.py --from-file export.json --date 2026-12-01 --out /tmp/hh.yml
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook import salaries as model

API = "https://api.hh.ru/vacancies"
USER_AGENT = "internet-marketer-handbook/1.0 (salary refresh; scripts/hh_salaries.py)"
DEFAULT_TEXT = "интернет-маркетолог"
DEFAULT_MATCH = r"интернет[\s-]*маркетолог|internet[\s-]*marketer"
REGION_OF_AREA = {"113": "russia", "1": "moscow", "2": "saint-petersburg"}
EXPERIENCE = model.EXPERIENCE
SOURCE_ID = "hh-api"  # the hh.ru API's record in docs/data/sources.yml
MAX_DEPTH = 2000  # hh.ru returns at most 2,000 vacancies per search (per_page × page)


class InputError(Exception):
    """Input that cannot be read: a one-line message, exit 2."""


@dataclass(frozen=True)
class Offer:
    area_id: str
    area_name: str
    experience: str
    value: float
    gross: bool | None
    published: str | None


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_pages(path: Path) -> list[dict]:
    """A saved export: one page object or a list of page objects, each with ``items``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    pages = data if isinstance(data, list) else [data]
    for index, page in enumerate(pages):
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            raise InputError(f"{path}: page {index + 1} is not an hh.ru search page (an object with an 'items' list)")
    return pages


def fetch_pages(text: str, area: str, per_page: int, max_pages: int, opener: Any = urllib.request.urlopen) -> list[dict]:
    """Every page of one search (up to ``max_pages`` and hh.ru's depth limit)."""
    pages: list[dict] = []
    page = 0
    while True:
        url = search_url(text, area, per_page, page)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "HH-User-Agent": USER_AGENT})
        try:
            with opener(request, timeout=30) as response:
                body = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise InputError(f"{url}: request failed: {exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{url}: the answer is not JSON: {exc}") from None
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            raise InputError(f"{url}: the answer is not an hh.ru search page")
        pages.append(body)
        page += 1
        total_pages = body.get("pages") if isinstance(body.get("pages"), int) else 0
        if page >= total_pages or page >= max_pages or page * per_page >= MAX_DEPTH:
            return pages


def search_url(text: str, area: str | list[str], per_page: int = 100, page: int | None = None) -> str:
    """The search's URL; several areas repeat the ``area`` parameter, as the API expects."""
    params = [("text", text)] + [("area", a) for a in ([area] if isinstance(area, str) else area)]
    params += [("only_with_salary", "true"), ("per_page", str(per_page))]
    if page is not None:
        params.append(("page", str(page)))
    return f"{API}?{urllib.parse.urlencode(params)}"


# --------------------------------------------------------------------------------------------
# Offers and statistics
# --------------------------------------------------------------------------------------------


@dataclass
class Tally:
    seen: int = 0
    not_matching: int = 0
    no_salary: int = 0
    other_currency: int = 0
    no_experience: int = 0
    kept: int = 0


def offers(pages: list[dict], match: re.Pattern[str], rates: dict[str, float], tally: Tally) -> list[Offer]:
    out: list[Offer] = []
    for page in pages:
        for item in page["items"]:
            tally.seen += 1
            if not isinstance(item, dict) or not match.search(str(item.get("name") or "")):
                tally.not_matching += 1
                continue
            salary = item["salary"] if isinstance(item.get("salary"), dict) else {}
            bounds = (salary.get("from"), salary.get("to"))
            low, high = (v if isinstance(v, (int, float)) and v > 0 else None for v in bounds)  # 0 is no bound
            if low is None and high is None:
                tally.no_salary += 1
                continue
            currency = str(salary.get("currency") or "RUR")
            factor = 1.0 if currency in ("RUR", "RUB") else rates.get(currency)
            if factor is None:
                tally.other_currency += 1
                continue
            experience = (item.get("experience") or {}).get("id") if isinstance(item.get("experience"), dict) else None
            area = item.get("area") if isinstance(item.get("area"), dict) else {}
            if experience not in EXPERIENCE or not area.get("id"):
                tally.no_experience += 1
                continue
            value = (low + high) / 2 if low is not None and high is not None else (low if low is not None else high)
            gross = salary.get("gross") if isinstance(salary.get("gross"), bool) else None
            published = str(item.get("published_at") or "")[:10] or None
            out.append(Offer(str(area["id"]), str(area.get("name") or area["id"]), experience, value * factor, gross, published))
            tally.kept += 1
    return out


BASES = ("gross", "net", "not-stated")


def basis_of(offer: Offer) -> str:
    """hh.ru's ``salary.gross``: true = before tax, false = take-home, absent = not stated."""
    return "gross" if offer.gross is True else "net" if offer.gross is False else "not-stated"


def records(found: list[Offer], day: dt.date, text: str, match: str, areas: list[str], min_sample: int,
            source_note: str) -> tuple[list[dict], list[str]]:
    """One record per (area, experience band, basis) with at least ``min_sample`` offers; and notes on
    the rest. Offers before tax, take-home offers and offers that do not say are counted apart."""
    groups: dict[tuple[str, str, str], list[Offer]] = defaultdict(list)
    for offer in found:  # never pool offers before tax with take-home ones (the career page's rule)
        groups[(offer.area_id, offer.experience, basis_of(offer))].append(offer)
    out, skipped = [], []
    order = lambda g: (g[0][0], EXPERIENCE.index(g[0][1]), BASES.index(g[0][2]))  # noqa: E731
    for (area_id, experience, basis), group in sorted(groups.items(), key=order):
        name = group[0].area_name
        if len(group) < min_sample:
            skipped.append(f"{name} ({area_id}), {experience}, {basis}: {len(group)} offer(s), "
                           f"fewer than --min-sample {min_sample}")
            continue
        values = sorted(o.value for o in group)
        p25, median, p75 = statistics.quantiles(values, n=4, method="inclusive")
        gross_share = 1.0 if basis == "gross" else 0.0 if basis == "net" else None
        region = REGION_OF_AREA.get(area_id, "hh-area")
        dates = sorted(o.published for o in group if o.published)
        record: dict[str, Any] = {
            "id": f"salary-hh-{area_id}-{experience.lower()}-{basis}-{day.isoformat()}",
            "role": "internet-marketer",
            "region": region,
        }
        if region == "hh-area":
            record["area"] = {"id": area_id, "name": name}
        record.update({
            "statistic": "quartiles",
            "p25": round(p25), "median": round(median), "p75": round(p75),
            "sample_size": len(group), **({"gross_share": gross_share} if gross_share is not None else {}),
            "currency": "RUB", "period": "month", "measure": "offered", "basis": basis,
            "kind": "vacancy-offers", "grade": "not-stated", "experience": experience,
        })  # fmt: skip
        if dates and dates[0] <= dates[-1] <= day.isoformat():
            record["covers"] = {"from": dates[0], "to": dates[-1]}
        record.update({
            "as_of": day.isoformat(),
            "query": f"text={text}; area={','.join(areas)}; only_with_salary=true; name matches /{match}/",
            "label": {"ru": "hh.ru, предложения", "en": "hh.ru, offers"},
            "source": {  # the record in docs/data/sources.yml; the search itself is in `query`
                "ref": SOURCE_ID,
                "locator": {"ru": source_note, "en": source_note},
            },
            "note": {
                "ru": "Посчитано скриптом scripts/hh_salaries.py по открытым вакансиям с указанной зарплатой. "
                      "Значение вакансии — середина вилки или единственная граница. Предложения до вычета налога и «на руки» "
                      "посчитаны отдельно и не пересчитаны.",
                "en": "Computed by scripts/hh_salaries.py from open vacancies that state pay. A vacancy's value is "
                      "the middle of its fork or its only bound. Offers before tax and take-home offers are counted "
                      "separately and not converted.",
            },
        })  # fmt: skip
        out.append(record)
    return out, skipped


def check(rows: list[dict], day: dt.date) -> list[str]:
    """Each record against the salaries.yml model: a record that fails is never written."""
    problems = []
    for row in rows:
        try:
            parsed = model.SalaryRow.model_validate(row)
        except Exception as exc:  # pydantic.ValidationError: report, never a traceback
            problems.append(f"{row['id']}: {exc}".splitlines()[0])
            continue
        problems += [f"{row['id']}: field '{f}': {m}" for f, m in model.row_rules(parsed, today=day)]
    return problems


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_rates(values: list[str]) -> dict[str, float]:
    rates = {}
    for value in values:
        code, sep, number = value.partition("=")
        try:
            rate = float(number)
        except ValueError:
            rate = -1.0
        if not sep or not re.fullmatch(r"[A-Z]{3}", code) or rate <= 0:
            raise InputError(f"--rate {value!r}: expected CUR=RUB_PER_UNIT, e.g. USD=92.5")
        rates[code] = rate
    return rates


def main(argv: list[str] | None = None, opener: Any = urllib.request.urlopen) -> int:
    parser = argparse.ArgumentParser(prog="hh_salaries.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", default=DEFAULT_TEXT, help=f"search text (default: {DEFAULT_TEXT})")
    parser.add_argument("--area", action="append", help="hh.ru area id, repeatable (default: 113, Russia)")
    parser.add_argument("--match", default=DEFAULT_MATCH, help="regular expression a vacancy name must match")
    parser.add_argument("--from-file", action="append", type=Path, help="saved JSON export instead of the API")
    parser.add_argument("--rate", action="append", default=[], help="convert a currency: CUR=RUB_PER_UNIT")
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--max-pages", type=int, default=20)
    parser.add_argument("--min-sample", type=int, default=10, help="fewest offers a record may rest on (default 10)")
    parser.add_argument("--date", help="the records' date, YYYY-MM-DD (default: today)")
    parser.add_argument("--out", type=Path, help="where to write (default: hh-salaries-DATE.yml)")
    parser.add_argument("--dry-run", action="store_true", help="print the records instead of writing them")
    args = parser.parse_args(argv)
    areas = args.area or ["113"]
    try:  # every unusable input is one line and exit 2, in the order the options are checked
        try:
            day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
        except ValueError:
            raise InputError(f"--date {args.date!r}: expected YYYY-MM-DD") from None
        if args.min_sample < 2:  # quartiles need two offers at least
            raise InputError(f"--min-sample {args.min_sample}: must be 2 or more (quartiles need two offers)")
        try:
            match = re.compile(args.match, re.IGNORECASE)
        except re.error as exc:
            raise InputError(f"--match: not a regular expression: {exc}") from None
        rates = parse_rates(args.rate)
        if args.from_file:
            pages = [page for path in args.from_file for page in read_pages(path)]
            source_note = "saved export: " + ", ".join(p.name for p in args.from_file)
        else:
            pages = [page for area in areas for page in fetch_pages(args.text, area, args.per_page, args.max_pages, opener)]
            source_note = f"API, {day.isoformat()}"
    except InputError as exc:
        print(f"hh_salaries: {exc}", file=sys.stderr)
        return 2
    tally = Tally()
    found = offers(pages, match, rates, tally)
    rows, skipped = records(found, day, args.text, args.match, areas, args.min_sample, source_note)
    summary = (f"hh_salaries: {tally.seen} vacancies read, {tally.kept} kept; left out: {tally.not_matching} not the role, "
               f"{tally.no_salary} without pay, {tally.other_currency} in another currency (no --rate), "
               f"{tally.no_experience} without area or experience band")
    print(summary, file=sys.stderr)
    for line in skipped:
        print(f"hh_salaries: not written: {line}", file=sys.stderr)
    problems = check(rows, day)
    if problems:
        for line in problems:
            print(f"hh_salaries: schema: {line}", file=sys.stderr)
        return 1
    if not rows:
        print("hh_salaries: no record to write", file=sys.stderr)
        return 1
    text = yaml.safe_dump({"rows": rows}, allow_unicode=True, sort_keys=False, width=110)
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    out = args.out or Path(f"hh-salaries-{day.isoformat()}.yml")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"hh_salaries: {out}: cannot write: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"hh_salaries: {len(rows)} record(s) written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
