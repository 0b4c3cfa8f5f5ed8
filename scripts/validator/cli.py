"""Command line: ``python scripts/validate.py [PATH] [--format text|json|github] [--strict]``."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .config import load_config
from .morph import default_cache_dir
from .model import ERROR, WARNING, Finding, InputError, Site, ignored
from .report import render, summary
from .rules import CODES, run_rules
from .site import Options, load_site


REPO_ROOT = Path(__file__).resolve().parent.parent.parent  # scripts/validator/cli.py -> the repository


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="validate.py",
        description="Check a MkDocs + mkdocs-static-i18n site from its sources: links and anchors, "
        "translations, glossary terms and data files.",
        epilog="Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 unreadable input. "
        "Silence one finding with <!-- validate: ignore CODE --> on its line, or "
        "<!-- validate: ignore-next-line CODE --> on the line before.",
    )
    p.add_argument("path", nargs="?", default=str(REPO_ROOT), help="project root holding mkdocs.yml (default: this repository)")
    p.add_argument("-f", "--config-file", default="mkdocs.yml", help="config file, relative to PATH")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--select", help="only these codes or prefixes, comma-separated (e.g. L,T002)")
    p.add_argument("--ignore", help="skip these codes or prefixes, comma-separated")
    p.add_argument("--glossary-data", help=f"docs-relative glossary YAML (default {Options.glossary_data})")
    p.add_argument("--glossary-page", help=f"docs-relative glossary page (default {Options.glossary_page})")
    p.add_argument("--published-links", help=f"docs-relative link registry (default {Options.published_links})")
    p.add_argument("-j", "--jobs", type=int, default=0, help="worker processes for parsing (0: one per core)")
    p.add_argument("--no-cache", action="store_true", help="do not keep word analyses between runs")
    p.add_argument("--list-rules", action="store_true", help="print the rule codes and exit")
    p.add_argument("--mark-current", nargs="*", metavar="PAGE",
                   help="record in each translation of PAGE (or every one, with --all) that it follows its "
                   "original as it is now, without editing its text (rule T005)")
    p.add_argument("--all", action="store_true", help="with --mark-current: every translated page")
    p.add_argument("--fix", action="store_true",
                   help="rewrite the sources where a finding has one safe answer (L008 page.ru.md links, S002 "
                   "straight quotes in Russian, S001 avoided terms whose preferred form inflects with certainty), "
                   "print each change, then report what is left")
    return p


def _matches(code: str, patterns: str | None) -> bool:
    return any(code.startswith(p.strip()) for p in (patterns or "").split(",") if p.strip())


def _suppressed(site: Site, finding: Finding) -> bool:
    page = site.by_path.get(finding.path)
    return page is not None and ignored(page.data.ignores, finding.line, finding.code)


def validate(
    root: Path, options: Options | None = None, config_file: str = "mkdocs.yml", given: set[str] | None = None
) -> tuple[Site, list[Finding]]:
    """Load the site and run every rule; findings sorted, suppressions applied.

    ``given``: option names set explicitly (they win over mkdocs.yml ``extra.validate``).
    """
    config = load_config(root, config_file)
    options = (options or Options()).with_settings(config.settings, given or set())
    site = load_site(config, options)
    findings = sorted({f for f in run_rules(site) if not _suppressed(site, f)})
    for cache in site.cache.get("save", ()):
        cache.save()  # word analyses the rules added
    return site, findings


def main(argv: Sequence[str] | None = None) -> int:
    # One short batch run that makes millions of small objects and few reference cycles: the cyclic
    # garbage collector only rescans them (measured at 10,000 pages per language: 7.5 -> 4.1 s of
    # main-process CPU). Forked parsing workers inherit the setting.
    gc.disable()
    args = _parser().parse_args(argv)
    if args.list_rules:
        for code, (severity, text) in CODES.items():
            print(f"{code}  {severity:<7}  {text}")
        return 0
    start = time.perf_counter()
    given = {k: v for k in ("glossary_data", "glossary_page", "published_links") if (v := getattr(args, k))}
    options = Options(jobs=args.jobs, cache_dir=None if args.no_cache else default_cache_dir(), **given)
    try:
        return _run(args, options, set(given), start)
    except InputError as exc:
        print(f"validate.py: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, options: Options, given: set[str], start: float) -> int:
    site, findings = validate(Path(args.path).resolve(), options, args.config_file, given)
    if args.mark_current is not None:
        from .fix import mark_current

        changes = mark_current(site, args.mark_current, args.all)
        print("\n".join(changes) if changes else "Nothing to mark: every chosen translation is already current.")
        return 0
    if args.fix:
        from .fix import fix

        changes = fix(site)
        print("\n".join(changes) if changes else "Nothing to fix.")
        if changes:
            site, findings = validate(Path(args.path).resolve(), options, args.config_file, given)
    if args.select:
        findings = [f for f in findings if _matches(f.code, args.select)]
    if args.ignore:
        findings = [f for f in findings if not _matches(f.code, args.ignore)]
    if args.strict:
        findings = [dataclasses.replace(f, severity=ERROR) if f.severity == WARNING else f for f in findings]
    elapsed = time.perf_counter() - start
    out = render(findings, args.format)
    if out:
        print(out)
    line = summary(findings, len(site.pages), len(site.config.languages), elapsed)
    print(line, file=sys.stderr if args.format == "json" else sys.stdout)
    return 1 if any(f.severity == ERROR for f in findings) else 0
