"""Accessibility fixes that need the HTML, not CSS (tests/test_a11y.py runs axe on every page).

Task lists (pymdownx.tasklist, custom_checkbox) render the checkbox in a label of its own:

    <li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>
    <span class="task-list-indicator"></span></label> Item text</li>

so the checkbox has no name (axe rule ``label``, critical): a screen reader says "checkbox, not
checked" and nothing else. Moving the item's inline text into the label names the checkbox; the
label is inline, so the item looks the same.
"""

from __future__ import annotations

import re

# The control's label, then the item's inline text up to its first block element or its end.
TASK_ITEM = re.compile(
    r'(?P<control><label class="task-list-control">.*?)</label>'
    r"(?P<text>(?:(?!</?(?:ul|ol|p|div|li|table|pre|blockquote)\b).)*)",
    re.S,
)


def name_task_checkboxes(html: str) -> str:
    """Move each task item's inline text into its checkbox's label, so the checkbox has a name."""
    if 'class="task-list-control"' not in html:
        return html
    return TASK_ITEM.sub(lambda m: f"{m['control']}{m['text']}</label>", html)
