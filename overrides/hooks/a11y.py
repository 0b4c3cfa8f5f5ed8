"""Accessibility fixes that need the HTML, not CSS: task-list checkboxes get their item's text as
their name (``handbook.a11y`` explains why and does it)."""

from __future__ import annotations

from handbook import a11y


def on_page_content(html, page, config, files):
    return a11y.name_task_checkboxes(html)
