"""No request leaves the site, and none ends in a 404: two patches to Material's JS bundle.

1. Material loads a ResizeObserver polyfill (browsers older than 2020) and mermaid (pages with
   diagrams) from unpkg.com. We use neither, so the URLs point at an empty same-origin script
   (``assets/javascripts/noop.js``): the code path stays valid, nothing is fetched from a CDN and
   the CSP (``script-src 'self'``) has nothing to report.
2. For every ``<link rel="alternate">`` Material fetches ``sitemap.xml`` relative to its href, to
   map pages across languages. Our hreflang alternates are absolute per-page URLs (SEO needs them),
   so that would request ``/en/job-instruction/sitemap.xml`` (404), or another host when the site
   is served away from ``site_url``. The switcher links already point at the counterpart page
   (mkdocs-static-i18n), so the lookup is limited to alternates without ``hreflang`` (none).

The patched bundle no longer matches Material's source map, so its ``sourceMappingURL`` comment
is dropped (browsers and Lighthouse would otherwise report a broken map).

Each patch must apply: if a Material upgrade changes the bundle, the build stops here instead of
shipping the requests. tests/test_foundation.py scans every built file for third-party URLs.
"""

from __future__ import annotations

import re
from pathlib import Path

from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

NOOP_SCRIPT = "assets/javascripts/noop.js"
SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def patches(site_path: str) -> dict[str, str]:
    noop = f"{site_path.rstrip('/')}/{NOOP_SCRIPT}"  # absolute path: the bundle runs at any depth
    return {
        "https://unpkg.com/resize-observer-polyfill": noop,
        "https://unpkg.com/mermaid@11/dist/mermaid.min.js": noop,
        'M("link[rel=alternate]")': 'M("link[rel=alternate]:not([hreflang])")',
    }


def on_post_build(config):
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    bundles = list(scripts.glob("bundle.*.min.js"))
    if not bundles:
        raise PluginError("no_third_party: Material's bundle.*.min.js not found in the built site")
    (scripts / "noop.js").write_text("/* stands in for CDN scripts this site does not use */\n",
                                     encoding="utf-8")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        for old, new in patches(urlsplit(config.site_url or "/").path).items():
            if new in text and old not in text:
                continue  # already patched by this build's other language pass
            if text.count(old) != 1:
                raise PluginError(
                    f"no_third_party: expected exactly one {old!r} in {bundle.name}; "
                    "Material's bundle changed, review overrides/hooks/no_third_party.py"
                )
            text = text.replace(old, new)
        text = SOURCE_MAP.sub("", text)
        bundle.write_text(text, encoding="utf-8")
