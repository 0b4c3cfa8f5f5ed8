"""Findings out: text (path:line:col: severity CODE message), JSON, or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .model import ERROR, WARNING, Finding


def _text_line(f: Finding) -> str:
    hint = f" (hint: {f.hint})" if f.hint else ""
    return f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}{hint}"


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _github_line(f: Finding) -> str:
    kind = "error" if f.severity == ERROR else "warning"
    props = f"file={_gh_escape(f.path, True)},line={f.line},col={f.column},title={_gh_escape(f.code, True)}"
    hint = f" (hint: {f.hint})" if f.hint else ""
    return f"::{kind} {props}::{_gh_escape(f.message + hint)}"


def summary(findings: Sequence[Finding], pages: int, languages: int, seconds: float) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    checked = f"{pages} pages in {languages} language{'s' if languages != 1 else ''}, {seconds:.2f} s"
    if not findings:
        return f"No problems found ({checked})."
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} ({checked})."


def render(findings: Sequence[Finding], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)
    line = _github_line if fmt == "github" else _text_line
    return "\n".join(line(f) for f in findings)
