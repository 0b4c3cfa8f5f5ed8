"""Read what the checks need from ``mkdocs.yml``, the way MkDocs and mkdocs-static-i18n read it.

The file may use MkDocs' YAML tags (``!ENV``, ``!relative``) and PyYAML's Python tags
(``!!python/name:…``, ``!!python/object/apply:…``). They are kept as references and resolved
only where the validator needs the value: the toc ``slugify`` callable is imported and called
with its arguments exactly as MkDocs does, so heading ids come out byte for byte the same.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable

import yaml

from handbook.datafile import parse
from handbook.site import ConfigLoader as _Loader, PyRef

from .model import InputError

# static-i18n's locale pattern (mkdocs_static_i18n.config.RE_LOCALE).
RE_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")




def compose_yaml(text: str, path: str, loader: type = _Loader) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text into (data, node tree); a syntax error becomes an :class:`InputError`."""
    try:
        return parse(text, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        context = ""
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise InputError(path, line, f"invalid YAML: {exc.problem or exc}{context}") from None
    except yaml.YAMLError as exc:
        raise InputError(path, 0, f"invalid YAML: {exc}") from None


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 file; an unreadable or undecodable file is an :class:`InputError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(display, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(display, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class NavEntry:
    target: str  # as written: 'job-instruction.md', 'sub/page.md', or an URL
    line: int
    lang: str | None  # None: the shared nav; a locale: that language's own nav


@dataclass
class SiteConfig:
    config_display: str  # config path as shown in findings
    docs_dir: Path
    docs_display: str  # docs_dir relative to root, posix
    site_url: str | None
    languages: list[str]  # build languages, default first
    default_lang: str
    known_locales: frozenset[str]
    i18n: bool
    fallback_to_default: bool
    slugify: Callable[[str, str], str]
    separator: str
    tab_slugify: Callable[[str, str], str] | None  # pymdownx.tabbed: tab ids, when it sets slugify
    tab_separator: str
    extension_configs: dict[str, dict]
    nav: list[NavEntry] | None  # None: no explicit nav (MkDocs builds one from the files)
    exclude: Any  # pathspec GitIgnoreSpec
    not_in_nav: Any | None
    redirects: dict[str, str] = field(default_factory=dict)
    redirect_lines: dict[str, int] = field(default_factory=dict)
    absolute_links_relative_to_docs: bool = False
    settings: dict = field(default_factory=dict)  # extra.validate: the validator's own settings

    def is_excluded(self, src_uri: str) -> bool:
        return bool(self.exclude.match_file(src_uri))

    def shown(self, rel: str) -> str:
        """How findings name a file of docs_dir: relative to the project (``docs/page.md``)."""
        return f"{self.docs_display}/{rel}" if self.docs_display not in ("", ".") else rel


def _entries(raw: Any) -> list[tuple[str, dict | None]]:
    """``plugins`` or ``markdown_extensions`` as (name, settings) pairs; MkDocs accepts a mapping
    or a list of names and one-key mappings. A bare name has None (no settings given)."""
    if isinstance(raw, dict):
        return [(key, value if isinstance(value, dict) else {}) for key, value in raw.items()]
    out: list[tuple[str, dict | None]] = []
    for item in raw or []:
        if isinstance(item, str):
            out.append((item, None))
        elif isinstance(item, dict):
            out += [(key, value if isinstance(value, dict) else {}) for key, value in item.items()]
    return out


def _plugin_config(plugins: Any, name: str) -> tuple[bool, dict]:
    """Find a plugin by name in the ``plugins`` list/dict; returns (present, its config)."""
    found = [value or {} for key, value in _entries(plugins) if key == name or key.endswith("/" + name)]
    return (True, found[0]) if found else (False, {})


def _extensions(raw: Any) -> dict[str, dict]:
    found: dict[str, dict] = {"toc": {}, "tables": {}, "fenced_code": {}}  # MkDocs' built-ins
    for key, value in _entries(raw):
        found[key] = found.get(key, {}) if value is None else value
    return {name.removeprefix("markdown.extensions."): cfg for name, cfg in found.items()}


def _nav_entries(node: yaml.Node | None, lang: str | None, out: list[NavEntry]) -> None:
    if isinstance(node, yaml.ScalarNode):
        if node.value:
            out.append(NavEntry(str(node.value), node.start_mark.line + 1, lang))
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _nav_entries(child, lang, out)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            _nav_entries(value, lang, out)


def yaml_child(node: yaml.Node | None, *path: str | int) -> yaml.Node | None:
    """Walk a composed YAML node by mapping keys / sequence indexes."""
    for step in path:
        if isinstance(step, int) and isinstance(node, yaml.SequenceNode):
            node = node.value[step] if step < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
        else:
            return None
    return node


def _plugin_node(root: yaml.Node | None, name: str, *path: str | int) -> yaml.Node | None:
    """The node of plugin ``name``'s setting at ``path`` (``plugins`` as a list or a mapping)."""
    plugins = yaml_child(root, "plugins")
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    return next((found for item in items if (found := yaml_child(item, name, *path)) is not None), None)


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _slugify(settings: dict, display: str, extension: str) -> Callable[[str, str], str] | None:
    """An extension's ``slugify`` setting as a callable (a ``!!python/…`` tag resolved here), or None."""
    slug = settings.get("slugify")
    if isinstance(slug, PyRef):
        try:
            return slug.resolve()
        except Exception as exc:  # noqa: BLE001 - any import/call failure is an input problem
            raise InputError(display, 0, f"cannot load {extension} slugify {slug.name!r}: {exc}") from None
    return slug if callable(slug) else None


def _markdown_slugify() -> Callable[[str, str], str]:
    from markdown.extensions.toc import slugify  # the toc extension's default (imported only then)

    return slugify


def load_config(root: Path, config_file: str = "mkdocs.yml") -> SiteConfig:
    import pathspec

    config_path = (root / config_file).resolve()
    display = os.path.relpath(config_path, root)
    if not config_path.is_file():
        raise InputError(display, 0, "no such file (run in a MkDocs project or pass its path)")
    data, node = compose_yaml(read_text(config_path, display), display)
    if not isinstance(data, dict):
        raise InputError(display, 1, "expected a mapping of MkDocs settings")
    parent = data.get("INHERIT")
    if isinstance(parent, str):
        parent_path = (config_path.parent / parent).resolve()
        parent_data, _ = compose_yaml(read_text(parent_path, parent), parent)
        data = _merge(parent_data if isinstance(parent_data, dict) else {}, data)

    docs_dir = (config_path.parent / str(data.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir():
        raise InputError(display, 0, f"docs_dir {str(data.get('docs_dir') or 'docs')!r} does not exist")

    present, i18n = _plugin_config(data.get("plugins"), "i18n")
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    if present:
        if i18n.get("docs_structure", "suffix") != "suffix":
            raise InputError(display, 0, "only the i18n plugin's 'suffix' docs_structure is supported")
        langs = [lang for lang in i18n.get("languages") or [] if isinstance(lang, dict)]
        if i18n.get("build_only_locale"):
            only = i18n["build_only_locale"]
            for lang in langs:
                lang["default"] = lang.get("locale") == only
                lang["build"] = lang.get("locale") == only
        locales = [str(lang.get("locale")) for lang in langs if lang.get("locale")]
        default = next((str(lang["locale"]) for lang in langs if lang.get("default")), None)
        if default is None:
            raise InputError(display, 0, "the i18n plugin has no language with 'default: true'")
        build = [str(lang["locale"]) for lang in langs if lang.get("build", True) and lang.get("locale") != "null"]
        languages = [default] + [loc for loc in build if loc != default]
        fallback = bool(i18n.get("fallback_to_default", True))
    else:
        default = str(theme.get("language") or "en")
        languages, locales, fallback = [default], [default], True

    nav: list[NavEntry] | None = None
    if data.get("nav"):
        nav = []
        _nav_entries(yaml_child(node, "nav"), None, nav)
    if present:
        for index, lang in enumerate(i18n.get("languages") or []):
            if isinstance(lang, dict) and lang.get("nav"):
                nav = nav if nav is not None else []
                _nav_entries(_plugin_node(node, "i18n", "languages", index, "nav"), str(lang["locale"]), nav)

    exts = _extensions(data.get("markdown_extensions"))
    toc = exts.get("toc") or {}
    exclude_lines = [".*", "/templates/"]
    for key in ("exclude_docs", "draft_docs"):  # drafts are left out of `mkdocs build` too
        if isinstance(data.get(key), str):
            exclude_lines += data[key].splitlines()
    not_in_nav = None
    if isinstance(data.get("not_in_nav"), str):
        not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(data["not_in_nav"].splitlines())

    redirects: dict[str, str] = {}
    redirect_lines: dict[str, int] = {}
    has_redirects, redirect_cfg = _plugin_config(data.get("plugins"), "redirects")
    if has_redirects:
        maps = redirect_cfg.get("redirect_maps") or {}
        redirects = {str(k): str(v) for k, v in maps.items()}
        maps_node = _plugin_node(node, "redirects", "redirect_maps")
        if isinstance(maps_node, yaml.MappingNode):
            redirect_lines = {str(k.value): k.start_mark.line + 1 for k, _ in maps_node.value}

    validation = data.get("validation") if isinstance(data.get("validation"), dict) else {}
    links_validation = validation.get("links") if isinstance(validation.get("links"), dict) else {}
    site_url = data.get("site_url")
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    settings = extra.get("validate") if isinstance(extra.get("validate"), dict) else {}
    return SiteConfig(
        config_display=display,
        docs_dir=docs_dir,
        docs_display=PurePosixPath(Path(os.path.relpath(docs_dir, root))).as_posix(),
        site_url=str(site_url) if site_url else None,
        languages=languages,
        default_lang=default,
        known_locales=frozenset(locales),
        i18n=present,
        fallback_to_default=fallback,
        slugify=_slugify(toc, display, "toc") or _markdown_slugify(),
        separator=str(toc.get("separator", "-")),
        tab_slugify=_slugify(exts.get("pymdownx.tabbed") or {}, display, "pymdownx.tabbed"),
        tab_separator=str((exts.get("pymdownx.tabbed") or {}).get("separator", "-")),
        extension_configs=exts,
        nav=nav,
        exclude=pathspec.gitignore.GitIgnoreSpec.from_lines(exclude_lines),
        not_in_nav=not_in_nav,
        redirects=redirects,
        redirect_lines=redirect_lines,
        absolute_links_relative_to_docs=links_validation.get("absolute_links") == "relative_to_docs",
        settings=settings,
    )
