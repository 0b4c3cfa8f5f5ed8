"""Check the salary and career data files without a build: ``python -m tools.data_schemas [FILE…]``.

The models live in the package (``handbook.salaries``, ``handbook.career``); this script stays for
the command people know. ``make data`` (``python -m handbook.cli data``) checks every data file.
Exit 0 when clean, 1 when a file breaks its schema, 2 when a file cannot be read or parsed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from handbook.career import load_career
from handbook.datafile import SchemaError, display_path
from handbook.salaries import load_salaries
from handbook.site import ROOT


def main(argv: Sequence[str] | None = None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    targets = [Path(a) for a in args] or [ROOT / "docs/data/salaries.yml", ROOT / "docs/data/career.yml"]
    status = 0
    for target in targets:
        loader = load_career if "career" in target.name else load_salaries
        try:
            loader(target)
        except SchemaError as exc:
            print(exc, file=sys.stderr)
            unreadable = any(f.message.startswith(("cannot read", "YAML syntax error")) for f in exc.findings)
            status = max(status, 2 if unreadable else 1)
        else:
            print(f"{display_path(target)}: ok")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
