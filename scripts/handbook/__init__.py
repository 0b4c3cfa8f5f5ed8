"""The handbook's domain package: site facts, data files and their models, shared by the build
hooks (``overrides/hooks/``), the validator (``scripts/validator``), the tools and the tests.

Installed into the project's venv by ``make`` (``pip install -e .``), so everything simply does
``import handbook``. Each concept is defined once, here:

- ``handbook.site``      languages, default language, page URLs, clause id <-> number
- ``handbook.datafile``  YAML with line numbers, duplicate keys rejected, findings as file:line
"""
