"""Give every checklist item of a page a stable id, so a reader's ticks survive a change of wording.

    python -m handbook.cli checklist-ids docs/onboarding.ru.md docs/onboarding.en.md           # add missing ids
    python -m handbook.cli checklist-ids --check docs/onboarding.ru.md docs/onboarding.en.md   # list them, exit 1

A task item (``- [ ] …`` at the start of a line) gets an attr_list line after its last
continuation line, ``  { #step-<section>-<n> }``: ``<section>`` is the id of the ``##`` heading above
it, ``<n>`` the next number not yet used in that section. Existing ids are never changed (that is
the point: docs/assets/javascripts/pages/checklist.js keys the ticks by them). Run it on both
languages after adding items in the same places, so the ids match (tests/test_levels.py checks).
Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ID_LINE = re.compile(r"^[^\S\n]+\{ #step-([a-z0-9-]+) \}[^\S\n]*$", re.M)
# A ``##`` heading with an id, or a task item with its continuation lines (indented, not blank).
BLOCK = re.compile(r"^## .*\{ #(?P<section>[a-z0-9-]+) \}[^\S\n]*$|^- \[[ xX]\] .*(?:\n .*\S.*)*", re.M)


def missing_and_fixed(text: str) -> tuple[list[int], str]:
    """(1-based lines of items without an id, the text with ids added)."""
    used: dict[str, set[int]] = {}
    for match in ID_LINE.finditer(text):  # numbers already taken, per section
        section, _, n = match[1].rpartition("-")
        used.setdefault(section, set()).add(int(n) if n.isdigit() else 0)
    section, missing = "top", []

    def add_id(block: re.Match) -> str:  # blocks arrive in text order, so ``section`` is the one above
        nonlocal section
        section = block["section"] or section
        if block["section"] or ID_LINE.search(block[0]):
            return block[0]
        missing.append(text.count("\n", 0, block.start()) + 1)
        taken = used.setdefault(section, set())
        n = next(k for k in range(1, len(taken) + 2) if k not in taken)
        taken.add(n)
        return f"{block[0]}\n  {{ #step-{section}-{n} }}"

    return missing, BLOCK.sub(add_id, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add stable ids to checklist items (task lists).")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="only list items without an id; exit 1 if any")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            return 2
        missing, fixed = missing_and_fixed(text)
        for line in missing:
            print(f"{path}:{line}: checklist item without an id" + ("" if args.check else " (added)"))
        if missing and args.check:
            status = 1
        elif missing:
            path.write_text(fixed, encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
