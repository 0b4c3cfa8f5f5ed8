#!/usr/bin/env python3
"""Check the handbook from its sources: links and anchors, translations, glossary terms, data.

    python scripts/validate.py [PATH] [--format text|json|github] [--strict]

Works on any MkDocs site using mkdocs-static-i18n's suffix structure: the languages, the default
language, docs_dir and the heading slugify come from PATH/mkdocs.yml. Exit status: 0 no errors,
1 errors found (warnings too with --strict), 2 the input could not be read.
The code lives in scripts/validator/ (model, scanner, rules, report); ``--list-rules`` lists the codes.
"""

from __future__ import annotations

import sys

from validator.cli import main

if __name__ == "__main__":
    sys.exit(main())
