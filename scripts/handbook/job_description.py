"""The job description as data: every clause once, Russian and English side by side, with editions.

``docs/data/job-description.yml`` holds each clause (1.1–4.7, the optional Д.1–Д.15 / E.1–E.15),
the section titles and leads, and the approval, header and acknowledgement blocks, in Markdown
(editors keep links to glossary terms, emphasis, lists). ``docs/data/job-description-editions.yml``
records, per edition, a digest of every clause and the wording of the clauses that edition added
or changed, so a clause knows the edition in which its text last changed, and the changelog can
show old and new wording, without ``.git`` (on a tarball too).

Everything that shows a clause reads :func:`load`: the pages (``overrides/hooks/job_description.py``
expands ``<!-- md:job-description … -->`` markers), the vacancy builder, the ``.docx``, the
competency mapping, search and the published-links registry. A problem in either file is one line
naming file and line (:class:`SchemaError`); a clause without one of its languages is one of them.

Record a new edition after changing texts: ``python -m handbook.cli edition --mark-current``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, StringConstraints

from handbook import datafile, ids, site
from handbook import ui as ui_strings
from handbook.datafile import Finding, SchemaError, Strict, display_path, line_of
from handbook.records import Localized

DATA = site.ROOT / "docs" / "data" / "job-description.yml"
EDITIONS = site.ROOT / "docs" / "data" / "job-description-editions.yml"
PAGE = "job-instruction"
BLOCKS = ("approval", "header", "acknowledgement")
DIGEST_LEN = 12

ClauseId = Annotated[str, StringConstraints(pattern=site.CLAUSE_ID.pattern)]
SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
UiStrings = dict[str, Annotated[str, StringConstraints(min_length=1)]]
Date = Annotated[dt.date, Field(strict=False)]  # YYYY-MM-DD: the loader keeps it a string

#: The records of both files, as messages name them.
KINDS = {"sections": "section", "clauses": "clause", "editions": "edition"}


# --- the files' schemas ---------------------------------------------------------------------------

class ClauseRecord(Strict):
    id: ClauseId
    ru: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class SectionRecord(Strict):
    id: SectionId
    number: str | None
    optional: bool = False
    title: Localized
    lead: Localized | None = None
    clauses: list[ClauseRecord] = Field(min_length=1)


class EditionRef(Strict):
    number: Annotated[int, Field(ge=1)]
    date: Date


class Blocks(Strict):
    approval: Localized
    header: Localized
    acknowledgement: Localized


class Ui(Strict):
    ru: UiStrings
    en: UiStrings


class DataFile(Strict):
    schema_version: Literal[1]
    edition: EditionRef
    ui: Ui
    blocks: Blocks
    sections: list[SectionRecord] = Field(min_length=1)


class RecordedClause(Strict):
    digest: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
    ru: str | None = None   # the wording, when this edition added or changed the clause
    en: str | None = None


class EditionRecord(Strict):
    number: Annotated[int, Field(ge=1)]
    date: Date
    clauses: dict[ClauseId, RecordedClause]


class EditionsFile(Strict):
    schema_version: Literal[1]
    editions: list[EditionRecord] = Field(min_length=1)


# --- the model the consumers read ----------------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]+)(?:\s+\"[^\"]*\")?\)(?:\{[^}]*\})?")
# a run of underscores is a blank to fill in (``______``), not emphasis: inner text starts and ends with
# neither a space nor an underscore
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=[^\s_])(.+?)(?<=[^\s_])\1")
_CODE = re.compile(r"`([^`]*)`")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_SPACE = re.compile(r"\s+")
_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")


def plain(markdown: str) -> str:
    """Reader-visible text of inline Markdown: links keep their text, emphasis marks and tags go,
    entities are decoded, code spans stay as written (``<title>`` in backticks is text), whitespace
    collapses (``[клиентскую базу](glossary.md#x)`` -> ``клиентскую базу``)."""
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(match[1])
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE.sub(keep, markdown)
    text = _LINK.sub(r"\1", text)
    for _ in range(2):  # nested emphasis (***x***)
        text = _EMPHASIS.sub(r"\2", text)
    text = html.unescape(_ESCAPE.sub(r"\1", _TAG.sub("", text)))
    text = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m[1])], text)
    return _SPACE.sub(" ", text).strip()


def digest(ru: str, en: str) -> str:
    """The clause's text digest (both languages): a change in either needs a new edition."""
    return hashlib.sha256(f"{ru.strip()}\n\x00\n{en.strip()}".encode()).hexdigest()[:DIGEST_LEN]


@dataclass(frozen=True)
class Clause:
    id: str
    section: str                 # the section id (general, duties, …, extended-duties)
    optional: bool               # an extended duty (Д.n / E.n), chosen by the employer
    text: Localized              # Markdown without the number
    changed_in: int | None = None  # the edition whose record holds this wording (None: unrecorded)
    line: int = 0                # its line in the data file

    def number(self, lang: str) -> str:
        """«2.4», «Д.3» / "E.3"."""
        return site.clause_number(self.id, lang)

    def markdown(self, lang: str) -> str:
        return self.text.get(lang)

    def parts(self, lang: str) -> tuple[str, str]:
        """The first paragraph's Markdown (the sentence) and the rest (clause 1.6's list), or ``""``."""
        first, _, rest = self.markdown(lang).partition("\n\n")
        return first, rest.strip()

    def plain(self, lang: str) -> str:
        """The first paragraph as plain text (the sentence, without its list)."""
        return plain(self.parts(lang)[0])

    def items(self, lang: str) -> list[str]:
        """The clause's list items as plain text (clause 1.6's areas of knowledge)."""
        return [plain(m[1]) for line in self.markdown(lang).splitlines() if (m := _ITEM.match(line))]

    @property
    def digest(self) -> str:
        return digest(self.text.ru, self.text.en)


@dataclass(frozen=True)
class Section:
    id: str
    number: str | None
    optional: bool
    title: Localized
    lead: Localized | None
    clauses: tuple[Clause, ...]

    def heading(self, lang: str) -> str:
        """«1. Общие положения»; the optional section has no number."""
        return f"{self.number}. {self.title.get(lang)}" if self.number else self.title.get(lang)


@dataclass(frozen=True)
class Edition:
    number: int
    date: dt.date
    clauses: dict[str, RecordedClause]


@dataclass(frozen=True)
class Change:
    """One clause's change in one edition: ``kind`` is added, changed or removed."""

    kind: str
    id: str
    old: Localized | None
    new: Localized | None


@dataclass(frozen=True)
class JobDescription:
    edition: EditionRef
    sections: tuple[Section, ...]
    blocks: Blocks
    ui: Ui
    editions: tuple[Edition, ...] = ()
    path: str = "docs/data/job-description.yml"
    editions_path: str = "docs/data/job-description-editions.yml"
    _by_id: dict[str, Clause] = field(default_factory=dict, repr=False, compare=False)

    @property
    def clauses(self) -> list[Clause]:
        """Every clause, in document order."""
        return [c for s in self.sections for c in s.clauses]

    def clause(self, clause_id: str) -> Clause:
        return self._by_id[clause_id]

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._by_id

    def ids(self) -> list[str]:
        return [c.id for c in self.clauses]

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def strings(self, lang: str) -> dict[str, str]:
        return getattr(self.ui, lang)

    # editions
    def wording(self, clause_id: str, upto: int) -> Localized | None:
        """The clause's wording as of edition ``upto`` (from the latest edition that recorded it)."""
        for edition in reversed(self.editions):
            if edition.number > upto:
                continue
            rec = edition.clauses.get(clause_id)
            if rec is None:
                return None
            if rec.ru is not None and rec.en is not None:
                return Localized(ru=rec.ru, en=rec.en)
        return None

    def changes(self, edition: Edition) -> list[Change]:
        """What ``edition`` added, changed and removed, against the edition before it."""
        before = next((e for e in reversed(self.editions) if e.number < edition.number), None)
        if before is None:
            return []
        return [Change(kind, cid, None if kind == "added" else self.wording(cid, before.number),
                       None if kind == "removed" else self.wording(cid, edition.number))
                for cid, kind in _diff(before.clauses, edition.clauses)]

    def unrecorded(self) -> list[tuple[str, str]]:
        """Clauses whose text differs from the last recorded edition: (clause id, added/changed/removed)."""
        return _diff(self.editions[-1].clauses if self.editions else {}, {c.id: c for c in self.clauses})


def _diff(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    """(clause id, added/changed/removed) from one set of clauses to another (anything with a
    ``digest``): the new set's order, then what it no longer has."""
    kinds = [(cid, "changed" if cid in old else "added") for cid, c in new.items()
             if cid not in old or old[cid].digest != c.digest]
    return kinds + [(cid, "removed") for cid in old if cid not in new]


# --- loading -----------------------------------------------------------------------------------

def _clause_line(node, s: int, c: int) -> int:
    return line_of(node, ["sections", s, "clauses", c])


def _rules(data: DataFile, node, display: str) -> list[Finding]:
    """What the schema cannot say: unique ids, ids that match their section, ui keys alike."""
    findings = datafile.duplicates(display, "section", [(sec.id, line_of(node, ["sections", s, "id"]))
                                                        for s, sec in enumerate(data.sections)])
    findings += datafile.duplicates(display, "clause", [(clause.id, _clause_line(node, s, c))
                                                        for s, sec in enumerate(data.sections)
                                                        for c, clause in enumerate(sec.clauses)])
    for s, sec in enumerate(data.sections):
        for c, clause in enumerate(sec.clauses):
            line = _clause_line(node, s, c)
            m = site.CLAUSE_ID.match(clause.id)
            if sec.optional != bool(m["ext"]) or (not sec.optional and m["major"] != sec.number):
                expected = "ext-<n>" if sec.optional else f"p-{sec.number}-<n>"
                findings.append(Finding(display, line, "clause", clause.id, "id",
                                        f"a clause of section '{sec.id}' needs an id like {expected}"))
    if set(data.ui.ru) != set(data.ui.en):
        odd = sorted(set(data.ui.ru) ^ set(data.ui.en))
        findings.append(Finding(display, line_of(node, ["ui"]), "file", None, "ui",
                                f"ru and en need the same keys (differ: {', '.join(odd)})"))
    return findings


def load(path: Path | str = DATA, display: str | None = None, editions: Path | str | None = EDITIONS,
         editions_display: str | None = None) -> JobDescription:
    """Read and check the job description (and its editions, unless ``editions`` is None)."""
    display = display_path(path, display)
    data, node = datafile.load(path, DataFile, display, kinds=KINDS)
    findings = _rules(data, node, display)
    recorded: tuple[Edition, ...] = ()
    ed_display = "docs/data/job-description-editions.yml"
    if editions is not None:
        ed_display = display_path(editions, editions_display)
        ed_data, ed_node = datafile.load(editions, EditionsFile, ed_display, kinds=KINDS)
        recorded = tuple(Edition(e.number, e.date, dict(e.clauses)) for e in ed_data.editions)
        findings += _edition_rules(ed_data, ed_node, ed_display)
    datafile.check(findings)
    changed_in: dict[str, int] = {}
    for edition in recorded:
        for cid, rec in edition.clauses.items():
            if rec.ru is not None:
                changed_in[cid] = edition.number
    sections = []
    by_id: dict[str, Clause] = {}
    for s, sec in enumerate(data.sections):
        clauses = []
        for c, rec in enumerate(sec.clauses):
            text = Localized(ru=rec.ru, en=rec.en)
            last = recorded[-1].clauses.get(rec.id) if recorded else None
            current = last is not None and last.digest == digest(rec.ru, rec.en)
            clause = Clause(rec.id, sec.id, sec.optional, text, changed_in.get(rec.id) if current else None,
                            _clause_line(node, s, c))
            clauses.append(clause)
            by_id[clause.id] = clause
        sections.append(Section(sec.id, sec.number, sec.optional, sec.title, sec.lead, tuple(clauses)))
    return JobDescription(data.edition, tuple(sections), data.blocks, data.ui, recorded, display, ed_display, by_id)


def _edition_rules(data: EditionsFile, node, display: str) -> list[Finding]:
    findings = []
    for i, edition in enumerate(data.editions):
        line = line_of(node, ["editions", i])
        if edition.number != i + 1:
            findings.append(Finding(display, line, "edition", str(edition.number), "number",
                                    f"editions are numbered 1, 2, 3… in order: expected {i + 1}"))
        if i and edition.date < data.editions[i - 1].date:
            findings.append(Finding(display, line, "edition", str(edition.number), "date",
                                    "is earlier than the edition before it"))
        previous = data.editions[i - 1].clauses if i else {}
        for cid, rec in edition.clauses.items():
            needs_text = cid not in previous or previous[cid].digest != rec.digest
            if needs_text and (rec.ru is None or rec.en is None):
                findings.append(Finding(display, line_of(node, ["editions", i, "clauses", cid]), "clause", cid, None,
                                        "an added or changed clause needs its wording (ru and en)"))
            elif rec.ru is not None and rec.en is not None and digest(rec.ru, rec.en) != rec.digest:
                findings.append(Finding(display, line_of(node, ["editions", i, "clauses", cid]), "clause", cid,
                                        "digest", "does not match the recorded wording"))
    return findings


def load_pair(path: Path | str, display: str | None = None) -> JobDescription:
    """The data file and the editions file beside it (the validator's and ``cli data``'s loader)."""
    display = display_path(path, display)
    return load(path, display, *datafile.beside(path, display, EDITIONS.name))


_cached = datafile.cached(load)


def load_for_build(docs_dir: Path | str, project: Path | str | None = None) -> JobDescription:
    """The model for a build (one parse per build per file version; MkDocs builds each language)."""
    docs_dir = Path(docs_dir)
    data, editions = docs_dir / "data/job-description.yml", docs_dir / "data/job-description-editions.yml"
    root = Path(project) if project else docs_dir.parent
    return _cached(data, display_path(data, project=root), editions, display_path(editions, project=root))


# --- recording an edition --------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)

EDITIONS_HEADER = (
    "# Editions of the job description (docs/data/job-description.yml), written by\n"
    "#   python -m handbook.cli edition --mark-current\n"
    "# Per edition: the digest of every clause (both languages), and the wording of the clauses this\n"
    "# edition added or changed (the changelog shows old and new wording from it). Do not edit by hand.\n"
)


def dump_editions(editions: list[Edition]) -> str:
    data = {"schema_version": 1, "editions": [
        {"number": e.number, "date": e.date, "clauses": {
            cid: rec.model_dump(exclude_none=True) for cid, rec in e.clauses.items()}}
        for e in editions]}
    return EDITIONS_HEADER + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)


EDITION_LINE = re.compile(r"^edition:.*$", re.M)


def mark_current(path: Path = DATA, editions_path: Path = EDITIONS, today: dt.date | None = None,
                 first: bool = False) -> Edition | None:
    """Append an edition recording the clauses as they are now (None if nothing changed) and set
    ``edition:`` in the data file. ``first``: start the history (no editions file yet)."""
    model = load(path, editions=None if first else editions_path)
    if not first and not model.unrecorded():
        return None
    history = list(model.editions)  # none when first (an editions file has at least one)
    previous = history[-1].clauses if history else {}
    number = history[-1].number + 1 if history else model.edition.number
    clauses = {}
    for c in model.clauses:  # the wording only of what this edition adds or changes
        same = c.id in previous and previous[c.id].digest == c.digest
        clauses[c.id] = RecordedClause(digest=c.digest, **({} if same else {"ru": c.text.ru, "en": c.text.en}))
    date = model.edition.date if first else today or dt.date.today()
    edition = Edition(number, date, clauses)
    Path(editions_path).write_text(dump_editions(history + [edition]), encoding="utf-8")
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(EDITION_LINE.sub(f"edition: {{number: {number}, date: {date.isoformat()}}}", text, count=1),
                          encoding="utf-8")
    return edition


def main(argv: list[str] | None = None) -> int:
    """``python -m handbook.cli edition [--mark-current] [--date YYYY-MM-DD]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="handbook.cli edition",
                                     description="Show the job description's edition; record a new one.")
    parser.add_argument("--mark-current", action="store_true",
                        help="append an edition (today's date) recording the clauses as they are now")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="the new edition's date (default: today)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--editions", type=Path, default=EDITIONS)
    args = parser.parse_args(argv)
    try:
        if args.mark_current:
            edition = mark_current(args.data, args.editions, args.date)
            if edition is None:
                print("no clause changed since the last edition: nothing recorded")
            else:
                changed = [cid for cid, rec in edition.clauses.items() if rec.ru is not None]
                print(f"edition {edition.number} of {edition.date.isoformat()} recorded "
                      f"({len(changed)} clause(s) added or changed: {', '.join(changed) or 'none'})")
            return 0
        model = load(args.data, editions=args.editions)
    except SchemaError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"edition {model.edition.number} of {model.edition.date.isoformat()}, {len(model.clauses)} clauses")
    for cid, kind in model.unrecorded():
        print(f"  {cid}: {kind} since edition {model.editions[-1].number} (record it with --mark-current)")
    return 0


# --- the page: markers expanded into Markdown ------------------------------------------------------

MARKER = re.compile(r"<!--\s*md:job-description\s+(?P<arg>[^\s>]*?)\s*-->")
RANGE = re.compile(r"^(?P<first>[a-z0-9-]+)\.\.(?P<last>[a-z0-9-]+)$")
HEADING = re.compile(r"^##[ \t]+(?P<text>.+?)[ \t]*\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}[ \t]*$", re.M)
BLOCK_CLASS = {"approval": "approval", "header": "header", "acknowledgement": "ack"}


class PageError(ValueError):
    """A marker problem in a page, phrased ``file:line: what is wrong``."""


def expand(markdown: str, model: JobDescription, lang: str, label: str, dirs=None, first_line: int = 1) -> str:
    """The page's ``<!-- md:job-description ARG -->`` markers as Markdown. ``ARG`` is a section id
    (its lead and every clause), a range of clauses ``p-1-1..p-1-5`` (the lead too when the range
    starts the section), or a block (approval, header, acknowledgement). Every clause and block
    must be placed exactly once, and each section's ``## N. Title { #id }`` heading in the page
    must read as the data's title: otherwise :class:`PageError` with the page's line
    (``first_line``: the file's line where ``markdown`` starts, after its front matter)."""
    from handbook import templates

    placed: Counter[str] = Counter()  # clause ids and blocks -> how often a marker placed them
    order = model.ids()
    ui = model.strings(lang)

    def line(offset: int) -> int:
        return markdown.count("\n", 0, offset) + first_line

    def replace(match: re.Match) -> str:
        arg, at = match["arg"], line(match.start())
        if arg == "editions":
            return history_markdown(model, lang, dirs).rstrip("\n")
        if arg in BLOCKS:
            placed[arg] += 1
            return templates.render("job-description/block.html", dirs=dirs, kind=BLOCK_CLASS[arg],
                                    text=getattr(model.blocks, arg).get(lang)).rstrip("\n")
        if (rng := RANGE.match(arg)) is not None:
            first, last = rng["first"], rng["last"]
            if first not in model or last not in model:
                raise PageError(f"{label}:{at}: <!-- md:job-description {arg} -->: "
                                f"no clause '{first if first not in model else last}' in {model.path}")
            a, b = order.index(first), order.index(last)
            clauses = [model.clause(cid) for cid in order[a:b + 1]]
            if not clauses or len({c.section for c in clauses}) != 1:
                raise PageError(f"{label}:{at}: <!-- md:job-description {arg} -->: a range runs forward "
                                "within one section")
            section = model.section(clauses[0].section)
            lead = section.lead if clauses[0] is section.clauses[0] else None
        elif any(s.id == arg for s in model.sections):
            section = model.section(arg)
            clauses, lead = list(section.clauses), section.lead
        else:
            known = ", ".join([s.id for s in model.sections] + list(BLOCKS))
            raise PageError(f"{label}:{at}: unknown <!-- md:job-description {arg} --> "
                            f"(a section, a clause range p-1-1..p-1-5, or one of: {known})")
        placed.update(clause.id for clause in clauses)
        return templates.render("job-description/clauses.html", dirs=dirs, lang=lang, ui=ui, clauses=clauses,
                                lead=lead.get(lang) if lead else None).rstrip("\n")

    result = MARKER.sub(replace, markdown)
    wanted = order + list(BLOCKS)
    twice = [k for k in wanted if placed[k] > 1]
    missing = [k for k in wanted if k not in placed]
    if twice or missing:
        problem = "; ".join(filter(None, [
            f"placed twice: {', '.join(twice)}" if twice else "",
            f"not placed: {', '.join(missing)}" if missing else ""]))
        raise PageError(f"{label}:1: the <!-- md:job-description --> markers must place every clause "
                        f"and block of {model.path} once ({problem})")
    headings = {m["id"]: (m["text"], line(m.start())) for m in HEADING.finditer(markdown)}
    for section in model.sections:
        found = headings.get(section.id)
        if found is None:
            raise PageError(f"{label}:1: no heading '## {section.heading(lang)} {{ #{section.id} }}' "
                            f"for section '{section.id}' of {model.path}")
        if found[0] != section.heading(lang):
            raise PageError(f"{label}:{found[1]}: the heading of section '{section.id}' reads "
                            f"'{found[0]}'; {model.path} calls it '{section.heading(lang)}'")
    return result


def day_text(day: dt.date, lang: str) -> str:
    """A document's date: «01.12.2026» / "1 December 2026" (editions, the .docx footers)."""
    return ui_strings.human_date(day.isoformat(), lang, "document")


def edition_title(model: JobDescription, lang: str, number: int, day: dt.date) -> str:
    """«Редакция 1 от 01.12.2026» / "Edition 1 of 1 December 2026"."""
    return model.strings(lang)["edition"].format(number=number, date=day_text(day, lang))


def edition_line(model: JobDescription, lang: str) -> str:
    """The current edition's title."""
    return edition_title(model, lang, model.edition.number, model.edition.date)


def with_edition_line(markdown: str, model: JobDescription, lang: str, docx: str, dirs=None) -> str:
    """The page's Markdown with its edition line and the .docx link right under the H1."""
    from handbook import templates

    block = templates.render("job-description/edition-line.html", dirs=dirs, edition=edition_line(model, lang),
                             ui=model.strings(lang), docx=docx).strip()
    match = re.search(r"^# .*$", markdown, re.M)
    if match is None:
        return f"{block}\n\n{markdown}"
    return f"{markdown[:match.end()]}\n\n{block}\n{markdown[match.end():]}"


def history(model: JobDescription, lang: str) -> list[dict[str, Any]]:
    """The editions, newest first, with their changes in one language (for the page and the feed)."""
    ui = model.strings(lang)
    out = []
    for edition in reversed(model.editions):
        changes = [{"kind": change.kind, "id": change.id,
                    "label": ui["clause"].format(number=site.clause_number(change.id, lang)),
                    "old": change.old.get(lang) if change.old else None,
                    "new": change.new.get(lang) if change.new else None} for change in model.changes(edition)]
        out.append({"number": edition.number, "date": edition.date, "first": edition.number == 1,
                    "count": len(edition.clauses), "changes": changes,
                    "title": edition_title(model, lang, edition.number, edition.date)})
    return out


FEED = "editions.xml"


def history_markdown(model: JobDescription, lang: str, dirs=None) -> str:
    from handbook import templates

    return templates.render("job-description/editions.html", dirs=dirs, ui=model.strings(lang),
                            editions=history(model, lang), feed=FEED)


def atom_feed(model: JobDescription, lang: str, root: str) -> bytes:
    """An Atom feed (RFC 4287) of the editions, newest first, with absolute URLs under ``root``."""
    import xml.etree.ElementTree as ET

    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    ui = model.strings(lang)
    page = site.page_url(PAGE, lang, None, root)
    feed_url = page + FEED

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    def stamp(day: dt.date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    feed = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(feed, "id", feed_url)
    sub(feed, "title", ui["feed_title"])
    sub(feed, "updated", stamp(model.editions[-1].date if model.editions else model.edition.date))
    sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    sub(feed, "link", rel="alternate", type="text/html", href=page)
    sub(sub(feed, "author"), "name", ui["feed_author"])
    for edition in history(model, lang):
        entry = sub(feed, "entry")
        url = f"{page}#{ids.edition_anchor(edition['number'])}"
        sub(entry, "id", url)
        sub(entry, "title", edition["title"])
        sub(entry, "updated", stamp(edition["date"]))
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        if edition["first"]:
            lines = [ui["first"].format(count=edition["count"])]
        else:
            lines = ["\n".join([f"{c['label']} — {ui[c['kind']]}"]
                                + [f"{ui[k]}: {plain(c[k])}" for k in ("old", "new") if c[k]])
                     for c in edition["changes"]] or [ui["no_changes"]]
        sub(entry, "summary", "\n\n".join(lines))
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"
