"""Build the :class:`~validator.model.Site` model: every file read and parsed exactly once.

Pages are parsed in worker processes when there are many of them (fork start method: the
workers inherit the compiled term patterns and the morphology cache instead of rebuilding them).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import importlib.util
import os
import posixpath
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from handbook import translation

from .config import RE_LOCALE, SiteConfig, compose_yaml, read_text, yaml_child
from .figures import page_figures
from .generated import add_generated
from .glossary import TermMatcher, read_glossary
from .house_terms import data_text, read_house_terms
from .model import DataFile, Glossary, InputError, Page, PageData, Site
from .morph import Morphology, load_cache, save_cache, words
from .scanner import ScanOptions, scan

PARALLEL_MIN_PAGES = 400


@dataclass(frozen=True)
class Options:
    """Where the project keeps its glossary and data (docs-relative), and how to run.

    Each path can also be set in mkdocs.yml under ``extra: validate:`` (same names, ``-`` or
    ``_``); a command-line value wins. ``generated`` lists files hooks add at build time.
    """

    glossary_data: str = "data/glossary.yml"
    glossary_page: str = "glossary.md"
    published_links: str = "data/published-links.yml"
    house_terms: str = "data/house-terms.yml"
    # data files whose reader-facing strings (under ru:/en: keys) the house-terms rule reads too
    style_data: tuple[str, ...] = ("data/*.yml",)  # paths or globs; see style_data_files()
    jobs: int = 0  # 0: one worker per core
    cache_dir: Path | None = None  # where word analyses are kept between runs; None: not kept
    generated: tuple[str, ...] = ()

    def with_settings(self, settings: dict, given: set[str]) -> Options:
        """Fill the fields not given on the command line from mkdocs.yml ``extra.validate``."""
        values = {}
        for name in ("glossary_data", "glossary_page", "published_links", "house_terms", "generated", "style_data"):
            value = settings.get(name, settings.get(name.replace("_", "-")))
            if name not in given and value is not None:
                values[name] = tuple(str(v) for v in value) if name in ("generated", "style_data") else str(value)
        return dataclasses.replace(self, **values)


def split_locale(src_uri: str, config: SiteConfig) -> tuple[str, bool, str]:
    """(language, has a language suffix, uri without it) exactly as mkdocs-static-i18n decides.

    The plugin takes the last suffix of the file's name without its extension
    (``page.en.md`` → ``en``) and accepts it when it is a configured or well-formed locale.
    """
    if config.i18n:
        name = src_uri.rpartition("/")[2]
        stem = name[: name.rfind(".")] if name.rfind(".") > 0 else name
        dot = stem.rfind(".")
        if dot > 0:
            locale = stem[dot + 1 :]
            if locale in config.known_locales or RE_LOCALE.match(locale):
                return locale, True, src_uri.replace(f".{locale}", "", 1)
    return config.default_lang, False, src_uri


def included_files(files: list[str], config: SiteConfig, lang: str) -> set[str]:
    """The src_uris one language's build contains (mkdocs_static_i18n reconfigure_files)."""
    chosen: dict[str, str] = {}
    default = config.default_lang
    for src in files:
        locale, localized, norm = split_locale(src, config)
        if norm not in chosen:
            if locale == lang or (config.fallback_to_default and locale == default):
                chosen[norm] = src
        elif src.endswith(".md"):
            if locale == lang:
                chosen[norm] = src
        elif localized and locale == lang:
            chosen[norm] = src
    return set(chosen.values())


def _walk(docs_dir: Path) -> list[str]:
    """Every file in docs_dir in MkDocs' order (index first, then by name; dirs sorted)."""
    out: list[str] = []
    for source_dir, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        dirnames.sort()
        rel = os.path.relpath(source_dir, docs_dir)
        filenames.sort(key=lambda f: (os.path.splitext(f)[0] not in ("index", "README"), f))
        for name in filenames:
            out.append(PurePosixPath(Path(rel, name)).as_posix() if rel != "." else name)
    return out


# ---- page parsing (possibly in worker processes) --------------------------------------------

_WORKER: dict[str, Any] = {}


def _parse_one(task: tuple[str, str, str, bool]) -> PageData:
    abs_path, display, lang, with_terms = task
    text = read_text(Path(abs_path), display)
    opts: ScanOptions = _WORKER["opts"][lang if with_terms else None]
    data = scan(text, opts)
    if "translation:" in text:
        data.stamp = translation.read_stamp(text)
    data.figures = page_figures(data.text, lang)  # here, so parallel workers share the work
    return data


def _parse_packed(task: tuple[str, str, str, bool]) -> tuple:
    return _parse_one(task).pack()


def _parse_all(tasks: list[tuple[str, str, str, bool]], opts: dict, jobs: int) -> list[PageData]:
    _WORKER["opts"] = opts
    try:
        workers = jobs or os.cpu_count() or 1
        if workers > 1 and len(tasks) >= PARALLEL_MIN_PAGES and sys.platform != "win32":
            import multiprocessing

            chunk = max(8, len(tasks) // (workers * 8))
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return [PageData.unpack(p) for p in pool.map(_parse_packed, tasks, chunksize=chunk)]
        return [_parse_one(task) for task in tasks]
    finally:
        _WORKER.clear()


# ---- data files --------------------------------------------------------------------------------

DATA_SCHEMAS = {"data/salaries.yml": "salaries", "data/career.yml": "career",
                "data/job-description.yml": "job_description", "data/sources.yml": "sources"}
# Each kind is the handbook module whose loader checks the file.
LOADERS = {"salaries": "load_salaries", "career": "load_career", "job_description": "load_pair",
           "sources": "load_sources", "links": "load_links"}
# Checked together by handbook.competencies against career.yml, the glossary and the job
# description's clauses: one job per file, each keeping the findings in its own file.
CROSS_CHECKED = {"data/competencies.yml": "competencies", "data/interview.yml": "interview"}


def _module_file(name: str) -> Path:
    """A handbook module's source file, found without importing it (a cached check imports nothing)."""
    return Path(importlib.util.find_spec(f"handbook.{name}").origin)


def _cache_inputs(kind: str, path: Path) -> tuple[list[Path], Path]:
    """What a schema check of ``path`` reads, and the module that defines it (both key its cache)."""
    if kind in CROSS_CHECKED.values():
        docs = path.parent.parent
        # career.yml is loaded with the sources registry it cites, so that file keys the result too
        inputs = [docs / rel for rel in (*CROSS_CHECKED, "data/career.yml", "data/glossary.yml", "data/sources.yml")]
        inputs += [docs / "data/job-description.yml", docs / "data/job-description-editions.yml"]
        return [path, *inputs], _module_file("competencies")
    module = _module_file(kind)
    if kind == "job_description":
        return [path, path.parent / "job-description-editions.yml"], module
    if kind in ("salaries", "career"):  # they cite the sources registry: both files and both models key it
        return [path, path.parent / "sources.yml", module.parent / "sources.py"], module
    return [path], module


def _as_errors(findings, code: str) -> list[tuple[int, str, str]]:
    """(line, code, message without the file and line) of each finding; a glossary's repeated id
    or name is G002."""
    out = []
    for f in findings:
        text = str(f).split(": ", 1)[1] if ": " in str(f) else str(f)
        duplicate = code == "G001" and ("duplicate id" in f.message or "already used by term" in f.message)
        out.append((f.line, "G002" if duplicate else code, text))
    return out


def _schema_errors(kind: str, path: str, display: str) -> list[tuple[int, str, str]]:
    """Run the package's model of one data file; (line, code, message) each."""
    from handbook import competencies
    from handbook.datafile import SchemaError

    try:
        if kind in CROSS_CHECKED.values():
            competencies.load(Path(path).parent.parent)
        else:
            getattr(importlib.import_module(f"handbook.{kind}"), LOADERS[kind])(path, display)
    except SchemaError as exc:
        mine = [f for f in exc.findings if kind not in CROSS_CHECKED.values() or Path(f.file).name == Path(display).name]
        return _as_errors(mine, "D001")
    return []


def _glossary(path: Path, display: str, page: str, languages: list[str]) -> Glossary:
    """The glossary, parsed once: the package's model checks it, the term matcher reads its nodes."""
    from handbook import glossary as model
    from handbook.datafile import SchemaError

    try:
        data, node = model.read_glossary(path, display)
    except SchemaError as exc:  # unreadable input (syntax, repeated key): exit status 2
        first = exc.findings[0]
        raise InputError(display, first.line, str(first).split(": ", 1)[1]) from None
    glossary = read_glossary(node, display, page, languages)
    try:
        model.validate_glossary(data, node, display)
    except SchemaError as exc:
        glossary.schema_errors = _as_errors(exc.findings, "G001")
    return glossary


def _schema_jobs(jobs: list[tuple[str, str, str]]) -> list[list[tuple[int, str, str]]]:
    return [_schema_errors(*job) for job in jobs]


class _Background:
    """Schema checks (pydantic, pure-Python YAML) in a second process while pages are parsed.

    A result depends only on the data file's bytes and the schema module's source, so it is kept
    in the cache directory and reused while neither changes.
    """

    def __init__(self, jobs: list[tuple[str, str, str]], cache_dir: Path | None) -> None:
        self.jobs, self.pool, self.future = jobs, None, None
        self.cached: dict[int, list] = {}
        self.keys: dict[int, Path] = {}
        self.digests: dict[int, str] = {}
        if cache_dir is not None:
            for index, (kind, path, display) in enumerate(jobs):
                inputs, module = _cache_inputs(kind, Path(path))
                try:
                    digest = hashlib.sha1()
                    for source in inputs:  # the file, and for a cross-checked one every file it reads
                        if source.is_file() or kind not in ("salaries", "career"):
                            digest.update(source.read_bytes())
                    digest.update(f"{kind}|{display}|{module.stat().st_mtime_ns}|{module.stat().st_size}".encode())
                except OSError:
                    continue
                name = hashlib.sha1(f"{kind}|{Path(path).resolve()}".encode()).hexdigest()[:16]
                key = self.keys[index] = cache_dir / f"schema-{name}.json"
                self.digests[index] = digest.hexdigest()
                stored = load_cache(key)
                try:
                    if stored["digest"] == self.digests[index]:
                        self.cached[index] = [tuple(e) for e in stored["errors"]]
                except (KeyError, TypeError):
                    pass
        self.todo = [job for index, job in enumerate(jobs) if index not in self.cached]
        if self.todo and (os.cpu_count() or 1) > 1 and sys.platform != "win32":
            import multiprocessing

            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self.future = self.pool.submit(_schema_jobs, self.todo)

    def close(self) -> None:
        """Stop the worker without waiting for it (the run is ending on an input error)."""
        if self.future is not None:
            self.future.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.future = None

    def result(self) -> list[list[tuple[int, str, str]]]:
        fresh = None
        if self.future is not None:
            try:
                fresh = self.future.result()
            except Exception:  # noqa: BLE001 - a dead worker: run the checks here instead
                fresh = None
            finally:
                self.pool.shutdown()
        if fresh is None:
            fresh = _schema_jobs(self.todo)
        fresh_iter = iter(fresh)
        out = []
        for index in range(len(self.jobs)):
            if index in self.cached:
                out.append(self.cached[index])
                continue
            errors = next(fresh_iter)
            syntax = next((e for e in errors if "YAML syntax error" in e[2]), None)
            if syntax is not None:  # unreadable input, not a finding: exit status 2
                raise InputError(self.jobs[index][2], syntax[0], syntax[2])
            out.append(errors)
            key = self.keys.get(index)
            if key is not None and not any("cannot check the schema" in e[2] for e in errors):
                save_cache(key, {"digest": self.digests[index], "errors": errors})
        return out


def _published_links(path: Path, display: str) -> DataFile:
    data, node = compose_yaml(read_text(path, display), display)
    items = getattr(yaml_child(node, "links"), "value", None)
    lines = {index: item.start_mark.line + 1 for index, item in enumerate(items if isinstance(items, list) else [])}
    return DataFile(display, data, lines)


# ---- the model ---------------------------------------------------------------------------------


def style_data_files(docs: Path, options: Options) -> list[str]:
    """The data files whose reader-facing strings are checked (S001, R001): ``style_data`` entries,
    each a docs-relative path or a glob (``data/*.yml``); an entry starting with ``!`` leaves a
    path or glob out (a record of past wording, quoted as it was). The house-terms file itself is
    always left out."""
    def expand(rel: str) -> list[str]:
        if any(c in rel for c in "*?["):
            return sorted(p.relative_to(docs).as_posix() for p in docs.glob(rel))
        return [rel]

    left_out = {m for rel in options.style_data if rel.startswith("!") for m in expand(rel[1:])}
    found: dict[str, None] = {}
    for rel in options.style_data:
        if rel.startswith("!"):
            continue
        for match in expand(rel):
            if match != options.house_terms and match not in left_out and (docs / match).is_file():
                found.setdefault(match)
    return list(found)


def load_site(config: SiteConfig, options: Options | None = None) -> Site:
    options = options or Options()
    docs = config.docs_dir
    checked = {**DATA_SCHEMAS, options.published_links: "links", **CROSS_CHECKED}
    schema_jobs = [(kind, str(docs / rel), config.shown(rel)) for rel, kind in checked.items() if (docs / rel).is_file()]
    background = _Background(schema_jobs, options.cache_dir)
    try:
        return _load_site(config, options, schema_jobs, background)
    except BaseException:
        # An unreadable file found here must not leave the schema worker running: its exit at
        # interpreter shutdown printed a traceback after the one-line error.
        background.close()
        raise


def _load_site(config: SiteConfig, options: Options, schema_jobs: list, background: _Background) -> Site:
    docs, shown = config.docs_dir, config.shown
    files = _walk(docs)
    generated = [posixpath.normpath(g) for g in options.generated]
    excluded = {f for f in files if config.is_excluded(f)}  # asked once per file (pathspec is slow)
    kept = [f for f in files if f not in excluded]
    pages_src = [f for f in kept if f.endswith(".md")]
    assets = {f for f in files if not f.endswith(".md")}
    included = {lang: included_files(kept, config, lang) for lang in config.languages}
    for lang in config.languages:  # hooks add these to every language's build
        included[lang].update(generated)
    assets.update(generated)

    glossary: Glossary | None = None
    morphology = Morphology(options.cache_dir)
    gloss_path = docs / options.glossary_data
    if gloss_path.is_file():
        glossary = _glossary(gloss_path, shown(options.glossary_data), options.glossary_page, config.languages)
        for lang in config.languages:
            forms = morphology.normaliser(lang)
            for term in glossary.terms:
                for form in term.langs.get(lang, []):
                    form.positions = tuple(forms(w) for w in words(form.text))

    house_terms = None
    terms_path = docs / options.house_terms
    if terms_path.is_file():
        house_terms = read_house_terms(terms_path, shown(options.house_terms), config.languages, morphology, options.cache_dir)
        for rel in style_data_files(docs, options):
            house_terms.data_text[shown(rel)] = data_text(docs / rel, shown(rel), config.languages)

    base = dict(
        slugify=config.slugify,
        separator=config.separator,
        footnotes="footnotes" in config.extension_configs,
        tab_slugify=config.tab_slugify,
        tab_separator=config.tab_separator,
    )
    opts: dict[str | None, ScanOptions] = {None: ScanOptions(**base)}
    if glossary is not None:
        for lang in config.languages:
            opts[lang] = ScanOptions(**base, matcher=TermMatcher(glossary, lang, morphology))

    meta = [split_locale(src, config) for src in pages_src]
    tasks = [
        (str(docs / src), shown(src), lang, glossary is not None and norm != options.glossary_page and lang in opts)
        for src, (lang, _localized, norm) in zip(pages_src, meta)
    ]
    parsed = _parse_all(tasks, opts, options.jobs)
    morphology.save()
    pages = [
        Page(src, shown(src), norm, lang, localized, data)
        for src, (lang, localized, norm), data in zip(pages_src, meta, parsed)
    ]
    # Section digests of the originals, only when some translation records them (rule T005).
    if any(data.stamp[0] is not None for data in parsed):
        for page in pages:
            if page.lang == config.default_lang:
                page.data.sections = translation.section_digests(read_text(docs / page.src_uri, page.path))

    site = Site(config=config, pages=pages, assets=assets, included=included, glossary=glossary,
                excluded=excluded, options=options, house_terms=house_terms)
    site.cache["morphology"] = morphology  # rules that analyse words share it
    site.cache["save"] = [morphology] + ([house_terms.english] if house_terms else [])  # cli saves these after the rules
    registry = docs / options.published_links
    if registry.is_file():
        site.published_links = _published_links(registry, shown(options.published_links))
    add_generated(site)
    # The glossary's schema was checked with its one parse (_glossary); these are the other files.
    for (_kind, _path, shown_path), errors in zip(schema_jobs, background.result()):
        site.data_files.append(DataFile(shown_path, None, {}, [(line, message) for line, _code, message in errors]))
    return site


def with_locale(path: str, lang: str) -> str:
    """PurePosixPath(path).with_suffix(f".{lang}{suffix}"): the language before the extension."""
    slash = path.rfind("/")
    dot = path.rfind(".")
    if dot <= slash + 1:  # no extension (a leading dot is part of the name)
        return f"{path}.{lang}"
    return f"{path[:dot]}.{lang}{path[dot:]}"


def resolve(site: Site, target: str, lang: str) -> str | None:
    """The file a docs-relative path resolves to in one language's build (I18nFiles.get_file_from_path)."""
    return site.memo("resolve", (target, lang), lambda: _resolve(site, "index.md" if target in (".", "") else target, lang))


def _resolve(site: Site, path: str, lang: str) -> str | None:
    files = site.included.get(lang, set())
    return next((c for c in (with_locale(path, lang), with_locale(path, site.config.default_lang), path) if c in files), None)


def normalise_target(page_src: str, path: str) -> str:
    """A link path relative to the page, as a docs-relative path (MkDocs' _target_uri)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path).lstrip("/"))
