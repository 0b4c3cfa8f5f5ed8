"""One selection, every document (issue 27), in real Chromium on the session's built site: the hh.ru
vacancy JSON, the schema.org JobPosting snippet, the lawful-wording check, the job description to
sign (PDF and .docx) and the first-day pack with its probation dates.

Every check is a function that returns problems; each is run on the real output (must find none)
and on a broken input aimed at it (must report it).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import json
import re
from pathlib import Path

import docx
import jsonschema
import pypdf
import pytest
from selectolax.lexbor import LexborHTMLParser

from browser_support import open_context, settle
from conftest import LANGUAGES, ROOT, SITE_URL, built_page
from handbook import workflows
from handbook.site import languages, page_url
from test_workflows import clause_texts  # the job description's clause sentences, as built
from handbook.datafile import SchemaError

LANGS = languages()
VACANCY = workflows.load_vacancy(ROOT / "docs/data/vacancy.yml", "docs/data/vacancy.yml")
WORDING = workflows.load_wording(ROOT / "docs/data/wording.yml", "docs/data/wording.yml")
# The selection the tests make: three extended duties, a section-2 duty, the degree and two
# knowledge items; the posting's fields filled in as a recruiter would.
CHOICE = {"level": "senior", "duties": ["p-2-1", "ext-2", "ext-5", "ext-9"], "req": ["p-1-5", "p-1-6-1", "p-1-6-2"]}
EXTENDED = [d for d in CHOICE["duties"] if d.startswith("ext-")]
POSTING = {"salary_from": "120000", "salary_to": "160000", "currency": "RUR", "gross": "true", "area": "1"}


def hiring(base: str, lang: str) -> str:
    return (base + LANGS.prefix(lang) + "hiring/?level=" + CHOICE["level"] + "&duties=" + ",".join(CHOICE["duties"])
            + "&req=" + ",".join(CHOICE["req"]))


def builder_data(page) -> dict:
    return json.loads(page.text_content("#hb-vacancy-data"))


def fill_posting(page, fmt: str = "hybrid", **extra) -> None:
    values = {**POSTING, **extra}
    page.fill("#vacancy-builder [name=salary_from]", values["salary_from"])
    page.fill("#vacancy-builder [name=salary_to]", values["salary_to"])
    page.check(f"#vacancy-builder [name=currency][value={values['currency']}]")
    page.check(f"#vacancy-builder [name=gross][value={values['gross']}]")
    page.check(f"#vacancy-builder [name=format][value={fmt}]")
    page.select_option("#hb-area", values["area"])


def download(page, action: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f"#vacancy-builder button[data-hb-action={action}]")
    return info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8")


def squashed(text: str) -> str:
    """No whitespace, compatibility forms (ligatures) folded: PDF text wraps differently from HTML."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("\u00ad", ""))


# --- 1. hh.ru: a JSON Schema written from hh.ru's API documentation --------------------------------
#
# Source: the public repository hhru/api, docs/employer_vacancies.md at commit f1ec99a (2022-11-18,
# the last version with the field table before the method moved to the OpenAPI description),
# section "Публикация вакансий" → "Поля запроса" (name; description "описание в html, не менее 200
# символов"; key_skills "не более 30"; professional_roles "с количеством элементов равным 1";
# area.id; experience.id; employment.id; schedule.id; salary.from/to "numeric или null",
# salary.gross boolean, salary.currency), and docs/errors.md ("email_in_description"). Dictionary
# ids seen in that repository's docs: experience noExperience (vacancies.md), between1And3
# (clusters.md), between3And6 (vacancies_search_arguments.md), moreThan6 and schedule flyInFlyOut
# (employer_vacancies.md), schedule fullDay (vacancies.md), flexible (employer_resumes.md), shift
# (clusters.md); employment full (vacancies.md), part (employer_resumes.md). schedule "remote" and
# the work_format field (ON_SITE/REMOTE/HYBRID/FIELD_WORK) come from the live dictionaries, not the
# repository (decisions/hire.md). x_lawful_wording_warnings is ours: present only when the text was
# flagged, to be removed before posting.
ID = lambda values: {"type": "object", "properties": {"id": {"enum": values}}, "required": ["id"],  # noqa: E731
                     "additionalProperties": False}
HH_VACANCY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "description", "key_skills", "professional_roles", "experience", "employment",
                 "schedule", "salary", "area"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 200, "pattern": "^[^@]*$"},
        "key_skills": {"type": "array", "maxItems": 30, "items": {
            "type": "object", "required": ["name"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "minLength": 1}}}},
        "professional_roles": {"type": "array", "minItems": 1, "maxItems": 1, "items": {
            "type": "object", "required": ["id"], "additionalProperties": False,
            "properties": {"id": {"type": "string", "pattern": "^[0-9]+$"}}}},
        "experience": ID(["noExperience", "between1And3", "between3And6", "moreThan6"]),
        "employment": ID(["full", "part"]),
        "schedule": ID(["fullDay", "shift", "flexible", "remote", "flyInFlyOut"]),
        "work_format": {"type": "array", "minItems": 1,
                        "items": ID(["ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK"])},
        "salary": {"type": "object", "required": ["currency", "gross"], "additionalProperties": False,
                   "anyOf": [{"properties": {"from": {"type": "number"}}}, {"properties": {"to": {"type": "number"}}}],
                   "properties": {"from": {"type": ["number", "null"], "exclusiveMinimum": 0},
                                  "to": {"type": ["number", "null"], "exclusiveMinimum": 0},
                                  "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                                  "gross": {"type": "boolean"}}},
        "area": {"type": "object", "required": ["id"], "additionalProperties": False,
                 "properties": {"id": {"type": "string", "pattern": "^[0-9]+$"}}},
        "x_lawful_wording_warnings": {"type": "array", "minItems": 2, "items": {"type": "string"}},
    },
}
ALLOWED_TAGS = {"p", "strong", "ul", "li", "a"}  # the subset the export writes (decisions/hire.md)


def hh_problems(vacancy: dict, site: Path, lang: str) -> list[str]:
    """The export validates against the schema; its description is the chosen clauses' own text,
    each with a link to the clause, in the HTML subset."""
    validator = jsonschema.Draft202012Validator(HH_VACANCY_SCHEMA)
    problems = [f"schema: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                for e in validator.iter_errors(vacancy)]
    description = vacancy.get("description", "")
    tree = LexborHTMLParser(f"<div id=root>{description}</div>")
    tags = {n.tag for n in tree.css("#root *")}
    if tags - ALLOWED_TAGS:
        problems.append(f"description uses tags outside the subset: {sorted(tags - ALLOWED_TAGS)}")
    links = {a.attributes.get("href") for a in tree.css("a")}
    text = re.sub(r"\s+", " ", tree.css_first("#root").text())
    clauses = clause_texts(site, lang)
    for cid in CHOICE["duties"] + ["p-1-5"]:
        if page_url("job-instruction", lang, cid, SITE_URL) not in links:
            problems.append(f"description: no link to clause {cid}")
        if cid.startswith(("p-2", "ext")) and clauses[cid] not in text:
            problems.append(f"description: the text of {cid} is not the job description's: {clauses[cid]!r}")
    return problems


# --- 2. schema.org JobPosting: Google's required and recommended properties -------------------------
#
# Source: Google Search Central, "Job posting (JobPosting) structured data", developers.google.com/
# search/docs/appearance/structured-data/job-posting, "Structured data type definitions".
# Required: datePosted, description, hiringOrganization, jobLocation (for a job done entirely
# remotely: applicantLocationRequirements with jobLocationType TELECOMMUTE instead), title.
# Recommended: applicantLocationRequirements, baseSalary, directApply, educationRequirements,
# employmentType, experienceRequirements, identifier, jobLocationType, validThrough.
REQUIRED = ["datePosted", "description", "hiringOrganization", "title"]
RECOMMENDED = ["applicantLocationRequirements", "baseSalary", "directApply", "educationRequirements",
               "employmentType", "experienceRequirements", "identifier", "jobLocationType", "validThrough"]
# What the export leaves out, and why (the employer's careers page knows these, the builder not).
NOT_PROVIDED = {"directApply": "whether the careers page itself takes applications",
                "identifier": "the employer's own vacancy code"}
EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def job_posting_from_html(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else {}


def job_posting_problems(posting: dict, fmt: str) -> list[str]:
    problems = []
    if posting.get("@context") not in ("https://schema.org", "https://schema.org/") or posting.get("@type") != "JobPosting":
        problems.append("not a schema.org JobPosting")
    problems += [f"required property missing: {p}" for p in REQUIRED if not posting.get(p)]
    remote = fmt == "remote"
    if remote:
        if posting.get("jobLocationType") != "TELECOMMUTE" or not posting.get("applicantLocationRequirements"):
            problems.append("a remote job needs jobLocationType TELECOMMUTE and applicantLocationRequirements")
    elif not (posting.get("jobLocation") or {}).get("address", {}).get("addressLocality"):
        problems.append("required property missing: jobLocation (with an address)")
    expected = [p for p in RECOMMENDED if p not in NOT_PROVIDED
                and not (p in ("jobLocationType", "applicantLocationRequirements") and fmt == "office")]
    problems += [f"recommended property missing: {p}" for p in expected if p not in posting]
    if posting.get("employmentType") not in EMPLOYMENT_TYPES:
        problems.append(f"employmentType not one of Google's values: {posting.get('employmentType')!r}")
    for key in ("datePosted", "validThrough"):
        if not DATE.match(str(posting.get(key, ""))):
            problems.append(f"{key} is not an ISO 8601 date: {posting.get(key)!r}")
    if str(posting.get("validThrough", "")) < str(posting.get("datePosted", "")):
        problems.append("validThrough is before datePosted")
    salary = posting.get("baseSalary") or {}
    value = salary.get("value") or {}
    if salary.get("@type") != "MonetaryAmount" or not re.match(r"^[A-Z]{3}$", str(salary.get("currency", ""))) \
            or salary.get("currency") == "RUR" or value.get("@type") != "QuantitativeValue" \
            or value.get("unitText") not in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR") \
            or not any(isinstance(value.get(k), (int, float)) for k in ("value", "minValue", "maxValue")):
        problems.append(f"baseSalary is not a MonetaryAmount with an ISO 4217 currency and an amount: {salary}")
    if (posting.get("hiringOrganization") or {}).get("@type") != "Organization":
        problems.append("hiringOrganization is not an Organization")
    return problems


# --- 3. lawful wording: the table (written from the law's grounds: sex, age, family status, place
# of residence, nationality/origin/language/appearance, religion/beliefs/membership) -----------------
FLAGGED = {
    "ru": [
        ("Ищем девушку до 30 лет", "sex"), ("В молодой коллектив требуется маркетолог", "age"),
        ("Обязательна московская прописка", "residence"), ("Кандидаты славянской внешности", "origin"),
        ("Без детей, готовность к командировкам", "family"), ("Приглашаем мужчин на должность руководителя", "sex"),
        ("Возраст 25–35 лет", "age"), ("Кандидат не старше 40 лет", "age"),
        ("Носитель английского языка", "origin"), ("Приятная внешность обязательна", "origin"),
        ("Не замужем, без планов на декрет", "family"), ("Только местные жители", "residence"),
        ("Регистрация в Москве обязательна", "residence"), ("Молодая и амбициозная команда", "age"),
        ("Ищем юношу с опытом в SMM", "sex"), ("Холостой кандидат с машиной", "family"),
        ("Православный работодатель ищет единомышленников", "beliefs"), ("Рассмотрим женщин с опытом в SEO", "sex"),
    ],
    "en": [
        ("Young team looking for a marketer", "age"), ("Native English speaker", "origin"),
        ("Female candidates only", "sex"), ("Aged 25-35", "age"), ("Must be under 30", "age"),
        ("Recent graduates preferred", "age"), ("No children, able to travel", "family"),
        ("Must live in Moscow", "residence"), ("Slavic appearance", "origin"),
        ("Pleasant appearance required", "origin"), ("Looking for a young and dynamic marketer", "age"),
        ("Men only", "sex"), ("We want a digital native", "age"), ("Unmarried applicants preferred", "family"),
        ("Local residents only", "residence"), ("Not planning to have children in the next two years", "family"),
        ("Christian values required", "beliefs"), ("Great opportunity for girls who love social media", "sex"),
    ],
}
NEUTRAL = {
    "ru": [
        "Опыт в интернет-маркетинге от 3 лет", "Дружная команда из пяти человек", "Офис в Москве, у метро Таганская",
        "Английский язык на уровне B2 и выше", "Свободное владение русским языком",
        "Готовность к командировкам до 2 раз в месяц", "Опыт работы от 1 года до 3 лет",
        "Полный рабочий день, гибридный формат", "Оформление по ТК РФ с первого дня",
        "Зарплата от 120 000 до 160 000 ₽ до вычета НДФЛ", "Знание Яндекс Метрики и Google Analytics",
        "Кейсы: исходная ситуация, что сделано, результат", "Рассматриваем кандидатов из любого города при удалённой работе",
        "Испытательный срок три месяца", "Подчинение руководителю интернет-маркетинга",
        "Регистрация рекламных кабинетов и настройка счётчиков", "Работа с отзывами клиентов на форумах",
    ],
    "en": [
        "3+ years in internet marketing", "A friendly team of five", "Office in Moscow near Taganskaya metro station",
        "Fluent English (C1)", "Full-time, hybrid", "Salary 120,000 to 160,000 RUB gross",
        "Experience with Yandex Metrica and Google Analytics", "Case studies with results in figures",
        "Remote work from any city", "Probation period of three months", "Reports to the head of internet marketing",
        "Single point of contact for contractors", "Manages the paid search budget",
        "Over 10 years of experience is a plus", "Works in the Moscow time zone (UTC+3)",
        "Business trips up to twice a month", "Registration of advertising accounts and analytics tags",
    ],
}


def wording_problems(page, lang: str, flagged: list[tuple[str, str]], neutral: list[str]) -> list[str]:
    """Each flagged phrase is found by the page's own check, under the expected ground, with the
    reason and alternative in the page's language; no neutral phrase is."""
    rules = {r.id: r for r in WORDING.rules}
    results = page.evaluate("phrases => phrases.map(p => document.getElementById('vacancy-builder').hbCheckWording(p))",
                            [p for p, _ in flagged] + neutral)
    problems = []
    for (phrase, ground), found in zip(flagged, results[:len(flagged)]):
        hits = [f for f in found if f["id"] == ground]
        if not hits:
            problems.append(f"{lang}: not flagged as {ground}: {phrase!r} (found {[f['id'] for f in found]})")
        elif hits[0]["reason"] != getattr(rules[ground].reason, lang) or hits[0]["alternative"] != getattr(rules[ground].alternative, lang):
            problems.append(f"{lang}: {phrase!r} flagged without the {lang} reason and alternative")
    for phrase, found in zip(neutral, results[len(flagged):]):
        if found:
            problems.append(f"{lang}: a neutral phrase is flagged: {phrase!r} ({[(f['id'], f['match']) for f in found]})")
    return problems


# --- 4. the job description to sign ----------------------------------------------------------------
EXT_NUMBER = {"ru": "Д", "en": "E"}


def signed_copy_problems(text: str, lang: str, clauses: dict[str, str], chosen: list[str], level: str) -> list[str]:
    """Exactly the chosen extended duties, renumbered 1…n in order with their own text, no other
    extended duty, the level's title and the blanks to fill in."""
    squash = squashed
    flat = squash(text)
    prefix = EXT_NUMBER[lang]
    problems = []
    numbers = re.findall(rf"(?<![\w.]){prefix}\.(\d+)\.", text)
    if numbers != [str(n) for n in range(1, len(chosen) + 1)]:
        problems.append(f"extended duties numbered {numbers}, expected 1…{len(chosen)}")
    for n, cid in enumerate(chosen, start=1):
        if squash(f"{prefix}.{n}. {clauses[cid]}") not in flat:
            problems.append(f"{prefix}.{n} is not {cid}: {clauses[cid]!r}")
    for cid, sentence in clauses.items():
        if cid.startswith("ext-") and cid not in chosen and squash(sentence) in flat:
            problems.append(f"an extended duty that was not chosen is in the copy: {cid}")
    if squash(level) not in flat:
        problems.append(f"the level's title is missing: {level!r}")
    if len(re.findall(r"_{8,}", text)) < 6:
        problems.append("the blanks the employer fills in are missing")
    return problems


def read_pdf(data: bytes) -> tuple[list[tuple[float, float]], list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return ([(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages],
            [p.extract_text() for p in reader.pages])


def print_to_pdf(page, action: str) -> bytes:
    page.evaluate("document.documentElement.classList.remove('hb-printing')")
    before = page.evaluate("window.__printed || 0")
    page.click(f"#vacancy-builder button[data-hb-action={action}]")
    page.wait_for_function(f"(window.__printed || 0) > {before}")
    page.emulate_media(media="print")
    try:
        return page.pdf(format="A4")
    finally:
        page.emulate_media(media="screen")


# --- 5. the first-day pack: the probation dates -------------------------------------------------------
# Labour Code art. 70 part 5 (at most three months) and art. 71 part 1 (written notice at least
# three days before the end). Known answers: a start on 15 January 2027 ends the probation on
# 14 April 2027 (the day before the same date three months on), notice by 11 April; a start on
# 30 November 2026 has no 30 February, so the last day of February (art. 14 part 3), notice by 25th.
PROBATION = [("2027-01-15", "2027-04-14", "2027-04-11"), ("2026-11-30", "2027-02-28", "2027-02-25"),
             ("2026-12-01", "2027-02-28", "2027-02-25"), ("2027-03-31", "2027-06-30", "2027-06-27")]


def shown(date: str, lang: str) -> str:
    return dt.date.fromisoformat(date).strftime("%d.%m.%Y" if lang == "ru" else "%d/%m/%Y")


def pack_problems(pages: list[str], lang: str, data: dict, start: str, end: str, notice: str,
                  scorecard: bool) -> list[str]:
    H = data["hire"]
    level = next(l for l in data["levels"] if l["id"] == CHOICE["level"])["title"]
    titles = [H["pack_title"].replace("{level}", level), H["pack_jd"], H["pack_onboarding"],
              H["pack_matrix"].replace("{level}", level), H["pack_review"]] + ([H["pack_scorecard"]] if scorecard else [])
    squash = squashed
    # each page without its number (print.css writes "n / N" in a margin box)
    flat = [re.sub(r"^\d+/\d+", "", squash(p)) for p in pages]
    problems, last = [], -1
    for title in titles:
        starts = [n for n, p in enumerate(flat) if p.startswith(squash(title))]
        if not starts:
            problems.append(f"part {title!r} does not start a page")
        elif starts[0] <= last:
            problems.append(f"part {title!r} out of order")
        else:
            last = starts[0]
    review = next((p for p in pages if squash(H["review_end"]) in squash(p)), "")
    for label, date in ((H["review_start"], start), (H["review_end"], end), (H["review_notice"], notice)):
        if squash(label + shown(date, lang)) not in squash(review) and squash(label) + squash(shown(date, lang)) not in squash(review):
            problems.append(f"{label!r} is not {shown(date, lang)}")
    return problems


# --- tests -----------------------------------------------------------------------------------------

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tab(browser, served_site):
    """One browser context for the module (window.print stubbed: headless Chromium prints to PDF)."""
    context, traffic = open_context(browser, served_site, accept_downloads=True,
                                    permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    yield page, traffic
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_posting_exports_validate_and_carry_the_clauses(tab, served_site, built_site, lang):
    page, traffic = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    traffic.clear()  # (the shared tab's previous page may have left a request cut short by this navigation)
    # unfilled fields are named in the live region, nothing is downloaded
    page.click("#vacancy-builder button[data-hb-action=hh-json]")
    data = builder_data(page)
    H = data["hire"]
    shown_problems = page.inner_text("[data-hb-problems]")
    for key in ("need_salary", "need_currency", "need_tax", "need_area", "need_format"):
        assert H[key] in shown_problems, key
    assert page.get_attribute("[data-hb-problems]", "aria-live") == "polite"
    fill_posting(page, salary_from="200000", salary_to="150000")
    assert H["salary_order"] in page.inner_text("[data-hb-problems]")
    fill_posting(page)
    assert page.inner_text("[data-hb-problems]").strip() == ""
    name, text = download(page, "hh-json")
    vacancy = json.loads(text)
    assert name.endswith(".json") and hh_problems(vacancy, built_site, lang) == []
    assert vacancy["salary"] == {"from": 120000, "to": 160000, "currency": "RUR", "gross": True}
    assert "x_lawful_wording_warnings" not in vacancy
    for fmt in ("hybrid", "office", "remote"):
        page.check(f"#vacancy-builder [name=format][value={fmt}]")
        name, html = download(page, "job-posting")
        assert job_posting_problems(job_posting_from_html(html), fmt) == [], fmt
    # the copyable description is the same HTML
    page.click("#vacancy-builder button[data-hb-action=hh-description]")
    page.wait_for_function("t => document.querySelector('#vacancy-builder [role=status]').textContent === t", arg=H["hh_copied"])
    assert traffic.problems() == []


def test_schema_checks_report_broken_exports(built_site):
    good = {"name": "Интернет-маркетолог", "description": "<p>" + "x" * 200 + "</p>", "key_skills": [],
            "professional_roles": [{"id": "68"}], "experience": {"id": "between1And3"}, "employment": {"id": "full"},
            "schedule": {"id": "fullDay"}, "salary": {"from": 1, "to": None, "currency": "RUR", "gross": True},
            "area": {"id": "1"}}
    messages = lambda v: "\n".join(hh_problems(v, built_site, "ru"))  # noqa: E731
    assert "no link to clause p-2-1" in messages(good) and "schema" not in messages(good)
    assert "schema: salary: 'gross' is a required property" in messages({**good, "salary": {"from": 1, "currency": "RUR"}})
    assert "schema: professional_roles" in messages({**good, "professional_roles": [{"id": "68"}, {"id": "70"}]})
    assert "schema: description" in messages({**good, "description": "<p>short</p>"})
    assert "schema: description" in messages({**good, "description": "<p>" + "x" * 200 + " hr@example.com</p>"})
    assert "schema: (top): Additional properties" in messages({**good, "salary_gross": True})
    assert "outside the subset: ['script']" in messages({**good, "description": good["description"] + "<script></script>"})
    posting = {"@context": "https://schema.org/", "@type": "JobPosting", "description": "d", "datePosted": "2026-12-06",
               "hiringOrganization": {"@type": "Organization", "name": "X"}}
    problems = job_posting_problems(posting, "remote")
    assert "required property missing: title" in problems
    assert any("TELECOMMUTE" in p for p in problems) and any("baseSalary" in p for p in problems)
    assert "recommended property missing: validThrough" in problems
    assert any("jobLocation" in p for p in job_posting_problems(posting, "office"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lawful_wording_table(tab, served_site, lang):
    page, _ = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    assert len(FLAGGED[lang]) >= 15 and len(NEUTRAL[lang]) >= 15
    assert wording_problems(page, lang, FLAGGED[lang], NEUTRAL[lang]) == []
    # the handbook's own wording, every level with every box ticked, passes its own check
    ok = builder_data(page)["hire"]["check_ok"]
    page.evaluate("document.querySelectorAll('#vacancy-builder input[type=checkbox]').forEach(b => { if (!b.checked) b.click(); })")
    for level in VACANCY.levels:
        page.check(f"#vacancy-builder input[name=level][value={level}]")
        page.evaluate("document.querySelectorAll('#vacancy-builder input[type=checkbox]').forEach(b => { if (!b.checked) b.click(); })")
        assert page.text_content("[data-hb-check-summary]") == ok, (level, page.inner_text("[data-hb-check-list]"))
    # the check itself is shown to fail: a neutral phrase listed as flagged and the reverse
    broken = wording_problems(page, lang, [(NEUTRAL[lang][0], "age")], [FLAGGED[lang][0][0]])
    assert len(broken) == 2 and "not flagged" in broken[0] and "neutral phrase is flagged" in broken[1], broken


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_typed_phrase_is_flagged_and_the_warning_goes_into_the_exports(tab, served_site, lang):
    page, _ = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    data = builder_data(page)
    H = data["hire"]
    assert page.text_content("[data-hb-check-summary]") == H["check_ok"]
    phrase, ground = FLAGGED[lang][0]
    page.fill("#hb-about", phrase)
    rule = next(r for r in WORDING.rules if r.id == ground)
    listed = page.inner_text("[data-hb-check-list]")
    assert getattr(rule.reason, lang) in listed and getattr(rule.alternative, lang) in listed
    assert H["check_fields"]["about"] in listed
    assert page.get_attribute(".hb-builder__check", "aria-live") == "polite"
    fill_posting(page)
    vacancy = json.loads(download(page, "hh-json")[1])
    assert vacancy["x_lawful_wording_warnings"][0] == H["export_warning"]
    assert any(getattr(rule.reason, lang) in w for w in vacancy["x_lawful_wording_warnings"])
    html = download(page, "job-posting")[1]
    assert html.startswith("<!--\n" + H["export_warning"]) and job_posting_from_html(html)["title"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signed_copy_prints_and_downloads_exactly_the_chosen_duties(tab, served_site, built_site, lang):
    page, traffic = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    traffic.clear()  # (the shared tab's previous page may have left a request cut short by this navigation)
    data = builder_data(page)
    level = next(l for l in data["levels"] if l["id"] == CHOICE["level"])["title"]
    clauses = clause_texts(built_site, lang)
    sizes, pages = read_pdf(print_to_pdf(page, "print-jd"))
    assert all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in sizes)
    assert page.get_attribute("body > .hb-print-doc", "lang") == lang
    text = "\n".join(pages)
    assert signed_copy_problems(text, lang, clauses, EXTENDED, level) == []
    old = [c["number"] for c in data["optional"] if c["id"] in EXTENDED]
    assert all(n in re.sub(r"\s+", " ", text) for n in old), "the note naming the handbook's clauses"
    edition = LexborHTMLParser(built_page(built_site, "job-instruction", lang).read_text(encoding="utf-8")) \
        .css_first(".doc-meta .hb-edition").text().strip()
    assert squashed(edition) in squashed(text), f"the edition {edition!r} is not on the copy"
    # every clause of sections 1–4 is there
    missing = [c for c in clauses if c.startswith("p-") and squashed(clauses[c]) not in squashed(text)]
    assert missing == []
    with page.expect_download() as info:
        page.click("#vacancy-builder button[data-hb-action=docx-jd]")
    document = docx.Document(info.value.path())
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert info.value.suggested_filename.endswith(f"-{lang}.docx")
    assert signed_copy_problems(paragraphs, lang, clauses, EXTENDED, level) == []
    assert squashed(edition) in squashed(paragraphs)
    assert traffic.problems() == []


def test_signed_copy_check_reports_a_wrong_copy(built_site):
    clauses = clause_texts(built_site, "ru")
    right = "\n".join(["Старший интернет-маркетолог", "_" * 10 + " " * 2] * 6 + [
        f"Д.{n}. {clauses[c]}" for n, c in enumerate(EXTENDED, start=1)])
    assert signed_copy_problems(right, "ru", clauses, EXTENDED, "Старший интернет-маркетолог") == []
    extra = right + f"\nД.4. {clauses['ext-1']}"
    problems = signed_copy_problems(extra, "ru", clauses, EXTENDED, "Старший интернет-маркетолог")
    assert "extended duties numbered ['1', '2', '3', '4'], expected 1…3" in problems
    assert "an extended duty that was not chosen is in the copy: ext-1" in problems
    old_numbers = right.replace("Д.1. ", "Д.2. ", 1)
    assert any("Д.1 is not ext-2" in p for p in signed_copy_problems(old_numbers, "ru", clauses, EXTENDED, "X"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_day_pack_prints_the_probation_dates(tab, served_site, lang):
    page, traffic = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    traffic.clear()  # (the shared tab's previous page may have left a request cut short by this navigation)
    data = builder_data(page)
    # without a start date the pack asks for one
    page.click("#vacancy-builder button[data-hb-action=print-pack]")
    page.wait_for_function("t => document.querySelector('#vacancy-builder [role=status]').textContent === t",
                           arg=data["hire"]["need_start"])
    start, end, notice = PROBATION[0]
    page.fill("#hb-start-date", start)
    page.check("#vacancy-builder [name=with_scorecard]")
    sizes, pages = read_pdf(print_to_pdf(page, "print-pack"))
    assert pack_problems(pages, lang, data, start, end, notice, scorecard=True) == []
    assert page.get_attribute("body > .hb-print-doc", "lang") == lang
    # the date rule on the other known answers, through the page's own function
    ends = page.evaluate("""cases => cases.map(c => { const p = c.split('-').map(Number);
        const e = window.hbHireDocuments.probationEnd(new Date(p[0], p[1] - 1, p[2]), 3);
        return [e.getFullYear(), String(e.getMonth() + 1).padStart(2, '0'), String(e.getDate()).padStart(2, '0')].join('-'); })""",
                         [c[0] for c in PROBATION])
    assert ends == [c[1] for c in PROBATION]
    # the check is shown to fail: the pack printed for another start date
    assert any("is not" in p for p in pack_problems(pages, lang, data, "2027-01-16", "2027-04-15", "2027-04-12", True))
    assert any("does not start a page" in p for p in pack_problems(["".join(pages)], lang, data, start, end, notice, True))
    assert traffic.problems() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heavy_parts_load_only_on_demand(browser, served_site, lang):
    context, _ = open_context(browser, served_site)
    try:
        page = context.new_page()
        urls = []
        page.on("request", lambda request: urls.append(request.url))
        page.goto(hiring(served_site, lang), wait_until="networkidle")
        assert not [u for u in urls if "/hire-documents." in u or "/fflate." in u], urls
        assert any("/vacancy-builder." in u for u in urls)
        # asked for, they load (so the first check would see them if they loaded up front)
        page.evaluate("window.print = () => {}")
        page.click("#vacancy-builder button[data-hb-action=print-jd]")
        page.wait_for_selector("body > .hb-print-doc[data-hb-ready]", state="attached")
        assert any("/hire-documents." in u for u in urls) and not any("/fflate." in u for u in urls)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_only_export(tab, served_site, lang):
    """The posting's fields and the export work with the keyboard alone."""
    page, _ = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    page.focus("[name=salary_from]")
    page.keyboard.type("90000")
    page.keyboard.press("Tab")
    page.keyboard.type("110000")
    for name, key in (("currency", "RUR"), ("gross", "false"), ("format", "remote")):
        page.keyboard.press("Tab")  # onto the group's first radio, then arrows to the wanted one
        while page.evaluate("document.activeElement.value") != key:
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first city
    page.focus("#vacancy-builder button[data-hb-action=hh-json]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    vacancy = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert vacancy["salary"] == {"from": 90000, "to": 110000, "currency": "RUR", "gross": False}
    assert vacancy["schedule"] == {"id": "remote"} and vacancy["area"]["id"] == VACANCY.hh.areas[0].id


# --- the handbook is not an opening; the documents flow under the production policy; axe ------------

def job_postings_in(site: Path) -> list[str]:
    """Built pages whose JSON-LD declares a JobPosting."""
    found = []
    for path in site.rglob("*.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for script in tree.css('script[type="application/ld+json"]'):
            if re.search(r'"@type"\s*:\s*"JobPosting"', script.text()):
                found.append(str(path.relative_to(site)))
    return found


def test_handbook_pages_carry_no_job_posting(built_site, tmp_path):
    assert job_postings_in(built_site) == []
    page = tmp_path / "index.html"
    page.write_text('<script type="application/ld+json">{"@type": "JobPosting"}</script>', encoding="utf-8")
    assert job_postings_in(tmp_path) == ["index.html"]


def documents_csp_problems(browser, base: str, site: Path, lang: str = "ru", patch=None) -> list[str]:
    """Under the production Content-Security-Policy (scripts/make_csp.py, as deploy/nginx.conf
    sends it), exporting, printing the job description and the pack and building the .docx run
    without a violation, an error or a request off the site."""
    try:  # scripts/tools/make_csp.py once the scripts are a package (refactor), scripts/make_csp.py before
        from tools.make_csp import build_policy, scan_site
    except ImportError:
        from make_csp import build_policy, scan_site
    from test_workflows import RECORD_VIOLATIONS

    policy = build_policy(scan_site(site))
    context, traffic = open_context(browser, base, accept_downloads=True)
    context.add_init_script(RECORD_VIOLATIONS)
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    local = base.split("/")[2]

    def with_policy(route):
        response = route.fetch()
        body = response.body()
        if patch and "/hire-documents." in route.request.url:
            body = patch(body.decode("utf-8")).encode("utf-8")
        route.fulfill(response=response, body=body, headers={**response.headers, "content-security-policy": policy})

    context.route(lambda url: url.split("/")[2] == local, with_policy)
    try:
        page = context.new_page()
        page.goto(hiring(base, lang), wait_until="load")
        fill_posting(page)
        page.fill("#hb-start-date", PROBATION[0][0])
        download(page, "hh-json")
        for action in ("print-jd", "print-pack"):
            before = page.evaluate("window.__printed || 0")
            page.click(f"#vacancy-builder button[data-hb-action={action}]")
            for _ in range(50):  # (wait_for_function evaluates a string: the policy forbids it)
                if page.evaluate("window.__printed || 0") > before or page.evaluate("window.__cspViolations.length"):
                    break
                page.wait_for_timeout(100)
            else:
                raise TimeoutError(f"{action} did not print")
            if page.evaluate("window.__cspViolations.length"):
                return list(page.evaluate("window.__cspViolations")) + traffic.problems()
        with page.expect_download(timeout=5_000) as info:
            page.click("#vacancy-builder button[data-hb-action=docx-jd]")
        docx.Document(info.value.path())
        problems = list(page.evaluate("window.__cspViolations"))
    except Exception as exc:  # a blocked script never prints: that is the finding
        problems = [f"the documents did not complete: {str(exc).splitlines()[0]}"]
    finally:
        context.unroute_all(behavior="ignoreErrors")
        context.close()
    return problems + traffic.problems()


def test_documents_work_under_the_content_security_policy(browser, served_site, built_site):
    assert documents_csp_problems(browser, served_site, built_site) == []


def test_csp_check_reports_eval_in_the_documents_script(browser, served_site, built_site):
    """The documents script as served evaluates a string (the policy has no 'unsafe-eval')."""
    problems = documents_csp_problems(browser, served_site, built_site,
                                      patch=lambda js: js.replace('"use strict";', '"use strict";\n  eval("1");', 1))
    assert any("script-src" in p and "eval" in p for p in problems), problems


def test_no_axe_violations_with_findings_and_problems_shown(tab, served_site, lang="ru"):
    """(test_workflows runs axe on the builder in both languages and colour schemes; this adds the
    states only this branch has: a flagged phrase listed, the export's problems shown.)"""
    from test_workflows import AXE

    page, _ = tab
    page.goto(hiring(served_site, lang), wait_until="load")
    page.fill("#hb-about", FLAGGED[lang][0][0])
    page.click("#vacancy-builder button[data-hb-action=hh-json]")  # the problems list is shown
    page.eval_on_selector("#hb-area", "el => el.focus({preventScroll: true})")
    page.mouse.wheel(0, -200)  # scrolled up a little, Material shows "back to top": let it finish fading in
    page.wait_for_timeout(100)
    settle(page)
    result = AXE.run(page, context="#vacancy-builder", options={"resultTypes": ["violations"]})
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]] == []


def test_posting_choices_round_trip_through_the_address(tab, served_site):
    page, _ = tab
    page.goto(hiring(served_site, "en"), wait_until="load")
    fill_posting(page, fmt="office")
    page.click("#hb-job-title")  # leaving a field commits the change to the address
    address = page.url
    assert "salary=120000-160000" in address and "cur=RUR" in address and "fmt=office" in address, address
    page.goto(address, wait_until="load")
    vacancy = json.loads(download(page, "hh-json")[1])
    assert vacancy["salary"] == {"from": 120000, "to": 160000, "currency": "RUR", "gross": True}
    assert vacancy["schedule"] == {"id": "fullDay"} and vacancy["area"] == {"id": POSTING["area"]}
    # values that are not the builder's own are ignored, not trusted
    page.goto(hiring(served_site, "en") + "&cur=__proto__&fmt=constructor&area=999&salary=1-x", wait_until="load")
    page.click("#vacancy-builder button[data-hb-action=hh-json]")
    shown = page.inner_text("[data-hb-problems]")
    data = builder_data(page)["hire"]
    assert all(data[k] in shown for k in ("need_salary", "need_currency", "need_format", "need_area")), shown


@pytest.mark.parametrize("name,message", [
    ("wording-bad-regex.yml", "rule 'sex': not a regular expression"),
    ("wording-lookbehind.yml", "rule 'sex': no look-behind"),
    ("wording-duplicate-id.yml", "rule ids used twice: age"),
])
def test_a_bad_wording_file_gives_one_line_with_file_and_line(name, message):
    display = f"tests/fixtures/hire/{name}"
    with pytest.raises(SchemaError) as error:
        workflows.load_wording(ROOT / display, display)
    lines = str(error.value).splitlines()
    assert len(lines) == 1 and message in lines[0] and re.match(rf"{re.escape(display)}:\d+:", lines[0]), lines
