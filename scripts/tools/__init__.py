"""The project's tools, one module each, run as ``python -m handbook.cli NAME`` (or ``python -m
tools.NAME``): page weight, Lighthouse audit, validator benchmark, CSP and nginx, Open Graph images,
the search report, the data-file check. Shared pieces (copy, build, serve, Chromium) are
``tools.shared``."""
