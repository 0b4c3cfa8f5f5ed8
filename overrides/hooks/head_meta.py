"""Head tags for every page: absolute canonical and hreflang URLs, description, Open Graph.

The values land in ``page.meta["head"]`` and ``overrides/main.html`` prints them, so the template
holds no URL logic. A page without a front-matter ``description`` stops the build: it is what
search engines and link previews (Telegram, VK, LinkedIn) show.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

OG_LOCALES = {"ru": "ru_RU", "en": "en_US"}
DEFAULT_LANGUAGE = "ru"  # also the x-default
IMAGE_ALT = {
    "ru": "Справочник интернет-маркетолога",
    "en": "Internet marketer handbook",
}


def _root_url(config) -> str:
    url = config.site_url or ""
    if not url:
        raise PluginError("site_url must be set: hreflang, canonical and Open Graph URLs need it")
    return url if url.endswith("/") else url + "/"


def _lang_prefix(locale: str) -> str:
    return "" if locale == DEFAULT_LANGUAGE else f"{locale}/"


@event_priority(-110)  # after mkdocs-static-i18n switched the build language
def on_config(config):
    locale = config.theme["language"]
    root = _root_url(config)
    # Absolute path of this language's home, for pages served at any depth (404).
    config.extra["lang_root"] = urlsplit(urljoin(root, _lang_prefix(locale))).path
    config.extra["og_image"] = urljoin(root, f"assets/images/og-{locale}.png")
    return config


def on_page_context(context, page, config, nav):
    description = (page.meta.get("description") or "").strip()
    if not description:
        raise PluginError(
            f"docs/{page.file.src_uri}: front matter 'description' is required "
            "(it is the meta description and the link-preview text)"
        )
    root = _root_url(config)
    locale = getattr(page.file, "locale", DEFAULT_LANGUAGE)
    url = urljoin(root, page.url)
    alternates = []
    for alt_locale, alt_file in sorted(getattr(page.file, "alternates", {}).items()):
        href = urljoin(root, alt_file.url if alt_file.url != "./" else "")
        alternates.append({"hreflang": alt_locale, "href": href})
        if alt_locale == DEFAULT_LANGUAGE:
            alternates.append({"hreflang": "x-default", "href": href})
    title = page.meta.get("title") or page.title or config.site_name
    page.meta["head"] = {
        "description": description,
        "url": url,
        "alternates": alternates,
        "title": title if page.is_homepage else f"{title} — {config.site_name}",
        "og_type": "website" if page.is_homepage else "article",
        "og_locale": OG_LOCALES[locale],
        "og_locale_alternates": [v for k, v in OG_LOCALES.items() if k != locale],
        "image": urljoin(root, f"assets/images/og-{locale}.png"),
        "image_alt": IMAGE_ALT[locale],
    }
    return context
