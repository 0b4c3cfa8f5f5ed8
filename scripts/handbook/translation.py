"""Translations that keep up: digests of the original's sections, recorded in the translation.

A translation's front matter records what the original looked like when the translation was
last brought in line, one short content digest per section (MDN's ``sourceCommit`` idea, with
content digests instead of commits, so it works on a clean clone, a shallow clone and a tarball
without ``.git`` alike)::

    translation:
      source_digest:
        _meta: "3f2a9c1e"        # the original's front matter (title, description, …)
        job-instruction: "9b1d0e77"
        duties: "51c0a4d2"

(quoted: a digest such as ``12345678`` or ``1e234567`` would otherwise read as a number).

A section starts at a heading and is keyed by its ``{ #id }`` (a heading without one by its text);
text before the first heading is ``_intro``. Blank lines and trailing spaces do not count, so
re-wrapping paragraphs or adding blank lines changes nothing. Only the original's text is
digested: editing the translation never makes it "behind".

Used by the validator (rule T005, ``--mark-current``) and by the build
(``overrides/hooks/translation_status.py``), so both see the same state.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

# The line that closes front matter; the validator's scanner uses this same pattern.
FRONT_END_RE = re.compile(r"^(?:-{3}|\.{3})[ \t]*$")
# Fences, headings and ids are deliberately looser than the validator's scanner (FENCE_RE,
# ATX_RE, HEADER_ATTR_RE there): digests only need stable section cuts, so a fence may be
# indented (inside a list or admonition), its info string is not read, and a heading's key is
# its ``#id`` or its text, without the scanner's Python-Markdown rules for closing hashes,
# escapes and attribute lists.
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
EXPLICIT_ID_RE = re.compile(r"\{[^{}]*?#([^\s{}#.'\"]+)[^{}]*\}[ \t]*$")
# The stamp in the translation's front matter.
BLOCK_KEY = "translation"
DIGEST_KEY = "source_digest"
DIGEST_LEN = 8
KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")  # a section key written bare in YAML (else quoted)


def split_front_matter(text: str) -> tuple[list[str], list[str], bool]:
    """(front matter lines without the fences, body lines, whether there was front matter)."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for k in range(1, len(lines)):
            if FRONT_END_RE.match(lines[k]):
                return lines[1:k], lines[k + 1 :], True
    return [], lines, False


def _without_block(front: list[str]) -> list[str]:
    """Front matter lines without the ``translation:`` block (its key line and indented lines)."""
    out, inside = [], False
    for line in front:
        if line.startswith(f"{BLOCK_KEY}:"):
            inside = True
            continue
        if inside and (line[:1] in (" ", "\t") or not line.strip()):
            continue
        inside = False
        out.append(line)
    return out


TRAILING_RE = re.compile(r"[ \t]+$", re.M)
BLANKS_RE = re.compile(r"\n{2,}")
CANDIDATE_RE = re.compile(r"^(?:#{1,6}[ \t]|[ \t]*(?:`{3,}|~{3,}))", re.M)


def _digest(lines: list[str] | str) -> str:
    body = lines if isinstance(lines, str) else "\n".join(lines)
    body = BLANKS_RE.sub("\n", TRAILING_RE.sub("", body)).strip("\n")
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:DIGEST_LEN]


def section_digests(text: str) -> dict[str, str]:
    """Section key -> short digest of its source, in document order."""
    out: dict[str, str] = {}
    front, lines, _ = split_front_matter(text)
    meta = _without_block(front)
    if any(line.strip() for line in meta):
        out["_meta"] = _digest(meta)
    # Normalise once (no trailing blanks, no empty lines), then cut at the headings.
    body = BLANKS_RE.sub("\n", TRAILING_RE.sub("", "\n".join(lines)))
    key, begin = "_intro", 0
    fence: str | None = None

    def flush(end: int) -> None:
        chunk = body[begin:end].strip("\n")
        if key != "_intro" or chunk.strip():
            name, n = key, 2
            while name in out:
                name, n = f"{key}_{n}", n + 1
            out[name] = _digest(chunk)

    for m in CANDIDATE_RE.finditer(body):
        line_end = body.find("\n", m.start())
        line = body[m.start() : line_end if line_end != -1 else len(body)]
        fm = FENCE_RE.match(line)
        if fm:
            mark = fm.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
        elif fence is None:
            hm = HEADING_RE.match(line)
            if hm:
                flush(m.start())
                explicit = EXPLICIT_ID_RE.search(hm.group(2))
                key = explicit.group(1) if explicit else " ".join(hm.group(2).strip("# ").split())
                begin = m.start()
    flush(len(body))
    return out


def read_stamp(text: str) -> tuple[dict[str, str] | None, int]:
    """(recorded digests, line of the ``translation:`` key) from a translation's front matter.

    ``None`` when the page records nothing; an unreadable block counts as nothing recorded.
    """
    front = split_front_matter(text)[0]
    start = next((i for i, l in enumerate(front) if l.startswith(f"{BLOCK_KEY}:")), None)
    if start is None:
        return None, 0
    line, block, end = start + 2, front[start:], 1
    while end < len(block) and (block[end][:1] in (" ", "\t") or not block[end].strip()):
        end += 1
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data: Any = yaml.load("\n".join(block[:end]), Loader=loader)
    except yaml.YAMLError:
        return None, line
    digests = (data or {}).get(BLOCK_KEY, {}) if isinstance(data, dict) else {}
    digests = digests.get(DIGEST_KEY) if isinstance(digests, dict) else None
    if not isinstance(digests, dict):
        return None, line
    return {str(k): str(v) for k, v in digests.items()}, line


def changed_sections(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    """Sections of the original that differ from the record: changed, added or removed."""
    keys = list(current) + [k for k in recorded if k not in current]
    return [k for k in keys if recorded.get(k) != current.get(k)]


def _yaml_key(key: str) -> str:
    return key if KEY_RE.match(key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stamp(text: str, digests: dict[str, str]) -> str:
    """The translation's text with its ``translation:`` block set to ``digests``; nothing else changes."""
    block = [f"{BLOCK_KEY}:", f"  {DIGEST_KEY}:"] + [f'    {_yaml_key(k)}: "{v}"' for k, v in digests.items()]
    front, body, has_front = split_front_matter(text)
    if not has_front:
        return "\n".join(["---", *block, "---", *body])
    kept = _without_block(front)
    while kept and not kept[-1].strip():
        kept.pop()
    closing = text.split("\n")[len(front) + 1]
    return "\n".join(["---", *kept, *block, closing, *body])
