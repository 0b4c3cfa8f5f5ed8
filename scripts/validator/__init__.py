"""The source-level validator (``python scripts/validate.py``, ``make check``): links and anchors,
translations, glossary terms, house terms, figures and data files, read from the sources without a
build. Entry point: :mod:`validator.cli`; rules: :mod:`validator.rules`."""
