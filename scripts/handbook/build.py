"""What the build hooks (``overrides/hooks/``) share, so that each hook is only its feature's wiring:

- :func:`load`: one data file's loader, called for this build; a problem it finds stops the build
  with one line per problem (``file:line``) under a heading naming the data;
  (:func:`competency_kit` and :func:`job_description`: the data several hooks read);
- :func:`project` and :func:`base_name`: this build's project folder and a page's name without
  its language (``job-instruction`` for ``job-instruction.en.md``);
- :func:`beside` and :func:`add_generated`: files the build writes that have no source;
- :func:`hashed_name` and :func:`write`: the content-hashed names of the site's own scripts and
  stylesheets (``deploy/nginx.conf`` serves ``*.<8 hex>.js|css`` as immutable).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from handbook import competencies, job_description as jd, site
from handbook.datafile import SchemaError, docs_file

T = TypeVar("T")


def project(config) -> Path:
    """The folder of this build's ``mkdocs.yml`` (a copied project has its own)."""
    return Path(config.config_file_path or ".").resolve().parent


def load(what: str, config, relative: str, loader: Callable[..., T], *args: Any) -> T:
    """``loader(path, display, *args)`` over ``docs_dir/relative``; its :class:`SchemaError`
    becomes the build's error: ``Invalid <what>:`` and one ``file:line`` line per problem."""
    path, display = docs_file(config, relative)
    try:
        return loader(path, display, *args)
    except SchemaError as exc:
        raise PluginError(f"Invalid {what}:\n{exc}") from None


def competency_kit(config) -> competencies.Kit:
    """``competencies.yml`` and ``interview.yml``, checked together and against the files they cite."""
    return load("competency data", config, "data/competencies.yml",
                lambda path, display: competencies.load(path.parents[1], matrix=path))


def job_description(config) -> jd.JobDescription:
    """The clauses and their editions (parsed once per build: ``jd.load_for_build`` caches them);
    a problem stops the build, one ``file:line`` line each."""
    try:
        return jd.load_for_build(config.docs_dir, project(config))
    except SchemaError as exc:
        raise PluginError(str(exc)) from None


def base_name(file) -> str:
    """A page's name without language: ``job-instruction`` for ``job-instruction.en.md``
    (mkdocs-static-i18n's ``norm_src_uri``) and ``job-instruction.md``."""
    file = getattr(file, "file", file)
    return site.page_name(getattr(file, "norm_src_uri", None) or file.src_uri)


def beside(config, page: File, name: str, content: str | bytes) -> File:
    """A generated file in the folder the page is served from (``job-instruction/<name>``)."""
    file = File.generated(config, name, content=content)
    file.dest_uri = (PurePosixPath(page.dest_uri).parent / name).as_posix()
    return file


def add_generated(files: Files, config, contents: Mapping[str, str | bytes]) -> Files:
    """Generated downloads at their site paths, unless the docs have a file there. After
    mkdocs-static-i18n's ``on_files`` (−100), which cannot handle in-memory files."""
    for uri, content in contents.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
    return files


def hashed_name(folder: str, stem: str, suffix: str, text: str) -> str:
    """``<folder>/<stem>.<first 8 hex of the text's SHA-256>.<suffix>``."""
    return f"{folder}/{stem}.{hashlib.sha256(text.encode()).hexdigest()[:8]}.{suffix}"


def read_source(config, src: str, setting: str) -> str:
    """A site source under ``docs_dir``; an unreadable one stops the build naming ``setting``."""
    try:
        return (Path(config.docs_dir) / src).read_text(encoding="utf-8")
    except OSError as exc:
        raise PluginError(f"{setting}: cannot read docs/{src}: {exc.strerror}") from None


def write(site_dir: str, name: str, text: str) -> None:
    target = Path(site_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
