"""The link promise: render ``docs/data/published-links.yml`` as a table of permanent URLs.

The registry lists every URL (page + anchor) the handbook promises to keep. Recruiters copy them
from the table that replaces ``<!-- md:published-links -->``; tests and scripts/validate.py check
that each one resolves in every language.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urljoin

import yaml
from mkdocs.exceptions import PluginError

MARKER = "<!-- md:published-links -->"
REGISTRY = "data/published-links.yml"
HEADERS = {
    "ru": ("Раздел", "Постоянная ссылка", "Скопировать ссылку"),
    "en": ("Section", "Permanent link", "Copy link"),
}
DEFAULT_LANGUAGE = "ru"


def load_registry(docs_dir: Path) -> list[dict]:
    path = docs_dir / REGISTRY
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PluginError(f"docs/{REGISTRY}: cannot read the published-links registry: {exc}") from None
    links = (data or {}).get("links") if isinstance(data, dict) else None
    if not isinstance(links, list):
        raise PluginError(f"docs/{REGISTRY}: expected a top-level 'links:' list")
    return links


def page_url(root: str, locale: str, page: str, anchor: str | None) -> str:
    """Public URL of a docs-relative page (``job-instruction.md``) in one language."""
    stem = page.removesuffix(".md")
    path = "" if stem == "index" else f"{stem}/"
    prefix = "" if locale == DEFAULT_LANGUAGE else f"{locale}/"
    return urljoin(root, prefix + path) + (f"#{anchor}" if anchor else "")


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    locale = getattr(page.file, "locale", DEFAULT_LANGUAGE)
    root = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    label_head, link_head, copy_label = HEADERS[locale]
    rows = [f"| {label_head} | {link_head} |", "|---|---|"]
    for entry in load_registry(Path(config.docs_dir)):
        url = page_url(root, locale, entry["page"], entry.get("anchor"))
        label = html.escape(entry["label"][locale])
        button = (
            f'<button type="button" class="hb-copy md-icon" data-copy="{html.escape(url)}" '
            f'title="{copy_label}" aria-label="{copy_label}: {label}"></button>'
        )
        rows.append(f"| {label} | <code>{html.escape(url)}</code> {button} |")
    return markdown.replace(MARKER, "\n".join(rows))
