"""The interview scorecard as an editable A4 ``.docx``, from the HTML the interview page shows.

The job description's writer (``instruction_docx.Writer``: page set-up, fonts, tables, runs,
reproducible zip) does the work; this module only feeds it the scorecard's HTML block and makes
the type compact enough for one sheet. Used at build time by ``overrides/hooks/competencies.py``;
the edition (``doc_version`` / ``effective_date``) comes from the interview page's front matter.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm, Pt
from lxml import html as lxml_html

from handbook import instruction_docx as conv

SCORECARD_CLASS = "hb-scorecard"


class ScorecardError(ValueError):
    """The scorecard HTML or the page's front matter cannot be turned into a document."""


def convert(card_html: str, locale: str, page: Path, label: str | None = None) -> bytes:
    """``.docx`` bytes of one language's scorecard; ``page`` is the interview page (front matter)."""
    try:
        source = conv.read_source(page, label)
        edition = conv.front_matter_edition(source, locale)
    except (conv.InstructionError, OSError) as exc:
        raise ScorecardError(str(exc)) from None
    root = lxml_html.fragment_fromstring(card_html, create_parent="div")
    cards = root.find_class(SCORECARD_CLASS)
    if len(cards) != 1:
        raise ScorecardError(f"expected one element with class {SCORECARD_CLASS!r}, found {len(cards)}")
    writer = conv.Writer(source, locale)
    _compact(writer)
    try:
        for element in cards[0]:
            if isinstance(element.tag, str):
                writer.block(element)
    except conv.InstructionError as exc:
        raise ScorecardError(str(exc)) from None
    title = cards[0].find(".//h3")
    writer.doc.core_properties.title = conv.plain_text(title) if title is not None else ""
    return writer.finish(edition, str(source.meta.get("description", "")))


def _compact(writer: conv.Writer) -> None:
    """One sheet: narrower margins and 10 pt type (the job description uses 12 pt)."""
    section = writer.doc.sections[0]
    section.top_margin = section.bottom_margin = Mm(12)
    section.left_margin = section.right_margin = Mm(15)
    styles = writer.doc.styles
    styles["Normal"].font.size = Pt(10)
    styles["Normal"].paragraph_format.space_after = Pt(2)
    styles["Normal"].paragraph_format.line_spacing = 1.0
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.space_before = Pt(6)
        styles[name].paragraph_format.space_after = Pt(3)
