"""Placeholder: replaced shortly by the glossary helper."""
