"""Placeholder: full hook in progress."""
