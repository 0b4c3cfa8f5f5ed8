"""Per-page "last updated" date for the footer: from git history, else front matter ``updated``.

One ``git log`` call per build collects the newest commit date of every file under docs/, so the
cost does not grow with the number of pages. Without git (a tarball, a shallow CI clone with no
history for a file) the front matter ``updated: YYYY-MM-DD`` is used; with neither, no date shows.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from handbook import site, ui


@cache
def _git_dates(docs_dir: str) -> dict[str, str]:
    """Map docs-relative path -> ISO date of its newest commit."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=#%cs", "--name-only", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, check=True, timeout=30,
        ).stdout
        top = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=docs_dir, capture_output=True, text=True, check=True, timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.splitlines():
        if line.startswith("#"):
            current = line[1:]
        elif line and current:
            rel = line.removeprefix(top)
            dates.setdefault(rel, current)  # newest first: keep the first seen
    return dates


def on_page_markdown(markdown, page, config, files):
    dates = _git_dates(str(Path(config.docs_dir).resolve()))
    date = dates.get(page.file.src_uri) or page.meta.get("updated")
    if date:
        page.meta["last_updated"] = str(date)
        page.meta["last_updated_label"] = ui.strings("page")[site.page_language(page, config)]["last_updated"]
    return markdown
