"""The handbook's build-time library: plain modules the MkDocs hooks in overrides/hooks/ call."""
