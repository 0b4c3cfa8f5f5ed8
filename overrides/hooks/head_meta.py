"""Head tags for every page: absolute canonical and hreflang URLs, description, Open Graph.

The values land in ``page.meta["head"]`` and ``overrides/main.html`` prints them, so the template
holds no URL logic. A page without a front-matter ``description`` stops the build: it is what
search engines and link previews (Telegram, VK, LinkedIn) show.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook import site, ui

UI = ui.strings("page")  # docs/data/ui.yml: the Open Graph locale, the image's text, the 404 page's words


def _root_url(config) -> str:
    if not config.site_url:
        raise PluginError("site_url must be set: hreflang, canonical and Open Graph URLs need it")
    return site.root_url(config)


@event_priority(-110)  # after mkdocs-static-i18n switched the build language
def on_config(config):
    locale = site.build_language(config)
    root = _root_url(config)
    # Absolute path of this language's home, for pages served at any depth (404).
    config.extra["lang_root"] = urlsplit(site.page_url("index", locale, root=root, langs=site.languages(config))).path
    config.extra["not_found"] = UI[locale]["not_found"]  # the 404 page's words (overrides/404.html)
    return config


def on_page_context(context, page, config, nav):
    description = (page.meta.get("description") or "").strip()
    if not description:
        raise PluginError(
            f"docs/{page.file.src_uri}: front matter 'description' is required "
            "(it is the meta description and the link-preview text)"
        )
    root = _root_url(config)
    locale = site.page_language(page, config)
    default = site.languages(config).default  # also the x-default
    url = urljoin(root, page.url)
    alternates = []
    for alt_locale, alt_file in sorted(getattr(page.file, "alternates", {}).items()):
        href = urljoin(root, alt_file.url if alt_file.url != "./" else "")
        alternates.append({"hreflang": alt_locale, "href": href})
        if alt_locale == default:
            alternates.append({"hreflang": "x-default", "href": href})
    title = page.meta.get("title") or page.title or config.site_name
    page.meta["head"] = {
        "description": description,
        "url": url,
        "alternates": alternates,
        "title": title if page.is_homepage else f"{title} — {config.site_name}",
        "og_type": "website" if page.is_homepage else "article",
        "og_locale": UI[locale]["og_locale"],
        "og_locale_alternates": [UI[k]["og_locale"] for k in site.languages(config).codes if k != locale],
        "image": urljoin(root, f"assets/images/og-{locale}.png"),
        "image_alt": UI[locale]["image_alt"],
    }
    return context
