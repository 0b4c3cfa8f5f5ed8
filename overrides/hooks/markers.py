"""Runs last: a ``<!-- md:name -->`` marker that no hook replaced (a misspelt or unknown name) stops
the build, naming the page and the markers the hooks know. Grammar and registry: ``handbook.markers``."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from handbook import markers


@event_priority(-1000)  # after every hook, the vacancy builder (workflows.py, on_post_page) included
def on_post_page(output, page, config):
    markers.leftover(output, page.file.src_uri)
    return output
