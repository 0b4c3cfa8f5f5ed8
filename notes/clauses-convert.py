"""One-off (run once, kept as evidence): docs/job-instruction.{ru,en}.md -> docs/data/job-description.yml.

Reads the clause divs, section headings/leads and the approval/header/acknowledgement blocks of
both pages and writes them side by side. Not part of the build; `git show` the commit that added
the data file to see its input.
"""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
CLAUSE = re.compile(r'<div class="clause(?P<opt> clause-optional)?" id="(?P<id>[a-z0-9-]+)" markdown>\n\n'
                    r'\*\*(?P<num>[^*]+)\*\* (?P<body>.*?)\n+</div>', re.S)
HEADING = re.compile(r"^## (?:(?P<num>\d+)\. )?(?P<title>.+?) \{ #(?P<id>[a-z-]+) \}$", re.M)
BLOCK = re.compile(r'<div class="doc-(?P<kind>approval|header|ack)" markdown>\n(?P<body>.*?)\n</div>', re.S)


def parse(lang):
    text = (ROOT / f"docs/job-instruction.{lang}.md").read_text(encoding="utf-8")
    sections, current = [], None
    for m in re.finditer(r"^## [^\n]*$|<div class=\"clause[^\n]*\n\n.*?\n</div>", text, re.M | re.S):
        if m[0].startswith("## "):
            h = HEADING.match(m[0])
            current = {"id": h["id"], "number": h["num"], "title": h["title"], "clauses": [], "start": m.end()}
            sections.append(current)
        else:
            c = CLAUSE.match(m[0])
            if not current["clauses"]:
                lead = text[current["start"]:m.start()].strip()
                current["lead"] = lead if lead and not lead.startswith("!!!") else None
            current["clauses"].append({"id": c["id"], "optional": bool(c["opt"]), "num": c["num"],
                                       "body": c["body"].strip()})
    blocks = {m["kind"]: m["body"].strip() for m in BLOCK.finditer(text)}
    return [s for s in sections if s["clauses"]], blocks


def q(text, indent):
    """A YAML block scalar (|-) or a plain double-quoted string."""
    if "\n" in text:
        pad = " " * indent
        return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


ru, ru_blocks = parse("ru")
en, en_blocks = parse("en")
assert [s["id"] for s in ru] == [s["id"] for s in en]
out = ["# The job description's clauses, Russian and English side by side (Markdown).",
       "# Schema: scripts/handbook/job_description.py. Pages: docs/job-instruction.*.md place them with",
       "# <!-- md:clauses … --> markers. Record an edition after changing a text:",
       "#   python -m handbook.cli edition --mark-current",
       "schema_version: 1",
       "edition: {number: 1, date: 2026-12-01}",
       "blocks:"]
for key, kind in (("approval", "approval"), ("header", "header"), ("acknowledgement", "ack")):
    out += [f"  {key}:", f"    ru: {q(ru_blocks[kind], 6)}", f"    en: {q(en_blocks[kind], 6)}"]
out.append("sections:")
for rs, es in zip(ru, en):
    out += [f"  - id: {rs['id']}", f"    number: {q(rs['number'], 0) if rs['number'] else 'null'}",
            f"    title: {{ru: {q(rs['title'], 0)}, en: {q(es['title'], 0)}}}"]
    if rs.get("lead"):
        out.append(f"    lead: {{ru: {q(rs['lead'], 0)}, en: {q(es['lead'], 0)}}}")
    out.append("    clauses:")
    for rc, ec in zip(rs["clauses"], es["clauses"]):
        assert rc["id"] == ec["id"] and rc["optional"] == ec["optional"]
        out.append(f"      - id: {rc['id']}")
        out += [f"        ru: {q(rc['body'], 10)}", f"        en: {q(ec['body'], 10)}"]
(ROOT / "docs/data/job-description.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
print(sum(len(s["clauses"]) for s in ru), "clauses")
