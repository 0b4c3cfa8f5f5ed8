"""Moved to ``handbook.datafile``; kept as an alias while the hooks move to the package."""
from handbook.datafile import *  # noqa: F401,F403
from handbook.datafile import Finding, SchemaError, child, id_before, line_of, parse, syntax_error  # noqa: F401
