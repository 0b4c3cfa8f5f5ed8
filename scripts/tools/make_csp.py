"""nginx includes computed from the built site: the Content-Security-Policy and the redirects map.

    python -m tools.make_csp SITE_DIR --out DIR

writes DIR/csp.conf (``add_header Content-Security-Policy ...``) and DIR/redirects.map (lines for
the ``map $uri`` block in deploy/nginx.conf). Both must be regenerated after every build: the
policy allows inline code only by its SHA-256, and Material's inline scripts change with the
page depth and the theme version, so a hand-copied hash would silently go stale.

Redirects come from the stub pages mkdocs-redirects writes (``<meta http-equiv="refresh">``): the
server answers those URLs with a real 301, so the stubs are never served and are not hashed.
Inline event handlers (``onclick=``) and ``javascript:`` URLs are refused with file:line: they
cannot be allowed without 'unsafe-hashes' for scripts; move the code into a .js file instead.
Standard library only, so the Docker build stage needs nothing beyond requirements.txt.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

# <script type=...> values a browser executes; anything else (application/json...) is a data block.
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
            "application/ecmascript", "text/jscript", "text/livescript"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href"}

# Same-origin only. data: images: Material's CSS draws its icons with data:image/svg+xml masks.
BASE_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],      # search index, fetched by the search worker
    "worker-src": ["'self'"],       # Material's search worker
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
}


class InlineCodeError(Exception):
    """Inline code the policy cannot allow by hash; the message names file and line."""


@dataclass
class SiteScan:
    scripts: set[str] = field(default_factory=set)       # hashes of inline <script> bodies
    styles: set[str] = field(default_factory=set)        # hashes of <style> bodies
    style_attrs: set[str] = field(default_factory=set)   # hashes of style="..." values
    redirects: dict[str, str] = field(default_factory=dict)  # public path -> target URL
    errors: list[str] = field(default_factory=list)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


class _PageParser(HTMLParser):
    """Collects inline code of one page; script/style bodies arrive raw (CDATA content)."""

    def __init__(self, label: str) -> None:
        super().__init__(convert_charrefs=True)
        self.label = label
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attrs: list[str] = []
        self.refresh_url: str | None = None
        self.errors: list[str] = []
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        for name, value in values.items():
            if name.startswith("on"):
                self.errors.append(f"{self.label}:{line}: inline event handler {name}= on <{tag}>: "
                                   "move the code into a .js file (CSP allows no inline handlers)")
            elif name in URL_ATTRS and value.strip().lower().startswith("javascript:"):
                self.errors.append(f"{self.label}:{line}: javascript: URL in {name}= on <{tag}>: "
                                   "use a .js file and an event listener instead")
        if "style" in values:
            self.style_attrs.append(values["style"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            _, _, url = values.get("content", "").partition("url=")
            self.refresh_url = url.strip() or None
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in JS_TYPES:
            self._capture, self._buffer = "script", []
        elif tag == "style":
            self._capture, self._buffer = "style", []

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._capture:
            return
        (self.scripts if tag == "script" else self.styles).append("".join(self._buffer))
        self._capture = None


def public_path(site: Path, page: Path) -> list[str]:
    """The URL paths a file answers to: ``old/index.html`` is /old/, /old/index.html and /old."""
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        return ["/", "/index.html"]
    if rel.endswith("/index.html"):
        folder = "/" + rel.removesuffix("index.html")
        return [folder, folder + "index.html", folder.rstrip("/")]
    return ["/" + rel]


def scan_site(site: Path) -> SiteScan:
    scan = SiteScan()
    for page in sorted(site.rglob("*.html")):
        label = page.relative_to(site).as_posix()
        parser = _PageParser(label)
        parser.feed(page.read_text(encoding="utf-8"))  # universal newlines, as browsers normalise
        parser.close()
        paths = public_path(site, page)
        if parser.refresh_url:  # a redirect stub: nginx answers it with a 301, never serves it
            for path in paths:
                scan.redirects[path] = urljoin(paths[0], parser.refresh_url)
            continue
        scan.errors += parser.errors
        scan.scripts.update(sha256(body) for body in parser.scripts)
        scan.styles.update(sha256(body) for body in parser.styles)
        scan.style_attrs.update(sha256(value) for value in parser.style_attrs)
    return scan


def build_policy(scan: SiteScan) -> str:
    policy = {name: list(sources) for name, sources in BASE_POLICY.items()}
    policy["script-src"] += sorted(scan.scripts)
    policy["style-src"] += sorted(scan.styles)
    if scan.style_attrs:  # style="..." can only be allowed per value with 'unsafe-hashes'
        policy["style-src-attr"] = ["'unsafe-hashes'", *sorted(scan.style_attrs)]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def nginx_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def csp_include(policy: str) -> str:
    return ("# Generated by scripts/tools/make_csp.py from the built site. Do not edit: rebuild instead.\n"
            f"add_header Content-Security-Policy {nginx_string(policy)} always;\n")


def redirects_map(redirects: dict[str, str]) -> str:
    lines = ["# Generated by scripts/tools/make_csp.py from mkdocs-redirects' stub pages. Do not edit."]
    lines += [f"{nginx_string(old)} {nginx_string(new)};" for old, new in sorted(redirects.items())]
    return "\n".join(lines) + "\n"


def write_includes(site: Path, out: Path) -> SiteScan:
    """Scan ``site`` and write csp.conf and redirects.map into ``out``; raise on refused code."""
    scan = scan_site(site)
    if scan.errors:
        raise InlineCodeError("\n".join(scan.errors))
    out.mkdir(parents=True, exist_ok=True)
    (out / "csp.conf").write_text(csp_include(build_policy(scan)), encoding="utf-8")
    (out / "redirects.map").write_text(redirects_map(scan.redirects), encoding="utf-8")
    return scan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build output)")
    parser.add_argument("--out", type=Path, required=True, help="folder for csp.conf and redirects.map")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    try:
        scan = write_includes(args.site, args.out)
    except InlineCodeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.out}/csp.conf: {len(scan.scripts)} script, {len(scan.styles)} style, "
          f"{len(scan.style_attrs)} style-attribute hashes; "
          f"{args.out}/redirects.map: {len(scan.redirects)} paths")
    return 0


if __name__ == "__main__":
    sys.exit(main())
