"""The hh.ru refresh tool on recorded pages (tests/fixtures/hh/): no network anywhere."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

from handbook import hh_salaries
from handbook import salaries as model

FIX = ROOT / "tests/fixtures/hh"
DAY = "2026-12-01"


def run(*args: str, capsys) -> tuple[int, list[dict], str]:
    code = hh_salaries.main([*args, "--date", DAY, "--min-sample", "3", "--dry-run"], opener=_no_network)
    out, err = capsys.readouterr()
    rows = (yaml.safe_load(out) or {}).get("rows", []) if code == 0 else []
    return code, rows, err


def _no_network(*args, **kwargs):
    raise AssertionError("the tool must not touch the network here")


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


def test_one_page_gives_one_record_per_area_and_band(capsys):
    code, rows, err = run("--from-file", str(FIX / "page.json"), capsys=capsys)
    assert code == 0, err
    rows = by_id(rows)
    # Moscow's four offers are two before tax and two take-home: each basis is below --min-sample.
    assert set(rows) == {f"salary-hh-88-between3and6-gross-{DAY}"}
    assert "Москва (1), between1And3, gross: 2 offer(s)" in err and "Москва (1), between1And3, net: 2 offer(s)" in err
    assert hh_salaries.search_url("x", ["1", "2"]).count("area=") == 2
    kazan = rows[f"salary-hh-88-between3and6-gross-{DAY}"]
    assert kazan["measure"] == "offered" and kazan["kind"] == "vacancy-offers" and kazan["experience"] == "between3And6"
    assert kazan["as_of"] == DAY and "only_with_salary=true" in kazan["query"] and kazan["source"]["ref"] == "hh-api"
    assert (kazan["p25"], kazan["median"], kazan["p75"]) == (80000, 90000, 95000)
    assert kazan["basis"] == "gross" and kazan["gross_share"] == 1.0
    assert kazan["region"] == "hh-area" and kazan["area"] == {"id": "88", "name": "Казань"}
    # What was left out is said, with the reason.
    assert "11 vacancies read, 8 kept" in err
    assert "1 not the role" in err and "1 without pay" in err and "1 in another currency" in err
    assert "Санкт-Петербург (2), noExperience, not-stated: 1 offer(s), fewer than --min-sample 3" in err


def test_gross_and_net_offers_are_never_pooled(capsys):
    """The career page's rule: figures of different bases are never merged into one. Offers before
    tax and take-home offers get a record each; an offer that does not say is neither."""
    code, rows, err = run("--from-file", str(FIX / "gross-and-net.json"), capsys=capsys)
    assert code == 0, err
    rows = by_id(rows)
    assert set(rows) == {f"salary-hh-1-between1and3-gross-{DAY}", f"salary-hh-1-between1and3-net-{DAY}"}
    gross, net = rows[f"salary-hh-1-between1and3-gross-{DAY}"], rows[f"salary-hh-1-between1and3-net-{DAY}"]
    assert (gross["basis"], gross["gross_share"], gross["sample_size"]) == ("gross", 1.0, 3)
    assert (gross["p25"], gross["median"], gross["p75"]) == (110000, 120000, 130000)
    assert (net["basis"], net["gross_share"], net["sample_size"]) == ("net", 0.0, 3)
    assert (net["p25"], net["median"], net["p75"]) == (75000, 80000, 85000)
    assert "not-stated: 1 offer(s), fewer than --min-sample 3" in err


def test_records_pass_the_salaries_schema(capsys):
    code, rows, _ = run("--from-file", str(FIX / "page.json"), capsys=capsys)
    assert code == 0
    for row in rows:
        parsed = model.SalaryRow.model_validate(row)
        assert model.row_rules(parsed, today=model.parse_date(DAY)) == []


def test_a_list_of_pages_equals_the_single_page(capsys):
    _, one, _ = run("--from-file", str(FIX / "page.json"), capsys=capsys)
    _, two, _ = run("--from-file", str(FIX / "pages.json"), capsys=capsys)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "source"} for r in rows]  # noqa: E731
    assert strip(one) == strip(two)


def test_a_currency_is_converted_only_with_a_rate(capsys):
    _, rows, _ = run("--from-file", str(FIX / "page.json"), "--rate", "USD=90", capsys=capsys)
    moscow = by_id(rows)[f"salary-hh-1-between1and3-gross-{DAY}"]
    assert moscow["sample_size"] == 3  # the USD offer (gross), 1,000 × 90 = 90,000 ₽, is now in
    assert (moscow["p25"], moscow["median"], moscow["p75"]) == (95000, 100000, 125000)


@pytest.mark.parametrize("name", ["empty.json", "no-salary.json"])
def test_nothing_to_write_is_exit_1_not_an_empty_file(name, capsys):
    code, rows, err = run("--from-file", str(FIX / name), capsys=capsys)
    assert code == 1 and rows == []
    assert "no record to write" in err


@pytest.mark.parametrize(("name", "message"), [
    ("malformed.json", "malformed.json:2: not valid JSON"),
    ("not-a-page.json", "page 1 is not an hh.ru search page"),
    ("missing.json", "missing.json: cannot read"),
])
def test_unreadable_input_is_one_line_exit_2(name, message):
    """As a user runs it: a subprocess, one line on stderr, exit 2, no traceback."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/hh_salaries.py"), "--from-file", str(FIX / name), "--dry-run"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("sample", ["1", "0"])
def test_a_sample_too_small_for_quartiles_is_exit_2(sample, capsys):
    """One offer has no quartiles: a clear line, not a StatisticsError traceback."""
    code = hh_salaries.main(["--from-file", str(FIX / "pages.json"), "--min-sample", sample, "--dry-run"],
                            opener=_no_network)
    err = capsys.readouterr().err
    assert code == 2 and f"--min-sample {sample}: must be 2 or more" in err and "Traceback" not in err


def test_bad_rate_is_exit_2(capsys):
    code = hh_salaries.main(["--from-file", str(FIX / "page.json"), "--rate", "USD", "--dry-run"])
    assert code == 2 and "--rate 'USD'" in capsys.readouterr().err


def test_api_pages_are_requested_with_paging_and_a_user_agent(capsys):
    """The API path with a recorded answer in place of the network: two pages, then stop."""
    pages = json.loads((FIX / "pages.json").read_text(encoding="utf-8"))
    requests = []

    class Answer(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def opener(request, timeout):
        requests.append(request)
        page = int(dict(p.split("=") for p in request.full_url.split("?")[1].split("&"))["page"])
        return Answer(json.dumps(pages[page]).encode())

    code = hh_salaries.main(["--area", "1", "--date", DAY, "--min-sample", "3", "--dry-run"], opener=opener)
    assert code == 0, capsys.readouterr().err
    assert [r.full_url.rsplit("page=", 1)[1] for r in requests] == ["0", "1"]
    assert all("only_with_salary=true" in r.full_url and "area=1" in r.full_url for r in requests)
    assert all(r.get_header("User-agent", "").startswith("internet-marketer-handbook") for r in requests)


def test_written_file_is_the_dry_run_text(tmp_path, capsys):
    out = tmp_path / "hh.yml"
    code = hh_salaries.main(["--from-file", str(FIX / "page.json"), "--date", DAY, "--min-sample", "3", "--out", str(out)])
    assert code == 0
    assert [r["id"] for r in yaml.safe_load(out.read_text(encoding="utf-8"))["rows"]] == [
        f"salary-hh-88-between3and6-gross-{DAY}"]
