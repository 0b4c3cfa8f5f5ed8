"""Career ladder: validate docs/data/career.yml and render it into pages.

One concern: the ladder. The schema and loader live in ``scripts/data_schemas.py``. A bad record
stops the build in ``on_config`` with one line per problem (file, line, level, field).

Markers, replaced in ``on_page_markdown`` (invisible in a plain Markdown viewer):

    <!-- md:career-ladder -->   the ladder as a styled ordered list (no script), linking to each level
    <!-- md:career-levels -->   a ``###`` section per level, id ``level-<id>`` in every language

An unknown ``career-*`` marker stops the build. Level sections are generated as Markdown, so their
links to job-instruction clauses are checked by ``mkdocs build --strict`` like any other link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from project_scripts import docs_file, load

DATA_FILE = "data/career.yml"  # relative to docs_dir
MARKER_RE = re.compile(r"<!--\s*md:(?P<name>[a-z0-9-]+)(?P<args>(?:\s+[^\s>]+)*)\s*-->")
OWNED_PREFIX = "career-"
HEADING_LEVEL = "###"

LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "ladder": "Карьерная лестница интернет-маркетолога",
        "optional": "возможный следующий шаг",
        "aka": "Другие названия",
        "scope": "Чем занимается.",
        "changes": "Что меняется по сравнению со ступенью ниже.",
        "first_changes": "С чего начинается.",
        "duties": "Добавляет пункты инструкции:",
        "no_duties": "За рамками должностной инструкции интернет-маркетолога.",
        "learn": "Что изучать дальше:",
        "no_learn": "Источники не говорят, что изучать на этой ступени.",
        "sources": "Источники",
        "more": "Подробнее — на отдельной странице",
        "ext": "Д.",
    },
    "en": {
        "ladder": "The internet marketer's career ladder",
        "optional": "possible next step",
        "aka": "Also called",
        "scope": "Scope.",
        "changes": "What changes from the level below.",
        "first_changes": "Starting point.",
        "duties": "Adds job-instruction clauses:",
        "no_duties": "Outside the internet marketer's job instruction.",
        "learn": "What to learn next:",
        "no_learn": "The sources do not say what to learn at this level.",
        "sources": "Sources",
        "more": "More on a separate page",
        "ext": "E.",
    },
}

_state: dict[str, Any] = {}



def on_config(config: MkDocsConfig) -> MkDocsConfig:
    schemas = load("data_schemas")
    path, display = docs_file(config, DATA_FILE)
    try:
        _state["data"] = schemas.load_career(path, display=display)
    except schemas.DataError as exc:
        raise PluginError(f"Invalid career data:\n{exc}") from None
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "md:" + OWNED_PREFIX not in markdown:
        return markdown
    lang = page_language(page, config)
    data = _state["data"]
    renderers: dict[str, Callable[[], str]] = {
        "career-ladder": lambda: render_ladder(data, lang),
        "career-levels": lambda: render_levels(data, lang),
    }

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if not name.startswith(OWNED_PREFIX):
            return match.group(0)
        if name not in renderers:
            raise PluginError(
                f"{page.file.src_uri}: unknown marker <!-- md:{name} --> "
                f"(the career hook knows: {', '.join(sorted(renderers))})"
            )
        if match.group("args").strip():
            raise PluginError(f"{page.file.src_uri}: <!-- md:{name} --> takes no arguments")
        return renderers[name]()

    return MARKER_RE.sub(replace, markdown)


def page_language(page: Page, config: MkDocsConfig) -> str:
    locale = getattr(page.file, "locale", None) or config.theme.get("language") or "ru"
    lang = str(locale).replace("_", "-").split("-")[0].lower()
    if lang not in LABELS:
        raise PluginError(f"{page.file.src_uri}: career hook has no labels for language '{locale}'")
    return lang


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def md_text(text: str) -> str:
    """Plain data text made safe for Markdown: HTML-escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def clause_number(duty_id: str, lang: str) -> str:
    """'p-2-4' -> '2.4'; 'ext-3' -> 'Д.3' / 'E.3' (the numbering used on the job-instruction page)."""
    if duty_id.startswith("p-"):
        return duty_id[2:].replace("-", ".")
    return LABELS[lang]["ext"] + duty_id.removeprefix("ext-")


def render_ladder(data: Any, lang: str) -> str:
    L = LABELS[lang]
    items = []
    for step, level in enumerate(data.levels, start=1):
        cls = "career-step career-step--optional" if level.optional else "career-step"
        note = f'<span class="career-step__note">{_e(L["optional"])}</span>' if level.optional else ""
        number = "→" if level.optional else str(step)
        items.append(
            f'<li class="{cls}" style="--career-step: {step}" data-level="{_e(level.id)}">'
            f'<a href="#{_e(level.anchor)}">'
            f'<span class="career-step__n" aria-hidden="true">{_e(number)}</span>'
            f'<span class="career-step__title">{_e(level.title.get(lang))}</span>{note}</a></li>'
        )
    html_block = (
        f'<nav class="career-ladder" aria-label="{_e(L["ladder"])}">'
        f'<ol>{"".join(items)}</ol></nav>'
    )
    return "\n\n" + html_block + "\n\n"


def render_levels(data: Any, lang: str) -> str:
    L = LABELS[lang]
    out: list[str] = []
    for index, level in enumerate(data.levels):
        title = md_text(level.title.get(lang))
        out.append(f"{HEADING_LEVEL} {title} {{ #{level.anchor} }}")
        out.append("")
        if level.optional:
            out.append(f"*{md_text(L['optional'].capitalize())}.*")
            out.append("")
        if level.aka is not None:
            out.append(f"*{L['aka']}: {md_text(level.aka.get(lang))}.*")
            out.append("")
        out.append(f"**{L['scope']}** {md_text(level.scope.get(lang))}")
        out.append("")
        label = L["first_changes"] if index == 0 else L["changes"]
        out.append(f"**{label}** {md_text(level.changes.get(lang))}")
        out.append("")
        if level.duties:
            links = [
                f"[{clause_number(d, lang)} — {md_text(data.duties[d].get(lang))}](job-instruction.md#{d})"
                for d in level.duties
            ]
            out.append(f"**{L['duties']}**")
            out.append("")
            out.extend(f"- {link}" for link in links)
        else:
            out.append(f"**{L['duties'].rstrip(':')}:** {L['no_duties']}")
        out.append("")
        learn = level.learn_next.get(lang)
        if learn:
            out.append(f"**{L['learn']}**")
            out.append("")
            out.extend(f"- {md_text(item)}" for item in learn)
        else:
            out.append(f"**{L['learn']}** {L['no_learn']}")
        out.append("")
        if level.page:
            out.append(f"[{L['more']}]({level.page})")
            out.append("")
        sources = "; ".join(data.sources[s].get(lang) for s in level.sources)
        out.append(f'<p class="career-sources"><small>{_e(L["sources"])}: {_e(sources)}</small></p>')
        out.append("")
    return "\n\n" + "\n".join(out) + "\n"

