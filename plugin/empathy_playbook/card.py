"""What the meeting card prints of a section: its paragraphs and lists in the map's own order, as plain text.

The card is a document of its own (see `Renderer.card_page`), printed on one page: it shows the
text of a section, not its Markdown rendering, so that nothing from the site's pages (chips,
relative links) ends up on paper. Links to the web keep their address, so that on paper they
are not dead text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .model import Section

_ORDERED = re.compile(r"^\s*\d")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+")
# `[^\[\]]` and `[^()\s]` stop at the next bracket, and the address's alternatives start with different
# characters: each character is looked at a bounded number of times. An address may hold one level of `(...)`.
_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^<>\s]*)>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_EMPHASIS = re.compile(r"\*\*|__|\*|`")
_WEB = re.compile(r"^(?:https?:|mailto:|tel:)", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """A paragraph (`p`) or a list (`ul`, `ol`) of a section, its texts as safe inline HTML."""

    kind: str
    texts: list[Markup] = field(default_factory=list)


def blocks(section: Section) -> list[Block]:
    """The section's paragraphs and lists, in the order written; HTML comments left out."""
    starts = {item.first_line: item for item in section.items}
    inside = {n for item in section.items for n in range(item.first_line, item.line + 1)}
    result: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        text = " ".join(paragraph).strip()
        if text:
            result.append(Block("p", [inline_html(text)]))
        paragraph.clear()

    for number, text in _without_comments(section.lines):
        item = starts.get(number)
        if item is not None:
            end_paragraph()
            kind = "ol" if _ORDERED.match(text) else "ul"
            if not (result and result[-1].kind == kind):
                result.append(Block(kind))
            result[-1].texts.append(inline_html(item.text))
        elif number in inside:
            continue
        elif not text.strip():
            end_paragraph()
        else:
            paragraph.append(_HEADING_MARKS.sub("", text))
    end_paragraph()
    return result


def _without_comments(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with `<!-- ... -->` taken out, also when a comment spans lines (the `new` template has them)."""
    kept = []
    in_comment = False
    for number, text in lines:
        out = []
        rest = text
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    rest, in_comment = rest[end + 3 :], False
            else:
                start = rest.find("<!--")
                if start < 0:
                    out.append(rest)
                    rest = ""
                else:
                    out.append(rest[:start])
                    rest, in_comment = rest[start + 4 :], True
        joined = "".join(out)
        # A line that only held a comment is no blank line: it must not split a paragraph or a list.
        if joined.strip() or not text.strip():
            kept.append((number, joined))
    return kept


def inline_html(markdown: str) -> Markup:
    """A line of Markdown as escaped text; web links stay links (their address is printed after them)."""
    parts: list[str] = []
    position = 0
    text = _AUTOLINK.sub(lambda match: f"[{match.group(1)}]({match.group(1)})", markdown)
    for match in _LINK.finditer(text):
        parts.append(str(escape(_plain(text[position : match.start()]))))
        image, label, target = match.groups()
        label = _plain(label)
        if not image and _WEB.match(target):
            parts.append(f'<a href="{escape(target)}">{escape(label or target)}</a>')
        else:
            parts.append(str(escape(label)))
        position = match.end()
    parts.append(str(escape(_plain(text[position:]))))
    return Markup(" ".join("".join(parts).split()))


def _plain(markdown: str) -> str:
    return _EMPHASIS.sub("", _TAG.sub("", markdown))


def topic(item_text: str) -> str:
    """An item as the subject of a question: its plain text without the closing full stop or semicolon."""
    return str(inline_text(item_text)).rstrip(" .;:!")


def inline_text(markdown: str) -> str:
    """A line of Markdown as plain text (links keep their label)."""
    return " ".join(_plain(_LINK.sub(lambda match: match.group(2), markdown)).split())
