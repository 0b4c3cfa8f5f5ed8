"""Keep the site free of third-party requests, including Material's conditional CDN loaders.

Material's bundle loads a ResizeObserver polyfill (browsers older than 2020) and mermaid (pages
with diagrams) from unpkg.com. We use neither, but a browser could still reach the CDN, so the
URLs are replaced with an empty inline script: the code path stays valid and nothing leaves the
site. tests/test_foundation.py scans every built file for any URL a browser would fetch elsewhere.
"""

from __future__ import annotations

from pathlib import Path

EMPTY_SCRIPT = "data:text/javascript,"
CDN_LOADERS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
)


def on_post_build(config):
    for bundle in (Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        patched = text
        for url in CDN_LOADERS:
            patched = patched.replace(url, EMPTY_SCRIPT)
        if patched != text:
            bundle.write_text(patched, encoding="utf-8")
