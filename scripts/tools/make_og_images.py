"""Render the default Open Graph images (1200×630 PNG, one per language) with headless Chromium.

Run once when the wording changes; the PNGs are committed under docs/assets/images/ so the build
needs no browser. Usage: python -m tools.make_og_images
"""

from __future__ import annotations

import sys
from urllib.parse import urlencode

from handbook.site import ROOT
from tools.shared import ToolError, chromium
CARDS = {
    "ru": ("Справочник интернет-маркетолога",
           "Должностная инструкция, обзор профессии, глоссарий инструментов, зарплаты и карьера"),
    "en": ("Internet marketer handbook",
           "Job description, profession overview, tools glossary, salaries and career path"),
}


def main(argv: list[str] | None = None) -> int:
    card = (ROOT / "scripts/tools/og/card.html").as_uri()
    try:
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1200, "height": 630})
            for locale, (title, subtitle) in CARDS.items():
                page.goto(f"{card}?{urlencode({'title': title, 'subtitle': subtitle})}")
                out = ROOT / f"docs/assets/images/og-{locale}.png"
                page.screenshot(path=str(out))
                print(f"wrote {out.relative_to(ROOT)}")
    except ToolError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
