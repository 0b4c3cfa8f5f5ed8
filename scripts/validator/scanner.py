"""One pass over a Markdown source: headings with their final ids, other anchors, links, mentions.

A line scanner, not a renderer. It follows Python-Markdown's block rules as far as the checks
need them (front matter, fenced and indented code, HTML comments and raw HTML blocks,
admonitions/details/tabs/lists/footnotes as indented containers, ATX and setext headings,
reference definitions) and its inline rules for code spans, links, images and attribute lists.
Heading ids come from ``{ #id }`` or from the site's own toc slugify applied to the heading text
as the toc extension sees it, with the same de-duplication (``_1``, ``_2``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

from handbook import markers
from handbook.translation import split_front_matter

from .model import Anchor, Link, PageData, RefDef, ignore_codes, ignored

# Python-Markdown's own block rules; handbook.translation keeps looser ones for its digests.
FENCE_RE = re.compile(r"^(`{3,}|~{3,})(.*)$")
ATX_RE = re.compile(r"^(#{1,6})((?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*[ \t]*$")
SETEXT_RE = re.compile(r"^(?:=+|-+)[ ]*$")
HEADER_ATTR_RE = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^\n]*)\}[ ]*$")
ATTR_TOKEN_RE = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+| """)
SIMPLE_ID_RE = re.compile(r"[ ]*#([^\s=}#.'\"]+)[ ]*")
INLINE_ATTR_RE = re.compile(r"\{:?[ ]*([^{}\n]*?)[ ]*\}")
REFDEF_RE = re.compile(r"^\[([^\[\]]*)\]:[ ]*(\S+)?")
ABBR_DEF_RE = re.compile(r"^\*\[[^\]]+\]:")
LIST_RE = re.compile(r"^(?:[*+-]|\d+[.)])(?:[ \t]+|$)")
TASK_RE = re.compile(r"^\[[ xX]\][ \t]")
CONTAINER_RE = re.compile(r'^(?:!!!|\?\?\?\+?)[ ]*[\w-]+(?: +[\w-]+)*(?: +"(?P<title>.*?)")?[ ]*$')
TAB_RE = re.compile(r'^===\+?!?[ ]+"(?P<title>.*?)"')
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]]+)\]:[ ]?")
DEF_RE = re.compile(r"^:[ ]{1,3}")
HTML_BLOCK_RE = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
TAG_RE = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>""")
ATTR_IN_TAG_RE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
BARE_URL_RE = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]]+|www\.[^\s<>()\[\]]+")
ESCAPE_RE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|\"'~=^:]")
BACKTICKS_RE = re.compile(r"`+")
DIRECTIVE_RE = re.compile(r"validate:\s*(ignore-next-line|ignore)\b\s*([A-Z0-9, ]*)")
LINK_DEST_RE = re.compile(r"""\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)""")
RUNNING_SPECIAL_RE = re.compile(r"[\[\]{]|://|www\.")
REF_LABEL_RE = re.compile(r"\]\[[^\]]*\]|\[\^[^\]]+\]")
EMPHASIS_RE = re.compile(r"(?<![\w\\])[*_]+|[*_]+(?![\w])|\*+|~~|==|\^\^")
BLOCK_TAGS = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas colgroup "
    "dd body dt group html iframe li legend math map noscript output object option progress "
    "script style summary tbody td textarea tfoot th thead tr video center".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass(frozen=True)
class ScanOptions:
    slugify: Callable[[str, str], str]
    separator: str = "-"
    footnotes: bool = False
    tab_slugify: Callable[[str, str], str] | None = None
    tab_separator: str = "-"
    matcher: object | None = None  # glossary.TermMatcher, or None


def _indent(line: str) -> int:
    n = 0
    for ch in line:
        if ch == " ":
            n += 1
        elif ch == "\t":
            n += 4 - n % 4
        else:
            break
    return n


def _unique(id_: str, used: set[str]) -> str:
    """markdown.extensions.toc.unique, without the counters cache (same results)."""
    if id_ in used or not id_:
        m = re.match(r"^(.*)_([0-9]+)$", id_)
        base, count = (m.group(1), int(m.group(2))) if m else (id_, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        id_ = f"{base}_{count}"
    used.add(id_)
    return id_


def parse_attr_list(text: str) -> tuple[str | None, bool]:
    """(id or None, is this a well-formed attribute list) for the inside of ``{ … }``."""
    simple = SIMPLE_ID_RE.fullmatch(text)
    if simple:
        return simple.group(1), True
    pos, id_ = 0, None
    for m in ATTR_TOKEN_RE.finditer(text):
        if m.start() != pos:
            return None, False
        token = m.group(0)
        if token.startswith("#") and "=" not in token and len(token) > 1:
            id_ = token[1:]
        pos = m.end()
    return id_, pos == len(text) and bool(text.strip())


def _header_attrs(text: str) -> tuple[str | None, int]:
    """A heading's trailing attribute list ``{ #id .class }``: (its id, where it starts), or (None, -1)."""
    m = HEADER_ATTR_RE.search(text)
    if m:
        id_, ok = parse_attr_list(m.group(1))
        if ok:
            return id_, m.start()
    return None, -1


def _norm_label(label: str) -> str:
    return " ".join(label.split()).lower()


# ``(url)`` with no blank, parenthesis or leading ``<`` in the url: what _destination's loops
# would return, found in one step.
_SIMPLE_DEST = re.compile(r"\(((?:[^ \t()<][^ \t()]*)?)\)")


class _Scanner:
    """Holds the state of one file's scan; use :func:`scan`."""

    def __init__(self, text: str, opts: ScanOptions) -> None:
        self.text, self.lines = text, text.split("\n")
        self.opts = opts
        self.out = PageData()
        self.pending_headings: list[tuple[str, str | None, int, int]] = []  # text, explicit id, line, col
        self.used_ids: set[str] = set()
        self.in_comment = False
        self.ignore_next: frozenset[str] | None = None
        self.fnref_counts: dict[str, int] = {}
        self.tab_ids: set[str] = set()
        self.prose: list[tuple[str, int, int]] = []  # (masked text, line, column) where terms may be mentioned

    # ---- inline -----------------------------------------------------------------------------

    def _strip_comments(self, line: str, lineno: int) -> str:
        """Blank out HTML comments (keeping columns); record ``validate:`` directives."""
        if self.in_comment:
            end = line.find("-->")
            if end == -1:
                self._directive(line, lineno)
                return ""
            self._directive(line[:end], lineno)
            self.in_comment = False
            line = " " * (end + 3) + line[end + 3 :]
        start = line.find("<!--")
        while start != -1:
            end = line.find("-->", start + 4)
            self._directive(line[start : end if end != -1 else len(line)], lineno)
            if end == -1:
                self.in_comment = True
                return line[:start]
            line = line[:start] + " " * (end + 3 - start) + line[end + 3 :]
            start = line.find("<!--", end + 3)
        return line

    def _directive(self, comment: str, lineno: int) -> None:
        if "md:" in comment:
            m = markers.PATTERN.fullmatch(comment.removesuffix("--").rstrip() + " -->")
            if m:
                self.out.markers.append((m["name"], tuple(m["args"].split()), lineno))
        if "validate:" not in comment:
            return
        m = DIRECTIVE_RE.search(comment)
        if not m:
            return
        codes = ignore_codes(m.group(2))
        if m.group(1) == "ignore":
            self._ignore(lineno, codes)
        else:
            self.ignore_next = codes

    def _ignore(self, lineno: int, codes: frozenset[str]) -> None:
        self.out.ignores[lineno] = self.out.ignores.get(lineno, frozenset()) | codes

    def _mask(self, s: str) -> str:
        """Hide escapes, code spans, autolinks and HTML tags behind spaces (columns unchanged)."""
        if "\\" in s:
            s = ESCAPE_RE.sub("  ", s)
        if "`" in s:
            runs = list(BACKTICKS_RE.finditer(s))
            parts, pos, i = [], 0, 0
            while i < len(runs):
                opener = runs[i]
                closer = next((r for r in runs[i + 1 :] if len(r.group()) == len(opener.group())), None)
                if closer is None:
                    i += 1
                    continue
                parts.append(s[pos : opener.start()])
                parts.append(" " * (closer.end() - opener.start()))
                pos = closer.end()
                i = runs.index(closer) + 1
            parts.append(s[pos:])
            s = "".join(parts)
        if "<" in s:
            s = AUTOLINK_RE.sub(lambda m: " " * len(m.group()), s)
        return s

    def _html_ids(self, s: str, lineno: int, col0: int) -> str:
        """Record id="…" (and <a name="…">) of HTML tags; return the line with tags blanked."""
        def repl(m: re.Match) -> str:
            if not m.group(1) and m.group(3):
                tag = m.group(2).lower()
                attrs = {}
                for a in ATTR_IN_TAG_RE.finditer(m.group(3)):
                    attrs[a.group(1).lower()] = next((g for g in a.group(2, 3, 4) if g is not None), None)
                for key in ("id", "name"):
                    value = attrs.get(key)
                    if value and (key == "id" or tag == "a"):
                        self.out.anchors.append(Anchor(value, lineno, col0 + m.start(), "html"))
                        if "markdown" in attrs:
                            self.used_ids.add(value)
            return " " * len(m.group())

        return TAG_RE.sub(repl, s)

    def _inline(self, s: str, lineno: int, col0: int, prose: bool, in_heading: bool = False) -> None:
        """Links, images, attribute-list ids, footnote refs and (when ``prose``) term mentions."""
        if "<" in s:
            s = self._html_ids(s, lineno, col0)
        self._running_text(s, lineno, col0)
        if "[" in s:
            s = self._links(s, 0, len(s), lineno, col0, in_heading)
        if "{" in s:
            def attr(m: re.Match) -> str:
                id_, ok = parse_attr_list(m.group(1))
                if not ok:
                    return m.group()
                if id_:
                    self.out.anchors.append(Anchor(id_, lineno, col0 + m.start(), "attr"))
                    self.used_ids.add(id_)
                return " " * len(m.group())

            s = INLINE_ATTR_RE.sub(attr, s)
        matcher = self.opts.matcher
        if prose and matcher is not None:
            if ignored(self.out.ignores, lineno, "G005"):
                return
            if "://" in s or "www." in s:
                s = BARE_URL_RE.sub(lambda m: " " * len(m.group()), s)
            self.prose.append((s, lineno, col0))

    def _running_text(self, s: str, lineno: int, col0: int) -> None:
        """Record the words a reader sees: link texts kept, targets, attribute lists and URLs blanked."""
        if RUNNING_SPECIAL_RE.search(s) is None:
            if s and not s.isspace():
                self.out.text.append((s, lineno, col0))
            return
        if "[" in s or "]" in s:
            if "](" in s:
                s = LINK_DEST_RE.sub(lambda m: " " * len(m.group()), s)
            if "][" in s or "[^" in s:
                s = REF_LABEL_RE.sub(lambda m: " " * len(m.group()), s)
            s = s.replace("![", "  ").replace("[", " ").replace("]", " ")
        if "{" in s:
            s = INLINE_ATTR_RE.sub(lambda m: " " * len(m.group()) if parse_attr_list(m.group(1))[1] else m.group(), s)
        if "://" in s or "www." in s:
            s = BARE_URL_RE.sub(lambda m: " " * len(m.group()), s)
        if s.strip():
            self.out.text.append((s, lineno, col0))

    def _links(self, s: str, start: int, end: int, lineno: int, col0: int, in_heading: bool) -> str:
        """Find links/images in s[start:end]; return s with link texts and targets blanked."""
        i = s.find("[", start, end)
        while i != -1:
            j = self._close_bracket(s, i, end)
            if j == -1:
                i = s.find("[", i + 1, end)
                continue
            label = s[i + 1 : j]
            image = i > 0 and s[i - 1] == "!"
            begin = i - 1 if image else i
            col = col0 + begin
            if label.startswith("^") and not image:
                if self.opts.footnotes and (j + 1 >= len(s) or s[j + 1] != ":"):
                    name = label[1:]
                    n = self.fnref_counts.get(name, 0) + 1
                    self.fnref_counts[name] = n
                    ref_id = f"fnref:{name}" if n == 1 else f"fnref{n}:{name}"
                    self.out.anchors.append(Anchor(ref_id, lineno, col, "footnote"))
                s = s[:i] + " " * (j + 1 - i) + s[j + 1 :]
                i = s.find("[", j + 1, end)
                continue
            nxt = s[j + 1] if j + 1 < end else ""
            if nxt == "(":
                k, url = self._destination(s, j + 1, end)
                if k != -1:
                    if "[" in label and not image:
                        s = self._links(s, i + 1, j, lineno, col0, in_heading)
                    self.out.links.append(Link(url, lineno, col, image, None, False, in_heading))
                    s = s[:begin] + " " * (k + 1 - begin) + s[k + 1 :]
                    i = s.find("[", k + 1, end)
                    continue
            elif nxt == "[":
                close = s.find("]", j + 2, end)
                if close != -1:
                    ref = s[j + 2 : close] or label
                    self.out.links.append(Link(None, lineno, col, image, _norm_label(ref), False, in_heading))
                    s = s[:begin] + " " * (close + 1 - begin) + s[close + 1 :]
                    i = s.find("[", close + 1, end)
                    continue
            if not (TASK_RE.match(s[i:]) and not s[:i].strip()) and label.strip():
                self.out.links.append(Link(None, lineno, col, image, _norm_label(label), True, in_heading))
            i = s.find("[", i + 1, end)
        return s

    @staticmethod
    def _close_bracket(s: str, i: int, end: int) -> int:
        depth = 0
        for k in range(i, end):
            ch = s[k]
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    return k
        return -1

    @staticmethod
    def _destination(s: str, p: int, end: int) -> tuple[int, str]:
        """Parse ``(url "title")`` starting at the ``(``; return (index of ``)``, url) or (-1, '')."""
        simple = _SIMPLE_DEST.match(s, p, end)  # the usual ``(url)``: the loops below agree
        if simple is not None:
            return simple.end() - 1, simple.group(1)
        k = p + 1
        while k < end and s[k] in " \t":
            k += 1
        if k < end and s[k] == "<":
            close = s.find(">", k)
            if close == -1:
                return -1, ""
            url, k = s[k + 1 : close], close + 1
        else:
            depth, begin = 0, k
            while k < end:
                ch = s[k]
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    if depth == 0:
                        break
                    depth -= 1
                elif ch in " \t":
                    break
                k += 1
            url = s[begin:k]
        depth = 0
        quote = None
        while k < end:
            ch = s[k]
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    return k, url
                depth -= 1
            k += 1
        return -1, ""

    # ---- headings ---------------------------------------------------------------------------

    def _atx(self, body: str, lineno: int, col: int) -> bool:
        """An ATX heading (``## Title``) at ``body``, if it is one."""
        m = ATX_RE.match(body)
        if m:
            self._heading(m.group(2), lineno, col, col + len(m.group(1)))
        return m is not None

    def _heading(self, raw: str, lineno: int, col: int, text_col: int | None = None) -> None:
        id_, cut = _header_attrs(raw)
        if cut >= 0:
            raw = raw[:cut].rstrip("#").rstrip()
        masked = self._mask(raw)
        self._inline(masked, lineno, text_col or col, prose=False, in_heading=True)
        if id_ is not None:
            self.used_ids.add(id_)
        self.pending_headings.append((raw.strip(), id_, lineno, col))

    def heading_text(self, raw: str) -> str:
        """The text the toc extension slugifies: rendered inline HTML, tags stripped, unescaped."""
        text = raw
        if "`" in text:
            text = re.sub(r"(`+)(.+?)\1", lambda m: m.group(2).strip(), text)
        if "<" in text:
            text = re.sub(r"<!--.*?-->", "", text)
            text = TAG_RE.sub("", text)
        if "[" in text:
            text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
            text = re.sub(r"\[\^[^\]]+\]", "", text) if self.opts.footnotes else text
            text = re.sub(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])", r"\1", text)
        if "\\" in text:
            text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|])", r"\1", text)
        if any(c in text for c in "*_~=^"):
            text = EMPHASIS_RE.sub("", text)
        return html.unescape(" ".join(text.split()))

    def _finish_headings(self) -> None:
        slugify, sep = self.opts.slugify, self.opts.separator
        for raw, id_, lineno, col in self.pending_headings:
            explicit = id_ is not None
            if not explicit:
                id_ = _unique(slugify(self.heading_text(raw), sep), self.used_ids)
            self.out.anchors.append(Anchor(id_, lineno, col, "heading" if explicit else "heading-auto"))
        self.out.anchors.sort(key=lambda a: (a.line, a.col))

    # ---- blocks -----------------------------------------------------------------------------

    def run(self) -> PageData:
        lines = self.lines
        n = len(lines)
        front, _body, has_front = split_front_matter(self.text)
        i = len(front) + 2 if has_front else 0
        fence: tuple[str, int] | None = None  # (char, length)
        containers: list[int] = []  # content indent of open admonitions, lists, tabs, footnotes
        prev_blank = True
        para = False  # inside a paragraph (a lazy line continues it)
        code_indent = -1  # inside an indented code block at this indent
        raw_html: list = []  # [tag, depth] while inside a raw (non-markdown) HTML block
        while i < n:
            line = lines[i]
            lineno = i + 1
            i += 1
            if self.ignore_next is not None:
                self._ignore(lineno, self.ignore_next)
                self.ignore_next = None
            if fence is not None:
                stripped = line.strip()
                if stripped.startswith(fence[0] * fence[1]) and not stripped.strip(fence[0][0]):
                    fence = None
                continue
            if self.in_comment or "<!--" in line:
                line = self._strip_comments(line, lineno)
            if not line.strip():
                prev_blank, para = True, False
                continue
            indent = _indent(line)
            if code_indent >= 0:
                if indent >= code_indent:
                    prev_blank = False
                    continue
                code_indent = -1
            if raw_html:
                self._raw_html_line(line, lineno, raw_html)
                prev_blank = False
                continue
            body = line.lstrip(" \t")
            lazy = para and not prev_blank
            if containers and indent < containers[-1]:
                if not (lazy and not LIST_RE.match(body) and not body.startswith(("#", "```", "~~~", "!!!", "???", "===", "<"))):
                    while containers and indent < containers[-1]:
                        containers.pop()
            base = containers[-1] if containers else 0
            rel = indent - base
            col = len(line) - len(body) + 1
            if rel >= 4 and not lazy:
                if prev_blank or not para:
                    code_indent = base + 4
                    prev_blank = False
                    continue
            prev_blank = False
            fm = FENCE_RE.match(body) if body[:1] in "`~" else None
            if fm and not (fm.group(1)[0] == "`" and "`" in fm.group(2)):
                fence = (fm.group(1)[0], len(fm.group(1)))
                para = False
                continue
            while body.startswith(">"):
                body = body[1:].lstrip(" ") if body[1:2] == " " else body[1:]
                col = len(line) - len(body) + 1
            first = body[0] if body else ""
            if first == "#" and self._atx(body, lineno, col):
                para = False
                continue
            if first in "!?=" and (body.startswith(("!!!", "???", "==="))):
                m = CONTAINER_RE.match(body) or TAB_RE.match(body)
                if m:
                    containers.append(indent + 4)
                    if body.startswith("===") and self.opts.tab_slugify and m.group("title"):
                        self._tab(m.group("title"), lineno, col)
                    elif m.group("title"):
                        self._inline(self._mask(m.group("title")), lineno, col + m.start("title"), prose=False)
                    para = False
                    continue
            if first == "<":
                hm = HTML_BLOCK_RE.match(body)
                if hm and not hm.group(1) and hm.group(2).lower() in BLOCK_TAGS and not para:
                    tag = hm.group(2).lower()
                    if not re.search(r"\smarkdown(?:\s*=|\s|>|$)", body.split(">", 1)[0] + ">"):
                        raw_html[:] = [tag, 0]
                        self._raw_html_line(line, lineno, raw_html)
                        para = False
                        continue
            if first == "[":
                if body.startswith("[^") and self.opts.footnotes:
                    fm2 = FOOTNOTE_DEF_RE.match(body)
                    if fm2:
                        self.out.anchors.append(Anchor(f"fn:{fm2.group(1)}", lineno, col, "footnote"))
                        containers.append(indent + 4)
                        rest = body[fm2.end() :]
                        self._inline(self._mask(rest), lineno, col + fm2.end(), prose=True)
                        para = True
                        continue
                rm = REFDEF_RE.match(body)
                if rm and rm.group(2) and not rm.group(1).startswith("^"):
                    url = rm.group(2).lstrip("<").rstrip(">")
                    label = _norm_label(rm.group(1))
                    self.out.refdefs.setdefault(label, RefDef(url, lineno, col + rm.start(2)))
                    para = False
                    continue
            if first == "*" and ABBR_DEF_RE.match(body):
                continue
            if para and body[:1] in "=-" and SETEXT_RE.match(body) and rel < 4 and self._setext(lineno - 1):
                para = False
                continue
            lm = LIST_RE.match(body) if first in "*+-0123456789" else None
            if lm:
                if first in "*-" and re.match(r"^(?:[*-][ \t]*){3,}$", body):
                    para = False  # a horizontal rule
                    continue
                containers.append(indent + 4)
                body = body[lm.end() :]
                col += lm.end()
                tm = TASK_RE.match(body)
                if tm:
                    body, col = body[tm.end() :], col + tm.end()
                if body.startswith("#") and self._atx(body, lineno, col):
                    para = False
                    continue
            elif first == ":" and DEF_RE.match(body):
                dm = DEF_RE.match(body)
                containers.append(indent + 4)
                body, col = body[dm.end() :], col + dm.end()
            self._inline(self._mask(body), lineno, col, prose=True)
            para = True
        self._finish_headings()
        if self.opts.matcher is not None and self.prose:
            self.opts.matcher.find(self.prose, self.out.mentions)
        return self.out

    def _setext(self, text_lineno: int) -> bool:
        """Turn the previous line (already scanned as text) into a heading if it can be one."""
        text = self.lines[text_lineno - 1]
        body = text.strip()
        if not body or body[0] in "#|>" or LIST_RE.match(body):
            return False
        # The text on that line belongs to a heading, where mentions are not looked for.
        self.prose = [segment for segment in self.prose if segment[1] != text_lineno]
        self.out.links[:] = [link._replace(in_heading=True) if link.line == text_lineno else link for link in self.out.links]
        id_, cut = _header_attrs(body)
        if cut >= 0:
            body = body[:cut].rstrip()
        if id_ is not None:
            self.used_ids.add(id_)
            self.out.anchors[:] = [a for a in self.out.anchors if not (a.line == text_lineno and a.kind == "attr" and a.id == id_)]
        self.pending_headings.append((body, id_, text_lineno, _indent(text) + 1))
        return True

    def _tab(self, title: str, lineno: int, col: int) -> None:
        slug = self.opts.tab_slugify(self.heading_text(title), self.opts.tab_separator)
        if slug:
            slug = _unique(slug, self.tab_ids)
            self.out.anchors.append(Anchor(slug, lineno, col, "tab"))

    def _raw_html_line(self, line: str, lineno: int, state: list) -> None:
        tag = state[0]
        opens = len(re.findall(rf"<{tag}(?=[\s/>])", line, re.I))
        closes = len(re.findall(rf"</{tag}\s*>", line, re.I))
        self._html_ids(line, lineno, 1)
        state[1] += opens - closes
        if state[1] <= 0 or tag in VOID_TAGS:
            state.clear()


def scan(text: str, opts: ScanOptions) -> PageData:
    """Parse one Markdown source (already decoded, newlines normalised)."""
    return _Scanner(text, opts).run()
